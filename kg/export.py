"""Graph → Turtle, N-Triples, JSON-LD and a representations CSV.

Every ``serialize_*`` is deterministic (the same set of triples gives the same string,
whatever order they were added in or which prefixes the graph had bound) and every
``write_*`` is atomic: a temporary file in the target folder, then ``os.replace``, so a
reader never sees a half-written file and a failure leaves the old file as it was.
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Union

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.plugins.serializers.turtle import TurtleSerializer

from kg.errors import GraphError
from kg.namespace import KGO, NIF, PREFIXES, bind_prefixes

PathLike = Union[str, os.PathLike]

CSV_COLUMNS = (
    "official",
    "side",
    "forum",
    "meeting",
    "ordinal",
    "date",
    "title",
    "institution",
    "head_of_delegation",
    "confidence",
    "document",
    "sentence",
    "begin",
    "end",
)


def _term_key(triple) -> tuple[str, str, str]:
    return tuple(node.n3() for node in triple)


def canonical_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` with the project's prefixes, its triples added in sorted order."""
    out = Graph()
    bind_prefixes(out)
    for triple in sorted(graph, key=_term_key):
        out.add(triple)
    return out


class _GroupedTurtleSerializer(TurtleSerializer):
    """rdflib's Turtle writer with subjects grouped by kind (countries first, evidence last)
    instead of by reference count, so a person reading graph.ttl finds things."""

    topClasses = [
        KGO.Country,
        KGO.Forum,
        KGO.Meeting,
        KGO.Representation,
        KGO.Person,
        KGO.Institution,
        KGO.Document,
        KGO.Evidence,
        RDFS.Class,
    ]


def serialize_turtle(graph: Graph) -> str:
    """Turtle with the ``kgo`` prefix always declared; byte-identical for equal graphs."""
    buf = io.BytesIO()
    _GroupedTurtleSerializer(canonical_graph(graph)).serialize(buf, encoding="utf-8")
    text = buf.getvalue().decode("utf-8")
    kgo_line = f"@prefix kgo: <{PREFIXES['kgo']}> ."
    if kgo_line not in text:
        # rdflib declares only the prefixes it uses; the contract wants kgo in every file.
        text = kgo_line + "\n" + text
    return text


def serialize_ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line, lines sorted and unique."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "".join(line + "\n" for line in lines)


def _sort_jsonld(value):
    # Values of one property are an unordered set in RDF, so sorting them loses nothing.
    if isinstance(value, dict):
        return {k: _sort_jsonld(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_jsonld(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def serialize_jsonld(graph: Graph) -> str:
    """Compact JSON-LD with the project's prefixes as ``@context``; keys and nodes sorted."""
    context = dict(PREFIXES)
    raw = canonical_graph(graph).serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(raw)
    if isinstance(doc, list):  # rdflib gives a bare list for an empty graph
        doc = {"@context": context, "@graph": doc}
    if "@graph" not in doc:
        # A single node is compacted to the top level; keep one shape for every graph.
        node = {k: v for k, v in doc.items() if k != "@context"}
        doc = {"@context": doc.get("@context", context), "@graph": [node] if node else []}
    doc["@graph"] = _sort_jsonld(doc["@graph"])
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _label(graph: Graph, node) -> str:
    labels = sorted(graph.objects(node, RDFS.label), key=lambda lit: (getattr(lit, "language", None) != "ja", str(lit)))
    return str(labels[0]) if labels else str(node)


def _one(graph: Graph, subject, predicate):
    values = sorted(graph.objects(subject, predicate), key=lambda n: n.n3())
    return values[0] if values else None


def _text(value) -> str:
    return "" if value is None else str(value)


def representation_rows(graph: Graph) -> list[dict[str, str]]:
    """One row per (representation, evidence) with the columns of ``CSV_COLUMNS``, sorted."""
    rows = []
    for rep in set(graph.subjects(RDF.type, KGO.Representation)):
        official = _one(graph, rep, KGO.official)
        meeting = _one(graph, rep, KGO.meeting)
        forum = _one(graph, meeting, KGO.forum) if meeting is not None else None
        side = _one(graph, rep, KGO.side)
        institution = _one(graph, rep, KGO.institution)
        base = {
            "official": _label(graph, official) if official is not None else "",
            "side": _text(_one(graph, side, KGO.isoCode)) if side is not None else "",
            "forum": _label(graph, forum) if forum is not None else "",
            "meeting": _label(graph, meeting) if meeting is not None else "",
            "ordinal": _text(_one(graph, meeting, KGO.ordinal)) if meeting is not None else "",
            "date": _text(_one(graph, meeting, KGO.date)) if meeting is not None else "",
            "title": _text(_one(graph, rep, KGO.title)),
            "institution": _label(graph, institution) if institution is not None else "",
            "head_of_delegation": _text(_one(graph, rep, KGO.headOfDelegation)),
            "confidence": _text(_one(graph, rep, KGO.confidence)),
        }
        evidence = list(graph.objects(rep, KGO.evidence)) or [None]
        for ev in evidence:
            row = dict(base, document="", sentence="", begin="", end="")
            if ev is not None:
                doc = _one(graph, ev, KGO.document)
                doc_id = _one(graph, doc, DCTERMS.identifier) if doc is not None else None
                row.update(
                    document=_text(doc_id if doc_id is not None else doc),
                    sentence=_text(_one(graph, ev, NIF.anchorOf)),
                    begin=_text(_one(graph, ev, NIF.beginIndex)),
                    end=_text(_one(graph, ev, NIF.endIndex)),
                )
            rows.append(row)

    def key(row):
        begin = int(row["begin"]) if row["begin"].isdigit() else -1
        return (row["forum"], row["meeting"], row["side"], row["official"], row["document"], begin, row["end"])

    return sorted(rows, key=key)


def serialize_representations_csv(graph: Graph) -> str:
    """The representations table as CSV (header ``CSV_COLUMNS``, ``\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(representation_rows(graph))
    return buf.getvalue()


def atomic_write_text(path: PathLike, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` via a temp file in the same folder and ``os.replace``."""
    path = Path(path)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600 files; give the result the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as err:
        raise GraphError(
            f"cannot write {path}: {err.strerror or err}; check that the folder "
            f"{path.parent} exists and is writable",
            code="E406",
        ) from err
    finally:
        if tmp_name is not None and os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return path


def write_turtle(graph: Graph, path: PathLike) -> Path:
    """Write ``serialize_turtle(graph)`` to ``path`` atomically."""
    return atomic_write_text(path, serialize_turtle(graph))


def write_ntriples(graph: Graph, path: PathLike) -> Path:
    """Write ``serialize_ntriples(graph)`` to ``path`` atomically."""
    return atomic_write_text(path, serialize_ntriples(graph))


def write_jsonld(graph: Graph, path: PathLike) -> Path:
    """Write ``serialize_jsonld(graph)`` to ``path`` atomically."""
    return atomic_write_text(path, serialize_jsonld(graph))


def write_representations_csv(graph: Graph, path: PathLike) -> Path:
    """Write the representations CSV of ``graph`` to ``path`` atomically."""
    return atomic_write_text(path, serialize_representations_csv(graph))
