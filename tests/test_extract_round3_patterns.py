"""kg.extract / kg_domain: constructions found on unseen articles in round 3, written here
as made-up sentences (names, places and wording invented): co-chairs, a meeting as topic of
who took part, the article's own name for a meeting first called 会議, stranded topics,
「にわたって」, parser-cut sentences, family members, first meetings attended, 元 before a
post. Real GiNZA, real extractor."""
from __future__ import annotations

import pytest


def _reps(facts) -> set[tuple[str, str, str]]:
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations}


CASES = [
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


@pytest.mark.parametrize("text, published, expected", CASES)
def test_extract_round3_representations(facts_of, text, published, expected):
    assert _reps(facts_of(text, published)) == expected


def test_extract_round3_first_meeting_date_from_gathering_lead(facts_of):
    facts = facts_of(CASES[1][0], CASES[1][1])
    assert [m.date for m in facts.meetings if m.forum == "韓米日安保室長会議"] == ["2030-12-09"]


FORMER = [
    # 元 glued by the tokenizer to a given name before a post is "former"
    ("(東西大学院大の李成進元総長)との見方が出ている。", "李成進", True),
    ("(南北研究院の崔茂進元院長)と述べた。", "崔茂進", True),
    # a reading of the given name keeps 元 in the name
    ("山本元(げん)防衛相が出席した。", "山本元", False),
]


@pytest.mark.parametrize("text, name, former", FORMER)
def test_nlp_former_prefix_after_a_name(nlp, text, name, former):
    people = [m for m in nlp(text)._.kg_mentions if m.label == "PERSON"]
    assert [m.name for m in people] == [name]
    assert people[0].former is former


def test_extract_round3_years_later_meeting_held_on_publication_day(facts_of):
    """「N年ぶりに…で開かれ」 is held now; no day written in the lead → the day of publication;
    「3か国の首脳会議は今回で12回目」 gives the ordinal."""
    facts = facts_of(
        "日本と中国、韓国の3か国による首脳会議が、およそ3年ぶりに東京で開かれ、山田一郎総理大臣と"
        "中国の陳明首相、韓国の朴大成大統領が出席しました。3か国の首脳会議は今回で12回目です。",
        "2030-05-27",
    )
    summit = [m for m in facts.meetings if m.forum == "日中韓首脳会議"]
    assert [(m.status, m.date, m.ordinal) for m in summit] == [("held", "2030-05-27", 12)]
    assert {r.side for r in facts.representations} == {"JP", "CN", "KR"}


def test_extract_round3_attendance_on_another_day_is_not_the_meeting(facts_of):
    """「29日には…式典に出席した」 after talks on the 30th: not a participant of the talks."""
    facts = facts_of(
        "山田一郎防衛相は30日、来日したジョン・スミス米国防長官と防衛省で会談した。\n"
        "スミス氏は29日には佐藤次郎首相とともに記念式典に出席した。",
        "2030-03-31",
    )
    assert _reps(facts) == {("山田一郎", "JP", "日米国防相会談"), ("ジョン・スミス", "US", "日米国防相会談")}


def test_extract_round3_absent_person_does_not_take_part(facts_of):
    """「A外相が…会議を欠席したため、B が代理で出席した」: A stayed away."""
    facts = facts_of(
        "山田一郎外相は13日、パリでフランスのルイ・マルタン外相と会談した。\n"
        "フランスのジャン・デュボワ国防相が体調不良を理由に一連の会議を欠席したため、マルタン氏が代理で出席した。",
        "2030-07-14",
    )
    people = {p.key: p.name for p in facts.people}
    assert "ジャン・デュボワ" not in {people[r.person] for r in facts.representations}


def test_extract_round3_described_role_names_the_talks(facts_of):
    """「中国外交トップのX政治局員と会談した」: the foreign-policy chief's talks with a 外相 are
    foreign ministers' talks."""
    facts = facts_of(
        "山田一郎外相は13日、訪問先のパリで、中国外交トップの陳偉共産党政治局員と会談した。",
        "2030-07-14",
    )
    assert {m.forum for m in facts.meetings} == {"日中外相会談"}


@pytest.mark.parametrize("text, name, title", [
    ("北朝鮮の崔英姫朝鮮労働党副部長が談話を発表した。", "崔英姫", "朝鮮労働党副部長"),
    ("外務省の山田一郎アジア大洋州局副局長が出席した。", "山田一郎", "アジア大洋州局副局長"),
])
def test_nlp_deputy_heads_are_posts(nlp, text, name, title):
    people = [m for m in nlp(text)._.kg_mentions if m.label == "PERSON"]
    assert [(m.name, m.title) for m in people] == [(name, title)]


def test_extract_round3_conference_under_way_at_the_venue_was_held(facts_of):
    """「…外相会議が開かれているドイツの首都ベルリンで、A は B と会談した」: the conference was under
    way (held), though the people's talks are not part of it."""
    facts = facts_of(
        "山田一郎外相は13日、欧州連合(EU)関連外相会議が開かれているドイツの首都ベルリンで、"
        "フランスのルイ・マルタン外相と会談した。",
        "2030-07-14",
    )
    status = {m.forum: m.status for m in facts.meetings}
    assert status.get("EU関連外相会議") == "held" and status.get("日仏外相会談") == "held"
    assert {forum for _, _, forum in _reps(facts)} == {"日仏外相会談"}
