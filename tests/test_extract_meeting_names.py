"""kg.extract: which meeting a mention names, and who is in it (made-up sentences): talks
at the occasion of a summit, meetings held after a long gap, sessions of a summit,
organisation meetings and acronyms, 「いわゆる」 names, bare meeting words named after the
posts or countries around them, places that are not parties. Real GiNZA, real extractor."""
from __future__ import annotations

import pytest

from conftest import reps_of as _reps
from test_extract_meeting_participants import triples, PARTICIPATION, MORE_PARTICIPATION


@pytest.mark.parametrize(
    "text, published, expected, absent",
    [
        # talks with an organisation's head at the occasion of its summit are talks of their own
        # (an organisation has no one-kanji form: the parties are written out)
        (
            "6月29日、NATO首脳会合に出席するためベルギーに滞在中の山川一郎内閣総理大臣は、ハンス・ミュラー北大西洋条約機構(NATO)事務総長と会談を行ったところ、概要は以下のとおりです。",
            "2022-06-29",
            {("山川一郎", "JP", "日本・北大西洋条約機構会談"), ("ハンス・ミュラー", "NATO", "日本・北大西洋条約機構会談")},
            {("山川一郎", "JP", "NATO首脳会合")},
        ),
        (
            "10日、EU首脳会議に出席するためブリュッセルを訪問中の川田二郎外務大臣は、アンナ・シュミット欧州連合(EU)外交安全保障上級代表と会談を行いました。",
            "2023-03-10",
            # (上級代表 is the EU's foreign minister: foreign ministers' talks, alias 日EU外相会談)
            {("川田二郎", "JP", "日本・欧州連合外相会談"), ("アンナ・シュミット", "EU", "日本・欧州連合外相会談")},
            set(),
        ),
        # 「…して以来、N か月ぶりとなる M を開催した」: M is held now; the partners written before
        # the clause of the last time are M's (the parser hangs them on that clause)
        (
            "4月28日、山川一郎外務大臣は、ジョン・スミス米国務長官及び朴大成韓国外交部長官との間で、昨年11月のAPEC閣僚会議の際に開いて以来、約5か月ぶりとなる日米韓外相会合を開催したところ、概要以下のとおり。",
            "2017-04-28",
            {("山川一郎", "JP", "日米韓外相会合"), ("ジョン・スミス", "US", "日米韓外相会合"), ("朴大成", "KR", "日米韓外相会合")},
            set(),
        ),
        (
            "9月3日、川田二郎防衛大臣は、ピーター・ブラウン豪国防大臣との間で、昨年の会談以来、初めてとなる日豪防衛相会談を行いました。",
            "2020-09-03",
            {("川田二郎", "JP", "日豪防衛相会談"), ("ピーター・ブラウン", "AU", "日豪防衛相会談")},
            set(),
        ),
        # a contact between officials of two states is a meeting, named as written (接触)
        (
            "本日、会議出席のため中国訪問中の森田健一アジア大洋州局長は、北朝鮮の朴成哲外務省米州局副局長とも接触し、厳重に抗議しました。",
            "2016-06-22",
            {("森田健一", "JP", "日朝接触"), ("朴成哲", "KP", "日朝接触")},
            set(),
        ),
        # the noun-phrase form of talks is named like the verbal form, medium kept
        (
            "5日、山田一郎外務大臣とジョン・スミス英国外務大臣との電話会談が行われました。",
            "2024-02-05",
            {("山田一郎", "JP", "日英外相電話会談"), ("ジョン・スミス", "GB", "日英外相電話会談")},
            set(),
        ),
        (
            "5日、山田一郎外務大臣は、ジョン・スミス英国外務大臣と電話会談を行いました。",
            "2024-02-05",
            {("山田一郎", "JP", "日英外相電話会談"), ("ジョン・スミス", "GB", "日英外相電話会談")},
            set(),
        ),
        (
            "12日、川田二郎内閣総理大臣とアンリ・デュボワ仏大統領とのテレビ会談が行われた。",
            "2023-06-12",
            {("川田二郎", "JP", "日仏首脳テレビ会談"), ("アンリ・デュボワ", "FR", "日仏首脳テレビ会談")},
            set(),
        ),
        # a courtesy call joined to the meeting sentence adds nobody to the meeting
        (
            "10日、山田一郎防衛大臣は、マニラでホセ・サントス比国防大臣と会談を行い、続いて同日、山田大臣はマリア・ロペス比大統領への表敬を行った。",
            "2023-07-10",
            {("山田一郎", "JP", "日比会談"), ("ホセ・サントス", "PH", "日比会談")},
            {("マリア・ロペス", "PH", "日比会談")},
        ),
    ],
)
def test_meeting_names(facts_of, text, published, expected, absent):
    reps = _reps(facts_of(text, published=published))
    assert expected <= reps, reps
    assert not (absent & reps)


@pytest.mark.parametrize(
    "text, published",
    [
        # a person in the genitive before a common noun acts in nothing (「A大臣の指示に基づき」)
        (
            "本22日、山川一郎外務大臣は抗議した。さらに、山川大臣の指示に基づき、東京で開催中の「北東アジア協力対話(NEACD)」の機会を捉えて、改めて厳重に抗議を行ったほか、関係国と意見交換を行いました。",
            "2016-06-22",
        ),
        (
            "5日、川田首相の要請を受けて、外務省は東京で日米韓局長級協議を行いました。",
            "2021-07-05",
        ),
    ],
)
def test_genitive_person_takes_no_part(facts_of, text, published):
    assert not _reps(facts_of(text, published=published))


@pytest.mark.parametrize(
    "text, meeting",
    [
        # 「19日会談」: the 日 of a date is not Japan
        ("ジョン・スミス米国務長官は、ポール・ロペス仏外相と19日会談した。", "米仏外相会談"),
        ("米国のジョン・スミス国務長官とフランスのポール・ロペス外相が19日会談し、協力を確認した。", "米仏外相会談"),
    ],
)
def test_day_before_meeting_word_is_no_country(facts_of, text, meeting):
    reps = _reps(facts_of(text, published="2024-03-20"))
    assert {side for _, side, forum in reps if forum == meeting} == {"US", "FR"}, reps
    assert all("日" not in forum for _, _, forum in reps)


@pytest.mark.parametrize(
    "text",
    [
        # a G7 foreign ministers' meeting is not the G7 summit
        "8日、G7外相会合がローマで開かれ、山田一郎外務大臣が出席した。",
        "先進7カ国(G7)外相会合が8日、ローマで開かれ、山田一郎外務大臣が出席した。",
    ],
)
def test_group_ministers_meeting_is_not_its_summit(facts_of, text):
    facts = facts_of(text, published="2024-04-09")
    reps = _reps(facts)
    assert ("山田一郎", "JP") in {(p, s) for p, s, _ in reps}, reps
    assert all("外相" in forum and "首脳" not in forum for _, _, forum in reps)


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


@pytest.mark.parametrize("text", [
    "日米の外務・防衛担当閣僚による日米安全保障協議委員会（日米「2＋2」）が28日、東京都内で開かれた。",
    "日米安全保障協議委員会（「2＋2」）が28日、東京都内で開かれた。",
    "日豪外務・防衛閣僚協議（日豪「2プラス2」）が28日、キャンベラで開かれた。",
])
def test_extract_quoted_other_name_in_brackets_is_the_same_meeting(facts_of, text):
    """Another name in brackets, quoted after its countries (「X協議（日米「2＋2」）」), names the
    meeting it follows: one meeting, not two."""
    assert len(facts_of(text, published="2024-07-29").meetings) == 1


@pytest.mark.parametrize("text, forum", [
    ("統合幕僚長は、下記のとおり日米豪参謀総長等会議に参加しました。", "日米豪参謀総長等会議"),
    ("外務審議官は、次のとおり日中韓高級実務者協議に出席した。", "日中韓高級実務者協議"),
])
def test_extract_function_noun_opens_no_meeting_name(facts_of, text, forum):
    """A function noun in hiragana before a meeting (「下記のとおり」「次のとおり」) is no part of its name."""
    assert [m.forum for m in facts_of(text, published="2026-07-16").meetings] == [forum]
