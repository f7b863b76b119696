"""Person record linkage and session identity across articles (kg.linkage, kg.sessions):
tables of (reports in one article, reports in another, one entity?) in names of our own
or of the reference list, and the IRI stability rule of docs/resolution.md."""
from __future__ import annotations

import pytest
from rdflib import OWL, URIRef

from kg.linkage import canonical_post, fold_name, posts_agree
from kg.namespace import KGO, iri
from kg.rdf import to_graph
from kg.records import Article, DocumentFacts
from kg.resolve import resolve
from test_resolve_entities import facts, meeting, person


def dated(f: DocumentFacts, published: str | None) -> DocumentFacts:
    a = f.article
    return DocumentFacts(Article(a.doc_id, a.path, a.text, a.body, a.title, published),
                         f.people, f.institutions, f.meetings, f.representations)


@pytest.mark.parametrize(("a", "b"), [
    ("ラヴロフ", "ラブロフ"),
    ("ウラジミール", "ウラジーミル"),
    ("ベイカー", "ベーカー"),
    ("ストルテンベルク", "ストルテンベルグ"),
    ("ジャン＝イヴ", "ジャンイブ"),
])
def test_resolve_linkage_folds_katakana_spelling_variants(a, b):
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize(("title", "post", "former"), [
    ("ロシア連邦大統領", "大統領", False),
    ("外務大臣", "外務大臣", False),
    ("前大統領", "大統領", True),
    ("米国防長官", "国防長官", False),
])
def test_resolve_linkage_reads_the_post_of_a_title(title, post, former):
    assert canonical_post(title) == (post, former)


@pytest.mark.parametrize(("a", "b", "agree"), [
    ("外相", "外務大臣", True),
    ("国務長官", "外相", True),
    ("長官", "国防長官", True),
    ("大臣", "防衛大臣", True),
    ("総理大臣", "首相", True),
    ("外相", "統合幕僚長", False),
    ("首相", "外相", False),
])
def test_resolve_linkage_posts_agree_across_spellings(a, b, agree):
    assert posts_agree(a, b) is agree


# (name, title, country, published) of one report in article a, one in article b; one person?
PERSON_CASES = [
    # katakana variants of one reference official
    (("ラヴロフ", "外相", "RU", "2018-07-31"), ("ラブロフ", "外務大臣", "RU", "2017-08-17"), True),
    # a given name and its shortening, an initial dropped
    (("ジョセフ・R・バイデン", "大統領", "US", None), ("ジョー・バイデン", "大統領", "US", "2024-07-12"), True),
    # a surname never absorbs a longer different name: 岸 (defence) is not 岸田 (foreign)
    (("岸", "防衛大臣", "JP", "2021-03-16"), ("岸田文雄", "外務大臣", "JP", "2015-10-01"), False),
    # one surname, two posts of one year: two people
    (("河野", "外相", "JP", "2018-07-31"), ("河野", "統合幕僚長", "JP", "2018-07-31"), False),
    # a surname with the post its full name held that year
    (("河野", "外相", "JP", "2018-05-21"), ("河野太郎", "外務大臣", "JP", "2017-08-17"), True),
    # names of no reference row: equal folded full names are one person
    (("ハンス・ベイカー", "国務次官", "US", "2020-01-10"), ("ハンス・ベーカー", "次官", "US", "2021-02-01"), True),
    # two full names of one surname are two people
    (("山川一郎", "外務大臣", "JP", "2010-05-01"), ("山川次郎", "外務大臣", "JP", "2010-06-01"), False),
    # a bare surname with one post, ten years apart: two holders
    (("山川", "外務大臣", "JP", "2010-05-01"), ("山川", "外務大臣", "JP", "2020-05-01"), False),
    (("山川", "外務大臣", "JP", "2010-05-01"), ("山川", "外相", "JP", "2011-05-01"), True),
]


@pytest.mark.parametrize(("a", "b", "same"), PERSON_CASES)
def test_resolve_linkage_people_across_articles(a, b, same):
    corpus = [
        dated(facts("a", people=[person("p1", a[0], title=a[1], country=a[2])]), a[3]),
        dated(facts("b", people=[person("p1", b[0], title=b[1], country=b[2])]), b[3]),
    ]
    people = resolve(corpus).people
    assert (len(people) == 1) is same, [(p.slug, p.aliases) for p in people]


# (full name, its title, country), (bare surname, its title, country) in ONE article; one person?
IN_ARTICLE_CASES = [
    # the article's one full name of that surname, later a post of the same kind: coreference
    (("ハンス・ベーカー", "国家安全保障補佐官", "US"), ("ベーカー", "調整官", None), True),
    (("山川一郎", "外務大臣", "JP"), ("山川", "大臣", "JP"), True),
    # a minister and a general of one surname are two people
    (("山川一郎", "外務大臣", "JP"), ("山川", "統合幕僚長", "JP"), False),
    # another country named for the surname: two people
    (("ハンス・ベーカー", "補佐官", "US"), ("ベーカー", "調整官", "GB"), False),
]


@pytest.mark.parametrize(("full", "bare", "same"), IN_ARTICLE_CASES)
def test_resolve_linkage_a_bare_surname_is_the_full_name_of_its_article(full, bare, same):
    corpus = [dated(facts("a", people=[person("p1", full[0], title=full[1], country=full[2]),
                                       person("p2", bare[0], title=bare[1], country=bare[2])]), "2024-06-18")]
    people = resolve(corpus).people
    assert (len(people) == 1) is same, [(p.slug, p.titles) for p in people]


def test_resolve_linkage_a_bare_surname_of_a_reference_official_is_not_another_full_name():
    # 「河野」 外相 in 2018 is a reference official; the article's other full name of that
    # surname (made up, no row) is someone else
    corpus = [dated(facts("a", people=[person("p1", "河野一郎", title="外務大臣", country="JP"),
                                       person("p2", "河野", title="外相", country="JP")]), "2018-07-31")]
    assert sorted(p.slug for p in resolve(corpus).people) == ["河野一郎", "河野太郎"]


def test_resolve_linkage_a_bare_surname_of_two_full_names_of_its_article_stays_apart():
    corpus = [dated(facts("a", people=[person("p1", "山川一郎", title="外務大臣", country="JP"),
                                       person("p2", "山川次郎", title="防衛大臣", country="JP"),
                                       person("p3", "山川", title="大臣", country="JP")]), "2024-06-18")]
    assert len(resolve(corpus).people) == 3


def test_resolve_linkage_a_bare_surname_joins_the_one_with_its_post():
    corpus = [
        dated(facts("a", people=[person("p1", "木原稔", title="防衛大臣", country="JP")]), "2024-07-08"),
        dated(facts("b", people=[person("p1", "木原誠二", title="外務副大臣", country="JP")]), "2016-02-04"),
        dated(facts("c", people=[person("p1", "木原", title="防衛大臣", country="JP")]), "2024-05-04"),
    ]
    people = {p.slug: {e.doc_id for e in p.evidence} for p in resolve(corpus).people}
    assert people == {"木原稔": {"a", "c"}, "木原誠二": {"b"}}


def test_resolve_linkage_reference_name_labels_and_sameas_wikidata():
    corpus = [dated(facts("a", people=[person("p1", "プーチン", title="大統領", country="RU")]), "2024-06-18")]
    (p,) = resolve(corpus).people
    assert (p.slug, p.label, p.wikidata) == ("ウラジーミルプーチン", "ウラジーミル・プーチン", "Q7747")
    g = to_graph(resolve(corpus))
    assert (iri("person", p.slug), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q7747")) in g


def test_resolve_linkage_adding_a_kanji_spelling_keeps_the_reference_slug():
    first = [dated(facts("b", people=[person("p1", "キム・ジョンウン", title="国務委員長", country="KP")]), "2019-02-28")]
    before = {p.slug for p in resolve(first).people}
    added = dated(facts("a", people=[person("p1", "金正恩", title="国務委員長", country="KP")]), "2018-06-12")
    after = {p.slug for p in resolve(first + [added]).people}
    assert before == after == {"金正恩"}


# ---------------------------------------------------------------- sessions

# (date, published) of a report in article a and in article b of one forum; one session?
SESSION_CASES = [
    # undated report published days after the session: its report
    (("2024-07-11", "2024-07-12"), (None, "2024-07-08"), True),
    # undated report a month later: not enough
    (("2024-07-11", "2024-07-12"), (None, "2024-08-15"), False),
    # known only to the year: two sessions of a year are not one for that
    (("2024", None), ("2024", None), False),
    (("2024-05", None), ("2024-05", None), True),
]


@pytest.mark.parametrize(("a", "b", "same"), SESSION_CASES)
def test_resolve_sessions_across_articles(a, b, same):
    corpus = [
        dated(facts("a", meetings=[meeting("m1", "日豪防衛相会談", date=a[0], countries=("JP", "AU"))]), a[1]),
        dated(facts("b", meetings=[meeting("m1", "日豪防衛相会談", date=b[0], countries=("JP", "AU"))]), b[1]),
    ]
    meetings = resolve(corpus).meetings
    assert (len(meetings) == 1) is same, [m.slug for m in meetings]


@pytest.mark.parametrize(("shared", "same"), [(2, True), (1, False)])
def test_resolve_sessions_undated_report_joins_the_session_its_people_attended(shared, same):
    names = ["山川一郎", "ハンス・ベーカー", "李大成"]
    people_a = [person(f"p{i}", n, country=c) for i, (n, c) in enumerate(zip(names, ("JP", "US", "KR")))]
    people_b = people_a[:shared]
    corpus = [
        facts("a", people=people_a, meetings=[meeting("m1", "日米韓首脳会談", date="2023-08-18", countries=("JP", "US", "KR"))],
              reps=[(p.key, "m1", p.country) for p in people_a]),
        facts("b", people=people_b, meetings=[
            meeting("m1", "日米韓首脳会談", countries=("JP", "US", "KR")),
            meeting("m2", "日米外相会談", date="2023-01-01", countries=("JP", "US")),
        ], reps=[(p.key, "m1", p.country) for p in people_b]),
    ]
    sessions = [m for m in resolve(corpus).meetings if m.forum == "jp-kr-us-首脳"]
    assert (len(sessions) == 1) is same, [m.slug for m in sessions]


def test_resolve_sessions_a_part_of_a_meeting_is_its_own_node_part_of_it():
    corpus = [
        facts("a", meetings=[
            meeting("m1", "日印外相間戦略対話", ordinal=17, date="2024-08-20", countries=("JP", "IN")),
            meeting("m2", "拡大会合", date="2024-08-20", countries=("JP", "IN")),
        ]),
        facts("b", meetings=[meeting("m1", "日印外相間戦略対話", ordinal=17, countries=("JP", "IN"))]),
    ]
    graph = resolve(corpus)
    parts = {m.slug: m.part_of for m in graph.meetings}
    assert parts == {"in-jp-外相間戦略-17": None, "in-jp-外相間戦略-17-拡大会合": "in-jp-外相間戦略-17"}
    g = to_graph(graph)
    assert (iri("meeting", "in-jp-外相間戦略-17-拡大会合"), KGO.partOf, iri("meeting", "in-jp-外相間戦略-17")) in g


def test_resolve_sessions_two_days_of_one_article_stay_two_sessions():
    corpus = [
        facts("a", meetings=[meeting("m1", "日米会談", date="2013-04-23", countries=("JP", "US")),
                             meeting("m2", "日米会談", date="2013-04-24", countries=("JP", "US"))]),
        facts("b", meetings=[meeting("m1", "日米会談", date="2013-04-24", countries=("JP", "US"))]),
    ]
    assert sorted(m.date for m in resolve(corpus).meetings) == ["2013-04-23", "2013-04-24"]


def test_resolve_forum_name_with_the_rest_of_a_date_is_the_same_forum():
    corpus = [
        facts("a", meetings=[meeting("m1", "拡大東南アジア国防相会議", date="2018-10-20", countries=("JP",))]),
        facts("b", meetings=[meeting("m1", "年拡大東南アジア国防相会議", date="2018-10-19", countries=("JP",))]),
    ]
    (m,) = resolve(corpus).meetings
    assert {e.doc_id for e in m.evidence} == {"a", "b"}


def test_resolve_linkage_a_surname_without_country_joins_the_same_post():
    corpus = [
        dated(facts("a", people=[person("p1", "大森", title="長官")]), "2005-03-01"),
        dated(facts("b", people=[person("p1", "大森", title="防衛庁長官", country="JP")]), "2005-06-01"),
        dated(facts("c", people=[person("p1", "大森", title="防衛庁長官", country="KR")]), "2005-06-01"),
    ]
    people = sorted(sorted(e.doc_id for e in p.evidence) for p in resolve(corpus).people)
    assert people == [["a", "b"], ["c"]]
