"""kg.sessions: a mention named as another session than the one its article reports
(「先般の…」「前回の…」, ``MeetingMention.other_session``) is never the article's own session;
「先般の」 is the forum's one session of the weeks before the report (made-up reports)."""
from __future__ import annotations

import pytest

from kg.records import MeetingMention
from kg.sessions import cluster_sessions

# (sessions of other articles: [(doc, date)], the mention's article: (doc, published, other_session),
#  sessions of the mention's own article: [date], expected: the doc whose session it joins, or None)
CASES = [
    # 「先般の日韓首脳会合の成果を踏まえ」 three weeks after the one session of the forum
    ([("a", "2031-08-18")], ("b", "2031-09-07", "recent"), [], "a"),
    # … but not a session six weeks before, nor one after the report
    ([("a", "2031-07-20")], ("b", "2031-09-07", "recent"), [], None),
    ([("a", "2031-09-20")], ("b", "2031-09-07", "recent"), [], None),
    # two sessions in those weeks: which one is not said
    ([("a", "2031-08-18"), ("c", "2031-08-30")], ("b", "2031-09-07", "recent"), [], None),
    # 「先般の日韓首脳会合」 in the report of another session of the forum: not that session
    ([], ("b", "2031-09-07", "recent"), ["2031-09-07"], None),
    # 「前回の会合」: neither the session its article reports, nor the one published that week
    ([], ("b", "2031-09-07", "other"), ["2031-09-07"], None),
    ([("a", "2031-09-05")], ("b", "2031-09-07", "other"), [], None),
    # 「前回の会合」 in an article whose session is undated too: two sessions
    ([], ("b", "2031-09-07", "other"), [None], None),
    # the session being reported, undated in the sentence: the article's session, and the week's
    ([], ("b", "2031-09-07", ""), ["2031-09-07"], "b"),
    ([("a", "2031-09-05")], ("b", "2031-09-07", ""), [], "a"),
    ([], ("b", "2031-09-07", ""), [None], "b"),
]


@pytest.mark.parametrize("others,mention,own,expected", CASES)
def test_resolve_session_another_session_attaches_only_where_told(others, mention, own, expected):
    doc, published, other_session = mention
    meetings = {(d, "m1"): MeetingMention("m1", "日韓首脳会談", date=date) for d, date in others}
    meetings.update({(doc, f"m{i + 2}"): MeetingMention(f"m{i + 2}", "日韓首脳会談", date=date) for i, date in enumerate(own)})
    meetings[(doc, "m1")] = MeetingMention("m1", "日韓首脳会合", other_session=other_session)
    published_at = {d: "2031-01-01" for d, _ in others} | {doc: published}
    groups = cluster_sessions(meetings, {mid: "jp-kr-首脳" for mid in meetings}, published_at, {})
    group = next(g for g in groups if (doc, "m1") in g)
    assert sorted({d for d, key in group if (d, key) != (doc, "m1")}) == ([expected] if expected else [])
