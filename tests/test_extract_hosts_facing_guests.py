"""Conjoined hosts facing their guests (「AおよびBは、C、Dを迎え、…を主催した」): the guests, the
を-object of a verb of inviting, face the subject like a partner marked と, so a host with no
country of his own stands with his mate, not with the guests. Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("ペルーのマリア・ロペス外務大臣およびカルロス・ベガ国防大臣は本日、リマにおいて、山川一郎外務大臣、森田三郎防衛大臣を迎え、"
     "第３回日・ペルー外務・防衛閣僚協議を主催しました。",
     {("マリア・ロペス", "PE"), ("カルロス・ベガ", "PE"), ("山川一郎", "JP"), ("森田三郎", "JP")}),
    ("チリのアナ・ソト外相とホセ・ルイス国防相は３日、サンティアゴで谷口和夫外相、川口誠防衛相を迎え、日・チリ外務・防衛閣僚会合を開催した。",
     {("アナ・ソト", "CL"), ("ホセ・ルイス", "CL"), ("谷口和夫", "JP"), ("川口誠", "JP")}),
])
def test_extract_hosts_facing_guests(facts_of, text, expected):
    facts = facts_of(text, published="2025-08-29")
    names = {p.key: p.name for p in facts.people}
    assert {(names[r.person], r.side) for r in facts.representations} == expected
