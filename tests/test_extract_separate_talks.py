"""kg.extract: separate talks in one sentence (made-up sentences): 「…とも会談した」,
「それぞれ会談した」, the subject written last. Real GiNZA, real extractor."""
from __future__ import annotations

from test_extract_meeting_participants import triples


def test_extract_also_met_is_other_talks(facts_of):
    # 「Bと…会談を行ったほか、Cとも会談した」: C's talks are not the named meeting, and B is
    # not a party to them
    text = (
        "米国のジョン・スミス国務長官は6日、ソウルで韓国の金英洙外相と米韓外相会談を行った。"
        "スミス氏は同日、韓国の朴大成首相とも面会した。"
    )
    reps = triples(facts_of(text, "2024-01-07"))
    assert ("金英洙", "KR", "米韓外相会談") in reps
    assert ("朴大成", "KR", "米韓外相会談") not in reps
    assert ("朴大成", "KR", "米韓面会") in reps


def test_extract_separate_talks_with_each_partner(facts_of):
    # 「AはB、Cとそれぞれ会談した」: two bilateral talks, not one trilateral meeting
    text = "山田一郎首相は26日、中国の陳明首相、韓国の朴大成大統領とそれぞれ会談した。"
    assert triples(facts_of(text, "2024-05-28")) == {
        ("山田一郎", "JP", "日中首脳会談"), ("陳明", "CN", "日中首脳会談"),
        ("山田一郎", "JP", "日韓首脳会談"), ("朴大成", "KR", "日韓首脳会談"),
    }


def test_extract_also_met_after_a_named_meeting(facts_of):
    # 「Bとも会談した」 is a predicate: one talks meeting, no bare 「会談」 meeting besides it
    text = (
        "山田一郎防衛相は1日、シンガポールで韓国の朴大成国防相と日韓防衛相会談を行った。\n"
        "山田氏は2日、スミス米国防長官とも会談した。"
    )
    facts = facts_of(text, "2024-06-03")
    assert len(facts.meetings) == 2
    talks = next(m for m in facts.meetings if m.countries == ("JP", "US"))
    assert talks.date == "2024-06-02" and talks.forum != "会談"


def test_extract_separate_talks_subject_written_last(facts_of):
    # 「B、韓国のCとAはそれぞれ会談した」: A (marked は) meets each; A's Japanese name is not
    # in the Korean list
    text = "中国の陳明首相、韓国の朴大成大統領と山田一郎首相は26日、それぞれ会談した。"
    assert triples(facts_of(text, "2024-05-28")) == {
        ("山田一郎", "JP", "日中首脳会談"), ("陳明", "CN", "日中首脳会談"),
        ("山田一郎", "JP", "日韓首脳会談"), ("朴大成", "KR", "日韓首脳会談"),
    }
