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


ADDITIONAL = [
    ("山口健外務審議官は5日、ソウルでキム・ドンウ外交部次官補と会談した。両者は、北朝鮮情勢について意見を交わした。\n"
     "同日午後、山口審議官は、田中誠駐韓大使とともに、国防部のパク・ジス国際政策官との協議にも臨み、防衛交流について話し合った。",
     "2027-06-06", {("山口健", "JP"), ("キム・ドンウ", "KR")}, {("山口健", "JP"), ("田中誠", "JP"), ("パク・ジス", "KR")}),
    ("小松亮外務事務次官は8日、マニラでフィリピンのマリア・サントス外務次官と会談を行いました。\n"
     "続いて小松次官は、フィリピン国防省のホセ・レイエス国防次官補との会合にも出席し、海洋安全保障での協力を確認しました。",
     "2027-08-09", {("小松亮", "JP"), ("マリア・サントス", "PH")}, {("小松亮", "JP"), ("ホセ・レイエス", "PH")}),
]


@pytest.mark.parametrize("text, published, first, second", ADDITIONAL)
def test_extract_meeting_scope_additional_meeting_with_partner(facts_of, text, published, first, second):
    """「…Bとの協議にも臨み」: a meeting word with its partner and an additive も is a meeting
    besides the one reported before, not a back-reference to it."""
    got = reps_of(facts_of(text, published=published))
    groups = [{(n, s) for n, s, f in got if f == m} for m in {f for _, _, f in got}]
    assert sorted(groups, key=sorted) == sorted([first, second], key=sorted)


STAY = [
    ("陸上幕僚長陸将　小川隆は、令和9年3月2日から5日までの間、タイ王国を訪問し、タイ陸軍司令官ソムチャイ・ウォン大将と会談するとともに、"
     "合同演習を視察しました。\n3日に行われた司令官との会談では、両者が共同訓練の拡充について意見を交わしました。", "2027-03-12", "2027-03", "2027-03-02"),
    ("佐野誠防衛審議官は、9月14日から17日にかけてオーストラリアを訪問し、豪国防省のリサ・グラント副次官と会談した。\n"
     "15日に行われたグラント副次官との会談では、装備協力の具体化を確認した。", "2027-09-20", "2027-09", "2027-09-14"),
]


@pytest.mark.parametrize("text, published, month, first_day", STAY)
def test_extract_meeting_scope_talks_during_a_stay(facts_of, text, published, month, first_day):
    """「2日から5日までの間、北国を訪問し、…と会談した」: the stay's first day is not the talks'
    day; the talks told again with their own day are the same talks."""
    facts = facts_of(text, published=published)
    held = [m for m in facts.meetings if m.status == "held"]
    assert len(held) == 1 and held[0].date.startswith(month) and held[0].date != first_day


DAY_ANCHOR = [
    ("9月5日、東京において第3回日加防衛当局間協議が行われ、山下亮防衛政策局長とエマ・スコット国防次官補が共同議長を務めました。\n"
     "なお、協議前日の4日夜には、スコット次官補主催の夕食会が開かれました。", "2027-09-06", "2027-09-05"),
    ("11月20日、ソウルで日韓外務次官戦略対話が開かれ、森田一外務審議官とチェ・ジウ外交部第1次官が出席した。\n"
     "対話の翌日の21日には、森田審議官が板門店を視察した。", "2027-11-22", "2027-11-20"),
]


@pytest.mark.parametrize("text, published, day", DAY_ANCHOR)
def test_extract_meeting_scope_meeting_word_anchoring_another_day(facts_of, text, published, day):
    """「協議前日の4日夜には」: the meeting word anchors the day before (or after) it; that day is
    no session of the meeting."""
    facts = facts_of(text, published=published)
    assert [m.date for m in facts.meetings if m.status == "held"] == [day]


SUB_SESSIONS = [
    ("【ソウル＝共同】日韓両政府は8日、ソウルで第7回日韓海洋協議を開いた。外務省の森川亮局長と韓国外交部の朴志勲局長が共同議長を務めた。\n"
     "全体会合に先立って開かれた防衛当局間の分科会には、防衛省の石井亮国際政策課長と、韓国国防部の李成民課長らが出席した。",
     "2027-06-08", {("石井亮", "JP"), ("李成民", "KR")}),
    ("【キャンベラ＝時事】日豪両政府は3日、キャンベラで第3回日豪経済協議を開き、外務省の高田誠審議官と豪外務貿易省のアン・ミラー次官補が出席した。\n"
     "エネルギー分科会には、経済産業省の村上亮審議官と豪産業省のトム・ハリス次官補が出席した。",
     "2027-11-03", {("村上亮", "JP"), ("トム・ハリス", "AU")}),
]


@pytest.mark.parametrize("text, published, members", SUB_SESSIONS)
def test_extract_meeting_scope_sub_session_of_its_own(facts_of, text, published, members):
    """「…分科会には、A課長とB課長らが出席した」: a sub-session with its own attendees is a meeting
    of its own (a session of the meeting reported)."""
    got = reps_of(facts_of(text, published=published))
    assert {(n, s) for n, s, f in got if f.endswith("分科会")} == members


POINTER_FIRST = [
    ("第5回北海安全保障会議（オスロ会合）に出席するためノルウェーを訪問中の山岸武防衛大臣は、同会合の機会に、"
     "ノルウェーのラース・ハンセン国防大臣と会談を行いました。", "2027-06-02", {("山岸武", "JP"), ("ラース・ハンセン", "NO")}),
    ("南洋諸国外相会議出席のためラオスを訪問中の中井修外務大臣は、同会議の機会に、"
     "ラオスのソムサイ・ポンビハン外務大臣と会談した。", "2027-09-05", {("中井修", "JP"), ("ソムサイ・ポンビハン", "LA")}),
]


@pytest.mark.parametrize("text, published, pair", POINTER_FIRST)
def test_extract_meeting_scope_pointer_before_any_meeting_reported(facts_of, text, published, pair):
    """「同会合の機会に」 before any meeting was reported names no meeting of its own; the talks
    are the pair's."""
    facts = facts_of(text, published=published)
    assert not [m for m in facts.meetings if m.forum.startswith(("同", "当"))]
    got = reps_of(facts)
    assert pair in [{(n, s) for n, s, f in got if f == forum} for forum in {f for _, _, f in got}]
