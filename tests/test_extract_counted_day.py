"""A day counted from the date written before it (「9日、…前日夜、…会談」 → the 8th, 「5日…、翌日…」 →
the 6th) dates the meeting. Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest

CASES = [
    ("韓国外交部は9日、朴大成外交部長官が前日夜、米国のジョン・ライト国務長官と電話会談を行ったと明らかにした。", "2025-01-08"),
    ("山田一郎外相は5日、パリに到着し、翌日、フランスのジャン・ルー外相と会談した。", "2025-01-06"),
    ("山田一郎外相は5日、フランスのジャン・ルー外相と会談した。", "2025-01-05"),
]


@pytest.mark.parametrize("text, day", CASES)
def test_extract_counted_day(facts_of, text, day):
    facts = facts_of(text, published="2025-01-10")
    dates = {m.key: m.date for m in facts.meetings}
    assert facts.representations
    assert {dates[r.meeting] for r in facts.representations} == {day}
