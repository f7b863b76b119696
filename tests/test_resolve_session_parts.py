"""kg.sessions.find_parents and kg.resolve.forum_key on made-up mentions: a part of a meeting
named only by its part word is part of the meeting its own sentence writes before it; a forum
name's country prefix is read over the longest run of full country names; talks named by their
own parties do not take a summit's name as the name of their forum, and an undated summit
takes the month of its dated part."""
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


@pytest.mark.parametrize("heading", ["ミナトサミット", "主要国首脳会議"])
def test_resolve_talks_under_a_summit_heading_are_not_a_session_of_the_summit(heading):
    # the talks carry the section's topic heading (a summit) as another spelling: they were
    # held on the summit's occasion, between their own parties; the outreach session its
    # sentence names after the summit is part of the summit, which met in the part's month
    from dataclasses import replace

    from kg.resolve import resolve
    from test_resolve_entities import facts

    sentence = "総理から、ミナトサミットのアウトリーチ会合では有意義な意見交換ができた旨述べた。"
    talks = replace(TALKS, forum_aliases=(heading,), kind="bilateral", evidence=(Evidence("?", 0, 9, "総理が事務総長と会談した。"),))
    summit = replace(SUMMIT, kind="summit", evidence=(Evidence("?", 0, 9, "ミナトサミットに出席した。"),))
    part = MeetingMention("m3", "アウトリーチ会合", date="2031-05", status="held", kind="forum",
                          evidence=(Evidence("?", 0, len(sentence), sentence),))
    graph = resolve([facts("a", meetings=[summit, talks, part])])
    forum_of = {m.label.split(" ")[0]: m.forum for m in graph.meetings}
    members = {f.slug: f.member_countries for f in graph.forums}
    assert forum_of["日本・国際連合会談"] == "jp-un-会談" and "UN" not in members[forum_of["主要国首脳会議"]]
    (outreach,) = [m for m in graph.meetings if m.part_of]
    (summit,) = [m for m in graph.meetings if m.forum != "jp-un-会談" and not m.part_of]
    # the summit, undated in its article, met in the month its outreach session did
    assert (outreach.part_of, summit.date) == (summit.slug, "2031-05")


@pytest.mark.parametrize(("name", "kind", "aliases", "kept"), [
    # a summit's topic heading over talks of their own parties: not the talks' forum
    ("日本・国際連合会談", "bilateral", ("ミナトサミット",), ()),
    ("日米外相会談", "ministerial", ("ミナトサミット", "日米外務大臣会談"), ("日米外務大臣会談",)),
    # the same parties under another meeting word: the same series
    ("日韓外交安保対話", "dialogue", ("日韓2プラス2",), ("日韓2プラス2",)),
    # a name without parties, or a standing forum's name, keeps every spelling
    ("首脳会談", "summit", ("ミナトサミット",), ("ミナトサミット",)),
    ("韓米拡大抑止戦略協議体", "forum", ("ミナトサミット",), ("ミナトサミット",)),
])
def test_resolve_forum_spellings_of_another_meeting_are_dropped(name, kind, aliases, kept):
    from kg.resolve import _ForumLexicon

    mention = MeetingMention("m1", name, forum_aliases=aliases, kind=kind)
    assert _ForumLexicon().own_names(mention).forum_aliases == kept
