"""kg.extract: a meeting named as another session than the one reported (「先般の…」「前回の…」
「昨年に続き2度目」) is its own mention, marked for resolution (``MeetingMention.other_session``);
a page without a publication date takes the day its English photo caption gives; a topic heading
that is another meeting's name is no alias (made-up text, real GiNZA)."""
from __future__ import annotations

import pytest

# (text, published, forum, expected [(date, other_session)] of that forum's mentions)
OTHER_SESSIONS = [
    (
        "9月7日、日米韓防衛相電話会談が開かれた。"
        "3閣僚は、先般の日米韓首脳会合での合意も念頭に、連携を続けることを確認した。",
        "2031-09-07", "日米韓首脳会合", [(None, "recent")],
    ),
    (
        "8月17日、山本外務大臣はスミス国務長官との間で日米外相会談を行った。"
        "長官は、先般の日米外相会談は立ち話に近かったので、今日は時間をかけて話したいと語った。",
        "2031-08-17", "日米外相会談", [("2031-08-17", ""), (None, "recent")],
    ),
    (
        "第12回日米豪外相会合がシドニーで開かれた。前回の日米豪外相会合は東京で開催された。",
        "2030-04-10", "日米豪外相会合", [("2030-04-10", ""), (None, "other")],
    ),
    # a bare meeting word of the parties' forum, its place between (「先般のマニラでの外相会談」)
    (
        "8月17日、山本外務大臣はスミス国務長官との間で日米外相会談を行った。"
        "長官は、先般のマニラでの外相会談は立ち話に近かったので、今日は時間をかけて話したいと語った。",
        "2031-08-17", "日米外相会談", [("2031-08-17", ""), (None, "recent")],
    ),
    # 「次回「2+2」は東京で」: the next session, planned, its own; 「今後も「2+2」を継続」 is none
    (
        "7月31日、山本外務大臣とイワノフ外相が出席して日露外務・防衛閣僚協議(「2+2」)が開かれた。"
        "双方は「2+2」を毎年続ける方針を確認し、次回「2+2」は東京が会場になる見込みだ。",
        # (「(「2+2」)」 quoted in the bracket is the held meeting's other name, not a meeting of its own)
        "2031-07-31", "日露外務・防衛閣僚協議", [("2031-07-31", ""), (None, "other")],
    ),
    # 「次回の首脳会議」 after bilateral talks: its word is not the talks' name, no session of them
    (
        "5月27日、山田総理大臣はソウルでイ・ミンス大統領と日韓首脳会談を行った。"
        "次回の首脳会議は日本が議長国を務め、日本で開催される予定です。",
        "2031-05-27", "日韓首脳会談", [("2031-05-27", "")],
    ),
    # 「昨年に続き2度目」: the earlier session a count continues from is another one, dated as written
    (
        "5月2日、山本防衛大臣は日米豪比防衛相会談に臨んだ。4か国の日米豪比防衛相会談は、昨年に続き2度目となる。",
        "2031-05-04", "日米豪比防衛相会談", [("2031-05-02", ""), ("2030", "other")],
    ),
    (
        "4月13日、山本防衛大臣はウクライナのイワノフ国防大臣と、今年1月に続き2回目となるテレビ会談を実施した。",
        "2031-04-14", "日本・ウクライナテレビ会談", [("2031-04-13", ""), ("2031-01", "other")],
    ),
    # no count: 「昨年に続き」 alone says nothing of a session
    (
        "5月2日、山本防衛大臣は日米豪比防衛相会談に臨んだ。昨年に続き、4か国で共同声明をまとめた。",
        "2031-05-04", "日米豪比防衛相会談", [("2031-05-02", "")],
    ),
]


@pytest.mark.parametrize("text,published,forum,expected", OTHER_SESSIONS)
def test_extract_session_named_as_another_is_marked(facts_of, text, published, forum, expected):
    got = [(m.date, m.other_session) for m in facts_of(text, published).meetings if m.forum == forum]
    assert got == expected


CAPTIONS = [
    # the one day an English caption gives its scene dates the summit the lead reports
    ("Prime Minister Yamada welcomes President Smith to the talks in Tokyo on May 20, 2031. (Photo)\n"
     "山田総理大臣は、スミス大統領を迎え、日米首脳会談を開催した。", "2031-05-20"),
    # two different days: the page's day is not known
    ("Leaders meet on May 20, 2031. Ministers meet on May 21, 2031.\n"
     "山田総理大臣は、スミス大統領を迎え、日米首脳会談を開催した。", None),
]


@pytest.mark.parametrize("text,expected", CAPTIONS)
def test_extract_session_undated_page_takes_its_english_caption_day(facts_of, text, expected):
    assert [m.date for m in facts_of(text, None).meetings if m.forum == "日米首脳会談"] == [expected]
