"""Activity lists of a defence page (made-up pages, real GiNZA): an item opened by a date and its
weekday (「○4月8日(火)陸幕長のタイ訪問」, ``dated_item_head``) is text, dates the talks reported under
it and starts another event (the focus does not carry into the next item); a post with the rank
and name of its holder in brackets (「陸上幕僚長(陸将 A)」) names the holder."""
from __future__ import annotations

import pytest

PAGES = [
    (
        """防衛交流の主な実績(令和12年4月)
○4月8日(火)陸幕長のタイ訪問
 陸上幕僚長(陸将 森川一郎)は、タイを公式訪問し、バンコクでソムチャイ・ウォン タイ陸軍司令官と会談しました。
 翌9日には、森川陸幕長はタイ国防次官を表敬しました。
○4月17日(木)海幕長の来客対応
 海上幕僚長(海将 大石健)は、防衛省において、来日中の英国海軍参謀長と会談しました。
""",
        "2030-05-01", {("森川一郎", "JP", "2030-04-08"), ("ソムチャイ・ウォン", "TH", "2030-04-08")},
    ),
    (
        """主な防衛交流(令和12年6月)
◆6月3日(月)空幕長と豪空軍本部長との会談
 航空幕僚長(空将 石田三郎)は、防衛省において、来日中のオーストラリア空軍本部長ジョン・ミラー空軍中将と会談しました。
◆6月10日(月)空幕長の米国出張
 石田空幕長は、ワシントンで米空軍参謀総長と会談しました。
""",
        "2030-07-01", {("石田三郎", "JP", "2030-06-03"), ("ジョン・ミラー", "AU", "2030-06-03")},
    ),
    (
        """統合幕僚長の動静(令和12年9月)
○9月2日(火)統幕長とフィリピン軍参謀総長との会談
 統合幕僚長(陸将 川田四郎)は、防衛省を訪れたフィリピン軍参謀総長ロメオ・サントス空軍大将と会談しました。
○9月12日(金)統幕長のインド訪問
 川田統幕長は、ニューデリーでインド国防次官と会談しました。
""",
        "2030-10-01", {("川田四郎", "JP", "2030-09-02"), ("ロメオ・サントス", "PH", "2030-09-02")},
    ),
]


@pytest.mark.parametrize("page, published, expected", PAGES)
def test_extract_dated_activity_item_dates_and_bounds_its_report(facts_of_page, page, published, expected):
    facts = facts_of_page(page, published=published)
    people = {p.key: p.name for p in facts.people}
    dates = {m.key: m.date for m in facts.meetings}
    assert {(people[r.person], r.side, dates[r.meeting]) for r in facts.representations} == expected


# a post written straight before a name and its rank (「…国軍司令官A・B陸軍大将」): the post is the
# person's (国軍, like 陸軍, is a word of the post, never a name)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("川田統合幕僚長は、市ヶ谷を訪問したマレーシア国軍司令官アフマド・ラザク陸軍大将と会談した。", {("川田", "JP"), ("アフマド・ラザク", "MY")}),
        ("石田三郎航空幕僚長は、来日中のオーストラリア空軍本部長ジョン・ミラー空軍中将と会談しました。", {("石田三郎", "JP"), ("ジョン・ミラー", "AU")}),
        ("森一郎陸上幕僚長は、市ヶ谷でタイ国軍副司令官ソムサク・チャイ陸軍大将と会談した。", {("森一郎", "JP"), ("ソムサク・チャイ", "TH")}),
    ],
)
def test_extract_post_before_name_and_rank(facts_of, text, expected):
    facts = facts_of(text, "2030-05-02")
    people = {p.key: p.name for p in facts.people}
    assert {(people[r.person], r.side) for r in facts.representations} == expected
