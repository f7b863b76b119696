"""「…にはBが同行し、両者は…懇談した」: 両者/両大臣 whose people were introduced earlier in the
same sentence (not only in the sentences before) are the parties of the talks. Made-up text,
real GiNZA."""
from __future__ import annotations

import pytest
from conftest import reps_of

CASES = [
    (
        "海上幕僚長の岡田健二海将は8日、呉基地を視察した。視察には、来日中の米太平洋艦隊司令官、"
        "ポール・ハート大将が同行し、両者は視察後、基地内で約30分間懇談した。",
        {("岡田健二", "JP"), ("ポール・ハート", "US")},
    ),
    (
        "山田一郎外相は5日、ソウルで歓迎行事に出席した。行事には韓国の朴大成外交部長官も出席し、"
        "両者は同日、昼食を共にしながら会談した。",
        {("山田一郎", "JP"), ("朴大成", "KR")},
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extract_pair_in_sentence(facts_of, text, expected):
    facts = facts_of(text, published="2025-01-10")
    assert {(name, side) for name, side, _ in reps_of(facts)} == expected
