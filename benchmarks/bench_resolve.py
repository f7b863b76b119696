"""Benchmark: resolution (kg.resolve) on generated facts at growing corpus sizes, local and on Dask.

Run: ``.venv/bin/python -m benchmarks.bench_resolve [--sizes 10000 100000] [--no-dask]``
(or ``make bench``). Each size and path runs in a fresh subprocess, so ``ru_maxrss`` is the
peak memory of that build process alone: the facts of ``n`` generated articles
(``benchmarks.corpus.generate_document_facts``, the ideal facts of generated news) are made,
then resolved locally, or with person linkage on a two-worker Dask ``LocalCluster``
(``kg.scale.resolve_on``; the workers' memory is their own). Printed per size: seconds of
resolution (wall clock), milliseconds per article, the time per article relative to the
first size (≈ 1.0× when resolution is linear in the corpus), the build process's CPU
seconds (what a loaded machine distorts least; on the Dask path the workers' CPU is not
counted) and its peak RSS.
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


def _one(n: int, dask: bool) -> dict:
    """Resolve ``n`` generated articles in this process; the figures as a dict."""
    from benchmarks.corpus import generate_document_facts
    from kg.resolve import resolve

    facts = generate_document_facts(n)
    if dask:
        from dask.distributed import Client, LocalCluster

        from kg.scale import resolve_on

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=40) as cluster, Client(cluster) as client:
            started, cpu = time.perf_counter(), time.process_time()
            resolved = resolve_on(client, facts)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    else:
        started, cpu = time.perf_counter(), time.process_time()
        resolved = resolve(facts)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"articles": n, "path": "dask" if dask else "local", "seconds": round(seconds, 2), "cpu": round(cpu, 2),
            "people": len(resolved.people), "meetings": len(resolved.meetings),
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="articles per run")
    parser.add_argument("--no-dask", action="store_true", help="only the local path")
    parser.add_argument("--one", nargs=2, metavar=("N", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(_one(int(args.one[0]), args.one[1] == "dask")))
        return []
    rows = []
    paths = ["local"] if args.no_dask else ["local", "dask"]
    print(f"{'path':<7}{'articles':>9}{'seconds':>9}{'ms/article':>12}{'ratio':>7}{'CPU s':>8}{'peak MB':>9}{'people':>8}")
    first: dict[str, float] = {}
    for path in paths:
        for n in args.sizes:
            done = subprocess.run([sys.executable, "-m", "benchmarks.bench_resolve", "--one", str(n), path],
                                  cwd=ROOT, capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            per = row["seconds"] / n * 1000
            first.setdefault(path, per)
            row["ms_per_article"], row["ratio"] = round(per, 3), round(per / first[path], 2)
            rows.append(row)
            print(f"{path:<7}{n:>9}{row['seconds']:>9.1f}{per:>12.3f}{row['ratio']:>6.2f}×{row['cpu']:>8.1f}{row['maxrss_mb']:>9}"
                  f"{row['people']:>8}", flush=True)
    return rows


if __name__ == "__main__":
    main()
