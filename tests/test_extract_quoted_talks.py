"""Talks an identified speaker reports in the first person inside quoted speech (「Aは「先ほど
B大統領と会談を行い、…」と述べた」, 「Aは次のように述べました。「本日、Bと会談しました」」,
「きのう、日本のB外相と会談し、…一致した」と述べた): the speaker and the partner named in the
quote took part (rule ``quoted_report``). Nothing when the quote gives the talks a subject of
its own (「B外相は…と会談した」と述べた), the speaker is not identified, or the talks are
planned or denied. Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest
from conftest import reps_of

S, P = ("平野花子", "JP"), ("ホセ・ルナ", "CL")

CASES = [
    ("平野花子首相は5月2日、記者団に対し「先ほどチリのホセ・ルナ大統領と会談を行い、経済関係の強化で一致した」と述べた。", {S, P}),
    ("平野花子首相は次のように述べました。「本日、チリのホセ・ルナ大統領と首脳会談を行いました。有意義な会談でした。」", {S, P}),
    ("平野花子首相は5月2日、「チリのホセ・ルナ大統領と会談し、率直な意見交換ができた」と語った。", {S, P}),
    ("平野花子首相は5月2日夜、記者団に「チリのホセ・ルナ大統領と電話で会談した。」と明らかにした。", {S, P}),
    # the partner written in the quote by a short form of a person the article names in full
    ("フィリピンのマリア・サントス外務大臣は5日、マニラで記者団に対し「きのう、日本の森田外相と会談し、南シナ海の問題で協力していくことで一致した」と述べた。森田花子外務大臣は4日からフィリピンを訪問している。",
     {("マリア・サントス", "PH"), ("森田花子", "JP")}),
    ("オーストラリアのジョン・スミス国防相は12日、キャンベラで記者会見し「午前中に日本の大川防衛相と会談を行い、共同訓練の拡大で合意した」と語った。大川修防衛大臣は11日から豪州を訪れている。",
     {("ジョン・スミス", "AU"), ("大川修", "JP")}),
    # no first-person report of the speaker
    ("平野花子首相は5月2日、「来月、チリのホセ・ルナ大統領と会談したい」と述べた。", set()),
    ("平野花子首相は5月2日、「チリのホセ・ルナ大統領と会談したことはない」と述べた。", set()),
    ("報道官は5月2日、「内田外相はチリのホセ・ルナ大統領と会談した」と述べた。", set()),
    ("政府は5月2日、「首相がチリのホセ・ルナ大統領と会談した」との声明を出した。", set()),
    ("ある関係者は「平野花子首相はチリのホセ・ルナ大統領と会談した」と語った。", set()),
    ("ドイツのハンス・ミュラー外相は3日、ベルリンで記者団に対し「森田外相はきのう、中国の王外相と会談した」と述べた。森田花子外務大臣は2日から欧州を訪問している。",
     set()),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_quoted_talks(facts_of, text, expected):
    facts = facts_of(text, published="2024-06-01")
    assert {(name, side) for name, side, _ in reps_of(facts)} == expected
    assert all(r.rule == "quoted_report" for r in facts.representations)
