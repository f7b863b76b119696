"""kg.extract: constructions found on held-out articles, written here as made-up sentences
(names, places and wording invented): meeting names, sub-sessions, participation frames,
side phrases, 「同日」, parliamentary sessions, scraped repeats. Real GiNZA, real extractor."""
from __future__ import annotations

import pytest


def _reps(facts) -> set[tuple[str, str, str]]:
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations}


PARTICIPATION = [
    (  # a conference hosting the talks is where they were held, not what the people held
        "山田一郎防衛相とスミス米国防長官、韓国の朴大成(パク・デソン)国防相は3日、"
        "国際安全保障フォーラムが開かれているパリで日米韓防衛相会談を開き、連携で一致した。",
        "2024-06-04",
        {("山田一郎", "JP", "日米韓防衛相会談"), ("スミス", "US", "日米韓防衛相会談"), ("朴大成", "KR", "日米韓防衛相会談")},
    ),
    (  # a session (拡大会合) is a meeting of its own whose people sat in the summit too; 同席
        # after 会談には is the summit's, not the session's
        "ロシアのイワン・ペトロフ大統領は8日、モスクワで中国の陳明国家主席と中露首脳会談を行った。\n"
        "両首脳は少人数での会談に続き、閣僚らを交えた拡大会合を行った。"
        "会談には、ロシア側からオレグ・スミルノフ外相らが、中国側からは劉偉外相らが同席した。",
        "2025-05-09",
        {("イワン・ペトロフ", "RU", "中露首脳会談"), ("陳明", "CN", "中露首脳会談"),
         ("オレグ・スミルノフ", "RU", "中露首脳会談"), ("劉偉", "CN", "中露首脳会談"),
         ("イワン・ペトロフ", "RU", "拡大会合"), ("陳明", "CN", "拡大会合")},
    ),
    (  # a cleft lists who took part, side by side
        "日本とドイツの両政府は3日、ベルリンで外務・防衛閣僚会合(2プラス2)を開いた。"
        "会合に臨んだのは、日本側が山田花子外相と佐藤一郎防衛相、ドイツ側がハンス・ミュラー外相と"
        "ペーター・シュミット国防相の4人。",
        "2024-05-04",
        {("山田花子", "JP", "日独外務・防衛閣僚会合"), ("佐藤一郎", "JP", "日独外務・防衛閣僚会合"),
         ("ハンス・ミュラー", "DE", "日独外務・防衛閣僚会合"), ("ペーター・シュミット", "DE", "日独外務・防衛閣僚会合")},
    ),
    (  # a group's ministers' meeting (not its summit), 顔をそろえた, a chair in the next sentence
        "主要7カ国(G7)外相会合は20日、2日間の日程を終えて閉幕した。"
        "議長を務めた田中次郎外相は閉幕後の記者会見で成果を強調した。\n"
        "会合は19日に始まり、スミス米国務長官、ルイ・マルタン仏外相が顔をそろえた。",
        "2024-04-21",
        {("田中次郎", "JP", "G7外相会合"), ("スミス", "US", "G7外相会合"), ("ルイ・マルタン", "FR", "G7外相会合")},
    ),
    (  # the host chairs (進行役を務め), the others attend
        "日本、中国、韓国の3カ国による第10回日中韓首脳会議が27日、東京で開かれた。"
        "議長国・日本の山田一郎首相が進行役を務め、中国の陳明首相と韓国の朴大成大統領が出席した。",
        "2025-05-28",
        {("山田一郎", "JP", "日中韓首脳会議"), ("陳明", "CN", "日中韓首脳会議"), ("朴大成", "KR", "日中韓首脳会議")},
    ),
    (  # one verb, two meetings: 「Bとの…会談、Cとの…会談にそれぞれ臨んだ」
        "韓国の朴大成大統領と中国の陳明首相が来日した。"
        "山田一郎首相は26日、陳首相との日中首脳会談、朴大統領との日韓首脳会談にそれぞれ臨んだ。",
        "2025-05-28",
        {("山田一郎", "JP", "日中首脳会談"), ("陳明", "CN", "日中首脳会談"),
         ("山田一郎", "JP", "日韓首脳会談"), ("朴大成", "KR", "日韓首脳会談")},
    ),
    (  # a second side phrase 「米国側は…が首席代表を務めた」 after 「…参加し、」
        "韓米両国は10日、ソウルで第5回核協議グループ(NCG)会議を開いた。"
        "韓国側からは国防部の金英洙国防政策室長が首席代表として参加し、"
        "米国側はジョン・ミラー国防次官補代理が首席代表を務めた。",
        "2025-06-11",
        {("金英洙", "KR", "核協議グループ"), ("ジョン・ミラー", "US", "核協議グループ")},
    ),
]


@pytest.mark.parametrize("text, published, expected", PARTICIPATION)
def test_extract_heldout_patterns_participation(facts_of, text, published, expected):
    assert _reps(facts_of(text, published)) == expected


def test_extract_heldout_patterns_closing_day_is_not_the_meeting_date(facts_of):
    facts = facts_of(PARTICIPATION[3][0], PARTICIPATION[3][1])
    meeting = next(m for m in facts.meetings if m.forum == "G7外相会合")
    assert (meeting.acronym, meeting.date, meeting.status) == ("G7", "2024-04-19", "held")
    assert not any(m.kind == "summit" for m in facts.meetings)


def test_extract_heldout_patterns_sessions_are_meetings_of_the_summit(facts_of):
    facts = facts_of(PARTICIPATION[1][0], PARTICIPATION[1][1])
    assert [m.forum for m in facts.meetings] == ["中露首脳会談", "拡大会合"]
    assert [m.date for m in facts.meetings][0] == "2025-05-08"


def test_extract_heldout_patterns_same_day_is_the_narrated_meeting(facts_of):
    # 「同日」 after a sentence that names another day (the day of a launch) is the meeting's day
    text = (
        "山田一郎防衛相とスミス米国防長官は3日、パリで日米防衛相会談を開いた。"
        "両氏は、北朝鮮が5月31日にミサイルを発射したことを非難した。"
        "山田氏は同日、中国の陳明国防相とも日中防衛相会談を行った。"
    )
    facts = facts_of(text, "2024-06-04")
    dates = {m.forum: m.date for m in facts.meetings}
    assert dates["日中防衛相会談"] == "2024-06-03"
    assert ("陳明", "CN", "日中防衛相会談") in _reps(facts)


def test_extract_heldout_patterns_also_met_is_other_talks(facts_of):
    # 「Bと…会談を行ったほか、Cとも会談した」: C's talks are not the named meeting, and B is
    # not a party to them
    text = (
        "米国のジョン・スミス国務長官は6日、ソウルで韓国の金英洙外相と米韓外相会談を行った。"
        "スミス氏は同日、韓国の朴大成首相とも面会した。"
    )
    reps = _reps(facts_of(text, "2024-01-07"))
    assert ("金英洙", "KR", "米韓外相会談") in reps
    assert ("朴大成", "KR", "米韓外相会談") not in reps
    assert ("朴大成", "KR", "米韓面会") in reps


NOT_DIPLOMATIC = [
    # a parliamentary committee session is a hearing, not a diplomatic meeting
    "韓国の金英洙外交部長官は1日、国会外交統一委員会の全体会議に出席し、外相会談の結果を報告した。",
    "山田一郎外相は5日、衆院外務委員会に出席し、答弁した。",
]


@pytest.mark.parametrize("text", NOT_DIPLOMATIC)
def test_extract_heldout_patterns_parliament_is_not_a_meeting(facts_of, text):
    facts = facts_of(text, "2024-08-02")
    assert facts.representations == ()


def test_extract_heldout_patterns_repeated_paragraph_adds_nothing(facts_of):
    delegation = (
        "韓国側からは国防部の金英洙国防政策室長が首席代表として参加し、"
        "米国側はジョン・ミラー国防次官補代理が首席代表を務めた。"
    )
    text = (
        "韓米両国は10日、ソウルで第5回核協議グループ(NCG)会議を開いた。" + delegation + "\n"
        "NCGは2023年4月の韓米首脳会談で発足した協議体だ。\n"
        "金室長は会議後、協力は続くと述べた。\n" + delegation
    )
    facts = facts_of(text, "2025-06-11")
    meetings = {m.key: m for m in facts.meetings}
    assert {meetings[r.meeting].ordinal for r in facts.representations} == {5}


MORE_PARTICIPATION = [
    (  # an organisation's summit named with ＝ apposition, attendees 「…には、A、B、Cも出席した」
        "北大西洋条約機構(NATO)は10日、ワシントンで首脳会議を開いた。"
        "NATO＝北大西洋条約機構の首脳会議には、山田一郎首相、韓国の朴大成大統領、豪州のジョン・スミス首相も出席した。",
        "2024-07-12",
        {("山田一郎", "JP", "北大西洋条約機構首脳会議"), ("朴大成", "KR", "北大西洋条約機構首脳会議"),
         ("ジョン・スミス", "AU", "北大西洋条約機構首脳会議")},
    ),
    (  # a summit made of sub-sessions, with people 同席 by side
        "日米首脳会談は少人数会合と拡大会合を合わせて約2時間行われ、日本側から佐藤次郎官房副長官、"
        "米国側からジョン・ミラー大統領補佐官らが同席した。",
        "2024-04-11",
        {("佐藤次郎", "JP", "日米首脳会談"), ("ジョン・ミラー", "US", "日米首脳会談")},
    ),
    (  # partners listed before the meeting noun: 「Aは、B、Cと、…首脳会談に臨んだ」
        "山田一郎首相は、スミス米大統領、韓国の朴大成大統領と、ワシントンで日米韓首脳会談に臨んだ。",
        "2024-04-11",
        {("山田一郎", "JP", "日米韓首脳会談"), ("スミス", "US", "日米韓首脳会談"), ("朴大成", "KR", "日米韓首脳会談")},
    ),
]


@pytest.mark.parametrize("text, published, expected", MORE_PARTICIPATION)
def test_extract_heldout_patterns_more_participation(facts_of, text, published, expected):
    assert _reps(facts_of(text, published)) == expected


def test_extract_heldout_patterns_organisation_meeting_alias(facts_of):
    facts = facts_of(MORE_PARTICIPATION[0][0], MORE_PARTICIPATION[0][1])
    assert [(m.forum, m.acronym, "NATO首脳会議" in m.forum_aliases) for m in facts.meetings] == [
        ("北大西洋条約機構首脳会議", "NATO", True)
    ]


def test_extract_heldout_patterns_unnamed_lead_gives_date_and_place(facts_of):
    text = (
        "日米韓の外交当局者が9日、ソウル市内で一堂に会した。"
        "日米韓外務次官協議には山田一郎外務事務次官、スミス米国務副長官、韓国の朴大成外交部第1次官が出席した。"
    )
    (meeting,) = facts_of(text, "2024-07-12").meetings
    assert (meeting.forum, meeting.date, meeting.place, meeting.status) == ("日米韓外務次官協議", "2024-07-09", "ソウル市内", "held")


@pytest.mark.parametrize(
    "text",
    [
        "山田一郎首相は10日、国賓待遇でスミス大統領と日米首脳会談を行った。",
        "山田一郎外相は10日、オンライン形式でスミス国務長官と日米外相会談を行った。",
    ],
)
def test_extract_heldout_patterns_place_is_a_place(facts_of, text):
    (meeting,) = facts_of(text, "2024-07-12").meetings
    assert meeting.status == "held" and meeting.place is None


def test_extract_heldout_patterns_undated_side_meeting_takes_the_focus_month(facts_of):
    # 「会合の合間を縫い」: during the meeting in focus, day unknown
    text = (
        "G7外相会合は16日に始まり、スミス米国務長官、ルイ・マルタン仏外相が顔をそろえた。\n"
        "田中次郎外相は会合の合間を縫い、スミス氏と日米外相会談を行った。"
    )
    dates = {m.forum: m.date for m in facts_of(text, "2024-04-19").meetings}
    assert dates == {"G7外相会合": "2024-04-16", "日米外相会談": "2024-04"}


def test_extract_heldout_patterns_same_day_follows_a_later_main_clause_day(facts_of):
    # the story moved on to another day in a main clause: 「同日」 is that day
    text = (
        "山田一郎防衛相とスミス米国防長官は3日、パリで日米防衛相会談を開いた。"
        "山田氏は4日、パリ市内の軍事施設を視察した。"
        "山田氏は同日、中国の陳明国防相と日中防衛相会談を行った。"
    )
    dates = {m.forum: m.date for m in facts_of(text, "2024-06-05").meetings}
    assert dates["日中防衛相会談"] == "2024-06-04"


def test_extract_heldout_patterns_separate_talks_with_each_partner(facts_of):
    # 「AはB、Cとそれぞれ会談した」: two bilateral talks, not one trilateral meeting
    text = "山田一郎首相は26日、中国の陳明首相、韓国の朴大成大統領とそれぞれ会談した。"
    assert _reps(facts_of(text, "2024-05-28")) == {
        ("山田一郎", "JP", "日中首脳会談"), ("陳明", "CN", "日中首脳会談"),
        ("山田一郎", "JP", "日韓首脳会談"), ("朴大成", "KR", "日韓首脳会談"),
    }


@pytest.mark.parametrize(
    "text, forum, acronym, place",
    [
        # an acronym in parentheses after a group's name defines it, known or not
        ("東南アジア諸国連合(ASEAN)外相会議が10日、ビエンチャンで開かれた。", "ASEAN外相会議", "ASEAN", "ビエンチャン"),
        ("20カ国・地域(G20)外相会合は18日、リオデジャネイロで開かれ、山田一郎外相が出席した。", "G20外相会合", "G20", "リオデジャネイロ"),
    ],
)
def test_extract_heldout_patterns_group_meeting_after_an_acronym(facts_of, text, forum, acronym, place):
    (meeting,) = facts_of(text, "2024-11-20").meetings
    assert (meeting.forum, meeting.acronym, meeting.place, meeting.status) == (forum, acronym, place, "held")


def test_extract_heldout_patterns_side_phrase_of_another_clause_is_not_the_side(facts_of):
    # 「中国側が反発する中、」 closes its clause: the minister is not on the Chinese side
    facts = facts_of("中国側が反発する中、山田一郎外相は18日、ワシントンで開かれた日米外相会談に出席した。", "2024-06-20")
    assert _reps(facts) == {("山田一郎", "JP", "日米外相会談")}
    assert facts.meetings[0].place == "ワシントン"


def test_extract_heldout_patterns_bare_meeting_named_by_the_subjects_post(facts_of):
    # 「日米豪印4か国の外相は…会合を開いた」 → 日米豪印外相会合
    facts = facts_of("日米豪印4か国（クアッド）の外相は23日、ニューヨークで会合を開いた。", "2024-09-25")
    assert [(m.forum, m.date, m.place) for m in facts.meetings] == [("日米豪印外相会合", "2024-09-23", "ニューヨーク")]


def test_extract_heldout_patterns_showing_up_at_a_reception_is_not_taking_part(facts_of):
    text = "山田一郎外相とスミス国務長官は10日、東京で日米外相会談を開いた。山田氏は夜、都内のホテルで開かれたレセプションに顔を見せた。"
    facts = facts_of(text, "2024-06-20")
    assert all(len(r.evidence) == 1 and "レセプション" not in r.evidence[0].sentence for r in facts.representations)


def test_extract_heldout_patterns_a_word_about_parliament_is_not_a_session(facts_of):
    text = "山田一郎首相は参議院選挙後初の日米首脳会談に臨み、スミス米大統領と会談した。"
    assert _reps(facts_of(text, "2024-08-02")) == {("山田一郎", "JP", "日米首脳会談"), ("スミス", "US", "日米首脳会談")}


def test_extract_heldout_patterns_hosting_conference_gets_nobody(facts_of):
    # 「…会議が開かれていたジャカルタで…と会い、…協議した」: the talks, not the conference
    text = "韓国の金英洙外交部長官は先月28日、国際会議が開かれていたジャカルタで日本の山田一郎外相と会い、約40分間協議した。"
    assert _reps(facts_of(text, "2024-08-02")) == {("金英洙", "KR", "韓日外相会談"), ("山田一郎", "JP", "韓日外相会談")}


def test_extract_heldout_patterns_acronym_meeting_without_a_definition(facts_of):
    facts = facts_of("APEC首脳会議が15日、リマで開かれ、山田一郎首相が出席した。", "2024-11-20")
    assert [(m.forum, m.acronym, m.date, m.place) for m in facts.meetings] == [("APEC首脳会議", "APEC", "2024-11-15", "リマ")]
    assert _reps(facts) == {("山田一郎", "JP", "APEC首脳会議")}


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # 「AとBの会談は…行われた」
            "山田一郎首相とスミス米大統領の会談は15日、リマ市内のホテルで約30分間行われた。",
            {("山田一郎", "JP", "日米首脳会談"), ("スミス", "US", "日米首脳会談")},
        ),
        (  # 「Aと韓国のBによる会談が…行われた」
            "スミス米国務長官と韓国の朴大成外相による会談が15日、ソウルで行われた。",
            {("スミス", "US", "米韓外相会談"), ("朴大成", "KR", "米韓外相会談")},
        ),
        # planned: nobody takes part yet
        ("山田一郎首相とスミス米大統領の会談は来月行われる予定だ。", set()),
    ],
)
def test_extract_heldout_patterns_people_before_a_bare_meeting_word(facts_of, text, expected):
    assert _reps(facts_of(text, "2024-11-20")) == expected


def test_extract_heldout_patterns_countries_listed_before_a_meeting(facts_of):
    # 「日本と中国の外相会談」: both countries, not only the one next to the meeting word
    text = "日本と中国の外相会談が、きょう、北京で開かれ、山田外務大臣と中国の王明外相が出席しました。"
    facts = facts_of(text, "2024-11-20")
    assert [(m.forum, m.countries, m.date) for m in facts.meetings] == [("日中外相会談", ("JP", "CN"), "2024-11-20")]
    assert _reps(facts) == {("山田", "JP", "日中外相会談"), ("王明", "CN", "日中外相会談")}


def test_extract_heldout_patterns_so_called_name_is_the_same_meeting(facts_of):
    # 「X、いわゆる「2プラス2」」: one meeting under two names
    text = (
        "日米の外務・防衛担当閣僚による安全保障協議委員会、いわゆる「2プラス2」が8日、東京で開かれました。\n"
        "日本側から山田外務大臣と佐藤防衛大臣、アメリカ側からスミス国務長官とジョーンズ国防長官が出席しました。"
    )
    facts = facts_of(text, "2024-06-10")
    (meeting,) = facts.meetings
    assert meeting.forum == "日米安全保障協議委員会" and "日米2プラス2" in meeting.forum_aliases
    assert len(facts.representations) == 4


def test_extract_heldout_patterns_also_met_after_a_named_meeting(facts_of):
    # 「Bとも会談した」 is a predicate: one talks meeting, no bare 「会談」 meeting besides it
    text = (
        "山田一郎防衛相は1日、シンガポールで韓国の朴大成国防相と日韓防衛相会談を行った。\n"
        "山田氏は2日、スミス米国防長官とも会談した。"
    )
    facts = facts_of(text, "2024-06-03")
    assert len(facts.meetings) == 2
    talks = next(m for m in facts.meetings if m.countries == ("JP", "US"))
    assert talks.date == "2024-06-02" and talks.forum != "会談"


def test_extract_heldout_patterns_collective_count_spans_earlier_meetings(facts_of):
    # 「3氏による…会談」 after two bilateral talks: all three people
    text = (
        "山田一郎防衛相は2日、シンガポールで韓国の朴大成国防相と日韓防衛相会談を行った。\n"
        "山田氏は同日、スミス米国防長官とも会談した。同日、3氏による日米韓防衛相会談も開かれた。"
    )
    reps = _reps(facts_of(text, "2024-06-03"))
    assert {(n, s) for n, s, f in reps if f == "日米韓防衛相会談"} == {("山田一郎", "JP"), ("朴大成", "KR"), ("スミス", "US")}


def test_extract_heldout_patterns_separate_talks_subject_written_last(facts_of):
    # 「B、韓国のCとAはそれぞれ会談した」: A (marked は) meets each; A's Japanese name is not
    # in the Korean list
    text = "中国の陳明首相、韓国の朴大成大統領と山田一郎首相は26日、それぞれ会談した。"
    assert _reps(facts_of(text, "2024-05-28")) == {
        ("山田一郎", "JP", "日中首脳会談"), ("陳明", "CN", "日中首脳会談"),
        ("山田一郎", "JP", "日韓首脳会談"), ("朴大成", "KR", "日韓首脳会談"),
    }


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
def test_extract_heldout_patterns_talks_names_and_dates(facts_of, text, published, forum, date):
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
def test_extract_heldout_patterns_conference_city_is_not_the_partners_country(facts_of, text):
    facts = facts_of(text, "2024-07-28")
    assert not any("ID" in m.countries for m in facts.meetings)
    assert all(p.country != "ID" for p in facts.people)


def test_extract_heldout_patterns_stand_in_not_the_minister(facts_of):
    # 「A外相の代理で B副大臣が出席した」: B took part, A did not
    text = (
        "東南アジア諸国連合(ASEAN)地域フォーラムが27日、ジャカルタで開かれた。"
        "日本からは山田一郎外相の代理で佐藤次郎外務副大臣が出席した。"
    )
    assert _reps(facts_of(text, "2024-07-28")) == {("佐藤次郎", "JP", "ASEAN地域フォーラム")}


def test_extract_heldout_patterns_list_does_not_carry_a_country_over_the_meeting(facts_of):
    # 「豪州のA外相、B外相」 in a four-country meeting: B is the party nobody else represents
    text = (
        "日米豪印外相会合が27日、東京で開かれた。"
        "会合には山田一郎外相、豪州のジョーンズ外相、シン外相、スミス国務長官が出席した。"
    )
    sides = {name: side for name, side, _ in _reps(facts_of(text, "2024-07-28"))}
    assert sides == {"山田一郎": "JP", "ジョーンズ": "AU", "シン": "IN", "スミス": "US"}


def test_extract_heldout_patterns_bare_meeting_named_after_the_outlets_own_post(facts_of):
    # a Korean outlet (韓米日): 「国家安保室長」 + 会議 → 韓米日安保室長会議
    text = (
        "韓国の金英洙国家安保室長とスミス米大統領補佐官、山田一郎国家安全保障局長は14日、ソウルで会議を開いた。"
        "韓米日の連携を確認した。"
    )
    facts = facts_of(text, "2024-06-15")
    assert [m.forum for m in facts.meetings] == ["韓米日安保室長会議"]
    assert len(facts.representations) == 3


def test_extract_heldout_patterns_bare_talks_named_after_the_posts(facts_of):
    text = "山田一郎首相と中国の陳明国家主席は14日、北京で会談を行い、関係改善で一致した。"
    facts = facts_of(text, "2024-06-15")
    assert [(m.forum, m.kind) for m in facts.meetings] == [("日中首脳会談", "summit")]


def test_extract_heldout_patterns_courtesy_call_is_not_the_ministers_talks(facts_of):
    text = (
        "スミス米国防長官は4日、山田一郎防衛相と日米防衛相会談を行った。"
        "スミス氏は同日、首相官邸で佐藤次郎首相を表敬訪問し、会談した。"
    )
    reps = _reps(facts_of(text, "2024-06-05"))
    assert ("佐藤次郎", "JP", "日米防衛相会談") not in reps
    assert {("スミス", "US", "日米防衛相会談"), ("山田一郎", "JP", "日米防衛相会談")} <= reps
