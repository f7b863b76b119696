"""Content negotiation: Accept header first, format= as the fallback, 406 when nothing fits."""
from __future__ import annotations

import pytest

from kg.serve import GRAPH_FORMATS, SOLUTION_FORMATS, is_loopback, negotiate


@pytest.mark.parametrize(
    ("accept", "params", "expected"),
    [
        (None, [], "json"),
        ("*/*", [], "json"),
        ("application/sparql-results+json", [], "json"),
        ("application/json", [], "json"),
        ("application/sparql-results+xml", [], "xml"),
        ("application/xml", [], "xml"),
        ("text/csv", [], "csv"),
        ("text/tab-separated-values", [], "tsv"),
        ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", [], "xml"),
        ("text/csv, text/tab-separated-values", [], "csv"),
        ("*/*", ["tsv"], "tsv"),
        (None, ["xml"], "xml"),
        (None, ["text/csv"], "csv"),
        # SPARQLWrapper sends several format values; the first one understood wins
        (None, ["weird", "text/tab-separated-values"], "tsv"),
        # an explicit Accept type beats format=
        ("text/csv", ["json"], "csv"),
        # ...except a browser's Accept (it names text/html), where format= decides
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ["csv"], "csv"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", [], "xml"),
        ("text/*", [], "csv"),
        ("image/png", [], None),
        ("text/csv;q=0", [], None),
    ],
)
def test_serve_negotiation_solutions(accept, params, expected):
    assert negotiate(accept, params, SOLUTION_FORMATS, "json") == expected


@pytest.mark.parametrize(
    ("accept", "params", "expected"),
    [
        (None, [], "turtle"),
        ("text/turtle", [], "turtle"),
        ("application/turtle,text/turtle,text/rdf+n3", [], "turtle"),
        ("application/n-triples", [], "ntriples"),
        ("application/rdf+xml", [], "rdfxml"),
        ("application/ld+json", [], "jsonld"),
        (None, ["nt"], "ntriples"),
        ("application/sparql-results+json", [], None),
    ],
)
def test_serve_negotiation_graphs(accept, params, expected):
    assert negotiate(accept, params, GRAPH_FORMATS, "turtle") == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.8.9.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.org", False),
    ],
)
def test_serve_negotiation_loopback_hosts(host, expected):
    assert is_loopback(host) is expected
