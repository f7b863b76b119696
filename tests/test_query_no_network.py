"""No process that runs a query reaches the network: `kg query`, ``run_query`` and `kg serve`,
the server with and without its network namespace.

The decision is not made on a second parser's reading (three bypasses came from rdflib and
pyoxigraph reading one text differently, the last by way of a ``\\u0022`` escape): a worker
cut off from the network may run anything, and every other process refuses any query that
spells "service". A local listener stands in for the other endpoint; it must see nothing.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest

from fixtures_serve import http_get, listener_fixture, start_server, stop_server
from kg.errors import QueryError
from kg.query import run_query

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"
KG = Path(sys.executable).with_name("kg")
SETTLE = 0.2  # seconds an outbound connection would need to reach the listener


listener = pytest.fixture(scope="module", name="listener")(listener_fixture)


# {url} is the listener. The first rows are the issue's: a \u0022 (or \u0027) that rdflib
# expands before lexing opens a long string for rdflib only, so SERVICE sat outside every
# string for pyoxigraph and inside one for the check.
SPELLINGS = [
    ("issue: \\u0022 opens a long string", 'ASK { BIND("\\u0022" AS ?q) SERVICE SILENT <{url}> {?a ?b ?c} BIND(""" AS ?q2) } #""" AS ?r) }'),
    ("\\u0027 and a '''", "ASK { BIND('\\u0027' AS ?q) SERVICE SILENT <{url}> {?a ?b ?c} BIND(''' AS ?q2) } #''' AS ?r) }"),
    ("lower case, \\u0022", 'ask { bind("\\u0022" as ?q) service silent <{url}> {?a ?b ?c} bind(""" as ?q2) } #""" as ?r) }'),
    ("prefixed IRI, \\u0022", 'PREFIX r: <{url}> ASK { BIND("\\u0022" AS ?q) SERVICE SILENT r: {?a ?b ?c} BIND(""" AS ?q2) } #""" AS ?r) }'),
    ("\\u0023 starts a comment for rdflib", 'ASK { BIND("x\\u0023" AS ?q) SERVICE SILENT <{url}> {?a ?b ?c} }'),
    ("after a long string", 'ASK { BIND("""a "" b""" AS ?q) SERVICE SILENT <{url}> {?a ?b ?c} }'),
    ("CR ends a comment", "SELECT * { ?s ?p ?o # x\r SERVICE SILENT <{url}> {?a ?b ?c}\n }"),
    ("\\u escapes of the keyword", "ASK { \\u0053ERVICE SILENT <{url}> {?a ?b ?c} }"),
    ("endpoint in a variable", "SELECT * { ?s ?p ?o BIND(<{url}> AS ?e) SERVICE SILENT ?e {?a ?b ?c} }"),
    ("no space after a number", "SELECT * { ?s ?p 1SERVICE SILENT <{url}> {?a ?b ?c} }"),
    ("no spaces at all", "SELECT*{?s ?p ?o SERVICEsilent<{url}>{?a ?b ?c}}"),
    ("fullwidth letters", "SELECT * { ?s ?p ?o ＳＥＲＶＩＣＥ <{url}> {?a ?b ?c} }"),
]
IDS = [name for name, _ in SPELLINGS]


def _quiet_since(listener, before: int) -> list[bytes]:
    time.sleep(SETTLE)
    return listener.seen[before:]


@pytest.mark.parametrize("index", range(4))
def test_query_no_network_unguarded_pyoxigraph_posts_the_issue_spellings(listener, index):
    # The control: the engine itself does send these, so silence below means "refused".
    store = ox.Store()
    store.bulk_load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    before = len(listener.seen)
    bool(store.query(listener.fill(SPELLINGS[index][1])))
    time.sleep(SETTLE)
    assert listener.seen[before:] and listener.seen[-1].startswith(b"POST /sparql HTTP/1.1")


@pytest.mark.parametrize("template", [t for _, t in SPELLINGS], ids=IDS)
def test_query_no_network_library_refuses(listener, template):
    before = len(listener.seen)
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, listener.fill(template))
    assert _quiet_since(listener, before) == []
    assert info.value.code == "E307"


# Where the two parsers' readings differ: the spellings a real `kg query` process is given.
CLI_SPELLINGS = SPELLINGS[:5]


def test_query_no_network_cli_refuses(listener):
    # Real `kg query` processes, all started at once (each takes a second to start).
    before = len(listener.seen)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    runs = [subprocess.Popen([str(KG), "query", str(FIXTURE), "-e", listener.fill(t)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _, t in CLI_SPELLINGS]
    outputs = [(run.communicate(timeout=120), run.returncode) for run in runs]
    assert _quiet_since(listener, before) == []
    for name, ((out, err), code) in zip(IDS, outputs):
        assert code == 1 and out == "", name
        assert err.startswith("Error: [E307] SERVICE (federated query) is disabled: "), (name, err)
        assert err.count("\n") == 1, name


@pytest.fixture(scope="module", params=[True, False], ids=["namespace", "no-namespace"])
def endpoint(request):
    server, thread = start_server(FIXTURE, workers=1, timeout=10, network_namespace=request.param)
    yield server
    stop_server(server, thread)


@pytest.mark.parametrize("template", [t for _, t in SPELLINGS], ids=IDS)
def test_query_no_network_server_sends_nothing(endpoint, listener, template):
    before = len(listener.seen)
    status, body = http_get(f"{endpoint.url}?{urllib.parse.urlencode({'query': listener.fill(template)})}")
    assert _quiet_since(listener, before) == []
    if not endpoint.pool.network_isolated:
        assert status == 403 and body.startswith("[E307] SERVICE (federated query) is disabled: "), body


def test_query_no_network_server_without_namespace_says_so(endpoint):
    # Without the namespace the word alone is refused, even in a string; with it, it runs.
    query = 'SELECT * WHERE { ?s ?p "service" }'
    status, body = http_get(f"{endpoint.url}?{urllib.parse.urlencode({'query': query})}")
    if endpoint.pool.network_isolated:
        assert status == 200, body
    else:
        assert status == 403 and "spells 'service'" in body and 'CONCAT(\\"serv\\", \\"ice\\")' not in body
        assert 'CONCAT("serv", "ice")' in body


def test_query_no_network_workers_are_proven_isolated():
    # Isolation counts only once a connection to this machine's own loopback has failed.
    if not sys.platform.startswith("linux"):
        pytest.skip("network namespaces are Linux's")
    code = "from kg.serve import isolate_network; from kg.query import network_isolated; print(isolate_network(), network_isolated())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() in (["True", "True"], ["False", "False"]), out.stderr


@pytest.mark.parametrize(
    "query",
    ["SELECT ?service WHERE { ?service a kgo:Forum }", "SELECT $service WHERE { $service a kgo:Forum }"],
)
def test_query_no_network_a_variable_named_service_still_runs(query):
    assert len(run_query(FIXTURE, query).rows) == 3
