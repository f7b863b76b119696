"""`kg eval`: score a built graph against gold YAML files (a thin layer over kg.evaluate)."""
from __future__ import annotations

import json
import sys
from typing import Optional

import click

from kg.errors import KGError


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("graph", metavar="GRAPH")
@click.argument("gold_dirs", nargs=-1, required=True, metavar="GOLD_DIR...")
@click.option("--json", "as_json", is_flag=True,
              help="Print the full result as JSON instead of the text report.  e.g. --json > eval.json")
@click.option("--identity", "identity_dir", metavar="IDENTITY_DIR", default=None,
              help="Also print the cross-document identity figures against IDENTITY_DIR "
                   "(officials.tsv, meetings.tsv), over all GOLD_DIRs.  e.g. --identity ../shared/identity")
@click.option("-w", "--width", type=click.IntRange(min=0), metavar="COLUMNS",
              help="Wrap report lines at spaces to COLUMNS (0: no limit) [default: the terminal's "
                   "width when printing to one, else no limit].  e.g. --width 100")
@click.option("--by-rule", "by_rule", is_flag=True,
              help="Print precision and recall per extraction construction (kgo:rule) instead of the "
                   "report, as a table within 80 columns.  e.g. --by-rule")
def eval_command(graph: str, gold_dirs: tuple[str, ...], as_json: bool, identity_dir: Optional[str],
                 width: Optional[int], by_rule: bool) -> None:
    """Score GRAPH (a Turtle file from `kg build`) against the gold files in GOLD_DIR.

    Prints representation precision, recall and F1 over the corpus and per document,
    the misses, false alarms and duplicates, the gold officials found (and with the
    right country), the required meetings found, and must_not_extract names in the
    graph. The figures are those of the reference scorer shared/tools/score.py, and
    the last line is the line it prints. The gold format and the scoring rules are
    in docs/evaluation.md. Several GOLD_DIRs (a graph built from several corpora) are
    scored one after the other. With --identity, the cross-document identity figures
    follow: is each real person and meeting one node across articles (pairwise P/R/F1,
    splits, wrong merges), as shared/tools/score_identity.py prints them. On a terminal,
    long lines wrap at spaces to fit it, never inside a name or a figure; piped, lines
    stay whole (`| tail -1`). --by-rule prints instead a table of precision and recall
    per construction that produced the facts (the kgo:rule of each representation), so
    you see which kinds of fact to trust; --json always includes it ("by_rule"). Exits 0
    whatever the scores; 1 when the graph or the gold files cannot be read.

    \b
    Examples:
      kg eval out/graph.ttl tests/gold
      kg eval out/graph.ttl tests/gold --json | jq .representations.f1
      kg eval all/graph.ttl ../shared/realdev/gold --identity ../shared/identity
      kg eval out/graph.ttl tests/gold --by-rule
    """
    from kg.cli.query import output_width
    from kg.evaluate import evaluate, format_by_rule, format_report
    from kg.evaluate_identity import format_identity, score_identity
    from kg.query import wrap_words

    try:
        reports = [evaluate(graph, gold_dir) for gold_dir in gold_dirs]
        identity = score_identity(graph, identity_dir, gold_dirs) if identity_dir else None
    except KGError as err:
        raise click.ClickException(str(err)) from None
    if as_json:
        result = reports[0] if len(reports) == 1 else {"gold": dict(zip(gold_dirs, reports))}
        if identity is not None:
            result = {**result, "identity": identity}
        click.echo(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True))
        return
    texts = []
    for gold_dir, report in zip(gold_dirs, reports):
        if len(reports) > 1:
            texts.append(f"== {gold_dir}")
        texts.append(format_by_rule(report) if by_rule else format_report(report))
    if identity is not None:
        texts.append("Identity across documents (as shared/tools/score_identity.py prints it)")
        texts.append(format_identity(identity))
    columns = output_width(width) if width is not None or sys.stdout.isatty() else None
    lines = "\n".join(texts).split("\n")
    click.echo("\n".join(part for line in lines for part in (wrap_words(line, columns) if columns else [line])))
