"""kg.extract: who represented which side, from the constructions news uses — and what is not
a representation (briefings, quotes, planned meetings). Real GiNZA, made-up sentences."""
from __future__ import annotations

import pytest


def _reps(facts):
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations}


POSITIVE = [
    (  # side phrases after the sentence that reports the meeting
        "韓米の当局は4日、ワシントンで第5回拡大抑止戦略協議体(EDSCG)会議を開いた。"
        "韓国側からは外交部の李在雄第1次官が、米国側からはスミス国務次官が参加した。",
        {("李在雄", "KR", "拡大抑止戦略協議体"), ("スミス", "US", "拡大抑止戦略協議体")},
    ),
    (  # leaders as the subject of 「…首脳会談を開き」
        "朴大成韓国大統領とジョン・ドウ米大統領は11日、ソウルで韓米首脳会談を開き、共同声明を発表した。",
        {("朴大成", "KR", "韓米首脳会談"), ("ジョン・ドウ", "US", "韓米首脳会談")},
    ),
    (  # 「AはBと会談した」: one-off talks named after the countries and the titles
        "山田一郎外相は10日、東京で中国の陳明外相と会談した。",
        {("山田一郎", "JP", "日中外相会談"), ("陳明", "CN", "日中外相会談")},
    ),
    (  # a relative clause: 「…会議に参加したA」
        "日米豪印戦略対話(QUAD)に参加したマイケル・グリーン米国務次官補が記者団に語った。",
        {("マイケル・グリーン", "US", "日米豪印戦略対話")},
    ),
    (  # 「それぞれ首席代表として出席」 with a generic back-reference 「会議には」
        "韓米両国は10日、ソウルで核協議グループ(NCG)第4回会議を開いた。"
        "会議には韓国側から国防部の崔英植次官、米国側からジェーン・ロウ国防次官補がそれぞれ首席代表として出席した。",
        {("崔英植", "KR", "核協議グループ"), ("ジェーン・ロウ", "US", "核協議グループ")},
    ),
]


@pytest.mark.parametrize("text, expected", POSITIVE)
def test_extract_representations_constructions(facts_of, text, expected):
    facts = facts_of(text, "2024-06-12")
    assert _reps(facts) == expected


def test_extract_representations_head_of_delegation_and_ordinal(facts_of):
    facts = facts_of(POSITIVE[4][0], "2024-06-12")
    assert {r.head_of_delegation for r in facts.representations} == {True}
    meeting = facts.meetings[0]
    assert (meeting.ordinal, meeting.date, meeting.status, meeting.acronym) == (4, "2024-06-10", "held", "NCG")


NEGATIVE = [
    # a spokesperson at a press briefing
    "米国務省のマーク・ブラウン報道官は12日の定例ブリーフィングで、会談を歓迎すると述べた。",
    # a quoted statement about a meeting
    "金次郎外相は「来月の日韓外相会談に出席した」と語ったと報じられた。",
    # a planned meeting
    "山田一郎外相は来月、ワシントンで開かれる日米外相会談に出席する予定だ。",
    # a meeting that did not take place
    "山田一郎外相は中国の陳明外相との会談を打診したが、実現しなかった。",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_extract_representations_not_from_briefings_quotes_or_plans(facts_of, text):
    facts = facts_of(text, "2024-06-12")
    assert facts.representations == ()
    assert all(m.status != "held" or not any(r.meeting == m.key for r in facts.representations) for m in facts.meetings)


def test_extract_representations_planned_meeting_is_kept_as_planned(facts_of):
    facts = facts_of(NEGATIVE[2], "2024-06-12")
    assert [(m.forum, m.status) for m in facts.meetings] == [("日米外相会談", "planned")]


def test_extract_representations_evidence_points_into_the_article(facts_of):
    text = "見出し\n\n" + POSITIVE[0][0].replace("。韓国側", "。\n韓国側") + "\nこの記事を読んで…"
    facts = facts_of(text, "2024-10-05")
    records = [*facts.people, *facts.meetings, *facts.representations, *facts.institutions]
    assert facts.representations
    for record in records:
        assert record.evidence
        for ev in record.evidence:
            assert facts.article.text[ev.start : ev.end] == ev.sentence
            assert ev.doc_id == facts.article.doc_id


MORE_POSITIVE = [
    (  # NHK style: a bare 会談 named by 「日米韓の…防衛相による」, people marked by 「Xの」
        "日米韓の3か国の防衛相による会談が2日、シンガポールで開かれ、佐藤防衛大臣、"
        "アメリカのジョンソン国防長官、韓国のチェ・ヨンホ国防相が出席しました。",
        "2024-06-02",
        {("佐藤", "JP", "日米韓防衛相会談"), ("ジョンソン", "US", "日米韓防衛相会談"), ("チェ・ヨンホ", "KR", "日米韓防衛相会談")},
    ),
    (  # the host of talks is the country of the venue (ホワイトハウスで … 大統領と)
        "山田一郎首相は10日、ホワイトハウスでジョンソン大統領と会談した。",
        "2024-04-11",
        {("山田一郎", "JP", "日米首脳会談"), ("ジョンソン", "US", "日米首脳会談")},
    ),
    (  # 「AとBは…会見した」 with leaders is talks; 記者会見 would not be
        "北朝鮮の朴成哲総書記は13日、平壌を訪れたロシアのイワノフ安全保障会議書記と会見した。",
        "2024-09-14",
        {("朴成哲", "KP", "朝露会談"), ("イワノフ", "RU", "朝露会談")},
    ),
    (  # 「…会談を行ったAとB」: people listed with a relative-clause participant
        "米韓外相会談を行ったスミス米国務長官と崔英植外交部長官は、共同記者会見に臨んだ。",
        "2024-02-23",
        {("スミス", "US", "米韓外相会談"), ("崔英植", "KR", "米韓外相会談")},
    ),
]


@pytest.mark.parametrize("text, published, expected", MORE_POSITIVE)
def test_extract_representations_more_constructions(facts_of, text, published, expected):
    assert _reps(facts_of(text, published)) == expected


def test_extract_representations_spokesperson_reporting_a_minister(facts_of):
    text = "外交部の金民秀報道官は定例会見で、趙英哲外交部長官が前日、ブリュッセルで開かれた北大西洋条約機構(NATO)外相会合に出席したと明らかにした。"
    assert _reps(facts_of(text, "2025-04-05")) == {("趙英哲", "KR", "北大西洋条約機構外相会合")}


def test_extract_representations_serving_as_co_chairs(facts_of):
    text = (
        "韓国と米国は3日、ワシントンで核協議グループ(NCG)の第4回会議を開いた。"
        "韓国の趙成浩国防部次官と米国のエミリー・ブラック国防次官補代行が共同議長を務めた。"
    )
    facts = facts_of(text, "2025-01-04")
    assert _reps(facts) == {("趙成浩", "KR", "核協議グループ"), ("エミリー・ブラック", "US", "核協議グループ")}
    assert {r.head_of_delegation for r in facts.representations} == {True}


def test_extract_representations_press_conference_is_not_talks(facts_of):
    facts = facts_of("山田一郎外相は13日、スミス米国務長官と共同記者会見した。", "2024-09-14")
    assert facts.representations == ()


@pytest.mark.parametrize(
    "after, expected",
    [
        ("崔在勲次官は協議後の記者会見で「成果があった」と述べた。", {("崔在勲", "KR", "核協議グループ")}),
        ("国防部の金民秀報道官は協議後の記者会見で「成果があった」と述べた。", set()),  # a spokesperson
    ],
)
def test_extract_representations_remarks_after_the_meeting(facts_of, after, expected):
    text = "韓米両国は10日、ソウルで核協議グループ(NCG)第4回会議を開いた。" + after
    facts = facts_of(text, "2024-06-11")
    assert _reps(facts) == expected


def test_extract_representations_summit_named_later_and_side_by_elimination(facts_of):
    text = (
        "李東根大統領は14日(現地時間)、ワシントンのホワイトハウスでジョン・ハート米大統領と首脳会談を行った。"
        "就任後初の対面での米韓首脳会談となった。\n"
        "一方、李大統領は15日にニューヨークで国連総会に出席する予定だ。"
    )
    facts = facts_of(text, "2025-08-15")
    assert _reps(facts) == {("李東根", "KR", "米韓首脳会談"), ("ジョン・ハート", "US", "米韓首脳会談")}
    held = [m for m in facts.meetings if m.status == "held"]
    assert [(m.forum, m.date) for m in held] == [("米韓首脳会談", "2025-08-14")]
