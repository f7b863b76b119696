"""What one request can cost `kg serve`: result size, query nesting, time to arrive; and the
answers to methods it does not serve (405 with Allow, plain text, never http.server's HTML)."""
from __future__ import annotations

import http.client
import shutil
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from fixtures_serve import start_server, stop_server
from kg.serve import HTML_CSP

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"
# Every triple with every triple with every triple: ~4 MB of JSON from a 2 kB fixture.
CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } LIMIT 20000"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bounds")
    shutil.copyfile(FIXTURE, folder / "graph.ttl")
    (folder / "graph.html").write_text("<!doctype html><title>explorer</title>", encoding="utf-8")
    served, thread = start_server(folder / "graph.ttl", workers=1, timeout=20, max_result_mb=1, request_deadline=2.0)
    yield served
    stop_server(served, thread)


def _request(server, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8")
    finally:
        connection.close()


def _query(server, query: str):
    return _request(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}))


def test_serve_bounds_result_over_the_cap_is_a_clear_400(server):
    status, headers, body = _query(server, CROSS_PRODUCT)
    assert status == 400
    assert body == (
        "[E321] the result is over the 1 MiB limit; add a LIMIT, narrow the query, or restart "
        "kg serve with a larger --max-result-mb\n"
    )
    # the worker is fine: the next query is answered
    assert _query(server, "ASK { ?s ?p ?o }")[0] == 200


def test_serve_bounds_result_under_the_cap_is_served(server):
    status, _, body = _query(server, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 100")
    assert status == 200 and body.count('"a":') == 100


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000 + " }",
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "SELECT * WHERE { ?s ?p " + "[ ?p " * 500 + "1" + " ]" * 500 + " }",
        "SELECT * WHERE { " + "{ SELECT * WHERE " * 100 + "{ ?s ?p ?o }" + " }" * 100 + " }",
    ],
    ids=["groups", "parentheses", "blank-nodes", "sub-selects"],
)
def test_serve_bounds_deep_nesting_is_a_400(server, query):
    status, _, body = _request(server, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400
    assert body.startswith("[E320] query nested ") and "over the limit of 64" in body


def test_serve_bounds_nesting_at_the_limit_is_answered(server):
    query = "SELECT * WHERE { " + "{ " * 63 + "?s a kgo:Forum" + " }" * 63 + " }"
    status, _, body = _query(server, query)
    assert status == 200 and body.count('"s":') == 3


def test_serve_bounds_slow_request_is_cut_off_at_the_deadline(server):
    # A byte every 0.4 s never trips a per-read timeout; the 2 s request deadline does.
    host, port = server.server_address[:2]
    client = socket.create_connection((host, port), timeout=10)
    started = time.monotonic()
    answer = b""
    try:
        for byte in b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n":
            client.sendall(bytes([byte]))
            time.sleep(0.4)
            if time.monotonic() - started > 6:
                break
    except OSError:
        pass  # the server closed the connection
    try:
        while chunk := client.recv(4096):
            answer += chunk
    except OSError:
        pass
    client.close()
    held = time.monotonic() - started
    assert held < 4.5
    assert answer.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert b"[E322] the request did not arrive within 2 s" in answer
    assert _query(server, "ASK { ?s ?p ?o }")[0] == 200


def test_serve_bounds_idle_keep_alive_connection_is_closed(server):
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", "/sparql?query=ASK%7B%7D")
    assert connection.getresponse().read()
    started = time.monotonic()
    assert connection.sock.recv(4096).startswith(b"HTTP/1.1 408")  # then EOF
    assert time.monotonic() - started < 4
    connection.close()


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE"])
def test_serve_bounds_write_methods_are_405_with_allow(server, method):
    status, headers, body = _request(server, method, "/sparql", b"x", {"Content-Type": "text/plain"})
    assert status == 405
    assert headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body == f"method {method} is not allowed: the endpoint is read-only; use GET, HEAD, POST, OPTIONS\n"


def test_serve_bounds_options_lists_the_methods(server):
    status, headers, body = _request(server, "OPTIONS", "/sparql")
    assert status == 204 and body == ""
    assert headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert "Access-Control-Allow-Origin" not in headers  # no CORS unless --cors


def test_serve_bounds_unknown_method_and_bad_request_line_are_plain_text(server):
    status, headers, body = _request(server, "BREW", "/sparql")
    assert status == 501 and headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body == "501 Unsupported method ('BREW')\n"
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as raw:
        raw.sendall(b"GET / HTTP/9.9\r\n\r\n")
        answer = raw.recv(4096).decode()
    assert answer == "505 Invalid HTTP version (9.9)\n"  # http.server answers it HTTP/0.9-style


@pytest.mark.parametrize("path", ["/", "/sparql", "/describe?iri=https%3A%2F%2Fw3id.org%2Fkaigi-kg%2Fid%2Fforum%2F%E6%8A%91%E6%AD%A2%E5%AF%BE%E8%A9%B1"])
def test_serve_bounds_html_pages_carry_a_content_security_policy(server, path):
    status, headers, body = _request(server, "GET", path)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Security-Policy"] == HTML_CSP
    assert "default-src 'none'" in HTML_CSP and "script-src 'self'" in HTML_CSP
    assert "<script>" not in body  # no inline script the policy would have to allow
