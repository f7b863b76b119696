"""Resolution on a Dask cluster: person linkage per connected component of blocking keys.

``resolve_on(client)`` gives ``kg.resolve.resolve`` a ``map_components`` that runs
``kg.linkage.link_component`` on the workers: the build process reads the corpus-wide facts
about names once and splits the person records into the connected components of their
blocking keys (folded surnames, reference rows; records sharing no key are never linked);
the components travel in a few batches, are linked on the workers, and come back as
groups that the build process puts together. The result is the same ResolvedGraph, hence
the same Turtle bytes, as the local path (``tests/test_resolve_dask.py``).
See docs/distributed.md (Resolution).
"""
from __future__ import annotations

from typing import Any, Callable

from kg.linkage import LinkResult, PersonRecord, link_component

# Components per batch sent to a worker: large enough that a task is worth its overhead.
BATCH_RECORDS = 5000


def _link_batch(batch: list[list[PersonRecord]], names) -> list[LinkResult]:
    return [link_component(part, names) for part in batch]


def _batches(parts: list[list[PersonRecord]], size: int) -> list[list[list[PersonRecord]]]:
    """Consecutive components in batches of about ``size`` records (order kept)."""
    batches: list[list[list[PersonRecord]]] = [[]]
    count = 0
    for part in parts:
        if count >= size and batches[-1]:
            batches.append([])
            count = 0
        batches[-1].append(part)
        count += len(part)
    return [b for b in batches if b]


def components_on(client: Any, batch_records: int = BATCH_RECORDS) -> Callable:
    """A ``map_components`` for ``kg.linkage.link_people`` that runs on ``client``'s workers."""

    def map_components(function, parts, names):
        names_future = client.scatter(names, broadcast=True)
        futures = client.map(_link_batch, _batches(parts, batch_records), names=names_future, pure=False)
        return [result for batch in client.gather(futures) for result in batch]

    return map_components


def resolve_on(client: Any, facts, batch_records: int = BATCH_RECORDS):
    """``kg.resolve.resolve(facts)`` with person linkage on ``client``'s workers."""
    from kg.resolve import resolve

    return resolve(facts, map_components=components_on(client, batch_records))
