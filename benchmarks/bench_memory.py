"""Benchmark: peak memory and time of `kg build` on one article of growing size, on one line.

Run: ``.venv/bin/python -m benchmarks.bench_memory [--sizes-mb 0.25 1 4]`` (or ``make bench``).
Scraped pages often lose their line breaks; such a page is one paragraph, one body block.
Each size is one cold ``kg build FILE --no-cache`` in a fresh subprocess (model load
included); the article is generated news prose (``benchmarks.corpus``) joined on one
line. Printed: the body characters parsed (at most ``kg.ingest.DEFAULT_MAX_BODY_CHARS``,
W107 above it), seconds, peak RSS (ru_maxrss), and the ratios of each size's peak RSS
and time to the first size above the limit's: the memory bound holds when they are
~1.0× whatever the file size.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_build import kg_build  # noqa: E402
from benchmarks.corpus import generate_articles  # noqa: E402


def one_line_article(size_bytes: int) -> str:
    """Generated articles joined on one line until ``size_bytes`` UTF-8 bytes."""
    parts: list[str] = []
    total, n = 0, 0
    while total < size_bytes:
        batch = generate_articles(50, seed=n)
        for article in batch:
            line = "".join(article.text.split())
            parts.append(line)
            total += len(line.encode("utf-8"))
        n += 1
    return "".join(parts).encode("utf-8")[:size_bytes].decode("utf-8", "ignore")


def main(argv: list[str] | None = None) -> list[dict]:
    """Build one one-line article per size; print peak RSS, time and their ratios."""
    from kg.ingest import DEFAULT_MAX_BODY_CHARS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", type=float, nargs="+", default=[0.05, 1, 4],
                        help="sizes of the one-line article, in MB")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes_mb:
            path = Path(tmp) / f"one-line-{size}mb.txt"
            text = one_line_article(int(size * 1_000_000))
            path.write_text(text, encoding="utf-8")
            result = kg_build(str(path), "-o", str(Path(tmp) / f"out-{size}"), "--no-cache")
            report = json.loads((Path(tmp) / f"out-{size}" / "report.json").read_text(encoding="utf-8"))
            trimmed = any("[W107]" in w for w in report["warnings"])
            rows.append({"mb": size, "chars": len(text), "trimmed": trimmed, "seconds": result["seconds"],
                         "maxrss_mb": result["maxrss_mb"], "parse_extract": result["timings"]["parse_extract"],
                         "representations": result["counts"]["representations"]})
    base = next((r for r in rows if r["trimmed"]), rows[0])
    print(f"one-line article, cold build (--no-cache), body limit {DEFAULT_MAX_BODY_CHARS:,} characters")
    print(f"{'size':>7} {'chars':>10} {'parsed':>8} {'total s':>8} {'parse s':>8} {'peak RSS':>9} "
          f"{'RSS ratio':>9} {'time ratio':>10}")
    for r in rows:
        parsed = f"{DEFAULT_MAX_BODY_CHARS:,}" if r["trimmed"] else "all"
        print(f"{r['mb']:>5} MB {r['chars']:>10,} {parsed:>8} {r['seconds']:>8.1f} {r['parse_extract']:>8.1f} "
              f"{r['maxrss_mb']:>6.0f} MB {r['maxrss_mb'] / base['maxrss_mb']:>8.2f}× "
              f"{r['seconds'] / base['seconds']:>9.2f}×")
    print(f"(ratios are to the {base['mb']} MB build; goal for every size above the limit: RSS ratio ≈ 1.0×)")
    return rows


if __name__ == "__main__":
    main(sys.argv[1:])
