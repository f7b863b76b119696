"""Gapped coordination: 「AとBがX会談を、CとDがY会談を、それぞれ行った」 pairs each group of
subjects with the meeting written after it, and 「日本側からAが、韓国側からBが、それぞれ議長を
務めた」 gives the first subject the predicate of the last one (made-up sentences, real GiNZA)."""
import pytest

INTRO = "英国のジョン・ブラウン外相とマーク・スミス国防相が来日し、森川一郎外相、大村二郎防衛相と東京で日英外務・防衛閣僚協議を行った。\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "協議に先立ち、8日には、ブラウン外相と森川外相が日英外相会談を、スミス国防相と大村防衛相が日英防衛相会談を、それぞれ行った。",
        "前日の7日、森川外相とブラウン外相が日英外相会談を、大村防衛相とスミス国防相が日英防衛相会談を、それぞれ開いた。",
        "これに先立ち、ブラウン外相が森川外相と日英外相会談を、スミス国防相が大村防衛相と日英防衛相会談を、それぞれ行った。",
    ],
)
def test_extract_gapped_subjects_take_their_own_meeting(facts_of, sentence):
    facts = facts_of(INTRO + sentence, published="2024-05-10")
    names = {p.key: p.name for p in facts.people}
    forums = {m.key: m.forum for m in facts.meetings}
    got = {(names[r.person], forums[r.meeting]) for r in facts.representations if forums[r.meeting] != "日英外務・防衛閣僚協議"}
    assert got == {
        ("ジョン・ブラウン", "日英外相会談"), ("森川一郎", "日英外相会談"),
        ("マーク・スミス", "日英防衛相会談"), ("大村二郎", "日英防衛相会談"),
    }, got


@pytest.mark.parametrize(
    "text, people",
    [
        ("9日、第3回日米防衛実務者協議が開催された。本協議は、日本側から防衛政策局の川上直子次長が、米国側から国防総省のジョン・ブラウン次官補代理が、それぞれ共同議長を務めた。",
         {("川上直子", "JP"), ("ジョン・ブラウン", "US")}),
        ("4日、第5回日韓安保対話がソウルで開かれた。対話では、日本側から外務省の森田健二審議官が、韓国側から外交部の朴成民局長が、それぞれ首席代表を務めた。",
         {("森田健二", "JP"), ("朴成民", "KR")}),
    ],
)
def test_extract_gapped_subjects_share_the_last_predicate(facts_of, text, people):
    facts = facts_of(text, published="2024-05-10")
    names = {p.key: p.name for p in facts.people}
    assert {(names[r.person], r.side) for r in facts.representations} == people, facts.representations
