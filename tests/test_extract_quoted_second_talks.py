"""A speaker's first-person report going on over a second paragraph of his quote: talks written
with the humble light verb (「会談をいたしました」) and no subject are the speaker's, and a country
written as their place (「ラオスでは」) is the partner's, not the country visited today. Made-up
sentences, real GiNZA."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("　山川総理は、訪問先のタイ・バンコクで記者団の取材に応じ、次のように述べました。\n"
     "「本日、ソムチャイ首相と首脳会談を行い、協力の強化で一致いたしました。\n"
     "　これに先立ちまして、ラオスではブンマ・ケオラ首相と会談をいたしました。」",
     {("山川", "JP"), ("ブンマ・ケオラ", "LA")}),
    ("森田外務大臣は、訪問先のペルー・リマで次のように述べました。\n「本日、ロペス外相と会談し、協力を確認いたしました。\n"
     "　これに先立ち、チリではマリア・ソト外相と会談をいたしました。」",
     {("森田", "JP"), ("マリア・ソト", "CL")}),
])
def test_extract_second_talks_in_a_quote(facts_of, text, expected):
    facts = facts_of(text, published="2025-01-11")
    names = {p.key: p.name for p in facts.people}
    partner = next(n for n, _ in expected if n not in ("山川", "森田"))
    theirs = {r.meeting for r in facts.representations if names[r.person] == partner}
    assert len(theirs) == 1
    assert {(names[r.person], r.side) for r in facts.representations if r.meeting in theirs} == expected
