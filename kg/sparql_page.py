"""What the SPARQL page of ``kg serve`` is given: prefixes, bundled queries that return the
IRIs of what they name, and the ontology's classes and properties for completion.

Everything is computed from files shipped in the package (``kg/queries``,
``kg/ontology/kg.ttl``), so the page completes and links offline.
"""
from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

from kg.ui_text import ui_strings

# "# IRIs: official ?person, side ?country" — a bundled query's label columns and the
# variable holding the IRI each label names (the page projects both).
_IRIS_LINE = re.compile(r"^# IRIs: (.+)$", re.MULTILINE)
_PAIR = re.compile(r"^(\w+) \?(\w+)$")
_SELECT = re.compile(r"\bSELECT\b(?:\s+DISTINCT\b)?", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\b", re.IGNORECASE)


def iri_columns(text: str) -> dict[str, str]:
    """Label column → IRI variable, from the query's ``# IRIs:`` line ({} when it has none)."""
    found = _IRIS_LINE.search(text)
    if not found:
        return {}
    listed = found.group(1).split(" (")[0]  # a closing remark in parentheses
    pairs = [_PAIR.fullmatch(part.strip()) for part in listed.split(",")]
    if not all(pairs):
        raise ValueError(f"bad '# IRIs:' line: {found.group(0)!r}; write '# IRIs: column ?variable, ...'")
    return {match.group(1): match.group(2) for match in pairs}


def linked_query(text: str) -> str:
    """``text`` with each label column of its ``# IRIs:`` line followed by its IRI variable
    in the SELECT clause, so that rows carry the IRIs of what they name.

    Only top-level projected variables are touched (never one inside an aggregate); rows and
    their order are unchanged, since every IRI variable is one the query already groups by
    or binds once per row.
    """
    columns = iri_columns(text)
    select, where = _SELECT.search(text), _WHERE.search(text)
    if not columns or not select or not where:
        return text
    head, projection, tail = text[: select.end()], text[select.end(): where.start()], text[where.start():]
    out, depth, position = [], 0, 0
    for match in re.finditer(r"[()]|\?(\w+)\b", projection):
        token = match.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0 and match.group(1) in columns:
            out.append(projection[position: match.end()] + f" ?{columns[match.group(1)]}")
            position = match.end()
    out.append(projection[position:])
    return head + "".join(out) + tail


@functools.lru_cache(maxsize=1)
def ontology_terms() -> dict[str, list[dict[str, str]]]:
    """The classes and properties of ``kg/ontology/kg.ttl`` with their labels and comment,
    for completion: ``{"classes": [...], "properties": [...]}`` sorted by name."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    graph = Graph()
    graph.parse(data=(resources.files("kg") / "ontology" / "kg.ttl").read_text(encoding="utf-8"), format="turtle")
    kinds = {"classes": (OWL.Class, RDFS.Class),
             "properties": (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)}
    terms: dict[str, list[dict[str, str]]] = {}
    for key, types in kinds.items():
        subjects = {s for t in types for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}
        terms[key] = sorted(
            ({"iri": str(s), "ja": _text(graph, s, RDFS.label, "ja"), "en": _text(graph, s, RDFS.label, "en"),
              "comment": _text(graph, s, RDFS.comment, "en")} for s in subjects),
            key=lambda term: term["iri"])
    return terms


def _text(graph, subject, predicate, language: str) -> str:
    for value in graph.objects(subject, predicate):
        if getattr(value, "language", None) == language:
            return str(value)
    return ""


def page_config(has_explorer: bool) -> dict[str, Any]:
    """The page's data, embedded in it as JSON."""
    from kg.namespace import INSTANCE_BASE, PREFIXES
    from kg.query import bundled_queries

    return {
        "endpoint": "/sparql",
        "prefixes": PREFIXES,
        "instanceBase": INSTANCE_BASE,
        "explorer": "/explorer" if has_explorer else None,
        "queries": [{"name": name, "description": description, "text": linked_query(text)}
                    for name, (description, text) in bundled_queries().items()],
        "ontology": ontology_terms(),
        "strings": {key: value for key, value in ui_strings().items() if not key.startswith("explorer.")},
    }

