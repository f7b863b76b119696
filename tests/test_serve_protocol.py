"""`kg serve` as a SPARQL 1.1 Protocol endpoint, exercised with a real client (SPARQLWrapper).

The server runs in-process on 127.0.0.1 on a free port; every request has a timeout.
"""
from __future__ import annotations

import csv
import io
import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.errors import QueryError
from kg.serve import make_server

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"
FORUMS = "SELECT ?forum WHERE { ?f a kgo:Forum ; rdfs:label ?forum } ORDER BY ?forum"
FORUM_LABELS = ["戦略協議会", "抑止対話", "韓米首脳会談"]
REQUEST_TIMEOUT = 20


def _start(graph: Path, **options):
    server = make_server(graph, host="127.0.0.1", port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def _stop(server, thread):
    server.shutdown()
    server.close()
    thread.join(REQUEST_TIMEOUT)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """The endpoint URL of a server over a copy of the fixture with a graph.html beside it."""
    folder = tmp_path_factory.mktemp("served")
    graph = folder / "graph.ttl"
    shutil.copyfile(FIXTURE, graph)
    (folder / "graph.html").write_text("<!doctype html><title>explorer</title>", encoding="utf-8")
    server, thread = _start(graph, timeout=10, workers=2)
    yield server.url
    _stop(server, thread)


def client(url: str, query: str, fmt, method=None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setTimeout(REQUEST_TIMEOUT)
    if method:
        sparql.setMethod(method)
    return sparql


def http(url: str, *, data: bytes | None = None, headers: dict | None = None):
    """(status, headers, body text) of one request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode("utf-8")


@pytest.mark.parametrize("method", ["GET", POST])
def test_serve_protocol_json_select(endpoint, method):
    result = client(endpoint, FORUMS, JSON, method).query().convert()
    assert result["head"]["vars"] == ["forum"]
    assert [b["forum"]["value"] for b in result["results"]["bindings"]] == FORUM_LABELS
    assert result["results"]["bindings"][0]["forum"]["xml:lang"] == "ja"


def test_serve_protocol_xml_select(endpoint):
    document = client(endpoint, FORUMS, XML).query().convert()
    values = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert values == FORUM_LABELS


def test_serve_protocol_csv_select(endpoint):
    body = client(endpoint, FORUMS, CSV, POST).query().convert()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows == [["forum"], *[[label] for label in FORUM_LABELS]]


def test_serve_protocol_tsv_select(endpoint):
    body = client(endpoint, FORUMS, TSV).query().convert()
    assert body.decode("utf-8").splitlines() == ["?forum", *[f'"{label}"@ja' for label in FORUM_LABELS]]


def test_serve_protocol_ask(endpoint):
    assert client(endpoint, "ASK { ?m kgo:ordinal 2 }", JSON).query().convert()["boolean"] is True


def test_serve_protocol_bundled_query_matches_library(endpoint):
    from kg.query import bundled_queries, run_query

    text = bundled_queries()["representations"][1]
    bindings = client(endpoint, text, JSON, POST).query().convert()["results"]["bindings"]
    served = [b["official"]["value"] for b in bindings]
    assert served == run_query(FIXTURE, "representations").column("official")


def test_serve_protocol_construct_as_turtle(endpoint):
    import rdflib

    body = client(endpoint, "CONSTRUCT WHERE { ?f kgo:acronym ?a }", TURTLE).query().convert()
    graph = rdflib.Graph().parse(data=body.decode("utf-8") if isinstance(body, bytes) else body, format="turtle")
    assert sorted(str(o) for o in graph.objects()) == ["DD", "SCG"]


def test_serve_protocol_describe_as_ntriples(endpoint):
    query = urllib.parse.urlencode({"query": "DESCRIBE <https://w3id.org/kaigi-kg/id/forum/抑止対話>"})
    status, headers, body = http(f"{endpoint}?{query}", headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert '<https://w3id.org/kaigi-kg/ontology#acronym> "DD" .' in body


def test_serve_protocol_update_is_refused(endpoint):
    sparql = client(endpoint, "INSERT DATA { <http://a/s> <http://a/p> <http://a/o> }", JSON, POST)
    with pytest.raises(urllib.error.HTTPError) as info:
        sparql.query()
    assert info.value.code == 403
    assert "read-only" in info.value.read().decode("utf-8")
    assert client(endpoint, "ASK { <http://a/s> ?p ?o }", JSON).query().convert()["boolean"] is False


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"DROP ALL", "application/sparql-update"),
        (b"query=DROP%20ALL", "application/x-www-form-urlencoded"),
        (b"query=CLEAR%20DEFAULT", "application/x-www-form-urlencoded"),
    ],
)
def test_serve_protocol_update_in_any_form_is_refused(endpoint, data, content_type):
    status, _, body = http(endpoint, data=data, headers={"Content-Type": content_type})
    assert status == 403
    assert body.startswith("[E306] SPARQL Update is refused")


def test_serve_protocol_syntax_error_is_400_with_position(endpoint):
    with pytest.raises(QueryBadFormed) as info:
        client(endpoint, "SELECT * WHERE { ?s ?p }", JSON).query()
    assert "[E303] SPARQL syntax error at line 1, column 18" in str(info.value)


def test_serve_protocol_service_is_refused(endpoint):
    query = urllib.parse.urlencode({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    status, _, body = http(f"{endpoint}?{query}")
    assert status == 403 and body.startswith("[E307]")


@pytest.mark.parametrize(
    ("accept", "format_param", "content_type"),
    [
        ("application/sparql-results+json", None, "application/sparql-results+json"),
        ("application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("text/csv", None, "text/csv; charset=utf-8"),
        ("text/tab-separated-values", None, "text/tab-separated-values; charset=utf-8"),
        (None, "csv", "text/csv; charset=utf-8"),
        (None, None, "application/sparql-results+json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "tsv", "text/tab-separated-values; charset=utf-8"),
        ("text/csv;q=0.5, application/sparql-results+xml", None, "application/sparql-results+xml"),
    ],
)
def test_serve_protocol_content_negotiation(endpoint, accept, format_param, content_type):
    params = {"query": FORUMS}
    if format_param:
        params["format"] = format_param
    headers = {"Accept": accept} if accept else {}
    status, got, _ = http(f"{endpoint}?{urllib.parse.urlencode(params)}", headers=headers)
    assert status == 200 and got["Content-Type"] == content_type


def test_serve_protocol_not_acceptable(endpoint):
    query = urllib.parse.urlencode({"query": FORUMS})
    status, _, body = http(f"{endpoint}?{query}", headers={"Accept": "image/png"})
    assert status == 406 and "application/sparql-results+json" in body


def test_serve_protocol_explorer_graph_and_404(endpoint):
    base = endpoint[: -len("/sparql")]
    assert http(f"{base}/explorer")[2] == "<!doctype html><title>explorer</title>"
    assert http(f"{base}/graph.html")[2] == "<!doctype html><title>explorer</title>"
    status, headers, body = http(f"{base}/graph.ttl")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert body == FIXTURE.read_text(encoding="utf-8")
    assert http(f"{base}/../etc/passwd")[0] == 404
    assert http(f"{base}/secret.txt")[0] == 404
    assert http(f"{base}/assets/../serve.py")[0] == 404
    assert http(f"{base}/assets/sparql.html")[0] == 404  # the template, not an asset


def test_serve_protocol_bounded_body_and_media_type(endpoint):
    big = b"query=" + b"x" * (1 << 20)
    status, _, body = http(endpoint, data=big, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413 and "limit" in body
    status, _, _ = http(endpoint, data=b"{}", headers={"Content-Type": "application/json"})
    assert status == 415


def test_serve_protocol_timeout_answers_503_and_recovers():
    server, thread = _start(FIXTURE, timeout=1.0, workers=1)
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
        status, _, body = http(f"{server.url}?{urllib.parse.urlencode({'query': slow})}")
        assert status == 503
        assert body.startswith("[E311] query stopped after the 1 s time limit")
        # the killed worker was replaced: the next query is answered
        result = client(server.url, FORUMS, JSON).query().convert()
        assert len(result["results"]["bindings"]) == 3
    finally:
        _stop(server, thread)


def test_serve_protocol_sparql_page_without_explorer(tmp_path):
    graph = tmp_path / "graph.ttl"
    shutil.copyfile(FIXTURE, graph)
    server, thread = _start(graph, workers=1)
    try:
        base = server.url[: -len("/sparql")]
        status, headers, body = http(base + "/")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert '"explorer": null' in body and '"name": "representations"' in body
        assert http(base + "/explorer")[0] == 404
        assert "kg build` writes it" in http(base + "/explorer")[2]
    finally:
        _stop(server, thread)


def test_serve_protocol_refuses_non_loopback_without_consent():
    with pytest.raises(QueryError) as info:
        make_server(FIXTURE, host="0.0.0.0", port=0)
    assert str(info.value) == (
        "[E310] refusing to listen on '0.0.0.0': it is reachable from other machines; use "
        "127.0.0.1, or pass allow_remote=True (`kg serve --host 0.0.0.0`) to expose the graph"
    )


def test_serve_protocol_missing_graph_fails_before_listening(tmp_path):
    with pytest.raises(QueryError) as info:
        make_server(tmp_path / "none.ttl", port=0)
    assert info.value.code == "E301"
