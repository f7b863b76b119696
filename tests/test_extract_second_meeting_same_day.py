"""A second meeting on the same day with other people of the same parties is a meeting of its
own: talks with a partner marked とも who took no part in the talks reported before, named by
the meeting word the clause goes on to (「…とも会い、…について協議した」), and a bare meeting
word with its partners and も (「…との協議にも臨み」). A headline naming two people is the
meeting both took part in. Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest

SECOND = [
    ("英国のジェームズ・ベル国防担当閣外相は１５日、防衛省で川口誠防衛副大臣と会談した。ベル氏は同日、外務省で外務副大臣の"
     "森田恵とも会い、防衛装備協力について協議した。", {"川口誠"}, {"森田恵"}),
    ("ジョン・ミラー国務副長官は５日、東京で山川一郎外務事務次官と会談した。両者は地域情勢について意見を交わした。同日午後、"
     "ミラー副長官は、外務省の川口誠北米局長、防衛省の森田恵防衛政策局長との協議にも臨み、装備協力について話し合った。",
     {"山川一郎"}, {"川口誠", "森田恵"}),
    ("カナダのエマ・グレイ国防次官は１０日、谷口和夫防衛事務次官と会談した。グレイ次官はこの日夕方、外務省の川上次郎総合外交"
     "政策局長、防衛省の森田恵防衛政策局長との協議にも出席した。", {"谷口和夫"}, {"川上次郎", "森田恵"}),
]


@pytest.mark.parametrize("text, first, second", SECOND)
def test_extract_second_meeting_same_day(facts_of, text, first, second):
    facts = facts_of(text, published="2024-06-16")
    names = {p.key: p.name for p in facts.people}
    held = [m for m in facts.meetings if m.status == "held"]
    assert len(held) == 2 and held[0].date == held[1].date and held[0].forum != held[1].forum
    at = {m.key: {names[r.person] for r in facts.representations if r.meeting == m.key} for m in held}
    assert first < at[held[0].key] and not (second & at[held[0].key])
    assert second < at[held[1].key] and not (first & at[held[1].key])


def test_extract_headline_names_the_meeting_of_its_people(facts_of_page):
    page = ("ミラー国務副長官と山川外務事務次官の会談\n2024年6月6日\n"
            "ジョン・ミラー国務副長官は５日、東京で山川一郎外務事務次官と会談した。両者は地域情勢について意見を交わした。\n"
            "同日午後、ミラー副長官は、外務省の川口誠北米局長、防衛省の森田恵防衛政策局長との協議にも臨み、装備協力について話し合った。\n")
    facts = facts_of_page(page, published="2024-06-06")
    named = [m for m in facts.meetings if "ミラー国務副長官と山川外務事務次官の会談" in m.forum_aliases]
    assert [m.forum for m in named] == ["米日次官会談"]


@pytest.mark.parametrize("text, venue, talks", [
    ("ペルーのホセ・ルイス・ガルシア大統領は１２日、東アジア首脳会議が開かれているビエンチャンで、ベトナムのグエン・ヴァン・ナム"
     "首相と首脳会談を行った。", "東アジア首脳会議", "ペルー・ベトナム首脳会談"),
    ("チリのマリア・ソト大統領は３日、国連総会が開かれているニューヨークで、ブラジルのカルロス・メンデス大統領と首脳会談を行い、"
     "貿易協力について協議した。", "国連総会", "チリ・ブラジル首脳会談"),
])
def test_extract_summit_talks_at_a_venue_meeting(facts_of, text, venue, talks):
    # 「…首脳会議が開かれている X で、A は B と首脳会談を行った」: the talks, not the summit at the venue
    facts = facts_of(text, published="2025-11-01")
    meetings = {m.key: m.forum for m in facts.meetings}
    assert {meetings[r.meeting] for r in facts.representations} == {talks}
    assert venue in meetings.values()


def test_extract_heading_names_the_talks_under_it(facts_of_page):
    # 「X協議及びY協議の開催」 and 「3 Y協議」 over talks of two of X's parties: Y is those talks' name
    page = ("日米豪次官協議及び日豪次官協議の開催\n令和6年5月10日\n"
            "　5月9日、キャンベラにおいて、第3回日米豪次官協議が開催されたところ、その概要は次のとおりです。\n"
            "1　出席者\n　日本　山川一郎外務事務次官\n　米国　ジョン・ミラー国務副長官\n　豪州　エマ・グレイ外務貿易省次官\n"
            "2　全体会合\n　三者は、周辺の安全保障情勢について議論しました。\n"
            "3　日豪次官協議\n　全体会合に先立ち、山川次官はグレイ次官と会談を行いました。\n")
    facts = facts_of_page(page, published="2024-05-10")
    names = {p.key: p.name for p in facts.people}
    by_name = {m.forum: m for m in facts.meetings if m.status == "held"}
    trilateral = by_name["日米豪次官協議"]
    assert not any("日豪次官協議" in a for a in trilateral.forum_aliases)
    talks = [m for m in by_name.values() if "日豪次官協議" in m.forum_aliases]
    assert len(talks) == 1
    assert {names[r.person] for r in facts.representations if r.meeting == talks[0].key} == {"山川一郎", "エマ・グレイ"}


@pytest.mark.parametrize("text, forum, acronym, people", [
    ("山川一郎首相は１０日、ジュネーブでカナダのエマ・グレイ首相と会談した。これに先立ち、日本、インド、ブラジルの海洋3カ国（OC3）"
     "の会合も開かれ、インドのラジ・クマール首相、ブラジルのカルロス・メンデス大統領が顔をそろえた。",
     "海洋3カ国会合", "OC3", {"ラジ・クマール", "カルロス・メンデス"}),
    ("森田三郎外相は５日、ペルーのホセ・ルイス外相と会談した。同日には北欧・バルト8カ国（NB8）の会合も開かれ、フィンランドの"
     "アンナ・ラハティ外相、エストニアのカイ・タム外相が出席した。",
     "北欧・バルト8カ国会合", "NB8", {"アンナ・ラハティ", "カイ・タム"}),
])
def test_extract_meeting_of_a_group_named_with_its_acronym(facts_of, text, forum, acronym, people):
    # 「…の X（ACR）の会合も開かれ」: the group's own meeting, not the talks reported before
    facts = facts_of(text, published="2024-07-11")
    names = {p.key: p.name for p in facts.people}
    # (named after the group, 海洋3カ国会合, or after its acronym, OC3会合)
    group = [m for m in facts.meetings if acronym in (m.acronym or "") + m.forum or m.forum == forum]
    assert len(group) == 1
    assert {names[r.person] for r in facts.representations if r.meeting == group[0].key} == people
