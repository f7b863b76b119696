"""`kg serve`: a read-only SPARQL endpoint and the explorer page over one graph file."""
from __future__ import annotations

import logging
import signal
from pathlib import Path

import click

from kg.errors import KGError


def _interrupt(signum, frame) -> None:
    # SIGTERM (kill, service managers) stops the server like Ctrl+C, so workers are closed.
    raise KeyboardInterrupt


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("graph", required=False, default="out/graph.ttl", metavar="[GRAPH]")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Only loopback by default; any other address exposes the "
    "graph to the network and prints a warning. Example: kg serve --host 0.0.0.0",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="TCP port; 0 picks a free one (the URL is printed). Example: kg serve --port 8080",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a query may run; a slower one is stopped and answered with 503. "
    "Example: kg serve --timeout 30",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Worker processes answering queries in parallel (each holds the graph in memory). "
    "Example: kg serve --workers 4",
)
@click.option(
    "--cors",
    "cors",
    multiple=True,
    metavar="ORIGIN",
    help="Let web pages of ORIGIN (scheme://host[:port], or * for any) query /sparql, e.g. "
    "YASGUI hosted elsewhere; repeatable; off by default. Example: kg serve --cors http://localhost:3000",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests whose Host header names NAME (repeatable; * for any). By default "
    "only IP addresses, localhost and the --host name are answered, so a web page under "
    "another name that resolves to this machine (DNS rebinding) gets 400. "
    "Example: kg serve --host 0.0.0.0 --allow-host kaigi.example.org",
)
@click.option("--max-result-mb", type=click.FloatRange(min=0.001), default=32.0, show_default=True,
              help="Largest answer in MiB; a bigger result is refused with 400 (E321). Example: kg serve --max-result-mb 256")
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request. Example: kg serve -q")
@click.pass_context
def serve_command(ctx: click.Context, graph: str, host: str, port: int, timeout: float, workers: int, cors: tuple[str, ...], allow_hosts: tuple[str, ...], max_result_mb: float, quiet: bool) -> None:
    """Serve GRAPH (default out/graph.ttl) as a read-only SPARQL 1.1 endpoint.

    \b
    Routes:
      /           SPARQL page: editor, bundled queries, sortable table, CSV/JSON
      /sparql     SPARQL 1.1 Protocol: GET ?query=..., POST form-encoded or
                  application/sparql-query; SELECT/ASK as JSON, XML, CSV or TSV
                  (Accept header or format=), CONSTRUCT/DESCRIBE as Turtle,
                  N-Triples, RDF/XML or JSON-LD
      /describe   ?iri=IRI: one resource's triples, IRIs as links
      /explorer   the explorer page (graph.html beside GRAPH)
      /graph.ttl  the graph file

    \b
    Examples:
      kg serve                  # out/graph.ttl on http://127.0.0.1:8000/
      kg serve out/graph.ttl --port 8080 --timeout 30
      kg serve --cors https://yasgui.example.org   # YASGUI elsewhere may query
      curl -H 'Accept: text/csv' http://127.0.0.1:8000/sparql \\
           --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5'
    """
    from kg.serve import is_loopback, make_server

    host_given = ctx.get_parameter_source("host") == click.core.ParameterSource.COMMANDLINE
    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host}: anyone who can reach this machine can query the graph",
            err=True,
        )
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(message)s")
    try:
        server = make_server(
            Path(graph), host=host, port=port, timeout=timeout, workers=workers, allow_remote=host_given,
            cors_origins=cors, max_result_mb=max_result_mb, allowed_hosts=allow_hosts,
        )
    except KGError as err:
        raise click.ClickException(str(err)) from None
    base = server.url[: -len("/sparql")]
    click.echo(f"Serving {graph} at {server.url} (SPARQL page: {base}/) — Ctrl+C to stop", err=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
