"""`kg serve` over raw sockets: one unambiguous body length (no request smuggling), idle
connections that give way to real requests, a Host check against DNS rebinding."""
from __future__ import annotations

import http.client
import socket
import time
from pathlib import Path

import pytest

from fixtures_serve import start_server, stop_server
from kg.errors import QueryError
from kg.serve import make_server

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"
ASK = b"ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server():
    served, thread = start_server(FIXTURE, workers=1, timeout=10, request_deadline=30.0)
    yield served
    stop_server(served, thread)


def _exchange(server, raw: bytes, wait: float = 10) -> bytes:
    """Send ``raw`` on a fresh connection; everything the server sends until it closes."""
    host, port = server.server_address[:2]
    answer = b""
    with socket.create_connection((host, port), timeout=wait) as connection:
        connection.sendall(raw)
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except TimeoutError:
            answer += b"<still open>"
    return answer


def _post(body: bytes, *headers: str) -> bytes:
    head = "POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
    return (head + "".join(h + "\r\n" for h in headers) + "\r\n").encode() + body


SMUGGLED = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
FRAMINGS = [
    ("Content-Length and Transfer-Encoding", _post(b"0\r\n\r\n" + SMUGGLED, "Content-Length: 5", "Transfer-Encoding: chunked")),
    ("Transfer-Encoding and Content-Length", _post(ASK + SMUGGLED, "Transfer-Encoding: chunked", f"Content-Length: {len(ASK)}")),
    ("two Content-Length headers", _post(ASK + SMUGGLED, f"Content-Length: {len(ASK)}", f"Content-Length: {len(ASK) + len(SMUGGLED)}")),
    ("Content-Length with a sign", _post(ASK + SMUGGLED, f"Content-Length: +{len(ASK)}")),
    ("Content-Length with an underscore", _post(ASK + SMUGGLED, "Content-Length: 1_6")),
]


@pytest.mark.parametrize("raw", [r for _, r in FRAMINGS], ids=[n for n, _ in FRAMINGS])
def test_serve_http_hardening_ambiguous_length_is_400_and_closed(server, raw):
    answer = _exchange(server, raw)
    assert answer.startswith(b"HTTP/1.1 400 Bad Request\r\n"), answer[:200]
    assert b"[E325] " in answer and b"Connection: close" in answer
    assert answer.count(b"HTTP/1.1 ") == 1  # the smuggled request is never answered
    assert not answer.endswith(b"<still open>")


def test_serve_http_hardening_a_get_body_is_never_read_as_a_request(server):
    raw = f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(SMUGGLED)}\r\n\r\n".encode() + SMUGGLED
    answer = _exchange(server, raw)
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n") and answer.count(b"HTTP/1.1 ") == 1


def test_serve_http_hardening_one_clear_length_still_works(server):
    answer = _exchange(server, _post(ASK, f"Content-Length: {len(ASK)}", "Connection: close"))
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n") and answer.endswith(b'"boolean":true}')


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("attacker.example", 400),
        ("attacker.example:{port}", 400),
        ("127.0.0.1.attacker.example", 400),
        ("localhost.attacker.example", 400),
        ("127.0.0.1:{port}", 200),
        ("localhost:{port}", 200),
        ("LOCALHOST.", 200),
        ("[::1]:{port}", 200),
        ("192.0.2.7", 200),  # an address: no name a rebinding page could use
    ],
)
def test_serve_http_hardening_host_header_is_checked(server, host, status):
    port = server.server_address[1]
    raw = f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host.format(port=port)}\r\nConnection: close\r\n\r\n".encode()
    answer = _exchange(server, raw)
    assert answer.startswith(f"HTTP/1.1 {status} ".encode()), answer[:300]
    if status == 400:
        assert b"[E326] Host " in answer and b"--allow-host" in answer


def test_serve_http_hardening_allow_host_accepts_a_name(tmp_path):
    served, thread = start_server(FIXTURE, workers=1, allowed_hosts=("kaigi.example.org",))
    try:
        for host, status in (("kaigi.example.org:80", b"200"), ("other.example.org", b"400")):
            raw = f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
            assert _exchange(served, raw).startswith(b"HTTP/1.1 " + status)
    finally:
        stop_server(served, thread)
    with pytest.raises(QueryError) as info:
        make_server(FIXTURE, port=0, allowed_hosts=("http://kaigi.example.org/",))
    assert info.value.code == "E326"


def test_serve_http_hardening_idle_connections_do_not_starve_requests(server):
    # 600 connections that send nothing hold every slot (512) for the 30 s request deadline;
    # requests arriving now must still be answered (they used to wait for the deadline).
    host, port = server.server_address[:2]
    idle = []
    try:
        for _ in range(600):
            idle.append(socket.create_connection((host, port), timeout=10))
        time.sleep(0.5)  # let the server take them all in
        for _ in range(5):
            connection = http.client.HTTPConnection(host, port, timeout=10)  # well under 30 s
            connection.request("GET", "/sparql?query=ASK%7B%7D", headers={"Connection": "close"})
            response = connection.getresponse()
            assert response.status == 200 and response.read() == b'{"head":{},"boolean":true}'
            connection.close()
        shed = 0
        for sock in idle:
            sock.settimeout(0.01)
            try:
                shed += sock.recv(1) == b""
            except (TimeoutError, OSError):
                pass
        assert shed >= 5  # the oldest idle connections were closed to make room
    finally:
        for sock in idle:
            sock.close()
