"""kg.extract: meetings — forum, ordinal, date against the publication date, status."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, published, expected",
    [
        (  # 「この日」 refers back to the day named in the lead
            "韓米両国は7日、対応を話し合った。\n両国の当局はこの日、ソウルで第6回拡大抑止戦略協議体(EDSCG)会議を開いた。",
            "2025-09-08",
            [("拡大抑止戦略協議体", "EDSCG", 6, "2025-09-07", "held")],
        ),
        (  # 「15日(現地時間)」 and a forum with its ordinal written after the name
            "韓米は15日(現地時間)、核協議グループ(NCG)第2回会議を開いた。",
            "2023-12-16",
            [("核協議グループ", "NCG", 2, "2023-12-15", "held")],
        ),
        (  # the local date wins over the date in Japan written in parentheses
            "3首脳は18日午前(日本時間19日未明)、日米韓首脳会議を開いた。",
            "2023-08-19",
            [("日米韓首脳会議", None, None, "2023-08-18", "held")],
        ),
        (  # a forum in no lexicon, discovered from its acronym, then named by the acronym alone
            "日韓両政府は5日、東京で日韓海洋安全保障対話(MSD)を実施した。\nMSDは2019年に発足した。",
            "2024-03-06",
            [("日韓海洋安全保障対話", "MSD", None, "2024-03-05", "held")],
        ),
        (  # planned: 予定, a month only aimed at (「ごろ」) is no date
            "両国は来年6月ごろ、ソウルで第3回核協議グループ(NCG)会議を開く予定だ。",
            "2023-12-16",
            [("核協議グループ", "NCG", 3, None, "planned")],
        ),
        (  # history: 初めて開かれ
            "拡大抑止戦略協議体(EDSCG)は2018年に初めて開かれた。",
            "2024-10-05",
            [("拡大抑止戦略協議体", "EDSCG", None, None, "mentioned")],
        ),
        (  # news style ending on a verbal noun: held; 「開催予定。」: planned
            "日米両政府は28日、東京で日米拡大抑止協議(EDD)を開催。\n両国は来月、ワシントンで第4回核協議グループ(NCG)会議を開催予定。",
            "2024-06-29",
            # (the planned session takes the month its clause gives: 来月 → July)
            [("日米拡大抑止協議", "EDD", None, "2024-06-28", "held"), ("核協議グループ", "NCG", 4, "2024-07", "planned")],
        ),
        (  # called off
            "同日夕に予定していた日米豪防衛相会談は見送られた。",
            "2024-09-06",
            [("日米豪防衛相会談", None, None, None, "planned")],
        ),
    ],
)
def test_extract_meetings_forum_ordinal_date_status(facts_of, text, published, expected):
    facts = facts_of(text, published)
    got = [(m.forum, m.acronym, m.ordinal, m.date, m.status) for m in facts.meetings]
    assert got == expected


def test_extract_meetings_same_meeting_in_two_sentences_is_one(facts_of):
    text = (
        "韓米は4日、第5回拡大抑止戦略協議体(EDSCG)会議を開いた。\n"
        "今回のEDSCG会議では初めてシナリオ討議を行った。\n"
        "韓米は4日、第5回拡大抑止戦略協議体(EDSCG)会議を開いた。"  # a scraped duplicate
    )
    facts = facts_of(text, "2024-10-05")
    held = [m for m in facts.meetings if m.status == "held"]
    assert len(held) == 1
    assert len(held[0].evidence) == 3
    assert held[0].countries == ("KR", "US")


def test_extract_meetings_a_meeting_without_named_participants(facts_of):
    facts = facts_of("日米両政府は12~13日、ハワイの海軍基地で日米拡大抑止協議(EDD)を実施した。", "2025-06-20")
    assert [(m.forum, m.date, m.status, m.countries) for m in facts.meetings] == [
        ("日米拡大抑止協議", "2025-06-12", "held", ("JP", "US"))
    ]
    assert facts.representations == ()


def test_extract_meetings_other_name_in_parentheses_merges_mentions(facts_of):
    text = (
        "日米両政府は11日、日米の外務・防衛担当閣僚協議(2プラス2)をワシントンで開いた。\n"
        "日米安保協議委員会(2プラス2)は昨年1月以来となる。"
    )
    facts = facts_of(text, "2024-06-13")
    held = [m for m in facts.meetings if m.status == "held"]
    assert len(held) == 1
    assert "日米2プラス2" in held[0].forum_aliases  # a bare 「2プラス2」 would match every 2+2
    assert held[0].date == "2024-06-11"


def test_extract_meetings_ordinal_from_a_count_of_sessions(facts_of):
    text = (
        "日米韓3カ国の防衛当局は28日、東京で日米韓防衛実務者協議(DTT)を開いた。\n"
        "DTTは2008年に発足した協議体で、今回で15回目。"
    )
    facts = facts_of(text, "2023-11-29")
    held = [m for m in facts.meetings if m.status == "held"]
    assert [(m.acronym, m.ordinal, m.date) for m in held] == [("DTT", 15, "2023-11-28")]


def test_extract_meetings_nhk_style_relative_day_and_listed_countries(facts_of):
    text = (
        "日本とアメリカ、韓国の外務次官による協議がきのう、東京で開かれました。"
        "協議には日本側から森田浩介外務事務次官、アメリカ側からスミス国務副長官、韓国側から朴明洙第1外務次官が出席しました。"
    )
    facts = facts_of(text, "2025-03-01")
    assert [(m.forum, m.date, m.status) for m in facts.meetings] == [("日米韓外務次官協議", "2025-02-28", "held")]
    assert sorted(r.side for r in facts.representations) == ["JP", "KR", "US"]


def test_extract_meetings_other_name_inside_a_bare_phrase(facts_of):
    text = (
        "韓米両国は29日(現地時間)、ワシントンの国務省で外交・国防(2+2)長官会議を開いた。"
        "韓国からは趙英哲外交部長官が、米国からはロバート・ケイン国務長官が出席した。"
    )
    facts = facts_of(text, "2025-07-31")
    held = [m for m in facts.meetings if m.status == "held"]
    assert [(m.forum, m.date) for m in held] == [("韓米外交・国防長官会議", "2025-07-29")]
    assert "韓米2+2" in held[0].forum_aliases
    assert sorted(r.side for r in facts.representations) == ["KR", "US"]
