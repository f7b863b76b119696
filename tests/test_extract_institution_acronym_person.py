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


@pytest.mark.parametrize(
    "text, name",
    [
        ("会談には、駐日オーストラリア大使のサラ・ウィットフィールド（Sarah Whitfield）氏が同席した。", "サラ・ウィットフィールド"),
        ("会談には、駐日英国大使のジョン・ウィットフィールド（John Whitfield）氏が同席した。", "ジョン・ウィットフィールド"),
    ],
)
def test_extract_katakana_name_cut_before_its_gloss(nlp, text, name):
    """「ウィット|フィールド（…）氏」: a katakana name the tokenizer cut in two is one name."""
    from kg.normalise import normalise_for_parse

    people = [m.name for m in nlp(normalise_for_parse(text))._.kg_mentions if m.label == "PERSON"]
    assert name in people, people
