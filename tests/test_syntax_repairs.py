"""Parse repairs of kg.syntax on real GiNZA parses of made-up sentences."""
import pytest


def _token(doc, text):
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(
    "text, verb",
    [
        ("山田外務大臣は、スミス外相と日英外相会談を行ったところ、その概要は次のとおりです。", "行っ"),
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


@pytest.mark.parametrize(
    "text, noun, published",
    [
        ("ペドロ・サントス駐日ブラジル大使(Pedro de Santos)は5月9日、外務省で川口真一外務副大臣と会談した。", "大使", "2024-05-10"),
        ("アナ・ロペス・スペイン外相(Foreign Minister Ana Lopez)は3日、東京で森田浩外務大臣と会談した。", "外相", "2024-06-04"),
        ("ハンス・ミュラー駐日ドイツ大使(Ambassador Hans Muller)は、山内一郎外務副大臣と会談した。", "大使", "2024-07-02"),
        # the topic hangs on the last predicate; the talks clause before it is still its own
        ("マルコ・ロッシ駐日イタリア大使(Ambassador Marco Rossi)は4日、外務省で松井浩二外務副大臣と会談し、文化交流について意見を交わした。", "大使", "2024-08-05"),
    ],
)
def test_syntax_blanked_gloss_leaves_its_case_to_the_noun_before(nlp, facts_of, text, noun, published):
    """An English gloss blanked before parsing is no word: the post before it keeps は."""
    from kg.normalise import normalise_for_parse

    doc = nlp(normalise_for_parse(text))
    post = _token(doc, noun)
    assert any(c.text == "は" and c.dep_ == "case" for c in post.children), [(t.text, t.dep_, t.head.i) for t in doc]
    assert post.dep_ != "ROOT"
    facts = facts_of(text, published=published)
    assert len({(r.person, r.meeting) for r in facts.representations}) == 2, facts.representations
