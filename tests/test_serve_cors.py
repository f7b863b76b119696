"""`kg serve --cors ORIGIN`: cross-origin use is opt-in, per origin, and changes nothing else."""
from __future__ import annotations

import http.client
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixtures_serve import start_server, stop_server
from kg.cli import main

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"
ALLOWED = "https://yasgui.example.org"
ASK = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})


@pytest.fixture(scope="module")
def servers():
    """(no --cors, --cors ALLOWED --cors http://localhost:3000, --cors *)."""
    started = [start_server(FIXTURE, workers=1, cors_origins=origins) for origins in ((), (ALLOWED, "http://localhost:3000"), ("*",))]
    yield [server for server, _ in started]
    for server, thread in started:
        stop_server(server, thread)


def _request(server, method: str, path: str, headers: dict, body: bytes | None = None):
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=20)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("index", "origin", "allowed"),
    [
        (0, ALLOWED, None),
        (1, ALLOWED, ALLOWED),
        (1, "http://localhost:3000", "http://localhost:3000"),
        (1, "https://evil.example", None),
        (2, "https://anyone.example", "*"),
    ],
)
def test_serve_cors_allow_origin_only_when_asked(servers, index, origin, allowed):
    status, headers, body = _request(servers[index], "GET", ASK, {"Origin": origin, "Accept": "application/sparql-results+json"})
    assert status == 200 and b'"boolean":true' in body
    assert headers.get("access-control-allow-origin") == allowed


def test_serve_cors_preflight(servers):
    preflight = {"Origin": ALLOWED, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    status, headers, body = _request(servers[1], "OPTIONS", "/sparql", preflight)
    assert status == 204 and body == b""
    assert headers["access-control-allow-origin"] == ALLOWED
    assert headers["access-control-allow-methods"] == "GET, POST, OPTIONS"
    assert headers["access-control-allow-headers"] == "Accept, Content-Type"
    status, headers, _ = _request(servers[0], "OPTIONS", "/sparql", preflight)
    assert status == 204 and "access-control-allow-origin" not in headers


def test_serve_cors_stays_read_only(servers):
    status, headers, body = _request(servers[2], "POST", "/sparql", {"Origin": ALLOWED, "Content-Type": "application/sparql-update"}, b"DROP ALL")
    assert status == 403 and body.startswith(b"[E306]")
    assert headers["access-control-allow-origin"] == "*"  # so the page can read why


@pytest.mark.parametrize("origin", ["yasgui.example.org", "https://yasgui.example.org/sparql", "ftp://x", ""])
def test_serve_cors_cli_refuses_a_bad_origin(origin):
    result = CliRunner().invoke(main, ["serve", str(FIXTURE), "--port", "0", "--cors", origin])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: [E323] invalid --cors origin {origin!r}; give an origin such as "
        "https://yasgui.example.org or http://localhost:3000 (scheme, host and port, no path), or * for any\n"
    )
