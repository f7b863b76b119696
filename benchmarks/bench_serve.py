"""Benchmark: `kg serve` under many concurrent clients on loopback, and its memory over time.

Run: ``.venv/bin/python benchmarks/bench_serve.py [--clients 200] [--requests 2000]``.

The server runs in its own process (as `kg serve` does) over a synthetic graph of the
project's shape (``bench_query.synthetic_graph``). An asyncio client keeps ``--clients``
connections in flight, each request on a new connection (the hard case for the listen
queue), until ``--requests`` have been made; it prints answered / failed (reset, refused,
timed out), throughput and latency percentiles. Configurations compared:

- ``before``: the settings of the first `kg serve` (listen queue 16, 2 workers);
- ``now``: the defaults (listen queue ``LISTEN_BACKLOG``, 2 workers);
- ``now, 4 workers``: more worker processes on the same 2 cores.

Then the server's memory (its process and its workers, RSS) is sampled while it answers
``--soak`` more requests: it must stay flat. Every loop is bounded in count and time and
sends only to 127.0.0.1.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_query import synthetic_graph  # noqa: E402

QUERIES = (
    "SELECT ?forum ?acronym WHERE { ?f a kgo:Forum ; rdfs:label ?forum . OPTIONAL { ?f kgo:acronym ?acronym } } ORDER BY ?forum LIMIT 20",
    "ASK { ?r a kgo:Representation }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?m a kgo:Meeting }",
)
REQUEST_TIMEOUT = 30.0

SERVER = """
import sys
from kg.serve import make_server
if __name__ == "__main__":
    graph, workers, backlog = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    server = make_server(graph, port=0, workers=workers, backlog=backlog, timeout=30)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    finally:
        server.close()
"""


def start_server(graph: Path, workers: int, backlog: int) -> tuple[subprocess.Popen, int]:
    """A server process on 127.0.0.1 and its port."""
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(graph), str(workers), str(backlog)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(process.stdout.readline())
    return process, port


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children, in MB (from /proc)."""
    total = 0
    pids = [pid]
    try:
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


async def _one(port: int, query: str) -> tuple[str, float]:
    target = "/sparql?" + urllib.parse.urlencode({"query": query})
    request = (f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/sparql-results+json\r\n"
               "Connection: close\r\n\r\n").encode()
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), REQUEST_TIMEOUT)
        writer.write(request)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), REQUEST_TIMEOUT)
        writer.close()
        outcome = "ok" if answer.startswith(b"HTTP/1.1 200") else "http " + answer[9:12].decode(errors="replace")
    except (ConnectionResetError, BrokenPipeError):
        outcome = "reset"
    except ConnectionRefusedError:
        outcome = "refused"
    except asyncio.TimeoutError:
        outcome = "timeout"
    except OSError as err:
        outcome = type(err).__name__
    return outcome, time.perf_counter() - started


async def _load(port: int, clients: int, requests: int) -> tuple[list[tuple[str, float]], float]:
    results: list[tuple[str, float]] = []
    counter = iter(range(requests))

    async def client() -> None:
        for index in counter:
            results.append(await _one(port, QUERIES[index % len(QUERIES)]))

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return results, time.perf_counter() - started


def load(port: int, clients: int, requests: int) -> dict:
    """Counts, throughput and latency percentiles (ms) of one load run."""
    results, seconds = asyncio.run(_load(port, clients, requests))
    latencies = sorted(t for outcome, t in results if outcome == "ok")
    failures: dict[str, int] = {}
    for outcome, _ in results:
        if outcome != "ok":
            failures[outcome] = failures.get(outcome, 0) + 1

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    return {"ok": len(latencies), "failed": failures, "rps": len(results) / seconds,
            "p50": pct(0.50), "p90": pct(0.90), "p99": pct(0.99), "max": latencies[-1] * 1000 if latencies else float("nan"),
            "mean": statistics.fmean(latencies) * 1000 if latencies else float("nan")}


def main(argv: list[str] | None = None) -> None:
    """Print the load figures of three configurations and the memory over a soak."""
    from kg.serve import LISTEN_BACKLOG

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--soak", type=int, default=8000, help="requests of the memory run")
    parser.add_argument("--triples", type=int, default=50_000)
    args = parser.parse_args(argv)
    # asyncio opens one socket per client; make sure the file limit allows them.
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * args.clients + 64)), hard))
    except (ImportError, ValueError, OSError):
        pass

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        graph = Path(tmp) / "graph.ttl"
        triples = synthetic_graph(graph, int(args.triples / 18))
        print(f"graph: {triples:,} triples; {args.clients} concurrent clients, {args.requests} requests, "
              f"a new connection each, on {os.cpu_count()} cores")
        print(f"{'configuration':<26} {'ok':>6} {'failed':<22} {'req/s':>7} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        configurations = (("before (queue 16, 2 workers)", 2, 16), (f"now (queue {LISTEN_BACKLOG}, 2 workers)", 2, LISTEN_BACKLOG),
                          (f"now (queue {LISTEN_BACKLOG}, 4 workers)", 4, LISTEN_BACKLOG))
        for label, workers, backlog in configurations:
            process, port = start_server(graph, workers, backlog)
            try:
                load(port, 20, 200)  # warm-up: imports, caches
                figures = load(port, args.clients, args.requests)
            finally:
                stop_server(process)
            failed = ", ".join(f"{k} {v}" for k, v in sorted(figures["failed"].items())) or "0"
            print(f"{label:<26} {figures['ok']:>6} {failed:<22} {figures['rps']:>7.0f} {figures['p50']:>8.0f} "
                  f"{figures['p90']:>8.0f} {figures['p99']:>8.0f} {figures['max']:>8.0f}")

        process, port = start_server(graph, 2, LISTEN_BACKLOG)
        try:
            load(port, 20, 500)
            samples = [tree_rss_mb(process.pid)]
            rounds = 8
            for _ in range(rounds):
                figures = load(port, 50, args.soak // rounds)
                samples.append(tree_rss_mb(process.pid))
        finally:
            stop_server(process)
        print(f"\nmemory of the server and its 2 workers (RSS, MB) after 500 warm-up requests, then every "
              f"{args.soak // rounds} requests (50 clients): {' '.join(f'{s:.0f}' for s in samples)}")
        print(f"growth over {args.soak} requests: {samples[-1] - samples[0]:+.1f} MB "
              f"({(samples[-1] - samples[0]) / samples[0] * 100:+.1f} %)")


if __name__ == "__main__":
    main(sys.argv[1:])
