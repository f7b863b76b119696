"""A given name with a kanji that is also a one-character country form (韓, 日, 米 …) is
not cut into name + country: 「朴韓洙外交部次官補」「王日新外交部副部長」 are whole names; a
country form right after a family name and before a post stays a country (「朴米大使」 is no
name 朴米). And a meeting clause the parser cuts off after 「行われ、」 takes the tense of the
written sentence's end (「…協議が行われ、…が出席した。」: held). Made-up sentences."""
from __future__ import annotations

import pytest
from conftest import reps_of

CASES = [
    ("5日、日韓局長協議がソウルで行われ、日本側から森田健一アジア大洋州局長、韓国側から朴韓洙外交部北東アジア局長が出席した。",
     {("森田健一", "JP"), ("朴韓洙", "KR")}),
    ("5日、日中局長協議が北京で行われ、日本側から森田健一アジア大洋州局長、中国側から王日新外交部アジア局長が出席した。",
     {("森田健一", "JP"), ("王日新", "CN")}),
    ("5日、日韓次官協議が東京で開かれた。韓国側から李米順外交部第1次官が出席した。", {("李米順", "KR")}),
    ("5日、日比次官協議がマニラで開催され、日本側から森田健一アジア大洋州局長、フィリピン側からマリア・クルス外務次官が参加した。",
     {("森田健一", "JP"), ("マリア・クルス", "PH")}),
    ("来月、日比次官協議がマニラで開催され、日本側から森田健一アジア大洋州局長、フィリピン側からマリア・クルス外務次官が参加する予定だ。",
     set()),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_name_country_kanji(facts_of, text, expected):
    assert {(name, side) for name, side, _ in reps_of(facts_of(text, published="2024-06-01"))} == expected


def test_extract_name_country_kanji_country_before_post_stays(nlp):
    mentions = nlp("5日、朴米大使が出席した。")._.kg_mentions
    assert [m.codes for m in mentions if m.label == "COUNTRY"] == [("US",)]
