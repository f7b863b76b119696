"""The ``kg`` command line: a thin layer over the library.

Each command lives in its own module; library functions raise ``kg.errors.KGError`` and
only this layer prints messages and chooses exit statuses.
"""
from __future__ import annotations

import click

from kg import __version__
from kg.cli.build import build_command
from kg.cli.evaluate import eval_command
from kg.cli.query import query_command
from kg.cli.serve import serve_command
from kg.cli.viz import viz_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kaigi-kg: who represented which side at which forum, from Japanese news.

    \b
    Quick start:
      kg build seeds/ -o out/        # articles → out/graph.ttl + out/graph.html
      kg query out/graph.ttl representations
      kg eval out/graph.ttl tests/gold
    """


main.add_command(build_command, "build")
main.add_command(query_command, "query")
main.add_command(eval_command, "eval")
main.add_command(serve_command, "serve")
main.add_command(viz_command, "viz")
