"""tests/data/sample_graph.ttl (used by query and viz tests) stays in sync with the fixture."""
from __future__ import annotations

from rdflib import Graph
from rdflib.compare import isomorphic

from kg.export import serialize_turtle
from kg.rdf import to_graph
from kg.validate import validate
from tests.fixtures_graph import SAMPLE_TTL, sample_resolved_graph


def test_rdf_sample_ttl_is_isomorphic_to_fixture_graph():
    on_disk = Graph().parse(SAMPLE_TTL, format="turtle")
    assert isomorphic(on_disk, to_graph(sample_resolved_graph())), (
        "tests/data/sample_graph.ttl is stale: run `python tests/fixtures_graph.py`"
    )


def test_rdf_sample_ttl_is_the_exact_export_of_the_fixture():
    expected = serialize_turtle(to_graph(sample_resolved_graph()))
    assert SAMPLE_TTL.read_text(encoding="utf-8") == expected, (
        "tests/data/sample_graph.ttl is stale: run `python tests/fixtures_graph.py`"
    )


def test_rdf_sample_graph_conforms_to_shapes():
    report = validate(to_graph(sample_resolved_graph()))
    assert report.conforms, [v.describe() for v in report.violations]
    assert report.violations == ()
