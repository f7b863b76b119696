"""Sidecar keys beyond the four a build reads: an unknown key is said once per key (with
the number of files), not once per file; keys that mean something (license, author,
language) are kept as document metadata under their Dublin Core term."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.ingest import load_article
from kg.namespace import iri
from kg.pipeline import build_corpus

from conftest import SEEDS, TEST_CACHE

SEED_FILES = sorted(SEEDS.glob("*.txt"))[:3]
# (extra sidecar keys, the document's dcterms triples they give)
METADATA = [
    ({"license": "CC BY 4.0", "lang": "ja"},
     {(DCTERMS.license, Literal("CC BY 4.0")), (DCTERMS.language, Literal("ja"))}),
    ({"licence": "https://creativecommons.org/licenses/by/4.0/", "author": "外務省報道課"},
     {(DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")),
      (DCTERMS.creator, Literal("外務省報道課"))}),
    ({"license_note": "政府標準利用規約に準拠", "language": "ja", "lang": "en"},
     {(DCTERMS.rights, Literal("政府標準利用規約に準拠")), (DCTERMS.language, Literal("ja"))}),
]


@pytest.fixture(scope="module")
def sidecar_build(tmp_path_factory):
    """Three seed articles whose sidecars all carry the unknown key "query" (and one an
    unknown "dataset"), each with one row of METADATA; the messages and the graph."""
    base = tmp_path_factory.mktemp("sidecar-keys")
    corpus = base / "corpus"
    corpus.mkdir()
    for i, (seed, (extra, _)) in enumerate(zip(SEED_FILES, METADATA)):
        (corpus / seed.name).write_bytes(seed.read_bytes())
        meta = json.loads(seed.with_suffix(".meta.json").read_text(encoding="utf-8"))
        meta.update(extra, query="検索語")
        if i == 0:
            meta["dataset"] = "自作の見出し集"
        (corpus / f"{seed.stem}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    messages: list[str] = []
    build_corpus([corpus], base / "out", cache_dir=TEST_CACHE, formats=(), on_message=messages.append)
    return corpus, messages, Graph().parse(base / "out" / "graph.ttl")


def test_pipeline_sidecar_keys_unknown_key_said_once_with_a_count(sidecar_build):
    corpus, messages, _ = sidecar_build
    w102 = [m for m in messages if "W102" in m]
    tail = ("valid keys: published, url, source, title, and license, licence, license_note, rights, author, "
            "creator, language, lang kept as document metadata")
    assert w102 == [
        f"warning: [W102] unknown sidecar key 'dataset' ignored in 1 file(s) (first: {corpus / SEED_FILES[0].name}); "
        + tail,
        f"warning: [W102] unknown sidecar key 'query' ignored in 3 file(s) (first: {corpus / SEED_FILES[0].name}); "
        + tail,
    ]


@pytest.mark.parametrize("row", range(len(METADATA)))
def test_pipeline_sidecar_keys_meaningful_keys_kept_as_document_metadata(sidecar_build, row):
    _, _, graph = sidecar_build
    doc = iri("document", SEED_FILES[row].stem)
    kept = {(p, o) for p, o in graph.predicate_objects(doc)
            if p in (DCTERMS.license, DCTERMS.rights, DCTERMS.creator, DCTERMS.language)}
    assert kept == METADATA[row][1]


def test_pipeline_sidecar_keys_library_still_notes_each_file(tmp_path):
    """load_article alone (one file) keeps its per-file note; only a build groups them."""
    path = tmp_path / "a.txt"
    path.write_text("日米両政府は5日、東京で外相会談を開いた。\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"query": "x", "lang": "ja"}', encoding="utf-8")
    article = load_article(path)
    assert article.metadata == (("language", "ja"),)
    assert article.warnings == (
        "[W102] sidecar a.meta.json: unknown key 'query' ignored; valid keys: published, url, source, title",)
