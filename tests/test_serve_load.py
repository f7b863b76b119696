"""`kg serve` under concurrent clients: the listen queue, answers that never cross, flat memory.

Bounded: a few thousand loopback requests, each with a timeout. Timings and throughput are
in benchmarks/bench_serve.py (`make bench`), not here.
"""
from __future__ import annotations

import json
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg.serve import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.bench_serve import load, start_server, stop_server, tree_rss_mb  # noqa: E402

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"
PENDING = 200


def _numbered(n: int) -> bytes:
    query = f"SELECT ?n ?forums WHERE {{ {{ SELECT (COUNT(?f) AS ?forums) WHERE {{ ?f a kgo:Forum }} }} BIND({n} AS ?n) }}"
    target = "/sparql?" + urllib.parse.urlencode({"query": query})
    return f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/sparql-results+json\r\nConnection: close\r\n\r\n".encode()


def _answer_of(raw: bytes) -> tuple[int, int]:
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head[:200]
    binding = json.loads(body)["results"]["bindings"][0]
    return int(binding["n"]["value"]), int(binding["forums"]["value"])


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_serve_load_listen_queue_holds_200_pending_clients():
    # Bound but not yet accepting: every connection has to wait in the kernel's queue.
    server = make_server(FIXTURE, port=0, workers=2)
    clients = []
    try:
        address = server.server_address[:2]
        for _ in range(PENDING):
            client = socket.socket()
            client.setblocking(False)
            client.connect_ex(address)
            clients.append(client)
        deadline = time.monotonic() + 1.5
        waiting = list(clients)
        while waiting and time.monotonic() < deadline:
            _, writable, _ = select.select([], waiting, [], 0.1)
            waiting = [c for c in waiting if c not in writable]
        connected = [c for c in clients if c not in waiting and c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0]
        assert len(connected) == PENDING
        for n, client in enumerate(clients):
            client.setblocking(True)
            client.settimeout(60)
            client.sendall(_numbered(n))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        answers = [_answer_of(_read_all(client)) for client in clients]
        assert answers == [(n, 3) for n in range(PENDING)]
        server.shutdown()
        thread.join(20)
    finally:
        for client in clients:
            client.close()
        server.close()


def test_serve_load_concurrent_answers_never_cross():
    server = make_server(FIXTURE, port=0, workers=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def ask(n: int) -> tuple[int, int]:
        with socket.create_connection(server.server_address[:2], timeout=60) as client:
            client.sendall(_numbered(n))
            return _answer_of(_read_all(client))

    try:
        with ThreadPoolExecutor(max_workers=64) as pool:
            answers = list(pool.map(ask, range(600)))
        assert answers == [(n, 3) for n in range(600)]
    finally:
        server.shutdown()
        server.close()
        thread.join(20)


@pytest.mark.slow
def test_serve_load_memory_stays_flat():
    process, port = start_server(FIXTURE, 2, 1024)
    try:
        assert load(port, 20, 500)["ok"] == 500  # warm-up: imports, caches, thread stacks
        before = tree_rss_mb(process.pid)
        samples = []
        for _ in range(4):
            figures = load(port, 50, 750)
            assert figures["ok"] == 750, figures["failed"]
            samples.append(tree_rss_mb(process.pid))
        # 3,000 requests: a leak of even 5 kB per request would show as 15 MB
        assert max(samples) - before < 12, (before, samples)
    finally:
        stop_server(process)
