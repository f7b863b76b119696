"""Two constructions of reproduced releases (kg.extract): a pointer prefix (同, 本, 当) before
the last word of the meeting just reported names that meeting (「…運営委員会を開催した。同委員会
では…」), and a release reproduced under its own date line on a page of a later day counts 本日
from that line. Made-up pages read through kg.ingest.load_article, real GiNZA."""
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


RELEASE_PAGES = [
    (
        "在京米国大使館\n日米局長級協議について\n2030年5月6日\n＊仮翻訳\n国務省報道官室\nメディアノート\n2030年5月5日\n"
        "　ジョン・ミラー国務次官補は本日、東京で日本の木村浩二外務省北米局長と協議を開催した。\n",
        "2030-05-06",
        "2030-05-05",
    ),
    (
        "大使館ニュース\n2030年9月3日\n　以下は本国外務省の発表です。\n2030年9月1日\n"
        "　ドイツのピーター・ホフマン外務次官は本日、ベルリンで日本の石田直人外務審議官と会談しました。\n",
        "2030-09-03",
        "2030-09-01",
    ),
]


@pytest.mark.parametrize("page,published,day", RELEASE_PAGES)
def test_extract_release_under_its_own_date_line_counts_today_from_it(facts_of_page, page, published, day):
    facts = facts_of_page(page, published=published)
    held = [m for m in facts.meetings if m.status == "held"]
    assert [m.date for m in held] == [day]
