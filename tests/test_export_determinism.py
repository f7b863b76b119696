"""Every serialisation is byte-identical for the same triples, whatever the insertion
order or the prefixes bound, and round-trips to an isomorphic graph."""
from __future__ import annotations

import json
import random

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from kg.export import (
    serialize_jsonld,
    serialize_ntriples,
    serialize_representations_csv,
    serialize_turtle,
)
from kg.namespace import KGO
from kg.rdf import to_graph
from tests.fixtures_graph import sample_resolved_graph

SERIALIZERS = {
    "turtle": serialize_turtle,
    "ntriples": serialize_ntriples,
    "jsonld": serialize_jsonld,
    "csv": serialize_representations_csv,
}
PARSE_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}


def _reordered(graph: Graph, seed: int) -> Graph:
    """The same triples added in a shuffled order to a graph with different bindings."""
    triples = list(graph)
    random.Random(seed).shuffle(triples)
    out = Graph(bind_namespaces="none")
    out.bind("zzz", str(KGO._NS))  # a foreign prefix for kgo must not leak into the output
    for t in triples:
        out.add(t)
    return out


@pytest.fixture(scope="module")
def sample_graph() -> Graph:
    return to_graph(sample_resolved_graph())


@pytest.mark.parametrize("fmt", sorted(SERIALIZERS))
def test_export_same_triples_give_byte_identical_output(sample_graph, fmt):
    serialize = SERIALIZERS[fmt]
    first = serialize(sample_graph)
    assert all(serialize(_reordered(sample_graph, seed)) == first for seed in range(5))


@pytest.mark.parametrize("fmt", sorted(PARSE_FORMAT))
def test_export_round_trips_to_isomorphic_graph(sample_graph, fmt):
    text = SERIALIZERS[fmt](sample_graph)
    back = Graph().parse(data=text, format=PARSE_FORMAT[fmt])
    assert isomorphic(back, sample_graph)


def test_export_turtle_declares_kgo_even_for_empty_graph():
    assert "@prefix kgo: <https://w3id.org/kaigi-kg/ontology#> ." in serialize_turtle(Graph())


def test_export_turtle_uses_kgo_prefix_not_a_foreign_one(sample_graph):
    text = serialize_turtle(_reordered(sample_graph, 1))
    assert "zzz:" not in text and "kgo:Representation" in text


def test_export_turtle_keeps_japanese_readable(sample_graph):
    text = serialize_turtle(sample_graph)
    assert '"第5回拡大抑止戦略協議体"@ja' in text
    assert "\\u" not in text


def test_export_ntriples_lines_sorted_and_unique(sample_graph):
    lines = serialize_ntriples(sample_graph).splitlines()
    assert lines == sorted(set(lines))
    assert len(lines) == len(sample_graph)


def test_export_jsonld_has_context_and_sorted_graph(sample_graph):
    doc = json.loads(serialize_jsonld(sample_graph))
    assert doc["@context"]["kgo"] == str(KGO._NS)
    ids = [node["@id"] for node in doc["@graph"]]
    assert ids == sorted(ids)


def test_export_jsonld_single_node_graph_keeps_graph_shape():
    g = Graph()
    g.add((KGO.Meeting, KGO.status, Literal("held")))
    doc = json.loads(serialize_jsonld(g))
    assert len(doc["@graph"]) == 1
    assert isomorphic(Graph().parse(data=serialize_jsonld(g), format="json-ld"), g)
