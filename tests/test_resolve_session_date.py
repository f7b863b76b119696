"""kg.resolve.session_date: the date of one session from the reports joined into it."""
from __future__ import annotations

import pytest

from kg.records import MeetingMention
from kg.resolve import session_date


@pytest.mark.parametrize(
    "reports, expected",
    [
        # two articles give the day where it was held, one the next day (another time zone)
        ([("a", "2030-04-10"), ("b", "2030-04-10"), ("c", "2030-04-11")], "2030-04-10"),
        ([("a", "2030-04-11"), ("b", "2030-04-10"), ("c", "2030-04-10")], "2030-04-10"),
        # one article each: the earlier day (held before it was reported elsewhere)
        ([("a", "2030-04-11"), ("b", "2030-04-10")], "2030-04-10"),
        # one article repeating a day counts once
        ([("a", "2030-04-11"), ("a", "2030-04-11"), ("b", "2030-04-10")], "2030-04-10"),
        # a day is more precise than its month or year
        ([("a", "2030-04"), ("b", "2030-04-12"), ("c", "2030")], "2030-04-12"),
        ([("a", "2030-04"), ("b", "2030")], "2030-04"),
        ([("a", None)], None),
    ],
)
def test_resolve_session_date_most_reported_precise_day(reports, expected):
    meetings = {(doc, f"m{i}"): MeetingMention(key=f"m{i}", forum="日米首脳会談", date=date) for i, (doc, date) in enumerate(reports)}
    assert session_date(sorted(meetings), meetings) == expected
