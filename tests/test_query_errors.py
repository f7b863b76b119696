"""kg.query raises QueryError with a code, the bad value and the fix; never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query import is_update, load_store, run_query, uses_service

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"


def test_query_errors_missing_graph(tmp_path):
    missing = tmp_path / "nope.ttl"
    with pytest.raises(QueryError) as info:
        run_query(missing, "officials")
    assert str(info.value) == (
        f"[E301] graph file not found: '{missing}'; build one with `kg build` or give the "
        "path of an existing Turtle file"
    )


def test_query_errors_graph_is_a_directory(tmp_path):
    with pytest.raises(QueryError) as info:
        load_store(tmp_path)
    assert info.value.code == "E301"
    assert "is a directory" in str(info.value) and "graph.ttl" in str(info.value)


def test_query_errors_invalid_turtle_names_file_and_position(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix kgo: <https://w3id.org/kaigi-kg/ontology#> .\nkgo:a kgo:b .\n", encoding="utf-8")
    with pytest.raises(QueryError) as info:
        load_store(broken)
    message = str(info.value)
    assert message.startswith(f"[E302] graph file '{broken}' is not valid Turtle: ")
    assert "line 2" in message and "\n" not in message  # the parser's position, one line
    assert message.endswith("fix the file or rebuild it with `kg build`")


@pytest.mark.parametrize(
    ("query", "line", "column", "near"),
    [
        ("SELECT * WHERE { ?s ?p }", 1, 18, "?s ?p }"),
        ("SELECT ?x\nWHERE {\n  ?x kgo:forum ?f .\n  FILTER(?x = )\n}", 4, 3, "FILTER(?x = )"),
        ("SELEC ?x WHERE { ?x ?p ?o }", 1, 1, "SELEC ?x WHERE { ?x ?p ?o }"),
        ("SELECT * WHERE { ?s ?p ?o } GROUP BY", 1, 29, "GROUP BY"),
    ],
)
def test_query_errors_syntax_error_has_line_and_column(query, line, column, near):
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, query)
    message = str(info.value)
    assert info.value.code == "E303"
    assert message.startswith(f"[E303] SPARQL syntax error at line {line}, column {column} (near {near!r}): expected ")
    assert message.endswith("; fix the query (see docs/sparql.md for examples)")
    assert "\n" not in message


def test_query_errors_unknown_prefix_is_named():
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, "SELECT ?o WHERE {\n  ?s foaf:name ?o }")
    assert str(info.value).startswith(
        "[E303] SPARQL syntax error at line 2, column 6: unknown prefix 'foaf:'; "
        "declare it with PREFIX foaf: <IRI> (predeclared: "
    )


def test_query_errors_predeclared_prefixes_need_no_declaration():
    result = run_query(FIXTURE, "SELECT ?a WHERE { forum:戦略協議会 kgo:acronym ?a }")
    assert result.rows == (("SCG",),)


def test_query_errors_unknown_name_lists_valid_names():
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, "offcials")
    assert str(info.value) == (
        "[E304] unknown query name 'offcials'; did you mean 'officials'? valid names: co-attendance, cross-forum, "
        "forum-timeline, institutions, officials, representations "
        "(or give a .rq file, or SPARQL text with -e)"
    )


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://a/s> <http://a/p> <http://a/o> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://a/>\nCLEAR DEFAULT",
        "drop all",
    ],
)
def test_query_errors_update_is_refused(update):
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, update)
    assert info.value.code == "E306"
    assert "read-only" in str(info.value)
    # and the graph is untouched
    assert run_query(FIXTURE, "ASK { ?s a kgo:Representation }").rows == ((True,),)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("INSERT DATA { <a:b> <a:b> <a:b> }", True),
        ("SELECT ?insert WHERE { ?insert ?p ?o }", False),
        ('SELECT * WHERE { ?s ?p "DELETE this" }', False),
        ("SELECT * WHERE { ?s <http://ex/drop> ?o } # clear", False),
        ("SELECT * WHERE { ?s ex:add ?o }", False),
        ("with <http://g> delete { ?s ?p ?o } where { ?s ?p ?o }", True),
    ],
)
def test_query_errors_update_keyword_detection(query, expected):
    assert is_update(query) is expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
        ("SELECT * WHERE { service silent <http://x/> { ?s ?p ?o } }", True),
        ("SELECT ?service WHERE { ?service a kgo:Forum }", False),
        ('SELECT * WHERE { ?s rdfs:label "SERVICE" }', False),
    ],
)
def test_query_errors_service_detection(query, expected):
    assert uses_service(query) is expected


def test_query_errors_service_refused_when_disallowed():
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", allow_service=False)
    assert info.value.code == "E307"


def test_query_errors_graph_change_is_picked_up(tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?f a kgo:Forum }"
    assert run_query(graph, count).rows == ((3,),)
    with graph.open("a", encoding="utf-8") as out:
        out.write("\n<https://w3id.org/kaigi-kg/id/forum/新協議体> a kgo:Forum .\n")
    assert run_query(graph, count).rows == ((4,),)


def test_query_errors_store_cache_is_bounded(tmp_path):
    from kg import query

    paths = []
    for i in range(query.STORE_CACHE_SIZE + 2):
        path = tmp_path / f"g{i}.ttl"
        path.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(path)
        load_store(path)
    cached = set(query._store_cache)
    assert len(cached) <= query.STORE_CACHE_SIZE
    assert paths[-1].resolve() in cached and paths[0].resolve() not in cached
    # the same unchanged file gives the same store object (no reload)
    assert load_store(paths[-1]) is load_store(paths[-1])
