"""「AはBと…会談を行い」 after a wider meeting is in focus: when A and B are two of its
parties (fewer than all), the bare talk word is talks of their own, not the wider meeting
again; with the same parties it is still the meeting in focus. Made-up sentences."""
from __future__ import annotations

import pytest

from conftest import reps_of

TRILATERAL = (
    "10月8日、川村首相は、第3回日中韓サミット等に臨みました。\n"
    "首相は、朝、都内のホテルで中国の周国強国務院総理及び韓国の崔秀賢大統領と日中韓サミットを行いました。"
    "続いて、3首脳は共同声明を発表しました。\n"
)

CASES = [
    (TRILATERAL + "正午過ぎ、首相は、崔韓国大統領と同じホテルで会談を行いました。\n"
     "夕方には、首相は、周中国国務院総理と首相公邸で会談を行いました。",
     {("川村", "JP", "日中韓首脳会議"), ("周国強", "CN", "日中韓首脳会議"), ("崔秀賢", "KR", "日中韓首脳会議"),
      ("川村", "JP", "日韓首脳会談"), ("崔秀賢", "KR", "日韓首脳会談"),
      ("川村", "JP", "日中首脳会談"), ("周国強", "CN", "日中首脳会談")}),
    ("9月14日、米国のピーター・グレイ大統領、韓国の呉英哲大統領と森田恵子総理は日米韓首脳会議を開いた。\n"
     "会議が終わると、森田総理は、呉韓国大統領と別室で会談を行いました。",
     {("森田恵子", "JP", "日米韓首脳会議"), ("ピーター・グレイ", "US", "日米韓首脳会議"), ("呉英哲", "KR", "日米韓首脳会議"),
      ("森田恵子", "JP", "日韓首脳会談"), ("呉英哲", "KR", "日韓首脳会談")}),
    # a bare 会談 refers back to a meeting named before only if the people are of its parties
    ("10月8日、川村首相は、第3回日中韓サミット、日韓首脳会談及び日中首脳会談に臨みました。\n"
     "首相は、朝、都内のホテルで中国の鄭文国務院総理及び韓国の崔秀賢大統領と日中韓サミットを行いました。\n"
     "正午過ぎ、首相は、崔韓国大統領と同じホテルで会談を行いました。\n"
     "夕方には、首相は、鄭中国国務院総理と首相公邸で夕食会に先立ち会談を行い、その後、共同声明を発表しました。",
     {("川村", "JP", "日中韓首脳会議"), ("鄭文", "CN", "日中韓首脳会議"), ("崔秀賢", "KR", "日中韓首脳会議"),
      ("川村", "JP", "日韓首脳会談"), ("崔秀賢", "KR", "日韓首脳会談"),
      ("川村", "JP", "日中首脳会談"), ("鄭文", "CN", "日中首脳会談")}),
    ("15日、田中外務大臣は日英外相会談及び日加外相会談に臨んだ。\n"
     "田中大臣は、はじめに英国のエマ・ホール外務大臣と会談を行った。\n"
     "次いで、大臣は、カナダのルーク・ベル外務大臣と会談を行った。",
     {("田中", "JP", "日英外相会談"), ("エマ・ホール", "GB", "日英外相会談"),
      ("田中", "JP", "日加外相会談"), ("ルーク・ベル", "CA", "日加外相会談")}),
    # the same two parties: the meeting in focus
    ("20日、川村一郎首相は韓国の崔秀賢大統領と日韓首脳会談に臨んだ。\n首相は崔大統領とソウル市内で会談を行い、連携を確認した。",
     {("川村一郎", "JP", "日韓首脳会談"), ("崔秀賢", "KR", "日韓首脳会談")}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_talks_within_meeting_are_their_own(facts_of, text, expected):
    assert reps_of(facts_of(text, published="2030-10-10")) == expected
