"""Principals written the formal way of a joint statement (made-up sentences, real GiNZA): an
honorific of address after each post (「A外務大臣閣下及びB国防大臣閣下、並びに…は」,
``honorific_of_address``) and the meeting's other name quoted inside its bracket
(「…閣僚協議(「2+2」)を開催した」) — one meeting, every principal of it."""
from __future__ import annotations

import pytest

CASES = [
    (
        "カナダのアン・ミラー外務大臣閣下及びポール・グラント国防大臣閣下、並びに日本の森一郎外務大臣閣下及び"
        "川口二郎防衛大臣閣下は、2030年3月8日、東京において第5回日加外務・防衛閣僚協議（「2プラス2」）を行った。",
        {("アン・ミラー", "CA"), ("ポール・グラント", "CA"), ("森一郎", "JP"), ("川口二郎", "JP")},
    ),
    (
        "英国のジョン・ブラウン外務大臣閣下及び日本の山口花子外務大臣閣下は、2031年5月2日、ロンドンにおいて"
        "日英外相戦略対話を行った。",
        {("ジョン・ブラウン", "GB"), ("山口花子", "JP")},
    ),
    (
        "フランスのマリー・デュボワ外務大臣及びピエール・マルタン国防大臣、並びに日本の石田四郎外務大臣及び"
        "大野五郎防衛大臣は、2029年11月20日、パリにおいて第7回日仏外務・防衛閣僚会議（「２＋２」）を行った。",
        {("マリー・デュボワ", "FR"), ("ピエール・マルタン", "FR"), ("石田四郎", "JP"), ("大野五郎", "JP")},
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extract_addressed_principals_of_one_meeting(facts_of, text, expected):
    facts = facts_of(text, "2031-12-01")
    people = {p.key: p.name for p in facts.people}
    held = [m for m in facts.meetings if m.status == "held"]
    assert len(held) == 1, facts.meetings
    assert {(people[r.person], r.side) for r in facts.representations if r.meeting == held[0].key} == expected
