"""A continuative clause takes the tense of the clause it leads into, also when the parser
leaves it unattached (「…と会談を行い、引き続き昼食会を行ったところ、概要は以下のとおり」):
the talks were held. Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest

CASES = [
    ("森田花子外務大臣は、5月8日、ホルヘ・ムニョス・チリ外務大臣と外相会談を行い、引き続きワーキング・ディナーを行ったところ、概要は以下のとおりです。",
     {("森田花子", "JP"), ("ホルヘ・ムニョス", "CL")}),
    ("大川修防衛大臣は、9月3日、マルコ・ロッシ・イタリア国防大臣と防衛相会談を行い、引き続き昼食会を行ったところ、概要は次のとおりです。",
     {("大川修", "JP"), ("マルコ・ロッシ", "IT")}),
    ("中野浩二外務大臣は、7月2日、アミナ・ディアロ・セネガル外務大臣と外相会談を行い、引き続き夕食会を開催したところ、概要は以下のとおりです。",
     {("中野浩二", "JP"), ("アミナ・ディアロ", "SN")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extract_continuative_tense_of_the_next_clause(facts_of, text, expected):
    facts = facts_of(text, published="2027-12-01")
    people = {p.key: p.name for p in facts.people}
    held = {m.key for m in facts.meetings if m.status == "held"}
    assert {(people[r.person], r.side) for r in facts.representations if r.meeting in held} == expected


def test_extract_continuative_tense_planned_stays_planned(facts_of):
    # the clause it leads into is not past: nothing was held
    facts = facts_of("森田花子外務大臣は、来月、ホルヘ・ムニョス・チリ外務大臣と外相会談を行い、引き続き昼食会を行う予定です。",
                     published="2027-12-01")
    assert not facts.representations
