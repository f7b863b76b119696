"""A surname with a shorter spelling of the same post (post_variants.tsv) is the person
introduced with the full name: 「山田一郎外務大臣 … 山田外相」「山田花子内閣総理大臣 … 山田総理」
are one person each; a surname with another post is someone else (大統領 … 上院議員).
Made-up sentences."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,names", [
    ("5月2日、杉本一郎外務大臣はペルーのルイス・ソト外務大臣と会談した。杉本外相は協力の強化を訴えた。", {"杉本一郎", "ルイス・ソト"}),
    ("5月2日、杉本花子内閣総理大臣はペルーのホセ・ガルシア大統領と首脳会談を行った。杉本総理は協力の強化を訴えた。",
     {"杉本花子", "ホセ・ガルシア"}),
    ("5月2日、杉本一郎防衛大臣は豪州のジョン・リード国防大臣と会談した。杉本防衛相は共同訓練の拡大を提案した。", {"杉本一郎", "ジョン・リード"}),
    ("5月2日、ホセ・ガルシア大統領は杉本花子首相と会談した。ガルシア上院議員も同席した。",
     {"杉本花子", "ホセ・ガルシア", "ガルシア"}),
])
def test_extract_short_posts_same_post_is_same_person(facts_of, text, names):
    facts = facts_of(text, published="2024-06-01")
    assert {p.name for p in facts.people} == names
