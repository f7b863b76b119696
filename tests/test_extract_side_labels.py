"""Side labels in delegation lists: 「X側から(は)」「Xから(は)」「先方から」「我が方」「相手側」,
with or without a colon — every label is a side, and the people after it stand for it (not
for the label before). Made-up sentences (kg/data/side_labels.tsv holds the forms)."""
from __future__ import annotations

import pytest

CASES = [
    # 先方 after the text's own label: the other party of the meeting, not Japan
    ("3日、日加外相会談が東京で行われた。日本側から,中村健外務審議官ら,先方から,ロバート・ホワイト外務次官らが出席しました。",
     {("中村健", "JP"), ("ロバート・ホワイト", "CA")}),
    ("9日、日英次官協議が行われた。協議には、日本側から、木村三郎外務審議官、先方から、ジェームズ・テイラー外務次官が出席した。",
     {("木村三郎", "JP"), ("ジェームズ・テイラー", "GB")}),
    # 我が方 / 相手側 with a colon
    ("6日、日比外相会談が行われた。我が方:佐藤花子外務大臣、先方:マリア・サントス外務大臣。",
     {("佐藤花子", "JP"), ("マリア・サントス", "PH")}),
    ("8日、日豪防衛相会談が行われた。当方から森一郎防衛審議官、相手側からジョン・スミス国防次官が同席した。",
     {("森一郎", "JP"), ("ジョン・スミス", "AU")}),
    # Xから / Xより, with or without a colon
    ("6日、日伊次官協議が開催された。日本から:森田五郎外務審議官、イタリアから:マリオ・ロッシ外務次官が出席した。",
     {("森田五郎", "JP"), ("マリオ・ロッシ", "IT")}),
    ("3日、日加外相会談が東京で行われた。日本から中村健外務審議官、カナダより、ロバート・ホワイト外務次官が出席しました。",
     {("中村健", "JP"), ("ロバート・ホワイト", "CA")}),
]


# lists after labels, closed by one participation predicate: every person listed took part
DELEGATIONS = [
    ("4日、日米拡大抑止協議が行われました。同協議には、日本側から、森一郎外務省北米局参事官及び川上二郎防衛省防衛政策局次長他が、"
     "米国側から、ジェーン・ドウ国務省東アジア・太平洋局次官補代理、ジョン・ロウ国防次官補代理(宇宙政策担当)他が参加しました。",
     {("森一郎", "JP"), ("川上二郎", "JP"), ("ジェーン・ドウ", "US"), ("ジョン・ロウ", "US")}),
    ("10日、日仏次官協議が行われた。協議には、フランス側からピエール・デュボワ外務次官ら、日本側から石田明外務審議官らが出席した。",
     {("ピエール・デュボワ", "FR"), ("石田明", "JP")}),
    # the list must reach the predicate: a stand-in's minister did not take part
    ("10日、日仏次官協議が行われた。協議には、日本側から石田明外務審議官の代理で森川健外務参事官が、フランス側からピエール・デュボワ外務次官が出席した。",
     {("森川健", "JP"), ("ピエール・デュボワ", "FR")}),
    # planned: nobody took part yet
    ("日仏次官協議は来月開かれる。協議には、フランス側からピエール・デュボワ外務次官ら、日本側から石田明外務審議官らが出席する予定だ。",
     set()),
]


@pytest.mark.parametrize("text,expected", CASES + DELEGATIONS)
def test_extract_side_labels_each_label_is_a_side(facts_of, text, expected):
    facts = facts_of(text, published="2024-06-01")
    people = {p.key: p.name for p in facts.people}
    got = {(people[r.person], r.side) for r in facts.representations}
    assert got == expected


def test_extract_side_labels_ablative_is_no_label(facts_of):
    # 「米国から」 before a thing, not a person, labels nobody
    facts = facts_of(
        "4日、日米拡大抑止協議が行われました。米国から抑止力の提供を受ける日本側からは森一郎外務審議官が出席しました。",
        published="2024-06-01",
    )
    people = {p.key: p.name for p in facts.people}
    assert {(people[r.person], r.side) for r in facts.representations} == {("森一郎", "JP")}


@pytest.mark.parametrize("text,found", [
    ("会談には日本側から森一郎審議官、先方からジョン・スミス次官が同席した。", [("country", "JP"), ("other", None)]),
    ("我が方:佐藤花子外務大臣、相手国側:マリア・サントス外務大臣", [("own", None), ("other", None)]),
    ("ペルー:ルイス・ソト外務大臣 日本:山川一郎外務大臣", [("country", "PE"), ("country", "JP")]),
    ("同日から山田太郎外務大臣が出席した。", []),  # 日 of a date is no country
])
def test_extract_side_labels_forms(nlp, text, found):
    from kg.extract.labels import find_labels
    from kg.extract.sentences import article_sentences
    from kg.records import Article

    article = Article(doc_id="t", path="t.txt", text=text, body=((0, len(text)),))
    sentence = article_sentences(article, [nlp(text)])[0]
    assert [(lb.side, lb.code) for lb in find_labels(sentence)] == found
