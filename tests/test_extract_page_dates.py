"""What dates a held meeting on a page besides its own sentence (kg.extract): a when-field
(meetings.date_from_field: a heading 「2 日時」 over the line that dates the event) rather than
the page's own day, a field after the page's day dating nothing; and a release reproduced under
its own date line on a page of a later day counts 本日 from that line (Extraction.published_at).
Made-up pages read through kg.ingest.load_article, real GiNZA."""
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
    # the field's label and its day on one line, the label spaced out (「1　日　時　…」)
    (
        "統合幕僚監部\n\n日米豪参謀総長等会議への参加について\n\n令和8年6月20日\n\n"
        "　統合幕僚長は、下記のとおり日米豪参謀総長等会議に参加しましたので、お知らせします。\n\n記\n\n"
        "1　日　時　令和8年6月18日（木）\n2　場　所　キャンベラ\n3　参加者\n"
        "　日本　統合幕僚長　陸将　森下　健一\n　米国　統合参謀本部議長　空軍大将　ジョン・マーシャル\n",
        "2026-06-20",
        "2026-06-18",
    ),
    (
        "防衛省\n日比防衛当局間協議の開催について\n\n防衛省は、フィリピン国防省との間で防衛当局間協議を開催しました。\n"
        "日時：2030年4月2日（火）10時～12時\n場所：防衛省\n",
        "2030-04-04",
        "2030-04-02",
    ),
]


RELEASE_PAGES = [
    (
        "在京米国大使館\n日米局長級協議について\n2030年5月6日\n＊仮翻訳\n国務省報道官室\nメディアノート\n2030年5月5日\n"
        "　ジョン・ミラー国務次官補は本日、東京で日本の木村浩二外務省北米局長と協議を開催した。\n",
        "2030-05-06",
        "2030-05-05",
    ),
    (
        "大使館ニュース\n2030年9月3日\n　以下は本国外務省の発表です。\n2030年9月1日\n"
        "　ドイツのピーター・ホフマン外務次官は本日、ベルリンで日本の石田直人外務審議官と会談しました。\n",
        "2030-09-03",
        "2030-09-01",
    ),
]


@pytest.mark.parametrize("page,published,day", WHEN_FIELD_PAGES + RELEASE_PAGES)
def test_extract_when_field_or_release_line_dates_the_held_meeting(facts_of_page, page, published, day):
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
