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

- **Facts on the workers** (``FactPartitions``, ``scatter_facts``/``FactSink``,
  ``resolve_parts``, ``write_turtle_parts``/``graph_parts``: what ``kg build --scheduler``
  runs): the per-article facts are held on the workers in partitions; the build process
  resolves their identity fields without evidence (``identity_facts``), sends each partition
  the records its mentions went into, and each partition writes its documents and evidence on
  its worker (``evidence_chunk``). Smaller in the build process, not bounded: the identity
  fields, resolution's tables and the records still grow with the corpus
  (docs/performance.md, *Facts on the workers*).

Every step gives what the local path gives, hence the same Turtle bytes
(``tests/test_resolve_dask.py``). See docs/distributed.md (Resolution).
"""
from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import lru_cache
from typing import Any, Callable, Iterable, Sequence, TypeVar

from kg.linkage import LinkResult, PersonRecord, link_component
from kg.records import Article, Document, DocumentFacts, ResolvedGraph
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


def _broadcast(client: Any, value: Any):
    """``value`` copied to every worker, one future under a key of its own. (Scattered by
    content hash, the same context scattered again by the next build on the same cluster gets
    the key of the earlier one, which the scheduler may be forgetting as its future is dropped:
    a task waiting on it then fails with "lost dependencies".) Scattered as the one item of a
    list: a collection given alone (a set of document ids) would be scattered item by item."""
    return client.scatter([value], broadcast=True, hash=False)[0]


def _run(client: Any, function, batches: list, **kwargs) -> list:
    """``function`` on every batch on the workers; the results flattened, in batch order."""
    results: dict[int, list] = {}
    for i, result in _submitted(client, function, batches, **kwargs):
        results[i] = result
    return [item for i in range(len(results)) for item in results.pop(i)]


# Items (batches, partitions) sent to the workers and not yet done, at most: each is pickled
# here when sent, so this many, not all of them, are held twice at once.
WINDOW = 4


def _submitted(client: Any, function, items: Iterable, window: int = WINDOW, **kwargs):
    """(index, ``function(item)``) for every item, run on ``client``'s workers, as they
    finish; at most ``window`` items are in flight, the next one sent as one is done.

    Each item is scattered on its own and its task takes the future (given to ``client.map``
    they would be pickled into the task graph, which the scheduler receives, holds and
    forwards); the scattered future is held until its result is taken (a scattered key whose
    last client future is dropped is released, and a task still waiting on it fails with
    "lost dependencies", seen under load), and each result is released from the cluster
    once taken."""
    from dask.distributed import as_completed

    todo = iter(enumerate(items))
    held: dict[str, tuple[int, Any]] = {}
    pending = as_completed()

    def send() -> None:
        for i, item in todo:
            [data] = client.scatter([item], hash=False)
            future = client.submit(function, data, pure=False, **kwargs)
            held[future.key] = (i, data)
            pending.add(future)
            return

    for _ in range(window):
        send()
    for future in pending:
        i, data = held.pop(future.key)
        result = future.result()
        future.release()
        del data
        send()
        yield i, result


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
    return merge_ntriples(chunk for _, chunk in _submitted(client, _map_partition, partitions(resolved, size), context=context))


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


def _run_text(lines: list[str]) -> bytes:
    """A run file's bytes: the lines, each with its line end, UTF-8."""
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _turtle_run(part: ResolvedGraph, context: ResolvedGraph) -> bytes:
    return _run_text(_turtle_chunk(part, context))


def _record_chunks(resolved: ResolvedGraph, client: Any, size: int):
    """Each partition of ``resolved`` as N-Triples lines in ``turtle_order``: here, or on
    ``client``'s workers when given (the context scattered once, as ``graph_on`` does), whence
    it comes as a run file's bytes (``_run_text``): one buffer, not a string per line, so
    what this process allocates for a chunk is freed whole once it is written."""
    parts = partitions(resolved, size)
    if client is None:
        for part in parts:
            yield _turtle_chunk(part, resolved)
        return
    from kg.rdf import context_of

    context = _broadcast(client, context_of(resolved))
    for _, chunk in _submitted(client, _turtle_run, parts, context=context):
        yield chunk
    del context


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
    return _write_chunks(_record_chunks(resolved, client, size), path)


def _write_chunks(chunks, path) -> int:
    """Spill each chunk (N-Triples lines sorted by ``turtle_order``, or their run file's
    bytes: ``_run_text``) to a run file beside
    ``path`` as it arrives, then merge the runs into the streaming Turtle writer."""
    import heapq
    import tempfile
    from pathlib import Path

    from kg.export import turtle_order, write_turtle_lines

    path = Path(path)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=f".{path.name}.runs.") as folder:
        runs = []
        for n, chunk in enumerate(chunks):
            run = Path(folder) / f"{n:06d}.nt"
            run.write_bytes(chunk if isinstance(chunk, bytes) else _run_text(chunk))
            runs.append(run)
            del chunk
        files = [run.open(encoding="utf-8") for run in runs]
        try:
            lines = heapq.merge(*((line[:-1] for line in f) for f in files), key=turtle_order)
            return write_turtle_lines(lines, path)
        finally:
            for f in files:
                f.close()


# ---------------------------------------------------------------- facts on the workers

# Articles per partition of facts held on the workers (``FactPartitions``).
FACT_PARTITION_ARTICLES = 1000


@dataclass
class FactPartitions:
    """The corpus' per-article facts held on a Dask cluster, in partitions: the build
    process keeps a future per partition, the document ids of each and the articles' paths
    (in input order), never the facts. After ``resolve_parts``, ``slugs`` holds a future per
    partition of the records its mentions went into (kept on the workers, for the evidence)."""

    futures: list
    doc_ids: list[tuple[str, ...]]
    paths: list[str] = field(default_factory=list)
    slugs: list = field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(ids) for ids in self.doc_ids)

    def all_doc_ids(self) -> frozenset[str]:
        return frozenset(d for ids in self.doc_ids for d in ids)


class FactSink:
    """Takes per-article facts one at a time (``append``) and scatters them to ``client``'s
    workers in partitions of ``size`` articles; holds one partition at a time."""

    def __init__(self, client: Any, size: int = FACT_PARTITION_ARTICLES):
        self.client, self.size = client, size
        self.parts = FactPartitions([], [])
        self.batch: list[DocumentFacts] = []

    def append(self, facts: DocumentFacts) -> None:
        self.batch.append(facts)
        if len(self.batch) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.parts.futures.append(self.client.scatter([self.batch], hash=False)[0])
            self.parts.doc_ids.append(tuple(f.article.doc_id for f in self.batch))
            self.batch = []

    def done(self) -> FactPartitions:
        self.flush()
        return self.parts


def scatter_facts(client: Any, facts: Iterable[DocumentFacts], size: int = FACT_PARTITION_ARTICLES) -> FactPartitions:
    """``facts`` sent to ``client``'s workers in partitions of ``size`` articles (taken one at
    a time: an iterator is never held whole here)."""
    sink = FactSink(client, size)
    for f in facts:
        sink.append(f)
    parts = sink.done()
    return parts


def facts_made_on(client: Any, function: Callable, arguments: Sequence) -> FactPartitions:
    """Partitions of facts made on ``client``'s workers, ``function(argument)`` each (a list
    of ``DocumentFacts``): the facts are never in this process."""
    futures = client.map(function, list(arguments), pure=False)
    return FactPartitions(futures, [tuple(ids) for ids in client.gather(client.map(_doc_ids, futures, pure=False))])


def _doc_ids(facts: list[DocumentFacts]) -> list[str]:
    return [f.article.doc_id for f in facts]


def identity_facts(facts: DocumentFacts) -> DocumentFacts:
    """``facts`` as the corpus-wide steps of resolution read them: without evidence spans,
    and of the article only its id, path and publication date (the rest, and every evidence
    span, is joined to the records on the workers: ``evidence_chunk``)."""
    a = facts.article
    return without_text(DocumentFacts(
        article=Article(a.doc_id, a.path, "", (), published=a.published),
        people=tuple(replace(p, evidence=()) for p in facts.people),
        institutions=tuple(replace(i, evidence=()) for i in facts.institutions),
        meetings=tuple(replace(m, evidence=()) for m in facts.meetings),
        representations=tuple(replace(r, evidence=()) for r in facts.representations),
    ))


def _identity_part(facts: list[DocumentFacts]) -> list[DocumentFacts]:
    return [identity_facts(f) for f in facts]


def resolve_parts(client: Any, parts: FactPartitions, batch_records: int = BATCH_RECORDS) -> ResolvedGraph:
    """Resolution of the facts held on the workers (``parts``): the records of
    ``resolve_on`` without their evidence and without documents (both are written from the
    partitions on the workers: ``write_turtle_parts``, ``graph_parts``).

    Each partition sends back its facts without evidence, texts and article metadata
    (``identity_facts``: the fields resolution compares); resolution runs here as on the
    local path (linkage and sessions on the workers), and which record each mention went into
    is sent back to its partition (``parts.slugs``) and dropped here."""
    from kg.resolve import resolve

    identity: list[list[DocumentFacts]] = []
    for future in client.map(_identity_part, parts.futures, pure=False):
        # strings interned here too: each partition came unpickled with copies of its own
        identity.append([without_text(f) for f in future.result()])
        future.release()
    slugs: dict = {}
    resolved = resolve([f for part in identity for f in part], map_components=components_on(client, batch_records),
                       map_sessions=sessions_on(client, batch_records), slugs=slugs)
    people, meetings, institutions, reps = (slugs[k] for k in ("people", "meetings", "institutions", "representations"))
    parts.slugs = []
    for part in identity:
        own: dict[str, dict] = {"people": {}, "meetings": {}, "institutions": {}, "representations": {}}
        for f in part:
            doc = f.article.doc_id
            for p in f.people:
                own["people"][(doc, p.key)] = people[(doc, p.key)]
            for m in f.meetings:
                own["meetings"][(doc, m.key)] = meetings[(doc, m.key)]
            for i in f.institutions:
                if (doc, i.key) in institutions:
                    own["institutions"][(doc, i.key)] = institutions[(doc, i.key)]
            for r in f.representations:
                key = (people[(doc, r.person)], meetings[(doc, r.meeting)], r.side)
                own["representations"][key] = reps[key]
        parts.slugs.append(client.scatter([own], hash=False)[0])
    del identity, slugs, people, meetings, institutions, reps
    return replace(resolved, documents=())


def _owned_evidence(facts: list[DocumentFacts], slugs: dict):
    """(kind, slug, evidence) of every mention of ``facts``: its spans and its record."""
    people, meetings = slugs["people"], slugs["meetings"]
    institutions, reps = slugs["institutions"], slugs["representations"]
    for f in facts:
        doc = f.article.doc_id
        for p in f.people:
            yield "person", people[(doc, p.key)], p.evidence
        for i in f.institutions:
            if (doc, i.key) in institutions:
                yield "institution", institutions[(doc, i.key)], i.evidence
        for m in f.meetings:
            yield "meeting", meetings[(doc, m.key)], m.evidence
        for r in f.representations:
            yield "representation", reps[(people[(doc, r.person)], meetings[(doc, r.meeting)], r.side)], r.evidence


def evidence_chunk(facts: list[DocumentFacts], slugs: dict, doc_ids) -> list[str]:
    """The documents of one partition of facts and the evidence of its mentions (joined to
    their records by ``slugs``), as N-Triples lines in ``turtle_order``."""
    from kg.export import turtle_order
    from kg.rdf import evidence_ntriples

    documents = (Document(a.doc_id, a.title, a.published, a.url, a.source, a.path, a.sha256, a.metadata)
                 for a in (f.article for f in facts))
    return sorted(evidence_ntriples(documents, _owned_evidence(facts, slugs), doc_ids), key=turtle_order)


def _evidence_run(facts: list[DocumentFacts], slugs: dict, doc_ids) -> bytes:
    return _run_text(evidence_chunk(facts, slugs, doc_ids))


def _evidence_chunks(client: Any, parts: FactPartitions, as_runs: bool = False):
    """``evidence_chunk`` of every fact partition, on the worker that holds it, as they finish
    (as run files' bytes with ``as_runs``)."""
    doc_ids = _broadcast(client, parts.all_doc_ids())
    function = _evidence_run if as_runs else evidence_chunk
    yield from _results_as_completed(client.map(function, parts.futures, parts.slugs, doc_ids=doc_ids, pure=False))
    del doc_ids


def write_turtle_parts(resolved: ResolvedGraph, parts: FactPartitions, path, client: Any,
                       size: int = PARTITION_RECORDS) -> int:
    """``write_turtle`` of records resolved by ``resolve_parts``: the records' chunks (mapped
    on the workers without evidence) and each fact partition's documents and evidence
    (``evidence_chunk``, on the worker that holds it) spilled to run files and merged into
    graph.ttl: the bytes of ``write_turtle(resolve_on(client, facts), path)``."""
    return _write_chunks(itertools.chain(_record_chunks(resolved, client, size), _evidence_chunks(client, parts, True)), path)


def graph_parts(client: Any, resolved: ResolvedGraph, parts: FactPartitions, size: int = PARTITION_RECORDS):
    """``graph_on`` of records resolved by ``resolve_parts``, with each fact partition's
    documents and evidence mapped on the worker that holds it: the graph of
    ``to_graph(resolve(facts))`` (an ordinary ``kg build`` validates and writes it)."""
    from kg.rdf import context_of, merge_ntriples

    context = _broadcast(client, context_of(resolved))
    records = (chunk for _, chunk in _submitted(client, _map_partition, partitions(resolved, size), context=context))
    return merge_ntriples(itertools.chain(records, _evidence_chunks(client, parts)))
