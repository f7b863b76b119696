"""Roster tables (kg.structure.roster_rows, kg.extract.sections.rosters): a side label alone on
its line (「【日本側】」「日本側:」) heads the table rows under it; a row without a label of its own
continues the side of the label above (「我が方　A　局長」 then 「　　　B　課長」); a row written
NAME, then a tab or blanks, then a post as its last cell is that person with that post (a
「首席代表」 cell before the name is no post of his, a portfolio in brackets 「(経済)」 is no name);
我が方/先方 on a page of no known outlet are read off the rows; the lead sentence above the table
(「…が開催され、双方の出席者は以下のとおり。」) stays and reports a held meeting. A meal or session
section written 「上記出席者に加え、…」 (``roster_above`` cues) has the people of the roster above
too. Made-up pages read through kg.ingest.load_article (real GiNZA)."""
from __future__ import annotations

import pytest

from conftest import reps_of

TAB_TABLE = """第2回日・チリ経済安全保障対話の開催（結果）
令和9年3月4日

　3月3日、東京において、第2回日・チリ経済安全保障対話が開催され、双方の出席者は以下のとおり。

【日本側】
　　首席代表\t　三浦健太\t　外務審議官（経済）
　　　　　　\t　中島玲奈\t　経済産業省通商政策局審議官
【チリ側】
　　首席代表\t　ホセ・カレーラ\t　外務次官
　　　　　　\t　マリア・ソト\t　財務省国際局長

　今次対話では、重要鉱物の供給網について議論が行われた。
"""

COLON_TABLE = """日・ペルー防衛当局間協議の開催
令和9年7月8日

　7月7日、リマにおいて、日・ペルー防衛当局間協議が開催されたところ、その概要は次のとおりです。

日本側：
　　石田和也　　防衛政策局次長
　　山口美咲　　統合幕僚監部防衛計画部長
ペルー側：
　　カルロス・ベガ　　国防省政策局長

　双方は、地域の安全保障情勢について意見交換を行った。
"""

LUNCH_ABOVE = """第2回日・ノルウェー海洋安全保障対話の開催（結果）
令和8年5月12日

　5月11日、オスロにおいて、第2回日・ノルウェー海洋安全保障対話が開催されたところ、その概要は次のとおりです。

１　出席者
　我が方　　北村千尋　　国際協力局長
　　　　　　青木大輔　防衛省防衛政策局国際政策課長
　先方　　　ラーシュ・ハウゲン　　外務省安全保障政策局長
　　　　　　イングリッド・ベルグ　　同海洋政策部長

２　全体会合
　双方は、北極圏をめぐる安全保障について意見交換を行いました。

３　ワーキング・ランチ
　ワーキング・ランチには、上記出席者に加え、我が方から在ノルウェー日本国大使館の松田浩二公使が、先方から国防省のエリック・ダール准将が参加し、海洋監視での協力について議論しました。
"""

LUNCH_BEFORE = """日・フィンランド外務・防衛当局間協議の開催
令和9年10月2日

　10月1日、ヘルシンキにおいて、日・フィンランド外務・防衛当局間協議が開催されたところ、その概要は次のとおりです。

１　出席者
　我が方　　林田洋平　　欧州局参事官
　　　　　　森下美穂　　防衛省国際政策課長
　先方　　　ミカ・ラハティネン　　外務省政務局長
　　　　　　アンナ・コスキ　　同東アジア課長

２　協議
　双方は、ロシアによるウクライナ侵略とインド太平洋の情勢につき意見交換を行いました。

３　昼食会
　昼食会には、前記の出席者のほか、我が方から在フィンランド日本国大使館の清水悟公使が参加し、北極の安全保障について議論しました。
"""

SESSION_CHAIN = """日・ケニア首脳会談及びワーキング・ランチ
令和9年8月20日
　8月20日、公式訪問中のウィリアム・キプロノ・ケニア大統領と山下明彦内閣総理大臣との間で、首脳会談及びワーキング・ランチが行われたところ、その概要は次のとおりです。
１　少人数会合（10時から約25分間）
（出席者）日本側：山下総理大臣、大野健二内閣官房副長官
　　　　　ケニア側：キプロノ大統領、ジョイス・ワンジル外務大臣
　両首脳は、インド洋の海洋安全保障で協力することで一致しました。
２　拡大会合（10時30分から約45分間）
（出席者）少人数会合の出席者に加え、日本側から中川由紀外務大臣、ケニア側からサミュエル・オディアンボ国防次官
　山下総理から、港湾インフラ整備への支援を進めたい旨述べました。
３　ワーキング・ランチ（11時30分から約50分間）
（出席者は拡大会合と同じ）
　会食しつつ、周辺情勢について話し合いました。
"""

SAME_AS_SESSION = """日・ガーナ外相会談
令和9年9月3日
　9月2日、アクラにおいて、村田恵子外務大臣は、コフィ・アサンテ・ガーナ外務大臣と外相会談を行ったところ、その概要は次のとおりです。
１　全体会合
（出席者）日本側：村田大臣、佐野隆アフリカ部長
　　　　　ガーナ側：アサンテ大臣、エフア・マンサ外務次官
　両大臣は、西アフリカの海上安全について意見交換を行いました。
２　夕食会
（出席者は全体会合と同様）
　夕食会では、沿岸国の能力構築について議論しました。
"""

COUNTRY_COLUMNS = """統合幕僚長の日英加参謀総長等会談への参加について
令和9年4月12日

　山本統合幕僚長は、4月10日（現地時間）、英国ロンドンの国防省において開催された日英加参謀総長等会談に参加した。会談の参加者は以下のとおり。
　日本　　　　統合幕僚長　陸将　山本和彦
　英国　　　　国防参謀総長　空軍大将　トーマス・Ｊ・ハリス
　カナダ　　　国防参謀総長　陸軍大将　ジャン・ルブラン
　　　　　　　（随行）戦略参謀次長　海軍少将　マーク・ドゥボワ
２　会談では、大西洋と太平洋をまたぐ防衛協力について議論した。
"""

ROUNDTABLE = """在ベトナム日本国大使館
大使による日・ベトナム海洋協力ラウンドテーブルの開催
2027/05/20

　5月19日、当館において、日・ベトナム海洋協力ラウンドテーブルを開催しました。出席者は以下のとおりです。
【日本側】
　森本修　特命全権大使
　田村悠　防衛駐在官（１等海佐）
【ベトナム側】
　グエン・ヴァン・ミン　海上警察司令部副司令官
　ラウンドテーブルでは、海上法執行の協力について議論が行われました。
"""

SLASHED_COLUMNS = """第2回日・カリブ共同体（CARICOM）外相会合
令和9年6月5日
1　6月5日、東京において、第2回日・カリブ共同体（CARICOM）外相会合が開催されました。その概要は次のとおりです。
2　出席者（敬称略）
日本（議長）西田浩外務大臣／ジャマイカ　マーカス・リード外務大臣／バルバドス（共同議長）ケリー・トンプソン外相
3　会合では、海洋安全保障と防災協力について議論が行われました。
4　会合に先立ち、西田大臣は、トンプソン外相との間で日・バルバドス外相会談を行いました。
"""

NUMBERED_SIDES = """第3回日・ベトナム防衛政策対話の概要
令和9年4月9日

1　4月8日、ハノイにおいて、第3回日越防衛政策対話を行いました。

2　参加者
(1)日本側
　防衛政策局次長　　　森山　浩二
　防衛政策局長　　木下　誠
(2)ベトナム側
　国防次官　　　グエン・ヴァン・タム
　国防省対外局長　　チャン・ドゥック・ホア

3　議論の概要
　双方は、東シナ海を含む地域情勢について意見交換するとともに、海洋安全保障、人道支援・災害救援、衛生分野での協力を進めることを確認した。また、共同訓練の拡充に向けた連絡体制の整備について議論した。

4　対話の後、森山次長はグエン・ヴァン・タム国防次官と昼食を共にした。

連絡先:防衛政策局
"""

COLON_LIST_WORD = """海上幕僚長、豪海軍本部長と懇談
令和9年3月2日

　3月1日、坂本一郎海上幕僚長は、来日中のピーター・ロウ豪海軍本部長と日豪海軍種間会談を行いました。

　両者は、共同訓練の成果を確認し、次回訓練の拡充について調整を進めることで一致しました。

　陪席:海幕副長 松井 健 海将

　会談の後、ロウ本部長は横須賀の艦艇を見学しました。
"""

OWN_LABEL_ROW = """防衛省：日豪防衛相会談
令和9年3月9日
　3月8日、キャンベラにおいて、日豪防衛相会談が行われました。
１．出席者
　日本側：大石防衛大臣（大石健一）
　豪　側：ハリソン国防大臣（Mark Harrison）
２．概要
　両大臣は、共同訓練の拡充を確認しました。
"""

CASES = [
    (TAB_TABLE, "日・チリ経済安全保障対話",
     {("三浦健太", "JP"), ("中島玲奈", "JP"), ("ホセ・カレーラ", "CL"), ("マリア・ソト", "CL")}, None, set()),
    (COLON_TABLE, "日・ペルー防衛当局間協議",
     {("石田和也", "JP"), ("山口美咲", "JP"), ("カルロス・ベガ", "PE")}, None, set()),
    (LUNCH_ABOVE, "日・ノルウェー海洋安全保障対話",
     {("北村千尋", "JP"), ("青木大輔", "JP"), ("ラーシュ・ハウゲン", "NO"), ("イングリッド・ベルグ", "NO")},
     "ワーキング・ランチ",
     {("北村千尋", "JP"), ("青木大輔", "JP"), ("ラーシュ・ハウゲン", "NO"), ("イングリッド・ベルグ", "NO"), ("松田浩二", "JP")}),
    (LUNCH_BEFORE, "日・フィンランド外務・防衛当局間協議",
     {("林田洋平", "JP"), ("森下美穂", "JP"), ("ミカ・ラハティネン", "FI"), ("アンナ・コスキ", "FI")},
     "昼食会",
     {("林田洋平", "JP"), ("森下美穂", "JP"), ("ミカ・ラハティネン", "FI"), ("アンナ・コスキ", "FI"), ("清水悟", "JP")}),
]



SMALL = {("山下明彦", "JP"), ("大野健二", "JP"), ("ウィリアム・キプロノ", "KE"), ("ジョイス・ワンジル", "KE")}
LARGE = SMALL | {("中川由紀", "JP"), ("サミュエル・オディアンボ", "KE")}
PLENARY = {("村田恵子", "JP"), ("佐野隆", "JP"), ("コフィ・アサンテ", "GH"), ("エフア・マンサ", "GH")}

# sessions whose attendee line points at another session's list: 「(出席者)少人数会合の出席者に加え、…」,
# 「(出席者は拡大会合と同じ)」 — a bracketed list word opening a line, a heading with a timing note
SESSION_CASES = [
    (SESSION_CHAIN, {"少人数会合": SMALL, "拡大会合": LARGE, "ワーキング・ランチ": LARGE}),
    (SAME_AS_SESSION, {"全体会合": PLENARY, "夕食会": PLENARY}),
]


@pytest.mark.parametrize("page, sessions", SESSION_CASES)
def test_extract_roster_tables_session_pointing_at_another_list(facts_of_page, page, sessions):
    got = reps_of(facts_of_page(page))
    for forum, people in sessions.items():
        assert {(name, side) for name, side, f in got if f == forum} == people, forum


@pytest.mark.parametrize("page, forum, at_meeting, meal, at_meal", CASES)
def test_extract_roster_tables(facts_of_page, page, forum, at_meeting, meal, at_meal):
    facts = facts_of_page(page)
    got = reps_of(facts)
    assert at_meeting <= {(name, side) for name, side, f in got if f == forum}
    if meal is not None:
        assert {(name, side) for name, side, f in got if f == meal} == at_meal
    # every person for one side only, and no portfolio read as a name
    sides = {}
    for name, side, _ in got:
        sides.setdefault(name, set()).add(side)
    assert all(len(s) == 1 for s in sides.values()), sides
    assert not {p.name for p in facts.people} & {"経済", "政務"}
    assert all(m.status == "held" for m in facts.meetings if m.forum == forum)


# rows under a list formula closing a longer lead paragraph (「…に参加した。会談の参加者は以下のとおり。」),
# labelled by a country and blanks, POST RANK NAME (a middle initial: 「トーマス・J・ハリス」), a bracketed
# role opening the row (「(随行)」) continuing the country above; a roundtable is a meeting; columns apart
# by 「/」 with a note after the country (「バルバドス(共同議長)」) under a headline naming the forum with
# its acronym: the roster is the forum's, not the talks held before it
TABLE_CASES = [
    (COUNTRY_COLUMNS, "日英加参謀総長等会談",
     {("山本和彦", "JP"), ("トーマス・Ｊ・ハリス", "GB"), ("ジャン・ルブラン", "CA"), ("マーク・ドゥボワ", "CA")}),
    (ROUNDTABLE, "日・ベトナム海洋協力ラウンドテーブル", {("森本修", "JP"), ("田村悠", "JP"), ("グエン・ヴァン・ミン", "VN")}),
    (SLASHED_COLUMNS, "CARICOM外相会合", {("西田浩", "JP"), ("マーカス・リード", "JM"), ("ケリー・トンプソン", "BB")}),
    # side labels numbered as items of the list (「(1)日本側」「(2)フィリピン側」): the rows under them are
    # a roster, so the numbered lead above the list stays and reports the held meeting
    (NUMBERED_SIDES, "日越防衛政策対話",
     {("森山浩二", "JP"), ("木下誠", "JP"), ("グエン・ヴァン・タム", "VN"), ("チャン・ドゥック・ホア", "VN")}),
    # a list word before a colon opens a line of attendees (「陪席:海幕副長 A 海将」): the line stays
    (COLON_LIST_WORD, "日豪海軍種間会談", {("坂本一郎", "JP"), ("ピーター・ロウ", "AU"), ("松井健", "JP")}),
    # a row with a label of its own that the label table does not read (「豪　側:」) continues no label above
    (OWN_LABEL_ROW, "日豪防衛相会談", {("大石", "JP"), ("ハリソン", "AU")}),
]


@pytest.mark.parametrize("page, forum, people", TABLE_CASES)
def test_extract_roster_tables_columns(facts_of_page, page, forum, people):
    got = reps_of(facts_of_page(page, published="2027-06-10"))
    assert {(name, side) for name, side, f in got if f == forum} == people
    # nobody of the roster at talks of two other parties (「会合に先立ち、…外相会談を行いました」)
    assert not {name for name, _, f in got if f != forum} - {name for name, _ in people}
    assert not {name for name, _, f in got if f != forum} & {"マーカス・リード"}
