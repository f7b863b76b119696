"""Person linkage on a Dask cluster (two worker processes on loopback): the same
ResolvedGraph and the same Turtle bytes as the local path, on generated facts and on
reports whose linkage needs the constraints (posts, the reference list, folded spellings)."""
from __future__ import annotations

import pytest

from benchmarks.corpus import generate_document_facts
from kg.export import serialize_turtle
from kg.rdf import to_graph
from kg.resolve import resolve
from kg.scale import resolve_on
from test_resolve_linkage import dated
from test_resolve_entities import facts, person

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


@pytest.mark.parametrize("corpus", [
    pytest.param(lambda: generate_document_facts(300), id="generated"),
    pytest.param(_linkage_corpus, id="linkage"),
])
def test_resolve_dask_same_turtle_as_local(client, corpus):
    facts_ = corpus()
    local = resolve(facts_)
    # small batches: the components really travel in several tasks
    remote = resolve_on(client, facts_, batch_records=50)
    assert remote == local
    assert serialize_turtle(to_graph(remote)) == serialize_turtle(to_graph(local))
