"""An identified speaker who says in the first person, inside a quote, that he held talks
(「きのう、日本のB外相と会談し、…一致した」と述べた) took part in talks with B; a quote that
writes another subject (「B外相は…と会談した」と述べた) reports someone else's talks.
Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest

CASES = [
    ("フィリピンのマリア・サントス外務大臣は5日、マニラで記者団に対し「きのう、日本の森田外相と会談し、南シナ海の問題で協力していくことで一致した」と述べた。森田花子外務大臣は4日からフィリピンを訪問している。",
     {("マリア・サントス", "PH"), ("森田花子", "JP")}),
    ("オーストラリアのジョン・スミス国防相は12日、キャンベラで記者会見し「午前中に日本の大川防衛相と会談を行い、共同訓練の拡大で合意した」と語った。大川修防衛大臣は11日から豪州を訪れている。",
     {("ジョン・スミス", "AU"), ("大川修", "JP")}),
    ("ドイツのハンス・ミュラー外相は3日、ベルリンで記者団に対し「森田外相はきのう、中国の王外相と会談した」と述べた。森田花子外務大臣は2日から欧州を訪問している。",
     set()),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extract_quoted_talks_first_person(facts_of, text, expected):
    facts = facts_of(text, published="2027-05-13")
    people = {p.key: p.name for p in facts.people}
    assert {(people[r.person], r.side) for r in facts.representations} == expected
