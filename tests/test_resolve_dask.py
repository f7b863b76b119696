"""Resolution and RDF on a Dask cluster (two worker processes on loopback): person linkage
per component and sessions per forum on the workers give the same ResolvedGraph, and the
triples mapped per partition on the workers and merged (into one graph, or spilled to
run files and streamed into graph.ttl by kg.scale.write_turtle) give the same Turtle bytes, as the
local path; on generated facts, on reports whose linkage needs the constraints (posts,
the reference list, folded spellings) and on reports of sessions that need every session
rule (ordinals, days a day apart, coarser dates, undated reports placed by publication or
by the same people). And with the facts held on the workers in partitions
(kg.scale.scatter_facts, resolve_parts): the build process resolves the mentions without
their evidence, and each partition writes its documents and evidence, joined to the records
on the worker: the same Turtle bytes again."""
from __future__ import annotations

import pytest

from benchmarks.corpus import generate_document_facts
from kg.export import serialize_turtle
from kg.rdf import to_graph
from kg.resolve import resolve
from kg.scale import graph_on, graph_parts, resolve_on, resolve_parts, scatter_facts, write_turtle, write_turtle_parts
from test_resolve_linkage import dated
from test_resolve_entities import facts, meeting, person

distributed = pytest.importorskip("dask.distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(dask_cluster):
    with distributed.Client(dask_cluster) as c:
        yield c


def _linkage_corpus():
    reports = [
        ("a", "ラヴロフ", "外相", "RU", "2018-07-31"), ("b", "ラブロフ", "外務大臣", "RU", "2017-08-17"),
        ("c", "岸", "防衛大臣", "JP", "2021-03-16"), ("d", "岸田文雄", "外務大臣", "JP", "2015-10-01"),
        ("e", "河野", "統合幕僚長", "JP", "2018-07-31"), ("f", "河野", "外相", "JP", "2018-07-31"),
        ("g", "山川", "外務大臣", "JP", "2010-05-01"), ("h", "山川一郎", "外務大臣", "JP", "2010-06-01"),
    ]
    return [dated(facts(doc, people=[person("p1", name, title=title, country=country)]), day)
            for doc, name, title, country, day in reports]


def _sessions_corpus():
    summit, talks = "日英首脳会談", "英韓外相会談"
    pair = [person("p1", "サトウ・ケンジ", title="外相", country="GB"), person("p2", "ハン・ミンス", title="外相", country="KR")]
    sides = [("p1", "m1", "GB"), ("p2", "m1", "KR")]
    reports = [  # doc, meeting, published, people and their sides
        ("a", meeting("m1", summit, date="2031-04-10", countries=("JP", "GB")), "2031-04-10", [], []),
        ("b", meeting("m1", summit, date="2031-04-11", countries=("JP", "GB")), "2031-04-11", [], []),
        ("c", meeting("m1", summit, countries=("JP", "GB")), "2031-04-13", [], []),
        ("d", meeting("m1", summit, date="2031-04", countries=("JP", "GB")), "2031-05-02", [], []),
        ("e", meeting("m1", summit, date="2032-02-01", countries=("JP", "GB")), "2032-02-01", [], []),
        ("f", meeting("m1", talks, ordinal=5, date="2031-06-01", countries=("GB", "KR")), "2031-06-01", pair, sides),
        ("g", meeting("m1", talks, ordinal=5, date="2031-06-02", countries=("GB", "KR")), "2031-06-03", [], []),
        ("h", meeting("m1", talks, countries=("GB", "KR")), "2031-09-20", pair, sides),
        ("i", meeting("m1", talks, countries=("GB", "KR")), None, pair, sides),
    ]
    return [dated(facts(doc, people=people, meetings=[m], reps=reps), day) for doc, m, day, people, reps in reports]


@pytest.mark.parametrize(("corpus", "size"), [
    pytest.param(lambda: generate_document_facts(100), 300, id="generated"),
    pytest.param(_linkage_corpus, 10, id="linkage"),
    pytest.param(_sessions_corpus, 10, id="sessions"),
])
def test_resolve_dask_same_turtle_as_local(client, corpus, size, tmp_path):
    facts_ = corpus()
    local = resolve(facts_)
    # small batches and partitions: components, forums and records really travel in several tasks
    remote = resolve_on(client, facts_, batch_records=20)
    assert remote == local
    expected = serialize_turtle(to_graph(local))
    assert serialize_turtle(graph_on(client, remote, size=size)) == expected
    # graph.ttl streamed from the partitions' chunks, spilled and merged: the same bytes
    assert write_turtle(remote, tmp_path / "graph.ttl", client=client, size=size) > 0
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(("corpus", "articles", "size"), [
    pytest.param(lambda: generate_document_facts(100), 7, 300, id="generated"),
    pytest.param(_linkage_corpus, 3, 10, id="linkage"),
    pytest.param(_sessions_corpus, 2, 10, id="sessions"),
])
def test_resolve_dask_facts_on_workers_same_turtle_as_local(client, corpus, articles, size, tmp_path):
    facts_ = corpus()
    expected = serialize_turtle(to_graph(resolve(facts_)))
    # a few articles per partition: every partition's evidence joins records of the others
    parts = scatter_facts(client, iter(facts_), size=articles)
    assert len(parts.futures) > 1 and len(parts) == len(facts_)
    resolved = resolve_parts(client, parts, batch_records=20)
    assert resolved.documents == () and all(not p.evidence for p in resolved.people)
    assert len(parts.slugs) == len(parts.futures)
    assert write_turtle_parts(resolved, parts, tmp_path / "graph.ttl", client, size=size) > 0
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == expected
    assert serialize_turtle(graph_parts(client, resolved, parts, size=size)) == expected
