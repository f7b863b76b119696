"""kg.extract: which meeting a mention names (made-up sentences): sessions of a summit,
organisation meetings and acronyms, 「いわゆる」 names, bare meeting words named after the
posts or countries around them, places that are not parties. Real GiNZA, real extractor."""
from __future__ import annotations

import pytest

from test_extract_meeting_participants import triples, PARTICIPATION, MORE_PARTICIPATION


def test_extract_described_role_names_the_talks(facts_of):
    """「中国外交トップのX政治局員と会談した」: the foreign-policy chief's talks with a 外相 are
    foreign ministers' talks."""
    facts = facts_of(
        "山田一郎外相は13日、訪問先のパリで、中国外交トップの陳偉共産党政治局員と会談した。",
        "2030-07-14",
    )
    assert {m.forum for m in facts.meetings} == {"日中外相会談"}


def test_extract_sessions_are_meetings_of_the_summit(facts_of):
    facts = facts_of(PARTICIPATION[1][0], PARTICIPATION[1][1])
    assert [m.forum for m in facts.meetings] == ["中露首脳会談", "拡大会合"]
    assert [m.date for m in facts.meetings][0] == "2025-05-08"


def test_extract_organisation_meeting_alias(facts_of):
    facts = facts_of(MORE_PARTICIPATION[0][0], MORE_PARTICIPATION[0][1])
    assert [(m.forum, m.acronym, "NATO首脳会議" in m.forum_aliases) for m in facts.meetings] == [
        ("北大西洋条約機構首脳会議", "NATO", True)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "山田一郎首相は10日、国賓待遇でスミス大統領と日米首脳会談を行った。",
        "山田一郎外相は10日、オンライン形式でスミス国務長官と日米外相会談を行った。",
    ],
)
def test_extract_place_is_a_place(facts_of, text):
    (meeting,) = facts_of(text, "2024-07-12").meetings
    assert meeting.status == "held" and meeting.place is None


@pytest.mark.parametrize(
    "text, forum, acronym, place",
    [
        # an acronym in parentheses after a group's name defines it, known or not
        ("東南アジア諸国連合(ASEAN)外相会議が10日、ビエンチャンで開かれた。", "ASEAN外相会議", "ASEAN", "ビエンチャン"),
        ("20カ国・地域(G20)外相会合は18日、リオデジャネイロで開かれ、山田一郎外相が出席した。", "G20外相会合", "G20", "リオデジャネイロ"),
    ],
)
def test_extract_group_meeting_after_an_acronym(facts_of, text, forum, acronym, place):
    (meeting,) = facts_of(text, "2024-11-20").meetings
    assert (meeting.forum, meeting.acronym, meeting.place, meeting.status) == (forum, acronym, place, "held")


def test_extract_bare_meeting_named_by_the_subjects_post(facts_of):
    # 「日米豪印4か国の外相は…会合を開いた」 → 日米豪印外相会合
    facts = facts_of("日米豪印4か国（クアッド）の外相は23日、ニューヨークで会合を開いた。", "2024-09-25")
    assert [(m.forum, m.date, m.place) for m in facts.meetings] == [("日米豪印外相会合", "2024-09-23", "ニューヨーク")]


def test_extract_acronym_meeting_without_a_definition(facts_of):
    facts = facts_of("APEC首脳会議が15日、リマで開かれ、山田一郎首相が出席した。", "2024-11-20")
    assert [(m.forum, m.acronym, m.date, m.place) for m in facts.meetings] == [("APEC首脳会議", "APEC", "2024-11-15", "リマ")]
    assert triples(facts) == {("山田一郎", "JP", "APEC首脳会議")}


def test_extract_countries_listed_before_a_meeting(facts_of):
    # 「日本と中国の外相会談」: both countries, not only the one next to the meeting word
    text = "日本と中国の外相会談が、きょう、北京で開かれ、山田外務大臣と中国の王明外相が出席しました。"
    facts = facts_of(text, "2024-11-20")
    assert [(m.forum, m.countries, m.date) for m in facts.meetings] == [("日中外相会談", ("JP", "CN"), "2024-11-20")]
    assert triples(facts) == {("山田", "JP", "日中外相会談"), ("王明", "CN", "日中外相会談")}


def test_extract_so_called_name_is_the_same_meeting(facts_of):
    # 「X、いわゆる「2プラス2」」: one meeting under two names
    text = (
        "日米の外務・防衛担当閣僚による安全保障協議委員会、いわゆる「2プラス2」が8日、東京で開かれました。\n"
        "日本側から山田外務大臣と佐藤防衛大臣、アメリカ側からスミス国務長官とジョーンズ国防長官が出席しました。"
    )
    facts = facts_of(text, "2024-06-10")
    (meeting,) = facts.meetings
    assert meeting.forum == "日米安全保障協議委員会" and "日米2プラス2" in meeting.forum_aliases
    assert len(facts.representations) == 4


@pytest.mark.parametrize(
    "text, published, forum, date",
    [
        # the outlet's own post names one-off talks: a Japanese 防衛相 → 日米防衛相会談
        ("山田一郎防衛相は2日、シンガポールでスミス米国防長官と会談した。日米の連携を確認した。", "2024-06-03", "日米防衛相会談", "2024-06-02"),
        ("韓国の金英洙国防相は2日、ソウルでスミス米国防長官と会談した。韓米の連携を確認した。", "2024-06-03", "韓米国防相会談", "2024-06-02"),
        # heads under a post the talk-word table does not list
        ("山田一郎首相は2日、台北で台湾の林正総統と会談した。", "2024-06-03", "日台首脳会談", "2024-06-02"),
        # 「1968年から毎年開かれている」 is the start of a period, not this session's day
        ("韓国の金英洙国防相とスミス米国防長官は30日(現地時間)、ワシントンの国防総省で、"
         "1968年から毎年開かれている第56回韓米安保協議会議(SCM)を開き、連携強化で一致した。", "2024-11-01", "韓米安保協議会議", "2024-10-30"),
    ],
)
def test_extract_talks_names_and_dates(facts_of, text, published, forum, date):
    facts = facts_of(text, published)
    assert [(m.forum, m.date) for m in facts.meetings] == [(forum, date)]
    assert len(facts.representations) == 2


@pytest.mark.parametrize(
    "text",
    [
        # a city hosting an international conference does not make the partner its national
        "山田一郎外相は27日、ジャカルタで王明外相と会談した。",
        "山田一郎外相は27日、インドネシアの首都ジャカルタで王明外相と会談した。",
    ],
)
def test_extract_conference_city_is_not_the_partners_country(facts_of, text):
    facts = facts_of(text, "2024-07-28")
    assert not any("ID" in m.countries for m in facts.meetings)
    assert all(p.country != "ID" for p in facts.people)


def test_extract_bare_meeting_named_after_the_outlets_own_post(facts_of):
    # a Korean outlet (韓米日): 「国家安保室長」 + 会議 → 韓米日安保室長会議
    text = (
        "韓国の金英洙国家安保室長とスミス米大統領補佐官、山田一郎国家安全保障局長は14日、ソウルで会議を開いた。"
        "韓米日の連携を確認した。"
    )
    facts = facts_of(text, "2024-06-15")
    assert [m.forum for m in facts.meetings] == ["韓米日安保室長会議"]
    assert len(facts.representations) == 3


def test_extract_bare_talks_named_after_the_posts(facts_of):
    text = "山田一郎首相と中国の陳明国家主席は14日、北京で会談を行い、関係改善で一致した。"
    facts = facts_of(text, "2024-06-15")
    assert [(m.forum, m.kind) for m in facts.meetings] == [("日中首脳会談", "summit")]
