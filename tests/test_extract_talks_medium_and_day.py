"""How one-off talks are named and dated (made-up sentences, real GiNZA): the medium written as
an adverbial (「電話で会談した」「テレビで会談し」) names them like the compound (…電話会談), and a
day counted from the date written before it (「9日、…前日夜、…」 → the 8th, 「5日…、翌日…」 → the
6th) is their day."""
from __future__ import annotations

import pytest

CASES = [
    ("山田一郎外相は5日、カナダのアン・ミラー外相と電話で会談した。", "電話会談", "2025-01-05"),
    ("山田一郎外相は5日、カナダのアン・ミラー外相とテレビで会談し、協力を確認した。", "テレビ会談", "2025-01-05"),
    ("フィリピン国防省は6日、同国のロベルト・クルス国防相が同日、日本の石井和也防衛相と電話で会談したと発表した。", "電話会談", "2025-01-06"),
    ("韓国外交部は9日、朴大成外交部長官が前日夜、米国のジョン・ライト国務長官と電話会談を行ったと明らかにした。", "電話会談", "2025-01-08"),
    ("山田一郎外相は5日、パリに到着し、翌日、フランスのジャン・ルー外相と会談した。", "会談", "2025-01-06"),
]


@pytest.mark.parametrize("text, word, day", CASES)
def test_extract_talks_medium_and_day(facts_of, text, word, day):
    facts = facts_of(text, published="2025-01-10")
    meetings = {m.key: m for m in facts.meetings}
    held = [meetings[r.meeting] for r in facts.representations]
    assert len(held) == 2
    assert all(m.forum.endswith(word) and m.date == day for m in held)
