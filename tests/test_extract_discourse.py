"""Discourse across sentences, on made-up articles (real GiNZA, the real extractor)."""
import pytest


def _reps(facts):
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations}


def _people_sides(facts):
    people = {p.key: p.name for p in facts.people}
    return {(people[r.person], r.side) for r in facts.representations}


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # an omitted subject: the person marked は/が in the sentence before holds the talks
        (
            "米国のロバート・グリーン陸軍参謀総長が5月8日から10日の日程で来日し、日本の政府関係者と面会しました。"
            "防衛協力の強化を目的に、川田首相、森田外相、小島防衛相をはじめ、防衛関係者らとも会談を行いました。",
            "2021-05-11",
            {("ロバート・グリーン", "US"), ("川田", "JP"), ("森田", "JP"), ("小島", "JP")},
        ),
        (
            "安保理は、日本の山本和夫国連大使を特使として派遣した。山本国連大使は、3日間の日程で両国を訪問した。"
            "4日はケニアの首都ナイロビでケニアのオディアンボ外相をはじめとする当局者と会談し、5日は隣国に入った。",
            "2006-03-06",
            {("山本和夫", "JP"), ("オディアンボ", "KE")},
        ),
    ],
)
def test_omitted_subject_of_talks(facts_of, text, published, expected):
    assert expected <= _people_sides(facts_of(text, published=published))


@pytest.mark.parametrize(
    "text, published",
    [
        # a subject written in the sentence itself is not replaced by the one before
        (
            "米国のロバート・グリーン陸軍参謀総長が来日した。川田首相は、森田外相とともに、韓国の朴大成国防部長官とも会談を行いました。",
            "2021-05-11",
        ),
    ],
)
def test_written_subject_is_kept(facts_of, text, published):
    assert ("ロバート・グリーン", "US") not in _people_sides(facts_of(text, published=published))


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # the country visited in a sentence before is the host of talks with a bare-post partner
        (
            "川田二郎外務大臣は、ペルーの首都リマを訪れている。川田外務大臣は13日、ガルシア大統領と会談した。",
            "2019-08-14",
            {("川田二郎", "JP"), ("ガルシア", "PE")},
        ),
        # a post alone after an attribution phrase (「外務省によれば副大臣は」) points back to its holder
        (
            "日本の森田健一外務副大臣は支援について協議するためケニアを訪れている。外務省によれば副大臣は5日、オチエング外相と会談した。",
            "2019-08-06",
            {("森田健一", "JP"), ("オチエング", "KE")},
        ),
        # a capital as the venue gives the host's country (of a country the article names)
        (
            "日本の森田健一外務副大臣は、援助についてパキスタン政府と協議するため現地を訪れている。副大臣は12日、イスラマバードでカーン首相らと会談した。",
            "2019-08-13",
            {("森田健一", "JP"), ("カーン", "PK")},
        ),
    ],
)
def test_visited_country_carried_to_partner(facts_of, text, published, expected):
    assert expected <= _people_sides(facts_of(text, published=published))
