"""Turtle file → one self-contained HTML explorer that works offline (vis-network via pyvis).

Works from the graph alone (rdflib); never imports spaCy. Graph text is untrusted article
text: it is embedded once as JSON with ``< > &`` and U+2028/2029 escaped, and
``viz_assets/explorer.js`` puts it on the page with ``textContent`` only.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import unicodedata
from collections import deque
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

import pyvis
import rdflib
from pyvis.network import Network
from rdflib import DCTERMS, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.term import Node

from kg.errors import GraphError
from kg.export import atomic_write_text
from kg.namespace import KGO, NIF
from kg.rdf import load_graph


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

# Edge name → (Japanese description for the details panel, colour, spring length). Links to
# a country are long springs: a few countries hold most links, and short ones would pile
# everyone onto two hubs instead of grouping people around the meetings they attended.
EDGE_KINDS: dict[str, tuple[str, str, int]] = {
    "represented": ("代表として出席", "#d1495b", 110),
    "of forum": ("協議体の会合", "#66a182", 110),
    "serves": ("所属", "#00798c", 90),
    "country": ("国", "#30638e", 320),
    "member": ("参加国", "#66a182", 220),
    "at meeting": ("会合の参加国", "#8d5a97", 220),
}
_EDGE_ORDER = {k: i for i, k in enumerate(EDGE_KINDS)}

# kgo:status values as shown in the details panel.
MEETING_STATUS = {"held": "開催済み (held)", "planned": "予定 (planned)", "mentioned": "言及のみ (mentioned)"}

# Characters the person search ignores after NFKC (name separators vary between outlets:
# ヤマモト・イチロウ / ヤマモト イチロウ / ヤマモトイチロウ). explorer.js uses the same set.
SEARCH_IGNORED = "・·‧•=゠"

# Above this many nodes vis-network's improvedLayout (Kamada–Kawai per cluster) takes
# seconds; the Barnes–Hut approximation is coarsened too.
LARGE_GRAPH_NODES = 300
# Stabilisation work is bounded: iterations × nodes stays under this budget (one iteration
# over 2,000 nodes costs tens of ms). initial_positions() makes few iterations enough.
STABILIZATION_BUDGET = 80_000
STABILIZATION_ITERATIONS = (40, 300)  # lower, upper bound
LAYOUT_SEED = 7

_ASSETS = "viz_assets"
_VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


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


def _evidence(graph: rdflib.Graph, holder: Node, context: str = "") -> list[dict]:
    """The evidence sentences attached to ``holder`` with their source document."""
    found = []
    for ev in graph.objects(holder, KGO.evidence):
        doc = _value(graph, ev, KGO.document)
        begin = _value(graph, ev, NIF.beginIndex)
        title = None
        if doc is not None:
            title = _first(graph, doc, DCTERMS.title) or _first(graph, doc, DCTERMS.identifier) or _local_name(doc)
        found.append({
            "sentence": _first(graph, ev, NIF.anchorOf) or "",
            "document": title or "",
            "date": _first(graph, doc, DCTERMS.date) if doc is not None else None,
            "source": _first(graph, doc, DCTERMS.source) if doc is not None else None,
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


# ------------------------------------------------------------------ the explorer model


def explorer_data(graph: rdflib.Graph) -> dict:
    """The explorer's data: vis nodes/edges, per-node details, legend and filter options."""
    types = _node_types(graph)
    labels = {node: _label(graph, node) for node in types}
    codes = {node: _first(graph, node, KGO.isoCode) or _local_name(node)
             for node, kind in types.items() if kind == "country"}
    ids = {node: str(node) for node in types}

    edges: dict[str, dict] = {}

    def add_edge(kind: str, source: Node, target: Node, edge_id: Optional[str] = None, **details) -> None:
        if source not in types or target not in types:
            return
        key = edge_id or f"{kind}|{ids[source]}|{ids[target]}"
        edges.setdefault(key, {"id": key, "kind": kind, "from": ids[source], "to": ids[target], **details})

    # Membership sets drive the forum/country filters: a node is shown for forum F when it
    # takes part in F, and for country C when it belongs to or represents C.
    forums_of: dict[Node, set[str]] = {node: set() for node in types}
    countries_of: dict[Node, set[str]] = {node: set() for node in types}
    details: dict[Node, dict] = {node: {"rows": [], "evidence": [], "links": []} for node in types}

    def code_of(node: Optional[Node]) -> Optional[str]:
        return codes.get(node) if node is not None else None

    for node, kind in types.items():
        if kind == "country":
            countries_of[node].add(codes[node])
        elif kind == "forum":
            forums_of[node].add(ids[node])
            for member in graph.objects(node, KGO.memberCountry):
                add_edge("member", node, member)
                if code_of(member):
                    countries_of[node].add(code_of(member))
                    forums_of[member].add(ids[node])
        elif kind == "meeting":
            forums = [f for f in graph.objects(node, KGO.forum) if f in types]
            for forum in forums:
                add_edge("of forum", node, forum)
                forums_of[node].add(ids[forum])
            for country in graph.objects(node, KGO.participant):
                add_edge("at meeting", node, country)
                if code_of(country):
                    countries_of[node].add(code_of(country))
                    for forum in forums:
                        countries_of[forum].add(code_of(country))
                        forums_of[country].add(ids[forum])
        if kind in ("official", "person", "institution"):
            for country in graph.objects(node, KGO.country):
                add_edge("country", node, country)
                if code_of(country):
                    countries_of[node].add(code_of(country))
        if kind in ("official", "person"):
            for institution in graph.objects(node, KGO.serves):
                add_edge("serves", node, institution)

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
        evidence = _evidence(graph, rep, context=f"{labels[person]} → {labels[meeting]}")
        add_edge("represented", person, meeting, edge_id=str(rep), evidence=_sorted_evidence(evidence), **rep_details)
        # The person's institutions (named in this representation or served) take part too.
        institutions = {i for i in [institution, *graph.objects(person, KGO.serves)] if i in types}
        for forum in forums_of[meeting]:
            forums_of[person].add(forum)
            for inst in institutions:
                forums_of[inst].add(forum)
        if code_of(side):
            countries_of[person].add(code_of(side))
            countries_of[meeting].add(code_of(side))
        details[person]["evidence"].extend(evidence)
        details[meeting]["evidence"].extend(evidence)
        side_label = f"{rep_details['side']}側" if rep_details["side"] else ""
        details[person]["links"].append(" ".join(filter(None, [labels[meeting], side_label, rep_details["title"]])))
        details[meeting]["links"].append(" ".join(filter(None, [labels[person], side_label, rep_details["title"]])))

    degree = {ids[node]: 0 for node in types}
    for edge in edges.values():
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1

    for node, kind in types.items():
        details[node]["rows"] = _detail_rows(graph, node, kind, labels)
        details[node]["evidence"] = _sorted_evidence(details[node]["evidence"] + _evidence(graph, node))
        details[node]["links"] = sorted(set(details[node]["links"]))

    ordered = sorted(types, key=lambda n: (_TYPE_ORDER[types[n]], labels[n], ids[n]))
    positions = initial_positions(
        [ids[n] for n in ordered], [(e["from"], e["to"]) for e in edges.values()],
        anchors=[ids[n] for n in ordered if types[n] == "forum"],
    )
    net = Network(directed=True)
    type_style = {t.name: t for t in NODE_TYPES}
    for node in ordered:
        style = type_style[types[node]]
        aliases = _texts(graph, node, SKOS.altLabel)
        x, y = positions[ids[node]]
        net.add_node(
            ids[node], label=labels[node], shape=style.shape, color=style.color, x=x, y=y,
            size=round(10 + 6 * math.sqrt(degree[ids[node]]), 1),
            # Heavier hubs push harder, so two countries sharing most meetings do not overlap.
            mass=round(1 + degree[ids[node]] / 8, 2),
            kind=style.name, forums=sorted(forums_of[node]), countries=sorted(countries_of[node]),
            keys=sorted({search_key(t) for t in [labels[node], *aliases, *_texts(graph, node, KGO.acronym)]} - {""}),
            details={"type": style.label_ja, "label": labels[node], "aliases": aliases, **details[node]},
        )
    for edge in sorted(edges.values(), key=lambda e: (_EDGE_ORDER[e["kind"]], e["from"], e["to"], e["id"])):
        description, color, length = EDGE_KINDS[edge["kind"]]
        net.add_edge(edge.pop("from"), edge.pop("to"), label=edge["kind"], color=color, length=length,
                     description=description, **edge)

    forum_options = sorted((labels[n], ids[n]) for n, k in types.items() if k == "forum")
    country_options = sorted((codes[n], labels[n]) for n, k in types.items() if k == "country")
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "types": [{"name": t.name, "label": t.label_ja, "shape": t.shape, "color": t.color} for t in NODE_TYPES],
        "forums": [{"id": fid, "label": label} for label, fid in forum_options],
        "countries": [{"code": code, "label": f"{label} ({code})" if label != code else code}
                      for code, label in country_options],
        "searchIgnored": SEARCH_IGNORED,
        "options": _vis_options(len(types)),
    }


def _hashed_angle(node_id: str) -> float:
    digest = hashlib.sha256(node_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 * 2 * math.pi


def initial_positions(node_ids: list[str], links: list[tuple[str, str]], anchors: list[str],
                      spacing: float = 90.0) -> dict[str, tuple[float, float]]:
    """Deterministic start positions: anchors (forums) on a circle, every other node beside
    the node it was first reached from (breadth-first), so the physics only has to tidy up."""
    neighbours: dict[str, set[str]] = {n: set() for n in node_ids}
    for a, b in links:
        neighbours[a].add(b)
        neighbours[b].add(a)
    radius = spacing * max(1.0, math.sqrt(len(node_ids)))
    positions: dict[str, tuple[float, float]] = {}
    for i, anchor in enumerate(anchors):
        angle = 2 * math.pi * i / len(anchors)
        positions[anchor] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    queue = deque(anchors)
    # Nodes no anchor reaches (no forum in the graph, or a separate component) start on the same ring.
    for start in node_ids:
        if start not in positions:
            angle = _hashed_angle(start)
            positions[start] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
            queue.append(start)
        while queue:
            node = queue.popleft()
            x, y = positions[node]
            for other in sorted(neighbours[node] - positions.keys()):
                angle = _hashed_angle(other)
                positions[other] = (round(x + spacing * math.cos(angle), 1), round(y + spacing * math.sin(angle), 1))
                queue.append(other)
    return positions


def _detail_rows(graph: rdflib.Graph, node: Node, kind: str, labels: dict[Node, str]) -> list[list]:
    """(field name in Japanese, values) rows for the details panel of one node."""
    def names(predicate: URIRef) -> list[str]:
        return sorted({labels.get(o) or _label(graph, o) for o in graph.objects(node, predicate)})

    rows: list[tuple[str, list[str]]] = []
    if kind in ("official", "person"):
        rows += [("肩書", _texts(graph, node, KGO.title)), ("所属", names(KGO.serves)), ("国", names(KGO.country))]
    elif kind == "institution":
        rows += [("国", names(KGO.country))]
    elif kind == "country":
        rows += [("コード", _texts(graph, node, KGO.isoCode)),
                 ("英語名", sorted({str(o) for o in graph.objects(node, RDFS.label) if getattr(o, "language", None) == "en"}))]
    elif kind == "forum":
        rows += [("略称", _texts(graph, node, KGO.acronym)), ("参加国", names(KGO.memberCountry))]
    elif kind == "meeting":
        rows += [("協議体", names(KGO.forum)), ("回", _texts(graph, node, KGO.ordinal)),
                 ("日付", _texts(graph, node, KGO.date)), ("場所", _texts(graph, node, KGO.place)),
                 ("状態", [MEETING_STATUS.get(v, v) for v in _texts(graph, node, KGO.status)]),
                 ("参加国", names(KGO.participant))]
    return [[name, values] for name, values in rows if values]


def _vis_options(n_nodes: int) -> dict:
    """vis-network options: bounded stabilisation, fixed seed; explorer.js stops physics after it."""
    large = n_nodes > LARGE_GRAPH_NODES
    low, high = STABILIZATION_ITERATIONS
    iterations = max(low, min(high, STABILIZATION_BUDGET // max(n_nodes, 1)))
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": not large},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000 if large else -8000,
                          "centralGravity": 0.3 if large else 0.8,
                          "springLength": 110, "springConstant": 0.04, "damping": 0.4, "avoidOverlap": 0.1 if large else 0.4,
                          "theta": 0.8 if large else 0.5},
            "minVelocity": 1,
            "stabilization": {"enabled": True, "iterations": iterations,
                              "updateInterval": 50, "fit": True},
        },
        "interaction": {"hover": True, "hideEdgesOnDrag": large, "tooltipDelay": 300},
        "nodes": {"font": {"size": 16, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 3},
            "smooth": False,
            "width": 1.2,
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
        "explorer_js": _asset("explorer.js"),
        "data_json": _json_for_script(explorer_data(graph)),
    }
    # Only these two exact scripts may run: an element or handler injected by some future
    # bug would be blocked by the Content-Security-Policy as well.
    parts["script_hashes"] = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(parts[name].encode("utf-8")).digest()).decode() + "'"
        for name in ("vis_js", "explorer_js")
    )
    # One pass, so text inserted for one placeholder is never scanned for another.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("explorer.html"))


def write_html(ttl_path: Path, html_path: Path, *, title: Optional[str] = None) -> Path:
    """Write the explorer for the Turtle file ``ttl_path`` to ``html_path`` atomically."""
    page = render_html(load_graph(ttl_path), title=title)
    html_path = Path(html_path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(html_path, page)
