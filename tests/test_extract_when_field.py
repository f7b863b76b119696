"""A page's when-field (kg.extract.meetings.date_from_field): a heading 「2 日時」 over the line
that dates the event dates a held meeting its sentences leave undated
(not the page's own day); a field after the page's day dates nothing. Made-up pages read
through kg.ingest.load_article, real GiNZA."""
from __future__ import annotations

import pytest

WHEN_FIELD_PAGES = [
    (
        "統合幕僚監部\n報道発表資料\n令和6年3月8日\n\n日豪参謀総長等テレビ会談の実施について\n\n"
        "1　概要\n　統合幕僚長は、豪国防軍司令官とテレビ会談を実施した。\n"
        "2　日時\n　令和6年3月7日（木）1500～1540\n"
        "3　参加者\n　統合幕僚長　陸将　森下健一\n　豪国防軍司令官　陸軍大将　ジョン・マーシャル\n",
        "2024-03-08",
        "2024-03-07",
    ),
    (
        "日加防衛当局間協議の開催について\n\n（1）概要\n防衛省は、カナダ国防省との間で防衛当局間協議を開催しました。\n"
        "（2）日程\n2030年4月2日（火）10時～12時\n（3）成果\n双方は、北太平洋の情勢について意見を交換しました。\n",
        "2030-04-04",
        "2030-04-02",
    ),
]


@pytest.mark.parametrize("page,published,day", WHEN_FIELD_PAGES)
def test_extract_when_field_dates_the_held_meeting(facts_of_page, page, published, day):
    facts = facts_of_page(page, published=published)
    held = [m for m in facts.meetings if m.status == "held"]
    assert held and {m.date for m in held} == {day}


def test_extract_when_field_after_the_page_dates_nothing(facts_of_page):
    page = (
        "日加防衛当局間協議の開催について\n\n（1）概要\n防衛省は、カナダ国防省との間で防衛当局間協議を開催しました。\n"
        "（2）日程\n2030年4月12日（金）10時～12時\n（3）成果\n双方は、北太平洋の情勢について意見を交換しました。\n"
    )
    facts = facts_of_page(page, published="2030-04-04")
    assert "2030-04-12" not in {m.date for m in facts.meetings if m.status == "held"}
