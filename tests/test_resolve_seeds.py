"""kg.resolve on real extraction output: the seed build's people and forums.

Uses the session seed build (real GiNZA, real articles): the same person written in kanji
in one article and in katakana in another is one node; people who share a surname are not.
"""
from __future__ import annotations

import pytest
from rdflib.namespace import RDF, RDFS, SKOS

from kg.namespace import KGO
from kg.resolve import normalise_name

pytestmark = pytest.mark.slow


def _nodes_named(graph, name: str) -> set:
    key = normalise_name(name)
    return {
        s for p in (RDFS.label, SKOS.altLabel) for s, o in graph.subject_objects(p)
        if normalise_name(str(o)) == key and (s, RDF.type, KGO.Person) in graph
    }


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("金泰孝", "キム・テヒョ"),  # kanji in one article, katakana in another
        ("ジョー・バイデン", "バイデン"),
        # one article: the full name with one post, later the surname with another of its kind
        ("ジョン・カービー", "カービー"),
        ("マシュー・ミラー", "ミラー"),
    ],
)
def test_resolve_seeds_same_person_is_one_node(seed_graph, a, b):
    nodes = _nodes_named(seed_graph, a) | _nodes_named(seed_graph, b)
    assert len(nodes) == 1, nodes


@pytest.mark.parametrize(("a", "b"), [("金烘均", "金泰孝"), ("キム・ホンギュン", "キム・テヒョ")])
def test_resolve_seeds_shared_surname_stays_apart(seed_graph, a, b):
    na, nb = _nodes_named(seed_graph, a), _nodes_named(seed_graph, b)
    assert na and nb and not (na & nb)


def test_resolve_seeds_forums_are_one_node_per_acronym(seed_graph):
    acronyms = [str(o) for o in seed_graph.objects(None, KGO.acronym)]
    assert len(acronyms) == len(set(acronyms))
    assert {"EDSCG", "NCG", "EDD"} <= set(acronyms)
