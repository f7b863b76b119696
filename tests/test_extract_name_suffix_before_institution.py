"""A given name whose last kanji the tagger reads as a suffix (博, as in 「質博」) ends the name
when the institution that opens the post follows it straight: 「佐藤質博外務省北米局長」 is 佐藤質博,
外務省北米局長 — not 佐藤量 with a post 「博外務省…」. Made-up sentences."""
from __future__ import annotations

import pytest
from conftest import reps_of

CASES = [
    ("3日、日米局長協議が東京で行われ、日本側から佐藤質博外務省北米局長が出席した。",
     {("佐藤質博", "JP")}),
    ("3日、日米局長協議が東京で行われ、日本側から佐藤質博外務省北米局長と石川明宏防衛省防衛政策局長が出席した。",
     {("佐藤質博", "JP"), ("石川明宏", "JP")}),
    ("3日、日米局長協議が東京で行われ、日本側から高橋一郎外務省北米局長が出席した。",
     {("高橋一郎", "JP")}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_name_suffix_before_institution(facts_of, text, expected):
    assert {(name, side) for name, side, _ in reps_of(facts_of(text, published="2024-06-01"))} == expected


@pytest.mark.parametrize("text,name,title", [
    ("佐藤質博外務省北米局長が出席した。", "佐藤質博", "外務省北米局長"),
    ("山田博之防衛省防衛政策局長が出席した。", "山田博之", "防衛省防衛政策局長"),
])
def test_extract_name_suffix_before_institution_mentions(nlp, text, name, title):
    people = [m for m in nlp(text)._.kg_mentions if m.label == "PERSON"]
    assert [(m.name, m.title) for m in people] == [(name, title)]
