"""Plain records passed between pipeline stages.

ingest → ``Article``; nlp → ``ParsedBlock``; extract → ``DocumentFacts``;
resolve → ``ResolvedGraph``; rdf turns a ``ResolvedGraph`` into an rdflib Graph.

Every record is a frozen dataclass of plain values (str, int, float, bool, tuples)
so it pickles across processes and Dask workers and compares by value.
Offsets are always character offsets into ``Article.text`` (the text as loaded).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

# ---------------------------------------------------------------- ingest


@dataclass(frozen=True)
class Block:
    """One typed block of an article (``kg.structure``): where it is, what it is, and the
    heading or headline in whose scope it stands (its meeting is the block's meeting)."""

    start: int  # offsets into Article.text
    end: int
    kind: str  # headline | dateline | heading | roster | caption | body
    level: int = 0  # headings: 1 for 「1 …」, 2 for 「(1) …」, 0 unnumbered (「出席者」)
    scope: Optional[int] = None  # index in Article.blocks of the heading/headline above, or None


@dataclass(frozen=True)
class Article:
    """One decoded article: its full text, metadata and the spans kept as body."""

    doc_id: str  # file name stem, e.g. "000_94789be653804502"; unique in a corpus
    path: str  # the path it was read from, as given
    text: str  # full decoded text; every offset in the pipeline points into it
    body: tuple[tuple[int, int], ...]  # (start, end) of kept paragraphs, in order
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date "YYYY-MM-DD" (from the sidecar) or None
    url: Optional[str] = None
    source: Optional[str] = None
    encoding: str = "utf-8"  # encoding the file was decoded from
    sha256: str = ""  # hex digest of ``text`` (cache key, change detection)
    warnings: tuple[str, ...] = ()  # one-line notes from loading (bad sidecar, truncated UTF-8, ...)
    # the typed blocks (kg.structure); () when the article was made without ingest: then
    # every body span is plain body
    blocks: tuple[Block, ...] = ()
    # (Dublin Core term, value) from the sidecar's other meaningful keys, e.g.
    # ("license", "CC BY 4.0"), ("rights", ...), ("creator", ...), ("language", "ja"); sorted by term
    metadata: tuple[tuple[str, str], ...] = ()

    def block_at(self, start: int) -> Optional[Block]:
        """The typed block that holds the offset ``start`` (None without blocks or outside them)."""
        return next((b for b in self.blocks if b.start <= start < b.end), None)

    def body_blocks(self) -> list[tuple[int, str]]:
        """(start offset, text) of every body span."""
        return [(s, self.text[s:e]) for s, e in self.body]


@dataclass(frozen=True)
class SkippedFile:
    """A file that could not be read as an article."""

    path: str
    reason: str  # one line, e.g. "binary file (NUL bytes)"
    code: str = ""  # error code, e.g. "E101"


# ---------------------------------------------------------------- extract


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: a sentence of one document."""

    doc_id: str
    start: int  # offset into Article.text
    end: int  # exclusive; Article.text[start:end] == sentence
    sentence: str


@dataclass(frozen=True)
class PersonMention:
    """A person as found in one article (all its mentions in that article merged)."""

    key: str  # local to the document, e.g. "p1"
    name: str  # fullest form written in the article
    aliases: tuple[str, ...] = ()  # readings, romanisations, other full spellings
    short_forms: tuple[str, ...] = ()  # 「金次官」-style back-references seen (not labels)
    title: Optional[str] = None  # as written, e.g. "第1次官"
    institution: Optional[str] = None  # institution name as written, e.g. "外交部"
    country: Optional[str] = None  # ISO 3166-1 alpha-2 (or "NATO", "UN", ...)
    is_official: bool = False  # holds a public post
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class InstitutionMention:
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    country: Optional[str] = None
    kind: Optional[str] = None  # ministry, office, military, think_tank, intl_org, ...
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class MeetingMention:
    """One meeting (session of a forum, or a one-off) reported in one article."""

    key: str
    forum: str  # forum / series name as written (fullest form), e.g. "拡大抑止戦略協議体"
    forum_aliases: tuple[str, ...] = ()  # other spellings seen
    acronym: Optional[str] = None  # e.g. "EDSCG"
    kind: Optional[str] = None  # forum, summit, two_plus_two, ministerial, vice_ministerial, ...
    ordinal: Optional[int] = None
    date: Optional[str] = None  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY"
    place: Optional[str] = None
    countries: tuple[str, ...] = ()  # ISO codes of the participating sides
    status: str = "held"  # held | planned | mentioned
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0
    # named as another session than the one reported: "recent" (「先般の首脳会合」: held shortly
    # before the report), "other" (「前回の…」「次回の…」); "" for the session being reported
    other_session: str = ""


@dataclass(frozen=True)
class RepresentationFact:
    """Person ``person`` took part in meeting ``meeting`` on behalf of side ``side``."""

    person: str  # PersonMention.key
    meeting: str  # MeetingMention.key
    side: str  # ISO code of the side represented
    title: Optional[str] = None
    institution: Optional[str] = None
    head_of_delegation: Optional[bool] = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0
    rule: str = ""  # the construction that found it first (kg.extract.frames.RULES; measured in rule_confidence.tsv)


@dataclass(frozen=True)
class DocumentFacts:
    """Everything extracted from one article; a pure function of that article."""

    article: Article
    people: tuple[PersonMention, ...] = ()
    institutions: tuple[InstitutionMention, ...] = ()
    meetings: tuple[MeetingMention, ...] = ()
    representations: tuple[RepresentationFact, ...] = ()


# ---------------------------------------------------------------- resolve
# Resolved entities carry a stable ``slug`` derived from canonical names (never from
# run order); rdf turns slugs into IRIs.


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, or an organisation acronym ("NATO", "UN", "EU")
    label_ja: str
    label_en: str


@dataclass(frozen=True)
class Document:
    doc_id: str
    title: Optional[str]
    published: Optional[str]
    url: Optional[str]
    source: Optional[str]
    path: str
    sha256: str = ""
    metadata: tuple[tuple[str, str], ...] = ()  # Article.metadata


@dataclass(frozen=True)
class Person:
    slug: str
    label: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()  # Institution slugs
    country: Optional[str] = None
    is_official: bool = False
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0
    wikidata: Optional[str] = None  # Wikidata item (Q...) of the reference official it is


@dataclass(frozen=True)
class Institution:
    slug: str
    label: str
    aliases: tuple[str, ...] = ()
    country: Optional[str] = None
    kind: Optional[str] = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Forum:
    slug: str
    label: str
    aliases: tuple[str, ...] = ()
    acronym: Optional[str] = None
    kind: Optional[str] = None
    member_countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Meeting:
    slug: str
    forum: str  # Forum slug
    label: str
    ordinal: Optional[int] = None
    date: Optional[str] = None
    place: Optional[str] = None
    participants: tuple[str, ...] = ()  # country codes
    status: str = "held"
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0
    part_of: Optional[str] = None  # Meeting slug of the meeting this session is part of
    part: Optional[str] = None  # what part it is (拡大会合, アウトリーチ会合), when part_of is set


@dataclass(frozen=True)
class Representation:
    slug: str
    person: str  # Person slug
    meeting: str  # Meeting slug
    side: str  # country code
    title: Optional[str] = None
    institution: Optional[str] = None  # Institution slug
    head_of_delegation: Optional[bool] = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0
    rules: tuple[str, ...] = ()  # the constructions that found it, sorted (kgo:rule)


@dataclass(frozen=True)
class ResolvedGraph:
    """The corpus after resolution: one record per real-world entity."""

    documents: tuple[Document, ...] = ()
    countries: tuple[Country, ...] = ()
    people: tuple[Person, ...] = ()
    institutions: tuple[Institution, ...] = ()
    forums: tuple[Forum, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    representations: tuple[Representation, ...] = ()
    skipped: tuple[SkippedFile, ...] = field(default=())
