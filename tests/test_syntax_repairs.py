"""Parse repairs of kg.syntax on real GiNZA parses of made-up sentences."""
import pytest


def _token(doc, text):
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(
    "text, verb",
    [
        ("山田外務大臣は、スミス外相と日英外相会談を行ったところ、概要は以下のとおりです。", "行っ"),
        ("佐藤防衛大臣は、ジョーンズ国防相との間で日豪防衛相会談を実施したところ、概要は次のとおり。", "実施"),
    ],
)
def test_syntax_conjunctive_tokoro_heads_an_adverbial_clause(nlp, text, verb):
    doc = nlp(text)
    assert _token(doc, verb).dep_ == "advcl"


@pytest.mark.parametrize(
    "text, verb",
    [
        ("昨年開かれた会談の成果を確認した。", "開か"),  # a real relative clause stays one
    ],
)
def test_syntax_relative_clause_kept(nlp, text, verb):
    doc = nlp(text)
    assert _token(doc, verb).dep_ == "acl"


@pytest.mark.parametrize(
    "text, person, country",
    [
        ("インドを訪問中の山田一郎外務大臣は、シン外務大臣と会談を行った。", "山田一郎", "JP"),
        ("ブエノスアイレスに滞在中のジョン・スミス・オーストラリア連邦外務大臣は、山田外相と会談した。", "ジョン・スミス", "AU"),
        ("ヌルラン・カリモフ・カザフスタン共和国外務大臣と会談した。", "ヌルラン・カリモフ", "KZ"),
    ],
)
def test_extract_country_of_person_suffix_and_iso_names(facts_of, text, person, country):
    facts = facts_of(text, published="2024-05-01")
    found = {p.name: p.country for p in facts.people}
    assert found.get(person) == country, found
