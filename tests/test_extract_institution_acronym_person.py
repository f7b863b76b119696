"""A body, its acronym in brackets, then 「の」 and a person (「米国家安全保障会議（NSC）のA部長」):
the body's country is the person's, not that of a person listed before him (made-up sentences,
real GiNZA)."""
import pytest


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("韓国国防部の朴成民室長、米国家安全保障会議（NSC）のアン・ミラー上級部長も出席した。", "アン・ミラー", "US"),
        ("日本の外務省の森田健局長、英国防省（MOD）のポール・グリーン局長が出席した。", "ポール・グリーン", "GB"),
    ],
)
def test_extract_body_acronym_then_person(facts_of, text, name, country):
    facts = facts_of(text, published="2024-05-10")
    assert {p.name: p.country for p in facts.people}.get(name) == country, facts.people
