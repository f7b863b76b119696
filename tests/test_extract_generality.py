"""Generality: build the held-out-style corpus (``tests/corpus/``: other outlets, other
forums, other furniture, Shift_JIS/EUC-JP/HTML) and score it against its gold.

The gold is written by a human reader (see docs/test-corpus.md); nothing here is tuned to
what the pipeline happens to output. Run with ``-s`` to see misses and false alarms.

Extraction rules have been written with ``tests/corpus/`` in view, so it is a regression
suite by now. To score unseen text the same way, point ``KG_HELDOUT_CORPUS`` at one or
more folders (separated by ``os.pathsep``) laid out like ``tests/corpus/`` (articles,
sidecars, ``gold/NAME.yaml``):

    KG_HELDOUT_CORPUS=/data/unseen .venv/bin/python -m pytest tests/test_extract_generality.py -s
"""
from __future__ import annotations

import json
import re
import os
from pathlib import Path

import pytest
import rdflib
import yaml

from kg.ingest import iter_input_files, load_article
from kg.namespace import KGO

from conftest import ROOT, TEST_CACHE

CORPUS = ROOT / "tests" / "corpus"
# Held-out sets written blind and scored before the rules saw them (figures in
# docs/test-corpus.md); kept as a regression suite of other outlets' constructions.
REGRESSION = ROOT / "tests" / "regression"
# The development halves of two blind corpora written on 2026-12-06 by writers who never read
# the extractor (docs/test-corpus.md); their sealed halves stay outside the repository.
BLIND = ROOT / "tests" / "blind"
# Two more made-up corpora of 2026-12-07 (docs/test-corpus.md): one opened after its sealed first
# and second look, one written for development; a third, sealed, stays outside the repository.
BLIND3 = ROOT / "tests" / "blind3"
MIN_REPRESENTATION_F1 = 0.90


def _corpora() -> list[Path]:
    """``tests/corpus``, ``tests/regression``, ``tests/blind`` and ``tests/blind3``, then the folders named in
    ``KG_HELDOUT_CORPUS``."""
    extra = os.environ.get("KG_HELDOUT_CORPUS", "")
    return [CORPUS, REGRESSION, BLIND, BLIND3, *(Path(p) for p in extra.split(os.pathsep) if p)]


CORPORA = _corpora()
GOLD_FILES = [g for corpus in CORPORA for g in sorted((corpus / "gold").glob("*.yaml"))]


def _gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _raw_text(article_path: Path) -> str:
    """The whole file decoded as ingest decoded it, furniture and markup included."""
    article = load_article(article_path)
    return article_path.read_bytes().decode(article.encoding).lstrip("\ufeff")


# ---------------------------------------------------------------- the gold itself (fast)


def test_extract_generality_corpus_has_an_article_per_gold_file():
    articles = {p.name for p in iter_input_files([CORPUS])}
    documents = {_gold(g)["document"] for g in sorted((CORPUS / "gold").glob("*.yaml"))}
    assert 10 <= len(articles) <= 12
    assert documents == articles


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_extract_generality_gold_agrees_with_its_article(gold_path):
    """Every gold name is written in the article, every reference resolves, dates match."""
    gold = _gold(gold_path)
    article_path = gold_path.parent.parent / gold["document"]
    raw = _raw_text(article_path)
    sidecar = json.loads(article_path.with_suffix(".meta.json").read_text(encoding="utf-8"))
    assert str(gold["published"]) == sidecar["published"]

    people = gold["officials"] + (gold.get("others") or [])
    for person in people:
        for spelling in [person["name"], *person.get("aliases", [])]:
            # (names compare without blanks, as the scorer compares them: 「山川　一郎」 in a table)
            assert spelling in raw or spelling in re.sub(r"[ \u3000]", "", raw), \
                f"{gold_path.name}: {spelling!r} is not in the article"
    names = {p["name"] for p in people}
    meeting_ids = {m["id"] for m in gold["meetings"]}
    for rep in gold["representations"]:
        assert rep["official"] in names, f"{gold_path.name}: unknown official {rep}"
        assert rep["meeting"] in meeting_ids, f"{gold_path.name}: unknown meeting {rep}"
    required_meetings = {m["id"] for m in gold["meetings"] if not m.get("optional")}
    # Negative articles (briefings only, a planned or never-held meeting) have none.
    assert required_meetings or not any(not r.get("optional") for r in gold["representations"])
    for rep in gold["representations"]:
        if not rep.get("optional"):
            assert rep["meeting"] in required_meetings, f"{gold_path.name}: {rep} is required at an optional meeting"


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_extract_generality_furniture_names_belong_to_one_article_only(corpus):
    """A ``must_not_extract`` name occurs in its own page and only in pages whose gold also
    lists it as furniture (the same sidebar can run on two pages), never in a body."""
    raw_by_document = {p.name: _raw_text(p) for p in iter_input_files([corpus])}
    golds = [_gold(g) for g in sorted((corpus / "gold").glob("*.yaml"))]
    furniture_pages: dict[str, set[str]] = {}
    for gold in golds:
        for name in gold["must_not_extract"]:
            furniture_pages.setdefault(name, set()).add(gold["document"])
    for gold in golds:
        for name in gold["must_not_extract"]:
            holders = {doc for doc, raw in raw_by_document.items() if name in raw}
            assert gold["document"] in holders, f"{name!r} is not in {gold['document']}"
            assert holders <= furniture_pages[name], f"{name!r} occurs in {sorted(holders)}"


# ---------------------------------------------------------------- the real build (slow)


@pytest.fixture(scope="session", params=CORPORA, ids=lambda p: p.name)
def corpus_build(request, tmp_path_factory):
    """A full build of one corpus folder with the real pipeline: (corpus, outdir, report)."""
    from kg.pipeline import build_corpus

    out = tmp_path_factory.mktemp(f"{request.param.name}-out")
    report = build_corpus([request.param], out, cache_dir=TEST_CACHE)
    return request.param, out, report


@pytest.fixture(scope="session")
def corpus_scores(corpus_build) -> dict:
    from kg.evaluate import evaluate

    corpus, out, _ = corpus_build
    return evaluate(out / "graph.ttl", corpus / "gold")


@pytest.mark.slow
def test_extract_generality_reads_every_article(corpus_build):
    """Shift_JIS, EUC-JP and saved HTML pages are all read; none is skipped."""
    corpus, out, report = corpus_build
    assert report.skipped == []
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    documents = set(graph.subjects(rdflib.RDF.type, KGO.Document))
    assert len(documents) == len(list((corpus / "gold").glob("*.yaml")))


@pytest.mark.slow
def test_extract_generality_representation_f1(corpus_scores):
    from kg.evaluate import format_report

    print("\n" + format_report(corpus_scores))
    assert corpus_scores["representations"]["f1"] >= MIN_REPRESENTATION_F1


@pytest.mark.slow
def test_extract_generality_no_furniture_people(corpus_scores):
    assert corpus_scores["must_not_extract"]["violations"] == []
