"""A name in kanji the tagger cuts into words, followed by its katakana reading in brackets and a
post (「孔…（コン・…）　外交部副部長」), is one person; a roster line's country label is that
person's country, above an institution word several states use (外交部). Made-up pages read
through kg.ingest.load_article, real GiNZA."""
import pytest
from conftest import reps_of

HEAD = "日中韓外務次官協議の開催\n　4月8日、日中韓外務次官協議がソウルで行われた。協議には各国から以下の代表が出席した。\n"


@pytest.mark.parametrize(
    "line, name, code",
    [
        ("中国：魯亦然（ルー・イーラン）　外交部副部長", "魯亦然", "CN"),
        ("中国：方且行（ファン・チエシン）　外交部部長助理", "方且行", "CN"),
        ("韓国：河又然（ハ・ウヨン）　外交部第1次官", "河又然", "KR"),
    ],
)
def test_extract_name_reading_roster(facts_of_page, line, name, code):
    page = HEAD + "日本：山室健一　外務審議官\n" + line + "\n"
    facts = facts_of_page(page, published="2024-04-09")
    people = {p.name: p.country for p in facts.people}
    assert people.get(name) == code, people
    assert (name, code) in {(n, side) for n, side, _ in reps_of(facts)}
