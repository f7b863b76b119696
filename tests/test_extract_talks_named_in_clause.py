"""Talks whose clause names the meeting (「A、B、Cと、日米豪比の防衛相会談を行いました」, the
speaker of his own side unwritten, as at a press conference) are that meeting, not one named
after the parties written (made-up sentences, real GiNZA)."""
import pytest


@pytest.mark.parametrize(
    "text, forum, people",
    [
        ("先ほど、オーストラリアのジョン・グリーン国防大臣、米国のマーク・ブラウン国防長官、フィリピンのホセ・サントス国防次官と、日米豪比の防衛相会談を行いました。",
         "日米豪比防衛相会談", {"ジョン・グリーン", "マーク・ブラウン", "ホセ・サントス"}),
        ("本日、英国のアン・スミス外相、カナダのポール・ミラー外相と、日英加の外相会談を初めて行いました。",
         "日英加外相会談", {"アン・スミス", "ポール・ミラー"}),
    ],
)
def test_extract_talks_take_the_meeting_their_clause_names(facts_of, text, forum, people):
    facts = facts_of(text, published="2024-06-03")
    names = {p.key: p.name for p in facts.people}
    forums = {m.key: m.forum for m in facts.meetings}
    got = {(names[r.person], forums[r.meeting]) for r in facts.representations}
    assert got == {(name, forum) for name in people}, got
