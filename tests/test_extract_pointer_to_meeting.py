"""A pointer prefix (同, 本, 当) before the last word of the meeting just reported names that
meeting (「…運営委員会を開催した。同委員会では…」; kg.extract.meetings). Made-up pages read
through kg.ingest.load_article, real GiNZA."""
from __future__ import annotations

import pytest

POINTER_PAGES = [
    (
        "豪日装備協力の前進\n　オーストラリアと日本は4月8日、東京で第2回豪日防衛技術運営委員会を開催しました。"
        "同委員会では、防衛装備庁の長谷川洋介長官と、オーストラリア国防省のマーク・テイラー次官が共同議長を務めました。\n",
        "豪日防衛技術運営委員会",
        {("長谷川洋介", "JP"), ("マーク・テイラー", "AU")},
    ),
    (
        "日英サイバー協議会の開催\n　日本と英国は6月2日、ロンドンで第5回日英サイバー協議会を開いた。"
        "本協議会には、日本側から中山理恵外務省総合外交政策局審議官、英国側からトム・ベイカー外務省局長が出席した。\n",
        "日英サイバー協議会",
        {("中山理恵", "JP"), ("トム・ベイカー", "GB")},
    ),
]


def _reps(facts):
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations}


@pytest.mark.parametrize("page,forum,expected", POINTER_PAGES)
def test_extract_pointer_names_the_meeting_just_reported(facts_of_page, page, forum, expected):
    facts = facts_of_page(page, published="2030-06-10")
    got = _reps(facts)
    assert {(n, s) for n, s, f in got if forum in f.replace("・", "")} >= expected
    assert not [m.forum for m in facts.meetings if m.forum.startswith(("同", "本"))]
