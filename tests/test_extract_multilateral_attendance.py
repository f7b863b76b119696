"""Who took part in a multilateral meeting besides its chairs: a guest invited to it
(「…がゲストとして招かれた」), someone who joined one of its sessions (「4日の…に関するセッション
には、Aも参加した」: a session of the meeting reported is that meeting, on any of its days), and
a delegate speaking in a numbered section of the readout (「2 議論の概要 (3) オランダのA外務大臣は、
…を提案した」). Made-up sentences and pages, real GiNZA."""
from __future__ import annotations

import pytest


def _reps(facts):
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations}


@pytest.mark.parametrize("text, expected", [
    ("７月２日，ジュネーブにおいて，第５回軍縮賢人会議が開催された。本会議は，森田花子外務大臣が議長を務めた。また，ジョン・ドウ国連事務次長がゲストとして招かれた。",
     {("森田花子", "JP"), ("ジョン・ドウ", "UN")}),
    ("５月３日，ローマにおいて，Ｇ２０外相会合が開催され，森田花子外務大臣が出席した。４日の中東に関するセッションには，ジョン・ドウ国連事務総長も参加した。",
     {("森田花子", "JP"), ("ジョン・ドウ", "UN")}),
    ("５月３日，ローマにおいて，Ｇ２０外相会合が開催され，森田花子外務大臣が出席した。４日のセッションには，ポール・スミス・カナダ外務大臣も参加した。",
     {("森田花子", "JP"), ("ポール・スミス", "CA")}),
])
def test_extract_multilateral_attendance_guests_and_sessions(facts_of, text, expected):
    got = _reps(facts_of(text, published="2026-07-06"))
    assert {(n, s) for n, s, _ in got} == expected
    assert len({f for _, _, f in got}) == 1  # one meeting, not one a day


READOUT = """第５回海洋安全保障閣僚会合の開催（結果）
令和9年10月12日
1 10月11日，シンガポールにおいて，第５回海洋安全保障閣僚会合が開催された。本会合は，森田花子外務大臣とリー・ウェイ・シンガポール外務大臣が共同議長を務めた。
2 議論の概要
（1）冒頭，森田大臣から，法の支配に基づく海洋秩序の重要性を述べた。
（2）ノルウェーのラース・ハンセン外務大臣は，海洋データ共有の枠組み作りを提案し，出席者から支持された。
（3）インドネシアのブディ・サントソ国防大臣は，共同巡視の拡大に強い期待を示した。
"""

TALKS = """日英外相会談
令和9年11月2日
1 11月1日，森田花子外務大臣は，来日中のアリス・グレイ英国外務大臣と外相会談を行った。
2 地域情勢
（1）両大臣は，ウクライナ情勢について意見交換を行った。
（2）ロシアのイワン・ペトロフ外務大臣は，先月，西側諸国を批判したが，両大臣はこれに懸念を示した。
"""


def test_extract_multilateral_attendance_speakers_in_the_readout(facts_of_page):
    got = {(n, s) for n, s, _ in _reps(facts_of_page(READOUT, published="2027-10-12"))}
    assert {("ラース・ハンセン", "NO"), ("ブディ・サントソ", "ID"), ("森田花子", "JP"), ("リー・ウェイ", "SG")} <= got


def test_extract_multilateral_attendance_third_party_at_talks_is_no_speaker(facts_of_page):
    got = {(n, s) for n, s, _ in _reps(facts_of_page(TALKS, published="2027-11-02"))}
    assert got == {("森田花子", "JP"), ("アリス・グレイ", "GB")}
