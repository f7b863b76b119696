"""kg.extract: within one article, one surname written with a civilian post and with a military
post (titles.tsv kinds) is two people (a minister 山川 and a chief of staff 山川); the same
surname under posts of one service stays one person. Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest

# (text, surname, expected sorted titles of the people written with that surname)
CASES = [
    (
        "1日、山川外務大臣と大川防衛大臣は、ロシアのイワン・ペトロフ外相と会談した。"
        "会談では、本年中の山川統合幕僚長の訪露に向けて調整することで一致した。",
        "山川", ["外務大臣", "統合幕僚長"],
    ),
    ("森田防衛大臣は3日、森田統合幕僚長から報告を受けた。森田大臣は謝意を述べた。", "森田", ["統合幕僚長", "防衛大臣"]),
    ("山川外務大臣は2日、ロシアのイワン・ペトロフ外相と会談した。山川大臣は協力の強化を訴えた。", "山川", ["外務大臣"]),
]


@pytest.mark.parametrize("text,surname,expected", CASES)
def test_extract_people_other_service_is_another_person(facts_of, text, surname, expected):
    people = [p for p in facts_of(text, "2031-03-04").people if p.name == surname]
    assert sorted(p.title for p in people) == expected
