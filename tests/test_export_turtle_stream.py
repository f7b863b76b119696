"""The streaming Turtle writer (``kg.export.write_turtle_lines``, one subject at a time from
sorted N-Triples lines) and the partitioned one (``kg.scale.write_turtle``: partitions
spilled to run files and merged) write the bytes of ``kg.export.write_turtle`` on a whole
rdflib graph: on the seed build's and the real development corpus's graph.ttl, and on
generated facts cut into many partitions; nothing is left beside the output."""
from __future__ import annotations

import os

import pytest
from rdflib import RDF, Graph, Literal

from benchmarks.corpus import generate_document_facts
from kg.errors import GraphError
from kg.export import serialize_ntriples, serialize_turtle, turtle_order, write_turtle_lines
from kg.namespace import KGO, iri
from kg.rdf import to_graph
from kg.resolve import resolve
from kg.scale import write_turtle


@pytest.mark.parametrize("built", ["seed_ttl", "realdev_ttl"])
def test_export_turtle_stream_same_bytes_as_built_graph(request, tmp_path, built):
    ttl = request.getfixturevalue(built)
    graph = Graph()
    graph.parse(ttl, format="turtle")
    lines = serialize_ntriples(graph).splitlines()
    # every line twice (a node written by two partitions): one triple in the output
    count = write_turtle_lines(sorted(lines + lines, key=turtle_order), tmp_path / "graph.ttl")
    assert count == len(graph)
    assert (tmp_path / "graph.ttl").read_bytes() == ttl.read_bytes()
    assert os.listdir(tmp_path) == ["graph.ttl"]


@pytest.mark.parametrize("size", [40, 5000])
def test_export_turtle_stream_partitioned_same_bytes_as_whole_graph(tmp_path, size):
    resolved = resolve(generate_document_facts(60))
    graph = to_graph(resolved)
    assert write_turtle(resolved, tmp_path / "graph.ttl", size=size) == len(graph)
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == serialize_turtle(graph)
    assert os.listdir(tmp_path) == ["graph.ttl"]


def test_export_turtle_stream_refuses_a_subject_out_of_its_kind_order(tmp_path):
    graph = Graph()
    node = iri("correction", "c1")  # a kind whose class is not in the writer's order
    graph.add((node, RDF.type, KGO.Correction))
    graph.add((node, KGO.correctionKind, Literal("rename")))
    with pytest.raises(GraphError) as err:
        write_turtle_lines(sorted(serialize_ntriples(graph).splitlines(), key=turtle_order), tmp_path / "g.ttl")
    assert err.value.code == "E408"
    assert not (tmp_path / "g.ttl").exists()


def test_export_turtle_stream_unwritable_folder_is_a_graph_error(tmp_path):
    with pytest.raises(GraphError) as err:
        write_turtle_lines([], tmp_path / "missing" / "graph.ttl")
    assert err.value.code == "E406"
