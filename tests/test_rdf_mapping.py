"""kg.rdf.to_graph maps every record onto the kgo vocabulary (compared by isomorphism)."""
from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic, graph_diff, to_isomorphic
import rdflib.namespace as rns
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import GraphError
from kg.namespace import KGO, NIF, iri
from kg.rdf import date_literal, label_language, meeting_label, to_graph
from kg.records import (
    Country,
    Document,
    Evidence,
    Forum,
    Institution,
    Meeting,
    Person,
    Representation,
    ResolvedGraph,
)
from tests.fixtures_graph import TEXT, sample_resolved_graph

SENTENCE = "韓国側からは崔成民外交部第1次官が首席代表として出席した。"
EV = Evidence(doc_id="d1", start=10, end=10 + len(SENTENCE), sentence=SENTENCE)


def _tiny() -> ResolvedGraph:
    return ResolvedGraph(
        documents=(Document(doc_id="d1", title="韓米協議", published="2024-10-05", url="https://example.jp/a b", source="通信社", path="d1.txt"),),
        countries=(Country("KR", "韓国", "South Korea"),),
        people=(
            Person(slug="崔成民", label="崔成民", aliases=("チェ・ソンミン", "Choi Sung-min"), titles=("外交部第1次官",),
                   institutions=("KR-外交部",), country="KR", is_official=True, evidence=(EV,), confidence=0.9),
        ),
        institutions=(Institution(slug="KR-外交部", label="外交部", country="KR", kind="ministry"),),
        forums=(Forum(slug="拡大抑止戦略協議体", label="拡大抑止戦略協議体", aliases=("EDSCG",), acronym="EDSCG",
                      kind="forum", member_countries=("KR", "US")),),
        meetings=(Meeting(slug="拡大抑止戦略協議体-5", forum="拡大抑止戦略協議体", label="", ordinal=5, date="2024-10",
                          place="ワシントン", participants=("KR", "US"), status="held", evidence=(EV,), confidence=1.0),),
        representations=(
            Representation(slug="r1", person="崔成民", meeting="拡大抑止戦略協議体-5", side="KR", title="外交部第1次官",
                           institution="KR-外交部", head_of_delegation=True, evidence=(EV,), confidence=0.75),
        ),
    )


EXPECTED_TINY = """
@prefix kgo: <https://w3id.org/kaigi-kg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/kaigi-kg/id/> .

<https://w3id.org/kaigi-kg/id/document/d1> a kgo:Document ;
    dcterms:identifier "d1" ; dcterms:title "韓米協議"@ja ; rdfs:label "韓米協議"@ja ;
    dcterms:date "2024-10-05"^^xsd:date ; dcterms:source "通信社" ;
    schema:url <https://example.jp/a%20b> .

<https://w3id.org/kaigi-kg/id/country/KR> a kgo:Country ;
    rdfs:label "韓国"@ja , "South Korea"@en ; kgo:isoCode "KR" .
<https://w3id.org/kaigi-kg/id/country/US> a kgo:Country ;
    rdfs:label "米国"@ja , "United States"@en ; kgo:isoCode "US" .

<https://w3id.org/kaigi-kg/id/person/崔成民> a kgo:Person , kgo:Official ;
    rdfs:label "崔成民"@ja ; skos:altLabel "チェ・ソンミン"@ja , "Choi Sung-min"@en ;
    kgo:title "外交部第1次官" ; kgo:serves <https://w3id.org/kaigi-kg/id/institution/KR-外交部> ;
    kgo:country <https://w3id.org/kaigi-kg/id/country/KR> ; kgo:confidence 0.9 ;
    kgo:evidence <https://w3id.org/kaigi-kg/id/evidence/d1-10-39> ;
    kgo:attendedMeeting <https://w3id.org/kaigi-kg/id/meeting/拡大抑止戦略協議体-5> .

<https://w3id.org/kaigi-kg/id/institution/KR-外交部> a kgo:Institution ;
    rdfs:label "外交部"@ja ; kgo:country <https://w3id.org/kaigi-kg/id/country/KR> ; kgo:kind "ministry" .

<https://w3id.org/kaigi-kg/id/forum/拡大抑止戦略協議体> a kgo:Forum ;
    rdfs:label "拡大抑止戦略協議体"@ja ; skos:altLabel "EDSCG"@en ; kgo:acronym "EDSCG" ; kgo:kind "forum" ;
    kgo:memberCountry <https://w3id.org/kaigi-kg/id/country/KR> , <https://w3id.org/kaigi-kg/id/country/US> .

<https://w3id.org/kaigi-kg/id/meeting/拡大抑止戦略協議体-5> a kgo:Meeting ;
    kgo:forum <https://w3id.org/kaigi-kg/id/forum/拡大抑止戦略協議体> ;
    rdfs:label "第5回拡大抑止戦略協議体"@ja ; kgo:ordinal 5 ; kgo:date "2024-10"^^xsd:gYearMonth ;
    kgo:place "ワシントン" ; kgo:status "held" ; kgo:confidence 1.0 ;
    kgo:participant <https://w3id.org/kaigi-kg/id/country/KR> , <https://w3id.org/kaigi-kg/id/country/US> ;
    kgo:evidence <https://w3id.org/kaigi-kg/id/evidence/d1-10-39> .

<https://w3id.org/kaigi-kg/id/representation/r1> a kgo:Representation ;
    rdfs:label "崔成民（韓国）@第5回拡大抑止戦略協議体"@ja ;
    kgo:official <https://w3id.org/kaigi-kg/id/person/崔成民> ;
    kgo:side <https://w3id.org/kaigi-kg/id/country/KR> ;
    kgo:meeting <https://w3id.org/kaigi-kg/id/meeting/拡大抑止戦略協議体-5> ;
    kgo:title "外交部第1次官" ;
    kgo:institution <https://w3id.org/kaigi-kg/id/institution/KR-外交部> ;
    kgo:headOfDelegation true ; kgo:confidence 0.75 ;
    kgo:evidence <https://w3id.org/kaigi-kg/id/evidence/d1-10-39> .

<https://w3id.org/kaigi-kg/id/evidence/d1-10-39> a kgo:Evidence , nif:OffsetBasedString ;
    kgo:document <https://w3id.org/kaigi-kg/id/document/d1> ;
    nif:beginIndex "10"^^xsd:nonNegativeInteger ; nif:endIndex "39"^^xsd:nonNegativeInteger ;
    nif:anchorOf "韓国側からは崔成民外交部第1次官が首席代表として出席した。" .
"""


def test_rdf_tiny_graph_is_isomorphic_to_expected_turtle():
    got = to_graph(_tiny())
    expected = Graph().parse(data=EXPECTED_TINY, format="turtle")
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        pytest.fail(f"extra: {sorted(only_got)}\nmissing: {sorted(only_expected)}")


def test_rdf_graph_has_no_blank_nodes():
    g = to_graph(sample_resolved_graph())
    assert not any(isinstance(n, BNode) for triple in g for n in triple)


def test_rdf_same_records_in_other_order_give_same_graph():
    sample = sample_resolved_graph()
    shuffled = ResolvedGraph(**{
        name: tuple(reversed(getattr(sample, name))) for name in
        ("documents", "countries", "people", "institutions", "forums", "meetings", "representations")
    })
    assert set(to_graph(sample)) == set(to_graph(shuffled))


def test_rdf_sample_evidence_offsets_point_at_sentence():
    g = to_graph(sample_resolved_graph())
    evidence = set(g.subjects(RDF.type, KGO.Evidence))
    assert len(evidence) == 5
    for ev in evidence:
        begin, end = int(g.value(ev, NIF.beginIndex)), int(g.value(ev, NIF.endIndex))
        assert TEXT[begin:end] == str(g.value(ev, NIF.anchorOf))


def test_rdf_binds_kgo_and_instance_prefixes():
    prefixes = dict(to_graph(_tiny()).namespaces())
    assert str(prefixes["kgo"]) == str(KGO._NS)
    assert str(prefixes["person"]) == "https://w3id.org/kaigi-kg/id/person/"


@pytest.mark.parametrize(
    ("text", "datatype"),
    [("2024-10-04", rns.XSD.date), ("2024-10", rns.XSD.gYearMonth), ("2024", rns.XSD.gYear), ("2024-02-29", rns.XSD.date)],
)
def test_rdf_date_literal_typed_by_precision(text, datatype):
    lit = date_literal(text)
    assert (str(lit), lit.datatype) == (text, datatype)


@pytest.mark.parametrize("text", ["2024/10/04", "2024-13", "2023-02-29", "令和6年", "24", "2024-10-4", ""])
def test_rdf_date_literal_rejects_malformed(text):
    with pytest.raises(GraphError) as err:
        date_literal(text)
    assert err.value.code == "E404"
    assert repr(text) in str(err.value)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("キム・ホンギュ", "ja"),
        ("金次官", "ja"),
        ("EDSCG", "en"),
        ("Choi Sung-min", "en"),
        ("ＮＣＧ", "en"),  # full-width Latin is still Latin script
        ("2+2", "ja"),  # no letters at all: the article's language
        ("NATO首脳会議", "ja"),
        ("Émile Dupont", "en"),
    ],
)
def test_rdf_label_language_by_script(text, lang):
    assert label_language(text) == lang


@pytest.mark.parametrize(
    ("forum", "ordinal", "date", "expected"),
    [
        ("拡大抑止戦略協議体", 5, "2024-10-04", "第5回拡大抑止戦略協議体"),
        ("米韓首脳会談", None, "2024-07-11", "米韓首脳会談 2024-07-11"),
        ("核協議グループ", None, None, "核協議グループ"),
    ],
)
def test_rdf_meeting_label(forum, ordinal, date, expected):
    assert meeting_label(forum, ordinal, date) == expected


@pytest.mark.parametrize(
    ("record_label", "alt_labels"),
    [
        ("拡大抑止戦略協議体 第5回", {Literal("拡大抑止戦略協議体 第5回", lang="ja")}),
        ("第5回拡大抑止戦略協議体", set()),
        ("", set()),
    ],
)
def test_rdf_meeting_label_composed_and_resolver_label_kept_as_alias(record_label, alt_labels):
    tiny = _tiny()
    m = replace(tiny.meetings[0], label=record_label)
    g = to_graph(replace(tiny, meetings=(m,)))
    node = iri("meeting", m.slug)
    assert set(g.objects(node, RDFS.label)) == {Literal("第5回拡大抑止戦略協議体", lang="ja")}
    assert set(g.objects(node, SKOS.altLabel)) == alt_labels


def test_rdf_side_not_listed_in_countries_gets_lexicon_labels():
    tiny = _tiny()
    rep = replace(tiny.representations[0], side="JP")
    g = to_graph(replace(tiny, representations=(rep,)))
    jp = iri("country", "JP")
    assert (jp, RDF.type, KGO.Country) in g
    assert g.value(jp, KGO.isoCode) == Literal("JP")
    assert Literal("日本", lang="ja") in set(g.objects(jp, RDFS.label))


def test_rdf_evidence_from_unlisted_document_still_typed():
    tiny = replace(_tiny(), documents=())
    g = to_graph(tiny)
    doc = iri("document", "d1")
    assert (doc, RDF.type, KGO.Document) in g


def test_rdf_head_of_delegation_absent_when_not_stated():
    tiny = _tiny()
    rep = replace(tiny.representations[0], head_of_delegation=None, title=None, institution=None)
    g = to_graph(replace(tiny, representations=(rep,)))
    node = iri("representation", "r1")
    for prop in (KGO.headOfDelegation, KGO.title, KGO.institution):
        assert g.value(node, prop) is None


def test_rdf_official_typed_only_when_official():
    tiny = _tiny()
    person = replace(tiny.people[0], is_official=False)
    g = to_graph(replace(tiny, people=(person,)))
    node = iri("person", person.slug)
    assert (node, RDF.type, KGO.Person) in g
    assert (node, RDF.type, KGO.Official) not in g


def test_rdf_alias_equal_to_label_not_repeated():
    tiny = _tiny()
    person = replace(tiny.people[0], aliases=("崔成民", "チェ・ソンミン"))
    g = to_graph(replace(tiny, people=(person,)))
    assert set(g.objects(iri("person", person.slug), SKOS.altLabel)) == {Literal("チェ・ソンミン", lang="ja")}


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("person", "誰か", "person '誰か'"),
        ("meeting", "no-such-meeting", "meeting 'no-such-meeting'"),
        ("institution", "no-such-institution", "institution 'no-such-institution'"),
    ],
)
def test_rdf_dangling_link_is_a_clear_error(field, value, fragment):
    tiny = _tiny()
    rep = replace(tiny.representations[0], **{field: value})
    with pytest.raises(GraphError) as err:
        to_graph(replace(tiny, representations=(rep,)))
    assert err.value.code == "E403"
    assert fragment in str(err.value) and "representation 'r1'" in str(err.value)


def test_rdf_meeting_of_unknown_forum_is_a_clear_error():
    tiny = _tiny()
    m = replace(tiny.meetings[0], forum="no-such-forum")
    with pytest.raises(GraphError, match=r"\[E403\] meeting '拡大抑止戦略協議体-5' refers to forum 'no-such-forum'"):
        to_graph(replace(tiny, meetings=(m,)))


@pytest.mark.parametrize("confidence", [-0.1, 1.5])
def test_rdf_confidence_out_of_range_is_rejected(confidence):
    tiny = _tiny()
    rep = replace(tiny.representations[0], confidence=confidence)
    with pytest.raises(GraphError) as err:
        to_graph(replace(tiny, representations=(rep,)))
    assert err.value.code == "E405"
