"""One-kanji country forms written only in compounds (kg/data/country_compound_forms.tsv):
「日蘭首脳会談」「日伯外相会談」 name the meeting of those two countries, the way 日米 and 日豪 do;
alone, or before no meeting word or post, the same characters are ordinary words (土日, a name).
Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest


def _countries(nlp, text):
    return [m.codes for m in nlp(text)._.kg_mentions if m.label == "COUNTRY"]


@pytest.mark.parametrize("text, codes", [
    ("昨日、日蘭首脳会談が東京で開かれた。", ("JP", "NL")),
    ("両大臣は日伯外相会談で協力を確認した。", ("JP", "BR")),
    ("日土防衛相会談は初めてとなる。", ("JP", "TR")),
    ("日・西首脳会談の開催について", ("JP", "ES")),
])
def test_extract_country_compounds_name_the_countries(nlp, text, codes):
    assert codes in _countries(nlp, text)


@pytest.mark.parametrize("text", [
    "土日は窓口が休みになる。",
    "日馬富士が初優勝を飾った。",
    "西外相は記者団の質問に答えた。",
])
def test_extract_country_compounds_not_a_country_alone(nlp, text):
    assert not [c for c in _countries(nlp, text) if set(c) & {"TR", "MY", "ES"}]


def test_extract_country_compounds_talks_take_the_written_name(facts_of):
    facts = facts_of("5日、山田一郎外務大臣は、カルロス・メンデス・ブラジル外務大臣と日伯外相会談を行いました。", published="2024-03-06")
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m for m in facts.meetings}
    got = {(people[r.person], r.side, meetings[r.meeting].forum) for r in facts.representations}
    assert got == {("山田一郎", "JP", "日伯外相会談"), ("カルロス・メンデス", "BR", "日伯外相会談")}
