"""What the explorer is built from, without a browser: labels that tell nodes apart, the
build-time layout, and meetings-table rows equal to the bundled `representations` query."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import rdflib

from kg.query import bundled_queries, run_query
from kg.viz import explorer_data, layout_positions, load_graph, representation_rows

ROOT = Path(__file__).resolve().parent.parent
LARGE_TTL = ROOT / "tests" / "data" / "viz_large.ttl"
QUERY_COLUMNS = ["official", "side", "forum", "meeting", "date", "title", "institution", "evidence", "document"]


def _text(value):
    """A query cell as the explorer shows it (run_query gives dates as datetime.date)."""
    return None if value is None else str(value)


@pytest.fixture(scope="module")
def large():
    return explorer_data(load_graph(LARGE_TTL))


def test_viz_model_fixture_is_a_300_plus_node_graph(large):
    assert len(large["nodes"]) >= 300


def test_viz_model_no_two_nodes_share_a_label(large):
    shared = [label for label, n in Counter(n["details"]["display"] for n in large["nodes"]).items() if n > 1]
    assert shared == []


@pytest.mark.parametrize(("label", "expected"), [
    ("外務省", {"外務省 (中国)", "外務省 (フランス)", "外務省 (日本)", "外務省 (北朝鮮)"}),
    # the forum keeps its name; its meetings are told apart by date, status, then the article
    ("核協議グループ", {"核協議グループ", "核協議グループ (予定)",
                 "核協議グループ (言及のみ) [2023-04-27の記事]", "核協議グループ (言及のみ) [2024-07-12の記事]",
                 "核協議グループ (言及のみ) [2025-06-10の記事]"}),
])
def test_viz_model_shared_names_are_disambiguated(large, label, expected):
    assert {n["details"]["display"] for n in large["nodes"] if n["details"]["label"] == label} == expected


def test_viz_model_meetings_table_rows_equal_the_representations_query(large):
    result = run_query(LARGE_TTL, bundled_queries()["representations"][1])
    expected = [tuple(_text(r.get(c)) for c in QUERY_COLUMNS) for r in result.records()]
    rows = [tuple(r[c] for c in QUERY_COLUMNS) for r in large["rows"]]
    assert len(rows) == len(expected) > 200
    assert Counter(rows) == Counter(expected)
    assert rows == expected  # and in the query's ORDER BY


def test_viz_model_rows_of_a_representation_without_forum_are_left_out_as_in_the_query(tmp_path):
    text = LARGE_TTL.read_text(encoding="utf-8")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    meeting = next(iter(sorted(graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/kaigi-kg/ontology#Meeting")))))
    graph.remove((meeting, rdflib.URIRef("https://w3id.org/kaigi-kg/ontology#forum"), None))
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    result = run_query(path, bundled_queries()["representations"][1])
    assert [tuple(r[c] for c in QUERY_COLUMNS) for r in representation_rows(graph)] == \
        [tuple(_text(r.get(c)) for c in QUERY_COLUMNS) for r in result.records()]


def test_viz_model_layout_keeps_fragments_and_countries_out_of_the_main_component(large):
    main = [n for n in large["nodes"] if n["main"]]
    rest = [n for n in large["nodes"] if not n["main"]]
    assert len(main) > len(large["nodes"]) / 2 and rest
    bottom = max(n["y"] for n in main)
    assert all(n["y"] > bottom for n in rest)
    assert not any(n["main"] for n in large["nodes"] if n["kind"] == "country")
    assert large["options"]["physics"] == {"enabled": False}


@pytest.mark.parametrize(("ids", "links", "main"), [
    (["a", "b", "c", "d", "e"], [("a", "b"), ("b", "c"), ("d", "e")], ["a", "b", "c"]),
    # the largest component is under half of the graph: the next ones join the first view
    (["a", "b", "c", "d", "e", "f", "g"], [("a", "b"), ("a", "c"), ("d", "e"), ("f", "g")], ["a", "b", "c", "d", "e"]),
    (["x"], [], ["x"]),
    ([], [], []),
])
def test_viz_model_layout_is_deterministic_and_names_what_the_first_view_fits(ids, links, main):
    first = layout_positions(ids, links)
    assert first == layout_positions(list(reversed(ids)), list(reversed(links)))
    assert first[1] == main and sorted(first[0]) == sorted(ids)


def test_viz_model_placeholder_meetings_are_drawn_hollow_and_dashed(large):
    meetings = [n for n in large["nodes"] if n["kind"] == "meeting"]
    placeholders = [n for n in meetings if n["status"] in ("planned", "mentioned")]
    assert placeholders and all(n["shapeProperties"] == {"borderDashes": [4, 3]} for n in placeholders)
    assert all("shapeProperties" not in n for n in meetings if n["status"] == "held")


def test_viz_model_large_components_are_laid_out_by_anchors_and_rings_deterministically():
    # 100 meetings in a chain, 5 attendees each: one 600-node component (over FORCE_LAYOUT_MAX)
    meetings = [f"m{i:03d}" for i in range(100)]
    people = [f"p{i:03d}-{j}" for i in range(100) for j in range(5)]
    links = [(a, b) for a, b in zip(meetings, meetings[1:])] + [(p, f"m{p[1:4]}") for p in people]
    ids = meetings + people
    positions, first = layout_positions(ids, links, anchors=meetings)
    assert (positions, first) == layout_positions(list(reversed(ids)), list(reversed(links)), anchors=meetings)
    assert first == sorted(ids)
    # every attendee sits on a ring around its own meeting, closer to it than to the next one
    for p in people[::37]:
        own, other = f"m{p[1:4]}", meetings[(int(p[1:4]) + 1) % 100]
        assert math.dist(positions[p], positions[own]) < math.dist(positions[p], positions[other])


def test_viz_model_meetings_counted_per_node_for_sizing(large):
    """大きさ = 会合の数: a person's meetings attended, a forum's meetings, a meeting itself."""
    attended = defaultdict(set)
    for edge in large["edges"]:
        if edge["kind"] == "represented":
            attended[edge["from"]].add(edge["to"])
        elif edge["kind"] == "of forum":
            attended[edge["to"]].add(edge["from"])
    for node in large["nodes"]:
        if node["kind"] in ("official", "person", "forum"):
            assert node["meetings"] == len(attended[node["id"]]), node["id"]
        elif node["kind"] == "meeting":
            assert node["meetings"] == 1


def test_viz_model_communities_are_deterministic_and_leave_countries_out(large):
    again = explorer_data(load_graph(LARGE_TTL))
    assert [n["community"] for n in again["nodes"]] == [n["community"] for n in large["nodes"]]
    sizes = Counter(n["community"] for n in large["nodes"] if n["kind"] != "country")
    assert {n["community"] for n in large["nodes"] if n["kind"] == "country"} == {None}
    assert len(sizes) > 5 and sizes[0] == max(sizes.values())  # numbered largest first
