"""Talks an identified speaker reports in the first person inside quoted speech (「Aは「先ほど
B大統領と会談を行い、…」と述べた」, 「Aは次のように述べました。「本日、Bと会談しました」」):
the speaker and the partner named in the quote took part (rule ``quoted_report``). Nothing
when the quote gives the talks a subject of its own, the speaker is not identified, or the
talks are planned or denied. Made-up sentences."""
from __future__ import annotations

import pytest
from conftest import reps_of

S, P = ("平野花子", "JP"), ("ホセ・ルナ", "CL")

CASES = [
    ("平野花子首相は5月2日、記者団に対し「先ほどチリのホセ・ルナ大統領と会談を行い、経済関係の強化で一致した」と述べた。", {S, P}),
    ("平野花子首相は次のように述べました。「本日、チリのホセ・ルナ大統領と首脳会談を行いました。有意義な会談でした。」", {S, P}),
    ("平野花子首相は5月2日、「チリのホセ・ルナ大統領と会談し、率直な意見交換ができた」と語った。", {S, P}),
    ("平野花子首相は5月2日夜、記者団に「チリのホセ・ルナ大統領と電話で会談した。」と明らかにした。", {S, P}),
    # no first-person report of the speaker
    ("平野花子首相は5月2日、「来月、チリのホセ・ルナ大統領と会談したい」と述べた。", set()),
    ("平野花子首相は5月2日、「チリのホセ・ルナ大統領と会談したことはない」と述べた。", set()),
    ("報道官は5月2日、「内田外相はチリのホセ・ルナ大統領と会談した」と述べた。", set()),
    ("政府は5月2日、「首相がチリのホセ・ルナ大統領と会談した」との声明を出した。", set()),
    ("ある関係者は「平野花子首相はチリのホセ・ルナ大統領と会談した」と語った。", set()),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_quoted_talks(facts_of, text, expected):
    facts = facts_of(text, published="2024-06-01")
    assert {(name, side) for name, side, _ in reps_of(facts)} == expected
    assert all(r.rule == "quoted_report" for r in facts.representations)
