"""kg_domain: modifiers of a post after a name (made-up sentences): 元 (former) glued to a
given name, deputy heads 副部長/副局長. Real GiNZA."""
from __future__ import annotations

import pytest


FORMER = [
    # 元 glued by the tokenizer to a given name before a post is "former"
    ("(東西大学院大の李成進元総長)との見方が出ている。", "李成進", True),
    ("(南北研究院の崔茂進元院長)と述べた。", "崔茂進", True),
    # a reading of the given name keeps 元 in the name
    ("山本元(げん)防衛相が出席した。", "山本元", False),
]


@pytest.mark.parametrize("text, name, former", FORMER)
def test_nlp_former_prefix_after_a_name(nlp, text, name, former):
    people = [m for m in nlp(text)._.kg_mentions if m.label == "PERSON"]
    assert [m.name for m in people] == [name]
    assert people[0].former is former


@pytest.mark.parametrize("text, name, title", [
    ("北朝鮮の崔英姫朝鮮労働党副部長が談話を発表した。", "崔英姫", "朝鮮労働党副部長"),
    ("外務省の山田一郎アジア大洋州局副局長が出席した。", "山田一郎", "アジア大洋州局副局長"),
])
def test_nlp_deputy_heads_are_posts(nlp, text, name, title):
    people = [m for m in nlp(text)._.kg_mentions if m.label == "PERSON"]
    assert [(m.name, m.title) for m in people] == [(name, title)]


@pytest.mark.parametrize("text, names", [
    # a portfolio word before a post inside a meeting's name is no person's name
    ("両政府は12日、那覇市内で第4回日比外務次官戦略対話を開いた。", []),
    ("両国は、東京で第3回日印外務次官対話を開いた。", []),
    ("山川一郎外務次官は、東京で日加外務次官協議に臨んだ。", ["山川一郎"]),
])
def test_nlp_portfolio_word_in_a_meeting_name_is_no_name(nlp, text, names):
    assert [m.name for m in nlp(text)._.kg_mentions if m.label == "PERSON"] == names
