"""The state one article's extraction builds up: people, their mentions, meetings, representations.

Every stage of ``kg.extract`` reads or writes these records; this module imports no stage
(only the sentence records), so stages import it rather than each other. Passes that fill
the state live in the stage modules and ``document``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from spacy.tokens import Doc

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.dates import date_line, english_scene_date
from kg.records import Article, Evidence, RepresentationFact
from kg.extract.sentences import Sentence, article_sentences


@dataclass
class Person:
    """A person as the extractor builds it up across the article."""
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    short_forms: list[str] = field(default_factory=list)
    title: Optional[str] = None
    title_kind: Optional[str] = None
    institution: Optional[str] = None
    country: Optional[str] = None
    country_source: str = ""
    official: bool = False
    former: bool = False
    japanese_name: bool = False  # written 姓+名 in the Japanese way (山田一郎)
    described: Optional[str] = None  # 「中国外交トップの」 → 外交トップ (a role written before the name)
    evidence: list[Evidence] = field(default_factory=list)

    def spellings(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class PersonRef:
    """One mention of a person in one sentence."""

    person: Person
    mention: DomainMention
    sentence: Sentence


@dataclass
class Meeting:
    """A meeting as the extractor builds it up across the article."""
    key: str
    forum: str
    identity: str
    aliases: list[str] = field(default_factory=list)
    acronym: Optional[str] = None
    kind: Optional[str] = None
    ordinal: Optional[int] = None
    other_session: bool = False  # named as another session (「前回の…」「次回の…」): later mentions do not join it
    session_step: int = 0  # -1 for the session before the one told (「前回の…」), +1 for the next (「次回の…」)
    recent: bool = False  # another session held shortly before the report (「先般の…」)
    date: Optional[str] = None
    place: Optional[str] = None
    countries: list[str] = field(default_factory=list)
    status: str = "mentioned"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.8
    countries_from_text: bool = False  # the text names the sides (not only the people's countries)
    parent: Optional["Meeting"] = None  # the meeting this one is a session of (少人数会合 of a 首脳会談)
    anonymous_partner: bool = False  # talks with a partner written by post alone (「各国の大使等と会談」)


class Extraction:
    """The state of one article's extraction: its sentences, the meetings and representations found so far."""

    def __init__(self, article: Article, docs: list[Doc]):
        self.article = article
        self.doc_id = article.doc_id
        # the day relative dates count from: the publication date; on a page without one (and
        # without datelines of its own), the day its English photo caption gives the scene
        self.published = article.published or (
            None if any(b.kind == "dateline" for b in article.blocks) else english_scene_date(article.text)
        )
        self.sentences = article_sentences(article, docs)
        self.meetings: list[Meeting] = []
        self.meeting_at: dict[tuple[int, int], Meeting] = {}  # (sentence, mention start) → meeting
        self.current: dict[int, Optional[Meeting]] = {}  # sentence → latest held meeting so far
        self.day: dict[int, Optional[str]] = {}  # sentence → the day 「この日」 refers to
        self.representations: dict[tuple[str, str, str], RepresentationFact] = {}
        self.hearings: set[tuple[int, int]] = set()  # (sentence, start) of parliamentary sessions
        self.home: Optional[str] = None  # the country the article is written from (set by the people pass)
        self._refs: list[PersonRef] = []  # every person mention (set by the people pass)
        self.quoted_refs: list[PersonRef] = []  # partners of talks named in quoted speech (ditto)
        self._refs_by_sentence: Optional[dict[int, list[PersonRef]]] = None  # id(sentence) → its refs
        self.section_meetings: dict[int, Meeting] = {}  # heading block → the session/meal it reports
        self._own_names: dict[tuple[str, tuple[str, ...]], Optional[str]] = {}  # (phrase, countries) → own_name

    def published_at(self, sentence: Sentence) -> Optional[str]:
        """The date relative days of ``sentence`` count from: the dateline the sentence stands
        under (a listing page: 「2030.05.04」 above each item; a release reproduced on a page of
        a later day, under its own date line), else the publication date."""
        above = [day for end, day in self.date_lines if end <= sentence.start]
        written = above[-1] if above else None
        if self.published and (not written or len(written) < 10 or written > self.published):
            return self.published  # (a date line after the page's own day is no writing date)
        return written or self.published

    def refs_in(self, sentence: Sentence) -> list[PersonRef]:
        if self._refs_by_sentence is None:  # grouped on first use (the refs are final by then), not filtered per call
            self._refs_by_sentence = {}
            for r in self._refs:
                self._refs_by_sentence.setdefault(id(r.sentence), []).append(r)
        return list(self._refs_by_sentence.get(id(sentence), ()))

    def sentence_meetings(self, sentence: Sentence) -> list[tuple[DomainMention, Meeting]]:
        return [
            (m, self.meeting_at[(sentence.index, m.start)])
            for m in sentence.mentions
            if m.label == "MEETING" and (sentence.index, m.start) in self.meeting_at
        ]

    @cached_property
    def date_lines(self) -> list[tuple[int, Optional[str]]]:
        """(end, day) of the page's date lines, in order: its dateline blocks, and a listing's date
        line kept as the head of its item (「2030年5月4日(月)」, a short block that is only a date)."""
        text, found = self.article.text, []
        for b in self.article.blocks:
            if b.kind == "dateline" or (b.end - b.start <= 20 and date_line(text[b.start : b.end])):
                found.append((b.end, date_line(text[b.start : b.end])))
        return found

    @cached_property
    def country_words(self) -> set[str]:
        """Countries of the article's country words that do not name a place (read once:
        sentences and their mentions are fixed, and talks ask per predicate)."""
        found: set[str] = set()
        for other in self.sentences:
            for m in other.mentions:
                # 「インドネシアの首都ジャカルタ」「韓国・ソウル」 name a place, not a party
                after = doc_text(other.doc)[m.end : m.end + 8]
                if m.label == "COUNTRY" and not lexicon.construction_pattern("place_after_country").match(after):
                    found |= set(m.codes)
        return found
