"""Headline style and reported clauses (made-up text, real GiNZA): list items and headlines
report held events in the non-past and end on the talks noun (「5月3日　A長官、B大臣と電話会談」
「…と次官協議に臨む（東京）」); a が-subject of a clause closed by the quoting 「と」 (「外交部は、A長官が
Bと電話会談を行ったと明らかにした」) is that clause's subject, not a speaker."""
from __future__ import annotations

import pytest

CASES = [
    (
        "5月3日　ジョン・ライト国務長官、山田一郎外務大臣と電話会談　協力を確認",
        {("ジョン・ライト", "US"), ("山田一郎", "JP")},
    ),
    (
        "5月3日　豪州のピーター・グレイ国防相、石井和也防衛大臣と会談（東京）",
        {("ピーター・グレイ", "AU"), ("石井和也", "JP")},
    ),
    (
        "6月9日　マリア・ロペス国務副長官、森田健一外務審議官と日米次官協議に臨む（東京）",
        {("マリア・ロペス", "US"), ("森田健一", "JP")},
    ),
    (
        "韓国外交部は9日、朴大成外交部長官が同日夜、米国のジョン・ライト国務長官と電話会談を行ったと明らかにした。",
        {("朴大成", "KR"), ("ジョン・ライト", "US")},
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extract_headline_items(facts_of, text, expected):
    facts = facts_of(text, published="2025-06-20")
    people = {p.key: p.name for p in facts.people}
    assert {(people[r.person], r.side) for r in facts.representations} == expected


@pytest.mark.parametrize("text", [
    "5月3日　山田一郎外務大臣、ジョン・ライト国務長官と会談へ",  # planned (へ)
    "山田一郎外務大臣は、ジョン・ライト国務長官と会談する。",  # prose: non-past is the future
])
def test_extract_headline_items_not_held(facts_of, text):
    assert not facts_of(text, published="2025-06-20").representations
