"""Talks whose partner is written by a post alone (kg.extract.talks.anonymous_partner): 「Aは
各国の駐日大使等と会談を行いました」 is a held meeting of A's side whatever the predicate's
form (会談した, 会談を行った, 会談を実施した, との間で); its attendees are those of the list under it.
With nobody named on the other side A's part is not kept (the gold conventions leave talks with
an anonymous counterpart out); a post of A's own side makes no talks at all. Made-up pages."""
from __future__ import annotations

import pytest

GROUP_WITH_LIST = """山川大臣と中東諸国の駐日大使等との意見交換
令和5年6月2日
1 本2日、山川一郎外務大臣は、中東諸国の駐日大使らと{predicate}。
2 会談では、地域情勢について意見を交換しました。
(参考)各国からの出席者
・アフマド・ハリーリ駐日ヨルダン大使
・サミール・ナセル駐日オマーン大使
・カリム・ベナニ在京モロッコ大使館臨時代理大使
"""

LISTED = {("山川一郎", "JP"), ("アフマド・ハリーリ", "JO"), ("サミール・ナセル", "OM"), ("カリム・ベナニ", "MA")}


def _reps(facts):
    people = {p.key: p.name for p in facts.people}
    return {(people[r.person], r.side) for r in facts.representations}


@pytest.mark.parametrize("predicate", [
    "会談しました",
    "会談を行いました",
    "の間で会談を実施しました",
])
def test_extract_post_partners_group_with_attendee_list(facts_of_page, predicate):
    facts = facts_of_page(GROUP_WITH_LIST.format(predicate=predicate), published="2023-06-02")
    assert _reps(facts) == LISTED
    talks = [m for m in facts.meetings if m.status == "held"]
    assert len(talks) == 1 and "会談" in talks[0].forum


@pytest.mark.parametrize("text, countries", [
    # a post with its country: talks of two sides, nobody named on the other
    ("5日、山川一郎外務大臣はブラジルの外相と会談を行った。両国関係について意見を交わした。", {"JP", "BR"}),
    ("5日、山川一郎外務大臣は訪日中のカナダ外相と会談した。", {"JP", "CA"}),
    ("5日、山川一郎外務大臣はアフリカ諸国の大使らと面会した。", {"JP"}),
])
def test_extract_post_partners_anonymous_counterpart_keeps_no_representation(facts_of, text, countries):
    facts = facts_of(text, published="2024-03-06")
    held = [m for m in facts.meetings if m.status == "held"]
    assert [set(m.countries) for m in held] == [countries]
    assert _reps(facts) == set()


@pytest.mark.parametrize("text", [
    "5日、山川一郎外務大臣は防衛大臣と会談した。",  # the unmarked post is of the same side
    "5日、山川一郎外務大臣は日本の駐米大使と会談した。",
])
def test_extract_post_partners_same_side_is_no_talks(facts_of, text):
    facts = facts_of(text, published="2024-03-06")
    assert not [m for m in facts.meetings if m.status == "held"]


def test_extract_post_partners_errand_does_not_draw_the_meetings_list(facts_of):
    # talks with a group of posts during a reported meeting: 「会議には…」 still means that meeting
    facts = facts_of("5日、東京で日米首脳会談が行われた。山田一郎首相は、その後、各国の大使らと会談した。"
                     "会議には米国からジョン・スミス国務長官が出席した。", published="2024-03-06")
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    assert {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations} == {
        ("ジョン・スミス", "US", "日米首脳会談")}
