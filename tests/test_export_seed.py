"""The exports hold on the real seed build (real GiNZA output)."""
from __future__ import annotations

import pytest
from rdflib import RDF, Graph
from rdflib.compare import isomorphic

from kg.export import serialize_jsonld, serialize_ntriples, serialize_representations_csv, serialize_turtle
from kg.namespace import KGO

pytestmark = pytest.mark.slow


def test_export_seed_turtle_reserialises_to_same_bytes(seed_ttl, seed_graph):
    assert serialize_turtle(seed_graph) == seed_ttl.read_text(encoding="utf-8")


@pytest.mark.parametrize(("serialize", "fmt"), [(serialize_ntriples, "nt"), (serialize_jsonld, "json-ld")])
def test_export_seed_round_trips(seed_graph, serialize, fmt):
    assert isomorphic(Graph().parse(data=serialize(seed_graph), format=fmt), seed_graph)


def test_export_seed_csv_has_a_row_per_representation_evidence(seed_graph):
    lines = serialize_representations_csv(seed_graph).splitlines()
    pairs = {(rep, ev) for rep in seed_graph.subjects(RDF.type, KGO.Representation) for ev in seed_graph.objects(rep, KGO.evidence)}
    assert len(lines) - 1 == len(pairs) > 0

