"""kg.evaluate reads what the pipeline writes: facts → resolve → rdf → Turtle → evaluate.

No GiNZA here: the facts are written by hand to say exactly what the gold files of
test_evaluate_scoring say (two articles, a reading pair written both ways), so the whole
chain after extraction must score 1.0, and dropping one fact must cost exactly one miss.
"""
from __future__ import annotations

from kg.evaluate import evaluate
from kg.export import write_turtle
from kg.rdf import to_graph
from kg.records import Article, DocumentFacts, Evidence, MeetingMention, PersonMention, RepresentationFact
from kg.resolve import resolve
from test_evaluate_scoring import GOLD_A, GOLD_B

TEXT_A = "金烘均(キム・ホンギュン)外交部第1次官とジェンキンス国務次官が第5回拡大抑止戦略協議体(EDSCG)に出席した。"
TEXT_B = "ユン・ソンニョル(尹錫悦)大統領は11日、米韓首脳会議に臨んだ。"


def _article(doc: str, text: str) -> Article:
    return Article(doc_id=doc, path=f"{doc}.txt", text=text, body=((0, len(text)),), title=text[:10])


def _facts(drop_jenkins: bool = False) -> list[DocumentFacts]:
    ev_a, ev_b = Evidence("a", 0, len(TEXT_A), TEXT_A), Evidence("b", 0, len(TEXT_B), TEXT_B)
    reps_a = [RepresentationFact("p1", "m1", "KR", evidence=(ev_a,))]
    if not drop_jenkins:
        reps_a.append(RepresentationFact("p2", "m1", "US", evidence=(ev_a,)))
    a = DocumentFacts(
        article=_article("a", TEXT_A),
        people=(
            PersonMention("p1", "金烘均", ("キム・ホンギュン",), country="KR", is_official=True, evidence=(ev_a,)),
            PersonMention("p2", "ジェンキンス", country="US", is_official=True, evidence=(ev_a,)),
        ),
        meetings=(MeetingMention("m1", "拡大抑止戦略協議体", acronym="EDSCG", ordinal=5, date="2024-10-04",
                                 countries=("KR", "US"), evidence=(ev_a,)),),
        representations=tuple(reps_a),
    )
    b = DocumentFacts(
        article=_article("b", TEXT_B),
        people=(PersonMention("p1", "ユン・ソンニョル", ("尹錫悦",), country="KR", is_official=True, evidence=(ev_b,)),),
        meetings=(MeetingMention("m1", "米韓首脳会議", date="2024-07-11", countries=("KR", "US"), evidence=(ev_b,)),),
        representations=(RepresentationFact("p1", "m1", "KR", evidence=(ev_b,)),),
    )
    return [a, b]


def _score(tmp_path, facts) -> dict:
    gold = tmp_path / "gold"
    gold.mkdir(exist_ok=True)
    (gold / "a.yaml").write_text(GOLD_A, encoding="utf-8")
    (gold / "b.yaml").write_text(GOLD_B, encoding="utf-8")
    ttl = write_turtle(to_graph(resolve(facts)), tmp_path / "graph.ttl")
    return evaluate(ttl, gold)


def test_evaluate_roundtrip_pipeline_output_scores_one(tmp_path):
    report = _score(tmp_path, _facts())
    assert report["representations"]["f1"] == 1.0, report["misses"] + report["false_alarms"]
    assert report["officials"]["rate"] == 1.0
    assert report["meetings"]["found"] == report["meetings"]["required"] == 2
    assert set(report["per_document"]) == {"a", "b"}


def test_evaluate_roundtrip_dropped_fact_is_one_miss(tmp_path):
    report = _score(tmp_path, _facts(drop_jenkins=True))
    reps = report["representations"]
    assert (reps["true_positives"], reps["false_positives"], reps["false_negatives"]) == (2, 0, 1)
    assert [m["official"] for m in report["misses"]] == ["ジェンキンス"]
