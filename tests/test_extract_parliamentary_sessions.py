"""kg.extract: a parliamentary session is a hearing, not a diplomatic meeting (made-up
sentences). Real GiNZA, real extractor."""
from __future__ import annotations

import pytest

from test_extract_meeting_participants import triples


NOT_DIPLOMATIC = [
    # a parliamentary committee session is a hearing, not a diplomatic meeting
    "韓国の金英洙外交部長官は1日、国会外交統一委員会の全体会議に出席し、外相会談の結果を報告した。",
    "山田一郎外相は5日、衆院外務委員会に出席し、答弁した。",
]


@pytest.mark.parametrize("text", NOT_DIPLOMATIC)
def test_extract_parliament_is_not_a_meeting(facts_of, text):
    facts = facts_of(text, "2024-08-02")
    assert facts.representations == ()


def test_extract_a_word_about_parliament_is_not_a_session(facts_of):
    text = "山田一郎首相は参議院選挙後初の日米首脳会談に臨み、スミス米大統領と会談した。"
    assert triples(facts_of(text, "2024-08-02")) == {("山田一郎", "JP", "日米首脳会談"), ("スミス", "US", "日米首脳会談")}
