"""Resolution and RDF on a Dask cluster: the corpus-wide steps, split into blocks that are
never linked to each other, run on the workers.

- **Person linkage** (``components_on``): the build process reads the corpus-wide facts
  about names once and splits the person records into the connected components of their
  blocking keys (folded surnames, reference rows; records sharing no key are never
  linked); the components travel in batches and are linked on the workers
  (``kg.linkage.link_component``).
- **Sessions** (``sessions_on``): meeting mentions are shuffled by their forum (two forums'
  mentions are never one session); each forum's block is clustered on a worker
  (``kg.sessions.cluster_block``).
- **RDF** (``graph_on``): the resolved records are cut into partitions; each partition is
  mapped to sorted N-Triples on a worker (``kg.rdf.to_ntriples``, links and labels looked
  up in ``kg.rdf.context_of``: every record without its evidence, scattered once) and the
  chunks are merged into one graph as they arrive (``kg.rdf.merge_ntriples``; the Turtle
  writer sorts the triples, so the bytes do not depend on the order).

Every step gives what the local path gives, hence the same Turtle bytes
(``tests/test_resolve_dask.py``). See docs/distributed.md (Resolution).
"""
from __future__ import annotations

from typing import Any, Callable, Sequence, TypeVar

from kg.linkage import LinkResult, PersonRecord, link_component
from kg.records import ResolvedGraph
from kg.sessions import SessionBlock, cluster_block

# Records per batch sent to a worker: large enough that a task is worth its overhead.
BATCH_RECORDS = 5000
# Triples' worth of records per RDF partition (a record counts once, plus its evidence).
PARTITION_RECORDS = 5000

T = TypeVar("T")


def _link_batch(batch: list[list[PersonRecord]], names) -> list[LinkResult]:
    return [link_component(part, names) for part in batch]


def _cluster_batch(batch: list[SessionBlock]) -> list[list[list]]:
    return [cluster_block(*block) for block in batch]


def _batches(items: Sequence[T], size: int, weight: Callable[[T], int] = len) -> list[list[T]]:
    """Consecutive items in batches of about ``size`` (summed ``weight``), order kept."""
    batches: list[list[T]] = [[]]
    count = 0
    for item in items:
        if count >= size and batches[-1]:
            batches.append([])
            count = 0
        batches[-1].append(item)
        count += weight(item)
    return [b for b in batches if b]


def _run(client: Any, function, batches: list, **kwargs) -> list:
    """``function`` on every batch on the workers; the results flattened, in batch order."""
    futures = client.map(function, batches, pure=False, **kwargs)
    return [result for batch in client.gather(futures) for result in batch]


def components_on(client: Any, batch_records: int = BATCH_RECORDS) -> Callable:
    """A ``map_components`` for ``kg.linkage.link_people`` that runs on ``client``'s workers."""

    def map_components(function, parts, names):
        names_future = client.scatter(names, broadcast=True)
        return _run(client, _link_batch, _batches(parts, batch_records), names=names_future)

    return map_components


def sessions_on(client: Any, batch_records: int = BATCH_RECORDS) -> Callable:
    """A ``map_blocks`` for ``kg.sessions.cluster_sessions`` that runs on ``client``'s workers."""

    def map_blocks(blocks: list[SessionBlock]):
        return _run(client, _cluster_batch, _batches(blocks, batch_records, lambda b: len(b[0])))

    return map_blocks


def resolve_on(client: Any, facts, batch_records: int = BATCH_RECORDS) -> ResolvedGraph:
    """``kg.resolve.resolve(facts)`` with person linkage and sessions on ``client``'s workers."""
    from kg.resolve import resolve

    return resolve(facts, map_components=components_on(client, batch_records),
                   map_sessions=sessions_on(client, batch_records))


def partitions(resolved: ResolvedGraph, size: int = PARTITION_RECORDS) -> list[ResolvedGraph]:
    """The records of ``resolved`` in consecutive partitions of about ``size`` records and
    evidence spans each (kinds in ``to_graph``'s order, each kind sorted by slug)."""
    kinds = ("countries", "documents", "institutions", "people", "forums", "meetings", "representations")
    items = [(kind, record) for kind in kinds for record in getattr(resolved, kind)]
    parts = []
    for batch in _batches(items, size, lambda item: 1 + len(getattr(item[1], "evidence", ()))):
        parts.append(ResolvedGraph(**{kind: tuple(r for k, r in batch if k == kind) for kind in kinds}))
    return parts


def _map_partition(part: ResolvedGraph, context: ResolvedGraph) -> list[str]:
    from kg.rdf import to_ntriples

    return to_ntriples(context, part)


def graph_on(client: Any, resolved: ResolvedGraph, size: int = PARTITION_RECORDS):
    """``kg.rdf.to_graph(resolved)`` with the records mapped to triples on ``client``'s
    workers, partition by partition, and the sorted N-Triples chunks merged here."""
    from kg.rdf import context_of, merge_ntriples

    context = client.scatter(context_of(resolved), broadcast=True)
    futures = client.map(_map_partition, partitions(resolved, size), context=context, pure=False)
    return merge_ntriples(_results_as_completed(futures))


def _results_as_completed(futures):
    """Each future's result as it finishes, released from the cluster once taken (the build
    process holds one partition's chunk at a time, besides the graph it is merged into)."""
    from dask.distributed import as_completed

    for future in as_completed(futures):
        result = future.result()
        future.release()
        yield result
