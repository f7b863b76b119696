"""The medium of talks written as an adverbial (「電話で会談した」「テレビで会談し」) names the talks
like the compound does (…電話会談, …テレビ会談). Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest

CASES = [
    ("山田一郎外相は5日、カナダのアン・ミラー外相と電話で会談した。", "電話会談"),
    ("山田一郎外相は5日、カナダのアン・ミラー外相とテレビで会談し、協力を確認した。", "テレビ会談"),
    ("フィリピン国防省は6日、同国のロベルト・クルス国防相が同日、日本の石井和也防衛相と電話で会談したと発表した。", "電話会談"),
]


@pytest.mark.parametrize("text, medium", CASES)
def test_extract_talk_medium_adverbial(facts_of, text, medium):
    facts = facts_of(text, published="2025-01-10")
    forums = {m.key: m.forum for m in facts.meetings}
    assert facts.representations
    assert all(forums[r.meeting].endswith(medium) for r in facts.representations)
