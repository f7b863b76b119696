"""kg.evaluate: the scorer on small hand-written Turtle graphs and gold files.

One perfect graph for a two-article gold set; every test changes it in one way and checks
the figures the README's scoring rules give for that change.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import evaluate

GOLD_A = """\
document: a.txt
published: 2024-10-05
officials:
  - {name: 金烘均, aliases: [キム・ホンギュン], country: KR, title: 外交部第1次官}
  - {name: ジェンキンス, aliases: [], country: US, title: 国務次官}
meetings:
  - {id: m1, forum: 拡大抑止戦略協議体, acronym: EDSCG, ordinal: 5, date: 2024-10-04, sides: [KR, US]}
  - {id: m2, forum: 拡大抑止戦略協議体, acronym: EDSCG, ordinal: 3, date: 2022, sides: [KR, US], optional: true}
representations:
  - {official: 金烘均, side: KR, meeting: m1}
  - {official: ジェンキンス, side: US, meeting: m1}
  - {official: 金烘均, side: KR, meeting: m2, optional: true}
must_not_extract: [イ・ビョンホン]
"""

GOLD_B = """\
document: b.txt
published: 2024-07-12
officials:
  - {name: 尹錫悦, aliases: [ユン・ソンニョル], country: KR, title: 大統領}
meetings:
  - {id: m1, forum: 米韓首脳会議, acronym: null, ordinal: null, date: 2024-07-11, sides: [KR, US]}
representations:
  - {official: 尹錫悦, side: KR, meeting: m1}
must_not_extract: []
"""

PERFECT = """\
@base <https://w3id.org/kaigi-kg/id/> .
@prefix kgo: <https://w3id.org/kaigi-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<country/KR> a kgo:Country ; kgo:isoCode "KR" ; rdfs:label "韓国"@ja .
<country/US> a kgo:Country ; kgo:isoCode "US" ; rdfs:label "米国"@ja .
<document/a> a kgo:Document ; dcterms:identifier "a" .
<document/b> a kgo:Document ; dcterms:identifier "b" .

<forum/edscg> a kgo:Forum ; rdfs:label "拡大抑止戦略協議体"@ja ; kgo:acronym "EDSCG" .
<forum/summit> a kgo:Forum ; rdfs:label "米韓首脳会議"@ja ; skos:altLabel "韓米首脳会談"@ja .
<meeting/edscg-5> a kgo:Meeting ; kgo:forum <forum/edscg> ; kgo:ordinal 5 ; kgo:date "2024-10-04"^^xsd:date .
<meeting/summit> a kgo:Meeting ; kgo:forum <forum/summit> ; kgo:date "2024-07-11"^^xsd:date .

<person/kim> a kgo:Person, kgo:Official ; rdfs:label "キム・ホンギュン"@ja ; kgo:country <country/KR> .
<person/jenkins> a kgo:Person, kgo:Official ; rdfs:label "ジェンキンス"@ja ; kgo:country <country/US> .
<person/yoon> a kgo:Person, kgo:Official ; rdfs:label "尹錫悦"@ja ; skos:altLabel "ユン・ソンニョル"@ja ;
    kgo:country <country/KR> .

<representation/r1> a kgo:Representation ; kgo:official <person/kim> ; kgo:side <country/KR> ;
    kgo:meeting <meeting/edscg-5> ; kgo:evidence <evidence/a-1> .
<representation/r2> a kgo:Representation ; kgo:official <person/jenkins> ; kgo:side <country/US> ;
    kgo:meeting <meeting/edscg-5> ; kgo:evidence <evidence/a-1> .
<representation/r3> a kgo:Representation ; kgo:official <person/yoon> ; kgo:side <country/KR> ;
    kgo:meeting <meeting/summit> ; kgo:evidence <evidence/b-1> .
<evidence/a-1> a kgo:Evidence ; kgo:document <document/a> .
<evidence/b-1> a kgo:Evidence ; kgo:document <document/b> .
"""

R2 = """<representation/r2> a kgo:Representation ; kgo:official <person/jenkins> ; kgo:side <country/US> ;
    kgo:meeting <meeting/edscg-5> ; kgo:evidence <evidence/a-1> .
"""


def score(tmp_path: Path, ttl: str, gold: dict[str, str] | None = None) -> dict:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir(exist_ok=True)
    for name, text in (gold or {"a": GOLD_A, "b": GOLD_B}).items():
        (gold_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    (gold_dir / "README.md").write_text("not a gold file", encoding="utf-8")
    graph = tmp_path / "graph.ttl"
    graph.write_text(ttl, encoding="utf-8")
    return evaluate(graph, gold_dir)


def prf(report) -> tuple:
    r = report["representations"]
    return r["precision"], r["recall"], r["f1"]


def test_evaluate_perfect_graph_scores_one(tmp_path):
    report = score(tmp_path, PERFECT)
    assert prf(report) == (1.0, 1.0, 1.0)
    assert report["representations"]["gold_required"] == 3
    assert report["misses"] == [] and report["false_alarms"] == []
    assert report["officials"]["rate"] == 1.0 and report["officials"]["total"] == 3
    assert (report["meetings"]["required"], report["meetings"]["found"]) == (2, 2)
    assert report["must_not_extract"]["count"] == 0
    assert report["documents"] == ["a", "b"]
    assert report["per_document"]["a"]["f1"] == 1.0


def test_evaluate_one_miss(tmp_path):
    report = score(tmp_path, PERFECT.replace(R2, ""))
    assert prf(report) == (1.0, 0.667, 0.8)
    (miss,) = report["misses"]
    assert (miss["official"], miss["side"], miss["forum"], miss["ordinal"], miss["date"]) == (
        "ジェンキンス", "US", "拡大抑止戦略協議体", 5, "2024-10-04")
    assert miss["documents"] == ["a"]
    assert report["per_document"]["a"]["false_negatives"] == 1
    assert report["per_document"]["b"]["recall"] == 1.0


def test_evaluate_one_false_alarm(tmp_path):
    extra = """<representation/r9> a kgo:Representation ; kgo:official <person/yoon> ; kgo:side <country/KR> ;
    kgo:meeting <meeting/edscg-5> ; kgo:evidence <evidence/a-1> .\n"""
    report = score(tmp_path, PERFECT + extra)
    assert prf(report) == (0.75, 1.0, 0.857)
    (alarm,) = report["false_alarms"]
    assert (alarm["official"], alarm["side"], alarm["forum"], alarm["ordinal"]) == ("尹錫悦", "KR", "拡大抑止戦略協議体", 5)
    assert report["per_document"]["a"]["false_positives"] == 1
    assert report["per_document"]["b"]["false_positives"] == 0


def test_evaluate_optional_gold_items_count_neither_way(tmp_path):
    extra = """<meeting/edscg-3> a kgo:Meeting ; kgo:forum <forum/edscg> ; kgo:ordinal 3 ; kgo:date "2022"^^xsd:gYear .
<representation/r9> a kgo:Representation ; kgo:official <person/kim> ; kgo:side <country/KR> ;
    kgo:meeting <meeting/edscg-3> ; kgo:evidence <evidence/a-1> .\n"""
    report = score(tmp_path, PERFECT + extra)
    assert prf(report) == (1.0, 1.0, 1.0)
    assert report["representations"]["true_positives"] == 3


@pytest.mark.parametrize(
    ("graph_date", "matches"),
    [
        ('"2024-07"^^xsd:gYearMonth', True),
        ('"2024"^^xsd:gYear', True),
        ('"2024-07-11"^^xsd:date', True),
        ('"2024-08"^^xsd:gYearMonth', False),
        ('"2024-07-12"^^xsd:date', False),
    ],
)
def test_evaluate_dates_agree_at_coarser_precision(tmp_path, graph_date, matches):
    ttl = PERFECT.replace('kgo:date "2024-07-11"^^xsd:date', f"kgo:date {graph_date}")
    report = score(tmp_path, ttl)
    assert (report["representations"]["false_negatives"] == 0) is matches
    assert (report["representations"]["false_positives"] == 0) is matches


def test_evaluate_ordinal_mismatch_is_a_miss_and_a_false_alarm(tmp_path):
    report = score(tmp_path, PERFECT.replace("kgo:ordinal 5", "kgo:ordinal 4"))
    assert prf(report) == (0.333, 0.333, 0.333)
    assert {m["official"] for m in report["misses"]} == {"金烘均", "ジェンキンス"}
    assert {a["ordinal"] for a in report["false_alarms"]} == {4}


def test_evaluate_missing_ordinal_agrees_with_any(tmp_path):
    # a graph meeting without the ordinal matches triples and counts as found, as without a date
    report = score(tmp_path, PERFECT.replace("kgo:ordinal 5 ; ", "").replace('kgo:date "2024-07-11"^^xsd:date', ""))
    assert prf(report) == (1.0, 1.0, 1.0)
    assert (report["meetings"]["required"], report["meetings"]["found"]) == (2, 2)


def test_evaluate_required_meeting_not_found(tmp_path):
    report = score(tmp_path, PERFECT.replace("kgo:ordinal 5", "kgo:ordinal 4"))
    assert (report["meetings"]["required"], report["meetings"]["found"], report["meetings"]["rate"]) == (2, 1, 0.5)
    (missing,) = report["meetings"]["missing"]
    assert (missing["forum"], missing["ordinal"], missing["document"]) == ("拡大抑止戦略協議体", 5, "a")


@pytest.mark.parametrize(
    ("label", "matches"),
    [
        ("キム ホンギュン", True),
        ("ｷﾑ･ﾎﾝｷﾞｭﾝ", True),
        ("キム＝ホンギュン", True),
        ("キム・ホンギュ", False),
    ],
)
def test_evaluate_names_compared_after_nfkc_and_separators(tmp_path, label, matches):
    report = score(tmp_path, PERFECT.replace('"キム・ホンギュン"@ja', f'"{label}"@ja'))
    assert (report["representations"]["recall"] == 1.0) is matches


def test_evaluate_forum_matches_by_acronym_or_containment(tmp_path):
    ttl = PERFECT.replace('rdfs:label "拡大抑止戦略協議体"@ja ; kgo:acronym "EDSCG"', 'rdfs:label "EDSCG"@en')
    ttl = ttl.replace('rdfs:label "米韓首脳会議"@ja ; skos:altLabel "韓米首脳会談"@ja', 'rdfs:label "首脳会議"@ja')
    assert prf(score(tmp_path, ttl)) == (1.0, 1.0, 1.0)


def test_evaluate_wrong_side_does_not_match(tmp_path):
    report = score(tmp_path, PERFECT.replace("kgo:official <person/jenkins> ; kgo:side <country/US>",
                                             "kgo:official <person/jenkins> ; kgo:side <country/KR>"))
    assert report["representations"]["true_positives"] == 2
    assert report["false_alarms"][0]["side"] == "KR"


def test_evaluate_must_not_extract_violation(tmp_path):
    extra = '<person/lee> a kgo:Person ; rdfs:label "俳優イ・ビョンホン"@ja .\n'
    report = score(tmp_path, PERFECT + extra)
    (violation,) = report["must_not_extract"]["violations"]
    assert (violation["name"], violation["document"], violation["label"]) == ("イ・ビョンホン", "a", "俳優イ・ビョンホン")
    assert violation["node"].endswith("/person/lee")
    assert prf(report) == (1.0, 1.0, 1.0)


def test_evaluate_same_fact_in_two_articles_counts_once(tmp_path):
    # article c reports b's summit under the same forum name, the official written the other way
    gold_c = GOLD_B.replace("b.txt", "c.txt").replace(
        "{name: 尹錫悦, aliases: [ユン・ソンニョル]", "{name: ユン・ソンニョル, aliases: [尹錫悦]"
    ).replace("official: 尹錫悦", "official: ユン・ソンニョル")
    extra = """<document/c> a kgo:Document ; dcterms:identifier "c" .
<evidence/c-1> a kgo:Evidence ; kgo:document <document/c> .
<person/yoon2> a kgo:Person ; rdfs:label "ユン・ソンニョル"@ja ; kgo:country <country/KR> .
<representation/r9> a kgo:Representation ; kgo:official <person/yoon2> ; kgo:side <country/KR> ;
    kgo:meeting <meeting/summit> ; kgo:evidence <evidence/c-1> .\n"""
    report = score(tmp_path, PERFECT + extra, {"a": GOLD_A, "b": GOLD_B, "c": gold_c})
    reps = report["representations"]
    assert (reps["gold_required"], reps["true_positives"], reps["duplicates"]) == (3, 3, 1)
    assert prf(report) == (1.0, 1.0, 1.0)
    assert report["officials"]["total"] == 4  # officials are counted per file, not merged
    assert report["meetings"]["required"] == 3  # and so are meetings
    assert report["per_document"]["c"]["recall"] == 1.0
    assert [d["documents"] for d in report["duplicates"]] == [["c"]]


def test_evaluate_articles_without_gold_give_false_alarms(tmp_path):
    extra = """<document/zzz> a kgo:Document ; dcterms:identifier "zzz" .
<evidence/z-1> a kgo:Evidence ; kgo:document <document/zzz> .
<representation/r9> a kgo:Representation ; kgo:official <person/yoon> ; kgo:side <country/US> ;
    kgo:meeting <meeting/edscg-5> ; kgo:evidence <evidence/z-1> .\n"""
    report = score(tmp_path, PERFECT + extra)
    assert prf(report) == (0.75, 1.0, 0.857)
    assert report["representations"]["extracted"] == 4
    assert [a["documents"] for a in report["false_alarms"]] == [["zzz"]]


def test_evaluate_officials_need_the_right_country(tmp_path):
    ttl = PERFECT.replace('rdfs:label "キム・ホンギュン"@ja ; kgo:country <country/KR>',
                          'rdfs:label "キム・ホンギュン"@ja ; kgo:country <country/US>')
    ttl = ttl.replace('<person/jenkins> a kgo:Person, kgo:Official ; rdfs:label "ジェンキンス"@ja ; kgo:country <country/US> .',
                      '<person/jenkins> a kgo:Person ; rdfs:label "ジェンキンス"@ja .')
    officials = score(tmp_path, ttl)["officials"]
    assert (officials["total"], officials["with_right_country"], officials["found_by_name"]) == (3, 1, 3)
    assert officials["rate"] == 0.333 and officials["recall"] == 1.0
    assert {(o["name"], o["found"]) for o in officials["missing"]} == {("金烘均", "country US"), ("ジェンキンス", "country missing")}


GOLD_CHAIN = """\
document: c.txt
published: 2024-12-26
officials:
  - {name: 林芳郎, aliases: [], country: JP, title: 外相}
meetings:
  - {id: m1, forum: 日中外相会談, acronym: null, ordinal: null, date: 2024-12-25, sides: [JP, CN]}
  - {id: m2, forum: 会談, acronym: null, ordinal: null, date: 2024-12-25, sides: [JP, CN], optional: true}
representations:
  - {official: 林芳郎, side: JP, meeting: m1}
  - {official: 林芳郎, side: JP, meeting: m2, optional: true}
must_not_extract: []
"""


def test_evaluate_optional_generic_forum_does_not_credit_the_required_fact(tmp_path):
    # The optional 「会談」 report merges with the required 日中外相会談 one (same person,
    # side, date; 会談 ⊂ 日中外相会談). A 日中首脳会談 triple matches only the optional
    # member: it is no false alarm, but the required fact stays missed.
    ttl = """\
@base <https://w3id.org/kaigi-kg/id/> .
@prefix kgo: <https://w3id.org/kaigi-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<country/JP> a kgo:Country ; kgo:isoCode "JP" .
<document/c> a kgo:Document .
<forum/s> a kgo:Forum ; rdfs:label "日中首脳会談"@ja .
<meeting/s> a kgo:Meeting ; kgo:forum <forum/s> ; kgo:date "2024-12-25"^^xsd:date .
<person/h> a kgo:Person, kgo:Official ; rdfs:label "林芳郎"@ja ; kgo:country <country/JP> .
<representation/r> a kgo:Representation ; kgo:official <person/h> ; kgo:side <country/JP> ;
    kgo:meeting <meeting/s> ; kgo:evidence <evidence/c-1> .
<evidence/c-1> a kgo:Evidence ; kgo:document <document/c> .
"""
    report = score(tmp_path, ttl, {"c": GOLD_CHAIN})
    assert report["representations"]["true_positives"] == 0
    assert report["representations"]["false_positives"] == 0
    assert [m["forum"] for m in report["misses"]] == ["日中外相会談"]
