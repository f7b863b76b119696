"""Rosters inside numbered sections (kg.structure + kg.extract.sections): an unmarked
「(出席者)」 list under a numbered heading lists that section's attendees, so a meal or session
with its own heading and roster is a meeting of its own; a bracketed photo caption is no roster
row; a roster may write the post first, then a rank, then the name; the headline's meeting is
the article's main one; a shortened post alone (統幕長) points back to the roster's holder.
Made-up pages read through kg.ingest.load_article (real GiNZA)."""
from __future__ import annotations

import pytest

LUNCH = """日・チリ外相会談及び昼食会
令和9年4月10日
 チリを訪問中の森田花子外務大臣は、4月9日、サンティアゴにおいて、ホルヘ・ムニョス・チリ外務大臣と外相会談を行い、その後昼食会を行ったところ、概要は以下のとおりです。
1 外相会談
 (1)両大臣は、二国間の経済関係について意見交換を行いました。
(出席者)
日本側:森田花子外務大臣、石川健中南米局長
チリ側:ムニョス外務大臣、カタリナ・ソト外務次官
2 昼食会
 会談に続いて昼食会が行われ、地域情勢について議論が行われました。
(出席者)
日本側:森田大臣、大川修外務審議官
チリ側:ムニョス大臣、パブロ・ロハス大統領府次官
(写真)握手する森田大臣とムニョス大臣
"""

DINNER = """日・ケニア外相会談及びワーキング・ディナー
令和9年6月2日
 中野浩二外務大臣は、6月1日、来日中のアミナ・ワンジク・ケニア外務大臣と外相会談を行い、その後ワーキング・ディナーを行ったところ、概要は以下のとおりです。
一 外相会談
 両大臣は、インフラ協力について意見交換を行いました。
(出席者)
日本側:中野浩二外務大臣、小林明アフリカ部長
ケニア側:ワンジク外務大臣、ピーター・オティエノ駐日大使
二 ワーキング・ディナー
 会談後、中野大臣主催のワーキング・ディナーが行われました。
(出席者)
日本側:中野大臣、長谷川誠外務副大臣
ケニア側:ワンジク大臣、グレース・ムトゥア外務次官
"""

CASES = [
    (LUNCH, "2027-04-10", "昼食会",
     {("森田花子", "JP"), ("石川健", "JP"), ("ホルヘ・ムニョス", "CL"), ("カタリナ・ソト", "CL")},
     {("森田花子", "JP"), ("大川修", "JP"), ("ホルヘ・ムニョス", "CL"), ("パブロ・ロハス", "CL")}),
    (DINNER, "2027-06-02", "ワーキング・ディナー",
     {("中野浩二", "JP"), ("小林明", "JP"), ("アミナ・ワンジク", "KE"), ("ピーター・オティエノ", "KE")},
     {("中野浩二", "JP"), ("長谷川誠", "JP"), ("アミナ・ワンジク", "KE"), ("グレース・ムトゥア", "KE")}),
]


def _facts(facts):
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting].forum) for r in facts.representations}


@pytest.mark.parametrize("page, published, meal, talks, at_meal", CASES)
def test_extract_section_rosters_meal_with_its_own_roster(facts_of_page, page, published, meal, talks, at_meal):
    got = _facts(facts_of_page(page, published=published))
    assert {(n, s) for n, s, f in got if f == meal} == at_meal
    assert {(n, s) for n, s, f in got if f != meal} == talks


CHIEFS = """日豪参謀総長級会談の開催について
令和9年2月3日
統合幕僚監部
1 概要
 統幕長は、2月2日、キャンベラにおいて、豪国防軍司令官と日豪参謀総長級会談を実施しました。
2 参加者
 日本:統合幕僚長　空将　中村浩
 豪州:国防軍司令官　海軍大将　ジェームズ・ウィルソン
3 その他
 翌3日、統幕長はウィルソン司令官と日豪防衛当局間協議を行いました。
"""

GENERALS = """日英防衛当局間協議について
令和9年8月5日
1 概要
 8月4日、東京において、日英防衛当局間協議が開催されました。
2 出席者
 日本:陸上幕僚長 陸将 西田大輔、防衛審議官 森本一郎
 英国:陸軍参謀総長 陸軍大将 ロバート・ヒル
"""


@pytest.mark.parametrize("page, published, forum, expected", [
    (CHIEFS, "2027-02-04", "日豪参謀総長級会談", {("中村浩", "JP"), ("ジェームズ・ウィルソン", "AU")}),
    (CHIEFS, "2027-02-04", "日豪防衛当局間協議", {("中村浩", "JP"), ("ジェームズ・ウィルソン", "AU")}),
    (GENERALS, "2027-08-05", "日英防衛当局間協議", {("西田大輔", "JP"), ("森本一郎", "JP"), ("ロバート・ヒル", "GB")}),
])
def test_extract_section_rosters_post_rank_name(facts_of_page, page, published, forum, expected):
    got = _facts(facts_of_page(page, published=published))
    assert {(n, s) for n, s, f in got if f == forum} == expected


SPACED = """日仏防衛相会談の概要
令和9年3月4日
 3月3日、来日中のマリー・ルブラン仏軍事大臣は、防衛省において大川防衛大臣と日仏防衛相会談を行いました。
1 全般
 両大臣は、防衛装備協力を進めることで一致しました。
2 同席者
 日本側　佐々木統幕長、森本一郎防衛審議官
 フランス側　ピエール・ロラン駐日フランス大使
"""


def test_extract_section_rosters_label_closed_by_a_space(facts_of_page):
    got = _facts(facts_of_page(SPACED, published="2027-03-04"))
    assert {("佐々木", "JP"), ("森本一郎", "JP"), ("ピエール・ロラン", "FR")} <= {(n, s) for n, s, _ in got}


TABLE = """日米防衛当局間協議の開催について
令和9年5月20日
1 概要
 5月19日、ワシントンにおいて、第8回日米防衛当局間協議が開催されました。
2 出席者
日本\t防衛政策局長\t山田太郎\t米国\t国防次官補\tジョン・ドウ
3 成果
 両者は、共同訓練の拡充で一致しました。
"""


def test_extract_section_rosters_table_row_apart_by_tabs(facts_of_page):
    got = _facts(facts_of_page(TABLE, published="2027-05-20"))
    assert {(n, s) for n, s, _ in got} == {("山田太郎", "JP"), ("ジョン・ドウ", "US")}
