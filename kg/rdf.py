"""ResolvedGraph → rdflib Graph, with the terms of ``ontology/kg.ttl``.

A pure mapping: every node is an IRI minted from a slug (no blank nodes), so the same
ResolvedGraph always gives the same set of triples. Never imports spaCy.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace
from decimal import Decimal
from typing import Iterable, Optional
from pathlib import Path
from urllib.parse import quote

import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg import lexicon
from kg.errors import GraphError
from kg.namespace import KGO, NIF, SCHEMA, WIKIDATA, bind_prefixes, iri
from kg.records import (
    Document,
    Evidence,
    Forum,
    Institution,
    Meeting,
    Person,
    Representation,
    ResolvedGraph,
)

_DATE_TYPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear),
)
# Printable ASCII that an IRI allows as written; spaces, <>"{}|\^` and non-ASCII get
# percent-encoded so schema:url is always a valid IRI (existing %XX escapes are kept).
_URL_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '<>"{}|\\^`')


def date_literal(value: str) -> Literal:
    """``"2024-10-04"`` → xsd:date, ``"2024-10"`` → xsd:gYearMonth, ``"2024"`` → xsd:gYear."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.fullmatch(value):
            padded = (value + "-01-01")[:10]
            try:
                dt.date.fromisoformat(padded)
            except ValueError:
                break
            return Literal(value, datatype=datatype)
    raise GraphError(
        f"invalid date {value!r}; valid forms: YYYY-MM-DD, YYYY-MM or YYYY with a real "
        "month and day; fix the date normaliser (kg.dates) or drop the date",
        code="E404",
    )


def label_language(text: str) -> str:
    """``"en"`` for text whose letters are all Latin script (「EDSCG」, 「Kim Hong-kyun」), else ``"ja"``."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and all("LATIN" in unicodedata.name(ch, "") for ch in letters):
        return "en"
    return "ja"


def meeting_label(forum_label: str, ordinal: Optional[int], date: Optional[str]) -> str:
    """「第5回拡大抑止戦略協議体」 when numbered, else 「米韓首脳会談 2024-07-11」, else the forum."""
    if ordinal is not None:
        return f"第{ordinal}回{forum_label}"
    if date:
        return f"{forum_label} {date}"
    return forum_label


def evidence_iri(ev: Evidence) -> URIRef:
    """``id/evidence/{doc_id}-{start}-{end}``: one node per sentence span."""
    return iri("evidence", f"{ev.doc_id}-{ev.start}-{ev.end}")


def _confidence(value: float) -> Literal:
    if not 0.0 <= value <= 1.0:
        raise GraphError(
            f"confidence {value!r} is outside [0, 1]; clamp or rescale it in the "
            "extractor or resolver before building the graph",
            code="E405",
        )
    return Literal(Decimal(str(round(value, 3))))


def _url(url: str) -> URIRef:
    return URIRef(quote(url.strip(), safe=_URL_SAFE))


class _Mapper:
    """Writes one ResolvedGraph into ``self.g``; looks up slugs to catch dangling links."""

    def __init__(self, resolved: ResolvedGraph):
        self.g = Graph()
        bind_prefixes(self.g)
        self.people = {p.slug: p for p in resolved.people}
        self.institutions = {i.slug: i for i in resolved.institutions}
        self.forums = {f.slug: f for f in resolved.forums}
        self.meetings = {m.slug: m for m in resolved.meetings}
        self.documents = {d.doc_id for d in resolved.documents}
        self.country_records = {c.code: c for c in resolved.countries}
        self.countries_done: set[str] = set()

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def ref(self, table: dict, kind: str, slug: str, owner: str) -> URIRef:
        if slug not in table:
            raise GraphError(
                f"{owner} refers to {kind} {slug!r}, which is not in the resolved graph; "
                f"known {kind} slugs: {', '.join(sorted(table)[:5]) or 'none'}"
                f"{'...' if len(table) > 5 else ''}; fix the resolver so every link "
                "points at a resolved record",
                code="E403",
            )
        return iri(kind, slug)

    def country(self, code: str) -> URIRef:
        node = iri("country", code)
        if code not in self.countries_done:
            self.countries_done.add(code)
            c = self.country_record(code)
            self.add(node, RDF.type, KGO.Country)
            self.add(node, RDFS.label, Literal(c.label_ja, lang="ja"))
            self.add(node, RDFS.label, Literal(c.label_en, lang="en"))
            self.add(node, KGO.isoCode, Literal(c.code))
        return node

    def country_record(self, code: str):
        # A side or member code the resolver did not list still gets full labels.
        return self.country_records.get(code) or lexicon.country(code)

    def meeting_name(self, m: Meeting) -> str:
        # One display convention for every meeting (「第5回…」, a part after its meeting:
        # 「G7首脳会議 2023-05-19・アウトリーチ会合」); the resolver's own label, when
        # different, is kept as an alias by map_meeting.
        if m.part_of and m.part_of in self.meetings:
            return f"{self.meeting_name(self.meetings[m.part_of])}・{m.part}"
        return meeting_label(self.forums[m.forum].label, m.ordinal, m.date)

    def labels(self, node: URIRef, label: str, aliases: Iterable[str]) -> None:
        self.add(node, RDFS.label, Literal(label, lang="ja"))
        for alias in aliases:
            if alias and alias != label:
                self.add(node, SKOS.altLabel, Literal(alias, lang=label_language(alias)))

    def evidence(self, node: URIRef, evidence: Iterable[Evidence]) -> None:
        for ev in evidence:
            ev_node = evidence_iri(ev)
            self.add(node, KGO.evidence, ev_node)
            self.add(ev_node, RDF.type, KGO.Evidence)
            self.add(ev_node, RDF.type, NIF.OffsetBasedString)
            self.add(ev_node, KGO.document, self.document_node(ev.doc_id))
            self.add(ev_node, NIF.beginIndex, Literal(ev.start, datatype=XSD.nonNegativeInteger))
            self.add(ev_node, NIF.endIndex, Literal(ev.end, datatype=XSD.nonNegativeInteger))
            self.add(ev_node, NIF.anchorOf, Literal(ev.sentence))

    def document_node(self, doc_id: str) -> URIRef:
        node = iri("document", doc_id)
        if doc_id not in self.documents:
            # Evidence from a document the resolver did not list: keep it typed and named.
            self.documents.add(doc_id)
            self.add(node, RDF.type, KGO.Document)
            self.add(node, DCTERMS.identifier, Literal(doc_id))
            self.add(node, RDFS.label, Literal(doc_id))
        return node

    # -------------------------------------------------------------- one per record type

    def map_document(self, d: Document) -> None:
        node = iri("document", d.doc_id)
        self.add(node, RDF.type, KGO.Document)
        self.add(node, DCTERMS.identifier, Literal(d.doc_id))
        if d.title:
            lang = label_language(d.title)
            self.add(node, DCTERMS.title, Literal(d.title, lang=lang))
            self.add(node, RDFS.label, Literal(d.title, lang=lang))
        else:
            self.add(node, RDFS.label, Literal(d.doc_id))
        if d.published:
            self.add(node, DCTERMS.date, date_literal(d.published))
        if d.source:
            self.add(node, DCTERMS.source, Literal(d.source))
        if d.url:
            self.add(node, SCHEMA.url, _url(d.url))
        for term, value in d.metadata:  # dcterms:license / rights / creator / language
            is_link = term == "license" and value.startswith(("http://", "https://"))
            self.add(node, DCTERMS[term], _url(value) if is_link else Literal(value))

    def map_person(self, p: Person) -> None:
        node = iri("person", p.slug)
        self.add(node, RDF.type, KGO.Person)
        if p.is_official:
            self.add(node, RDF.type, KGO.Official)
        self.labels(node, p.label, p.aliases)
        for title in p.titles:
            self.add(node, KGO.title, Literal(title))
        for slug in p.institutions:
            self.add(node, KGO.serves, self.ref(self.institutions, "institution", slug, f"person {p.slug!r}"))
        if p.country:
            self.add(node, KGO.country, self.country(p.country))
        self.add(node, KGO.confidence, _confidence(p.confidence))
        if p.wikidata:
            self.add(node, OWL.sameAs, WIKIDATA[p.wikidata])
        self.evidence(node, p.evidence)

    def map_institution(self, i: Institution) -> None:
        node = iri("institution", i.slug)
        self.add(node, RDF.type, KGO.Institution)
        self.labels(node, i.label, i.aliases)
        if i.country:
            self.add(node, KGO.country, self.country(i.country))
        if i.kind:
            self.add(node, KGO.kind, Literal(i.kind))
        self.evidence(node, i.evidence)

    def map_forum(self, f: Forum) -> None:
        node = iri("forum", f.slug)
        self.add(node, RDF.type, KGO.Forum)
        self.labels(node, f.label, f.aliases)
        if f.acronym:
            self.add(node, KGO.acronym, Literal(f.acronym))
        if f.kind:
            self.add(node, KGO.kind, Literal(f.kind))
        for code in f.member_countries:
            self.add(node, KGO.memberCountry, self.country(code))

    def map_meeting(self, m: Meeting) -> None:
        node = iri("meeting", m.slug)
        forum_node = self.ref(self.forums, "forum", m.forum, f"meeting {m.slug!r}")
        self.add(node, RDF.type, KGO.Meeting)
        self.add(node, KGO.forum, forum_node)
        self.labels(node, self.meeting_name(m), (m.label,))
        if m.ordinal is not None:
            self.add(node, KGO.ordinal, Literal(m.ordinal, datatype=XSD.integer))
        if m.date:
            self.add(node, KGO.date, date_literal(m.date))
        if m.place:
            self.add(node, KGO.place, Literal(m.place))
        for code in m.participants:
            self.add(node, KGO.participant, self.country(code))
        if m.part_of:
            self.add(node, KGO.partOf, self.ref(self.meetings, "meeting", m.part_of, f"meeting {m.slug!r}"))
        self.add(node, KGO.status, Literal(m.status))
        self.add(node, KGO.confidence, _confidence(m.confidence))
        self.evidence(node, m.evidence)

    def map_representation(self, r: Representation) -> None:
        node = iri("representation", r.slug)
        owner = f"representation {r.slug!r}"
        person_node = self.ref(self.people, "person", r.person, owner)
        meeting_node = self.ref(self.meetings, "meeting", r.meeting, owner)
        self.add(node, RDF.type, KGO.Representation)
        self.add(node, KGO.official, person_node)
        self.add(node, KGO.side, self.country(r.side))
        self.add(node, KGO.meeting, meeting_node)
        self.add(person_node, KGO.attendedMeeting, meeting_node)
        label = (
            f"{self.people[r.person].label}（{self.country_record(r.side).label_ja}）"
            f"@{self.meeting_name(self.meetings[r.meeting])}"
        )
        self.add(node, RDFS.label, Literal(label, lang="ja"))
        if r.title:
            self.add(node, KGO.title, Literal(r.title))
        if r.institution:
            self.add(node, KGO.institution, self.ref(self.institutions, "institution", r.institution, owner))
        if r.head_of_delegation is not None:
            self.add(node, KGO.headOfDelegation, Literal(r.head_of_delegation))
        self.add(node, KGO.confidence, _confidence(r.confidence))
        for rule in r.rules:
            self.add(node, KGO.rule, Literal(rule))
        self.evidence(node, r.evidence)


def to_graph(resolved: ResolvedGraph) -> Graph:
    """Map every record of ``resolved`` onto the kgo vocabulary (see ontology/README.md).

    Raises ``GraphError`` (E403) for a link to a slug that is not in ``resolved``,
    (E404) for a malformed date and (E405) for a confidence outside [0, 1].
    """
    m = _Mapper(resolved)
    _map_records(m, resolved)
    return m.g


def _map_records(m: _Mapper, records: ResolvedGraph) -> None:
    for c in records.countries:
        m.country(c.code)
    for d in records.documents:
        m.map_document(d)
    for i in records.institutions:
        m.map_institution(i)
    for p in records.people:
        m.map_person(p)
    for f in records.forums:
        m.map_forum(f)
    for mt in records.meetings:
        m.map_meeting(mt)
    for r in records.representations:
        m.map_representation(r)


# ---------------------------------------------------------------- per partition


def context_of(resolved: ResolvedGraph) -> ResolvedGraph:
    """What mapping one record needs to know of all the others: every person, institution,
    forum and meeting without its evidence (labels, forums, dates, parts), the document
    ids and the countries; no representation. ``to_ntriples`` of a part of ``resolved``
    with this context gives the triples ``to_graph`` gives for that part."""
    def bare(records):  # records already without evidence (kg.scale.resolve_parts) are not copied
        return tuple(replace(r, evidence=()) if r.evidence else r for r in records)

    return ResolvedGraph(
        documents=tuple(Document(d.doc_id, None, None, None, None, "") for d in resolved.documents),
        countries=resolved.countries,
        people=bare(resolved.people),
        institutions=bare(resolved.institutions),
        forums=resolved.forums,
        meetings=bare(resolved.meetings),
    )


def to_ntriples(context: ResolvedGraph, part: ResolvedGraph) -> list[str]:
    """The triples of the records of ``part`` as sorted, unique N-Triples lines (no line
    ends), links and labels looked up in ``context`` (``context_of`` of the whole graph).

    The union of the lines of the parts of a graph is the set of triples of ``to_graph``
    (a country or document node named by several parts is written by each: merging
    drops the repeats), so ``merge_ntriples`` of the parts gives the same Turtle."""
    m = _Mapper(context)
    m.g = _Lines()
    _map_records(m, part)
    return sorted(m.g)


def evidence_ntriples(documents: Iterable[Document], evidence: Iterable[tuple[str, str, Iterable[Evidence]]],
                      doc_ids: Iterable[str]) -> list[str]:
    """The triples of ``documents`` and of the evidence of records, as sorted, unique
    N-Triples lines: ``evidence`` gives (kind, slug, evidence spans) of a record (a person,
    institution, meeting or representation), e.g. the spans of one mention and the record
    it was resolved into; ``doc_ids`` are the corpus' document ids (evidence from another
    document gets that document's node, as in ``to_graph``).

    Records mapped without their evidence (``to_ntriples``) plus these lines for every
    document and mention give the triples of ``to_graph`` (``kg.scale.resolve_parts``
    joins the evidence on the workers, the per-article facts never leaving them)."""
    m = _Mapper(ResolvedGraph())
    m.documents = set(doc_ids)
    m.g = _Lines()
    for d in documents:
        m.map_document(d)
    for kind, slug, spans in evidence:
        m.evidence(iri(kind, slug), spans)
    return sorted(m.g)


class _Lines(set):
    """Stands in for the mapper's graph when only N-Triples lines are wanted: each triple
    added is kept as the line rdflib's N-Triples serialiser writes for it (its own row
    function, without the line end), with no triple store behind it."""

    def add(self, triple) -> None:
        super().add(_nt_row(triple)[:-1])


def merge_ntriples(chunks: Iterable[list[str]]) -> Graph:
    """One graph from N-Triples chunks (``to_ntriples``), taken one at a time in any
    order: a graph is a set of triples, so a triple written by several chunks is one, and
    its Turtle (``kg.export``, triples sorted) is the same whatever the partition."""
    g = Graph()
    bind_prefixes(g)
    for chunk in chunks:
        g.addN((*triple_of_line(line), g) for line in chunk)
    return g


_ESCAPED = re.compile(r"\\(.)")
_UNESCAPE = {"\\": "\\", "n": "\n", '"': '"', "r": "\r"}


def triple_of_line(line: str) -> tuple[URIRef, URIRef, URIRef | Literal]:
    """The triple of one line written by rdflib's N-Triples serialiser for this graph (IRIs
    and literals only, no blank nodes: ``to_graph`` mints every node an IRI): the inverse of
    its escaping of backslash, double quote, line feed and carriage return; faster than
    rdflib's parser, and the same triples (the Dask test compares the Turtle bytes)."""
    s_end = line.index("> ")
    p_end = line.index("> ", s_end + 2)
    s, p, o = URIRef(line[1:s_end]), URIRef(line[s_end + 3:p_end]), line[p_end + 2:-2]
    if o.startswith("<"):
        return s, p, URIRef(o[1:-1])
    quote = o.rindex('"')
    lexical = _ESCAPED.sub(lambda m: _UNESCAPE[m.group(1)], o[1:quote])
    tail = o[quote + 1:]
    if tail.startswith("@"):
        return s, p, Literal(lexical, lang=tail[1:])
    if tail.startswith("^^<"):
        return s, p, Literal(lexical, datatype=URIRef(tail[3:-1]))
    return s, p, Literal(lexical)


def load_graph(ttl_path: Path | str) -> rdflib.Graph:
    """Parse a Turtle file (e.g. a built graph.ttl); raises GraphError E450 (missing) or E451 (not Turtle)."""
    path = Path(ttl_path)
    if not path.is_file():
        raise GraphError(
            f"graph file not found: {path}; give the graph.ttl written by `kg build`",
            code="E450",
        )
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as err:  # rdflib raises many unrelated types for bad syntax/encoding
        reason = " ".join(str(err).split())[:200]
        raise GraphError(
            f"{path} is not valid Turtle ({type(err).__name__}: {reason}); rebuild it with `kg build`",
            code="E451",
        ) from err
    return graph
