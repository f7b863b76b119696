"""Benchmark: to_graph, SHACL validation and exports on a sample-sized and a ~10k-node graph.

Run: ``.venv/bin/python benchmarks/bench_rdf_validate.py [--nodes 10000]``.
Prints seconds per stage and the ratio large/small, so the cost per node can be read
off (roughly linear is expected). Synthetic records only; no spaCy.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.export import serialize_jsonld, serialize_ntriples, serialize_representations_csv, serialize_turtle  # noqa: E402
from kg.rdf import to_graph  # noqa: E402
from kg.records import (  # noqa: E402
    Country,
    Document,
    Evidence,
    Forum,
    Institution,
    Meeting,
    Person,
    Representation,
    ResolvedGraph,
)
from kg.validate import validate  # noqa: E402
from tests.fixtures_graph import sample_resolved_graph  # noqa: E402

SIDES = ("KR", "US", "JP")


def synthetic_resolved_graph(meetings: int) -> ResolvedGraph:
    """``meetings`` meetings of 10 forums, 4 representations each, 2 evidence sentences each."""
    sentence = "甲国側からは乙外務次官が首席代表として出席した。"
    docs, people, reps, mts = [], [], [], []
    forums = [Forum(slug=f"forum-{f}", label=f"協議体{f}", acronym=f"F{f}", member_countries=SIDES[:2]) for f in range(10)]
    institutions = [Institution(slug=f"{c}-外務省", label="外務省", country=c) for c in SIDES]
    for m in range(meetings):
        doc_id = f"doc{m:05d}"
        docs.append(Document(doc_id=doc_id, title=f"記事{m}", published="2024-10-05", url=None, source="通信", path=f"{doc_id}.txt"))
        evs = tuple(Evidence(doc_id, i * 100, i * 100 + len(sentence), sentence) for i in range(4))
        meeting = Meeting(slug=f"meeting-{m}", forum=f"forum-{m % 10}", label="", ordinal=m // 10 + 1,
                          date="2024-10-04", participants=SIDES[:2], evidence=evs[:1])
        mts.append(meeting)
        for k in range(4):
            side = SIDES[k % 2]
            person = Person(slug=f"person-{m}-{k}", label=f"人物{m}-{k}", aliases=(f"Person {m}-{k}",), titles=("外務次官",),
                            institutions=(f"{side}-外務省",), country=side, is_official=True, evidence=evs[k:k + 1])
            people.append(person)
            reps.append(Representation(slug=f"rep-{m}-{k}", person=person.slug, meeting=meeting.slug, side=side,
                                       title="外務次官", institution=f"{side}-外務省", head_of_delegation=k < 2,
                                       evidence=(evs[k], evs[(k + 1) % 4]), confidence=0.9))
    return ResolvedGraph(
        documents=tuple(docs),
        countries=tuple(Country(c, c, c) for c in SIDES),
        people=tuple(people),
        institutions=tuple(institutions),
        forums=tuple(forums),
        meetings=tuple(mts),
        representations=tuple(reps),
    )


def _time(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def measure(resolved: ResolvedGraph) -> dict[str, float]:
    """Seconds per stage for one ResolvedGraph (plus node and triple counts)."""
    out: dict[str, float] = {}
    out["to_graph"], graph = _time(to_graph, resolved)
    out["triples"] = len(graph)
    out["nodes"] = len(set(graph.subjects()))
    out["validate"], report = _time(validate, graph)
    assert report.conforms, report.violations[:3]
    for name, fn in [("turtle", serialize_turtle), ("ntriples", serialize_ntriples),
                     ("jsonld", serialize_jsonld), ("csv", serialize_representations_csv)]:
        out[name], _ = _time(fn, graph)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000, help="approximate subject nodes of the large graph")
    args = parser.parse_args()
    validate(to_graph(sample_resolved_graph()))  # warm-up: imports, shapes parse
    small = measure(sample_resolved_graph())
    # Each synthetic meeting adds about 14 subject nodes (meeting, doc, 4 evidence, 4 people, 4 reps).
    large = measure(synthetic_resolved_graph(max(1, args.nodes // 14)))
    print(f"{'stage':<10}{'sample':>12}{'large':>12}{'ratio':>10}")
    for key in small:
        ratio = large[key] / small[key] if small[key] else float("nan")
        fmt = "{:>12.0f}" if key in ("triples", "nodes") else "{:>12.4f}"
        print(f"{key:<10}{fmt.format(small[key])}{fmt.format(large[key])}{ratio:>10.1f}")
    print(f"validate: {large['validate'] / large['nodes'] * 1e6:.0f} µs per node on the large graph")


if __name__ == "__main__":
    main()
