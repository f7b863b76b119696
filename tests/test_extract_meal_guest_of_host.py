"""A meal under its own heading hosted by a principal of two-party talks (「会談に続き、B大臣主催の
夕食会が行われ」) had the other party's principal of those talks as its guest. Made-up pages,
real GiNZA, read the way a file is."""
from __future__ import annotations

import pytest

PAGES = [
    ("日・ペルー外相会談及び夕食会\n令和7年4月2日\n1　会談\n"
     "　4月1日、山川一郎外務大臣は、訪日中のマリア・ロペス・ペルー外務大臣と日・ペルー外相会談を行いました。\n2　夕食会\n"
     "　会談に続き、ロペス大臣主催の夕食会が行われ、経済協力について意見交換が行われました。ペルー側からはカルロス・ソト駐日ペルー大使が同席しました。\n",
     "夕食会", {("山川一郎", "JP"), ("マリア・ロペス", "PE"), ("カルロス・ソト", "PE")}),
    ("日・チリ防衛相会談及びワーキング・ランチ\n令和7年6月5日\n1　会談\n"
     "　6月4日、森田三郎防衛大臣は、来日中のチリのフアン・ベガ国防大臣と日・チリ防衛相会談を行いました。\n2　ワーキング・ランチ\n"
     "　会談に引き続き、森田大臣主催のワーキング・ランチが行われました。日本側からは川口誠防衛審議官が同席しました。\n",
     "ワーキング・ランチ", {("森田三郎", "JP"), ("フアン・ベガ", "CL"), ("川口誠", "JP")}),
]


@pytest.mark.parametrize("page, meal, expected", PAGES)
def test_extract_meal_guest_of_host(facts_of_page, page, meal, expected):
    facts = facts_of_page(page, published="2025-06-05")
    names = {p.key: p.name for p in facts.people}
    meals = {m.key for m in facts.meetings if m.forum == meal}
    assert {(names[r.person], r.side) for r in facts.representations if r.meeting in meals} == expected
