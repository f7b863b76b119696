"""kg.extract never fails on odd text, and every evidence offset points into the article."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = [
    "韓国側からは", "外交部の", "李在雄", "(イ・ジェウン)", "第1次官", "、", "。", "が", "は", "参加した",
    "「", "」", "と述べた", "(", ")", "第3回", "拡大抑止戦略協議体", "(EDSCG)", "会議", "を開いた",
    "4日", "昨年9月", "米", "日米韓", "首脳会談", "会談した", "氏", "予定だ", "\n", " ", "ABC", "1,000", "🙂",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=0, max_size=30))
def test_extract_robustness_any_sequence_of_news_fragments(facts_of, pieces):
    text = "".join(pieces)
    facts = facts_of(text, "2024-10-05")
    for record in (*facts.people, *facts.meetings, *facts.representations, *facts.institutions):
        for ev in record.evidence:
            assert text[ev.start : ev.end] == ev.sentence
    keys = {p.key for p in facts.people}
    meetings = {m.key: m for m in facts.meetings}
    for rep in facts.representations:
        assert rep.person in keys
        assert meetings[rep.meeting].status == "held"


def test_extract_robustness_sentence_bounds_keep_quotes_and_survive_open_brackets():
    from kg.extract import sentence_bounds

    text = "彼は「会議は終わった。成功だ」と述べた。次の文。"
    assert [text[s:e] for s, e in sentence_bounds(text)] == ["彼は「会議は終わった。成功だ」と述べた。", "次の文。"]
    broken = "前文。(閉じない括弧" + "あ" * 400 + "。次の文。"
    assert [broken[s:e] for s, e in sentence_bounds(broken)][-1] == "次の文。"
