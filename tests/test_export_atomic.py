"""write_* replace the target atomically and never leave a half-written or stray file."""
from __future__ import annotations

import os
import stat

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg import export
from kg.errors import GraphError
from kg.rdf import to_graph
from tests.fixtures_graph import sample_resolved_graph

WRITERS = {
    "graph.ttl": (export.write_turtle, "turtle"),
    "graph.nt": (export.write_ntriples, "nt"),
    "graph.jsonld": (export.write_jsonld, "json-ld"),
    "representations.csv": (export.write_representations_csv, None),
}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_export_write_creates_file_and_no_temp_left(tmp_path, name):
    write, fmt = WRITERS[name]
    graph = to_graph(sample_resolved_graph())
    target = write(graph, tmp_path / name)
    assert sorted(os.listdir(tmp_path)) == [name]
    if fmt:
        assert isomorphic(Graph().parse(target, format=fmt), graph)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    assert mode & stat.S_IRGRP, "written files are group-readable like any other file"


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_export_failed_replace_keeps_previous_file(tmp_path, monkeypatch, name):
    write, _ = WRITERS[name]
    target = tmp_path / name
    target.write_text("previous build\n", encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(export.os, "replace", refuse)
    with pytest.raises(GraphError) as err:
        write(to_graph(sample_resolved_graph()), target)
    assert err.value.code == "E406" and str(target) in str(err.value)
    assert target.read_text(encoding="utf-8") == "previous build\n"
    assert sorted(os.listdir(tmp_path)) == [name]


def test_export_missing_folder_is_a_one_line_error(tmp_path):
    target = tmp_path / "no-such-dir" / "graph.ttl"
    with pytest.raises(GraphError) as err:
        export.write_turtle(to_graph(sample_resolved_graph()), target)
    message = str(err.value)
    assert message.startswith("[E406] cannot write ") and str(target) in message
    assert "\n" not in message


def test_export_rewrite_replaces_content(tmp_path):
    target = tmp_path / "graph.ttl"
    export.write_turtle(Graph(), target)
    export.write_turtle(to_graph(sample_resolved_graph()), target)
    assert "kgo:Representation" in target.read_text(encoding="utf-8")
