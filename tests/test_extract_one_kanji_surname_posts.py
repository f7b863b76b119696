"""A one-kanji family name before a post the title alone places in one country (官房長官: one
holder there) is that holder, as before a national head or minister's post, when nobody
earlier could be meant (「会談には森官房長官が同席した」). Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, surname", [
    ("４月３日、山川総理は、カナダのエマ・グレイ首相と電話会談を行いました。電話会談には、森官房長官と川口内閣官房副長官が同席しました。", "森"),
    ("同日夕刻、山川総理は、ペルーのカルロス・メンデス大統領とテレビ会議形式で会談を行いました。この会談には谷官房長官が同席しました。", "谷"),
    ("森田総理は５日、チリのマリア・ソト大統領と首脳会談を行った。会談には関官房長官も同席した。", "関"),
])
def test_extract_one_kanji_surname_with_a_national_post(facts_of, text, surname):
    facts = facts_of(text, published="2024-04-06")
    names = {p.key: p.name for p in facts.people}
    assert (surname, "JP") in {(names[r.person], r.side) for r in facts.representations}
