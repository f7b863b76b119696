"""kg.extract: the day and status of a meeting from the narration (made-up sentences):
a lead without a name, 「N年ぶりに…開かれ」, 「同日」, closing days, the focus month of a
side meeting, a conference under way at the venue. Real GiNZA, real extractor."""
from __future__ import annotations

import pytest

from test_extract_meeting_participants import triples, CHAIRS_AND_LISTS, PARTICIPATION


def test_extract_first_meeting_date_from_gathering_lead(facts_of):
    facts = facts_of(CHAIRS_AND_LISTS[1][0], CHAIRS_AND_LISTS[1][1])
    assert [m.date for m in facts.meetings if m.forum == "韓米日安保室長会議"] == ["2030-12-09"]


def test_extract_years_later_meeting_held_on_publication_day(facts_of):
    """「N年ぶりに…で開かれ」 is held now; no day written in the lead → the day of publication;
    「3か国の首脳会議は今回で12回目」 gives the ordinal."""
    facts = facts_of(
        "日本と中国、韓国の3か国による首脳会議が、およそ3年ぶりに東京で開かれ、山田一郎総理大臣と"
        "中国の陳明首相、韓国の朴大成大統領が出席しました。3か国の首脳会議は今回で12回目です。",
        "2030-05-27",
    )
    summit = [m for m in facts.meetings if m.forum == "日中韓首脳会議"]
    assert [(m.status, m.date, m.ordinal) for m in summit] == [("held", "2030-05-27", 12)]
    assert {r.side for r in facts.representations} == {"JP", "CN", "KR"}


def test_extract_conference_under_way_at_the_venue_was_held(facts_of):
    """「…外相会議が開かれているドイツの首都ベルリンで、A は B と会談した」: the conference was under
    way (held), though the people's talks are not part of it."""
    facts = facts_of(
        "山田一郎外相は13日、欧州連合(EU)関連外相会議が開かれているドイツの首都ベルリンで、"
        "フランスのルイ・マルタン外相と会談した。",
        "2030-07-14",
    )
    status = {m.forum: m.status for m in facts.meetings}
    assert status.get("EU関連外相会議") == "held" and status.get("日仏外相会談") == "held"
    assert {forum for _, _, forum in triples(facts)} == {"日仏外相会談"}


def test_extract_closing_day_is_not_the_meeting_date(facts_of):
    facts = facts_of(PARTICIPATION[3][0], PARTICIPATION[3][1])
    meeting = next(m for m in facts.meetings if m.forum == "G7外相会合")
    assert (meeting.acronym, meeting.date, meeting.status) == ("G7", "2024-04-19", "held")
    assert not any(m.kind == "summit" for m in facts.meetings)


def test_extract_same_day_is_the_narrated_meeting(facts_of):
    # 「同日」 after a sentence that names another day (the day of a launch) is the meeting's day
    text = (
        "山田一郎防衛相とスミス米国防長官は3日、パリで日米防衛相会談を開いた。"
        "両氏は、北朝鮮が5月31日にミサイルを発射したことを非難した。"
        "山田氏は同日、中国の陳明国防相とも日中防衛相会談を行った。"
    )
    facts = facts_of(text, "2024-06-04")
    dates = {m.forum: m.date for m in facts.meetings}
    assert dates["日中防衛相会談"] == "2024-06-03"
    assert ("陳明", "CN", "日中防衛相会談") in triples(facts)


def test_extract_unnamed_lead_gives_date_and_place(facts_of):
    text = (
        "日米韓の外交当局者が9日、ソウル市内で一堂に会した。"
        "日米韓外務次官協議には山田一郎外務事務次官、スミス米国務副長官、韓国の朴大成外交部第1次官が出席した。"
    )
    (meeting,) = facts_of(text, "2024-07-12").meetings
    assert (meeting.forum, meeting.date, meeting.place, meeting.status) == ("日米韓外務次官協議", "2024-07-09", "ソウル市内", "held")


def test_extract_undated_side_meeting_takes_the_focus_month(facts_of):
    # 「会合の合間を縫い」: during the meeting in focus, day unknown
    text = (
        "G7外相会合は16日に始まり、スミス米国務長官、ルイ・マルタン仏外相が顔をそろえた。\n"
        "田中次郎外相は会合の合間を縫い、スミス氏と日米外相会談を行った。"
    )
    dates = {m.forum: m.date for m in facts_of(text, "2024-04-19").meetings}
    assert dates == {"G7外相会合": "2024-04-16", "日米外相会談": "2024-04"}


def test_extract_same_day_follows_a_later_main_clause_day(facts_of):
    # the story moved on to another day in a main clause: 「同日」 is that day
    text = (
        "山田一郎防衛相とスミス米国防長官は3日、パリで日米防衛相会談を開いた。"
        "山田氏は4日、パリ市内の軍事施設を視察した。"
        "山田氏は同日、中国の陳明国防相と日中防衛相会談を行った。"
    )
    dates = {m.forum: m.date for m in facts_of(text, "2024-06-05").meetings}
    assert dates["日中防衛相会談"] == "2024-06-04"


# A listing page without a publication date: each item has its own dateline heading, and the
# 「X日」 of the item's sentence counts from it (two sessions of one trip, two dates).
LISTING_PAGES = [
    (
        "大統領外交ニュース一覧\n\n"
        "2031.09.12\n\n"
        "ブラジルを訪問中の朴大成大統領は11日(現地時間)、ブラジルのカルロス・シルバ大統領と首脳会談を行った。"
        "両首脳は、鉱物資源の協力で一致した。\n\n"
        "2031.09.10\n\n"
        "ブラジルに先立ってチリを訪問した朴大成大統領は9日、チリのパブロ・ロハス大統領と首脳会談を行った。"
        "両首脳は、貿易の拡大で一致した。\n",
        ["2031-09-09", "2031-09-11"],
    ),
    (
        "首相の動静\n\n"
        "2032年2月3日(火)\n\n"
        "田中次郎総理大臣は2日、来日したインドのラジ・クマール首相と首脳会談を行いました。\n\n"
        "2032年1月28日(水)\n\n"
        "田中次郎総理大臣は27日、オーストラリアのジョン・ミラー首相と電話会談を行いました。\n",
        ["2032-01-27", "2032-02-02"],
    ),
]


@pytest.mark.parametrize("text,expected", LISTING_PAGES)
def test_extract_listing_page_items_dated_by_their_headings(facts_of_page, text, expected):
    facts = facts_of_page(text)
    assert sorted(m.date for m in facts.meetings) == expected


# 「X月に引き続き」「本年N度目の」 date another session or frame a count: the session reported is
# the story's day, which the lead gives as the day of publication.
ANOTHER_SESSIONS_DATE = [
    (
        "2030年10月2日、山田一郎防衛大臣はインドを訪問したところ、概要以下の通り。\n"
        "山田大臣は、首都で記念碑に献花しました。\n"
        "山田大臣は、現地の部隊を視察しました。\n"
        "山田大臣は、研究所の幹部と懇談しました。\n"
        "山田防衛大臣は、インドのラジ・クマール国防大臣と、4月に引き続き本年2度目の日印防衛相会談を実施しました。\n",
        "2030-10-02",
    ),
    (
        "2031年3月9日、田中次郎外務大臣はブラジルを訪問したところ、概要以下の通り。\n"
        "田中大臣は、日系人の団体と意見交換しました。\n"
        "田中大臣は、大学で講演しました。\n"
        "田中大臣は、港湾施設を視察しました。\n"
        "田中外務大臣は、ブラジルのカルロス・シルバ外務大臣と、昨年11月に続き日伯外相会談を行いました。\n",
        "2031-03-09",
    ),
]


@pytest.mark.parametrize("text,published", ANOTHER_SESSIONS_DATE)
def test_extract_date_of_an_earlier_session_is_not_this_ones(facts_of, text, published):
    meetings = facts_of(text, published).meetings
    assert [m.date for m in meetings if m.status == "held" and not m.other_session] == [published]
    # (「4月に引き続き本年2度目の」: the April session is another one, of its own day)
    assert all(m.date != published for m in meetings if m.other_session)


# 「前回の…」「次回の…」 name another session of the forum: its own node, which the session
# told later in the article does not join.
def test_extract_previous_session_is_a_meeting_of_its_own(facts_of):
    text = "山田一郎首相は、前回の日中韓首脳会議から3年がたったと述べた。日中韓首脳会議は27日にソウルで開かれる。"
    meetings = facts_of(text, "2030-06-06").meetings
    assert [(m.forum, m.status) for m in meetings] == [("日中韓首脳会議", "mentioned"), ("日中韓首脳会議", "planned")]


COORDINATED_DAYS = [
    ("6月11日と12日に東京で開催された日米拡大抑止協議に、外務省の山口健太北米局長が出席した。", "2026-06-11"),
    ("6月11、12両日、東京で日米拡大抑止協議が開かれ、外務省の山口健太北米局長が出席した。", "2026-06-11"),
    ("6月11日・12日、東京で日米拡大抑止協議が開かれ、外務省の山口健太北米局長が出席した。", "2026-06-11"),
    # two days of two events: the meeting's own day is the one written with it
    ("6月10日に来日し、12日に東京で開催された日米拡大抑止協議に、外務省の山口健太北米局長が出席した。", "2026-06-12"),
]


@pytest.mark.parametrize("text,expected", COORDINATED_DAYS)
def test_extract_meeting_of_coordinated_days_dated_by_the_first(facts_of, text, expected):
    facts = facts_of(text, published="2026-06-13")
    assert [m.date for m in facts.meetings] == [expected]


NOMINALISED_CLAUSE_DAYS = [
    # the day inside 「…したことを受けて」 is the launch's; the meeting's is the sentence's own
    ("安全保障理事会は3日、北国が1日に弾道ミサイルを発射したことを受けて、本部で緊急会合を開いた。", "2026-09-03"),
    ("北国が1日に弾道ミサイルを発射したことを受けて、日米韓の外務次官は3日、電話会談を行った。", "2026-09-03"),
    # no day of its own: none is taken from the clause ...
    ("北国が1日に弾道ミサイルを発射したことを受けて、日米韓の外務次官が電話会談を行った。", None),
    # ... unless the sentence names that day again (同日)
    ("北国が1日に弾道ミサイルを発射したことを受けて、日米韓の外務次官は同日、電話会談を行った。", "2026-09-01"),
]


@pytest.mark.parametrize("text,expected", NOMINALISED_CLAUSE_DAYS)
def test_extract_day_inside_a_nominalised_clause_is_not_the_meetings(facts_of, text, expected):
    facts = facts_of(text, published="2026-09-04")
    assert [m.date for m in facts.meetings] == [expected]
