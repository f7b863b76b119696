"""Lists laid out in columns (made-up pages read through kg.ingest.load_article, real GiNZA):
a roster whose columns are separated by blanks (「国名　氏名　役職」, 「国名　氏名役職」 without a
colon), a meeting pointed at by 本/同 (「本会合には」), and dated activity lists (one item a line,
「12月5日　A、Bと会談」) whose items are text, not page furniture."""
from __future__ import annotations

import pytest
from conftest import reps_of

ROSTERS = [
    (
        """日伊豪外相会合
 5月8日、ローマにおいて日伊豪外相会合が開催されたところ、概要は以下のとおりです。本会合には、山岸千里外務大臣が出席しました。
(出席国)
 日本:山岸千里　外務大臣
 イタリア:マルコ・ビアンキ　外務大臣
 豪州:サラ・ケリー　外務大臣
""",
        {("山岸千里", "JP"), ("マルコ・ビアンキ", "IT"), ("サラ・ケリー", "AU")},
    ),
    (
        """日蘭加防衛相会合
 7月2日、オタワで日蘭加防衛相会合が開かれました。
(出席者)
 オランダ　ヨハン・デフリース国防大臣
 カナダ　ルーク・タンギー国防大臣
 日本　坂口雄大防衛大臣
""",
        {("ヨハン・デフリース", "NL"), ("ルーク・タンギー", "CA"), ("坂口雄大", "JP")},
    ),
]


@pytest.mark.parametrize("text, expected", ROSTERS)
def test_extract_list_columns_roster(facts_of_page, text, expected):
    facts = facts_of_page(text, published="2024-07-10")
    assert {(name, side) for name, side, _ in reps_of(facts)} == expected
    assert len({r.meeting for r in facts.representations}) == 1  # 本会合 is the meeting reported


DATED_ITEMS = [
    (
        """活動の記録（令和6年10月）
１０月２８日　アラン・モルロー国防次官、中川啓介防衛審議官と電話会談
１０月１５日　森下和夫海上幕僚長、ホノルルを訪問
""",
        ["電話会談", "ホノルル"],
    ),
    (
        """＊ 2025年3月4日　ミナ・パテル国務次官補、外務省の北条学局長と会談
＊ 2025年3月1日　大使、那覇市内の大学で講演
""",
        ["北条学", "那覇"],
    ),
]


@pytest.mark.parametrize("text, expected", DATED_ITEMS)
def test_extract_list_columns_dated_items_are_text(facts_of_page, text, expected):
    from kg.ingest import classify_paragraphs
    kept = [v.paragraph.text for v in classify_paragraphs(text) if v.kept]
    assert all(any(word in t for t in kept) for word in expected)
