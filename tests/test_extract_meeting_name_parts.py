"""What is and is not part of a meeting's name: how long talks lasted (「約40分間会談を行った」) is
not; a council of officials whose word ends in 議会 (「安保政策協議会」) is a meeting, not a
legislature (made-up sentences, real GiNZA)."""
import pytest


@pytest.mark.parametrize(
    "text, forum",
    [
        # how long the talks lasted
        ("日本の川村一郎外務次官は10日、韓国の朴成民外交部第1次官と約40分間会談を行った。", "日韓次官会談"),
        ("日本の森田健外相は10日、豪州のアン・ミラー外相と約2時間会談を行った。", "日豪外相会談"),
        # a council of officials (…協議会), no legislature
        ("第8回日韓安保政策協議会が9日、東京で開かれ、日本の川村一郎審議官と韓国の朴成民局長が出席した。", "日韓安保政策協議会"),
        ("第3回日豪防衛協議会が9日、キャンベラで開かれ、日本の森田健局長と豪州のアン・ミラー次官が出席した。", "日豪防衛協議会"),
    ],
)
def test_extract_meeting_name_parts(facts_of, text, forum):
    facts = facts_of(text, published="2024-05-11")
    assert [m.forum for m in facts.meetings if m.status == "held"] == [forum], facts.meetings
    assert len(facts.representations) == 2, facts.representations
