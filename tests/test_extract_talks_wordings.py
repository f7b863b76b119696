"""One-off talks in the other wordings writers use: a compound particle between partner and
verb (「…と約1時間にわたり会談し」「…について」: its verb is no predicate of its own), a topic
(は) over every clause of its sentence (「AはXを訪問し、Bと会談した上で…発表した」), the place
of a visit written 「訪問先の/滞在中の X で」, and the same talks written in the other forms
(との間で, を迎えて, 会談を実施, 会談に臨んだ, passive of the noun, foreign subject, 「B氏(外務大臣)」). Made-up
sentences; each table row is one wording."""
from __future__ import annotations

import pytest
from conftest import reps_of

A, B = ("村瀬一郎", "JP"), ("カルロス・ベガ", "BR")

CASES = [
    # a compound particle (にわたり, について) before the talks verb is no predicate of the topic
    ("村瀬一郎外務大臣は3日、ブラジルのカルロス・ベガ外務大臣と約1時間にわたり会談し、両国関係について意見交換した。", {A, B}),
    ("村瀬一郎外務大臣は3日、ブラジルのカルロス・ベガ外務大臣と2時間近くにわたって会談し、貿易について話し合った。", {A, B}),
    ("ウルグアイのディエゴ・ロペス外相は8日、東京で村瀬一郎外務大臣と約40分にわたり会談し、協力文書に署名した。",
     {A, ("ディエゴ・ロペス", "UY")}),
    # the topic stands over a talks clause that joins the same head as its own clause
    ("村瀬一郎外務大臣は3日、ブラジルを訪問し、カルロス・ベガ外相と会談した上で共同声明を発表した。", {A, B}),
    ("大西五郎防衛大臣は9日、インドを訪れ、ラジ・クマール国防相と会談した後、記者会見に臨んだ。", {("大西五郎", "JP"), ("ラジ・クマール", "IN")}),
    # the place of a visit: 訪問先の / 滞在中の / 出張先の + country + で
    ("村瀬一郎外務大臣は5月2日、訪問先のブラジルでカルロス・ベガ外相と会談した。", {A, B}),
    ("大西五郎防衛大臣は5月2日、滞在中のインドネシアでアフマド・スハルト国防相と会談した。", {("大西五郎", "JP"), ("アフマド・スハルト", "ID")}),
    ("大西五郎防衛大臣は5月2日、出張先のフィリピンでホセ・レイエス国防相と会った。", {("大西五郎", "JP"), ("ホセ・レイエス", "PH")}),
    # a place named by an institution without its country: the country visited just before
    ("村瀬一郎外務大臣は3日、チリを訪れた。同日、大統領府でホセ・ルナ大統領と会談した。", {A, ("ホセ・ルナ", "CL")}),
    # a 氏-name with its post in brackets after it is a person of that post
    ("村瀬一郎外務大臣は3日、ブラジルのカルロス・ベガ氏(外務大臣)と会談しました。", {A, B}),
    ("村瀬一郎外務大臣は3日、カルロス・ベガ氏（ブラジル外務大臣）と会談しました。", {A, B}),
    ("村瀬一郎外務大臣は3日、カルロス・ベガ氏(62)と会談した。", set()),
    # other wordings of the same talks (these held before; kept as the table of the construction)
    ("村瀬一郎外務大臣は3日、来日したブラジルのカルロス・ベガ外相との間で会談を行った。", {A, B}),
    ("村瀬一郎外務大臣は3日、ブラジルのカルロス・ベガ外相を外務省に迎えて会談した。", {A, B}),
    ("3日、ブラジルのカルロス・ベガ外相は村瀬一郎外務大臣と会談した。", {A, B}),
    ("村瀬一郎外務大臣は3日、ブラジルのカルロス・ベガ外相との会談に臨んだ。", {A, B}),
    ("3日、村瀬一郎外務大臣とブラジルのカルロス・ベガ外相による会談が行われた。", {A, B}),
    ("村瀬一郎外務大臣は3日、カルロス・ベガ・ブラジル外務大臣閣下と会談を行いました。", {A, B}),
    # not talks: a plan, and a courtesy call (no meeting by the gold conventions)
    ("村瀬一郎外務大臣は来月、ブラジルのカルロス・ベガ外相と約1時間にわたり会談する予定だ。", set()),
    ("5月2日、ブラジルのカルロス・ベガ外務大臣は村瀬一郎外務大臣を表敬訪問した。", set()),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_talks_wordings(facts_of, text, expected):
    assert {(name, side) for name, side, _ in reps_of(facts_of(text, published="2024-06-01"))} == expected
