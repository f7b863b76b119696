"""Officials of an international organisation take its side (made-up sentences, real GiNZA): the
organisation written before 「の」 with its acronym in brackets (「北大西洋条約機構(NATO)のA事務次長」,
``genitive_after_name``), or inside the post (「A欧州委員会委員長」, institutions.tsv)."""
from __future__ import annotations

import pytest

CASES = [
    ("北大西洋条約機構（NATO）のソフィア・ベルク事務次長は来日中の14日、防衛省で山田一郎防衛副大臣と会談した。",
     {("ソフィア・ベルク", "NATO"), ("山田一郎", "JP")}),
    ("森総理は、ミア・ベルク欧州委員会委員長と電話で会談した。", {("森", "JP"), ("ミア・ベルク", "EU")}),
    ("欧州委員会のアンナ・シュミット委員長は、来日中に川口外務大臣と会談した。", {("アンナ・シュミット", "EU"), ("川口", "JP")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extract_organisation_official_takes_its_side(facts_of, text, expected):
    facts = facts_of(text, "2030-05-02")
    people = {p.key: p.name for p in facts.people}
    assert {(people[r.person], r.side) for r in facts.representations} == expected
