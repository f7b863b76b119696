"""A verb of attending with no subject written (「続いて、…に出席しました」) goes on with the
topic of the sentences before: the person marked は/が there took part in the meeting that is
the verb's argument (rule ``unwritten_subject``). Not when someone is named in the sentence,
the meeting is planned, or the sentence writes a subject of its own. Made-up sentences."""
from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import reps_of

CASES = [
    ("山田花子首相は3日、横浜で韓国の李成民大統領、中国の王強首相とともに日中韓サミットに臨んだ。首脳らは午後、揃って報道陣の前に立った。"
     "夕方には、市内のホテルで催された日中韓経済人会議に出席した。",
     {("山田花子", "JP", "日中韓経済人会議")}),
    ("山川一郎外務大臣は3日、ペルーのルイス・ソト外相と会談した。これに先立ち、日ペルー経済フォーラム(JPEF)に出席した。",
     {("山川一郎", "JP", "日ペルー経済フォーラム")}),
    ("大西五郎防衛大臣は5日、シンガポールを訪問した。同日夜、アジア安全保障会議に出席した。",
     {("大西五郎", "JP", "アジア安全保障会議")}),
    # planned; a subject of its own (経済界の代表); nothing held to attend
    ("山川一郎外務大臣は3日、ペルーのルイス・ソト外相と会談した。翌日、日ペルー経済フォーラム(JPEF)に出席する予定だ。", set()),
    ("山川一郎外務大臣は3日、ペルーのルイス・ソト外相と会談した。日ペルー経済フォーラム(JPEF)には経済界の代表も出席した。", set()),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_unwritten_subject(facts_of, text, expected):
    facts = facts_of(text, published="2024-06-01")
    own = replace(facts, representations=tuple(r for r in facts.representations if r.rule == "unwritten_subject"))
    assert reps_of(own) == expected
