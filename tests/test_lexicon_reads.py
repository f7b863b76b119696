"""Lexicon files are read from disk once per process, not per sentence or per token.

Counted with an audit hook on ``open`` (the real file system, nothing patched): once one
article has been parsed and extracted, parsing and extracting others opens no file of
``kg/data`` again (main once read ``cues.tsv`` 28,000 times for 39 articles).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import kg

DATA = str(Path(kg.__file__).resolve().parent / "data")
_opened: list[str] = []
_counting = [False]


def _hook(event: str, args: tuple) -> None:
    if _counting[0] and event == "open" and isinstance(args[0], str) and args[0].startswith(DATA):
        _opened.append(Path(args[0]).name)


sys.addaudithook(_hook)  # hooks cannot be removed: it counts only while _counting is set

WARM_UP = "東山一郎外務大臣は3日、来日したマルタン仏外相と東京で会談した。\n両外相は防衛協力の強化で一致した。"


@pytest.mark.parametrize(
    "text",
    [
        "日本側からは北川次郎防衛大臣が、豪州側からはサラ・ブラウン国防相が出席した。",
        "第5回日米豪閣僚級会合が10日、キャンベラで開かれた。\n会合には西田三郎外務副大臣が参加した。",
        "南野四郎首相は来週、ソウルを訪れ、チョン大統領と首脳会談を行う予定だ。",
    ],
)
def test_lexicon_files_are_not_read_again_after_the_first_article(facts_of, text):
    facts_of(WARM_UP, published="2024-05-03")
    _opened.clear()
    _counting[0] = True
    try:
        facts = facts_of(text, published="2024-05-03", doc_id="second")
    finally:
        _counting[0] = False
    assert facts.people, "the article was really extracted"
    assert _opened == []
