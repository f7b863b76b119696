"""Meeting scope inside an article: who sat at which of its meetings (kg.structure,
kg.extract.sections, kg.extract.meetings). A meal whose numbered heading stands over a list
heading (「3 昼食会」 「(出席者)」) is a meeting of its own, also as the page's last section; the
headline names the main meeting also with an acronym in brackets; a roster run together with
slashes gives each column its own country; a geographic common noun (諸島) is no country.
Made-up pages read through kg.ingest.load_article (real GiNZA)."""
from __future__ import annotations

import pytest

from kg import lexicon
from conftest import reps_of

LUNCH = """日・ペルー外相会談及び昼食会
令和9年3月4日
1　3月4日、正午から約90分間、川村直子外務大臣は、来日中のルイス・バルガス・ペルー外務大臣と会談を行い、続いて昼食会を催しました。
2　会談
（1）両大臣は、鉱物資源分野での協力を一層進めることで一致しました。
3　昼食会
（出席者）
日本側：川村大臣、森本透外務副大臣
ペルー側：バルガス大臣、アナ・キロガ駐日大使
食事をとりながら、両大臣は地域情勢について意見を交わしました。
"""

DINNER_LAST = """日・ガーナ防衛相会談及び夕食会
令和9年5月12日
一　5月11日、大野健吾防衛大臣は、訪日中のコフィ・メンサー・ガーナ国防大臣と防衛相会談を行い、その後夕食会を行いました。
二　会談の概要
両大臣は、平和維持活動の訓練協力を進めることを確認しました。
三　夕食会
【出席者】
日本側：大野大臣、白石亮防衛審議官
ガーナ側：メンサー大臣、エマ・アサンテ駐日大使
"""

MEALS = [
    (LUNCH, "2027-03-04", "昼食会",
     {("川村直子", "JP"), ("ルイス・バルガス", "PE")},
     {("川村直子", "JP"), ("森本透", "JP"), ("ルイス・バルガス", "PE"), ("アナ・キロガ", "PE")}),
    (DINNER_LAST, "2027-05-12", "夕食会",
     {("大野健吾", "JP"), ("コフィ・メンサー", "GH")},
     {("大野健吾", "JP"), ("白石亮", "JP"), ("コフィ・メンサー", "GH"), ("エマ・アサンテ", "GH")}),
]


@pytest.mark.parametrize("page, published, meal, talks, at_meal", MEALS)
def test_extract_meeting_scope_meal_heading_over_list_heading(facts_of_page, page, published, meal, talks, at_meal):
    got = reps_of(facts_of_page(page, published=published))
    assert {(n, s) for n, s, f in got if f == meal} == at_meal
    assert {(n, s) for n, s, f in got if f != meal} == talks


SLASH_ROSTER = """第2回日・北大西洋島嶼国（NAIS）外相会合
令和9年9月9日
1　9月9日、大阪において、田島修外務大臣とグドルン・ヨンスドッティル・アイスランド外務大臣の共同議長の下、第2回日・北大西洋島嶼国（NAIS）外相会合が開催されました。
2　出席者
日本（共同議長）田島修外務大臣／アイスランド（共同議長）グドルン・ヨンスドッティル外務大臣／マルタ　ジョセフ・ボルグ外相／キプロス　ニコス・パパス駐日大使
3　会合に先立ち、田島大臣は、ヨンスドッティル外相との間で日・アイスランド外相会談を行いました。
"""

SLASH_ROSTER_2 = """第5回日・地中海諸国（MEDJ）防衛相会合
令和9年10月20日
1　10月19日、神戸において、第5回日・地中海諸国（MEDJ）防衛相会合が開催され、本田晃防衛大臣とマルコ・ロッシ・イタリア国防大臣が共同議長を務めました。
2　出席者
日本（共同議長）本田晃防衛大臣／イタリア（共同議長）マルコ・ロッシ国防大臣／ギリシャ　ヤニス・コスタス国防相／スペイン　ルシア・モレノ駐日大使
3　会合の後、本田大臣は、ロッシ大臣との間で日・イタリア防衛相会談を行いました。
"""

SLASHES = [
    (SLASH_ROSTER, "2027-09-09", "日・アイスランド外相会談",
     {("田島修", "JP"), ("グドルン・ヨンスドッティル", "IS"), ("ジョセフ・ボルグ", "MT"), ("ニコス・パパス", "CY")},
     {("田島修", "JP"), ("グドルン・ヨンスドッティル", "IS")}),
    (SLASH_ROSTER_2, "2027-10-20", "日・イタリア防衛相会談",
     {("本田晃", "JP"), ("マルコ・ロッシ", "IT"), ("ヤニス・コスタス", "GR"), ("ルシア・モレノ", "ES")},
     {("本田晃", "JP"), ("マルコ・ロッシ", "IT")}),
]


@pytest.mark.parametrize("page, published, side_talks, at_main, at_talks", SLASHES)
def test_extract_meeting_scope_headline_acronym_and_slash_roster(facts_of_page, page, published, side_talks, at_main, at_talks):
    got = reps_of(facts_of_page(page, published=published))
    assert {(n, s) for n, s, f in got if f == side_talks} == at_talks
    assert {(n, s) for n, s, f in got if f != side_talks} == at_main


@pytest.mark.parametrize("word", ["諸島", "島", "列島"])
def test_extract_meeting_scope_geographic_noun_is_no_country(word):
    assert word not in lexicon.country_forms()
