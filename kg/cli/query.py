"""`kg query`: run a SPARQL query (a file, -e text or a bundled name) against a graph file."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import click

from kg.errors import KGError


def _fail(err: KGError) -> click.ClickException:
    return click.ClickException(str(err))


def _list_text(width: Optional[int]) -> str:
    from kg.query import MIN_COLUMN_WIDTH, bundled_queries, wrap_cell

    queries = bundled_queries()
    name_width = max(len(name) for name in queries)
    text_width = max(width - name_width - 2, MIN_COLUMN_WIDTH) if width else None
    out = []
    for name, (description, _) in queries.items():
        lines = wrap_cell(description, text_width) if text_width else [description]
        out.append(f"{name:<{name_width}}  {lines[0]}\n")
        out.extend(f"{'':<{name_width}}  {line}\n" for line in lines[1:])
    return "".join(out)


def _query_text(query: Optional[str], expression: Optional[str]) -> str:
    from kg.errors import QueryError
    from kg.query import resolve_query

    if query is not None and expression is not None:
        raise click.UsageError(
            "give either QUERY (a .rq file or a bundled query name) or -e 'SPARQL', not both"
        )
    if expression is not None:
        return expression
    if query is None:
        raise click.UsageError(
            "missing QUERY: give a .rq file, a bundled query name (see `kg query --list`) "
            "or SPARQL text with -e"
        )
    path = Path(query)
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) else "not UTF-8 text"
            raise _fail(QueryError(f"cannot read query file '{query}': {reason}; save it as UTF-8 text", code="E305"))
    if path.suffix.lower() in (".rq", ".sparql") or "/" in query:
        raise _fail(
            QueryError(
                f"query file not found: '{query}'; give an existing .rq file, a bundled "
                "query name (see `kg query --list`) or SPARQL text with -e",
                code="E305",
            )
        )
    try:
        return resolve_query(query)[1]
    except KGError as err:
        raise _fail(err) from None


def _parse_bindings(pairs: tuple[str, ...]) -> dict[str, str]:
    bindings: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise click.UsageError(f"--bind needs NAME=VALUE, got {pair!r}; e.g. --bind side=KR")
        bindings[name] = value
    return bindings


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("graph", required=False, metavar="GRAPH")
@click.argument("query", required=False, metavar="[QUERY_FILE | NAME]")
@click.option(
    "-e",
    "--expression",
    metavar="SPARQL",
    help="SPARQL text to run instead of a file or name. Prefixes kgo:, rdfs:, skos:, "
    "dcterms:, nif:, xsd: are predeclared. "
    "Example: kg query out/graph.ttl -e 'SELECT ?l WHERE { ?f a kgo:Forum ; rdfs:label ?l }'",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["table", "vertical", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output format: an aligned table that fits the terminal (long cells wrap; one "
    "record per row when the columns cannot fit), vertical (always one record per row), "
    "CSV with a header row, or a JSON array of objects. "
    "Example: kg query out/graph.ttl officials --format csv > officials.csv",
)
@click.option(
    "-w",
    "--width",
    type=click.IntRange(min=0),
    metavar="COLUMNS",
    help="Fit table and vertical output to COLUMNS terminal columns (0: no limit). Default: "
    "$COLUMNS, else the terminal's width, else no limit when the output is not a terminal. "
    "Example: kg query out/graph.ttl representations --width 120",
)
@click.option(
    "-b",
    "--bind",
    "bindings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Keep only rows whose ?NAME is VALUE (repeatable; adds VALUES ?NAME { ... } to the "
    "query). VALUE may be any name the graph knows for the thing: its label, an alias "
    "(skos:altLabel), an acronym or an ISO code; a value no row has is an error listing "
    "close matches. Each bundled query lists the names it can bind. "
    "Example: kg query out/graph.ttl representations --bind forum=EDSCG",
)
@click.option(
    "--list",
    "list_queries",
    is_flag=True,
    help="List the bundled queries with what they answer, then exit. Example: kg query --list",
)
def query_command(
    graph: Optional[str],
    query: Optional[str],
    expression: Optional[str],
    output_format: str,
    width: Optional[int],
    bindings: tuple[str, ...],
    list_queries: bool,
) -> None:
    """Run a SPARQL query against GRAPH (a Turtle file written by `kg build`).

    The query is a .rq file, a bundled query NAME, or SPARQL text given with -e.

    \b
    Examples:
      kg query --list
      kg query out/graph.ttl representations
      kg query out/graph.ttl forum-timeline --format csv
      kg query out/graph.ttl representations --bind forum=EDSCG --format vertical
      kg query out/graph.ttl representations --bind side=KR --bind forum=NCG
      kg query out/graph.ttl my-query.rq --format json
      kg query out/graph.ttl -e 'SELECT ?n { ?f a kgo:Forum ; rdfs:label ?n }'
    """
    if list_queries:
        click.echo(_list_text(output_width(width)), nl=False)
        return
    if graph is None:
        raise click.UsageError(
            "missing GRAPH: give the Turtle file to query, e.g. `kg query out/graph.ttl representations`"
        )
    text = _query_text(query, expression)
    from kg.query import for_terminal, format_result, run_query

    try:
        result = run_query(graph, text, bindings=_parse_bindings(bindings))
    except KGError as err:
        raise _fail(err) from None
    if _is_terminal(sys.stdout):
        result = for_terminal(result)  # graph text cannot send escape sequences to the terminal
    click.echo(format_result(result, output_format, width=output_width(width)), nl=False)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def output_width(option: Optional[int]) -> Optional[int]:
    """Terminal columns to fit: --width, $COLUMNS, the terminal's width; None = no limit.

    Piped into ``less`` or ``head`` from a terminal, the output still fits that terminal
    (its width is read from stderr); written by a script with no terminal, it has no limit.
    """
    if option is not None:
        return option or None
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream.isatty():
                return os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, OSError, ValueError):
            continue
    return None
