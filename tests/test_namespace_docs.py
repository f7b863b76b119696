"""ontology/README.md documents every kgo term; the diagram shows every class and object property."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph

from kg.namespace import KGO, ontology_path

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


def _terms(kind) -> list[str]:
    g = Graph().parse(ontology_path().read_bytes(), format="turtle")
    ns = str(KGO._NS)
    return sorted(str(s)[len(ns):] for s in g.subjects(RDF.type, kind) if str(s).startswith(ns))


@pytest.mark.parametrize("term", sorted(KGO.__annotations__))
def test_namespace_readme_documents_term(term):
    readme = (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`kgo:{term}`", readme), f"kgo:{term} has no row in ontology/README.md"


@pytest.mark.parametrize("term", _terms(OWL.Class) + _terms(OWL.ObjectProperty))
def test_namespace_diagram_shows_term(term):
    dot = (ONTOLOGY_DIR / "diagram.dot").read_text(encoding="utf-8")
    assert f"kgo:{term}" in dot, f"kgo:{term} is missing from ontology/diagram.dot"
