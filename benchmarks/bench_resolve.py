"""Benchmark: resolution (kg.resolve) on generated facts from 10,000 to 100,000 articles, local and on Dask.

Run: ``.venv/bin/python -m benchmarks.bench_resolve [--sizes 10000 30000 100000] [--no-dask | --only-dask | --paths P...] [--rdf]``
(or ``make bench``). Each size and path runs in a fresh subprocess, so ``ru_maxrss`` is the
peak memory of that build process alone. Three paths:

- ``local``: the facts of ``n`` generated articles (``benchmarks.corpus.generate_article``,
  the ideal facts of generated news) are made here, held as ``kg build`` holds them (read
  back from the facts cache's JSON, without the articles' texts and with equal values
  shared: ``kg.scale.without_text``) and resolved here (``kg.resolve.resolve``);
- ``dask`` (what ``kg build --scheduler`` does): the facts are made on a two-worker Dask
  ``LocalCluster`` in partitions of 1,000 articles and stay there
  (``kg.scale.facts_made_on``); ``kg.scale.resolve_parts`` resolves their mentions without
  evidence here, person linkage and sessions on the workers (the workers' memory and CPU are
  their own);
- ``dask-gather`` (the Dask path before 2026-12-07 13:00, with today's batching): the facts
  are made here as for ``local`` and resolved with person linkage and session clustering on
  the cluster (``kg.scale.resolve_on``). The "before" figures of docs/performance.md were
  run with the code of before itself (ed0b8ad).

With ``--rdf`` the facts are then dropped here (as ``kg build`` does) and graph.ttl written
into a temporary folder partition by partition, without an rdflib graph of the whole
(``kg.scale.write_turtle``: partitions mapped here, or on the workers; on the ``dask`` path
``kg.scale.write_turtle_parts``, each fact partition's documents and evidence written on its
worker), spilled to run files and merged into the streaming Turtle writer.

Printed per size and path: wall-clock seconds of resolution, milliseconds per article, the
build process's CPU milliseconds per article and that plus the Dask workers' CPU (what a
loaded machine distorts least), each relative to the first size (≈ 1.0× when resolution
is linear in the corpus), the build process's RSS once the facts are made (``facts MB``)
and its peak RSS (``peak MB``, after resolution; with ``--rdf`` also after writing).
Timings are printed, never checked.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = [10_000, 30_000, 100_000]
PART = 1000  # articles per partition of facts made on the workers (``dask`` path)


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _timed(function, *args):
    started, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - started, time.process_time() - cpu


def _generate_part(indices: range) -> list:
    """The facts of the generated articles ``indices``, as ``kg build`` holds them (on a worker)."""
    from benchmarks.corpus import generate_article
    from kg.cache import record_from_json, record_to_json
    from kg.records import DocumentFacts
    from kg.scale import without_text

    return [without_text(record_from_json(DocumentFacts, record_to_json(generate_article(i).facts))) for i in indices]


def _one(n: int, dask: bool, rdf: bool, gather: bool = False) -> dict:
    """Resolve ``n`` generated articles in this process; the figures as a dict."""
    from contextlib import ExitStack

    import tempfile

    from benchmarks.corpus import generate_article
    from kg.cache import record_from_json, record_to_json
    from kg.records import DocumentFacts
    from kg.resolve import resolve
    from kg.scale import without_text, write_turtle

    path = "dask-gather" if gather else "dask" if dask else "local"
    facts = parts = None
    if not dask or gather:
        # held as ``kg build`` holds them: each article's facts read back from the facts cache
        # (JSON), then without its text
        facts = [without_text(record_from_json(DocumentFacts, record_to_json(generate_article(i).facts))) for i in range(n)]
    facts_mb = _peak_mb()
    with ExitStack() as stack:
        if dask:
            from dask.distributed import Client, LocalCluster

            from kg.scale import facts_made_on, resolve_on, resolve_parts

            cluster = stack.enter_context(LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                                       host="127.0.0.1", dashboard_address=None, silence_logs=40))
            client = stack.enter_context(Client(cluster))
            client.run(_warm_worker)  # imports and lexicons loaded before the clock starts
            if facts is None:
                parts = facts_made_on(client, _generate_part, [range(i, min(i + PART, n)) for i in range(0, n, PART)])
                facts_mb = _peak_mb()
            before = _workers_cpu(client)
            if parts is not None:
                resolved, seconds, cpu = _timed(resolve_parts, client, parts)
            else:
                resolved, seconds, cpu = _timed(resolve_on, client, facts)
            workers_cpu = _workers_cpu(client) - before
        else:
            resolved, seconds, cpu = _timed(resolve, facts)
            workers_cpu = 0.0
        row = {"articles": n, "path": path, "seconds": round(seconds, 2), "cpu": round(cpu, 2),
               "workers_cpu": round(workers_cpu, 2), "people": len(resolved.people), "meetings": len(resolved.meetings),
               "facts_mb": facts_mb, "maxrss_mb": _peak_mb()}
        if rdf:
            del facts
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-resolve-"))
            before = _workers_cpu(client) if dask else 0.0
            if parts is not None:
                from kg.scale import write_turtle_parts

                triples, seconds, cpu = _timed(write_turtle_parts, resolved, parts, Path(folder) / "graph.ttl", client)
            else:
                triples, seconds, cpu = _timed(write_turtle, resolved, Path(folder) / "graph.ttl", client if dask else None)
            row.update(rdf_seconds=round(seconds, 2), rdf_cpu=round(cpu, 2), triples=triples, rdf_maxrss_mb=_peak_mb(),
                       rdf_workers_cpu=round(_workers_cpu(client) - before, 2) if dask else 0.0)
    return row


def _warm_worker() -> None:
    from kg import linkage, rdf, resolve, sessions  # noqa: F401
    from kg.lexicon import forums, institutions

    forums(), institutions(), linkage.reference_rows()


def _worker_cpu() -> float:
    return time.process_time()


def _workers_cpu(client) -> float:
    """CPU seconds used so far by the worker processes (the build process's are its own)."""
    return sum(client.run(_worker_cpu).values())


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES, help="articles per run")
    parser.add_argument("--no-dask", action="store_true", help="only the local path")
    parser.add_argument("--only-dask", action="store_true", help="only the Dask path")
    parser.add_argument("--paths", nargs="+", choices=["local", "dask", "dask-gather"], help="the paths to run")
    parser.add_argument("--rdf", action="store_true", help="also map the resolved records to triples")
    parser.add_argument("--one", nargs=2, metavar=("N", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(_one(int(args.one[0]), args.one[1] != "local", args.rdf, args.one[1] == "dask-gather")))
        return []
    rows = []
    paths = args.paths or (["local"] if args.no_dask else ["dask"] if args.only_dask else ["local", "dask"])
    header = (f"{'path':<12}{'articles':>9}{'seconds':>9}{'ms/art':>8}{'ratio':>7}{'CPU ms/art':>11}{'ratio':>7}"
              f"{'all CPU':>9}{'ratio':>7}{'facts MB':>9}{'peak MB':>9}{'people':>8}")
    print(header + ("" if not args.rdf else f"{'rdf s':>8}{'rdf ms/art':>11}{'CPU ms/art':>11}{'triples':>10}{'peak MB':>9}"))
    first: dict[str, tuple[float, float, float]] = {}
    for path in paths:
        for n in args.sizes:
            command = [sys.executable, "-m", "benchmarks.bench_resolve", "--one", str(n), path] + (["--rdf"] if args.rdf else [])
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            # ms per article: wall clock; CPU of the build process; CPU of build process and workers
            per = (row["seconds"] / n * 1000, row["cpu"] / n * 1000, (row["cpu"] + row["workers_cpu"]) / n * 1000)
            base = first.setdefault(path, per)
            row.update(ms_per_article=round(per[0], 3), ratio=round(per[0] / base[0], 2),
                       cpu_ms_per_article=round(per[1], 3), cpu_ratio=round(per[1] / base[1], 2),
                       all_cpu_ms_per_article=round(per[2], 3), all_cpu_ratio=round(per[2] / base[2], 2))
            rows.append(row)
            line = (f"{path:<12}{n:>9}{row['seconds']:>9.1f}{per[0]:>8.3f}{row['ratio']:>6.2f}×{per[1]:>11.3f}"
                    f"{row['cpu_ratio']:>6.2f}×{per[2]:>9.3f}{row['all_cpu_ratio']:>6.2f}×{row['facts_mb']:>9}{row['maxrss_mb']:>9}"
                    f"{row['people']:>8}")
            if args.rdf:
                line += (f"{row['rdf_seconds']:>8.1f}{row['rdf_seconds'] / n * 1000:>11.3f}"
                         f"{(row['rdf_cpu'] + row['rdf_workers_cpu']) / n * 1000:>11.3f}{row['triples']:>10}"
                         f"{row['rdf_maxrss_mb']:>9}")
            print(line, flush=True)
    for path in paths:
        done = [r for r in rows if r["path"] == path]
        if len(done) > 1:
            a, b = done[0], done[-1]
            print(f"{path}: time per article at {b['articles']:,} / at {a['articles']:,} articles: "
                  f"{b['ratio']:.2f}× wall clock, {b['cpu_ratio']:.2f}× CPU of the build process, "
                  f"{b['all_cpu_ratio']:.2f}× CPU of build process and workers (target ≤ 1.3×); peak RSS of the "
                  f"build process {a['maxrss_mb']} → {b['maxrss_mb']} MB "
                  f"({(b['maxrss_mb'] - a['maxrss_mb']) / (b['articles'] - a['articles']) * 1000:.1f} MB per 1,000 articles)")
    return rows


if __name__ == "__main__":
    main()
