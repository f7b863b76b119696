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
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Union

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.plugins.serializers.turtle import _GEN_QNAME_FOR_DT, TurtleSerializer

from kg.errors import GraphError
from kg.namespace import INSTANCE_BASE, KGO, NIF, PREFIXES, bind_prefixes

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


# ---------------------------------------------------------------- streaming Turtle
# The same bytes as ``serialize_turtle``, written subject by subject from sorted N-Triples
# lines, so no rdflib graph of the whole corpus is ever held (kg.scale.write_turtle_on).

# The rank of a subject in ``_GroupedTurtleSerializer``'s order, read off its IRI kind:
# every node ``kg.rdf`` writes is ``iri(kind, slug)`` and has that kind's class.
_KIND_CLASS = {"country": KGO.Country, "forum": KGO.Forum, "meeting": KGO.Meeting,
               "representation": KGO.Representation, "person": KGO.Person, "institution": KGO.Institution,
               "document": KGO.Document, "evidence": KGO.Evidence}
_KIND_RANK = {kind: _GroupedTurtleSerializer.topClasses.index(cls) for kind, cls in _KIND_CLASS.items()}


def turtle_order(line: str) -> tuple[int, str, str]:
    """Sort key of an N-Triples line (``kg.rdf.to_ntriples``) for ``write_turtle_lines``:
    the Turtle writer's subject order (class rank, then subject IRI), then the line."""
    subject = line[1:line.index("> ")]
    kind = subject[len(INSTANCE_BASE):].split("/", 1)[0] if subject.startswith(INSTANCE_BASE) else ""
    return _KIND_RANK.get(kind, len(_KIND_RANK)), subject, line


class _SubjectTurtle(_GroupedTurtleSerializer):
    """rdflib's Turtle writer fed one subject at a time: the subject's triples are handed
    to it as its predicate table (``buildPredicateHash``), its store is empty (it lends
    the prefixes), and what it remembers of other subjects is dropped after each, so memory
    is one subject's. The prefixes it meets while writing are kept for the header: the
    ones rdflib's ``preprocess`` finds, since it writes every IRI it looks up there, plus
    the datatypes of literals (looked up there even when written plain, like integers)."""

    RESET_EVERY = 10_000  # subjects between resets of rdflib's qname cache (one entry per IRI)

    def __init__(self, stream):
        store = Graph()
        bind_prefixes(store)
        super().__init__(store)
        self.stream = stream
        self._properties: dict = {}
        self._datatypes: set = set()
        self._written = 0

    def buildPredicateHash(self, subject):
        return self._properties

    def subject(self, subject, triples) -> None:
        self._properties = {}
        for _, p, o in triples:
            self._properties.setdefault(p, []).append(o)
            datatype = getattr(o, "datatype", None)
            if datatype is not None and datatype not in self._datatypes:
                self._datatypes.add(datatype)
                self.get_pname(datatype, gen_prefix=_GEN_QNAME_FOR_DT)
        self.statement(subject)
        self.write("\n")
        self._serialized.clear()
        self._written += 1
        if self._written % self.RESET_EVERY == 0:
            self.store.namespace_manager.reset()


def write_turtle_lines(lines: Iterable[str], path: PathLike) -> int:
    """Write the triples of N-Triples ``lines`` (each as ``kg.rdf.to_ntriples`` writes it;
    sorted by ``turtle_order``, repeats allowed) to ``path`` as Turtle, atomically: the bytes
    ``serialize_turtle`` gives for a graph of those triples, holding one subject at a time.
    Returns the number of triples.

    Raises ``GraphError`` (E408) for a subject whose first class in the writer's order is
    not the one its IRI names (the order could not be kept without the whole graph)."""
    from kg.rdf import triple_of_line

    path = Path(path)
    try:
        body = tempfile.TemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".body")
    except OSError as err:
        raise _write_error(path, err) from err
    with body:
        writer = _SubjectTurtle(body)
        previous, group, rank, subject, count = None, [], None, None, 0
        for line in lines:
            if line == previous:
                continue
            previous = line
            count += 1
            key = turtle_order(line)
            if group and key[1] != subject:
                _write_subject(writer, group, rank)
                group = []
            rank, subject = key[0], key[1]
            group.append(triple_of_line(line))
        if group:
            _write_subject(writer, group, rank)
        body.write(b"\n")  # as rdflib's serialize ends
        body.seek(0)
        head = io.BytesIO()
        writer.stream = head
        writer.startDocument()
        header = head.getvalue().decode("utf-8")
        kgo_line = f"@prefix kgo: <{PREFIXES['kgo']}> ."
        if kgo_line not in header:
            header = kgo_line + "\n" + header
        _atomic_write_parts(path, header.encode("utf-8"), body)
    return count


def _write_subject(writer: _SubjectTurtle, triples: list, rank: int) -> None:
    subject = triples[0][0]
    types = {o for s, p, o in triples if p == RDF.type}
    first = next((i for i, cls in enumerate(writer.topClasses) if cls in types), None)
    if first != rank:
        raise GraphError(
            f"cannot stream {subject} into Turtle: its IRI places it at class rank {rank}, its "
            f"types at {first}; write the graph with kg.export.write_turtle instead",
            code="E408",
        )
    writer.subject(subject, triples)


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
    return _atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))


def _atomic_write_parts(path: PathLike, head: bytes, body) -> Path:
    """Write ``head`` then the rest of the binary file ``body`` to ``path`` atomically."""
    def write(fh) -> None:
        fh.write(head)
        shutil.copyfileobj(body, fh, 1 << 20)

    return _atomic_write(path, write)


def _write_error(path: Path, err: OSError) -> GraphError:
    return GraphError(
        f"cannot write {path}: {err.strerror or err}; check that the folder "
        f"{path.parent} exists and is writable",
        code="E406",
    )


def _atomic_write(path: PathLike, write) -> Path:
    path = Path(path)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600 files; give the result the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as err:
        raise _write_error(path, err) from err
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
