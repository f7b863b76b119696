"""SHACL: a graph from to_graph conforms; each kind of broken graph is reported readably."""
from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Graph, Literal
import rdflib.namespace as rns
from rdflib.namespace import DCTERMS, RDF

from kg.namespace import KGO, NIF, iri
from kg.rdf import to_graph
from kg.validate import ValidationReport, Violation, shapes_graph, validate
from tests.fixtures_graph import sample_resolved_graph

REP = iri("representation", "拡大抑止戦略協議体-5--崔成民--KR")
MEETING = iri("meeting", "拡大抑止戦略協議体-5")
PERSON = iri("person", "崔成民")
EVIDENCE = iri("evidence", "sample_edscg_20241005-71-115")
DOCUMENT = iri("document", "sample_edscg_20241005")
COUNTRY = iri("country", "KR")


def _sample() -> Graph:
    return to_graph(sample_resolved_graph())


def _without_side(g):
    g.remove((REP, KGO.side, None))


def _two_meetings(g):
    g.add((REP, KGO.meeting, iri("meeting", "拡大抑止戦略協議体-4")))


def _plain_string_date(g):
    g.set((MEETING, KGO.date, Literal("2024-10-04")))


def _official_without_country(g):
    g.remove((PERSON, KGO.country, None))


def _no_evidence(g):
    g.remove((REP, KGO.evidence, None))


def _begin_after_end(g):
    g.set((EVIDENCE, NIF.beginIndex, Literal(500, datatype=rns.XSD.nonNegativeInteger)))


def _country_without_iso(g):
    g.remove((COUNTRY, KGO.isoCode, None))


def _bad_status(g):
    g.set((MEETING, KGO.status, Literal("cancelled")))


def _side_is_a_person(g):
    g.set((REP, KGO.side, PERSON))


def _meeting_without_forum(g):
    g.remove((MEETING, KGO.forum, None))


BROKEN = [
    ("without_side", _without_side, "representation:拡大抑止戦略協議体-5--崔成民--KR", "kgo:side",
     "exactly one kgo:side"),
    ("two_meetings", _two_meetings, "representation:拡大抑止戦略協議体-5--崔成民--KR", "kgo:meeting",
     "exactly one kgo:meeting"),
    ("plain_string_date", _plain_string_date, "meeting:拡大抑止戦略協議体-5", "kgo:date",
     "xsd:date, xsd:gYearMonth or xsd:gYear"),
    ("official_without_country", _official_without_country, "person:崔成民", "kgo:country",
     "An Official needs a kgo:country"),
    ("no_evidence", _no_evidence, "representation:拡大抑止戦略協議体-5--崔成民--KR", "kgo:evidence",
     "at least one kgo:evidence"),
    ("begin_after_end", _begin_after_end, "evidence:sample_edscg_20241005-71-115", "nif:beginIndex",
     "not be greater than nif:endIndex"),
    ("country_without_iso", _country_without_iso, "country:KR", "kgo:isoCode", "exactly one kgo:isoCode"),
    ("bad_status", _bad_status, "meeting:拡大抑止戦略協議体-5", "kgo:status", '"held", "planned", "mentioned"'),
    ("side_is_a_person", _side_is_a_person, "representation:拡大抑止戦略協議体-5--崔成民--KR", "kgo:side",
     "the kgo:Country represented"),
    ("meeting_without_forum", _meeting_without_forum, "meeting:拡大抑止戦略協議体-5", "kgo:forum",
     "exactly one kgo:forum"),
]


def test_validate_sample_graph_conforms():
    report = validate(_sample())
    assert isinstance(report, ValidationReport)
    assert report.conforms and report.violations == ()


@pytest.mark.parametrize(("name", "breaker", "focus", "path", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_validate_broken_graph_reported(name, breaker, focus, path, message):
    g = _sample()
    breaker(g)
    report = validate(g)
    assert not report.conforms
    assert len(report.errors) == 1, [v.describe() for v in report.violations]
    (violation,) = report.errors
    assert (violation.focus, violation.path, violation.severity) == (focus, path, "Violation")
    assert message in violation.message
    line = violation.describe()
    assert line.startswith(f"Violation {focus} {path}: ") and "\n" not in line


def test_validate_plain_string_date_names_the_bad_value():
    g = _sample()
    _plain_string_date(g)
    (violation,) = validate(g).errors
    assert violation.value == '"2024-10-04"'
    assert str(violation) == violation.describe()


def test_validate_document_without_title_is_only_a_warning():
    g = _sample()
    g.remove((DOCUMENT, DCTERMS.title, None))
    report = validate(g)
    assert report.conforms
    assert [(v.severity, v.focus, v.path) for v in report.violations] == [
        ("Warning", "document:sample_edscg_20241005", "dcterms:title")
    ]
    assert report.errors == ()


def test_validate_several_problems_sorted_and_all_reported():
    g = _sample()
    _without_side(g)
    _plain_string_date(g)
    _official_without_country(g)
    report = validate(g)
    assert [(v.focus, v.path) for v in report.errors] == sorted((v.focus, v.path) for v in report.errors)
    assert {v.path for v in report.errors} == {"kgo:side", "kgo:date", "kgo:country"}


def test_validate_empty_graph_conforms():
    assert validate(Graph()).conforms


def test_validate_shapes_graph_is_itself_valid_shacl():
    from pyshacl import validate as shacl_validate

    # meta-SHACL: the shapes file checked against the SHACL-SHACL shapes.
    conforms, _, text = shacl_validate(Graph(), shacl_graph=shapes_graph(), meta_shacl=True)
    assert conforms, text


def test_validate_untyped_representation_still_checked():
    """A node with kgo:official/kgo:meeting is checked as a Representation even without its type."""
    g = _sample()
    g.remove((REP, RDF.type, KGO.Representation))
    _without_side(g)
    report = validate(g)
    assert [(v.focus, v.path) for v in report.errors] == [(
        "representation:拡大抑止戦略協議体-5--崔成民--KR", "kgo:side")]


def test_validate_violation_record_is_plain():
    v = Violation(focus="meeting:x", path="kgo:date", message="m", severity="Violation", value='"x"')
    assert replace(v, value=None).describe() == "Violation meeting:x kgo:date: m"


def test_validate_focus_named_by_prefix_even_with_nakaguro():
    g = _sample()
    rep = iri("representation", "拡大抑止戦略協議体-5--マーガレット・ホール--US")
    g.remove((rep, KGO.side, None))
    (violation,) = validate(g).errors
    assert violation.focus == "representation:拡大抑止戦略協議体-5--マーガレット・ホール--US"
    assert violation.shape == "sh:MinCountConstraintComponent"
