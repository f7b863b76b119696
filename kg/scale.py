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
- **Turtle without a whole graph** (``write_turtle``, both paths): the partitions' sorted
  chunks are spilled to run files on disk as they arrive and merged into the streaming
  Turtle writer (``kg.export.write_turtle_lines``): the same bytes as
  ``kg.export.write_turtle(to_graph(resolved))``, with one chunk and one subject held at a
  time instead of an rdflib graph of the corpus.

Every step gives what the local path gives, hence the same Turtle bytes
(``tests/test_resolve_dask.py``). See docs/distributed.md (Resolution).
"""
from __future__ import annotations

import sys
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache
from typing import Any, Callable, Sequence, TypeVar

from kg.linkage import LinkResult, PersonRecord, link_component
from kg.records import DocumentFacts, ResolvedGraph
from kg.sessions import SessionBlock, cluster_block

# Records per batch sent to a worker: large enough that a task is worth its overhead.
BATCH_RECORDS = 5000
# Triples' worth of records per RDF partition (a record counts once, plus its evidence).
PARTITION_RECORDS = 5000

T = TypeVar("T")


def without_text(facts: DocumentFacts) -> DocumentFacts:
    """``facts`` as resolution needs them: the article without its text, body spans and
    typed blocks (resolution and RDF read the article's metadata and the evidence
    sentences, never the text), so the build process does not hold every article's text
    while it resolves the corpus (``kg build`` keeps facts this way once extracted).

    Equal values are also shared: facts read back from the facts cache (JSON) or from a
    worker (pickled) hold a copy of every string and evidence span per field, e.g. the
    document id and sentence of each evidence span, and the same span under a person, a
    meeting and a representation; here strings are interned (``sys.intern``: country
    codes, names, titles and keys repeat across the corpus) and equal evidence spans are
    one object. The values are unchanged; at 10,000 generated articles read back from
    JSON, 102 → 46 MB (docs/performance.md)."""
    memo: dict = {}
    return DocumentFacts(
        article=replace(facts.article, text="", body=(), blocks=()),
        people=_shared_all(facts.people, memo), institutions=_shared_all(facts.institutions, memo),
        meetings=_shared_all(facts.meetings, memo), representations=_shared_all(facts.representations, memo),
    )


def _shared(value, memo: dict):
    """``value`` with its strings interned and equal records (evidence spans) one object."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, tuple):
        return _shared_all(value, memo) if value else value
    if is_dataclass(value):
        found = memo.get(value)
        if found is None:
            found = memo[value] = type(value)(*(_shared(getattr(value, f), memo) for f in _field_names(type(value))))
        return found
    return value


def _shared_all(values: tuple, memo: dict) -> tuple:
    return tuple(_shared(v, memo) for v in values)


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


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


def _scattered(client: Any, items: list) -> list:
    """``items`` sent to the workers, one future each: the data goes straight to a worker,
    not into the task graph (which the scheduler would receive, hold and forward)."""
    return client.scatter(items, hash=False) if items else []


def _broadcast(client: Any, value: Any):
    """``value`` copied to every worker, one future under a key of its own. (Scattered by
    content hash, the same context scattered again by the next build on the same cluster gets
    the key of the earlier one, which the scheduler may be forgetting as its future is dropped:
    a task waiting on it then fails with "lost dependencies".)"""
    return client.scatter(value, broadcast=True, hash=False)


def _run(client: Any, function, batches: list, **kwargs) -> list:
    """``function`` on every batch on the workers; the results flattened, in batch order."""
    # the scattered futures are held until the results are in: a scattered key whose last
    # client future is dropped is released, and a task still waiting on it fails with "lost
    # dependencies" (seen under load)
    scattered = _scattered(client, batches)
    futures = client.map(function, scattered, pure=False, **kwargs)
    results = [result for batch in client.gather(futures) for result in batch]
    del scattered
    return results


def components_on(client: Any, batch_records: int = BATCH_RECORDS) -> Callable:
    """A ``map_components`` for ``kg.linkage.link_people`` that runs on ``client``'s workers."""

    def map_components(function, parts, names):
        names_future = _broadcast(client, names)
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

    context = _broadcast(client, context_of(resolved))
    scattered = _scattered(client, partitions(resolved, size))  # held until merged (see _run)
    futures = client.map(_map_partition, scattered, context=context, pure=False)
    graph = merge_ntriples(_results_as_completed(futures))
    del scattered
    return graph


def _results_as_completed(futures):
    """Each future's result as it finishes, released from the cluster once taken (the build
    process holds one partition's chunk at a time, besides the graph it is merged into)."""
    from dask.distributed import as_completed

    for future in as_completed(futures):
        result = future.result()
        future.release()
        yield result


def _turtle_chunk(part: ResolvedGraph, context: ResolvedGraph) -> list[str]:
    from kg.export import turtle_order
    from kg.rdf import to_ntriples

    return sorted(to_ntriples(context, part), key=turtle_order)


def write_turtle(resolved: ResolvedGraph, path, client: Any = None, size: int = PARTITION_RECORDS) -> int:
    """Write the Turtle of ``to_graph(resolved)`` to ``path`` (the bytes of
    ``kg.export.write_turtle``) without building that graph; the number of triples.

    Each partition (``partitions``) is mapped to N-Triples lines in the Turtle writer's
    order (``kg.export.turtle_order``): on ``client``'s workers when given (the context
    scattered once, as ``graph_on`` does), else here, one at a time. Each chunk is written
    to a run file in a temporary folder beside ``path`` as it arrives, and the runs are
    merged (``heapq.merge``) into ``kg.export.write_turtle_lines``, which drops the repeats
    (a country, document or evidence node written by several partitions). This process
    holds the resolved records, one chunk and one line per run."""
    import heapq
    import tempfile
    from pathlib import Path

    from kg.export import turtle_order, write_turtle_lines

    path = Path(path)
    parts = partitions(resolved, size)
    if client is not None:
        from kg.rdf import context_of

        context = _broadcast(client, context_of(resolved))
        scattered = _scattered(client, parts)  # held until every chunk is in (see _run)
        chunks = _results_as_completed(client.map(_turtle_chunk, scattered, context=context, pure=False))
    else:
        chunks = (_turtle_chunk(part, resolved) for part in parts)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=f".{path.name}.runs.") as folder:
        runs = []
        for n, chunk in enumerate(chunks):
            run = Path(folder) / f"{n:06d}.nt"
            run.write_text("".join(line + "\n" for line in chunk), encoding="utf-8")
            runs.append(run)
            del chunk
        files = [run.open(encoding="utf-8") for run in runs]
        try:
            lines = heapq.merge(*((line[:-1] for line in f) for f in files), key=turtle_order)
            return write_turtle_lines(lines, path)
        finally:
            for f in files:
                f.close()
