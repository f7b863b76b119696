"""SERVICE never leaves the machine: `kg serve` and `kg query` refuse it, however it is written.

A local TCP listener stands in for "another endpoint": pyoxigraph really does POST to it
when asked to run SERVICE (checked first, so the listener is known to work), and after every
obfuscated query sent to the endpoint or to ``run_query`` it must have seen nothing.
"""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest

from fixtures_serve import http_get, listener_fixture, start_server, stop_server
from kg.errors import QueryError
from kg.query import run_query, service_check

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"
SETTLE = 0.1  # seconds an outbound connection would need to reach the listener


listener = pytest.fixture(scope="module", name="listener")(listener_fixture)


@pytest.fixture(scope="module")
def endpoint():
    server, thread = start_server(FIXTURE, workers=1, timeout=10)
    yield server.url
    stop_server(server, thread)


# {url} is the listener. Each is a SERVICE call pyoxigraph would make, or one a parser that
# expands \u escapes would read as one.
OBFUSCATIONS = [
    ("plain", "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }"),
    ("issue 11: an IRI-like <'> opens a 'string' the parser never sees", "SELECT * WHERE { FILTER(true || ?a<'>') SERVICE <{url}> { ?s ?p ?o } } #'"),
    ("issue 11 as filed: '<' and a quoted '>'", "SELECT * WHERE { FILTER(true || ?a < '>') SERVICE <{url}> { ?s ?p ?o } }"),
    ("IRI-like '<'>' then a string", "SELECT * WHERE { FILTER(?a <'>') SERVICE <{url}> { ?s ?p ?o } }"),
    ("lower case", "select * where { service <{url}> { ?s ?p ?o } }"),
    ("mixed case", "SeLeCt * WhErE { SeRvIcE <{url}> { ?s ?p ?o } }"),
    ("SILENT", "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }"),
    ("comment between keyword and IRI", "SELECT * WHERE { SERVICE # not a service\n <{url}> { ?s ?p ?o } }"),
    ("comment with a quote before", "SELECT * WHERE { # it's \"quoted\n SERVICE <{url}> { ?s ?p ?o } }"),
    ("no spaces", "SELECT*WHERE{SERVICE<{url}>{?s ?p ?o}}"),
    ("tabs and newlines", "SELECT *\tWHERE\n{\n\tSERVICE\n\t<{url}>\n{ ?s ?p ?o }\n}"),
    ("nested in OPTIONAL", "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <{url}> { ?s ?p ?x } } }"),
    ("nested in UNION", "SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <{url}> { ?s ?p ?o } } }"),
    ("nested in a sub-select", "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } } }"),
    ("nested in FILTER EXISTS", "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }"),
    ("nested in MINUS", "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <{url}> { ?s ?p ?o } } }"),
    ("inside GRAPH", "SELECT * WHERE { GRAPH ?g { SERVICE <{url}> { ?s ?p ?o } } }"),
    ("ASK", "ASK { SERVICE <{url}> { ?s ?p ?o } }"),
    ("CONSTRUCT", "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }"),
    ("DESCRIBE", "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }"),
    ("prefixed name", "PREFIX remote: <{url}> SELECT * WHERE { SERVICE remote: { ?s ?p ?o } }"),
    ("relative IRI against BASE", "BASE <{url}> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }"),
    ("variable bound by BIND", "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }"),
    ("variable bound by VALUES", "SELECT * WHERE { VALUES ?e { <{url}> } { SERVICE ?e { ?s ?p ?o } } }"),
    ("\\u escape of the S", "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }"),
    ("\\U escape of the whole keyword", "SELECT * WHERE { \\U00000053\\U00000045\\U00000052\\U00000056\\U00000049\\U00000043\\U00000045 <{url}> { ?s ?p ?o } }"),
    ("escape hiding the closing quote", "SELECT * WHERE { ?s ?p \"x\\u0022 . SERVICE <{url}> { ?s ?p ?o } } #\" }"),
    ("after a triple-quoted string", "SELECT * WHERE { ?s ?p \"\"\"a \" b\"\"\" . SERVICE <{url}> { ?s ?p ?o } }"),
]


def test_serve_ssrf_listener_sees_pyoxigraph_service_calls(listener):
    # The control: unguarded pyoxigraph does connect, so silence below means "refused".
    before = len(listener.seen)
    with pytest.raises(OSError):
        list(ox.Store().query(listener.fill(OBFUSCATIONS[1][1])))
    time.sleep(SETTLE)
    assert len(listener.seen) == before + 1
    assert listener.seen[-1].startswith(b"POST /sparql HTTP/1.1")


@pytest.mark.parametrize(("name", "template"), OBFUSCATIONS, ids=[name for name, _ in OBFUSCATIONS])
def test_serve_ssrf_endpoint_refuses_and_sends_nothing(endpoint, listener, name, template):
    before = len(listener.seen)
    status, body = http_get(f"{endpoint}?{urllib.parse.urlencode({'query': listener.fill(template)})}")
    time.sleep(SETTLE)
    assert listener.seen[before:] == []
    assert status == 403, body
    assert body.startswith("[E307] SERVICE (federated query) is disabled")


@pytest.mark.parametrize(("name", "template"), OBFUSCATIONS, ids=[name for name, _ in OBFUSCATIONS])
def test_serve_ssrf_kg_query_refuses_and_sends_nothing(listener, name, template):
    before = len(listener.seen)
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, listener.fill(template))
    time.sleep(SETTLE)
    assert listener.seen[before:] == []
    assert info.value.code == "E307"


# Where rdflib's and pyoxigraph's lexers could disagree (line ends inside comments, escapes
# in local names, look-alike letters): whatever each answers, nothing may be contacted.
DIFFERENTIALS = [
    ("CR inside a comment", "SELECT * WHERE { ?s ?p ?o # x\r SERVICE <{url}> { ?s ?p ?o }\n }"),
    ("form feed inside a comment", "SELECT * WHERE { ?s ?p ?o # x\x0c SERVICE <{url}> { ?s ?p ?o }\n }"),
    ("U+2028 inside a comment", "SELECT * WHERE { ?s ?p ?o # x\u2028 SERVICE <{url}> { ?s ?p ?o }\n }"),
    ("escaped # in a local name", "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ex:a\\# SERVICE <{url}> { ?s ?p ?o }\n }"),
    ("long s", "SELECT * WHERE { \u017fERVICE <{url}> { ?s ?p ?o } }"),
    ("fullwidth letters", "SELECT * WHERE { ＳＥＲＶＩＣＥ <{url}> { ?s ?p ?o } }"),
    ("dotted capital I", "SELECT * WHERE { SERV\u0130CE <{url}> { ?s ?p ?o } }"),
]


@pytest.mark.parametrize(("name", "template"), DIFFERENTIALS, ids=[name for name, _ in DIFFERENTIALS])
def test_serve_ssrf_lexer_differentials_send_nothing(listener, name, template):
    # run_query in this process: the query check alone (no network namespace) must hold.
    before = len(listener.seen)
    try:
        run_query(FIXTURE, listener.fill(template))
    except QueryError:
        pass
    time.sleep(SETTLE)
    assert listener.seen[before:] == []


ISOLATED_CALL = """
import sys
import pyoxigraph as ox
from kg.serve import isolate_network
assert isolate_network()
store = ox.Store()
store.add(ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"), ox.Literal("o")))
try:
    list(store.query(sys.argv[1]))
except OSError as err:
    print(type(err).__name__, err)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux's")
def test_serve_ssrf_workers_have_no_network(listener):
    # The second wall: even a SERVICE that got past the check finds no network in a worker.
    query = listener.fill("SELECT * WHERE { ?s ?p ?o SERVICE <{url}> { ?s ?p ?o } }")
    before = len(listener.seen)
    out = subprocess.run([sys.executable, "-c", ISOLATED_CALL, query], capture_output=True, text=True, timeout=60)
    time.sleep(SETTLE)
    assert listener.seen[before:] == []
    assert out.returncode == 0, out.stderr
    assert "Network is unreachable" in out.stdout
    server, thread = start_server(FIXTURE, workers=2)
    try:
        assert server.pool.network_isolated is True
    finally:
        stop_server(server, thread)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service WHERE { ?service a kgo:Forum }",
        'SELECT * WHERE { ?s rdfs:label "SERVICE" }',
        "SELECT * WHERE { ?s <http://example.org/service> ?o }  # no SERVICE here",
        "SELECT * WHERE { ?s kgo:service ?o }",
    ],
)
def test_serve_ssrf_the_word_alone_is_not_refused(endpoint, query):
    assert service_check(query) is None
    status, _ = http_get(f"{endpoint}?{urllib.parse.urlencode({'query': query})}")
    assert status == 200


def test_serve_ssrf_kg_query_cli_message(listener):
    from click.testing import CliRunner

    from kg.cli import main

    before = len(listener.seen)
    result = CliRunner().invoke(main, ["query", str(FIXTURE), "-e", listener.fill(OBFUSCATIONS[1][1])])
    time.sleep(SETTLE)
    assert listener.seen[before:] == []
    assert result.exit_code == 1
    assert result.output == (
        "Error: [E307] SERVICE (federated query) is disabled: the query has a SERVICE pattern; "
        "queries here only read the graph file and never make network requests; remove the SERVICE clause\n"
    )
