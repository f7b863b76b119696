"""Property: wherever a body paragraph sits in the article text, every Evidence the
per-article stage returns points at exactly the sentence it quotes."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.pipeline import process_article
from kg.records import Article

# News-style sentences (not from the seeds; made-up names): meetings, sides, titles, people.
SENTENCES = [
    "日米両政府は3日、ワシントンで外務・防衛担当閣僚協議（2プラス2）を開いた。",
    "日本側からは川村陽一外相と森本稔防衛相が、米国側からはハリソン国務長官とウェルズ国防長官が出席した。",
    "韓国と米国は10日、ソウルで第4回核協議グループ（NCG）会合を開催した。",
    "韓国側は国防部の朴正浩国防政策室長が、米国側は国防総省のモリソン宇宙政策担当次官補代行が首席代表を務めた。",
    "日韓の外務次官は同日、東京で戦略対話を行い、北朝鮮への対応で緊密に連携することを確認した。",
    "会談後、両氏は共同記者会見に臨んだ。",
]
FURNITURE = ["", "\n", "ランキング\n", "関連記事：ほかのニュース\n", "　\n", "広告\n\n"]


def _evidence(facts):
    for group in (facts.people, facts.institutions, facts.meetings, facts.representations):
        for item in group:
            yield from item.evidence


def _article(paragraphs: list[str], furniture: list[str]) -> Article:
    text, body = "", []
    for para, junk in zip(paragraphs, furniture):
        text += junk
        body.append((len(text), len(text) + len(para)))
        text += para + "\n"
    return Article(doc_id="prop", path="prop.txt", text=text, body=tuple(body), published="2024-10-05")


paragraph = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=2).map("".join)


def test_pipeline_evidence_fixed_article_has_evidence(nlp, tmp_path):
    """Guard against a vacuous property: the sentences do produce evidence."""
    article = _article(SENTENCES, FURNITURE)
    result = process_article(article, str(tmp_path), True)
    assert result.error is None, result.error
    evidence = list(_evidence(result.facts))
    assert evidence
    for ev in evidence:
        assert article.text[ev.start:ev.end] == ev.sentence


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=st.lists(paragraph, min_size=1, max_size=4),
       furniture=st.lists(st.sampled_from(FURNITURE), min_size=4, max_size=4))
def test_pipeline_evidence_offsets_point_at_quoted_sentence(nlp, tmp_path_factory, paragraphs, furniture):
    # One parse cache for every example: repeated paragraphs are parsed once.
    cache = tmp_path_factory.getbasetemp() / "evidence-cache"
    article = _article(paragraphs, furniture)
    result = process_article(article, str(cache), True)
    assert result.error is None, result.error
    for ev in _evidence(result.facts):
        assert ev.doc_id == article.doc_id
        assert 0 <= ev.start < ev.end <= len(article.text)
        assert article.text[ev.start:ev.end] == ev.sentence
        assert any(s <= ev.start and ev.end <= e for s, e in article.body), "evidence outside the body"
