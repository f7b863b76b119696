"""kg.extract: the days and numbers of sessions the article places relative to another (made-up
sentences, real GiNZA): 「前回の…」 after a numbered session is the one before it, a day written
after a planned meeting in its own clause (「本日の夕刻」「明日」) is its day, and a bracketed
local day (「6日(現地時間5日)」) is where it was held."""
from __future__ import annotations

import pytest

# (text, published, forum, expected [(ordinal, date)] of that forum's sessions)
NEIGHBOURS = [
    (
        "まず、第7回日印首脳会議に出席するため、これからニューデリーへ出発します。"
        "前回の日印首脳会議から2年がたちました。",
        "2030-04-10", "日印首脳会議", [(7, None), (6, None)],
    ),
    (
        "第12回日米豪外相会合がシドニーで開かれた。前回の日米豪外相会合は東京で開催された。",
        "2030-04-10", "日米豪外相会合", [(12, "2030-04-10"), (11, None)],
    ),
    (
        "第4回日比防衛相会談は来月、マニラで開かれる。次回の日比防衛相会談は東京で行う方向だ。",
        "2031-09-02", "日比防衛相会談", [(4, "2031-10"), (5, None)],
    ),
]

PLANNED_DAYS = [
    ("日独首脳会談については、本日夕方に実施されると報告を受けています。", "2030-04-10", "日独首脳会談", "2030-04-10"),
    ("今夜の便で釜山に入り、明日、先方の次官と日韓防衛次官会談に臨む予定です。", "2031-02-03", "日韓防衛次官会談", "2031-02-04"),
    ("山本外務大臣はニューヨークを訪問し、2月6日(現地時間5日)、日米外相会談を行う予定です。", "2031-02-03", "日米外相会談", "2031-02-05"),
]


@pytest.mark.parametrize("text,published,forum,expected", NEIGHBOURS)
def test_extract_session_before_or_after_a_numbered_one(facts_of, text, published, forum, expected):
    sessions = [(m.ordinal, m.date) for m in facts_of(text, published).meetings if m.forum == forum]
    assert sessions == expected


@pytest.mark.parametrize("text,published,forum,expected", PLANNED_DAYS)
def test_extract_planned_meeting_takes_the_day_of_its_clause(facts_of, text, published, forum, expected):
    assert [m.date for m in facts_of(text, published).meetings if m.forum == forum] == [expected]


# a dated earlier session with the partner written before the meeting word (「先月のA首相との首脳
# 会談で合意した」) is the talks of the two countries held then, apart from the session planned today
# (text, published, forum, expected [(date, status)] of that forum's sessions)
EARLIER_TALKS = [
    (
        "本日、日米加首脳会議に出席します。日加首脳会談についても、本日の午後に行われる予定です。"
        "先月のカナダのジョン・ブラウン首相との首脳会談で合意した事項を着実に実施したいと考えています。",
        "2031-06-01", "日加首脳会談", [("2031-06-01", "planned"), ("2031-05", "held")],
    ),
    (
        "日西外相会談は本日の夕方に予定されています。"
        "昨年3月のスペインのマリア・ロペス外相との会談において一致した方向性を確認したいと思います。",
        "2032-02-20", "日西外相会談", [("2032-02-20", "planned"), ("2031-03", "held")],
    ),
    (
        "日加首脳会談が行われる予定です。"
        "先月のカナダのジョン・ブラウン首相との首脳会談で合意した事項を着実に実施したいと考えています。",
        "2031-06-01", "日加首脳会談", [(None, "planned"), ("2031-05", "held")],
    ),
]


@pytest.mark.parametrize("text,published,forum,expected", EARLIER_TALKS)
def test_extract_earlier_talks_with_the_partner_are_their_own_session(facts_of, text, published, forum, expected):
    assert [(m.date, m.status) for m in facts_of(text, published).meetings if m.forum == forum] == expected


# the ministers of a summit's members meet under the summit's name (「…首脳会議(EAS)参加国外相会議」):
# another meeting than the summit, which a later 「首脳会議」 with its own past day names
# (text, published, [(forum, kind, date)])
GROUPING_KINDS = [
    (
        "9月3日、ジャカルタにおいて、東アジア首脳会議(EAS)参加国外相会議が開催された。"
        "東アジア首脳会議の将来が話し合われた。昨年10月の首脳会議から後の取組を議長国が紹介した。",
        "2031-09-04",
        [("東アジア首脳会議(EAS)参加国外相会議", "ministerial", "2031-09-03"), ("東アジア首脳会議", "summit", "2030-10")],
    ),
    (
        "8日、ハノイで東アジア首脳会議(EAS)参加国非公式国防相会合が開かれた。"
        "東アジア首脳会議の役割について意見が交わされた。2年前の首脳会議で採択した宣言も取り上げられた。",
        "2032-11-09",
        [("東アジア首脳会議(EAS)参加国非公式国防相会合", "ministerial", "2032-11-08")],
    ),
    (
        "東アジア首脳会議参加国国防相会議が3日、マニラで開かれた。",
        "2031-09-04", [("東アジア首脳会議参加国国防相会議", "ministerial", "2031-09-03")],
    ),
    (
        "東アジア首脳会議(EAS)が3日、マニラで開かれた。",
        "2031-09-04", [("東アジア首脳会議", "summit", "2031-09-03")],
    ),
]


@pytest.mark.parametrize("text,published,expected", GROUPING_KINDS)
def test_extract_ministers_meeting_of_a_summit_is_not_the_summit(facts_of, text, published, expected):
    got = [(m.forum, m.kind, m.date) for m in facts_of(text, published).meetings]
    assert got[0] == expected[0]  # the ministers' meeting, of its own kind and day
    # the summit, where named, is never dated by the ministers' meeting; a past day it keeps
    if expected[0][1] != "summit":
        assert all(d != expected[0][2] for _, kind, d in got if kind == "summit")
    assert set(expected[1:]) <= set(got)


# a meeting named by its subject and held at an international body written as its setting is the
# body's meeting, the subject's name kept as an alias (text, expected (forum, aliases, countries))
AT_A_BODY = [
    ("とりわけ2日には、国連安保理においてシリア情勢に関する閣僚会合が開かれた。",
     ("国連安保理閣僚会合", ("シリア情勢に関する閣僚会合",), ("UN",))),
    ("5日、国際原子力機関(IAEA)で核安全に関する閣僚会合が開催された。",
     ("国際原子力機関閣僚会合", ("核安全に関する閣僚会合",), ("UN",))),  # (the body's country in institutions.tsv)
    ("2日、東京で海洋協力に関する閣僚会合が開かれた。", ("海洋協力に関する閣僚会合", (), ())),
]


@pytest.mark.parametrize("text,expected", AT_A_BODY)
def test_extract_subject_meeting_at_a_body_is_the_bodys(facts_of, text, expected):
    (meeting,) = facts_of(text, "2031-05-06").meetings
    assert (meeting.forum, meeting.forum_aliases, meeting.countries) == expected
