"""`kg build`: articles → OUTDIR/graph.ttl, graph.html, report.json (a thin layer over
:func:`kg.pipeline.build_corpus`)."""
from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path

import click

from kg.errors import KGError

EXIT_BUILD_FAILED = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_TERMINATED = 143  # 128 + SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an exception so the build cleans up as on Ctrl-C."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[INPUT]...")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for graph.ttl, graph.html and report.json.  e.g. -o build/")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Parse articles in N worker processes (one model per worker).  e.g. -j 2")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Neither read nor write the parse/facts cache; parse everything again.  e.g. --no-cache")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Cache folder [default: $KG_CACHE_DIR or ~/.cache/kaigi-kg].  e.g. --cache-dir .kg-cache")
@click.option("--strict", is_flag=True,
              help="Exit 1 (previous outputs kept) on a skipped file, internal error or SHACL violation.  "
                   "e.g. --strict")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; skip lines still go to stderr.")
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON on stdout instead of the summary.")
@click.option("--format", "formats", type=click.Choice(["nt", "jsonld", "csv"]), multiple=True,
              help="Also write graph.nt (nt), graph.jsonld (jsonld) or representations.csv (csv); repeatable.  "
                   "e.g. --format nt --format csv")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Parse on a Dask cluster instead of locally.  e.g. --scheduler tcp://10.0.0.5:8786")
@click.option("--corrections", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Corrections file to apply (docs/corrections.md) [default: corrections.yaml beside "
                   "the articles].  e.g. --corrections fixes.yaml")
@click.option("--stream-turtle", "stream_turtle", is_flag=True,
              help="Write graph.ttl partition by partition without a graph of the corpus in memory (very large "
                   "corpora): no graph.html, no SHACL validation, no corrections.  e.g. --stream-turtle")
@click.option("--facts-on-workers", "facts_on_workers", is_flag=True,
              help="With --scheduler: keep the articles' facts on the cluster's workers (less memory here, more "
                   "CPU; docs/distributed.md).  e.g. --scheduler tcp://host:8786 --facts-on-workers")
def build_command(inputs, outdir, jobs, no_cache, cache_dir, strict, quiet, as_json, formats, scheduler,
                  corrections, stream_turtle, facts_on_workers) -> None:
    """Build the knowledge graph of a folder (or files) of articles.

    INPUT are article files (*.txt, *.html, *.htm, with optional NAME.meta.json
    sidecars) or folders of them; the default is seeds/. Files that cannot be read are
    skipped with one line on stderr (`skipped: PATH: reason [E1xx]`); the build goes on.
    An exception inside parsing or extraction is a bug of ours, reported apart
    (`internal error: PATH: ... [E506]`, traceback in report.json). Outputs appear in
    OUTDIR together or not at all; a failed or killed build (Ctrl-C exits 130, SIGTERM
    143) leaves the previous files untouched. Parses and facts are
    cached; rebuilding an unchanged corpus into the same OUTDIR only refreshes
    report.json ("up to date").

    \b
    Examples:
      kg build                                  # seeds/ → out/
      kg build corpus/ -o build/ -j 2           # two worker processes
      kg build corpus/ --format nt --format csv # + graph.nt, representations.csv
      kg build corpus/ --no-cache --quiet       # cold; only skips on stderr
      kg build corpus/ --json > summary.json    # machine-readable report
      kg build corpus/ --scheduler tcp://host:8786
      kg build corpus/ --stream-turtle          # graph.ttl only, no graph held
    """
    from kg.pipeline import build_corpus

    if facts_on_workers and not scheduler:
        raise click.UsageError("--facts-on-workers needs --scheduler ADDRESS (the cluster whose workers keep the facts)")
    paths = list(inputs) or [Path("seeds")]
    if not inputs and not paths[0].exists():
        raise click.UsageError("no INPUT given and the default folder seeds/ does not exist; pass a folder of articles")
    in_main_thread = threading.current_thread() is threading.main_thread()  # signal handlers live there only
    previous_handler = signal.signal(signal.SIGTERM, _on_sigterm) if in_main_thread else None
    try:
        report = build_corpus(
            paths, outdir, jobs=jobs, cache_dir=cache_dir, use_cache=not no_cache, strict=strict,
            progress=sys.stderr.isatty() and not quiet, scheduler=scheduler,
            formats=("ttl", *(() if stream_turtle else ("html",)), *formats),
            on_message=lambda line: click.echo(line, err=True), corrections=corrections, stream_turtle=stream_turtle,
            facts_on_workers=facts_on_workers,
        )
    except KGError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_BUILD_FAILED)
    except KeyboardInterrupt as exc:
        how = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "interrupted"
        click.echo(f"Error: {how}; the previous files in {outdir} were kept", err=True)
        sys.exit(EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED)
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous_handler)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))
    elif not quiet:
        click.echo(summary(report))


def summary(report) -> str:
    """The few lines printed after a build: counts and the files to open."""
    c = report.counts
    notes = [f"{c['skipped']} skipped"] if c.get("skipped") else []
    if report.internal_errors:
        notes.append(f"{len(report.internal_errors)} internal error(s)")
    notes_text = f" ({', '.join(notes)})" if notes else ""
    done = "up to date:" if report.up_to_date else "built"
    lines = [
        f"{done} {c['articles']} article(s){notes_text} in {report.timings.get('total', 0):.1f}s",
        f"  officials {c['officials']}, institutions {c['institutions']}, forums {c['forums']}, "
        f"meetings {c['meetings']}, representations {c['representations']}",
    ]
    if report.internal_errors:
        lines += [f"  internal errors: {len(report.internal_errors)} article(s) left out by a bug of kaigi-kg, "
                  "not bad input;", "  tracebacks in report.json (internal_errors); please report them"]
    if report.corrections:
        lines.append(f"  corrections: {report.corrections['applied']} applied from {report.corrections['file']}"
                     + (f", {len(report.corrections['unmatched'])} matching nothing" if report.corrections["unmatched"] else ""))
    if report.validation.get("violations"):
        lines.append(f"  SHACL: {len(report.validation['violations'])} violation(s), see report.json")
    lines.append("open: " + "  ".join(report.outputs[k] for k in ("ttl", "html") if k in report.outputs))
    return "\n".join(lines)
