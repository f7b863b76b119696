"""The notebook and the explorer on one build of seeds + realdev + realdev2 show merged
entities: the person and the session that the cross-document gold (../shared/identity, read
at run time) reports in the most articles are each one node, listed with the evidence of
every article the graph has for it (slow: the union build and a real kernel)."""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, RDFS, SKOS
from rdflib.namespace import DCTERMS

from conftest import SHARED
from kg.linkage import normalise_name
from kg.namespace import KGO
from kg.viz import explorer_data
from test_notebook_explore import _cell, _execute, _text

pytestmark = pytest.mark.slow


def _most_reported(name: str) -> tuple[str, set[str]]:
    """The gold key reported by the most articles (ties: the smallest key) and its articles."""
    documents: dict[str, set[str]] = defaultdict(set)
    with open(SHARED / "identity" / name, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["key"] != "?":
                documents[row["key"]].add(Path(row["document"]).stem)
    key = min(documents, key=lambda k: (-len(documents[k]), k))
    return key, documents[key]


def _documents(graph: rdflib.Graph, node) -> set[str]:
    return {str(d) for ev in graph.objects(node, KGO.evidence) for doc in graph.objects(ev, KGO.document)
            for d in graph.objects(doc, DCTERMS.identifier)}


def _label(graph: rdflib.Graph, node) -> str:
    return next(str(label) for label in graph.objects(node, RDFS.label) if label.language == "ja")


@pytest.fixture(scope="module")
def union(union_ttl):
    graph = rdflib.Graph().parse(union_ttl)
    name, gold_docs = _most_reported("officials.tsv")
    name = normalise_name(name.split("|")[0])
    people = [p for p in graph.subjects(RDF.type, KGO.Person)
              if name in {normalise_name(str(n)) for prop in (RDFS.label, SKOS.altLabel) for n in graph.objects(p, prop)}]
    _, session_docs = _most_reported("meetings.tsv")
    sessions = [m for m in graph.subjects(RDF.type, KGO.Meeting) if len(_documents(graph, m) & session_docs) > 1]
    return graph, (people, gold_docs), (sessions, session_docs)


@pytest.fixture(scope="module")
def notebook(union_ttl):
    return _execute({"KG_NOTEBOOK_GRAPH": str(union_ttl)})


def _rows(html: str) -> list[list[str]]:
    return [re.findall(r"<td>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)]


def test_notebook_merged_person_and_session_are_one_node_each(union):
    graph, (people, gold_docs), (sessions, session_docs) = union
    assert len(people) == 1
    assert len(_documents(graph, people[0]) & gold_docs) >= 2
    # the reports of the session in several articles are one node, not one per article
    assert len(sessions) == 1


def test_notebook_lists_every_article_of_the_merged_nodes(union, notebook):
    graph, (people, _), (sessions, _) = union
    html = next(o["data"]["text/html"] for o in _cell(notebook, "merged").outputs if "text/html" in o.get("data", {}))
    rows = _rows(html)
    for kind, node in (("person", people[0]), ("meeting", sessions[0])):
        docs = sorted(_documents(graph, node))
        assert [kind, _label(graph, node), str(len(docs)), " ".join(docs)] in rows
    # the most reported person's evidence, one line per article: every article of its row
    shown = _text(_cell(notebook, "merged-evidence"))
    top = next(r for r in rows if r[0] == "person")
    block = shown.split(f"{top[1]} (person):")[1].split(" (meeting):")[0]
    assert re.findall(r"^    \[([^\]]+)\] 「", block, re.M) == top[3].split()


def test_notebook_explorer_shows_one_node_with_every_article(union):
    graph, (people, _), (sessions, _) = union
    data = explorer_data(graph)
    for node in (people[0], sessions[0]):
        shown = [n for n in data["nodes"] if n["id"] == str(node)]
        assert len(shown) == 1
        listed = {e["documentId"].rsplit("/", 1)[-1] for e in shown[0]["details"]["evidence"]}
        assert listed >= _documents(graph, node) and len(listed) >= 2
