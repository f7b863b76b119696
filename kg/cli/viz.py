"""`kg viz`: the HTML explorer for any Turtle file (a thin layer over kg.viz)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from kg.errors import KGError


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("graph", metavar="GRAPH.ttl")
@click.option("-o", "--output", "output", metavar="PAGE.html", default=None,
              help="Page to write [default: GRAPH with .html].  e.g. -o out/explorer.html")
@click.option("--title", default=None, help="Page title.  e.g. --title 'EDSCG 2024'")
def viz_command(graph: str, output: Optional[str], title: Optional[str]) -> None:
    """Write the offline HTML explorer for GRAPH (any Turtle file in the kgo vocabulary).

    The page is one self-contained file (no network): graph, meetings table and timeline,
    filters, search, focus, deep links (#focus=IRI), CSV and PNG export. The same Turtle
    always gives a byte-identical page. Exits 1 when GRAPH is missing or not Turtle.

    \b
    Examples:
      kg viz out/graph.ttl -o out/page.html
      kg viz graph.ttl --title 'EDSCG 2024'    # writes graph.html
    """
    from kg.viz import write_html

    page = Path(output) if output else Path(graph).with_suffix(".html")
    try:
        written = write_html(Path(graph), page, title=title)
    except KGError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"wrote {written}")
