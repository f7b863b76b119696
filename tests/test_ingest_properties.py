"""Property-based checks of body spans on arbitrary page-like text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import find_body_spans

WORDS = ["韓国", "米国", "日本", "会議", "外相", "次官", "協議", "首脳", "同盟", "抑止", "北朝鮮", "開いた", "述べた",
         "確認した", "ことで", "一致した", "について", "は", "が", "を", "に", "で", "と", "の", "4日", "第2回", "EDSCG"]
FURNITURE = ["ランキング", "関連記事", "コメント0", "・関連の見出し", "• 1", "シェア", "2024年 11月 3日 (日曜日)", "12.3 C",
             "引用:外務省", "reporter@example.jp", "こんな記事もおすすめ", "トレンド", "【関連記事】", "(2)"]
SPACES = st.sampled_from(["", " ", "  ", "\t", "\u3000", "\u00a0"])

sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=30).map(lambda ws: "".join(ws) + "。")
prose = st.lists(sentence, min_size=1, max_size=4).map("".join)
headline = st.lists(st.sampled_from(WORDS), min_size=2, max_size=10).map("".join)
line = st.one_of(prose, prose, headline, st.sampled_from(FURNITURE), st.just(""))
padded = st.tuples(SPACES, line, SPACES).map("".join)
page = st.lists(padded, max_size=40).map("\n".join)


def is_line_start(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t\u3000\u00a0")
    return before == "" or before.endswith("\n")


def is_line_end(text: str, offset: int) -> bool:
    after = text[offset:].lstrip(" \t\u3000\u00a0")
    return after == "" or after.startswith("\n")


@settings(max_examples=300, deadline=None)
@given(text=page)
def test_ingest_properties_spans_are_stripped_ordered_line_blocks(text: str):
    spans = find_body_spans(text)
    previous_end = -1
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start > previous_end  # sorted, non-overlapping, not even touching
        block = text[start:end]
        assert block == block.strip()
        assert is_line_start(text, start) and is_line_end(text, end)
        previous_end = end
    assert find_body_spans(text) == spans  # deterministic


@settings(max_examples=200, deadline=None)
@given(
    paragraphs=st.lists(prose, min_size=1, max_size=8, unique=True),
    order=st.lists(st.integers(min_value=0, max_value=7), min_size=1, max_size=20),
)
def test_ingest_properties_dedup_keeps_one_copy_of_each_paragraph(paragraphs: list[str], order: list[int]):
    # An article printed with some paragraphs repeated (whole halves, or here and there).
    sequence = paragraphs + [paragraphs[i % len(paragraphs)] for i in order]
    text = "\n".join(sequence)
    kept = [text[s:e] for s, e in find_body_spans(text)]
    assert sorted(kept) == sorted(paragraphs)
    assert kept == paragraphs  # the first copies, in their order
