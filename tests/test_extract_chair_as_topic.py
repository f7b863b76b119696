"""「議長はAが務めた」「同会議の議長は、AとB国が共同で務めた」: the chair (cues ``chair``) as the
topic of a serving verb (``serve_verb``), its holder the subject: the holder took part in the
meeting the sentence before reported. A chair of something else said without that topic takes
nobody in. Made-up sentences."""
from __future__ import annotations

import pytest
from conftest import reps_of

CASES = [
    ("4月2日、ローマにおいてG7外相会合が開催され、日本からは山川一郎外務大臣が出席しました。議長はマリオ・ロッシ伊外務大臣が務めました。",
     {("山川一郎", "JP", "G7外相会合"), ("マリオ・ロッシ", "IT", "G7外相会合")}),
    ("8月1日、ジャカルタにおいて、山川一郎外務大臣は日・ASEAN外相会議に出席しました。同会議の議長は、インドネシアのアフマド・スルヨ外務大臣と日本が共同で務めました。",
     {("山川一郎", "JP", "日・ASEAN外相会議"), ("アフマド・スルヨ", "ID", "日・ASEAN外相会議")}),
    # no chair as topic: the serving verb alone takes nobody in
    ("4月2日、ローマにおいてG7外相会合が開催され、日本からは山川一郎外務大臣が出席しました。通訳はマリオ・ロッシ氏が務めました。",
     {("山川一郎", "JP", "G7外相会合")}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_chair_as_topic(facts_of, text, expected):
    assert reps_of(facts_of(text, published="2027-04-03")) == expected
