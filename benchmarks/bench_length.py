"""Benchmark: cost of one long block (a whole article on one line), 4 KB to 64 KB.

Run: ``.venv/bin/python -m benchmarks bench_length`` (or ``make bench``);
``.venv/bin/python -m benchmarks.bench_length --profile`` also prints a cProfile of our
part on the largest article.

Each article is one line made of generated diplomatic sentences (``benchmarks.corpus``,
newlines removed), cut at a sentence end near the size in UTF-8 bytes. For each size it
prints, separately for the parse (GiNZA: ``kg.nlp.parse_blocks`` with our components
switched off) and for our part (our components, ``kg_syntax`` then ``kg_domain``, on a
copy of the parsed Doc, then ``kg.extract.extract_facts``): total seconds, seconds per
KB, and the ratio of time per
character to the 4 KB article. A stage that scales linearly keeps that ratio near 1.0×.
Times are CPU seconds of this process (``time.process_time``), which other jobs on a
shared machine disturb far less than wall-clock time; the wall-clock seconds are printed
too. The model is loaded and the lexicons read before timing; each stage keeps its best
of ``--repeats`` runs. No pass/fail verdict: ratios only.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate_article  # noqa: E402
from kg.records import Article  # noqa: E402

SIZES_KB = (4, 8, 16, 32, 64)


def one_line_text(target_bytes: int, seed: int = 0) -> str:
    """Generated sentences joined on one line, as long as fits in ``target_bytes`` UTF-8 bytes."""
    text, size, index = "", 0, 0
    while True:
        for sentence in generate_article(index, seed).text.split("\n"):
            if not sentence:
                continue
            cost = len(sentence.encode("utf-8"))
            if size + cost > target_bytes:
                return text
            text, size = text + sentence, size + cost
        index += 1


def one_line_article(size_kb: int) -> Article:
    """An article whose whole body is one line of about ``size_kb`` KB."""
    text = one_line_text(size_kb * 1024)
    name = f"oneline_{size_kb}kb"
    return Article(doc_id=name, path=f"{name}.txt", text=text, body=((0, len(text)),),
                   published="2024-06-02", title=text[:30], source="generated")


def _best(runs: int, work, prepare=lambda: None) -> tuple[float, float, object]:
    """Smallest CPU and wall-clock times of ``runs`` calls of ``work(prepare())`` (``prepare``
    untimed), and the last result."""
    cpu = wall = float("inf")
    result = None
    for _ in range(runs):
        argument = prepare()
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        result = work(argument)
        cpu = min(cpu, time.process_time() - cpu_start)
        wall = min(wall, time.perf_counter() - wall_start)
    return cpu, wall, result


def our_components(nlp) -> list[str]:
    """The pipes kg adds to GiNZA, in pipeline order."""
    from kg import components, syntax

    return [name for name in nlp.pipe_names if name in (syntax.COMPONENT_NAME, components.COMPONENT_NAME)]


def run_ours(nlp, article: Article, doc):
    """Our components on ``doc`` (changed in place), then the extractor: (doc, facts)."""
    from kg.extract import extract_facts

    for name in our_components(nlp):
        doc = nlp.get_pipe(name)(doc)
    return doc, extract_facts(article, [doc])


def measure(nlp, article: Article, repeats: int) -> dict:
    """Seconds of the parse and of our part (our components + extract) on one article."""
    from kg.nlp import parse_blocks

    text = article.text

    def parse(_):
        with nlp.select_pipes(disable=our_components(nlp)):
            return parse_blocks(nlp, [text])[0]

    parse_cpu, parse_wall, parsed = _best(repeats, parse)
    # kg_syntax edits the parse: every run starts from a fresh copy (copied untimed)
    ours_cpu, ours_wall, (doc, facts) = _best(repeats, lambda copy: run_ours(nlp, article, copy), parsed.copy)
    return {
        "kb": len(text.encode("utf-8")) / 1024, "chars": len(text), "tokens": len(doc),
        "mentions": len(doc._.kg_mentions), "representations": len(facts.representations),
        "parse": parse_cpu, "ours": ours_cpu, "parse_wall": parse_wall, "ours_wall": ours_wall, "parsed": parsed,
    }


def profile_ours(nlp, article: Article, doc, lines: int = 25) -> str:
    """cProfile (cumulative time) of our components + extract on an already parsed Doc."""
    profiler = cProfile.Profile()
    profiler.runcall(run_ours, nlp, article, doc)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


def print_table(rows: list[dict]) -> None:
    """CPU seconds, s/KB and time-per-character ratio to the first row, for both stages."""
    base = rows[0]
    print("  CPU seconds; ratio = time per character / that of the first size; wall = wall-clock seconds")
    print(f"  {'size':>6} {'chars':>6} {'tokens':>6} | {'parse':>6} {'s/KB':>6} {'ratio':>6} {'wall':>6} | "
          f"{'ours':>6} {'s/KB':>6} {'ratio':>6} {'wall':>6} | ours/parse")
    for row in rows:
        cells = []
        for stage in ("parse", "ours"):
            ratio = (row[stage] / row["chars"]) / (base[stage] / base["chars"])
            cells.append(f"{row[stage]:>6.2f} {row[stage] / row['kb']:>6.3f} {ratio:>5.2f}× {row[stage + '_wall']:>6.2f}")
        print(f"  {row['kb']:>4.1f}KB {row['chars']:>6} {row['tokens']:>6} | {cells[0]} | {cells[1]} | "
              f"{100 * row['ours'] / row['parse']:>9.1f}%")


def main(argv: list[str] | None = None) -> list[dict]:
    """Measure every size, print the table (and a profile with ``--profile``), return the rows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES_KB), help="article sizes in KB (UTF-8)")
    parser.add_argument("--repeats", type=int, default=2, help="runs per stage whose best time is kept")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of our part on the largest size")
    args = parser.parse_args(argv)
    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    measure(nlp, one_line_article(1), 1)  # warm-up: lexicons load on first use, not in any size's time
    print(f"bench_length: one-line articles of {', '.join(f'{s} KB' for s in args.sizes)}; "
          f"best of {args.repeats}; ratio = time per character / that of the {args.sizes[0]} KB article")
    rows = []
    for size in args.sizes:
        rows.append(measure(nlp, one_line_article(size), args.repeats))
        print(f"  measured {size} KB: parse {rows[-1]['parse']:.2f}s, ours {rows[-1]['ours']:.2f}s (CPU)", flush=True)
    print_table(rows)
    if args.profile:
        print(profile_ours(nlp, one_line_article(args.sizes[-1]), rows[-1]["parsed"].copy()))
    for row in rows:
        row.pop("parsed")
    return rows


if __name__ == "__main__":
    main(sys.argv[1:])
