"""Sentences of an article: their records and bounds, quoted speech, parentheses, text normalisation."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Optional

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.records import Article, Evidence


_MAX_BRACKET = 300  # characters a quote or parenthesis may span inside one sentence


@lru_cache(maxsize=1 << 16)  # person matching normalises every spelling of every earlier person per mention
def norm(text: str) -> str:
    """``text`` for matching: NFKC, without spaces and name separators (・ =)."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s・･=＝]", "", text)


class _QuotedSpeech:
    """The quoted speech of one Doc, indexed once for the questions every sentence asks:
    is a span inside a quote, and the text with quotes blanked out."""

    def __init__(self, quotes: list[tuple[int, int]], text: str):
        self.spans = quotes
        ordered = sorted(quotes)
        self._starts = [qs for qs, _ in ordered]
        self._reach = list(accumulate((qe for _, qe in ordered), max))  # furthest end so far
        depth = [0] * (len(text) + 1)
        for qs, qe in quotes:
            depth[qs] += 1
            depth[qe] -= 1
        self.blanked = "".join("＿" if inside else ch for ch, inside in zip(text, accumulate(depth)))

    def __iter__(self):
        return iter(self.spans)

    def covers(self, start: int, end: int) -> bool:
        """Whether one quote holds ``start``..``end``."""
        k = bisect_right(self._starts, start)
        return k > 0 and self._reach[k - 1] >= end


@dataclass
class Sentence:
    """One sentence of an article: its Doc, offsets, mentions and quoted speech."""
    index: int
    block: int
    doc: Doc
    span: Span
    start: int  # offset in the article
    end: int
    mentions: list[DomainMention]  # offsets relative to the doc
    quotes: _QuotedSpeech  # doc offsets of quoted speech
    written: str = ""  # the sentence as the article writes it (the parse saw it normalised)
    kind: str = "body"  # the kind of its typed block (kg.structure): body, heading, roster, caption
    section: Optional[int] = None  # index in Article.blocks of its own block (None without blocks)

    @property
    def text(self) -> str:
        return self.span.text

    def evidence(self, doc_id: str) -> Evidence:
        return Evidence(doc_id=doc_id, start=self.start, end=self.end, sentence=self.written or self.span.text)

    def quoted(self, start: int, end: int) -> bool:
        return self.quotes.covers(start, end)

    def unquoted_text(self) -> str:
        """The sentence with quoted speech blanked out (offsets preserved)."""
        return self.quotes.blanked[self.span.start_char : self.span.end_char]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text``: cut after 。！？ and at newlines, never
    inside brackets or quotes (GiNZA's parser-made boundaries split long sentences)."""
    bounds: list[tuple[int, int]] = []
    depth = opened = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "「『（(“【":
            depth += 1
            opened = i
        elif ch in "」』）)”】":
            depth = max(0, depth - 1)
        if depth and i - opened > _MAX_BRACKET:
            depth = 0  # a bracket never closed (scraped text) must not swallow the block
        if ch == "\n" or (depth == 0 and ch in "。！？!?"):
            end = i + 1 if ch != "\n" else i
            bounds.append((start, end))
            start = i + 1
            depth = 0 if ch == "\n" else depth
    bounds.append((start, len(text)))
    tight = []
    for s, e in bounds:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            tight.append((s + lead, s + trail))
    return tight


def article_sentences(article: Article, docs: list[Doc]) -> list[Sentence]:
    """The sentences of an article, over its parsed body blocks, each with its own mentions."""
    sentences: list[Sentence] = []
    for block, ((block_start, _), doc) in enumerate(zip(article.body, docs)):
        typed = article.block_at(block_start)
        mentions = list(getattr(doc._, "kg_mentions", ()) or ())
        quotes = _QuotedSpeech([(m.start, m.end) for m in mentions if m.label == "QUOTE"], doc_text(doc))
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)  # a sentence reads only its own
        starts = [mentions[i].start for i in order]
        for s, e in sentence_bounds(doc_text(doc)):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            own = sorted(order[bisect_left(starts, span.start_char) : bisect_left(starts, span.end_char)])
            inside = [mentions[i] for i in own if mentions[i].label != "QUOTE"]
            sentences.append(
                Sentence(
                    index=len(sentences),
                    block=block,
                    doc=doc,
                    span=span,
                    start=block_start + span.start_char,
                    end=block_start + span.end_char,
                    mentions=inside,
                    quotes=quotes,
                    written=article.text[block_start + span.start_char : block_start + span.end_char],
                    kind=typed.kind if typed is not None else "body",
                    section=article.blocks.index(typed) if typed is not None else None,
                )
            )
    return sentences


def facts_bracket(sentence: "Sentence", end: int) -> Optional[tuple[int, int]]:
    """「日英次官協議の開催(2月26日、ロンドン、AとB)」: the bracket right after a meeting (maybe after a
    held tail, ``facts_bracket_tail``: の開催) that opens with a date and a 読点 holds the facts of
    the item — its day, its place, its people. (start, end) doc offsets of what it holds, or None."""
    text = doc_text(sentence.doc)
    tails = "|".join(re.escape(t) for t in sorted(lexicon.cues("facts_bracket_tail"), key=len, reverse=True))
    opened = re.compile(rf"(?:{tails})?[(（]").match(text, end)
    if opened is None:
        return None
    inner = opened.end()
    date = next((m for m in sentence.mentions if m.label == "DATE" and m.start == inner), None)
    close = text.find("）" if text[opened.end() - 1] == "（" else ")", inner)
    if date is None or close < 0 or text[date.end : date.end + 1] not in ("、", ",", "，") or "(" in text[inner:close] or "（" in text[inner:close]:
        return None
    return inner, close


def in_parentheses(text: str, start: int) -> bool:
    """Whether ``start`` is inside a parenthesis: 「18日午前(日本時間19日未明)」."""
    opens, closes = _parenthesis_offsets(text)
    opened = opens[bisect_left(opens, start) - 1] if bisect_left(opens, start) else -1
    closed = closes[bisect_left(closes, start) - 1] if bisect_left(closes, start) else -1
    return opened > closed


@lru_cache(maxsize=4)
def _parenthesis_offsets(text: str) -> tuple[list[int], list[int]]:
    # offsets of every opening and closing parenthesis, so that the last one before an
    # offset is a bisection, not a search back through the block per date
    return [i for i, ch in enumerate(text) if ch in "(（"], [i for i, ch in enumerate(text) if ch in ")）"]


# 「1 」「(2)」「一、」 before a heading's words
_NUMBERING = re.compile(r"^\s*(?:[(][0-9]{1,2}[)]|[0-9]{1,2}|[一二三四五六七八九十]{1,3})[.、]?\s*")


def heading_words(text: str) -> str:
    """A heading's words without its numbering and brackets: 「2 首脳夕食会」 → 首脳夕食会."""
    return _NUMBERING.sub("", unicodedata.normalize("NFKC", text)).strip(" ()【】[]")
