"""kg.extract: who took part in a meeting, in constructions found on unseen articles and
written here as made-up sentences (names, places and wording invented): co-chairs, the
meeting as topic, attendee lists after a lead, stand-ins and absentees, people at a
reception or another day's event, collective counts, a repeated delegation paragraph.
Real GiNZA, real extractor."""
from __future__ import annotations

import pytest



def triples(facts) -> set[tuple[str, str, str]]:
    """The (person, side, forum) triples of an article's facts."""
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations}


CHAIRS_AND_LISTS = [
    (  # co-chairs: 「会議は…が共同で主宰した」, each with the country written before them
        "韓米は15日、ソウルで第9回拡大抑止戦略協議体(EDSCG)会議を開いた。"
        "会議は韓国の朴大成外交部第1次官と金英洙国防部次官、米国のジョン・スミス国務次官と"
        "メアリー・ジョーンズ国防次官代行が共同で主宰した。",
        "2030-05-16",
        {("朴大成", "KR", "拡大抑止戦略協議体"), ("金英洙", "KR", "拡大抑止戦略協議体"),
         ("ジョン・スミス", "US", "拡大抑止戦略協議体"), ("メアリー・ジョーンズ", "US", "拡大抑止戦略協議体")},
    ),
    (  # the meeting as topic: 「…会議は A が議長を務め、B と C が参加した」; the day from the lead
        "韓米日3カ国の安全保障政策の担当者が9日、釜山市内で一堂に会し、協力策を協議した。\n"
        "政府筋によると、韓米日安保室長会議は韓国側の朴大成(パク・デソン)国家安保室長が議長を務め、"
        "ジョン・スミス米大統領補佐官と山田一郎・国家安全保障局長が参加した。",
        "2030-12-10",
        {("朴大成", "KR", "韓米日安保室長会議"), ("ジョン・スミス", "US", "韓米日安保室長会議"),
         ("山田一郎", "JP", "韓米日安保室長会議")},
    ),
    (  # a bare 会議 named by the article's own later name (「3カ国の安保室長会議は」)
        "韓米日3カ国の安全保障担当の高官が22日、東京で会議を開き、地域情勢を話し合った。"
        "韓国の朴大成(パク・デソン)国家安保室長、米国のジョン・スミス大統領補佐官、"
        "日本の山田一郎国家安全保障局長の3人が参加した。\n"
        "3カ国の安保室長会議は昨年の首脳会議で定例化が決まった。",
        "2030-06-23",
        {("朴大成", "KR", "韓米日安保室長会議"), ("ジョン・スミス", "US", "韓米日安保室長会議"),
         ("山田一郎", "JP", "韓米日安保室長会議")},
    ),
    (  # a dateline before the topic, and 「約3時間にわたって」 before the talks verb
        "【パリ=共同】山田一郎外相は2日、パリの外務省でフランスのルイ・マルタン外相と"
        "約3時間にわたって会談した。",
        "2030-04-03",
        {("山田一郎", "JP", "日仏外相会談"), ("ルイ・マルタン", "FR", "日仏外相会談")},
    ),
    (  # a long sentence the parser cuts into pieces: the final 「…した。」 gives the tense
        "朴大成(パク・デソン)国防部長官とジョン・スミス米国防長官は8日(現地時間)、ワシントンで"
        "第99回韓米安保協議会議(SCM)を開き、いかなる挑発も許されず、"
        "崔永哲(チェ・ヨンチョル)体制の崩壊を招くとの認識を共有した。",
        "2030-10-09",
        {("朴大成", "KR", "韓米安保協議会議"), ("ジョン・スミス", "US", "韓米安保協議会議")},
    ),
    (  # a relative with another post is another person: the talks stay a summit
        "山田一郎首相とフィリピンのサントス大統領は29日、マニラの大統領府で会談した。\n"
        "サントス氏の姉のマリア・サントス上院議員は、地元の集会で懸念を示した。",
        "2030-04-30",
        {("山田一郎", "JP", "日比首脳会談"), ("サントス", "PH", "日比首脳会談")},
    ),
    (  # 「初めてとなる首脳会談に臨んだ」: a first meeting someone attended was held
        "山田一郎首相はアメリカのジョン・スミス大統領、フィリピンのサントス大統領と、"
        "3カ国の枠組みでは初めてとなる首脳会談に臨んだ。",
        "2030-04-12",
        {("山田一郎", "JP", "日米比首脳会談"), ("ジョン・スミス", "US", "日米比首脳会談"),
         ("サントス", "PH", "日米比首脳会談")},
    ),
]


@pytest.mark.parametrize("text, published, expected", CHAIRS_AND_LISTS)
def test_extract_participants_named_around_the_meeting(facts_of, text, published, expected):
    assert triples(facts_of(text, published)) == expected


def test_extract_attendance_on_another_day_is_not_the_meeting(facts_of):
    """「29日には…式典に出席した」 after talks on the 30th: not a participant of the talks."""
    facts = facts_of(
        "山田一郎防衛相は30日、来日したジョン・スミス米国防長官と防衛省で会談した。\n"
        "スミス氏は29日には佐藤次郎首相とともに記念式典に出席した。",
        "2030-03-31",
    )
    assert triples(facts) == {("山田一郎", "JP", "日米国防相会談"), ("ジョン・スミス", "US", "日米国防相会談")}


def test_extract_absent_person_does_not_take_part(facts_of):
    """「A外相が…会議を欠席したため、B が代理で出席した」: A stayed away."""
    facts = facts_of(
        "山田一郎外相は13日、パリでフランスのルイ・マルタン外相と会談した。\n"
        "フランスのジャン・デュボワ国防相が体調不良を理由に一連の会議を欠席したため、マルタン氏が代理で出席した。",
        "2030-07-14",
    )
    people = {p.key: p.name for p in facts.people}
    assert "ジャン・デュボワ" not in {people[r.person] for r in facts.representations}


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
def test_extract_participants_of_a_hosted_or_listed_meeting(facts_of, text, published, expected):
    assert triples(facts_of(text, published)) == expected


def test_extract_repeated_paragraph_adds_nothing(facts_of):
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
def test_extract_participants_in_attendee_sentences(facts_of, text, published, expected):
    assert triples(facts_of(text, published)) == expected


def test_extract_side_phrase_of_another_clause_is_not_the_side(facts_of):
    # 「中国側が反発する中、」 closes its clause: the minister is not on the Chinese side
    facts = facts_of("中国側が反発する中、山田一郎外相は18日、ワシントンで開かれた日米外相会談に出席した。", "2024-06-20")
    assert triples(facts) == {("山田一郎", "JP", "日米外相会談")}
    assert facts.meetings[0].place == "ワシントン"


def test_extract_showing_up_at_a_reception_is_not_taking_part(facts_of):
    text = "山田一郎外相とスミス国務長官は10日、東京で日米外相会談を開いた。山田氏は夜、都内のホテルで開かれたレセプションに顔を見せた。"
    facts = facts_of(text, "2024-06-20")
    assert all(len(r.evidence) == 1 and "レセプション" not in r.evidence[0].sentence for r in facts.representations)


def test_extract_hosting_conference_gets_nobody(facts_of):
    # 「…会議が開かれていたジャカルタで…と会い、…協議した」: the talks, not the conference
    text = "韓国の金英洙外交部長官は先月28日、国際会議が開かれていたジャカルタで日本の山田一郎外相と会い、約40分間協議した。"
    assert triples(facts_of(text, "2024-08-02")) == {("金英洙", "KR", "韓日外相会談"), ("山田一郎", "JP", "韓日外相会談")}


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
def test_extract_people_before_a_bare_meeting_word(facts_of, text, expected):
    assert triples(facts_of(text, "2024-11-20")) == expected


def test_extract_collective_count_spans_earlier_meetings(facts_of):
    # 「3氏による…会談」 after two bilateral talks: all three people
    text = (
        "山田一郎防衛相は2日、シンガポールで韓国の朴大成国防相と日韓防衛相会談を行った。\n"
        "山田氏は同日、スミス米国防長官とも会談した。同日、3氏による日米韓防衛相会談も開かれた。"
    )
    reps = triples(facts_of(text, "2024-06-03"))
    assert {(n, s) for n, s, f in reps if f == "日米韓防衛相会談"} == {("山田一郎", "JP"), ("朴大成", "KR"), ("スミス", "US")}


def test_extract_stand_in_not_the_minister(facts_of):
    # 「A外相の代理で B副大臣が出席した」: B took part, A did not
    text = (
        "東南アジア諸国連合(ASEAN)地域フォーラムが27日、ジャカルタで開かれた。"
        "日本からは山田一郎外相の代理で佐藤次郎外務副大臣が出席した。"
    )
    assert triples(facts_of(text, "2024-07-28")) == {("佐藤次郎", "JP", "ASEAN地域フォーラム")}


def test_extract_list_does_not_carry_a_country_over_the_meeting(facts_of):
    # 「豪州のA外相、B外相」 in a four-country meeting: B is the party nobody else represents
    text = (
        "日米豪印外相会合が27日、東京で開かれた。"
        "会合には山田一郎外相、豪州のジョーンズ外相、シン外相、スミス国務長官が出席した。"
    )
    sides = {name: side for name, side, _ in triples(facts_of(text, "2024-07-28"))}
    assert sides == {"山田一郎": "JP", "ジョーンズ": "AU", "シン": "IN", "スミス": "US"}


def test_extract_courtesy_call_is_not_the_ministers_talks(facts_of):
    text = (
        "スミス米国防長官は4日、山田一郎防衛相と日米防衛相会談を行った。"
        "スミス氏は同日、首相官邸で佐藤次郎首相を表敬訪問し、会談した。"
    )
    reps = triples(facts_of(text, "2024-06-05"))
    assert ("佐藤次郎", "JP", "日米防衛相会談") not in reps
    assert {("スミス", "US", "日米防衛相会談"), ("山田一郎", "JP", "日米防衛相会談")} <= reps
