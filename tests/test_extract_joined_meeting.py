"""A meeting joined by a third party after talks (made-up sentences, real GiNZA): 「両大臣は、C長官を
(ビデオ通話で)交えて、…会談に出席した」 — the pair of the talks before (``collective_people``: 両大臣) and
the one they were joined by (``invite`` cues: 交える, the object of its clause) took part."""
from __future__ import annotations

import pytest

CASES = [
    (
        "１　豪州を訪れた山田防衛大臣は、５月１日、スミス国防大臣との間で日豪防衛相会談を開きました。\n"
        "２　その後、両大臣はジョン・ブラウン米国防長官をビデオ通話で交えて、日米豪防衛相会談に出席しました。",
        "日米豪防衛相会談", {("山田", "JP"), ("スミス", "AU"), ("ジョン・ブラウン", "US")},
    ),
    (
        "１　マニラを訪問中の川口外務大臣は、３日、フィリピンのロペス外務大臣と日比外相会談を行いました。\n"
        "２　引き続き、両大臣は、米国のスミス国務長官をテレビ会議で交え、日米比外相会合に臨みました。",
        "日米比外相会合", {("川口", "JP"), ("ロペス", "PH"), ("スミス", "US")},
    ),
    (
        "森外務大臣は、５月１日、ソウルで韓国のキム・ミンス外交部長官と日韓外相会談を行った。"
        "続いて、両大臣は米国のジョン・スミス国務長官を交えて日米韓外相会合を開催した。",
        "日米韓外相会合", {("森", "JP"), ("キム・ミンス", "KR"), ("ジョン・スミス", "US")},
    ),
    # an acronym after the talks' name (「…防衛相会談(TDMM)」) keeps the name; 両大臣 are the two
    # who held the talks before, not the official listed as sitting in on them
    (
        "１　オタワ滞在中の大野防衛大臣は、９日、カナダのテイラー国防相との間で日加防衛相会談を開きました。"
        "会談には、カナダ側からアン・ミラー国防次官が同席しました。\n"
        "２　夕刻、両大臣はマイク・ジョーンズ米国防長官をビデオ通話で交えて、日米加防衛相会談（ＴＤＭＭ）に出席しました。",
        "日米加防衛相会談", {("大野", "JP"), ("テイラー", "CA"), ("マイク・ジョーンズ", "US")},
    ),
]


@pytest.mark.parametrize("text, forum, expected", CASES)
def test_extract_joined_meeting_takes_the_pair_and_the_one_joining(facts_of, text, forum, expected):
    facts = facts_of(text, "2030-05-02")
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    assert {(people[r.person], r.side) for r in facts.representations if forum in meetings[r.meeting]} == expected
