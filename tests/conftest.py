"""Shared fixtures: one GiNZA load per test session, one seed build per session.

Parsed documents are cached on disk (``.kg-cache/tests``, git-ignored) so a second run
of the suite does not parse the seeds again.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
TEST_CACHE = ROOT / ".kg-cache" / "tests"


def _shared_dir() -> Path | None:
    """../shared beside the checkout (CI, the lead's) or beside a worktree's folder."""
    candidates = [os.environ.get("KG_SHARED_DIR"), ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "tools" / "score.py").is_file():
            return Path(candidate)
    return None


SHARED = _shared_dir()


@pytest.fixture(scope="session")
def nlp():
    """The real GiNZA pipeline with the domain components, loaded once."""
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """A full ``kg build`` of ``seeds/`` into a temporary folder: (outdir, report)."""
    from kg.pipeline import build_corpus

    out = tmp_path_factory.mktemp("seed-out")
    report = build_corpus([SEEDS], out, cache_dir=TEST_CACHE)
    return out, report


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    """The seed build's ``graph.ttl`` parsed with rdflib."""
    import rdflib

    out, _ = seed_build
    g = rdflib.Graph()
    g.parse(out / "graph.ttl", format="turtle")
    return g


@pytest.fixture(scope="session")
def seed_ttl(seed_build) -> Path:
    return seed_build[0] / "graph.ttl"


def pytest_configure(config):
    os.environ.setdefault("KG_CACHE_DIR", str(TEST_CACHE))
    # An exception inside parsing or extraction of any article of any corpus the tests
    # build (in-process, in workers, through the CLI) fails the build, hence the test:
    # a rule bug must never pass as a skipped file. Tests that inject one unset it.
    os.environ["KG_FAIL_ON_INTERNAL_ERROR"] = "1"


@pytest.fixture(scope="session")
def facts_of(nlp):
    """``facts_of(text, published=None)``: DocumentFacts of a made-up article whose body is
    one block per non-empty line (real GiNZA, the real extractor)."""
    from kg.extract import extract_facts
    from kg.nlp import parse_blocks
    from kg.normalise import parse_texts
    from kg.records import Article

    def run(text: str, published: str | None = None, doc_id: str = "t"):
        body, offset = [], 0
        for line in text.split("\n"):
            if line.strip():
                body.append((offset, offset + len(line)))
            offset += len(line) + 1
        article = Article(doc_id=doc_id, path=f"{doc_id}.txt", text=text, body=tuple(body), published=published)
        docs = parse_blocks(nlp, parse_texts(article))
        return extract_facts(article, docs)

    return run


@pytest.fixture(scope="session")
def facts_of_page(nlp, tmp_path_factory):
    """``facts_of_page(text, published=None)``: DocumentFacts of a made-up article read the
    way a file is (kg.ingest.load_article: typed blocks, headings, rosters), real GiNZA."""
    from dataclasses import replace

    from kg.extract import extract_facts
    from kg.ingest import load_article
    from kg.nlp import parse_blocks
    from kg.normalise import parse_texts

    folder = tmp_path_factory.mktemp("pages")

    def run(text: str, published: str | None = None):
        path = folder / "page.txt"
        path.write_text(text, encoding="utf-8")
        article = replace(load_article(path), published=published)
        docs = parse_blocks(nlp, parse_texts(article))
        return extract_facts(article, docs)

    return run


@pytest.fixture(scope="session")
def realdev_ttl(tmp_path_factory) -> Path:
    """A build of ../shared/realdev/articles, the real development corpus (parsed documents
    cached in the test cache); skipped when the shared folder is absent."""
    if SHARED is None or not (SHARED / "realdev" / "articles").is_dir():
        pytest.skip("../shared/realdev not found (set KG_SHARED_DIR to the shared folder)")
    from kg.pipeline import build_corpus

    out = tmp_path_factory.mktemp("realdev-out")
    build_corpus([SHARED / "realdev" / "articles"], out, cache_dir=TEST_CACHE)
    return out / "graph.ttl"


@pytest.fixture(scope="session")
def union_ttl(tmp_path_factory) -> Path:
    """One build of ../shared/seeds + realdev + realdev2 together (the corpora of the
    cross-document identity gold, ../shared/identity), parses from the test cache; skipped
    when the shared folder is absent."""
    corpora = [SHARED / "seeds", SHARED / "realdev" / "articles", SHARED / "realdev2" / "articles"] if SHARED else []
    if not corpora or not all(c.is_dir() for c in corpora) or not (SHARED / "identity").is_dir():
        pytest.skip("../shared seeds/realdev/realdev2/identity not found (set KG_SHARED_DIR to the shared folder)")
    from kg.pipeline import build_corpus

    out = tmp_path_factory.mktemp("union-out")
    build_corpus(corpora, out, cache_dir=TEST_CACHE)
    return out / "graph.ttl"


@pytest.fixture(scope="session")
def dask_cluster():
    """A Dask LocalCluster of two single-threaded worker processes on loopback."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=40,
    ) as local:
        yield local


def shacl_errors(ttl: Path) -> list[str]:
    """The SHACL violations (not warnings) of a built graph, one line each."""
    import rdflib

    from kg.validate import validate

    graph = rdflib.Graph()
    graph.parse(ttl, format="turtle")
    return [str(v) for v in validate(graph).errors]


def reps_of(facts) -> set[tuple[str, str, str]]:
    """(person name, side, meeting forum) of every representation of one article's facts."""
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations}
