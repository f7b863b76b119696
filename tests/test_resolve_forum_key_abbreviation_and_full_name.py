"""A forum name's country prefix: a one-character country form (日, 米) before a full country
name written in kana or Latin letters (「日カンボジア防衛相会談」) names both countries; a kanji
after the lone character may begin an ordinary word, so it stays no prefix (中東)."""

import pytest

from kg.resolve import forum_key


@pytest.mark.parametrize(
    "text, countries",
    [
        ("日カンボジア防衛相会談", {"JP", "KH"}),
        ("日・マレーシア外相会談", {"JP", "MY"}),
        ("日ベトナム次官級協議", {"JP", "VN"}),
        ("米インド戦略対話", {"US", "IN"}),
        ("日ASEAN首脳会議", {"JP", "ASEAN"}),
        ("日豪防衛相会談", {"JP", "AU"}),  # (a run of one-character forms, as before)
        ("中東和平会議", None),  # a kanji after the lone character: no prefix
        ("日本・フィリピン外相会談", {"JP", "PH"}),
    ],
)
def test_resolve_forum_key_abbreviation_before_full_name(text, countries):
    codes, _ = forum_key(text)
    assert (set(codes) if codes else None) == countries


def test_resolve_forum_key_abbreviation_before_full_name_same_series():
    # the spelled-out pair and the abbreviated one name the same series
    assert forum_key("日カンボジア防衛相会談") == forum_key("日本・カンボジア防衛相会談")
