"""kg.evaluate: the reference scorer's matching rules, one small made-up case each.

Every case is a hand-written Turtle graph and gold files (made-up names) with the figures
shared/tools/score.py gives for it; tests/test_evaluate_reference.py runs the same cases
through score.py itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.evaluate import dates_agree, evaluate, forum_match, normalise

PREFIXES = """\
@base <https://w3id.org/kaigi-kg/id/> .
@prefix kgo: <https://w3id.org/kaigi-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<country/AA> a kgo:Country ; kgo:isoCode "AA" .
<country/BB> a kgo:Country ; kgo:isoCode "BB" .
<document/p> a kgo:Document .
<document/q> a kgo:Document .
<evidence/p-1> a kgo:Evidence ; kgo:document <document/p> ; nif:anchorOf "山野一郎が出た。" .
<evidence/q-1> a kgo:Evidence ; kgo:document <document/q> ; nif:anchorOf "山野一郎が出た。" .
<person/yamano> a kgo:Person, kgo:Official ; rdfs:label "山野一郎"@ja ; kgo:country <country/AA> .
<forum/kaigi> a kgo:Forum ; rdfs:label "青空協議"@ja ; kgo:acronym "BSD" .
<meeting/k3> a kgo:Meeting ; kgo:forum <forum/kaigi> ; kgo:ordinal 3 ; kgo:date "2023-05-10"^^xsd:date .
"""


def rep(node: str, meeting: str = "k3", evidence: str | None = "p-1", person: str = "yamano", side: str = "AA") -> str:
    """One kgo:Representation in Turtle."""
    ev = f" ; kgo:evidence <evidence/{evidence}>" if evidence else ""
    return (f"<representation/{node}> a kgo:Representation ; kgo:official <person/{person}> ;"
            f" kgo:side <country/{side}> ; kgo:meeting <meeting/{meeting}>{ev} .\n")


def gold(document: str, meetings: str, representations: str, officials: str = "", must_not: str = "[]") -> str:
    """One gold YAML file; ``officials`` defaults to 山野一郎 (AA)."""
    officials = officials or "  - {name: 山野一郎, aliases: [ヤマノ・イチロウ], country: AA}\n"
    return (f"document: {document}.txt\npublished: 2023-05-11\nofficials:\n{officials}"
            f"meetings:\n{meetings}representations:\n{representations}must_not_extract: {must_not}\n")


M3 = "  - {id: m1, forum: 青空協議, acronym: BSD, ordinal: 3, date: 2023-05-10, sides: [AA, BB]}\n"
R1 = "  - {official: 山野一郎, side: AA, meeting: m1}\n"
GOLD_P = gold("p", M3, R1)


TWO_SPELLINGS = (PREFIXES.replace('kgo:acronym "BSD"', 'kgo:acronym "BSD" ; skos:altLabel "青空会議"@ja')
                 + rep("r1").replace(" .\n", " , <evidence/q-1> .\n"))


@dataclass(frozen=True)
class Case:
    """A graph, its gold files (stem → YAML), and the figures the reference scorer gives."""

    id: str
    ttl: str
    golds: dict
    expected: dict


CASES = [
    Case("credited", PREFIXES + rep("r1"), {"p": GOLD_P},
         dict(tp=1, fp=0, fn=0, precision=1.0, recall=1.0, f1=1.0, meetings_found=1)),
    # the fact is read from article q, the gold fact is p's: no credit across articles
    Case("evidence from another article", PREFIXES + rep("r1", evidence="q-1"),
         {"p": GOLD_P, "q": gold("q", M3, "")}, dict(tp=0, fp=1, fn=1, precision=0.0, f1=0.0)),
    # a representation without evidence may credit any article
    Case("no evidence", PREFIXES + rep("r1", evidence=None), {"p": GOLD_P}, dict(tp=1, fp=0, fn=0)),
    # one extracted fact credits one gold fact: a second node for the same session is a duplicate
    Case("second meeting node is a duplicate",
         PREFIXES + '<meeting/k3b> a kgo:Meeting ; kgo:forum <forum/kaigi> ; kgo:ordinal 3 .\n'
         + rep("r1") + rep("r2", meeting="k3b"),
         {"p": GOLD_P}, dict(tp=1, fp=0, fn=0, dup=1, extracted=2)),
    # two nodes with the same (official, side, meeting) are one extracted fact
    Case("same triple twice is one fact", PREFIXES + rep("r1") + rep("r2"), {"p": GOLD_P},
         dict(tp=1, dup=0, extracted=1)),
    # an extracted fact without an ordinal matches the optional 第2回 (listed first) and the
    # required 第3回: it credits the required one
    Case("required first",
         PREFIXES + '<meeting/kx> a kgo:Meeting ; kgo:forum <forum/kaigi> .\n' + rep("r1", meeting="kx"),
         {"p": gold("p", "  - {id: m0, forum: 青空協議, ordinal: 2, date: null, optional: true}\n" + M3,
                    "  - {official: 山野一郎, side: AA, meeting: m0, optional: true}\n" + R1)},
         dict(tp=1, fp=0, fn=0, meetings_required=1, meetings_found=1)),
    # a meeting's aliases (another name the text uses for it) match like its forum name
    Case("meeting aliases",
         PREFIXES.replace('rdfs:label "青空協議"@ja ; kgo:acronym "BSD"', 'rdfs:label "海辺会合"@ja') + rep("r1"),
         {"p": gold("p", M3.replace("acronym: BSD", "acronym: null, aliases: [海辺会合]"), R1)},
         dict(tp=1, fp=0, fn=0, meetings_found=1)),
    Case("no alias, no match",
         PREFIXES.replace('rdfs:label "青空協議"@ja ; kgo:acronym "BSD"', 'rdfs:label "海辺会合"@ja') + rep("r1"),
         {"p": gold("p", M3.replace("acronym: BSD", "acronym: null"), R1)},
         dict(tp=0, fp=1, fn=1, meetings_found=0)),
    # the same fact in two files is one fact; optional in one and required in the other is
    # required; a fact read from either article credits it
    Case("gold merged across files",
         PREFIXES + rep("r1", evidence="q-1"),
         {"p": GOLD_P, "q": gold("q", M3, R1.replace("}", ", optional: true}"))},
         dict(tp=1, fp=0, fn=0, gold_required=1, officials_total=2, meetings_required=2)),
    # merging widens the first official's names with the second file's aliases: q's alias
    # ヤマノ・イチロウ now finds p's 山野一郎 too
    Case("merging widens names",
         PREFIXES.replace('rdfs:label "山野一郎"@ja', 'rdfs:label "ヤマノ・イチロウ"@ja'),
         {"p": gold("p", M3, R1, officials="  - {name: 山野一郎, aliases: [], country: AA}\n"),
          "q": gold("q", M3, R1)},
         dict(officials_total=2, officials_found=2, officials_country=2, fn=1)),
    Case("no merge, no widening",
         PREFIXES.replace('rdfs:label "山野一郎"@ja', 'rdfs:label "ヤマノ・イチロウ"@ja'),
         {"p": gold("p", M3, R1, officials="  - {name: 山野一郎, aliases: [], country: AA}\n"),
          "q": gold("q", M3, "")},
         dict(officials_total=2, officials_found=1, officials_country=1)),
    Case("wrong country", PREFIXES.replace("kgo:country <country/AA>", "kgo:country <country/BB>"),
         {"p": GOLD_P}, dict(officials_found=1, officials_country=0, tp=0, fp=0, fn=1, precision=0.0)),
    # one triple read from two articles that name the meeting differently (the gold merge
    # keeps the two facts apart) credits one of them
    Case("one triple, two unmerged facts", TWO_SPELLINGS,
         {"p": GOLD_P, "q": gold("q", M3.replace("青空協議, acronym: BSD", "青空会議, acronym: null"), R1)},
         dict(tp=1, fp=0, fn=1, dup=0, gold_required=2)),
    # must_not_extract looks at every literal (here an evidence sentence); a name listed in
    # two files counts once
    Case("noise in any literal", PREFIXES,
         {"p": gold("p", M3, R1, must_not="[山野一郎]"), "q": gold("q", M3, "", must_not="[山野一郎, 川辺花子]")},
         dict(noise=1)),
    # normalisation: NFKC, separators dropped, case folded
    Case("names and forums normalised",
         PREFIXES.replace('rdfs:label "山野一郎"@ja', 'rdfs:label "ﾔﾏﾉ ｲﾁﾛｳ"@ja')
         .replace('kgo:acronym "BSD"', 'kgo:acronym "bsd"').replace('rdfs:label "青空協議"@ja', 'rdfs:label "BSD"@en')
         + rep("r1"),
         {"p": gold("p", M3.replace("forum: 青空協議", "forum: 晴天会議"), R1)}, dict(tp=1, meetings_found=1)),
]


# Each headline figure: where kg.evaluate's report and score.py's JSON result keep it.
FIGURES = {
    "tp": ("representations.true_positives", "representations.tp"),
    "fp": ("representations.false_positives", "representations.fp"),
    "fn": ("representations.false_negatives", "representations.fn"),
    "precision": ("representations.precision", "representations.precision"),
    "recall": ("representations.recall", "representations.recall"),
    "f1": ("representations.f1", "representations.f1"),
    "dup": ("representations.duplicates", "representations.duplicates"),
    "extracted": ("representations.extracted", "representations.system"),
    "gold_required": ("representations.gold_required", "representations.gold_required"),
    "officials_total": ("officials.total", "officials.gold"),
    "officials_found": ("officials.found_by_name", "officials.found"),
    "officials_country": ("officials.with_right_country", "officials.country_right"),
    "meetings_required": ("meetings.required", "meetings.gold_required"),
    "meetings_found": ("meetings.found", "meetings.found"),
    "meetings_system": ("meetings.system", "meetings.system"),
    "noise": ("must_not_extract.count", "noise_people_in_graph"),  # score.py: the list of names
}


def _figure(result: dict, path: str):
    value = result
    for key in path.split("."):
        value = value[key]
    return len(value) if isinstance(value, list) else value


def figures(report: dict, reference: bool = False) -> dict:
    """The headline figures of a kg.evaluate report, or with ``reference`` of a score.py result."""
    return {name: _figure(report, paths[reference]) for name, paths in FIGURES.items()}


def write_case(case: Case, folder: Path) -> tuple[Path, Path]:
    """The case's graph.ttl and gold folder under ``folder``."""
    gold_dir = folder / "gold"
    gold_dir.mkdir(parents=True, exist_ok=True)
    for stem, text in case.golds.items():
        (gold_dir / f"{stem}.yaml").write_text(text, encoding="utf-8")
    graph = folder / "graph.ttl"
    graph.write_text(case.ttl, encoding="utf-8")
    return graph, gold_dir


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_evaluate_matching_case(tmp_path, case):
    got = figures(evaluate(*write_case(case, tmp_path)))
    assert {k: got[k] for k in case.expected} == case.expected


@pytest.mark.parametrize(
    ("extracted", "gold_names", "expected"),
    [
        ({"青空協議"}, {"青空協議"}, True),
        ({"第3回青空協議"}, {"青空協議"}, True),  # extracted contains gold
        ({"日米会談"}, {"会談"}, True),  # gold of 2 characters inside extracted
        ({"協議"}, {"青空協議"}, False),  # extracted of 2 characters inside gold: too short
        ({"空協議"}, {"青空協議"}, True),  # extracted of 3 characters inside gold
        ({"青空協議"}, {"a"}, False),  # gold of 1 character never contained
        ({"", "海辺会合"}, {"", "青空協議"}, False),  # empty spellings ignored
    ],
)
def test_evaluate_forum_match(extracted, gold_names, expected):
    assert forum_match(extracted, gold_names) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2023-05-10", "2023-05", True),
        ("2023", "2023-05-10", True),
        ("2023-05-10", "2023-05-11", False),
        ("2023-06", "2023-05-10", False),
        (None, "2023-05-10", True),
        ("unknown", "2023-05-10", True),  # unreadable agrees, as in the reference
    ],
)
def test_evaluate_dates_agree(a, b, expected):
    assert dates_agree(a, b) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ヤマノ・イチロウ", "ヤマノイチロウ"), ("ﾔﾏﾉ ｲﾁﾛｳ", "ヤマノイチロウ"), ("BSD", "bsd"), ("Ｂ＝Ｓ·Ｄ", "bsd"),
     ("山野　一郎", "山野一郎")],
)
def test_evaluate_normalise(text, expected):
    assert normalise(text) == expected


def test_evaluate_miss_names_the_triple_that_credited_another_fact(tmp_path):
    case = next(c for c in CASES if c.id == "one triple, two unmerged facts")
    report = evaluate(*write_case(case, tmp_path))
    (miss,) = report["misses"]
    assert miss["documents"] == ["q"] and miss["credited_elsewhere"] == ["https://w3id.org/kaigi-kg/id/representation/r1"]
    assert report["per_document"]["p"]["recall"] == 1.0 and report["per_document"]["q"]["recall"] == 0.0
