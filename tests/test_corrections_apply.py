"""kg.corrections: each kind of correction on a small graph, what it records, and the
exact errors for files that cannot be read as corrections."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from kg.corrections import apply_corrections, find_corrections, load_corrections
from kg.errors import BuildError
from kg.namespace import KGO, iri
from kg.query import run_query
from kg.rdf import load_graph

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"
P = lambda name: str(iri("person", name))  # noqa: E731
M = lambda slug: str(iri("meeting", slug))  # noqa: E731
R = lambda slug: str(iri("representation", slug))  # noqa: E731
BEFORE = {"ハリス": 2, "山川一郎": 1, "朴東洙": 1, "李正民": 3}


def _meetings_per_official(graph, tmp_path) -> dict[str, int]:
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    return {row[0]: row[-1] for row in run_query(path, "officials").rows}


@pytest.mark.parametrize(
    ("entry", "meetings", "description"),
    [
        ({"kind": "not-a-participant", "person": P("李正民"), "meeting": M("戦略協議会-1")},
         BEFORE | {"李正民": 2}, "李正民は第1回戦略協議会に出席していない"),
        ({"kind": "wrong-side", "representation": R("r4"), "side": "KR"},
         BEFORE | {"朴東洙": 0}, "朴東洙の側を訂正 (KR → —)"),
        ({"kind": "wrong-side", "representation": R("r2"), "side": "US", "correct_side": "JP"},
         BEFORE, "ハリスの側を訂正 (US → JP)"),
        ({"kind": "same", "nodes": [P("李正民"), P("朴東洙")]},
         {"ハリス": 2, "山川一郎": 1, "李正民": 3}, "朴東洙を李正民に統合 (同一)"),
        ({"kind": "not-same", "person": P("李正民"), "name": "イ・ジョンミン", "note": "別人の記事"},
         BEFORE | {"イ・ジョンミン": 0}, "李正民から別人「イ・ジョンミン」を分離"),
    ],
)
def test_corrections_apply_each_kind(tmp_path, entry, meetings, description):
    graph = load_graph(FIXTURE)
    graph.add((URIRef(R("r2")), RDFS.label, Literal("ハリス（米国）@第1回戦略協議会", lang="ja")))  # as kg.rdf labels them
    outcome = apply_corrections(graph, [entry], "corrections.yaml")
    assert (len(outcome.applied), outcome.unmatched) == (1, ())
    assert _meetings_per_official(graph, tmp_path) == meetings
    [correction] = graph.subjects(RDF.type, KGO.Correction)
    assert graph.value(correction, KGO.correctionKind) == Literal(entry["kind"])
    assert Literal(description, lang="ja") in set(graph.objects(correction, RDFS.label))
    if entry["kind"] == "wrong-side" and "correct_side" in entry:
        rep = URIRef(entry["representation"])
        assert graph.value(graph.value(rep, KGO.side), KGO.isoCode) == Literal("JP")
        assert graph.value(rep, RDFS.label) == Literal("ハリス（日本）@第1回戦略協議会", lang="ja")
    if entry["kind"] == "same":
        assert Literal("朴東洙", lang="ja") in set(graph.objects(URIRef(P("李正民")), SKOS.altLabel))
    if entry["kind"] == "not-same":
        assert "イ・ジョンミン" not in {str(v) for v in graph.objects(URIRef(P("李正民")), SKOS.altLabel)}
        assert graph.value(URIRef(P("イ・ジョンミン")), RDFS.label) == Literal("イ・ジョンミン", lang="ja")
        assert graph.value(correction, RDFS.comment) == Literal("別人の記事")


def test_corrections_that_match_nothing_are_reported_not_applied():
    graph = load_graph(FIXTURE)
    before = len(graph)
    outcome = apply_corrections(graph, [
        {"kind": "not-a-participant", "person": P("李正民"), "meeting": M("存在しない会合")},
        {"kind": "wrong-side", "representation": R("r99"), "side": "KR"},
        {"kind": "not-same", "person": P("ハリス"), "name": "ハリス"},
    ], "c.yaml")
    assert outcome.applied == () and [u["number"] for u in outcome.unmatched] == [1, 2, 3]
    assert len(graph) == before


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("corrections: [unclosed\n", "while parsing a flow sequence"),
        ("- kind: same\n", "the file is not a mapping with a 'corrections' list"),
        ("corrections:\n- kind: wrong\n", "correction 1 has no kind among wrong-side, not-a-participant, not-same, same"),
        ("corrections:\n- kind: not-a-participant\n  person: x\n", "correction 1 (not-a-participant) lacks meeting"),
        ("corrections:\n- kind: same\n  nodes: [a]\n", "correction 1 (same) needs a list of two or more nodes"),
    ],
)
def test_corrections_invalid_file_is_E520(tmp_path, text, reason):
    path = tmp_path / "corrections.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as info:
        load_corrections(path)
    assert str(info.value) == f"[E520] invalid corrections file {path}: {reason}; see docs/corrections.md for the format"


def test_corrections_file_is_found_beside_the_articles(tmp_path):
    (tmp_path / "a.txt").write_text("本文", encoding="utf-8")
    assert find_corrections([tmp_path]) is None
    (tmp_path / "corrections.yaml").write_text("corrections: []\n", encoding="utf-8")
    assert find_corrections([tmp_path]) == find_corrections([tmp_path / "a.txt"]) == tmp_path / "corrections.yaml"
    assert load_corrections(tmp_path / "corrections.yaml") == []


def test_corrections_file_change_rebuilds_and_same_file_is_up_to_date(tmp_path):
    """The file is part of what the build depends on: unchanged, the build is up to date;
    changed, the graph is rebuilt with it (and a correction matching nothing is a warning)."""
    import shutil

    from click.testing import CliRunner

    from conftest import SEEDS, TEST_CACHE
    from kg.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(seed, corpus / seed.name)
    (corpus / "corrections.yaml").write_text("corrections: []\n", encoding="utf-8")

    def build():
        return CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--cache-dir", str(TEST_CACHE)])

    assert build().stdout.startswith("built ")
    assert build().stdout.startswith("up to date: ")
    (corpus / "corrections.yaml").write_text(
        f"corrections:\n- kind: not-a-participant\n  person: {P('誰でもない')}\n  meeting: {M('どこでもない')}\n",
        encoding="utf-8")
    again = build()
    assert again.stdout.startswith("built ")
    assert f"  corrections: 0 applied from {corpus / 'corrections.yaml'}, 1 matching nothing" in again.stdout.splitlines()
    assert again.stderr.splitlines() == [
        f"warning: correction 1 (not-a-participant) in {corpus / 'corrections.yaml'} matches nothing in the graph "
        "(fixed or gone); it was not applied"]
