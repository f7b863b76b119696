"""SHACL validation of a kaigi-kg graph against ``ontology/shapes.ttl`` (pyshacl).

``validate(graph)`` returns plain records; it never prints. Warnings (e.g. a document
without a title) are reported but do not make a graph non-conforming.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from kg.errors import GraphError
from kg.namespace import bind_prefixes, curie


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node, which property, what is wrong."""

    focus: str  # the node that fails, as a prefixed name where possible
    path: str  # the property, e.g. "kgo:side" ("" for node-level results)
    message: str
    severity: str  # "Violation" | "Warning" | "Info"
    value: Optional[str] = None  # the offending value, when there is one
    shape: str = ""  # the constraint component, e.g. "sh:MinCountConstraintComponent"

    def describe(self) -> str:
        """One line for a report: ``Violation representation:x kgo:side: message``."""
        where = f"{self.focus} {self.path}".strip()
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity} {where}: {self.message}{value}"

    __str__ = describe


@dataclass(frozen=True)
class ValidationReport:
    """``conforms`` is False when at least one result has severity Violation."""

    conforms: bool
    violations: tuple[Violation, ...] = ()

    @property
    def errors(self) -> tuple[Violation, ...]:
        """The results of severity Violation (warnings and infos left out)."""
        return tuple(v for v in self.violations if v.severity == "Violation")


@lru_cache(maxsize=None)
def shapes_graph() -> Graph:
    """The packaged ``ontology/shapes.ttl``, parsed once per process."""
    g = Graph()
    g.parse(data=(resources.files("kg") / "ontology" / "shapes.ttl").read_bytes(), format="turtle")
    return g


def _short(node, names: Graph) -> str:
    if isinstance(node, URIRef):
        return curie(node)
    if isinstance(node, Literal):
        return node.n3(names.namespace_manager)
    return str(node)


def validate(graph: Graph) -> ValidationReport:
    """Check ``graph`` against the project's SHACL shapes; results sorted by node and path."""
    from pyshacl import validate as shacl_validate

    try:
        conforms, results, _ = shacl_validate(
            graph,
            shacl_graph=shapes_graph(),
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
            advanced=False,
            meta_shacl=False,
        )
    except Exception as err:  # pyshacl raises its own error types for unusable graphs
        raise GraphError(
            f"SHACL validation could not run: {err}; the graph or ontology/shapes.ttl is "
            "malformed (reinstall the package if shapes.ttl was edited)",
            code="E407",
        ) from err
    names = Graph()
    bind_prefixes(names)
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        value = results.value(result, SH.value)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        component = results.value(result, SH.sourceConstraintComponent)
        found.append(
            Violation(
                focus=_short(results.value(result, SH.focusNode), names),
                path=_short(path, names) if path is not None else "",
                message=str(message) if message is not None else "",
                severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
                value=_short(value, names) if value is not None else None,
                shape=str(component).replace(str(SH), "sh:") if component is not None else "",
            )
        )
    found.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path, v.shape, v.value or ""))
    return ValidationReport(conforms=bool(conforms), violations=tuple(found))
