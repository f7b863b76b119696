"""Cross-document identity figures: is each real person (and meeting) one node across articles?

``score_identity(graph, identity_dir, gold_dirs)`` computes what the reference scorer
``shared/tools/score_identity.py`` prints, by its rules (docs/evaluation.md, Identity):
each row of ``officials.tsv`` / ``meetings.tsv`` (``set, document, …, key``) is looked up
among the graph's nodes with evidence in its document (persons by name or alias, meetings
by forum name, ordinal and date as ``kg eval`` matches them); then, over pairs of found rows
of different documents, pairwise precision and recall of "same node" against "same key",
the splits (a key on several nodes) and the wrong merges (a node holding several keys).
"""
from __future__ import annotations

import csv
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable

import rdflib
import yaml
from rdflib import RDF

from kg.errors import BuildError
from kg.evaluate import _names_of, dates_agree, document_stem, forum_match, normalise
from kg.namespace import KGO
from kg.rdf import load_graph

KINDS = ("persons", "meetings")


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise BuildError(
            f"identity file not found: {path}; pass the folder holding officials.tsv and meetings.tsv "
            "(e.g. ../shared/identity)",
            code="E556",
        )
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _gold_index(gold_dirs: Iterable[Path]) -> tuple[dict, dict]:
    """(document, normalised name) → the official's names; (document, id) → meeting fields."""
    people, meetings = {}, {}
    for gold_dir in gold_dirs:
        for path in sorted(Path(gold_dir).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            stem = document_stem(data.get("document") or path.name)
            for o in data.get("officials") or ():
                people[(stem, normalise(o["name"]))] = {normalise(o["name"])} | {normalise(a) for a in o.get("aliases") or () if a}
            for m in data.get("meetings") or ():
                forum = {normalise(m["forum"])} | {normalise(a) for a in m.get("aliases") or () if a}
                if m.get("acronym"):
                    forum.add(normalise(m["acronym"]))
                meetings[(stem, m["id"])] = {"forum": forum, "ordinal": m.get("ordinal"), "date": m.get("date")}
    return people, meetings


def _nodes_by_document(g: rdflib.Graph, cls) -> dict[str, list[tuple]]:
    """document stem → [(node, names, ordinal, date, countries)] of the nodes of ``cls``;
    a node without evidence of its own is placed by the representations that name it."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for node in sorted(set(g.subjects(RDF.type, cls)), key=str):
        names = _names_of(g, node)
        if cls == KGO.Meeting:
            forum = g.value(node, KGO.forum)
            if forum is not None:
                names |= _names_of(g, forum) | {normalise(a) for a in g.objects(forum, KGO.acronym)}
        ordinal, date = g.value(node, KGO.ordinal), g.value(node, KGO.date)
        countries = {str(g.value(c, KGO.isoCode)) for c in g.objects(node, KGO.country)}
        evidence = set(g.objects(node, KGO.evidence))
        for prop in (KGO.official, KGO.meeting):
            for rep in g.subjects(prop, node):
                evidence |= set(g.objects(rep, KGO.evidence))
        docs = {document_stem(d) for ev in evidence for d in g.objects(ev, KGO.document)}
        item = (node, names, int(ordinal) if ordinal is not None else None, str(date) if date is not None else None, countries)
        for doc in docs:
            out[doc].append(item)
    return out


def pairwise(rows: list[tuple[str, str, Any]]) -> dict[str, Any]:
    """rows: (document, key, node) of the found gold rows → precision, recall, F1, splits, merges."""
    same_key = same_node = both = 0
    for (d1, k1, n1), (d2, k2, n2) in combinations(rows, 2):
        if d1 == d2:
            continue
        sk, sn = k1 == k2, n1 == n2
        same_key += sk
        same_node += sn
        both += sk and sn
    p = both / same_node if same_node else 1.0
    r = both / same_key if same_key else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    nodes_of, keys_of = defaultdict(set), defaultdict(set)
    for _, k, n in rows:
        nodes_of[k].add(n)
        keys_of[n].add(k)
    return {
        "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
        "pairs_same_key": same_key, "pairs_same_node": same_node,
        "splits": sorted(k for k, ns in nodes_of.items() if len(ns) > 1),
        "merges": sorted((str(n), sorted(ks)) for n, ks in keys_of.items() if len(ks) > 1),
    }


def score_identity(graph_path: Path | str, identity_dir: Path | str, gold_dirs: Iterable[Path | str]) -> dict[str, Any]:
    """The identity figures of a graph built from the gold dirs' corpora together."""
    g = load_graph(graph_path)
    identity_dir = Path(identity_dir)
    gold_people, gold_meetings = _gold_index(Path(d) for d in gold_dirs)
    persons = _nodes_by_document(g, KGO.Person)
    for doc, items in _nodes_by_document(g, KGO.Official).items():
        known = {p[0] for p in persons[doc]}
        persons[doc] += [i for i in items if i[0] not in known]
    meetings = _nodes_by_document(g, KGO.Meeting)
    in_graph = set(persons) | set(meetings)

    def find_people(stem: str, r: dict):
        names = gold_people.get((stem, normalise(r["name"])), {normalise(r["name"])})
        return sorted((c for c in persons.get(stem, ()) if c[1] & names), key=lambda c: (r["country"] not in c[4], str(c[0])))

    def find_meetings(stem: str, r: dict):
        gm = gold_meetings.get((stem, r["id"]))
        if not gm:
            return []
        return sorted(
            (c for c in meetings.get(stem, ()) if forum_match(c[1], gm["forum"])
             and (c[2] is None or gm["ordinal"] is None or c[2] == gm["ordinal"]) and dates_agree(c[3], gm["date"])),
            key=lambda c: (c[3] != str(gm["date"]), str(c[0])),
        )

    result = {}
    for kind, name, find in (("persons", "officials.tsv", find_people), ("meetings", "meetings.tsv", find_meetings)):
        found, rows = [], 0
        for r in _read_tsv(identity_dir / name):
            stem = document_stem(r["document"])
            if r["key"] == "?" or stem not in in_graph:
                continue
            rows += 1
            cands = find(stem, r)
            if cands:
                found.append((stem, r["key"], cands[0][0]))
        result[kind] = {**pairwise(found), "found": len(found), "rows": rows}
    return result


def identity_line(result: dict[str, Any]) -> str:
    """The last line ``score_identity.py`` prints."""
    def one(x: dict) -> str:
        return (f'P={x["precision"]:.3f} R={x["recall"]:.3f} F1={x["f1"]:.3f} splits={len(x["splits"])} '
                f'merges={len(x["merges"])} found={x["found"]}/{x["rows"]}')
    return f'persons {one(result["persons"])} | meetings {one(result["meetings"])}'


def format_identity(result: dict[str, Any]) -> str:
    """The splits and wrong merges, then the reference line."""
    lines = []
    for kind in KINDS:
        for key in result[kind]["splits"]:
            lines.append(f"{kind} split (one real {kind[:-1]}, several nodes): {key}")
        for node, keys in result[kind]["merges"]:
            lines.append(f"{kind} wrong merge (one node, several real {kind}): {node.rsplit('/', 1)[-1]} ← {' ; '.join(keys)}")
    lines.append(identity_line(result))
    return "\n".join(lines)
