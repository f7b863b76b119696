"""Turtle file → one self-contained HTML explorer that works offline (vis-network via pyvis).

Works from the graph alone (rdflib); never imports spaCy. Graph text is untrusted article
text: it is embedded once as JSON with ``< > &`` and U+2028/2029 escaped, and
``viz_assets/explorer.js`` puts it on the page with ``textContent`` only. Node positions are
computed here (networkx, fixed seed), so the page paints at once and never runs physics.
"""
from __future__ import annotations

import base64
import hashlib
import importlib.util
import itertools
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

import networkx as nx
import rdflib
from rdflib import DCTERMS, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.term import Node

from kg.errors import GraphError
from kg.export import atomic_write_text
from kg.namespace import KGO, NIF
from kg.rdf import load_graph
from kg.ui_text import explorer_strings


@dataclass(frozen=True)
class NodeType:
    """How one kind of node is drawn and named in the legend."""

    name: str
    label_ja: str
    shape: str
    color: str


# Legend order is this order; colours are distinguishable for the common colour-blindnesses.
NODE_TYPES: tuple[NodeType, ...] = (
    NodeType("official", "政府関係者", "dot", "#d1495b"),
    NodeType("person", "人物", "dot", "#edae49"),
    NodeType("institution", "機関", "square", "#00798c"),
    NodeType("country", "国・地域", "triangle", "#30638e"),
    NodeType("forum", "協議体", "star", "#66a182"),
    NodeType("meeting", "会合", "diamond", "#8d5a97"),
)
_TYPE_ORDER = {t.name: i for i, t in enumerate(NODE_TYPES)}
PEOPLE = ("official", "person")

# Edge name → (Japanese name shown in the page, colour, links to a country). Links to a
# country are not drawn by default and take no part in the layout: a few countries hold
# most links and would pull everything into one hairball; the country is a badge instead.
EDGE_KINDS: dict[str, tuple[str, str, bool]] = {
    "represented": ("代表として出席", "#d1495b", False),
    "of forum": ("協議体の会合", "#66a182", False),
    "serves": ("所属", "#00798c", False),
    "country": ("国", "#30638e", True),
    "member": ("参加国", "#66a182", True),
    "at meeting": ("会合の参加国", "#8d5a97", True),
}
_EDGE_ORDER = {k: i for i, k in enumerate(EDGE_KINDS)}

# kgo:status values, in the order of the status filter.
MEETING_STATUS = {"held": "開催済み", "planned": "予定", "mentioned": "言及のみ"}

# Characters the search ignores after NFKC (name separators vary between outlets:
# ヤマモト・イチロウ / ヤマモト イチロウ / ヤマモトイチロウ). explorer.js uses the same set.
SEARCH_IGNORED = "・·‧•=゠"

LAYOUT_SEED = 7
# Median length of a link in world units (1 unit = 1 px at zoom 1): leaves around a meeting
# end up about a fifth of that apart, so dots do not overlap at zoom 0.5.
LINK_SPACING = 240.0
LAYOUT_ITERATIONS = 120
# From this many nodes a component is laid out by anchors and rings (networkx's force
# layout switches to a sparse solver here that takes minutes on thousands of nodes).
FORCE_LAYOUT_MAX = 500

# Label priority (0 first): when labels would overlap on screen, explorer.js draws the
# higher-priority one. Forums name the clusters; people with several meetings come next.
LABEL_RANK = {"forum": 0, "country": 1, "meeting": 1, "official": 3, "person": 3, "institution": 4}

_ASSETS = "viz_assets"
# pyvis is located, not imported: kg uses its copy of vis-network, and importing
# pyvis.network (IPython, jinja2, jsonpickle) cost ≈ 0.1 s of CPU per build.
_PYVIS = importlib.util.find_spec("pyvis")
_VIS_DIR = (Path(_PYVIS.origin).parent if _PYVIS and _PYVIS.origin else Path("pyvis")) / "templates" / "lib" / "vis-9.1.2"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


class _VisNetwork:
    """The node and edge records pyvis's ``Network(directed=True)`` makes with ``add_node``
    and ``add_edge`` (the same keys and values), without importing pyvis.network."""

    def __init__(self) -> None:
        self.nodes: list[dict] = []
        self.edges: list[dict] = []
        self._ids: set = set()

    def add_node(self, n_id, label=None, shape="dot", color="#97c2fc", **options) -> None:
        if n_id not in self._ids:  # pyvis keeps a node's first record
            self._ids.add(n_id)
            self.nodes.append({"color": color, **options, "id": n_id, "label": label or n_id, "shape": shape})

    def add_edge(self, source, to, **options) -> None:
        if source not in self._ids or to not in self._ids:
            raise ValueError(f"edge between unknown nodes {source!r} and {to!r}")
        self.edges.append({**options, "from": source, "to": to, "arrows": options.get("arrows", "to")})


def search_key(text: str) -> str:
    """The form the explorer's search compares: NFKC, lower case, no spaces or ・-like separators."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in SEARCH_IGNORED)


# ------------------------------------------------------------------ reading the graph


def _texts(graph: rdflib.Graph, subject: Node, predicate: URIRef) -> list[str]:
    return sorted({str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)})


def _first(graph: rdflib.Graph, subject: Node, predicate: URIRef) -> Optional[str]:
    values = _texts(graph, subject, predicate)
    return values[0] if values else None


def _value(graph: rdflib.Graph, subject: Node, predicate: URIRef) -> Optional[Node]:
    """One object of ``predicate`` (the smallest, so that a repeated property stays deterministic)."""
    return min(graph.objects(subject, predicate), default=None)


def _local_name(node: Node) -> str:
    return re.split(r"[/#]", str(node).rstrip("/#"))[-1]


def _label(graph: rdflib.Graph, node: Node) -> str:
    """rdfs:label, preferring @ja, then untagged, then any language (sorted for determinism)."""
    labels = [o for o in graph.objects(node, RDFS.label) if isinstance(o, Literal)]
    for wanted in ("ja", None):
        chosen = sorted(str(o) for o in labels if o.language == wanted)
        if chosen:
            return chosen[0]
    if labels:
        return sorted(str(o) for o in labels)[0]
    return _first(graph, node, SKOS.prefLabel) or _local_name(node)


def _ja_labels(graph: rdflib.Graph, node: Node) -> list[str]:
    """Every rdfs:label whose tag matches ``ja`` (as SPARQL langMatches does)."""
    return sorted({str(o) for o in graph.objects(node, RDFS.label) if isinstance(o, Literal)
                   and o.language and (o.language.lower() == "ja" or o.language.lower().startswith("ja-"))})


def _typed(graph: rdflib.Graph, cls: URIRef, *linked_by: URIRef) -> set[Node]:
    """Instances of ``cls``, plus untyped nodes found at the object end of ``linked_by``."""
    found = set(graph.subjects(RDF.type, cls))
    for predicate in linked_by:
        found.update(o for o in graph.objects(None, predicate) if not isinstance(o, Literal))
    return found


def _node_types(graph: rdflib.Graph) -> dict[Node, str]:
    """Every node to draw and its type name; a node with several types keeps the first."""
    candidates = (
        ("official", _typed(graph, KGO.Official)),
        ("person", _typed(graph, KGO.Person, KGO.official)),
        ("institution", _typed(graph, KGO.Institution, KGO.serves, KGO.institution)),
        ("country", _typed(graph, KGO.Country, KGO.country, KGO.side,
                           KGO.participant, KGO.memberCountry)),
        ("forum", _typed(graph, KGO.Forum, KGO.forum)),
        ("meeting", _typed(graph, KGO.Meeting, KGO.meeting)),
    )
    types: dict[Node, str] = {}
    for name, nodes in candidates:
        for node in nodes:
            types.setdefault(node, name)
    return types


def _document_info(graph: rdflib.Graph, doc: Node) -> dict:
    return {
        "title": _first(graph, doc, DCTERMS.title) or _first(graph, doc, DCTERMS.identifier) or _local_name(doc),
        "identifier": _first(graph, doc, DCTERMS.identifier),
        "date": _first(graph, doc, DCTERMS.date),
        "source": _first(graph, doc, DCTERMS.source),
    }


def _evidence(graph: rdflib.Graph, holder: Node, context: str = "") -> list[dict]:
    """The evidence sentences attached to ``holder`` with their source document."""
    found = []
    for ev in graph.objects(holder, KGO.evidence):
        doc = _value(graph, ev, KGO.document)
        begin = _value(graph, ev, NIF.beginIndex)
        info = _document_info(graph, doc) if doc is not None else {}
        found.append({
            "sentence": _first(graph, ev, NIF.anchorOf) or "",
            "document": info.get("title") or "",
            "documentId": str(doc) if doc is not None else None,
            "date": info.get("date"),
            "source": info.get("source"),
            "begin": int(begin) if isinstance(begin, Literal) else None,
            "context": [context] if context else [],
        })
    return found


def _sorted_evidence(items: Iterable[dict]) -> list[dict]:
    """One entry per sentence (in document order), listing every fact it supports."""
    unique: dict[tuple, dict] = {}
    for item in items:
        key = (item["document"], item["begin"] if item["begin"] is not None else -1, item["sentence"])
        if key in unique:
            unique[key] = {**unique[key], "context": sorted(set(unique[key]["context"]) | set(item["context"]))}
        else:
            unique[key] = item
    return [unique[k] for k in sorted(unique)]


# ------------------------------------------------------------------ names that tell nodes apart


def display_labels(graph: rdflib.Graph, types: dict[Node, str], labels: dict[Node, str],
                   country_of: dict[Node, Optional[str]]) -> dict[Node, str]:
    """Labels made unique where different nodes share one: 外務省 (中国), 第5回… 2024-10-04.

    Meetings are told apart by date, then status, then the article that names them; people
    and institutions by country; anything still shared gets a running number (IRI order).
    """
    def meeting_date(n):
        return _first(graph, n, KGO.date)

    def meeting_status(n):
        status = _first(graph, n, KGO.status)
        return f"({MEETING_STATUS.get(status, status)})" if status else None

    def meeting_source(n):
        # The article that mentions it: its date, else its title (first article in IRI order).
        docs = sorted({d for ev in graph.objects(n, KGO.evidence) for d in graph.objects(ev, KGO.document)}, key=str)
        if not docs:
            return None
        info = _document_info(graph, docs[0])
        return f"[{info['date']}の記事]" if info["date"] else f"[{info['title'][:16]}]"

    def country(n):
        return f"({country_of[n]})" if country_of.get(n) else None

    suffixes = {"meeting": (meeting_date, meeting_status, meeting_source),
                "institution": (country,), "official": (country,), "person": (country,)}
    shown = dict(labels)

    def collisions() -> list[list[Node]]:
        groups: dict[str, list[Node]] = defaultdict(list)
        for node, text in shown.items():
            groups[text].append(node)
        return [sorted(g, key=str) for g in groups.values() if len(g) > 1]

    for step in range(3):
        for group in collisions():
            for node in group:
                # A forum keeps its own name: the meetings sharing it take the suffix.
                if types[node] == "forum" and any(types[o] == "meeting" for o in group):
                    continue
                options = suffixes.get(types[node], ())
                extra = options[step](node) if step < len(options) else None
                if extra:
                    shown[node] = f"{shown[node]} {extra}"
    for group in collisions():
        for number, node in enumerate(group[1:], start=2):
            shown[node] = f"{shown[node]} #{number}"
    return shown


# ------------------------------------------------------------------ layout


def _extent(points: dict[str, tuple[float, float]], axis: int) -> float:
    values = [p[axis] for p in points.values()]
    return max(values) - min(values)


def _force_layout(graph: nx.Graph, spacing: float) -> dict[str, tuple[float, float]]:
    """networkx's Fruchterman–Reingold (fixed seed, sorted input), scaled so that a typical
    link is ``spacing`` long whatever the size of the graph."""
    sub = nx.Graph()
    sub.add_nodes_from(sorted(graph.nodes()))
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in graph.edges()))
    raw = nx.spring_layout(sub, seed=LAYOUT_SEED, iterations=LAYOUT_ITERATIONS, method="force")
    lengths = sorted(math.dist(raw[a], raw[b]) for a, b in sub.edges()) or [1.0]
    unit = spacing / max(lengths[len(lengths) // 2], 1e-9)
    return {n: (float(raw[n][0]) * unit, float(raw[n][1]) * unit) for n in sub.nodes()}


def _ring_layout(graph: nx.Graph, component: list[str], anchored: list[str],
                 spacing: float) -> dict[str, tuple[float, float]]:
    """A large component: the anchors (forums, meetings) by force layout, joined where a
    person links two of them; every other node on a ring around the anchors it links to,
    then nodes linked only to those (institutions) around them in turn. Near-linear
    beyond the anchors, where a force layout of thousands of nodes takes minutes."""
    anchor_set = set(anchored)
    skeleton = nx.Graph()
    skeleton.add_nodes_from(anchored)
    for node in component:
        linked = sorted(n for n in graph[node] if n in anchor_set)
        if node in anchor_set:
            skeleton.add_edges_from((node, n) for n in linked)
        else:
            skeleton.add_edges_from(zip(linked, linked[1:]))
    local = _force_layout(skeleton, 2 * spacing)
    pending = sorted(set(component) - anchor_set)
    while pending:
        rings: dict[tuple, list[str]] = defaultdict(list)
        for node in pending:
            placed = tuple(sorted(n for n in graph[node] if n in local))
            if placed:
                rings[placed].append(node)
        if not rings:
            # Linked to nothing placed (cannot happen in a connected component): stack them.
            rings[(anchored[0],)] = pending
        for around, members in sorted(rings.items()):
            cx = sum(local[n][0] for n in around) / len(around)
            cy = sum(local[n][1] for n in around) / len(around)
            radius = spacing * (0.5 + 0.08 * len(members))
            start = _hashed_angle(around[0])
            for i, node in enumerate(members):
                angle = start + 2 * math.pi * i / len(members)
                local[node] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        pending = [n for n in pending if n not in local]
    return local


def _hashed_angle(node_id: str) -> float:
    digest = hashlib.sha256(node_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 * 2 * math.pi


def communities(node_ids: list[str], links: list[tuple[str, str]]) -> dict[str, int]:
    """Community of every node (0 = the largest), by networkx's Louvain method with a fixed
    seed on sorted input; a node without links is a community of its own. The explorer
    colours nodes by it ("色: コミュニティ")."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(node_ids))
    graph.add_edges_from(sorted((a, b) if a < b else (b, a) for a, b in links
                                if a in graph and b in graph and a != b))
    found = nx.community.louvain_communities(graph, seed=LAYOUT_SEED) if graph.number_of_edges() else \
        [{n} for n in graph.nodes()]
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {n: i for i, members in enumerate(ordered) for n in members}


def layout_positions(node_ids: list[str], links: list[tuple[str, str]], apart: Iterable[str] = (),
                     anchors: Iterable[str] = (), spacing: float = LINK_SPACING,
                     ) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Deterministic positions (world units) and the ids the first view fits: the largest
    connected component, with the next largest ones while that is under half the graph.

    Each component is laid out by networkx's Fruchterman–Reingold with a fixed seed (one of
    FORCE_LAYOUT_MAX nodes or more: its ``anchors`` only, the rest on rings around them); the
    largest sits at the origin, the other fragments on shelves below it, and the ``apart``
    nodes (countries) on one row under everything, so fragments never crowd the main view.
    """
    apart = sorted(set(apart))
    anchors = set(anchors)
    graph = nx.Graph()
    graph.add_nodes_from(n for n in node_ids if n not in set(apart))
    graph.add_edges_from(sorted((a, b) if a < b else (b, a) for a, b in links
                                if a in graph and b in graph and a != b))
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for component in components:
        if len(component) == 1:
            local = {component[0]: (0.0, 0.0)}
        else:
            anchored = [n for n in component if n in anchors]
            if len(component) >= FORCE_LAYOUT_MAX and len(anchored) >= 3:
                local = _ring_layout(graph, component, anchored, spacing)
            else:
                local = _force_layout(graph.subgraph(component), spacing)
            if _extent(local, 1) > _extent(local, 0):
                # Landscape, like the screen it is shown on.
                local = {n: (y, x) for n, (x, y) in local.items()}
        xs, ys = [p[0] for p in local.values()], [p[1] for p in local.values()]
        boxes.append((local, min(xs), min(ys), max(xs), max(ys)))

    positions: dict[str, tuple[float, float]] = {}
    main_local, x0, y0, x1, y1 = boxes[0] if boxes else ({}, 0.0, 0.0, 0.0, 0.0)
    centre = ((x0 + x1) / 2, (y0 + y1) / 2)
    for n, (x, y) in main_local.items():
        positions[n] = (x - centre[0], y - centre[1])
    width = max(x1 - x0, 12 * spacing)
    left, top = -width / 2, (y1 - y0) / 2 + 2 * spacing
    cursor_x, shelf_height = left, 0.0
    for local, bx0, by0, bx1, by1 in boxes[1:]:
        w, h = bx1 - bx0, by1 - by0
        if cursor_x > left and cursor_x + w > left + width:
            cursor_x, top, shelf_height = left, top + shelf_height + spacing, 0.0
        for n, (x, y) in local.items():
            positions[n] = (cursor_x + x - bx0, top + y - by0)
        cursor_x += w + spacing
        shelf_height = max(shelf_height, h)
    top += shelf_height + 2 * spacing
    for i, n in enumerate(apart):
        positions[n] = (left + (i % 12) * spacing, top + (i // 12) * spacing)
    rounded = {n: (round(x, 1) + 0.0, round(y, 1) + 0.0) for n, (x, y) in positions.items()}
    # The first view: the largest component, and the next largest fragments while the
    # largest holds less than half of the graph (a corpus of many unrelated stories).
    first: list[str] = []
    for component in components:
        if len(first) * 2 >= graph.number_of_nodes():
            break
        first.extend(component)
    return rounded, sorted(first)


# ------------------------------------------------------------------ the explorer model


def representation_rows(graph: rdflib.Graph) -> list[dict]:
    """The rows of the bundled ``representations`` query (kg/queries/representations.rq), in
    its order, with the IRIs the meetings table links to; keep the two in step."""
    rows = []
    none = [None]
    for rep in sorted(graph.subjects(RDF.type, KGO.Representation), key=str):
        for person, country, meeting in itertools.product(
                sorted(graph.objects(rep, KGO.official)), sorted(graph.objects(rep, KGO.side)),
                sorted(graph.objects(rep, KGO.meeting))):
            institutions = [(i, label) for i in sorted(graph.objects(rep, KGO.institution))
                            for label in (_ja_labels(graph, i) or none)] or [(None, None)]
            evidence = [(a, d, ident) for ev in sorted(graph.objects(rep, KGO.evidence))
                        for a in (_texts(graph, ev, NIF.anchorOf) or none)
                        for d in (sorted(graph.objects(ev, KGO.document)) or none)
                        for ident in ((_texts(graph, d, DCTERMS.identifier) or none) if d is not None else none)
                        ] or [(None, None, None)]
            for forum in sorted(graph.objects(meeting, KGO.forum)):
                for official, side, forum_label, meeting_label, date, title, (inst, inst_label), (sentence, doc, ident) in \
                        itertools.product(_ja_labels(graph, person), _texts(graph, country, KGO.isoCode),
                                          _ja_labels(graph, forum), _ja_labels(graph, meeting),
                                          _texts(graph, meeting, KGO.date) or none,
                                          _texts(graph, rep, KGO.title) or none, institutions, evidence):
                    rows.append({
                        "official": official, "side": side, "forum": forum_label, "meeting": meeting_label,
                        "date": date, "title": title, "institution": inst_label, "evidence": sentence,
                        "document": ident, "rep": str(rep), "officialId": str(person), "meetingId": str(meeting),
                        "forumId": str(forum), "documentId": str(doc) if doc is not None else None,
                        "status": _first(graph, meeting, KGO.status),
                    })
    columns = ("forum", "date", "meeting", "side", "official", "title", "institution", "document", "evidence")
    rows.sort(key=lambda r: tuple((r[c] is not None, r[c] or "") for c in columns) + (r["rep"],))
    return rows


def _label_rank(kind: str, degree: int, meetings: int, status: Optional[str]) -> int:
    """Label priority: hubs and busy people are named before the rest, placeholders after."""
    rank = LABEL_RANK[kind]
    if kind in PEOPLE and meetings >= 2 or kind == "institution" and degree >= 4:
        rank = 2
    if kind == "meeting" and status in ("planned", "mentioned"):
        rank = 3
    return rank


def explorer_data(graph: rdflib.Graph) -> dict:
    """The explorer's data: vis nodes/edges with positions, per-node details, table rows,
    documents, legend and filter options."""
    types = _node_types(graph)
    labels = {node: _label(graph, node) for node in types}
    codes = {node: _first(graph, node, KGO.isoCode) or _local_name(node)
             for node, kind in types.items() if kind == "country"}
    ids = {node: str(node) for node in types}
    country_of = {node: labels[c] for node in types
                  for c in [_value(graph, node, KGO.country)] if c in types}
    shown_label = display_labels(graph, types, labels, country_of)

    edges: dict[str, dict] = {}

    def add_edge(kind: str, source: Node, target: Node, edge_id: Optional[str] = None, **details) -> None:
        if source not in types or target not in types:
            return
        key = edge_id or f"{kind}|{ids[source]}|{ids[target]}"
        edges.setdefault(key, {"id": key, "kind": kind, "from": ids[source], "to": ids[target], **details})

    # Membership sets drive the filters: a node is shown for forum F when it takes part in
    # F, for country C when it belongs to or represents C, and for a meeting status when
    # it is (or attended) a meeting of that status.
    forums_of: dict[Node, set[str]] = {node: set() for node in types}
    countries_of: dict[Node, set[str]] = {node: set() for node in types}
    statuses_of: dict[Node, set[str]] = {node: set() for node in types}
    groups: dict[Node, dict[str, set]] = {node: defaultdict(set) for node in types}
    evidence_of: dict[Node, list[dict]] = {node: [] for node in types}
    meeting_count: dict[Node, int] = defaultdict(int)
    # The meetings a node takes part in (styling "大きさ: 会合の数"): a person's, a forum's,
    # an institution's through its people, a country's as participant or side.
    meetings_of: dict[Node, set[str]] = {node: ({ids[node]} if kind == "meeting" else set())
                                         for node, kind in types.items()}

    def code_of(node: Optional[Node]) -> Optional[str]:
        return codes.get(node) if node is not None else None

    def link(holder: Node, heading: str, target: Node, note: str = "") -> None:
        if target in types:
            groups[holder][heading].add((shown_label[target], ids[target], note))

    for node, kind in types.items():
        status = _first(graph, node, KGO.status) if kind == "meeting" else None
        if kind == "country":
            countries_of[node].add(codes[node])
        elif kind == "forum":
            forums_of[node].add(ids[node])
            for member in graph.objects(node, KGO.memberCountry):
                add_edge("member", node, member)
                link(node, "参加国", member)
                link(member, "協議体", node)
                if code_of(member):
                    countries_of[node].add(code_of(member))
                    forums_of[member].add(ids[node])
        elif kind == "meeting":
            statuses_of[node].add(status or "")
            forums = [f for f in graph.objects(node, KGO.forum) if f in types]
            for forum in forums:
                add_edge("of forum", node, forum)
                forums_of[node].add(ids[forum])
                meetings_of[forum].add(ids[node])
                statuses_of[forum].add(status or "")
                link(node, "協議体", forum)
                link(forum, "会合", node, _first(graph, node, KGO.date) or "")
            for country in graph.objects(node, KGO.participant):
                if country in types:
                    meetings_of[country].add(ids[node])
                add_edge("at meeting", node, country)
                link(node, "参加国", country)
                if code_of(country):
                    countries_of[node].add(code_of(country))
                    for forum in forums:
                        countries_of[forum].add(code_of(country))
                        forums_of[country].add(ids[forum])
        if kind in (*PEOPLE, "institution"):
            for country in graph.objects(node, KGO.country):
                add_edge("country", node, country)
                link(node, "国", country)
                link(country, "機関" if kind == "institution" else "人物", node)
                if code_of(country):
                    countries_of[node].add(code_of(country))
        if kind in PEOPLE:
            for institution in graph.objects(node, KGO.serves):
                add_edge("serves", node, institution)
                link(node, "所属", institution)
                link(institution, "人物", node)

    representations = sorted(
        set(graph.subjects(RDF.type, KGO.Representation)) | set(graph.subjects(KGO.official, None)))
    for rep in representations:
        person, meeting, side = (_value(graph, rep, p) for p in (KGO.official, KGO.meeting, KGO.side))
        if person not in types or meeting not in types:
            continue
        institution = _value(graph, rep, KGO.institution)
        head = _value(graph, rep, KGO.headOfDelegation)
        rep_details = {
            "side": labels.get(side) if side is not None else None,
            "title": _first(graph, rep, KGO.title),
            "institution": (labels.get(institution) or str(institution)) if institution is not None else None,
            "head": bool(head.toPython()) if isinstance(head, Literal) else None,
        }
        evidence = _evidence(graph, rep, context=f"{labels[person]} → {shown_label[meeting]}")
        add_edge("represented", person, meeting, edge_id=str(rep), evidence=_sorted_evidence(evidence), **rep_details)
        meeting_count[person] += 1
        # The person's institutions (named in this representation or served) take part too.
        institutions = {i for i in [institution, *graph.objects(person, KGO.serves)] if i in types}
        for forum in forums_of[meeting]:
            forums_of[person].add(forum)
            for inst in institutions:
                forums_of[inst].add(forum)
        for inst in institutions:
            statuses_of[inst] |= statuses_of[meeting]
            meetings_of[inst].add(ids[meeting])
        meetings_of[person].add(ids[meeting])
        if side in types:
            meetings_of[side].add(ids[meeting])
        statuses_of[person] |= statuses_of[meeting]
        if code_of(side):
            countries_of[person].add(code_of(side))
            countries_of[meeting].add(code_of(side))
        evidence_of[person].extend(evidence)
        evidence_of[meeting].extend(evidence)
        side_name = f"{rep_details['side']}側" if rep_details["side"] else "側不明"
        note = "・".join(filter(None, [rep_details["title"], "団長" if rep_details["head"] else None]))
        link(person, "出席した会合", meeting, " ".join(filter(None, [side_name, note])))
        link(meeting, f"{side_name}の出席者", person, note)

    documents: dict[str, dict] = {}
    for node in types:
        evidence_of[node] = _sorted_evidence(evidence_of[node] + _evidence(graph, node))
        for ev in evidence_of[node]:
            if ev["documentId"]:
                doc = documents.setdefault(ev["documentId"], {**_document_info(graph, URIRef(ev["documentId"])),
                                                             "nodes": set()})
                doc["nodes"].add(ids[node])

    degree = {ids[node]: 0 for node in types}
    for edge in edges.values():
        if not EDGE_KINDS[edge["kind"]][2]:
            degree[edge["from"]] += 1
            degree[edge["to"]] += 1

    ordered = sorted(types, key=lambda n: (_TYPE_ORDER[types[n]], labels[n], ids[n]))
    positions, main = layout_positions(
        [ids[n] for n in ordered],
        [(e["from"], e["to"]) for e in edges.values() if not EDGE_KINDS[e["kind"]][2]],
        apart=[ids[n] for n in ordered if types[n] == "country"],
        anchors=[ids[n] for n in ordered if types[n] in ("forum", "meeting")])
    main = set(main)
    community = communities([ids[n] for n in ordered if types[n] != "country"],
                            [(e["from"], e["to"]) for e in edges.values() if not EDGE_KINDS[e["kind"]][2]])
    net = _VisNetwork()
    type_style = {t.name: t for t in NODE_TYPES}
    for node in ordered:
        kind = types[node]
        style = type_style[kind]
        aliases = _texts(graph, node, SKOS.altLabel)
        x, y = positions[ids[node]]
        status = _first(graph, node, KGO.status) if kind == "meeting" else None
        badge = next((code_of(c) for c in [_value(graph, node, KGO.country)] if code_of(c)), None) \
            if kind in PEOPLE else None
        drawn = f"{shown_label[node]} · {badge}" if badge else shown_label[node]
        extra = {}
        if kind == "meeting" and status in ("planned", "mentioned"):
            # Placeholders (not known to have taken place) are hollow with a dashed outline.
            extra = {"color": {"background": "#ffffff", "border": style.color,
                               "highlight": {"background": "#ffffff", "border": style.color}},
                     "shapeProperties": {"borderDashes": [4, 3]}, "borderWidth": 2}
        net.add_node(
            ids[node], label=drawn, shape=style.shape, color=extra.pop("color", style.color), x=x, y=y,
            size=round(10 + 5 * math.sqrt(degree[ids[node]]), 1),
            kind=style.name, forums=sorted(forums_of[node]), countries=sorted(countries_of[node]),
            statuses=sorted(statuses_of[node]), main=ids[node] in main,
            labelRank=_label_rank(kind, degree[ids[node]], meeting_count[node], status),
            date=_first(graph, node, KGO.date) if kind == "meeting" else None, status=status,
            meetings=len(meetings_of[node]), community=community.get(ids[node]),
            country=codes[node] if kind == "country" else code_of(_value(graph, node, KGO.country)),
            keys=sorted({search_key(t) for t in [labels[node], shown_label[node], *aliases,
                                                 *_texts(graph, node, KGO.acronym)]} - {""}),
            details={"type": style.label_ja, "label": labels[node], "display": shown_label[node],
                     "aliases": aliases, "rows": _detail_rows(graph, node, kind),
                     "groups": [{"heading": heading, "items": [{"text": t, "id": i, "note": n}
                                                               for t, i, n in _group_order(heading, items)]}
                                for heading, items in sorted(groups[node].items(), key=_group_key)],
                     "evidence": evidence_of[node]},
            **extra,
        )
    for edge in sorted(edges.values(), key=lambda e: (_EDGE_ORDER[e["kind"]], e["from"], e["to"], e["id"])):
        description, color, to_country = EDGE_KINDS[edge["kind"]]
        net.add_edge(edge.pop("from"), edge.pop("to"), color=color, description=description,
                     countryLink=to_country, hidden=to_country, **edge)

    forum_options = sorted((shown_label[n], ids[n]) for n, k in types.items() if k == "forum")
    country_options = sorted((codes[n], labels[n]) for n, k in types.items() if k == "country")
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "types": [{"name": t.name, "label": t.label_ja, "shape": t.shape, "color": t.color} for t in NODE_TYPES],
        "forums": [{"id": fid, "label": label} for label, fid in forum_options],
        "countries": [{"code": code, "label": f"{label} ({code})" if label != code else code}
                      for code, label in country_options],
        "statuses": [{"value": v, "label": f"{label} ({v})"} for v, label in MEETING_STATUS.items()],
        "rows": representation_rows(graph),
        "documents": {k: {**v, "nodes": sorted(v["nodes"])} for k, v in sorted(documents.items())},
        "searchIgnored": SEARCH_IGNORED,
        "spacing": LINK_SPACING,
        "options": _vis_options(),
    }


# Panel groups: attendees by side first, then meetings, forums, people, institutions, countries.
_GROUP_ORDER = ("出席した会合", "会合", "協議体", "人物", "所属", "機関", "国", "参加国")


def _group_key(entry: tuple[str, set]) -> tuple:
    heading = entry[0]
    return (-1 if heading.endswith("の出席者") else _GROUP_ORDER.index(heading), heading)


def _group_order(heading: str, items: set) -> list[tuple[str, str, str]]:
    """A forum's meetings by date (note), anything else by name."""
    if heading == "会合":
        return sorted(items, key=lambda i: (i[2] == "", i[2], i[0], i[1]))
    return sorted(items)


def _detail_rows(graph: rdflib.Graph, node: Node, kind: str) -> list[list]:
    """(field name in Japanese, values) rows for the details panel of one node."""
    rows: list[tuple[str, list[str]]] = []
    if kind in PEOPLE:
        rows += [("肩書", _texts(graph, node, KGO.title))]
    elif kind == "country":
        rows += [("コード", _texts(graph, node, KGO.isoCode)),
                 ("英語名", sorted({str(o) for o in graph.objects(node, RDFS.label) if getattr(o, "language", None) == "en"}))]
    elif kind == "forum":
        rows += [("略称", _texts(graph, node, KGO.acronym))]
    elif kind == "meeting":
        rows += [("回", _texts(graph, node, KGO.ordinal)),
                 ("日付", _texts(graph, node, KGO.date)), ("場所", _texts(graph, node, KGO.place)),
                 ("状態", [f"{MEETING_STATUS.get(v, v)} ({v})" for v in _texts(graph, node, KGO.status)])]
    rows.append(("訂正", _corrections_of(graph, node)))
    return [[name, values] for name, values in rows if values]


def _corrections_of(graph: rdflib.Graph, node: Node) -> list[str]:
    """What the corrections applied by the build did to ``node`` (kg/corrections.py), with their file."""
    return sorted(
        f"{label} ({_first(graph, correction, KGO.correctionSource)})"
        for correction in graph.subjects(KGO.corrects, node)
        for label in graph.objects(correction, RDFS.label) if getattr(label, "language", None) == "ja")


def _vis_options() -> dict:
    """vis-network options: positions come from layout_positions, so physics stays off."""
    return {
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 300, "zoomSpeed": 0.6},
        "nodes": {"font": {"size": 14, "face": "IPAGothic, Noto Sans CJK JP, sans-serif", "strokeWidth": 4,
                           "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "smooth": False,
            "width": 1.2,
            "selectionWidth": 2,
        },
    }


# ------------------------------------------------------------------ the page


def _json_for_script(data: dict) -> str:
    """JSON that cannot end the <script> element it sits in nor break a JS string."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _asset(name: str) -> str:
    return resources.files("kg").joinpath(_ASSETS, name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    path = _VIS_DIR / name
    if not path.is_file():
        raise GraphError(
            f"vis-network asset missing: {path}; reinstall pyvis (pip install 'pyvis>=0.3.2,<0.4')",
            code="E452",
        )
    # The source-map comment would make devtools fetch a file that is not there.
    return re.sub(r"//# sourceMappingURL=\S+", "", path.read_text(encoding="utf-8"))


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render_html(graph: rdflib.Graph, *, title: Optional[str] = None) -> str:
    """The explorer page for ``graph``: one HTML string with every script and style inline."""
    parts = {
        "title": _html_text(title or "kaigi-kg explorer"),
        "vis_css": _vis_asset("vis-network.css"),
        "vis_js": _vis_asset("vis-network.min.js"),
        "explorer_css": _asset("explorer.css"),
        # The analysis functions (layout of a subset, paths, GEXF/GraphML) run first, in the
        # same script element, so the page still runs exactly two scripts.
        "explorer_js": _asset("explorer-analysis.js") + "\n" + _asset("explorer.js"),
        "data_json": _json_for_script(explorer_data(graph)),
        "corrections_js": _asset("explorer-corrections.js"),
        # One script: the language choice the SPARQL page shares, then the explorer's words.
        "i18n_js": (resources.files("kg") / "serve_assets" / "language.js").read_text(encoding="utf-8")
        + _asset("explorer-i18n.js"),
        "strings_json": _json_for_script(explorer_strings()),
    }
    # Only these four exact scripts may run: an element or handler injected by some future
    # bug would be blocked by the Content-Security-Policy as well.
    parts["script_hashes"] = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(parts[name].encode("utf-8")).digest()).decode() + "'"
        for name in ("vis_js", "explorer_js", "corrections_js", "i18n_js")
    )
    # One pass, so text inserted for one placeholder is never scanned for another.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("explorer.html"))


def write_html(ttl_path: Path, html_path: Path, *, title: Optional[str] = None,
               graph: Optional[rdflib.Graph] = None) -> Path:
    """Write the explorer for the Turtle file ``ttl_path`` to ``html_path`` atomically.

    ``graph``: the graph that file was just written from (``kg build`` passes it, so the
    Turtle is not parsed back; the page is the same bytes, tests/test_pipeline_build.py).
    """
    page = render_html(graph if graph is not None else load_graph(ttl_path), title=title)
    html_path = Path(html_path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(html_path, page)
