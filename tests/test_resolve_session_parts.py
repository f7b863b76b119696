"""kg.sessions.find_parents and kg.resolve.forum_key on made-up mentions: a part of a meeting
named only by its part word is part of the meeting its own sentence writes before it; a forum
name's country prefix is read over the longest run of full country names."""
from __future__ import annotations

import pytest

from kg.records import Evidence, MeetingMention
from kg.resolve import forum_key
from kg.sessions import find_parents

TALKS = MeetingMention("m2", "日本・国際連合会談", date="2031-05-21", countries=("JP", "UN"), status="held")
SUMMIT = MeetingMention("m1", "主要国首脳会議", forum_aliases=("ミナトサミット",), status="mentioned")


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # 「ミナトサミットのアウトリーチ会合では」: the summit it names, not the talks reported that day
        ("総理から、ミナトサミットのアウトリーチ会合では有意義な意見交換ができた旨述べた。", "m1"),
        # the part word alone: the held meeting of its article
        ("総理から、アウトリーチ会合では有意義な意見交換ができた旨述べた。", "m2"),
    ],
)
def test_resolve_session_part_joins_the_meeting_written_before_it(sentence, expected):
    part = MeetingMention("m3", "アウトリーチ会合", date="2031-05", status="held",
                          evidence=(Evidence("a", 0, len(sentence), sentence),))
    meetings = {("a", m.key): m for m in (SUMMIT, TALKS, part)}
    assert find_parents(meetings) == {("a", "m3"): (("a", expected), "アウトリーチ会合")}


@pytest.mark.parametrize(
    "name,expected",
    [
        ("日本・国際連合会談", (frozenset({"JP", "UN"}), "会談")),  # 日本 + 国際連合, not 日本国 + 際連合
        ("日本国際連合会談", (frozenset({"JP", "UN"}), "会談")),
        ("米国フィリピン首脳会談", (frozenset({"US", "PH"}), "首脳")),
        ("中東和平会議", (None, "中東和平")),
    ],
)
def test_resolve_forum_key_reads_the_longest_country_prefix(name, expected):
    assert forum_key(name) == expected
