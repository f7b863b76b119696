"""「…にて開催された日朝協議の概要以下のとおり」: a past relative clause of a holding verb
right before the meeting name says the meeting was held, so the roster after it counts; a
future one (「行われる」) does not, nor a clause that belongs to a session named after の.
Made-up sentences."""
from __future__ import annotations

import pytest

CASES = [
    ("3月5日から6日,ハノイにて開催された日朝政府間協議の概要は次のとおり。(我が方:森田アジア大洋州局長他,先方:金英男(キム・ヨンナム)外務省大使他)",
     {("森田", "JP", "日朝政府間協議"), ("金英男", "KP", "日朝政府間協議")}),
    ("7日,ジュネーブで行われた日米次官協議の概要は以下のとおりです。日本側から山本外務審議官,米国側からジョン・ドウ国務次官が出席しました。",
     {("山本", "JP", "日米次官協議"), ("ジョン・ドウ", "US", "日米次官協議")}),
    ("来月ジュネーブで行われる日米次官協議の概要は以下のとおりです。日本側から山本外務審議官,米国側からジョン・ドウ国務次官が出席する予定です。",
     set()),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_held_relative_clause(facts_of, text, expected):
    from conftest import reps_of

    assert reps_of(facts_of(text, published="2024-06-10")) == expected
