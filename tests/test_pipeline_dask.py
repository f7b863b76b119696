"""Parsing on a Dask cluster (two worker processes on loopback) gives the same Turtle
bytes as a local build; so does a build whose facts, parsed or read from the facts cache, are
held on the workers in partitions and streamed into graph.ttl (--stream-turtle)."""
from __future__ import annotations

import shutil

import pytest

from kg.pipeline import build_corpus

from conftest import SEEDS, TEST_CACHE

distributed = pytest.importorskip("dask.distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster(dask_cluster):
    return dask_cluster


def test_pipeline_dask_same_turtle_as_local_build(cluster, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(f, corpus / f.name)
        shutil.copy(f.with_suffix(".meta.json"), corpus / f.with_suffix(".meta.json").name)

    build_corpus([corpus], tmp_path / "local", cache_dir=TEST_CACHE)
    # A fresh cache: the workers really parse and extract (nothing is read back).
    report = build_corpus([corpus], tmp_path / "dask", cache_dir=tmp_path / "cache",
                          scheduler=cluster.scheduler_address)
    assert report.scheduler == cluster.scheduler_address
    assert report.cache["parsed_blocks"] > 0 and report.cache["facts_cache_misses"] == 2
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()

    # --facts-on-workers: the facts parsed on the workers stay there in partitions
    on_workers = build_corpus([corpus], tmp_path / "on_workers", cache_dir=tmp_path / "cache2",
                              scheduler=cluster.scheduler_address, facts_on_workers=True)
    assert on_workers.cache["facts_cache_misses"] == 2 and on_workers.articles == report.articles
    assert (tmp_path / "on_workers" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()

    # the facts read back from the cache, sent to the workers as they are read; graph.ttl
    # written from the record partitions and the fact partitions (evidence, documents)
    streamed = build_corpus([corpus], tmp_path / "streamed", cache_dir=tmp_path / "cache",
                            scheduler=cluster.scheduler_address, stream_turtle=True, formats=["ttl"],
                            facts_on_workers=True)
    assert streamed.cache["facts_cache_hits"] == 2 and streamed.articles == report.articles
    assert streamed.counts == report.counts
    assert (tmp_path / "streamed" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()


def test_pipeline_dask_accepts_a_client(cluster, tmp_path):
    """A notebook can pass its own Client; the build leaves it open."""
    with distributed.Client(cluster) as client:
        report = build_corpus([sorted(SEEDS.glob("*.txt"))[0]], tmp_path / "out", use_cache=False, scheduler=client)
        assert report.counts["articles"] == 1
        assert client.status == "running"
