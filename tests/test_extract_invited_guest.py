"""A meal named with its parties and their posts (「日チリ首脳夕食会」「日加外相昼食会」,
meeting_kinds.tsv) is a meeting of its own; its host is the topic and its guest the object of
a verb of inviting (招く, 迎える: rule ``invited_guest``) whose clause leads into the meal's
predicate. A topic is also the subject of the clause its sentence ends on (「Aは…会談を行い、
その後、…首脳昼食会を開催した」). A meal word alone (夕食会) stays part of the meeting in focus.
Made-up sentences."""
from __future__ import annotations

import pytest
from conftest import reps_of

H, G = ("山口花子", "JP"), ("ホセ・ルナ", "CL")

CASES = [
    ("5月2日、山口花子首相はチリのホセ・ルナ大統領を招いて日チリ首脳夕食会を開催した。", {H + ("日チリ首脳夕食会",), G + ("日チリ首脳夕食会",)}),
    ("5月2日、山口花子首相は、チリのホセ・ルナ大統領夫妻を招いて日チリ首脳夕食会を主催した。", {H + ("日チリ首脳夕食会",), G + ("日チリ首脳夕食会",)}),
    ("5月2日、山口花子首相は、チリのホセ・ルナ大統領と首相官邸で会談を行い、その後、首相公邸でルナ大統領を招いて日チリ首脳昼食会を開催しました。",
     {H + ("日チリ首脳昼食会",), G + ("日チリ首脳昼食会",), H + ("日本・チリ首脳会談",), G + ("日本・チリ首脳会談",)}),
    ("5月2日、木村一郎外務大臣はカナダのアン・リー外相を迎えて日加外相昼食会を開いた。",
     {("木村一郎", "JP", "日加外相昼食会"), ("アン・リー", "CA", "日加外相昼食会")}),
    # no meeting: a meal word alone, a lecture, a plan
    ("5月2日、山口花子首相はチリのホセ・ルナ大統領を招いて夕食会を開催した。", set()),
    ("5月2日、山口花子首相はチリのホセ・ルナ大統領を招いて講演会を開いた。", set()),
    ("山口花子首相は来月、チリのホセ・ルナ大統領を招いて日チリ首脳夕食会を開催する予定だ。", set()),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_invited_guest(facts_of, text, expected):
    assert reps_of(facts_of(text, published="2024-06-01")) == expected
