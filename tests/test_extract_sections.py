"""Document structure in extraction (kg.extract.sections): rosters without a verb belong to
the meeting of their section, a meal with its own heading and attendee list is a meeting of
its own (a meal only mentioned is not), and headings/headline are other names of the
meeting they name. Made-up pages read through kg.ingest.load_article."""
from __future__ import annotations

import pytest

MEAL = """日豪防衛相会談及び夕食会の開催について
1 防衛相会談
 5月2日、山田太郎防衛大臣は、オーストラリアのジョン・スミス国防大臣と会談を行いました。会談には、日本側から田中次郎防衛審議官ら、先方からピーター・ブラウン国防次官らが同席しました。
2 夕食会
 会談に続き、山田大臣はスミス大臣との夕食会を行いました。日本側から佐藤三郎防衛副大臣、先方からアン・グリーン駐日大使が同席しました。
"""

MEAL_MENTIONED = """日豪防衛相会談の開催について
 5月2日、山田太郎防衛大臣は、オーストラリアのジョン・スミス国防大臣と会談を行いました。会談には、日本側から田中次郎防衛審議官ら、先方からピーター・ブラウン国防次官らが同席しました。会談の後、両大臣は夕食会も行いました。
"""

ROSTER = """日・カナダ外相会談の開催について
 5月2日、日加外相会談が東京で行われ、両国の外務大臣が二国間関係について意見を交わしました。
(参考)出席者
日本:山川一郎外務大臣 カナダ:アン・ミラー外務大臣
"""

ROSTER_LINES = """日独次官協議の開催について
 5月4日、日独次官協議が東京で行われ、両国の次官が安全保障について議論しました。
(参考)出席者
ドイツ側:ハンス・ミュラー外務次官
日本側:森本一郎外務審議官
"""


def _facts(facts):
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting].forum) for r in facts.representations}, meetings


def test_extract_sections_meal_with_heading_and_list_is_its_own_meeting(facts_of_page):
    got, _ = _facts(facts_of_page(MEAL, published="2024-06-01"))
    dinner = {(n, s) for n, s, f in got if f == "夕食会"}
    talks = {(n, s) for n, s, f in got if f != "夕食会"}
    assert dinner == {("山田太郎", "JP"), ("ジョン・スミス", "AU"), ("佐藤三郎", "JP"), ("アン・グリーン", "AU")}
    assert talks == {("山田太郎", "JP"), ("ジョン・スミス", "AU"), ("田中次郎", "JP"), ("ピーター・ブラウン", "AU")}


def test_extract_sections_meal_only_mentioned_is_no_meeting(facts_of_page):
    got, meetings = _facts(facts_of_page(MEAL_MENTIONED, published="2024-06-01"))
    assert not any("夕食会" in m.forum for m in meetings.values())
    assert {(n, s) for n, s, _ in got} == {("山田太郎", "JP"), ("ジョン・スミス", "AU"), ("田中次郎", "JP"), ("ピーター・ブラウン", "AU")}


def test_extract_sections_roster_labelled_by_country(facts_of_page):
    got, _ = _facts(facts_of_page(ROSTER, published="2024-06-01"))
    assert {(n, s) for n, s, f in got if "日加外相会談" in f} == {("山川一郎", "JP"), ("アン・ミラー", "CA")}


def test_extract_sections_roster_one_line_each(facts_of_page):
    got, _ = _facts(facts_of_page(ROSTER_LINES, published="2024-06-01"))
    assert {(n, s) for n, s, _ in got} == {("ハンス・ミュラー", "DE"), ("森本一郎", "JP")}


def test_extract_sections_headline_names_the_meeting(facts_of_page):
    _, meetings = _facts(facts_of_page(MEAL, published="2024-06-01"))
    talks = next(m for m in meetings.values() if m.forum != "夕食会")
    assert "防衛相会談" in (talks.forum, *talks.forum_aliases)


# the lead says 「標記会合」 (the meeting of the title); rosters with a list word after the side
TITLED = """トップ 外交政策 欧州
日英外務・防衛閣僚会合(「2+2」)の開催について
令和5年3月2日
 1日、ロンドンにおいて標記会合が開催されたところ、概要以下のとおり。
 英側出席者:ジョン・ブラウン外務大臣、ピーター・グリーン国防大臣他
 日本側出席者:山川一郎外務大臣、森二郎防衛大臣他
 会合後、共同声明が発出された。
1. 安全保障協力
 両国の防衛協力を一層進めることで一致した。
"""


def test_extract_sections_title_reference_and_rosters_with_list_word(facts_of_page):
    got, meetings = _facts(facts_of_page(TITLED, published="2023-03-02"))
    assert {(n, s) for n, s, _ in got} == {
        ("ジョン・ブラウン", "GB"), ("ピーター・グリーン", "GB"), ("山川一郎", "JP"), ("森二郎", "JP"),
    }
    assert {f for _, _, f in got} == {"日英外務・防衛閣僚会合"}
    meeting = next(m for m in meetings.values() if m.forum == "日英外務・防衛閣僚会合")
    assert "2+2" in meeting.forum_aliases


MEAL_LEVEL_2 = """日ペルー首脳会談
1 会談の概要
(1) 首脳会談
 5月3日、山口花子内閣総理大臣は、ペルーのホセ・ルナ大統領と首脳会談を行いました。
(2) ワーキング・ディナー
 会談後、山口総理はルナ大統領とワーキング・ディナーを行いました。日本側から森川健内閣官房副長官、ペルー側からアナ・ディアス外務大臣が同席しました。
"""


def test_extract_sections_meal_under_a_level_2_heading_is_its_own_meeting(facts_of_page):
    # 「(2) ワーキング・ディナー」 under a numbered section scopes its paragraph like 「2 夕食会」
    got, _ = _facts(facts_of_page(MEAL_LEVEL_2, published="2024-06-01"))
    meal = {(n, s) for n, s, f in got if "ディナー" in f}
    assert {("森川健", "JP"), ("アナ・ディアス", "PE")} <= meal
    assert not {(n, s) for n, s, f in got if "ディナー" not in f} & {("森川健", "JP"), ("アナ・ディアス", "PE")}


# A meal or session whose own heading's words are written in its section's sentence of who
# attended (no 側から list): its people sat at it, not at the session the section before
# reported (the meal word itself is read as no meeting of its own).
MEAL_NAMED_IN_SECTION = [
    (
        """山川政務官の北海安全保障フォーラム出席
1 山川一郎外務大臣政務官は、3月3日及び4日、ノルウェーのオスロで開催された北海安全保障フォーラムに出席しました。
2 全体会合
 3日午前の全体会合は、エリック・ハンセン・ノルウェー外務大臣が議長を務めました。
3 閣僚級夕食会
 同日の閣僚級夕食会には、山川政務官のほか、デンマークのラース・ニールセン国防大臣、オランダのピーテル・デフリース外務次官が出席し、海洋監視について意見を交わしました。
""",
        "閣僚級夕食会",
        {("ラース・ニールセン", "DK"), ("ピーテル・デフリース", "NL")},
        True,
    ),
    (
        """森本副大臣のバルト海対話出席
1 森本健二外務副大臣は、9月10日、ラトビアのリガで開かれたバルト海対話に出席しました。
2 分科会
 同日午後の分科会には、リトアニアのヨナス・カズラウスカス外務次官、エストニアのカトリン・タム国防次官が参加し、サイバー防衛について議論しました。
""",
        "分科会",
        {("ヨナス・カズラウスカス", "LT"), ("カトリン・タム", "EE")},
        False,  # (a session's people also took part in the meeting it is part of)
    ),
]


@pytest.mark.parametrize("page,meal,expected,meal_only", MEAL_NAMED_IN_SECTION)
def test_extract_sections_meal_named_in_its_section_is_its_own_meeting(facts_of_page, page, meal, expected, meal_only):
    got, _ = _facts(facts_of_page(page, published="2024-12-01"))
    assert expected <= {(n, s) for n, s, f in got if f == meal}
    others = {f for n, s, f in got if (n, s) in expected and f != meal}
    assert not others if meal_only else others <= {"バルト海対話"}



NUMBERED_MEAL_PAGE = (
    "ペルー\n日・ペルー首脳会談\n令和9年4月2日\n\n"
    "1 4月2日、山田一郎内閣総理大臣は、来日中のカルロス・ルイス・ペルー大統領と首脳会談を行いました。概要は以下のとおりです。\n"
    "2 両首脳は、海洋安全保障での協力を深めることで一致しました。\n"
)


def _pairs(facts) -> set[tuple[str, str]]:
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], meetings[r.meeting]) for r in facts.representations}


def test_extract_numbered_paragraph_meal_with_attendees_is_its_own_meeting(facts_of_page):
    """「3 夕刻には、…主催のワーキング・ディナーが開かれ、A、Bも出席しました。」: a numbered
    paragraph whose meal is held and writes its own attendees is a meeting of its own."""
    page = NUMBERED_MEAL_PAGE + (
        "3 夕刻には、山田総理主催のワーキング・ディナーが開かれ、川村二郎外務大臣、ペドロ・ソト・ペルー外務大臣も出席しました。\n")
    at = _pairs(facts_of_page(page, published="2027-04-02"))
    assert {("川村二郎", "ワーキングディナー"), ("ペドロ・ソト", "ワーキングディナー")} <= at
    assert ("川村二郎", "日本・ペルー首脳会談") not in at  # the meal's guests are not the talks' participants
    assert ("カルロス・ルイス", "日本・ペルー首脳会談") in at


def test_extract_numbered_paragraph_meal_without_attendees_stays_the_meetings(facts_of_page):
    page = NUMBERED_MEAL_PAGE + "3 会談後、ワーキング・ディナーが開かれ、地域情勢についても意見を交わしました。\n"
    facts = facts_of_page(page, published="2027-04-02")
    assert not [m for m in facts.meetings if "ディナー" in m.forum]
