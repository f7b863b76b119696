"""KGO lists exactly the terms of ontology/kg.ttl; instance IRIs are valid and readable."""
from __future__ import annotations

import unicodedata
from urllib.parse import unquote

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.errors import GraphError
from kg.namespace import INSTANCE_BASE, KGO, PREFIXES, bind_prefixes, curie, iri, ontology_path

KGO_NS = str(KGO._NS)
DECLARING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Class)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    g = Graph()
    g.parse(ontology_path().read_bytes(), format="turtle")
    return g


def _declared(ontology: Graph) -> set[str]:
    return {
        str(s)[len(KGO_NS):]
        for t in DECLARING_TYPES
        for s in ontology.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(KGO_NS)
    }


def test_namespace_kgo_terms_equal_ontology_declarations(ontology):
    in_code = set(KGO.__annotations__)
    in_ttl = _declared(ontology)
    assert in_code - in_ttl == set(), "terms in kg/namespace.py missing from ontology/kg.ttl"
    assert in_ttl - in_code == set(), "terms in ontology/kg.ttl missing from kg/namespace.py"


def test_namespace_every_used_kgo_iri_is_declared(ontology):
    """No kgo: IRI is used in the ontology (as subject or object) without a declaration."""
    declared = _declared(ontology)
    used = {
        str(n)[len(KGO_NS):]
        for triple in ontology
        for n in triple
        if isinstance(n, URIRef) and str(n).startswith(KGO_NS)
    }
    assert used <= declared


def test_namespace_every_term_has_ja_and_en_label_and_comment(ontology):
    for name in KGO.__annotations__:
        term = KGO[name]
        langs = {lbl.language for lbl in ontology.objects(term, RDFS.label)}
        assert {"ja", "en"} <= langs, name
        assert any(c.language == "en" for c in ontology.objects(term, RDFS.comment)), name


def test_namespace_misspelt_term_fails():
    with pytest.raises(AttributeError):
        KGO.Meting  # noqa: B018


@pytest.mark.parametrize(
    ("kind", "slug", "expected"),
    [
        ("person", "崔成民", "person/崔成民"),
        ("person", "チェ・ソンミン", "person/チェ・ソンミン"),
        ("forum", "拡大抑止戦略協議体", "forum/拡大抑止戦略協議体"),
        ("forum", "2+2", "forum/2+2"),
        ("meeting", "核協議グループ 3", "meeting/核協議グループ%203"),
        ("meeting", "核協議グループ\u30003", "meeting/核協議グループ%E3%80%803"),
        ("institution", "a/b", "institution/a%2Fb"),
        ("institution", "100%", "institution/100%25"),
        ("document", 'x<y>"z"', "document/x%3Cy%3E%22z%22"),
        ("document", "a{b}|c^d`e\\f", "document/a%7Bb%7D%7Cc%5Ed%60e%5Cf"),
        ("evidence", "000_abc-12-40", "evidence/000_abc-12-40"),
        ("country", "KR", "country/KR"),
        ("meeting", "..", "meeting/%2E%2E"),
        ("person", "\u30ab\u3099", "person/\u30ac"),  # decomposed kana is NFC-composed
        ("person", "a\u200bb", "person/a%E2%80%8Bb"),  # zero-width space is made visible
    ],
)
def test_namespace_iri_encodes_only_what_an_iri_may_not_contain(kind, slug, expected):
    assert iri(kind, slug) == URIRef(INSTANCE_BASE + expected)


def test_namespace_iri_round_trips_through_turtle():
    g = Graph()
    bind_prefixes(g)
    nodes = [iri("meeting", s) for s in ["a b", "2+2", "x.", "(注)", "核協議グループ-4", "%41"]]
    for n in nodes:
        g.add((n, RDF.type, KGO.Meeting))
    back = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert set(back.subjects(RDF.type, KGO.Meeting)) == set(nodes)


@pytest.mark.parametrize(
    ("kind", "slug", "code"),
    [("people", "x", "E401"), ("person", "", "E402"), ("person", "  ", "E402")],
)
def test_namespace_iri_rejects_bad_kind_or_slug(kind, slug, code):
    with pytest.raises(GraphError) as err:
        iri(kind, slug)
    assert err.value.code == code
    assert "\n" not in str(err.value)


def test_namespace_prefixes_include_kgo_and_instance_kinds():
    assert PREFIXES["kgo"] == "https://w3id.org/kaigi-kg/ontology#"
    assert PREFIXES["person"] == INSTANCE_BASE + "person/"


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1).filter(lambda s: s.strip()))
def test_namespace_iri_is_valid_and_decodes_to_the_slug(slug):
    node = iri("person", slug)
    pyoxigraph.NamedNode(str(node))  # strict RFC 3987 check: raises on an invalid IRI
    segment = str(node)[len(INSTANCE_BASE + "person/"):]
    assert "/" not in segment
    assert unquote(segment) == unicodedata.normalize("NFC", slug)


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (iri("person", "マーガレット・ホール"), "person:マーガレット・ホール"),
        (iri("meeting", "核協議グループ 3"), "meeting:核協議グループ%203"),
        (KGO.side, "kgo:side"),
        (URIRef("http://example.org/a/b"), "<http://example.org/a/b>"),
        (URIRef(INSTANCE_BASE + "person/"), "<https://w3id.org/kaigi-kg/id/person/>"),
    ],
)
def test_namespace_curie_shortens_project_iris(node, expected):
    assert curie(node) == expected
