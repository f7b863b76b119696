"""A meal with its own heading (kg.extract.sections): its host (「X総理夫妻主催の夕食会」,
``meal_host`` in constructions.tsv) sat at it, and the attendee list under the heading is the
meal's even when the section before ended on another meeting (made-up pages, real GiNZA)."""
from __future__ import annotations

import pytest

PAGES = [
    (
        """日・チリ首脳会談及び夕食会
1 首脳会談
 6月4日、山口花子内閣総理大臣は、来日中のチリのホセ・ロハス大統領と首脳会談を行いました。
2 夕食会
 会談後、ロハス大統領を迎えて山口総理夫妻主催の夕食会が開催されました。夕食会には、日本側から森川健内閣官房副長官が、チリ側からアナ・ソト外務大臣が同席しました。
""",
        "夕食会",
        {("山口花子", "JP"), ("ホセ・ロハス", "CL"), ("森川健", "JP"), ("アナ・ソト", "CL")},
    ),
    (
        """日・ケニア外相会談及びワーキング・ランチ
1 会談
 7月2日、ナイロビを訪問中の川村二郎外務大臣は、ケニアのピーター・オティエノ外務大臣と外相会談を行いました。両大臣は、同日午前に開催された第2回日ケニア経済対話の成果を歓迎しました。
2 ワーキング・ランチ
 会談に続き、オティエノ大臣主催のワーキング・ランチが行われました。ケニア側からはメアリー・ワンジル外務省アジア局長、日本側からは藤田三郎駐ケニア大使が同席しました。
""",
        "ワーキング・ランチ",
        {("ピーター・オティエノ", "KE"), ("メアリー・ワンジル", "KE"), ("藤田三郎", "JP")},
    ),
    (
        """日・ポーランド防衛相会談及び昼食会
1 防衛相会談
 9月8日、ワルシャワを訪問中の石田四郎防衛大臣は、ポーランドのヤン・ノヴァク国防大臣と防衛相会談を行いました。
2 昼食会
 会談の後、ノヴァク大臣主催による昼食会が開かれました。昼食会には、ポーランド側からアダム・コヴァルスキ国防次官が同席しました。
""",
        "昼食会",
        {("ヤン・ノヴァク", "PL"), ("アダム・コヴァルスキ", "PL")},
    ),
]


@pytest.mark.parametrize("page, meal, expected", PAGES)
def test_extract_meal_host_and_list_under_its_heading(facts_of_page, page, meal, expected):
    facts = facts_of_page(page, published="2024-10-01")
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    at_meal = {(people[r.person], r.side) for r in facts.representations if meal in meetings[r.meeting]}
    assert expected <= at_meal
    # who is listed only under the meal's heading sat at nothing else
    elsewhere = {people[r.person] for r in facts.representations if meal not in meetings[r.meeting]}
    listed = {n for n, _ in expected} - {people[r.person] for r in facts.representations if r.rule != "side_phrase"}
    assert not listed & elsewhere
