"""kg.resolve: corpus-wide merging of people, institutions, forums, meetings, representations.

Facts are built by hand (records from kg/records.py) so every merging rule is tested on its
own; the seed build exercises the same code on real extraction output.
"""
from __future__ import annotations

import random

import pytest

from kg.errors import BuildError
from kg.records import (
    Article,
    DocumentFacts,
    Evidence,
    InstitutionMention,
    MeetingMention,
    PersonMention,
    RepresentationFact,
)
from kg.resolve import dates_agree, forum_key, normalise_name, resolve, slugify

# ---------------------------------------------------------------- builders


def ev(doc: str, sentence: str = "会談した。", start: int = 0) -> Evidence:
    return Evidence(doc_id=doc, start=start, end=start + len(sentence), sentence=sentence)


def article(doc: str) -> Article:
    return Article(doc_id=doc, path=f"corpus/{doc}.txt", text="本文", body=((0, 2),), title=f"記事{doc}")


def person(key, name, *aliases, country=None, institution=None, title=None, confidence=1.0):
    return PersonMention(
        key=key, name=name, aliases=tuple(aliases), country=country, institution=institution,
        title=title, is_official=True, confidence=confidence, evidence=(ev("?", f"{name}が出席した。"),),
    )


def meeting(key, forum, *, acronym=None, ordinal=None, date=None, countries=("KR", "US"), status="held"):
    return MeetingMention(
        key=key, forum=forum, acronym=acronym, ordinal=ordinal, date=date, countries=tuple(countries),
        status=status, evidence=(ev("?", f"{forum}が開かれた。"),),
    )


def facts(doc, people=(), meetings=(), reps=(), institutions=()) -> DocumentFacts:
    """One article's facts; ``reps`` are (person key, meeting key, side[, extra kwargs])."""
    representations = []
    for r in reps:
        extra = r[3] if len(r) > 3 else {}
        representations.append(
            RepresentationFact(person=r[0], meeting=r[1], side=r[2], evidence=(ev(doc, f"{r[0]}{r[1]}"),), **extra)
        )
    # Evidence of people and meetings points into this document.
    people = [p.__class__(**{**p.__dict__, "evidence": (ev(doc, p.evidence[0].sentence),)}) for p in people]
    meetings = [m.__class__(**{**m.__dict__, "evidence": (ev(doc, m.evidence[0].sentence),)}) for m in meetings]
    return DocumentFacts(
        article=article(doc), people=tuple(people), meetings=tuple(meetings),
        representations=tuple(representations), institutions=tuple(institutions),
    )


def person_groups(graph) -> set[frozenset[str]]:
    """Each resolved person as the set of all its spellings."""
    return {frozenset((p.label, *p.aliases)) for p in graph.people}


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ジョー・バイデン", "ジョーバイデン"),
        ("ジョー･バイデン", "ジョーバイデン"),
        ("ジョー　バイデン", "ジョーバイデン"),
        ("ジョー＝バイデン", "ジョーバイデン"),
        ("ＮＣＧ", "NCG"),
        ("金 泰孝", "金泰孝"),
    ],
)
def test_resolve_normalise_name(text, expected):
    assert normalise_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ジョー・バイデン", "ジョーバイデン"), ("EDSCG", "edscg"), ("2+2/日米", "2-2-日米"), ("", "x")],
)
def test_resolve_slugify(text, expected):
    assert slugify(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2024-07", "2024-07-11", True),
        ("2024", "2024-07-11", True),
        ("2024-07-11", "2024-07-12", False),
        ("2023", "2024-07", False),
        (None, "2024-07", True),
    ],
)
def test_resolve_dates_agree(a, b, expected):
    assert dates_agree(a, b) is expected


# ---------------------------------------------------------------- people

PEOPLE_CASES = [
    # (mentions as (doc, name, aliases, country), expected groups of spellings)
    pytest.param(
        [("a", "金泰孝", ["キム・テヒョ"], "KR"), ("b", "キム・テヒョ", ["金泰孝"], "KR")],
        [{"金泰孝", "キム・テヒョ"}],
        id="reading pair written both ways",
    ),
    pytest.param(
        [("a", "ジョー・バイデン", ["バイデン", "Joe Biden"], "US"), ("b", "バイデン", [], "US")],
        [{"ジョー・バイデン", "バイデン", "Joe Biden"}],
        id="surname alone joins the only full name",
    ),
    pytest.param(
        [("a", "Joe Biden", [], "US"), ("b", "ジョー・バイデン", ["Joe Biden"], "US")],
        [{"ジョー・バイデン", "Joe Biden"}],
        id="shared romanised alias",
    ),
    pytest.param(
        [("a", "キム・テヒョ", [], "KR"), ("b", "キム・ホンギュン", [], "KR")],
        [{"キム・テヒョ"}, {"キム・ホンギュン"}],
        id="same surname different people",
    ),
    pytest.param(
        [("a", "ジョー・バイデン", [], "US"), ("b", "ハンター・バイデン", [], "US"), ("c", "バイデン", [], "US")],
        [{"ジョー・バイデン"}, {"ハンター・バイデン"}, {"バイデン"}],
        id="ambiguous surname stays apart",
    ),
    pytest.param(
        [("a", "ドナルド・トランプ", ["トランプ"], "US"), ("b", "トランプ", [], "US"), ("c", "トランプ", [], None)],
        [{"ドナルド・トランプ", "トランプ"}],
        id="surname of one person in several articles",
    ),
    pytest.param(
        [("a", "チャールズ・ブラウン", [], "US"), ("b", "ブラウン", [], "GB")],
        [{"チャールズ・ブラウン"}, {"ブラウン"}],
        id="surname with another country does not merge",
    ),
    pytest.param(
        [("a", "ジョー･バイデン", [], "US"), ("b", "ジョー　バイデン", [], "US"), ("c", "ジョー=バイデン", [], "US")],
        [{"ジョー・バイデン", "ジョー バイデン", "ジョー=バイデン"}],
        id="NFKC and separators",
    ),
    pytest.param(
        [("a", "岸田文雄", [], "JP"), ("b", "岸田", [], "JP")],
        [{"岸田文雄", "岸田"}],
        id="kanji surname alone joins the full kanji name",
    ),
    pytest.param(
        [("a", "佐々木健", [], "JP"), ("b", "佐々木", [], "JP"), ("c", "金", [], "KR"), ("d", "金泰孝", [], "KR"),
         ("e", "金烘均", [], "KR")],
        [{"佐々木健", "佐々木"}, {"金"}, {"金泰孝"}, {"金烘均"}],
        id="three-kanji surname joins, shared one-kanji surname does not",
    ),
    pytest.param(
        [("a", "ユン・ソンニョル", [], "KR"), ("b", "ユン・ソンニョル", [], "KR"), ("c", "尹錫悦", ["ユン・ソンニョル"], "KR")],
        [{"尹錫悦", "ユン・ソンニョル"}],
        id="same full name in three articles",
    ),
]


@pytest.mark.parametrize(("mentions", "expected"), PEOPLE_CASES)
def test_resolve_people_merging(mentions, expected):
    corpus = [
        facts(doc, people=[person(f"p{i}", name, *aliases, country=country)])
        for i, (doc, name, aliases, country) in enumerate(mentions)
    ]
    assert person_groups(resolve(corpus)) == {frozenset(g) for g in expected}


@pytest.mark.parametrize(
    ("mentions", "label", "slug"),
    [
        ([("キム・テヒョ", ["金泰孝"])], "金泰孝", "金泰孝"),
        ([("ジョー・バイデン", ["バイデン", "Joe Biden"])], "ジョー・バイデン", "ジョーバイデン"),
        ([("Joe Biden", []), ("ジョー･バイデン", ["Joe Biden"])], "ジョー・バイデン", "ジョーバイデン"),
    ],
)
def test_resolve_people_label_prefers_kanji_then_kana(mentions, label, slug):
    corpus = [facts(f"d{i}", people=[person("p1", n, *a, country="US")]) for i, (n, a) in enumerate(mentions)]
    (p,) = resolve(corpus).people
    assert (p.label, p.slug) == (label, slug)
    assert label not in p.aliases


def test_resolve_people_country_is_weighted_majority():
    corpus = [
        facts("a", people=[person("p1", "ジョン・スミス", country="US", confidence=0.4)]),
        facts("b", people=[person("p1", "ジョン・スミス", country="US", confidence=0.4)]),
        facts("c", people=[person("p1", "ジョン・スミス", country="GB", confidence=0.9)]),
        facts("d", people=[person("p1", "ジョン・スミス", country=None, confidence=1.0)]),
    ]
    (p,) = resolve(corpus).people
    assert p.country == "GB"
    assert p.confidence == 1.0
    assert {e.doc_id for e in p.evidence} == {"a", "b", "c", "d"}


def test_resolve_people_without_country_take_the_side_they_represented():
    corpus = [
        facts("a", people=[person("p1", "ジョン・スミス"), person("p2", "パク・ミンス", country="KR")],
              meetings=[meeting("m1", "核協議グループ", ordinal=2)],
              reps=[("p1", "m1", "US"), ("p2", "m1", "US")]),
    ]
    countries = {p.label: p.country for p in resolve(corpus).people}
    assert countries == {"ジョン・スミス": "US", "パク・ミンス": "KR"}


def test_resolve_people_titles_and_institutions_are_sets():
    corpus = [
        facts("a", people=[person("p1", "パク・ミンス", country="KR", title="外交部第1次官", institution="外交部")]),
        facts("b", people=[person("p1", "パク・ミンス", country="KR", title="第1次官", institution="韓国外交部")]),
    ]
    graph = resolve(corpus)
    (p,) = graph.people
    assert p.titles == ("外交部第1次官", "第1次官")
    assert p.institutions == ("kr-外交部",)


# ---------------------------------------------------------------- institutions

INSTITUTION_CASES = [
    (("米国防総省", None), ("国防総省", "US"), True),
    (("韓国外交部", "KR"), ("外交部", "KR"), True),
    (("ペンタゴン", "US"), ("国防総省", "US"), True),
    (("外交部", None), ("外交部", "KR"), True),
    (("米国務省", "US"), ("国務省", None), True),
    (("国防部", "KR"), ("国防総省", "US"), False),
    (("米国防総省", None), ("韓国国防部", None), False),
    (("中国外務省", None), ("外務省", "JP"), False),
]


@pytest.mark.parametrize(("a", "b", "same"), INSTITUTION_CASES)
def test_resolve_institutions_merging(a, b, same):
    corpus = [
        facts("a", institutions=[InstitutionMention(key="i1", name=a[0], country=a[1])]),
        facts("b", institutions=[InstitutionMention(key="i1", name=b[0], country=b[1])]),
    ]
    institutions = resolve(corpus).institutions
    assert (len(institutions) == 1) is same, institutions


def test_resolve_institution_label_is_the_canonical_name():
    corpus = [
        facts("a", institutions=[InstitutionMention(key="i1", name="米国防総省")]),
        facts("b", institutions=[InstitutionMention(key="i1", name="ペンタゴン", country="US")]),
    ]
    (inst,) = resolve(corpus).institutions
    assert (inst.label, inst.aliases, inst.kind) == ("国防総省", ("ペンタゴン", "米国防総省"), "ministry")


def test_resolve_institution_label_drops_country_prefix():
    corpus = [
        facts("a", institutions=[InstitutionMention(key="i1", name="米国防総省")]),
        facts("b", institutions=[InstitutionMention(key="i1", name="国防総省", country="US")]),
    ]
    (inst,) = resolve(corpus).institutions
    assert (inst.slug, inst.label, inst.aliases, inst.country) == ("us-国防総省", "国防総省", ("米国防総省",), "US")


# ---------------------------------------------------------------- forums


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("韓米首脳会談", (frozenset({"KR", "US"}), "首脳")),
        ("米韓首脳会議", (frozenset({"KR", "US"}), "首脳")),
        ("拡張抑止戦略協議体", (None, "拡大抑止戦略")),
        ("日米韓外務・防衛閣僚会合", (frozenset({"JP", "US", "KR"}), "2+2")),
        ("中東和平会議", (None, "中東和平")),
        ("NATO首脳会議", (frozenset({"NATO"}), "首脳")),
        ("日米韓国防相会談", (frozenset({"JP", "US", "KR"}), "国防相")),
        ("米韓国防長官会談", (frozenset({"KR", "US"}), "国防相")),
        ("日米韓防衛相会談", (frozenset({"JP", "US", "KR"}), "国防相")),
        ("米国フィリピン首脳会談", (frozenset({"US", "PH"}), "首脳")),
        ("日程調整会議", (None, "日程調整")),
        # one session named two ways: 2+2 by its long name, a body by its names, 閣僚級 = 閣僚
        ("日露外務・防衛閣僚協議", (frozenset({"JP", "RU"}), "2+2")),
        ("国連安保理閣僚会合", (None, "安保理閣僚")),
        ("安保理閣僚級会合", (None, "安保理閣僚")),
        ("国連安全保障理事会閣僚級会合", (None, "安保理閣僚")),
    ],
)
def test_resolve_forum_key(text, expected):
    assert forum_key(text) == expected


FORUM_CASES = [
    (("拡大抑止戦略協議体", "EDSCG"), ("拡張抑止戦略協議体", None), True),
    (("韓米拡大抑止戦略協議体", None), ("EDSCG", "EDSCG"), True),
    (("韓米首脳会談", None), ("米韓首脳会議", None), True),
    (("米韓首脳会議", None), ("日米首脳会談", None), False),
    (("NATO首脳会議", None), ("米韓首脳会議", None), False),
    (("日米拡大抑止協議", "EDD"), ("拡大抑止戦略協議体", "EDSCG"), False),
    (("韓米拡大抑止協議", None), ("日米拡大抑止協議", None), False),
    (("日米韓安全保障協議", None), ("米日韓安全保障会議", None), True),
    (("東南アジア安全保障対話", "SEASD"), ("東南アジア安保会合", "SEASD"), True),
    (("韓米日外交次官協議", None), ("日米韓外務次官協議", None), True),
    (("日米韓防衛相会談", None), ("韓米日国防長官会談", None), True),
    (("日米韓外相会談", None), ("韓米日外交長官会談", None), True),
    (("日米韓外相会談", None), ("日米韓国防相会談", None), False),
]


@pytest.mark.parametrize(("a", "b", "same"), FORUM_CASES)
def test_resolve_forums_merging(a, b, same):
    corpus = [
        facts("a", meetings=[meeting("m1", a[0], acronym=a[1], date="2024-01-01")]),
        facts("b", meetings=[meeting("m1", b[0], acronym=b[1], date="2023-01-01")]),
    ]
    forums = resolve(corpus).forums
    assert (len(forums) == 1) is same, forums


def test_resolve_bare_meeting_word_is_keyed_by_participants():
    corpus = [
        facts("a", meetings=[meeting("m1", "首脳会談", countries=("KR", "US"), date="2024-07-11")]),
        facts("b", meetings=[meeting("m1", "韓米首脳会談", date="2024-07-11")]),
        facts("c", meetings=[meeting("m1", "首脳会談", countries=("JP", "KR"), date="2024-07-11")]),
    ]
    graph = resolve(corpus)
    assert [f.slug for f in graph.forums] == ["jp-kr-首脳", "kr-us-首脳"]
    assert [m.slug for m in graph.meetings] == ["jp-kr-首脳-2024-07-11", "kr-us-首脳-2024-07-11"]


def test_resolve_bare_meeting_word_is_not_taken_for_a_lexicon_forum_of_other_countries():
    corpus = [
        facts("a", meetings=[meeting("m1", "2プラス2", countries=("KR", "US"), date="2016-10")]),
        facts("b", meetings=[meeting("m1", "2プラス2", countries=("JP", "US"), date="2024-07-28")]),
    ]
    forums = resolve(corpus).forums
    assert [(f.slug, f.acronym) for f in forums] == [("kr-us-2-2", None), ("scc", "SCC")]


def test_resolve_ministers_meeting_of_an_acronym_group_is_not_its_summit():
    # 「G7外相会合」 (acronym G7, ministers) and the G7 summit: two forums, the summit keeps g7
    corpus = [
        facts("a", meetings=[meeting("m1", "G7外相会合", acronym="G7", date="2030-04-16", countries=("JP",))]),
        facts("b", meetings=[meeting("m1", "G7首脳会議", acronym="G7", date="2030-05-19", countries=("JP",))]),
    ]
    forums = resolve(corpus).forums
    assert sorted((f.slug, f.acronym) for f in forums) == [("g7", "G7"), ("g7外相", None)]


def test_resolve_forum_takes_lexicon_name_acronym_and_all_members():
    corpus = [
        facts("a", meetings=[meeting("m1", "拡張抑止戦略協議体", ordinal=4, countries=("KR",))],
              people=[person("p1", "ジョン・スミス", country="US")], reps=[("p1", "m1", "US")]),
    ]
    (forum,) = resolve(corpus).forums
    assert (forum.slug, forum.label, forum.acronym) == ("edscg", "拡大抑止戦略協議体", "EDSCG")
    assert forum.aliases == ("拡張抑止戦略協議体",)
    assert forum.member_countries == ("KR", "US")


# ---------------------------------------------------------------- meetings

MEETING_CASES = [
    # (doc a: ordinal, date), (doc b: ordinal, date), same session?
    ((5, None), (5, None), True),
    ((5, None), (4, None), False),
    ((None, "2024-07"), (None, "2024-07-11"), True),
    ((None, "2024-07-11"), (None, "2024-07-12"), True),  # a day apart: time zones, two-day meetings
    ((None, "2024-07-11"), (None, "2024-07-13"), False),
    ((5, "2024-10-04"), (None, "2024-10"), True),
    ((4, "2024"), (5, "2024-10"), False),
    ((None, "2024-07-11"), (None, "2024-07-11"), True),
]


@pytest.mark.parametrize(("a", "b", "same"), MEETING_CASES)
def test_resolve_meetings_merging(a, b, same):
    corpus = [
        facts("a", meetings=[meeting("m1", "核協議グループ", acronym="NCG", ordinal=a[0], date=a[1])]),
        facts("b", meetings=[meeting("m1", "核協議グループ", acronym="NCG", ordinal=b[0], date=b[1])]),
    ]
    meetings = resolve(corpus).meetings
    assert (len(meetings) == 1) is same, meetings


def test_resolve_meetings_same_ordinal_wins_over_a_day_of_difference():
    corpus = [
        facts("a", meetings=[meeting("m1", "核協議グループ", ordinal=2, date="2023-12-15")]),
        facts("b", meetings=[meeting("m1", "核協議グループ", ordinal=2, date="2023-12-16")]),
    ]
    (m,) = resolve(corpus).meetings
    # one article each: the earlier day (where it was held; the other is another time zone's)
    assert (m.slug, m.date) == ("ncg-2", "2023-12-15")


def test_resolve_meetings_year_month_day_chain_is_one_session():
    corpus = [
        facts("a", meetings=[meeting("m1", "核協議グループ", date="2024")]),
        facts("b", meetings=[meeting("m1", "核協議グループ", date="2024-07")]),
        facts("c", meetings=[meeting("m1", "核協議グループ", date="2024-07-11")]),
        facts("d", meetings=[meeting("m1", "核協議グループ", date="2023-07-11")]),
    ]
    assert [m.slug for m in resolve(corpus).meetings] == ["ncg-2023-07-11", "ncg-2024-07-11"]


def test_resolve_meetings_coarse_date_between_two_sessions_stays_apart():
    corpus = [
        facts("a", meetings=[meeting("m1", "核協議グループ", date="2024-03-01")]),
        facts("b", meetings=[meeting("m1", "核協議グループ", date="2024-10-04")]),
        facts("c", meetings=[meeting("m1", "核協議グループ", date="2024")]),
    ]
    assert [m.date for m in resolve(corpus).meetings] == ["2024", "2024-03-01", "2024-10-04"]


def test_resolve_meeting_without_ordinal_or_date_merges_only_within_its_article():
    corpus = [
        facts("a", meetings=[
            meeting("m1", "拡大抑止戦略協議体", ordinal=5, date="2024-10-04"),
            meeting("m2", "拡大抑止戦略協議体"),
        ]),
        facts("b", meetings=[meeting("m1", "拡大抑止戦略協議体")]),
    ]
    meetings = resolve(corpus).meetings
    assert sorted(m.slug for m in meetings) == ["edscg-5", "edscg-b"]
    (session,) = [m for m in meetings if m.slug == "edscg-5"]
    assert {e.doc_id for e in session.evidence} == {"a"}


def test_resolve_meeting_fields_held_wins_and_finest_date():
    corpus = [
        facts("a", meetings=[meeting("m1", "核協議グループ", ordinal=3, date="2024-06", status="planned")]),
        facts("b", meetings=[meeting("m1", "核協議グループ", ordinal=3, date="2024-06-10", status="held")]),
        facts("c", meetings=[meeting("m1", "核協議グループ", ordinal=3, status="mentioned")]),
    ]
    (m,) = resolve(corpus).meetings
    assert (m.slug, m.ordinal, m.date, m.status, m.label) == ("ncg-3", 3, "2024-06-10", "held", "第3回核協議グループ")


# ---------------------------------------------------------------- representations


def test_resolve_representations_one_per_person_meeting_side():
    corpus = [
        facts("a", people=[person("p1", "金泰孝", "キム・テヒョ", country="KR")],
              meetings=[meeting("m1", "核協議グループ", acronym="NCG", ordinal=2)],
              reps=[("p1", "m1", "KR", {"confidence": 0.5, "head_of_delegation": True, "rule": "talks_with"})]),
        facts("b", people=[person("p1", "キム・テヒョ", "金泰孝", country="KR")],
              meetings=[meeting("m1", "韓米核協議グループ", ordinal=2, date="2023-12-15")],
              reps=[("p1", "m1", "KR", {"confidence": 0.5, "head_of_delegation": False, "title": "国家安保室第1次長",
                                         "rule": "side_phrase"})]),
    ]
    graph = resolve(corpus)
    (rep,) = graph.representations
    assert (rep.slug, rep.person, rep.meeting, rep.side) == ("ncg-2-金泰孝-kr", "金泰孝", "ncg-2", "KR")
    assert rep.head_of_delegation is True
    assert rep.confidence == pytest.approx(0.75)
    assert rep.rules == ("side_phrase", "talks_with")  # every construction that found it (kgo:rule)
    assert rep.title == "国家安保室第1次長"
    assert {e.doc_id for e in rep.evidence} == {"a", "b"}


def test_resolve_countries_cover_every_code_used():
    corpus = [
        facts("a", people=[person("p1", "ジョン・スミス", country="GB")],
              meetings=[meeting("m1", "NATO首脳会議", countries=("NATO",), date="2024-07")],
              reps=[("p1", "m1", "GB")],
              institutions=[InstitutionMention(key="i1", name="外務省", country="JP")]),
    ]
    graph = resolve(corpus)
    assert [c.code for c in graph.countries] == ["GB", "JP", "NATO"]
    assert graph.countries[0].label_ja == "英国"
    assert [d.doc_id for d in graph.documents] == ["a"]


# ---------------------------------------------------------------- determinism and stability


def _corpus():
    return [
        facts("000", people=[person("p1", "金泰孝", "キム・テヒョ", country="KR", institution="国家安保室"),
                             person("p2", "ジョン・スミス", country="US")],
              meetings=[meeting("m1", "核協議グループ", acronym="NCG", ordinal=2, date="2023-12-15"),
                        meeting("m2", "核協議グループ", acronym="NCG", ordinal=1, date="2023-07")],
              reps=[("p1", "m1", "KR"), ("p2", "m1", "US")]),
        facts("001", people=[person("p1", "キム・テヒョ", "金泰孝", country="KR"),
                             person("p2", "ジョー・バイデン", "バイデン", country="US")],
              meetings=[meeting("m1", "米韓首脳会議", date="2024-07-11"),
                        meeting("m2", "NATO首脳会議", date="2024-07", countries=("NATO",))],
              reps=[("p1", "m1", "KR"), ("p2", "m1", "US"), ("p2", "m2", "US")]),
        facts("002", people=[person("p1", "バイデン", country="US"), person("p2", "パク・ミンス", country="KR")],
              meetings=[meeting("m1", "韓米首脳会談", date="2024-07"),
                        meeting("m2", "拡大抑止戦略協議体", acronym="EDSCG", ordinal=5)],
              reps=[("p1", "m1", "US"), ("p2", "m2", "KR")]),
    ]


def _shuffled(corpus, rng):
    out = []
    for f in corpus:
        people, meetings, reps = list(f.people), list(f.meetings), list(f.representations)
        for seq in (people, meetings, reps):
            rng.shuffle(seq)
        out.append(DocumentFacts(f.article, tuple(people), f.institutions, tuple(meetings), tuple(reps)))
    rng.shuffle(out)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_resolve_shuffled_input_gives_identical_graph(seed):
    assert resolve(_shuffled(_corpus(), random.Random(seed))) == resolve(_corpus())


def test_resolve_adding_an_article_keeps_existing_slugs():
    before = resolve(_corpus())
    extra = facts("003", people=[person("p1", "キム・テヒョ", country="KR"), person("p2", "ジョン・スミス", country="US"),
                                 person("p3", "ハンナ・リー", country="US")],
                  meetings=[meeting("m1", "拡張抑止戦略協議体", ordinal=5, date="2024-10-04"),
                            meeting("m2", "韓米首脳会談", date="2024-07-11")],
                  reps=[("p1", "m1", "KR"), ("p2", "m1", "US"), ("p3", "m2", "US")])
    after = resolve(_corpus() + [extra])
    for kind in ("people", "institutions", "forums", "meetings", "representations"):
        old = {r.slug for r in getattr(before, kind)}
        new = {r.slug for r in getattr(after, kind)}
        assert old <= new, (kind, old - new)
    assert len(after.people) == len(before.people) + 1


def test_resolve_representative_sample_of_the_whole_graph():
    graph = resolve(_corpus())
    assert [p.slug for p in graph.people] == ["ジョンスミス", "ジョーバイデン", "パクミンス", "金泰孝"]
    assert [m.slug for m in graph.meetings] == ["edscg-5", "kr-us-首脳-2024-07-11", "nato-首脳-2024-07", "ncg-1", "ncg-2"]
    assert [r.slug for r in graph.representations] == [
        "edscg-5-パクミンス-kr",
        "kr-us-首脳-2024-07-11-ジョーバイデン-us",
        "kr-us-首脳-2024-07-11-金泰孝-kr",
        "nato-首脳-2024-07-ジョーバイデン-us",
        "ncg-2-ジョンスミス-us",
        "ncg-2-金泰孝-kr",
    ]


# ---------------------------------------------------------------- bad input


def test_resolve_duplicate_document_ids_raise():
    with pytest.raises(BuildError) as err:
        resolve([facts("a"), facts("a")])
    assert err.value.code == "E560"
    assert "'a'" in str(err.value)


def test_resolve_representation_with_unknown_person_raises():
    bad = facts("a", meetings=[meeting("m1", "核協議グループ")], reps=[("p9", "m1", "KR")])
    with pytest.raises(BuildError) as err:
        resolve([bad])
    assert err.value.code == "E561"
    assert "'p9'" in str(err.value)
