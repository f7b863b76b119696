"""「東法典防衛事務次官」: a one-kanji family name, then two kanji that are no word of any post,
institution or meeting the lexicons know, then the post: the two kanji are the given name (東法典),
not a word of the post; a one-kanji name straight before a post (金次官), or before a word that
posts are made of (李外交部長, 王国務委員, 李首席代表), stays a short form. Made-up sentences."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,name,title", [
    ("会談には東法典防衛事務次官らが同席した。", "東法典", "防衛事務次官"),
    ("会談には南和久外務審議官が同席した。", "南和久", "外務審議官"),
    ("金次官が出席した。", "金", "次官"),
    ("李外交部長が出席した。", "李", "外交部長"),
    ("王国務委員が出席した。", "王", "国務委員"),
    ("会談には李首席代表が出席した。", "李", "首席代表"),
])
def test_extract_one_kanji_surname_given_name(nlp, text, name, title):
    people = [m for m in nlp(text)._.kg_mentions if m.label == "PERSON"]
    assert [(m.name, m.title) for m in people] == [(name, title)]
