"""Roster lines written in columns (made-up pages, real GiNZA): a post, one blank and the name
(「局長　A」), columns apart by two blanks or more (the post after the gap is the next name's, not
the previous one's), a rank between post and name (「防衛駐在官　1等陸佐　A」), and an English
gloss blanked between a name and its post (「A(John A)　国務次官補」)."""
from __future__ import annotations

import pytest

PAGES = [
    (
        """第9回日加防衛当局間協議の開催について
 令和6年3月4日、東京の防衛省において、第9回日加防衛当局間協議が行われました。
1 出席者
日本\t防衛省防衛政策局長　北川一郎　　在カナダ日本国大使館防衛駐在官　１等陸佐　川口花子
カナダ\t国防省政策担当副次官　アン・ミラー　　国防省国際部長　ポール・グラント
2 概要
 両者は地域情勢をめぐって考えを述べ合った。
""",
        {("北川一郎", "JP", "防衛省防衛政策局長"), ("川口花子", "JP", "在カナダ日本国大使館防衛駐在官"),
         ("アン・ミラー", "CA", "国防省政策担当副次官"), ("ポール・グラント", "CA", "国防省国際部長")},
    ),
    (
        """日伊防衛当局間協議の開催について
 令和6年5月8日、ローマにおいて、日伊防衛当局間協議が行われました。
1 出席者
日本　防衛政策局次長　森本二郎　　統合幕僚監部防衛計画部長　陸将補　大石三郎
イタリア　国防省政策局長　マルコ・ロッシ　　国防省国際協力部長　ルカ・ビアンキ
""",
        {("森本二郎", "JP", "防衛政策局次長"), ("大石三郎", "JP", "統合幕僚監部防衛計画部長"),
         ("マルコ・ロッシ", "IT", "国防省政策局長"), ("ルカ・ビアンキ", "IT", "国防省国際協力部長")},
    ),
    (
        """日米サイバー対話の開催
1 6月3日、ワシントンにおいて、日米サイバー対話が開催されました。
2 出席者は以下のとおりです。
（日本側）
　田村四郎　外務省総合外交政策局審議官
（米側）
　ジョン・ベイカー（John Baker）　国務省東アジア局次官補代理
　ポール・ハント　国防省サイバー政策担当次官補代理
""",
        {("田村四郎", "JP", "外務省総合外交政策局審議官"), ("ジョン・ベイカー", "US", "国務省東アジア局次官補代理"),
         ("ポール・ハント", "US", "国防省サイバー政策担当次官補代理")},
    ),
]


@pytest.mark.parametrize("page, expected", PAGES)
def test_extract_roster_post_name_columns(facts_of_page, page, expected):
    facts = facts_of_page(page, published="2024-06-10")
    people = {p.key: p for p in facts.people}
    got = {(people[r.person].name, r.side, people[r.person].title) for r in facts.representations}
    assert got == expected
