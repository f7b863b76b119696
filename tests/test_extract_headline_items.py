"""Headline style and reported clauses (made-up text, real GiNZA): list items and headlines
report held events in the non-past and end on the talks noun (「5月3日　A長官、B大臣と電話会談」
「…と次官協議に臨む（東京）」); a が-subject of a clause closed by the quoting 「と」 (「外交部は、A長官が
Bと電話会談を行ったと明らかにした」) is that clause's subject, not a speaker."""
from __future__ import annotations

import pytest
from conftest import reps_of

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
    assert {(name, side) for name, side, _ in reps_of(facts)} == expected


@pytest.mark.parametrize("text", [
    "5月3日　山田一郎外務大臣、ジョン・ライト国務長官と会談へ",  # planned (へ)
    "山田一郎外務大臣は、ジョン・ライト国務長官と会談する。",  # prose: non-past is the future
])
def test_extract_headline_items_not_held(facts_of, text):
    assert not facts_of(text, published="2025-06-20").representations


# A post written alone as the topic of a list item stands for its holder, named in a bracketed
# note of the same item (「（統幕長：A陸将）」) or on an earlier item.
POST_ONLY = [
    (
        "11月20日　海幕長、仏海軍参謀総長のピエール・ルグラン大将とテレビ会談（海幕長：岩田圭介海将）\n"
        "11月8日　海幕長、英国の海軍参謀長、ロバート・キーン大将と会談",
        {("岩田圭介", "JP"), ("ピエール・ルグラン", "FR"), ("ロバート・キーン", "GB")},
    ),
    (
        "10月2日　空幕長、米太平洋空軍司令官のジョン・リード大将と電話会談（空幕長：島崎亮空将）",
        {("島崎亮", "JP"), ("ジョン・リード", "US")},
    ),
]


@pytest.mark.parametrize("text, expected", POST_ONLY)
def test_extract_headline_items_post_only_topic(facts_of, text, expected):
    facts = facts_of(text, published="2024-12-20")
    assert {(name, side) for name, side, _ in reps_of(facts)} == expected


def test_extract_headline_items_own_meeting_each(facts_of):
    # a partner of unknown country on a later item joins no meeting of an earlier item
    facts = facts_of(
        "11月20日　海幕長、仏海軍参謀総長のピエール・ルグラン大将とテレビ会談（海幕長：岩田圭介海将）\n"
        "11月8日　海幕長、海軍参謀長のロバート・キーン大将と会談",
        published="2024-12-20",
    )
    assert "ロバート・キーン" not in {name for name, _, _ in reps_of(facts)}
