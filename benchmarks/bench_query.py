"""Benchmark: the bundled SPARQL queries on a synthetic ~1M-triple graph, pyoxigraph vs rdflib.

Run: ``.venv/bin/python benchmarks/bench_query.py [--triples 1000000] [--rdflib-triples 100000]``.

It writes a graph in the shape ``kg build`` produces (countries, institutions, officials,
forums, meetings, documents, representations each with an evidence sentence), loads it
with ``kg.query.load_store`` and times every bundled query (median of ``--repeat`` runs),
once restricted with ``--bind`` to one official / forum / institution / side (the way a
user asks about one thing) and once as a full listing of the whole graph:

- ``engine``: pyoxigraph evaluating the query and yielding every row;
- ``run_query``: the library call users make (rows converted to Python values).

rdflib's engine is far slower, so it runs on a smaller graph of the same shape
(``--rdflib-triples``), each query in a child process stopped after ``--rdflib-timeout``
seconds; pyoxigraph runs on that graph too, so the printed ratio compares like with like.
The 1M-triple rdflib time is a linear extrapolation (a lower bound: joins grow faster).
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.query import bundled_queries, execute, load_store, run_query, with_bindings  # noqa: E402

KGO = "https://w3id.org/kaigi-kg/ontology#"
ID = "https://w3id.org/kaigi-kg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
TRIPLES_PER_UNIT = 1_000_000 / 55_000  # the generator below makes ~18 triples per representation

KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
KANJI = "金李朴崔鄭姜趙尹張林山田中川本井上木村佐藤高橋伊東渡辺小松原森石清水"
TITLES = ("次官", "室長", "長官", "大臣", "大統領", "審議官", "局長", "首相")
PLACES = ("ワシントン", "ソウル", "東京", "ブリュッセル", "ハワイ", "ジュネーブ", "シンガポール")


def _iri(kind: str, slug: str) -> str:
    return f"<{ID}{kind}/{slug}>"


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def synthetic_graph(path: Path, representations: int, seed: int = 7) -> int:
    """Write an N-Triples (hence Turtle) graph of the project's shape; returns its triple count."""
    rng = random.Random(seed)
    n_meetings = max(4, representations // 9)
    n_forums = max(2, n_meetings // 20)
    n_people = max(4, representations // 5)
    n_institutions = max(2, n_people // 8)
    n_documents = max(2, representations // 5)
    countries = [f"C{i:02d}" for i in range(40)]
    lines: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"{s} <{p}> {o} .")

    def name(length: int) -> str:
        return rng.choice(KANJI) + "".join(rng.choice(KANA) for _ in range(length))

    for code in countries:
        node = _iri("country", code)
        add(node, RDF_TYPE, f"<{KGO}Country>")
        add(node, RDFS_LABEL, _lit(f"国{code}", "ja"))
        add(node, RDFS_LABEL, _lit(f"Country {code}", "en"))
        add(node, KGO + "isoCode", _lit(code))
    institutions = []
    for i in range(n_institutions):
        node = _iri("institution", f"機関{i}")
        institutions.append(node)
        add(node, RDF_TYPE, f"<{KGO}Institution>")
        add(node, RDFS_LABEL, _lit(f"{name(3)}省{i}", "ja"))
        add(node, KGO + "country", _iri("country", rng.choice(countries)))
        add(node, KGO + "kind", _lit("ministry"))
    people = []
    for i in range(n_people):
        node = _iri("person", f"人物{i}")
        country = rng.choice(countries)
        people.append((node, country))
        add(node, RDF_TYPE, f"<{KGO}Person>")
        add(node, RDF_TYPE, f"<{KGO}Official>")
        add(node, RDFS_LABEL, _lit(f"{name(4)}{i}", "ja"))
        add(node, SKOS_ALT, _lit(f"{name(5)}{i}", "ja"))
        add(node, KGO + "country", _iri("country", country))
        add(node, KGO + "title", _lit(rng.choice(TITLES)))
        add(node, KGO + "serves", rng.choice(institutions))
    forums = []
    for i in range(n_forums):
        node = _iri("forum", f"協議体{i}")
        members = rng.sample(countries, 2)
        forums.append((node, members))
        add(node, RDF_TYPE, f"<{KGO}Forum>")
        add(node, RDFS_LABEL, _lit(f"{name(4)}協議体{i}", "ja"))
        add(node, KGO + "acronym", _lit(f"F{i}"))
        add(node, KGO + "kind", _lit("forum"))
        for code in members:
            add(node, KGO + "memberCountry", _iri("country", code))
    meetings = []
    for i in range(n_meetings):
        forum, members = forums[i % n_forums]
        ordinal = i // n_forums + 1
        node = _iri("meeting", f"会合{i}")
        meetings.append((node, members))
        add(node, RDF_TYPE, f"<{KGO}Meeting>")
        add(node, KGO + "forum", forum)
        add(node, RDFS_LABEL, _lit(f"第{ordinal}回会合{i}", "ja"))
        add(node, KGO + "ordinal", _lit(str(ordinal), datatype=XSD + "integer"))
        add(node, KGO + "date", _lit(f"{2000 + rng.randrange(25)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}", datatype=XSD + "date"))
        add(node, KGO + "place", _lit(rng.choice(PLACES)))
        add(node, KGO + "status", _lit("held"))
        for code in members:
            add(node, KGO + "participant", _iri("country", code))
    documents = []
    for i in range(n_documents):
        node = _iri("document", f"doc{i:06d}")
        documents.append(node)
        add(node, RDF_TYPE, f"<{KGO}Document>")
        add(node, DCT + "identifier", _lit(f"doc{i:06d}"))
        add(node, DCT + "title", _lit(f"{name(6)}について協議", "ja"))
        add(node, DCT + "date", _lit(f"{2000 + rng.randrange(25)}-01-01", datatype=XSD + "date"))
    for i in range(representations):
        meeting, members = meetings[i % n_meetings]
        person, _ = people[rng.randrange(n_people)]
        node = _iri("representation", f"r{i}")
        evidence = _iri("evidence", f"e{i}")
        add(node, RDF_TYPE, f"<{KGO}Representation>")
        add(node, KGO + "official", person)
        add(node, KGO + "side", _iri("country", rng.choice(members)))
        add(node, KGO + "meeting", meeting)
        add(person, KGO + "attendedMeeting", meeting)
        add(node, RDFS_LABEL, _lit(f"代表{i}", "ja"))
        add(node, KGO + "title", _lit(rng.choice(TITLES)))
        add(node, KGO + "institution", rng.choice(institutions))
        add(node, KGO + "confidence", _lit("0.9", datatype=XSD + "decimal"))
        add(node, KGO + "evidence", evidence)
        add(evidence, RDF_TYPE, f"<{KGO}Evidence>")
        add(evidence, RDF_TYPE, f"<{NIF}OffsetBasedString>")
        add(evidence, KGO + "document", rng.choice(documents))
        add(evidence, NIF + "beginIndex", _lit(str(i % 500), datatype=XSD + "nonNegativeInteger"))
        add(evidence, NIF + "endIndex", _lit(str(i % 500 + 40), datatype=XSD + "nonNegativeInteger"))
        add(evidence, NIF + "anchorOf", _lit(f"{name(3)}{i}氏が第{i % 9 + 1}回の会合に出席し、拡大抑止の強化で一致した。"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _median_seconds(action, repeat: int) -> tuple[float, int]:
    # Slow queries (over a second) are timed once: their spread is small next to their size.
    start = time.perf_counter()
    size = action()
    times = [time.perf_counter() - start]
    while len(times) < (repeat if times[0] < 1.0 else 1):
        start = time.perf_counter()
        size = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


# The class whose @ja label a bound variable holds (for picking a value to bind).
_BIND_CLASSES = {
    "official": "kgo:Official", "official_a": "kgo:Official", "forum": "kgo:Forum",
    "institution": "kgo:Institution", "meeting": "kgo:Meeting",
}


def bind_example(graph: Path, name: str) -> dict[str, str]:
    """One binding for query ``name``: its first bindable variable set to a real label."""
    text = bundled_queries()[name][1]
    variable = text.splitlines()[2].removeprefix("# Bind: ").split(",")[0].split()[0]
    if variable == "side":
        return {variable: "C07"}
    query = (f"SELECT ?l WHERE {{ ?x a {_BIND_CLASSES[variable]} ; rdfs:label ?l "
             'FILTER(lang(?l) = "ja") } ORDER BY ?l OFFSET 100 LIMIT 1')
    return {variable: run_query(graph, query).rows[0][0]}


def time_oxigraph(graph: Path, repeat: int, *, bound: bool = False) -> dict[str, tuple[float, float, int]]:
    """Query name → (engine seconds, run_query seconds, rows), medians over ``repeat`` runs.

    ``bound``: each query restricted with ``--bind`` to one official / forum / institution.
    """
    store = load_store(graph)
    timings = {}
    for name, (_, text) in bundled_queries().items():
        bindings = bind_example(graph, name) if bound else {}
        final = with_bindings(text, bindings)
        engine, rows = _median_seconds(lambda: sum(1 for _ in execute(store, final)), repeat)
        library, _ = _median_seconds(lambda: len(run_query(graph, name, bindings=bindings).rows), repeat)
        timings[name] = (engine, library, rows)
    return timings


def _rdflib_worker(graph: str, text: str, answer) -> None:
    import rdflib

    g = rdflib.Graph()
    g.parse(graph, format="turtle")
    start = time.perf_counter()
    rows = sum(1 for _ in g.query(text))
    answer.send((time.perf_counter() - start, rows))


def time_rdflib(graph: Path, timeout: float) -> dict[str, tuple[float | None, int]]:
    """Query name → (seconds or None if stopped at ``timeout``, rows); one child per query."""
    context = multiprocessing.get_context("spawn")
    timings = {}
    for name, (_, text) in bundled_queries().items():
        parent, child = context.Pipe()
        process = context.Process(target=_rdflib_worker, args=(str(graph), text, child), daemon=True)
        process.start()
        # parsing the graph is not timed; allow for it before the query's own deadline
        got = parent.poll(timeout + 120)
        timings[name] = parent.recv() if got else (None, 0)
        process.kill()
        process.join()
    return timings


def main(argv: list[str] | None = None) -> None:
    """Print per-query times on ~1M triples (pyoxigraph) and the rdflib comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="approximate size of the main graph")
    parser.add_argument("--rdflib-triples", type=int, default=100_000, help="size of the graph rdflib runs on")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds before an rdflib query is stopped")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (median reported)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-query-") as tmp:
        big = Path(tmp) / "big.ttl"
        small = Path(tmp) / "small.ttl"
        start = time.perf_counter()
        n_big = synthetic_graph(big, int(args.triples / TRIPLES_PER_UNIT))
        generated = time.perf_counter() - start
        start = time.perf_counter()
        load_store(big)
        loaded = time.perf_counter() - start
        print(f"graph: {n_big:,} triples (generated in {generated:.1f} s, loaded into pyoxigraph in {loaded:.1f} s)")
        for bound in (True, False):
            what = "bound to one official/forum/institution/side (--bind)" if bound else "full listings"
            print(f"\npyoxigraph on {n_big:,} triples, {what} (median of {args.repeat}; goal: < 50 ms)")
            print(f"{'query':<16} {'bind':<24} {'rows':>8} {'engine ms':>10} {'run_query ms':>13}  goal")
            for name, (engine, library, rows) in time_oxigraph(big, args.repeat, bound=bound).items():
                bind = ",".join(bind_example(big, name)) if bound else "-"
                print(f"{name:<16} {bind:<24} {rows:>8,} {engine * 1000:>10.1f} {library * 1000:>13.1f}  "
                      f"{'met' if library < 0.05 else 'MISSED'}")

        n_small = synthetic_graph(small, int(args.rdflib_triples / TRIPLES_PER_UNIT))
        small_ox = time_oxigraph(small, args.repeat)
        small_rdflib = time_rdflib(small, args.rdflib_timeout)
        scale = n_big / n_small
        print(f"\nrdflib vs pyoxigraph on {n_small:,} triples (rdflib stopped after {args.rdflib_timeout:g} s;"
              f" 1M column = rdflib x {scale:.1f}, a linear lower bound)")
        print(f"{'query':<16} {'oxigraph ms':>12} {'rdflib ms':>10} {'ratio':>8} {'rdflib@1M s':>12}")
        for name, (engine, _, _) in small_ox.items():
            seconds, _ = small_rdflib[name]
            if seconds is None:
                print(f"{name:<16} {engine * 1000:>12.1f} {'> ' + format(args.rdflib_timeout * 1000, '.0f'):>10} {'> ' + format(args.rdflib_timeout / engine, '.0f'):>8} {'-':>12}")
            else:
                print(f"{name:<16} {engine * 1000:>12.1f} {seconds * 1000:>10.1f} {seconds / engine:>7.0f}x {seconds * scale:>12.1f}")


if __name__ == "__main__":
    main()
