"""A post written before the name it belongs to (made-up sentences, real GiNZA): 「POSTのNAME」
without 氏 (「事務次官のA・B（Sir A B）は」), 「POST、NAME氏」 in apposition (the country before
the post's own 「の」 counted), and a military rank after the name like 氏 (「司令官のA・B海軍大将」)."""
from __future__ import annotations

import pytest
from conftest import reps_of

CASES = [
    (
        "山田一郎外相は4日、英国の国防相、アラン・ブラウン氏と会談した。",
        {("山田一郎", "JP"), ("アラン・ブラウン", "GB")},
    ),
    (
        "中川啓介防衛相は6日、来日中の米空軍参謀総長、ロイ・ハミルトン大将と会談した。",
        {("中川啓介", "JP"), ("ロイ・ハミルトン", "US")},
    ),
    (
        "統合幕僚長の宮下誠陸将は2日、米太平洋艦隊司令官のジョン・ヘイズ海軍大将と会談した。",
        {("宮下誠", "JP"), ("ジョン・ヘイズ", "US")},
    ),
    (
        "英国外務省事務次官のサイモン・ウェスト（Sir Simon West）は3日、東京で英日次官協議を行った。"
        "協議には、英国側から国防省アジア局長のクレア・ホール（Clare Hall）が、日本側から森田健一防衛審議官が同席した。",
        {("サイモン・ウェスト", "GB"), ("クレア・ホール", "GB"), ("森田健一", "JP")},
    ),
    (
        "韓国外交部は9日、朴大成外交部長官が同日、米国のジョン・ライト国務長官と電話会談を行ったと明らかにした。"
        "電話会談には、大統領室の国家安保室長、崔民浩（チェ・ミンホ）氏も陪席したという。",
        {("朴大成", "KR"), ("ジョン・ライト", "US"), ("崔民浩", "KR")},
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extract_post_apposition(facts_of, text, expected):
    facts = facts_of(text, published="2025-03-10")
    assert {(name, side) for name, side, _ in reps_of(facts)} == expected


def test_extract_post_apposition_rank_alone_introduces_nobody(facts_of):
    # a name with a rank and no post before it is no official of the meeting
    facts = facts_of("視察の後、ロイ・ハミルトン大将は記者団の質問に答えた。", published="2025-03-10")
    assert not facts.representations
