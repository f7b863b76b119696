"""The domain layer on top of GiNZA: countries, institutions, titles, people, forums, meetings.

GiNZA's ENE labels are noisy on security-diplomacy news (a forum comes out as a City, a
research institute as a Person, 「<katakana name>国家安保室」 as one Person). The component
``kg_domain`` re-reads every nominal chunk (a run of nouns, numbers and affixes, with
parenthesised readings) against the lexicons in ``kg/data`` and assigns:

- ``doc._.kg_mentions``: a tuple of :class:`DomainMention` (exact character offsets, typed
  attributes) — what ``kg.extract`` reads;
- ``doc.spans["kg"]``: the same mentions as token spans (label = type), for display and for
  spaCy users; they override GiNZA's ENE types for KG purposes.

Types: COUNTRY, INSTITUTION, TITLE, PERSON, MEETING, SIDE, DATE, QUOTE.
"""
from __future__ import annotations

import re
import unicodedata
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg import lexicon
from kg.dates import find_dates

COMPONENT_NAME = "kg_domain"
SPAN_KEY = "kg"

_KATAKANA = re.compile(r"^[\u30A0-\u30FF\uFF66-\uFF9F]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z.\-']*$")
_INITIAL = re.compile(r"[A-ZＡ-Ｚ]\.?")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9+&\-]{1,9}$")
_KANJI = re.compile(r"^[\u4E00-\u9FFF\u3400-\u4DBF]+$")
_HIRAGANA_WORD = re.compile(r"[\u3041-\u309F]+")
_DIGITS = re.compile(r"^[0-9０-９]+$")
_COUNTRY_COUNTER = lexicon.construction_pattern("country_counter")
_COUNTED_COUNTRIES = lexicon.construction_pattern("counted_countries")
_NAME_JOINERS = {"・", "＝", "=", "･"}
_COUNTRY_JOINERS = {"・", "･"}  # 「日・ペルー」
_INNER_PAREN = re.compile(r"^([^()（）]*)([(（][^()（）]+[)）])([^()（）]*)$")
_PORTFOLIO = re.compile("(?:" + "|".join(map(re.escape, lexicon.post_grammar().portfolio)) + ")$")
# Japanese papers give Korean names a katakana reading (朴正浩(パク・ジョンホ)), never Japanese ones
_KATAKANA_READING = re.compile(r"[\u30A0-\u30FF][\u30A0-\u30FF・＝= ]*")
_HIRAGANA_READING = re.compile(r"^[\u3041-\u309F・ ]+$")
_OPEN, _CLOSE = "(（", ")）"
_QUOTE_PAIRS = {"「": "」", "『": "』", "“": "”"}
# ENE types that say a katakana word is a place or an organisation, not a person.
_NOT_PERSON_ENE = {
    "Country", "City", "Province", "GPE_Other", "Continental_Region", "Domestic_Region",
    "Corporation_Other", "Company", "Organization_Other", "International_Organization",
    "Government", "Military", "Political_Party", "Facility_Other", "Product_Other",
}
# Posts held by national officials: a word before them is a name even if ENE calls it a
# place (スミス国務副長官); before 市長/支局長 a place stays a place.
_NATIONAL_TITLE_KINDS = {"head", "minister", "vice_minister", "spokesperson", "diplomat", "military"}
_PLACE_ENE = {"Country", "City", "Province", "GPE_Other", "Continental_Region", "Domestic_Region", "County"}
# Kanji numerals and quantifiers: one of them before a post counts holders (三外相, 両首脳).
_COUNT_CHARACTERS = frozenset(lexicon.construction_words("count_character"))
# ENE types that say a common noun before a post is part of the post, a place or a body.
_NOT_NAME_ENE = _NOT_PERSON_ENE | {"Position_Vocation", "Occasion_Other", "Timex_Other", "Date", "Ordinal_Number"}
# Heads that make a parenthesised acronym name a forum (「…協議体(EDSCG)」).
_FORUM_HEADS = lexicon.construction_words("forum_head")
# Institution-suffix characters that also start a 〜長 title (国家情報院長 → 国家情報院 + 長).
# (post_grammar.tsv: head_of, head_of_suffix, head_of_unit)
_HEAD_OF = lexicon.post_grammar().head_of
_HEAD_OF_INSTITUTION = next(lexicon.TitleEntry(word=w, kind=k, official=True) for w, k in _HEAD_OF.items())
_HEAD_OF_SUFFIXES = lexicon.post_grammar().head_of_suffixes


@dataclass(frozen=True)
class DomainMention:
    """One recognised thing in a parsed text: type, exact character offsets, attributes."""

    label: str
    start: int
    end: int
    text: str
    # PERSON
    name: Optional[str] = None
    name_end: Optional[int] = None  # where the name ends (before the title)
    name_origin: Optional[str] = None  # "ja" for a Japanese-style 姓+名
    title: Optional[str] = None
    title_kind: Optional[str] = None
    title_country: bool = False  # the country is the post's (国務長官 → US), not one written
    official: bool = False
    former: bool = False
    short: bool = False  # a short form pointing back at someone named before
    untitled: bool = False
    institution: Optional[str] = None
    weak_country: Optional[str] = None  # a default that any written country overrides
    described: Optional[str] = None  # 「中国外交トップの」: the description standing for a post
    # PERSON, INSTITUTION
    country: Optional[str] = None
    # COUNTRY, SIDE: ISO codes in the order written (日米 → JP, US)
    codes: tuple[str, ...] = ()
    weak: bool = False  # 「米側から」 without は
    # INSTITUTION, MEETING, TITLE
    kind: Optional[str] = None
    # MEETING
    forum: Optional[str] = None
    acronym: Optional[str] = None
    countries: tuple[str, ...] = ()
    ordinal: Optional[int] = None
    known: bool = False  # the forum is in the forums lexicon
    has_kind: bool = False  # a kind word (会議, 会談) is written
    generic: bool = False  # a bare kind word (「会談」) naming no forum
    phrase: Optional[str] = None  # a generic mention's kind word
    other_names: tuple[str, ...] = ()
    # PERSON, MEETING
    aliases: tuple[str, ...] = ()
    # DATE
    expression: Optional[str] = None

    def shifted(self, offset: int) -> "DomainMention":
        """The same mention with offsets moved by ``offset`` (joining split parses)."""
        return replace(self, start=self.start + offset, end=self.end + offset)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


_SEQUENCE_FIELDS = frozenset(f.name for f in fields(DomainMention) if f.type == "tuple[str, ...]")


def _attrs(**values) -> dict:
    """The fields of a mention from ``values``: empty values (None, "", ()) leave the default,
    and a sequence keeps only its non-empty items."""
    found = {}
    for key, value in values.items():
        if key in _SEQUENCE_FIELDS:
            value = tuple(v for v in value if v)
        if value in (None, "", ()):
            continue
        found[key] = int(_nfkc(value)) if key == "ordinal" else value
    return found


# spaCy's Doc.text joins every token on each read; a Doc's text never changes, so it is
# joined once per Doc (weak keys: the entry goes with the Doc).
_DOC_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: read the text through this in any loop (reading
    ``doc.text`` per chunk or mention makes one long block cost quadratic time)."""
    text = _DOC_TEXTS.get(doc)
    if text is None:
        text = _DOC_TEXTS[doc] = doc.text
    return text


# ---------------------------------------------------------------- pieces of a chunk


@dataclass
class _Piece:
    text: str
    start: int
    end: int
    token: int  # index of the token it comes from
    kind: str = ""  # COUNTRY INST TITLE MOD PREFIX FORUM KIND ORD PAREN JOIN NAME OTHER
    value: str = ""  # country codes, title kind, forum name ...
    group: int = -1  # pieces matched together share a group id
    match: str = ""  # the whole lexicon entry a matched piece belongs to
    token_tag: str = ""  # the Sudachi tag of the token it comes from


def _is_nominal(token) -> bool:
    tag = token.tag_
    if token.text in _NAME_JOINERS or token.text in ("+", "＋", "&"):
        return True
    if token.pos_ in ("NOUN", "PROPN", "NUM"):
        return True
    return tag.startswith("接頭辞") or tag.startswith("接尾辞") or tag.startswith("名詞")


def _in_chunk(doc: Doc, i: int) -> bool:
    """A noun-like token; an adjectival noun (人的) too when a noun or 「・」 follows."""
    if _is_nominal(doc[i]):
        return True
    if (
        _KATAKANA.match(doc[i].text) and i + 2 < len(doc) and doc[i + 1].text in _NAME_JOINERS
        and _KATAKANA.match(doc[i + 2].text) and _is_nominal(doc[i + 2])
    ):
        return True  # 「ニャン・ウイン」: a katakana name part Sudachi read as an adverb
    if (
        _KATAKANA.match(doc[i].text) and len(doc[i].text) >= 2 and i + 2 < len(doc)
        and len(doc[i + 1].text) == 1 and doc[i + 1].text in lexicon.country_forms()
        and doc_text(doc).startswith(_title_words(), doc[i + 2].idx) and (i == 0 or not _KATAKANA.match(doc[i - 1].text))
    ):
        return True  # 「キーン米国防長官」: a katakana surname read as an adverb before a country and a post
    return doc[i].tag_.startswith("形状詞") and i + 1 < len(doc) and _is_nominal(doc[i + 1])


def _space_between_name_and_post(doc: Doc, i: int) -> bool:
    """「山川一郎　外務大臣」 (a list column): one blank between a personal name and the common
    noun that opens its post joins them, like 「・」 in 「山川一郎・外務大臣」."""
    return (
        0 < i < len(doc) - 1 and not doc[i].text.strip() and not any(c in doc[i].text for c in "\t\n")
        # (a longer run: a gloss blanked by kg.normalise, 「A(John A) 国務次官補」, unless the post
        # opens the next column, 「A  局長 B」)
        and (len(doc[i].text) == 1 or not _opens_post_name_column(doc, i))
        and ("人名" in doc[i - 1].tag_ or _after_name_reading(doc, i)
             or (i >= 3 and doc[i - 2].text in _NAME_JOINERS and _looks_like_name(doc[i - 1], doc[i - 1].text)
                 and "人名" in doc[i - 3].tag_))
        and _is_nominal(doc[i + 1])
        # (a proper noun opens no post, unless it is a post's region word: 「A　アジア大洋州局長」)
        and ("固有名詞" not in doc[i + 1].tag_ or doc_text(doc).startswith(_post_modifiers(), doc[i + 1].idx))
        and doc[i + 1].text.strip() != ""
    )


@lru_cache(maxsize=1)
def _post_modifiers() -> tuple[str, ...]:
    return tuple(sorted((m for m in lexicon.post_grammar().modifiers if len(m) >= 2), key=len, reverse=True))


def _name_then_last_post_cell(doc: Doc, i: int) -> bool:
    """「B<TAB>防衛政策局次長」「C・D　　対外行動庁…局長」 (a table row of NAME then POST columns): a
    tab or a run of blanks between a personal name and the row's last cell joins them when that
    cell is a post (it ends in a title, maybe with a portfolio in brackets: 「外務審議官(政務)」).
    A row going on after the post (「局長<TAB>A<TAB>米国<TAB>…」) has more cells: no join."""
    if i == 0 or i + 1 >= len(doc) or doc[i].text.strip() or "\n" in doc[i].text:
        return False
    if not _looks_like_name(doc[i - 1], doc[i - 1].text) and not _after_name_reading(doc, i):
        return False
    line = doc_text(doc)[doc[i + 1].idx :].split("\n", 1)[0].rstrip()
    if not line or re.search(r"\t|\s{2,}", line):
        return False
    cell = re.sub(r"[(][^()]*[)]$", "", unicodedata.normalize("NFKC", line)).strip()
    return cell.endswith(_title_words())


@lru_cache(maxsize=1)
def _title_words() -> tuple[str, ...]:
    return tuple(sorted(lexicon.titles(), key=len, reverse=True))


def _after_name_reading(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a name's reading in brackets (「孔亦然（コン・イーラン）」):
    katakana with 「・」 between surname and given name."""
    text = doc_text(doc)
    end = doc[i].idx
    if end == 0 or text[end - 1] not in "）)":
        return False
    start = max(text.rfind("（", 0, end), text.rfind("(", 0, end))
    return start >= 0 and _full_name_reading(text[start + 1 : end - 1])


def _full_name_reading(reading: str) -> bool:
    """A katakana reading of a full name: surname and given name joined by 「・」."""
    reading = reading.replace(" ", "")
    return "・" in reading and bool(_KATAKANA_READING.fullmatch(reading))


def _is_tab(token) -> bool:
    """A token of white space holding a tab: a cell boundary of a table row."""
    return "\t" in token.text and not token.text.strip()


def _opens_post_name_column(doc: Doc, i: int, limit: int = 24) -> bool:
    """「局長　北条一郎　　部長　森二郎」: a run of blanks (two or more) before a post written in the
    POST-blank-NAME order of a roster column (a common noun, one blank, a personal name) opens
    the next column; the post is the following name's, not the previous name's."""
    if doc[i].text.strip() or len(doc[i].text) < 2 or "\t" in doc[i].text:
        return False
    blanks, start = 0, i + 1
    for j in range(i + 1, min(len(doc) - 1, i + 1 + limit)):
        token = doc[j]
        if not token.text.strip():
            if len(token.text) != 1 or j == start or (blanks and not _is_rank(doc[start:j].text)):
                return False
            if "人名" in doc[j + 1].tag_:
                return True
            blanks, start = blanks + 1, j + 1  # 「防衛駐在官　1等空佐　A」: a rank may stand between
            if blanks > 1:
                return False
        elif not (_is_nominal(token) or token.like_num) or "人名" in token.tag_:
            return False
    return False


def _quote_fills_bracket(doc: Doc, open_at: int, k: int) -> bool:
    """「(「2+2」)」, 「(日米「2+2」)」: a quoted name that ends the bracket, alone or after a short
    qualifier without punctuation (the meeting's other name)."""
    if doc[k].text == "「":
        if k == open_at + 1:
            return True
        lead = doc[open_at + 1 : k]
        if len(lead) > 3 or any(t.is_punct or t.text in _OPEN + _CLOSE for t in lead):
            return False
        close = next((j for j in range(k + 1, min(k + 10, len(doc))) if doc[j].text == "」"), None)
        return close is not None and close + 1 < len(doc) and doc[close + 1].text in _CLOSE
    return doc[k].text == "」" and k + 1 < len(doc) and doc[k + 1].text in _CLOSE and any(
        doc[j].text == "「" and _quote_fills_bracket(doc, open_at, j) for j in range(open_at + 1, k)
    )


def _chunks(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of nominal chunks; a parenthesised group right after a noun joins it."""
    chunks: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if not _in_chunk(doc, i) or doc[i].text in _NAME_JOINERS or _is_tab(doc[i]):
            i += 1
            continue
        start = i
        while i < n:
            if i > start and _name_then_last_post_cell(doc, i):
                i += 1
                continue
            if _is_tab(doc[i]) or (i > start and _opens_post_name_column(doc, i)):
                break  # a tab separates the cells of a table row (「日本<TAB>局長<TAB>A」), never a name's parts
            if _in_chunk(doc, i) or (i > start and _space_between_name_and_post(doc, i)):
                i += 1
                continue
            if doc[i].text in _OPEN and i > start:
                close = i + 1
                # (「（統幕長：A陸将）」: a label and colon inside make a note of its own, read as text)
                while close < n and doc[close].text not in _CLOSE and close - i <= 20 and (
                    doc[close].text not in "、。「」:：" or _quote_fills_bracket(doc, i, close)
                ):
                    close += 1
                if close < n and doc[close].text in _CLOSE:
                    i = close + 1
                    continue
            break
        start = _name_before_reading_start(doc, start, i)
        while chunks and chunks[-1][0] >= start:
            chunks.pop()
        chunks.append((start, i))
    return chunks


def _name_before_reading_start(doc: Doc, start: int, end: int) -> int:
    """「孔亦然（コン・イーラン）」: kanji before a name's reading in brackets are the name, however
    the tagger cut them (an adverb or a verb inside a Chinese name); the chunk opens at the first
    of them (at most four kanji written together)."""
    run = start
    while run < end and _KANJI.match(doc[run].text):
        run += 1
    if run == start or run >= end or doc[run].text not in _OPEN or not _after_name_reading_at(doc, run):
        return start
    first = start
    while first - 1 >= 0 and _KANJI.match(doc[first - 1].text) and doc[first - 1].idx + len(doc[first - 1].text) == doc[first].idx:
        first -= 1
    length = doc[run].idx - doc[first].idx
    return first if 2 <= length <= 4 else start


def _after_name_reading_at(doc: Doc, i: int) -> bool:
    """Whether the bracket opening at token ``i`` holds a katakana reading of a full name."""
    text = doc_text(doc)
    close = text.find(text[doc[i].idx] == "(" and ")" or "）", doc[i].idx)
    return close > 0 and _full_name_reading(text[doc[i].idx + 1 : close])


def _split_token(token) -> list[tuple[str, int]]:
    """(text, char offset) pieces of a token: 「米大統領」 → 米 + 大統領, 「前大統領」 → 前 + 大統領."""
    text, idx = token.text, token.idx
    following = token.nbor(1).text if token.i + 1 < len(token.doc) else ""
    if len(text) > 1 and text.endswith("第") and _DIGITS.match(following):
        # 「朴明洙第1次官」 can come out as 朴 / 明 / 洙第 / 1: the ordinal prefix stands alone
        return [(text[:-1], idx), ("第", idx + len(text) - 1)]
    if len(text) > 1 and text.endswith("元") and "人名" in token.tag_ and (
        following in lexicon.titles() or following in lexicon.institutions() or following in lexicon.country_forms()
    ):
        # 「梁茂進元総長」 can come out as 梁 / 茂 / 進元 / 総長: 元 before a post is "former" unless
        # _given_name_gen finds a reading or a reference spelling that keeps it in the name
        return [(text[:-1], idx), ("元", idx + len(text) - 1)]
    if len(text) > 1:
        head, rest = text[0], text[1:]
        known_rest = (
            rest in lexicon.titles() or rest in lexicon.institutions() or rest in lexicon.meeting_kinds()
            or rest in lexicon.forums() or rest in lexicon.cues("side")
        )
        if known_rest and (head in lexicon.country_abbreviations() or head in lexicon.title_prefixes()):
            return [(head, idx), (rest, idx + 1)]
    if len(text) > 3:
        # 「米国大統領」「韓国外相」 as one token: country + post
        for cut in range(2, len(text) - 1):
            if text[:cut] in lexicon.country_forms() and text[cut:] in lexicon.titles():
                return [(text[:cut], idx), (text[cut:], idx + cut)]
    if len(text) > 2 and "人名" in token.tag_:
        # a well-known name with its post can come out as one person-name token (「X大統領」)
        for cut in range(1, len(text) - 1):
            rest = text[cut:]
            if rest in lexicon.titles() and len(rest) >= 2 and lexicon.titles()[rest].official:
                return [(text[:cut], idx), (rest, idx + cut)]
    return [(text, idx)]


@lru_cache(maxsize=1)
def _post_vocabulary() -> str:
    """Every post, institution and post-grammar word of the lexicons, joined (a word inside it is
    a word posts are made of)."""
    grammar = lexicon.post_grammar()
    words = [*lexicon.titles(), *lexicon.institutions(), *grammar.modifiers, *grammar.ranks, *grammar.services,
             *lexicon.title_modifiers(), *lexicon.meeting_kinds()]
    return "\n".join(words)


def _word_of_posts(text: str) -> bool:
    return text in _post_vocabulary()


def _lookup(text: str) -> tuple[str, str]:
    """Lexicon type and value of a piece string, or ("", "")."""
    if text in lexicon.forums():
        return "FORUM", lexicon.forums()[text].name
    if text in lexicon.institutions():
        return "INST", lexicon.institutions()[text].country or ""
    if text in lexicon.meeting_kinds():
        return "KIND", lexicon.meeting_kinds()[text].kind
    if text in lexicon.titles():
        return "TITLE", lexicon.titles()[text].kind
    if text in lexicon.country_forms():
        return "COUNTRY", lexicon.country_forms()[text]
    if _nfkc(text) != text and _nfkc(text) in lexicon.country_forms():
        return "COUNTRY", lexicon.country_forms()[_nfkc(text)]  # 「ＥＵ」 written full-width
    combination = lexicon.split_country_combination(text)
    if combination:
        return "COUNTRY", ",".join(combination)
    if text in lexicon.title_modifiers():
        return "MOD", lexicon.title_modifiers()[text]
    if text in lexicon.title_prefixes():
        return "PREFIX", lexicon.title_prefixes()[text]
    return "", ""


def _pieces(doc: Doc, start: int, end: int) -> list[_Piece]:
    """Split a chunk into pieces and label them by the longest lexicon match."""
    raw: list[_Piece] = []
    i = start
    while i < end:
        token = doc[i]
        if token.text in _OPEN:
            close = i + 1
            while close < end and doc[close].text not in _CLOSE:
                close += 1
            s, e = token.idx, doc[min(close, end - 1)].idx + len(doc[min(close, end - 1)].text)
            # NFKC: 「（ＮＣＧ）」 and 「（２プラス２）」 read like their ASCII forms
            value = unicodedata.normalize("NFKC", doc_text(doc)[s + 1 : e - 1]).strip()
            if value.startswith("「") and value.endswith("」"):
                value = value[1:-1].strip()  # 「(「2+2」)」: the name quoted inside the bracket
            raw.append(_Piece(doc_text(doc)[s:e], s, e, i, "PAREN", value))
            i = close + 1
            continue
        inner = _INNER_PAREN.match(token.text)
        if inner:
            # 「元(げん)防衛相」 can come out as one token: a reading inside it is its own piece
            head, paren, tail = inner.groups()
            s = token.idx + len(head)
            if head:
                raw.append(_Piece(head, token.idx, s, i, token_tag=token.tag_))
            raw.append(_Piece(paren, s, s + len(paren), i, "PAREN", _nfkc(paren[1:-1]).strip()))
            if tail:
                raw.append(_Piece(tail, s + len(paren), s + len(paren) + len(tail), i, token_tag=token.tag_))
            i += 1
            continue
        for text, idx in _split_token(token):
            raw.append(_Piece(text, idx, idx + len(text), i, token_tag=token.tag_))
        i += 1
    group = 0
    k = 0
    while k < len(raw):
        if raw[k].kind == "PAREN":
            k += 1
            continue
        matched = False
        for j in range(min(len(raw), k + 10), k, -1):
            if any(p.kind == "PAREN" for p in raw[k:j]):
                continue
            text = "".join(p.text for p in raw[k:j])
            kind, value = _lookup(text)
            if not kind:
                continue
            if kind == "COUNTRY" and lexicon.has_compound_form(text) and not _country_abbreviation_ok(raw, j - 1):
                continue  # 「日蘭首脳会談」 yes, 「土日」 (a weekend) no
            # 「訪問中の」: a suffix of the word before is never a country (中国)
            if kind == "COUNTRY" and j - k == 1 and len(text) == 1 and (raw[k].token_tag.startswith("接尾辞") or not (
                _country_abbreviation_ok(raw, k) or (j == len(raw) and _abbreviation_before_titled_no(doc, end))
            )):
                continue
            for p in raw[k:j]:
                p.kind, p.value, p.group, p.match = kind, value, group, text
            group += 1
            k = j
            matched = True
            break
        if not matched:
            k += 1
    # 「インド太平洋」: a country form opening a region word (post_grammar modifiers) is no country
    for k, p in enumerate(raw):
        if p.kind != "COUNTRY":
            continue
        joined = p.text
        for j in range(k + 1, min(len(raw), k + 4)):
            if raw[j].kind == "PAREN":
                break
            joined += raw[j].text
            if joined in lexicon.post_grammar().modifiers:
                for r in raw[k : j + 1]:
                    r.kind, r.value, r.match, r.group = "", "", "", -1
                break
    for idx, p in enumerate(raw):
        if p.kind:
            continue
        token = doc[p.token]
        if p.text in _NAME_JOINERS or (p.text and not p.text.strip(" \t\u3000")):
            p.kind = "JOIN"
        elif p.text == "第" and idx + 1 < len(raw) and _DIGITS.match(raw[idx + 1].text):
            p.kind = "ORD"
        elif _DIGITS.match(p.text) and idx > 0 and raw[idx - 1].text == "第":
            p.kind, p.value = "ORD", p.text
        elif p.text in lexicon.construction_words("ordinal_counter") and idx > 0 and raw[idx - 1].kind == "ORD":
            p.kind = "ORD"
        elif _looks_like_name(token, p.text):
            p.kind = "NAME"
        else:
            p.kind = "OTHER"
    _given_name_gen(doc, raw)
    # kanji written right before a reading in parentheses are a name: 崔泰湜(チェ・テシク)
    for idx, p in enumerate(raw):
        if p.kind == "PAREN" and re.fullmatch(r"[\u30A0-\u30FF・＝= ]+", p.value.strip()):
            run = idx
            while run - 1 >= 0 and raw[run - 1].kind in ("OTHER", "NAME") and _KANJI.match(raw[run - 1].text):
                run -= 1
            length = sum(len(q.text) for q in raw[run:idx])
            if 2 <= length <= 4 and (run == 0 or raw[run - 1].kind in ("COUNTRY", "INST", "TITLE")):
                for q in raw[run:idx]:
                    q.kind = "NAME"
    # 「韓正浩」: a family name that is also a country abbreviation, before a given name
    for idx, p in enumerate(raw[:-1]):
        if p.kind == "OTHER" and "人名-姓" in p.token_tag and raw[idx + 1].kind == "NAME" and "人名" in raw[idx + 1].token_tag:
            p.kind = "NAME"
    # 「国家安全保障局長」: an institution followed by 長 is the head of it; so is a bureau the
    # lexicon does not know (「軍縮不拡散・科学部長」: 科学部 + 長)
    for idx, p in enumerate(raw):
        if p.kind == "OTHER" and p.text in _HEAD_OF and idx > 0 and (
            raw[idx - 1].kind == "INST"
            or (raw[idx - 1].kind == "OTHER" and len(raw[idx - 1].text) >= 2
                and raw[idx - 1].text.endswith(_HEAD_OF_SUFFIXES + lexicon.post_grammar().head_of_units))
        ):
            p.kind, p.value, p.match = "TITLE", _HEAD_OF[p.text], p.text
    # 「王滬寧」 can fall apart into pieces of mixed tags: a name the reference list knows in full
    # opening the chunk is a name
    for j in range(min(len(raw), 5), 1, -1):
        if all(q.kind in ("NAME", "OTHER") and _KANJI.match(q.text) for q in raw[:j]) and (j == len(raw) or raw[j].kind != "NAME"):
            if lexicon.lookup_official_full_name("".join(q.text for q in raw[:j])):
                for q in raw[:j]:
                    q.kind = "NAME"
                break
    # 「ポール・ラモント」: katakana joined by 「・」 to a name is part of it, whatever ENE says
    for idx, p in enumerate(raw):
        if p.kind != "JOIN" or idx == 0 or idx + 1 >= len(raw):
            continue
        left, right = raw[idx - 1], raw[idx + 1]
        for a, b in ((left, right), (right, left)):
            if a.kind == "NAME" and b.kind == "OTHER" and _KATAKANA.match(b.text):
                b.kind = "NAME"
    # 「イ韓国国防部長官」: a katakana word opening a chunk right before a country and a post
    # is the name of [NAME][COUNTRY][TITLE], whatever the tagger made of it
    if (
        len(raw) >= 3 and raw[0].kind == "OTHER" and _KATAKANA.match(raw[0].text)
        and raw[0].text not in lexicon.non_person_words()
        and raw[1].kind == "COUNTRY" and (len(raw[1].text) >= 2 or doc[raw[0].token].pos_ == "ADV")
        and any(q.kind == "TITLE" for q in raw[2:])
    ):
        raw[0].kind = "NAME"
    # 「崔泰湜国防部長官」: a name the tokenizer does not know falls apart into single
    # kanji; two or more of them opening a chunk before an institution or title are a name
    run = 0
    while run < len(raw) and raw[run].kind in ("OTHER", "NAME") and len(raw[run].text) == 1 and _KANJI.match(raw[run].text):
        run += 1
    if 2 <= run <= 4 and run < len(raw) and raw[run].kind in ("INST", "TITLE", "ORD", "COUNTRY", "PAREN"):
        if not any(raw[i].text in lexicon.non_person_words() for i in range(run)):
            for q in raw[:run]:
                q.kind = "NAME"
    # 「李在雄外交部第1次官」: a one-kanji surname and an unknown given name opening a chunk
    if (
        len(raw) >= 3 and raw[0].kind in ("OTHER", "NAME") and raw[1].kind in ("OTHER", "NAME")
        and len(raw[0].text) == 1 and 1 <= len(raw[1].text) <= 2
        and _KANJI.match(raw[0].text) and _KANJI.match(raw[1].text)
        and (
            raw[2].kind in ("INST", "TITLE", "ORD", "COUNTRY", "PAREN")
            # 「…アジア司長」: a region word opening the post
            or (len(raw) >= 4 and raw[2].kind == "OTHER" and "地名" in doc[raw[2].token].tag_ and raw[3].kind == "TITLE")
        )
        and raw[0].text not in lexicon.non_person_words()
        and ("人名" in doc[raw[0].token].tag_ or doc[raw[0].token].ent_type_ == "Person" or raw[0].text in lexicon.surnames())
        # 「林内閣官房長官」: a word that opens a known institution or post running on into the
        # pieces after it (内閣 + 官房… = 内閣官房) is the post's, not a given name
        and not _opens_known_post(raw, 1)
    ):
        raw[0].kind = raw[1].kind = "NAME"
    # a single kanji the tokenizer left outside a name (崔泰 + 湜) belongs to it
    for idx, p in enumerate(raw):
        if p.kind != "OTHER" or len(p.text) != 1 or not _KANJI.match(p.text):
            continue
        prev = raw[idx - 1] if idx > 0 else None
        nxt = raw[idx + 1] if idx + 1 < len(raw) else None
        inside = (
            idx == 1 and prev.kind == "NAME" and nxt is not None and len(nxt.text) == 1 and _KANJI.match(nxt.text)
            and nxt.kind in ("NAME", "OTHER")
        )
        if p.text in lexicon.non_person_words() and not inside:
            continue  # (「朴韓洙」: a country kanji between a family name and a given name is the name's)
        if prev is not None and prev.kind == "NAME" and "人名" in doc[prev.token].tag_ and _KANJI.match(prev.text):
            p.kind = "NAME"
        elif nxt is not None and nxt.kind == "NAME" and "人名-姓" in doc[nxt.token].tag_ and idx == 0:
            p.kind = "NAME"
        elif inside:
            p.kind = "NAME"
    _post_grammar_repairs(doc, raw)
    return raw


def _opens_known_post(raw: list[_Piece], k: int) -> bool:
    """Whether piece ``k`` is the first part of an institution or a post the lexicon knows that
    runs on into the pieces after it (「内閣」 + 「官房長官」: 内閣官房 is an institution)."""
    first = raw[k].text
    joined = "".join(p.text for p in raw[k:] if p.kind != "PAREN")
    if not joined.startswith(first):
        return False
    return any(
        joined[:cut] in lexicon.institutions() or joined[:cut] in lexicon.titles()
        for cut in range(len(first) + 1, len(joined) + 1)
    )


def _post_grammar_repairs(doc: Doc, raw: list[_Piece]) -> None:
    """Read the pieces before a post by the grammar of posts (``post_grammar.tsv``):
    [modifier]* HEAD after a name. A modifier the tokenizer cut in pieces (アジア + 大洋 + 州
    局長) is never part of the name; a family name Sudachi tags as a place, right before a
    given name, is a name (原田 + 親仁 政府代表); a one-kanji country form between a
    one-kanji family name and a country written in full is the end of the name (高米 中国大使:
    nobody writes two countries for one holder)."""
    grammar = lexicon.post_grammar()
    modifiers = grammar.modifiers | lexicon.non_person_words()
    titled = [i for i, p in enumerate(raw) if p.kind == "TITLE"]
    if not titled:
        return
    last_title = titled[-1]
    for idx, p in enumerate(raw[:last_title]):
        if p.text in grammar.stations and raw[idx + 1].kind == "COUNTRY":
            p.kind = "OTHER"  # 「A駐チリ大使」: 駐 opens the post, it does not end the name
    # modifiers written in pieces the tagger took for a name (大洋 + 州 with ENE Person)
    k = 0
    while k < last_title:
        for j in range(min(last_title, k + 4), k + 1, -1):
            text = "".join(p.text for p in raw[k:j])
            if text in modifiers and any(p.kind == "NAME" for p in raw[k:j]) and all(p.kind in ("NAME", "OTHER") for p in raw[k:j]):
                for p in raw[k:j]:
                    p.kind = "OTHER"
                k = j - 1
                break
        k += 1
    # 「牧野欧州局参事官」: a bureau's one-character suffix after its modifier (欧州 + 局) is part of
    # the post, never a name
    suffixes = lexicon.institution_suffixes()
    for idx, p in enumerate(raw[:last_title]):
        if p.kind == "NAME" and len(p.text) == 1 and p.text in suffixes and idx >= 1 and raw[idx - 1].kind == "OTHER" \
                and raw[idx - 1].text in modifiers:
            p.kind = "OTHER"
    # 「イラン問題担当特使」: the words of a portfolio after its country are never a name; nor are
    # the words between a named holder's country and the head (「A・イラン国防軍需大臣」)
    for idx, p in enumerate(raw[:last_title]):
        if p.kind != "COUNTRY":
            continue
        named = idx >= 1 and (raw[idx - 1].kind == "NAME" or (raw[idx - 1].kind == "JOIN" and idx >= 2 and raw[idx - 2].kind == "NAME"))
        head = next((j for j in range(idx + 1, last_title + 1) if raw[j].kind == "TITLE"), None)
        if named and head is not None and all(q.kind in ("NAME", "OTHER") for q in raw[idx + 1 : head]):
            for q in raw[idx + 1 : head]:
                q.kind = "OTHER"
        end = next((j for j in range(idx + 1, last_title) if raw[j].kind in ("NAME", "OTHER") and raw[j].text.endswith(grammar.portfolio)), None)
        if end is not None and all(q.kind in ("NAME", "OTHER") for q in raw[idx + 1 : end + 1]):
            for q in raw[idx + 1 : end + 1]:
                q.kind = "OTHER"
    for idx, p in enumerate(raw[:-1]):
        nxt = raw[idx + 1]
        if (
            p.kind == "OTHER" and _KANJI.match(p.text) and 1 <= len(p.text) <= 3
            and (idx == 0 or raw[idx - 1].kind not in ("NAME", "OTHER"))
            and nxt.kind == "NAME" and _KANJI.match(nxt.text)
            and ("人名-名" in nxt.token_tag or doc[nxt.token].ent_type_ == "Person")
            and (doc[p.token].ent_type_ == "Person" or "人名-姓" in p.token_tag)
            and p.text not in lexicon.non_person_words() and p.text not in lexicon.places()
        ):
            p.kind = "NAME"  # 原田 (地名) + 親仁 (人名-名)
    for idx in range(1, len(raw) - 1):
        p, prev, nxt = raw[idx], raw[idx - 1], raw[idx + 1]
        if (
            p.kind == "COUNTRY" and len(p.text) == 1 and prev.kind == "NAME" and _KANJI.match(prev.text)
            and (idx == 1 or raw[idx - 2].kind != "NAME") and len(prev.text) == 1
            and nxt.kind == "COUNTRY" and len(nxt.text) >= 2
        ):
            p.kind, p.value = "NAME", ""  # 高米 + 中国大使: the name ends in a country's kanji


def _given_name_gen(doc: Doc, raw: list[_Piece]) -> None:
    """「中谷元防衛相」: Sudachi reads 元防衛相 as "former minister", but 元 ends the name when
    the reference list knows the name with it, a reading follows it (中谷元(げん)), another
    前/元 follows (中谷元・元防衛相) or the text writes the name with it elsewhere (中谷元氏)."""
    for idx, p in enumerate(raw):
        if p.kind != "PREFIX" or p.text != "元" or idx == 0 or raw[idx - 1].end != p.start:
            continue
        nxt = raw[idx + 1] if idx + 1 < len(raw) else None
        after = raw[idx + 2] if idx + 2 < len(raw) else None
        reading = nxt is not None and nxt.kind == "PAREN" and bool(_HIRAGANA_READING.match(nxt.value))
        first = idx
        while first - 1 >= 0 and raw[first - 1].kind in ("NAME", "OTHER") and raw[first - 1].end == raw[first].start and _KANJI.match(raw[first - 1].text):
            first -= 1
        name = doc_text(doc)[raw[first].start : p.end]
        if first == idx or len(name) > 5 or any(q.text in lexicon.non_person_words() for q in raw[first:idx]):
            continue
        # kanji the tokenizer took for a place (中谷 as 地名) need the stronger evidence
        strong = reading or bool(lexicon.lookup_official_full_name(name))
        weak = (nxt is not None and nxt.kind == "JOIN" and after is not None and after.kind == "PREFIX") or (
            _written_before_honorific(doc_text(doc), name)
        )
        if strong or (weak and any(q.kind == "NAME" for q in raw[first:idx])):
            for q in raw[first:idx]:
                q.kind = "NAME"
            p.kind, p.value, p.group, p.match = "NAME", "", -1, ""


_HONORIFIC_AFTER_NAME = lexicon.construction_regex("honorific_after_name")
_INDEXED_NAME_LENGTH = 5


def _written_before_honorific(text: str, name: str) -> bool:
    """Whether ``text`` writes ``name`` followed by a reading or 氏/さん (中谷元氏, 中谷元(げん))."""
    if not 1 <= len(name) <= _INDEXED_NAME_LENGTH:
        return bool(re.search(re.escape(name) + _HONORIFIC_AFTER_NAME, text))
    return name in _strings_before_honorific(text)


@lru_cache(maxsize=4)
def _strings_before_honorific(text: str) -> frozenset[str]:
    # every string of up to _INDEXED_NAME_LENGTH characters that a mark follows, in one
    # pass per text: a regex search of the whole text per name is quadratic on long blocks
    marks = [m.start() for m in re.finditer(_HONORIFIC_AFTER_NAME, text)]
    return frozenset(text[i - n : i] for i in marks for n in range(1, _INDEXED_NAME_LENGTH + 1) if i >= n)


def _abbreviation_before_titled_no(doc: Doc, chunk_end: int) -> bool:
    """「仏のX外相」: a one-character country form ending its chunk before 「の」 and a noun
    phrase that ends in a post (not 「米の生産」, rice)."""
    if chunk_end + 1 >= len(doc) or doc[chunk_end].text != "の":
        return False
    i = chunk_end + 1
    while i < len(doc) and _in_chunk(doc, i):
        i += 1
    following = doc_text(doc)[doc[chunk_end + 1].idx : doc[i - 1].idx + len(doc[i - 1].text)] if i > chunk_end + 1 else ""
    return any(following.endswith(title) for title in lexicon.titles() if len(title) >= 2)


def _country_abbreviation_ok(raw: list[_Piece], k: int) -> bool:
    """A one-character country form counts only before a title, institution, meeting or 側."""
    if k + 1 >= len(raw) or (k > 0 and _DIGITS.match(raw[k - 1].text)):
        return False  # 「11日」 is a date, not Japan
    if "人名" in raw[k + 1].token_tag:
        return False  # 「韓正浩」: 韓 is a family name here
    if (
        k == 1 and raw[0].text in lexicon.surnames() and len(raw[k + 1].text) == 1
        and _KANJI.match(raw[k + 1].text) and not _lookup(raw[k + 1].text)[0]
    ):
        return False  # 「朴韓洙」「高米成」: between a family name and one more kanji, part of the given name
    nxt = raw[k + 1].text
    if nxt in lexicon.cues("side"):
        return True
    if nxt in _COUNTRY_JOINERS and k + 2 < len(raw):
        # 「日・ペルー外相会談」: a pair of countries joined by 「・」
        joined = ""
        for piece in raw[k + 2 : k + 6]:
            joined += piece.text
            if _lookup(joined)[0] == "COUNTRY":
                return True
    following = ""
    for piece in raw[k + 1 : k + 6]:
        if piece.kind == "PAREN":
            break
        following += piece.text
        if _lookup(following)[0]:
            return True
    # 「米国務次官補」: the chunk goes on to a title
    tail = [p for p in raw[k + 1 :] if p.kind != "PAREN"]
    while len(tail) > 1 and tail[-1].text in lexicon.construction_words("plural_suffix"):
        tail.pop()  # 「米国務次官ら」: a plural suffix after the post
    rest = "".join(p.text for p in tail)
    for modifier in ("", *lexicon.title_modifiers()):
        if modifier and not rest.endswith(modifier):
            continue
        core = rest[: len(rest) - len(modifier)] if modifier else rest
        if any(core.endswith(title) for title in lexicon.titles() if len(title) >= 2):
            return True
    return False


def _looks_like_name(token, text: str) -> bool:
    if text in lexicon.non_person_words():
        return False
    doc = token.doc
    if (_INITIAL.fullmatch(text) and 0 < token.i < len(doc) - 1
            and doc[token.i - 1].text in _NAME_JOINERS and doc[token.i + 1].text in _NAME_JOINERS):
        return True  # 「チャールズ・Q・ブラウン」: a middle initial between the parts of a name
    if "人名" in token.tag_:
        return True
    if ("地名" in token.tag_ and _KATAKANA.match(text) and token.ent_type_ == "Person" and token.i >= 2
            and doc[token.i - 1].text in _NAME_JOINERS and "人名" in doc[token.i - 2].tag_):
        return True  # 「ケビン・マーシャル」: a family name the tagger knows as a place, after a given name and 「・」
    if "地名" in token.tag_ or "組織名" in token.tag_:
        # 「金成沢」 can come out as a place name; GiNZA's ENE and the surname still say person
        return (
            token.ent_type_ == "Person" and bool(_KANJI.match(text)) and 2 <= len(text) <= 4
            and text[0] in lexicon.surnames() and text not in lexicon.places()
        )
    if _KATAKANA.match(text) and token.tag_.startswith("名詞-普通名詞") and token.pos_ == "NOUN" and not token.ent_type_:
        return False  # 「核・ミサイル防衛政策部」: a common noun of a ・-joined bureau name
    if _KATAKANA.match(text) or _LATIN.match(text):
        return token.ent_type_ not in _NOT_PERSON_ENE or "人名" in token.tag_
    if _KANJI.match(text) and token.ent_type_ == "Person" and len(text) <= 4:
        # 「研究所」「共産党」 tagged Person are still institution words
        suffixes = tuple(s for s in lexicon.institution_suffixes() if len(s) >= 2 or len(text) >= 3)
        return not text.endswith(suffixes)
    return False


# ---------------------------------------------------------------- recognisers


def _person_mentions(doc: Doc, pieces: list[_Piece]) -> list[DomainMention]:
    """People written as [institution] NAME [(reading)] [country] [institution] TITLE."""
    found = []
    k = len(pieces) - 1
    while k >= 0:
        if pieces[k].kind != "TITLE":
            k -= 1
            continue
        title_end = k
        while title_end + 1 < len(pieces) and pieces[title_end + 1].kind == "MOD":
            title_end += 1
        # 「大統領補佐官(国家安全保障担当)」: the portfolio in parentheses belongs to the post
        portfolio = None
        if title_end + 1 < len(pieces) and pieces[title_end + 1].kind == "PAREN" and _PORTFOLIO.search(pieces[title_end + 1].value):
            title_end += 1
            portfolio = pieces[title_end]
        # the title region: title core plus the institution-ish words, ordinals and
        # country written before it (国防次官, 国家安保室第1次長, 米大統領)
        left = k
        while left - 1 >= 0 and pieces[left - 1].group == pieces[k].group and pieces[k].group >= 0:
            left -= 1
        region_start = left
        while region_start - 1 >= 0 and (
            pieces[region_start - 1].kind in ("ORD", "OTHER", "INST", "COUNTRY", "PREFIX", "JOIN", "KIND")
            or pieces[region_start - 1].kind == "TITLE"  # 大統領報道官, 副首相兼国防相
            # 「北大西洋条約機構(NATO)事務総長」: an organisation's acronym inside the post
            or (
                pieces[region_start - 1].kind == "PAREN" and _ACRONYM.match(pieces[region_start - 1].value.replace(" ", ""))
                and region_start - 2 >= 0 and pieces[region_start - 2].kind in ("INST", "KIND", "FORUM", "COUNTRY")
            )
        ):
            candidate = pieces[region_start - 1]
            core_kind = pieces[k].value
            if (
                candidate.kind == "OTHER" and _KATAKANA.match(candidate.text)
                and candidate.text not in lexicon.places() and candidate.text not in lexicon.non_person_words()
                and (doc[candidate.token].ent_type_ not in _PLACE_ENE or core_kind in _NATIONAL_TITLE_KINDS)
                and (region_start - 2 < 0 or pieces[region_start - 2].kind in ("INST", "COUNTRY", "JOIN", "NAME"))
                # 「核・ミサイル防衛政策部長」: after 「・」 only a name (or katakana) goes on a name
                and (region_start - 2 < 0 or pieces[region_start - 2].kind != "JOIN"
                     or (region_start - 3 >= 0 and (pieces[region_start - 3].kind == "NAME" or _KATAKANA.match(pieces[region_start - 3].text))))
            ):
                # 「スミス国務副長官」: a katakana word GiNZA took for an organisation
                candidate.kind = "NAME"
                break
            if (
                candidate.kind == "OTHER" and _KANJI.match(candidate.text) and 2 <= len(candidate.text) <= 3
                # (「大島国連大使」: an institution may stand between the surname and the post)
                and all(p.kind == "INST" for p in pieces[region_start:left]) and core_kind in _NATIONAL_TITLE_KINDS
                and "地名" in doc[candidate.token].tag_ and doc[candidate.token].ent_type_ == "Person"
                and candidate.text not in lexicon.places() and candidate.text not in lexicon.non_person_words()
                and (region_start - 2 < 0 or pieces[region_start - 2].kind == "COUNTRY")
            ):
                # 「上川外務大臣」: a surname Sudachi knows as a place name, ENE as a person
                candidate.kind = "NAME"
                break
            if (
                candidate.kind == "OTHER" and _KANJI.match(candidate.text) and 2 <= len(candidate.text) <= 3
                and region_start == left and core_kind in _NATIONAL_TITLE_KINDS
                and doc[candidate.token].tag_ == "名詞-普通名詞-一般"
                and doc[candidate.token].ent_type_ not in _NOT_NAME_ENE
                and not candidate.text.endswith(lexicon.construction_words("not_name_ending"))
                and candidate.text not in lexicon.places() and candidate.text not in lexicon.non_person_words()
                and candidate.text not in lexicon.post_grammar().modifiers  # 陸上幕僚長: a word of the post
                and (region_start - 2 < 0 or pieces[region_start - 2].kind == "COUNTRY")
            ):
                # 「岩屋防衛大臣」: a surname that is also a common noun, straight before a
                # post (a word of the post itself is tagged Position_Vocation: 歴代防衛大臣)
                candidate.kind = "NAME"
                break
            if (
                candidate.kind == "OTHER" and len(candidate.text) == 1 and _KANJI.match(candidate.text)
                and doc[candidate.token].tag_.startswith("接尾辞") and region_start - 2 >= 0
                and pieces[region_start - 2].kind == "NAME" and pieces[region_start - 2].end == candidate.start
                and region_start < len(pieces) and pieces[region_start].kind in ("INST", "COUNTRY")
                and candidate.text not in lexicon.non_person_words()
            ):
                # 「佐藤質博外務省北米局長」: a one-kanji suffix the tagger read after the name's
                # pieces, before the institution that opens the post, ends the given name
                candidate.kind = "NAME"
                break
            if pieces[region_start - 1].kind == "JOIN" and (
                region_start - 2 < 0 or pieces[region_start - 2].kind == "NAME"
                or (pieces[region_start - 2].kind == "PAREN" and _is_reading(pieces[region_start - 2].value))
            ):
                break
            region_start -= 1
        name_end = region_start  # exclusive
        while name_end - 2 >= 0 and pieces[name_end - 1].kind == "JOIN" and pieces[name_end - 2].kind in ("NAME", "PAREN"):
            name_end -= 1  # 「北村滋・国家安全保障局長」: 「・」 between a name and its post
        name_start = name_end
        short = False
        while name_start - 1 >= 0 and pieces[name_start - 1].kind == "PAREN":
            name_start -= 1
        paren_start = name_start
        while name_start - 1 >= 0 and (
            pieces[name_start - 1].kind in ("NAME", "JOIN")
            # 「ラム・クマール」: katakana joined by 「・」 to the name, whatever ENE called it
            or (
                pieces[name_start - 1].kind == "OTHER" and _KATAKANA.match(pieces[name_start - 1].text)
                and name_start < paren_start and pieces[name_start].kind == "JOIN"
                and pieces[name_start - 1].text not in lexicon.places()
            )
            # 「ウィット|フィールド（…）氏」: the tail of a katakana name the tokenizer cut in two,
            # its head read as a name, right before the reading or post
            or (
                name_start == paren_start and name_start - 2 >= 0 and pieces[name_start - 1].kind == "OTHER"
                and _KATAKANA.match(pieces[name_start - 1].text) and pieces[name_start - 2].kind == "NAME"
                and _KATAKANA.match(pieces[name_start - 2].text) and pieces[name_start - 2].end == pieces[name_start - 1].start
            )
        ):
            name_start -= 1
        while name_start < paren_start and pieces[name_start].kind == "JOIN":
            name_start += 1
        # 「ショーカット・アジーズ」: a katakana name never starts inside a katakana word
        # the tokenizer cut in two
        while (
            name_start - 1 >= 0 and name_start < paren_start and pieces[name_start - 1].kind == "OTHER"
            and pieces[name_start - 1].end == pieces[name_start].start
            and _KATAKANA.match(pieces[name_start - 1].text) and _KATAKANA.match(pieces[name_start].text)
            and pieces[name_start - 1].text not in lexicon.places()
            and pieces[name_start - 1].text not in lexicon.non_person_words()
        ):
            name_start -= 1
        if name_start == paren_start:
            # no name piece: a one-character surname written straight before the title
            # region (金次官, 尹大統領) is a short form, resolved by the extractor
            first = pieces[region_start] if region_start < len(pieces) else None
            if (
                first is not None
                and first.kind == "OTHER"
                and len(first.text) == 1
                and _KANJI.match(first.text)
                and not doc[first.token].tag_.startswith("接頭辞")  # 「在豪大使館公使」: a prefix, no surname
                and region_start < k
                and (region_start == 0 or pieces[region_start - 1].kind in ("INST", "COUNTRY"))
            ):
                name_start, paren_start, region_start = region_start, region_start + 1, region_start + 1
                short = True
                given = pieces[region_start] if region_start < k else None
                if (
                    given is not None and given.kind == "OTHER" and len(given.text) == 2 and _KANJI.match(given.text)
                    and given.start == first.end and region_start + 1 < k
                    and doc[given.token].tag_ in ("名詞-普通名詞-一般", "名詞-固有名詞-人名-名")
                    and not _word_of_posts(given.text) and given.text not in lexicon.non_person_words()
                ):
                    # 「東法典防衛事務次官」: a one-kanji family name, then two kanji that are no word
                    # of any post or institution the lexicons know, then the post: a full name
                    given.kind = "NAME"
                    paren_start = region_start = region_start + 1
                    short = False
            elif _kanji_name_before_reading(pieces, paren_start, name_end) is not None:
                # 「孔亦然（コン・イーラン）外交部副部長」: kanji the tagger cut into words, then
                # their reading in katakana with 「・」 between surname and given name
                name_start = _kanji_name_before_reading(pieces, paren_start, name_end)
            else:
                k = left - 1
                continue
        name_pieces = pieces[name_start:paren_start]
        # 「トム・ベイカー核・ミサイル防衛政策担当次官補」: a name in katakana ends before the
        # first word in kanji after it, which opens the post (its portfolio)
        cut = next((i for i in range(1, len(name_pieces)) if _KANJI.match(name_pieces[i].text)), None)
        if (
            cut is not None and paren_start == region_start
            and all(_KATAKANA.match(p.text) or p.kind == "JOIN" for p in name_pieces[:cut])
            and any(_KATAKANA.match(p.text) and p.text != "・" for p in name_pieces[:cut])
        ):
            region_start = name_start + cut
            while cut > 1 and name_pieces[cut - 1].kind == "JOIN":
                cut -= 1
            name_pieces = name_pieces[:cut]
            paren_start = name_start + cut
        name = doc_text(doc)[name_pieces[0].start : name_pieces[-1].end]
        # 「三外相は」: a numeral before a post counts its holders
        if name in lexicon.non_person_words() or name in _COUNT_CHARACTERS or name.strip("・＝") != name or len(name) > 20:
            k = left - 1
            continue
        if len(name_pieces) == 1 and len(name) == 1:
            short = True
        # a Japanese-style name: a surname of two or more characters, then a given name
        origin = ""
        tags = [doc[p.token].tag_ for p in name_pieces]
        if len(name_pieces) >= 2 and "人名-姓" in tags[0] and len(name_pieces[0].text) >= 2 and "人名-名" in tags[1]:
            origin = "ja"
        aliases = [
            p.value for p in pieces[paren_start:name_end] if p.kind == "PAREN" and _is_reading(p.value)
            # 「中谷元(げん)」: a reading of the given name alone is not a spelling of the name
            and not (_HIRAGANA_READING.match(p.value) and len(p.value.replace("・", "").replace(" ", "")) < len(name))
        ]
        region = pieces[region_start : title_end + 1]
        portfolio_countries = _portfolio_countries(region)
        while region and region[0].kind in ("COUNTRY",) and id(region[0]) not in portfolio_countries:
            region = region[1:]
            if region and region[0].kind == "PAREN":
                region = region[1:]  # 「欧州連合(EU)上級代表」: the acronym goes with the country
        title = doc_text(doc)[region[0].start : region[-1].end] if region else pieces[k].text
        entry = _head_entry(lexicon.titles().get(pieces[k].match or pieces[k].text) or _HEAD_OF_INSTITUTION, pieces, region_start, left)
        if portfolio is not None:
            # written the usual way round (国家安全保障担当大統領補佐官), a known post when listed
            title = portfolio.value + doc_text(doc)[region[0].start : portfolio.start] if region else title
            entry = lexicon.titles().get(title, entry)
        countries = [
            p.value for p in pieces[region_start:title_end + 1]
            if p.kind == "COUNTRY" and "," not in p.value and id(p) not in portfolio_countries
        ]
        before = pieces[:name_start]
        countries += [p.value for p in before if p.kind == "COUNTRY" and "," not in p.value]
        institution, inst_country = _institution_of(doc, pieces, region_start, title_end, k, before)
        former = any(p.kind == "PREFIX" and p.value in ("former", "deceased") for p in pieces[region_start:k])
        found.append(
            DomainMention(
                "PERSON",
                name_pieces[0].start,
                pieces[title_end].end,
                doc_text(doc)[name_pieces[0].start : pieces[title_end].end],
                **_attrs(
                    name=name,
                    aliases=aliases,
                    title=title,
                    title_kind=entry.kind if entry else pieces[k].value,
                    official=bool(entry is None or entry.official),
                    institution=institution,
                    country=countries[-1] if countries else (inst_country or _title_country(entry, name)),
                    # 国務長官 alone says US: a country of the post, not one written for a list
                    title_country=bool(not countries and not inst_country and _title_country(entry, name)),
                    weak_country=None if any(_KATAKANA_READING.fullmatch(a) for a in aliases) else _weak_title_country(entry, name),
                    short=bool(short),
                    former=bool(former),
                    name_end=name_pieces[-1].end,
                    name_origin=origin,
                ),
            )
        )
        k = name_start - 1
    return found


def _portfolio_countries(region: list[_Piece]) -> set[int]:
    """The country pieces of a post region that belong to a portfolio (「北朝鮮政策担当特別代表」:
    a country before a portfolio word is what the post deals with, not whom it serves)."""
    closing = lexicon.post_grammar().portfolio
    found: set[int] = set()
    for i, p in enumerate(region):
        if p.kind != "COUNTRY":
            continue
        if i >= 1 and region[i - 1].text in lexicon.post_grammar().stations:
            found.add(id(p))  # 「駐ブラジル大使」: the post's station
            continue
        for q in region[i + 1 :]:
            if q.kind in ("TITLE", "COUNTRY"):
                break  # (「米国イラン担当特使」: only the country the portfolio opens with)
            if q.text.endswith(closing):
                found.add(id(p))
                break
    return found


def _head_entry(entry, pieces: list[_Piece], region_start: int, left: int):
    """The title entry read by the grammar of posts: a head noun with a modifier before it
    (政府代表, 常駐代表) is a post of the head's own kind (a representative), unless the
    modifier is a party (…党代表)."""
    grammar = lexicon.post_grammar()
    kind = grammar.heads.get(entry.word)
    modifiers = [p for p in pieces[region_start:left] if p.kind in ("OTHER", "INST")]
    if kind is None or kind == entry.kind or not modifiers or modifiers[-1].text.endswith(grammar.party):
        return entry
    return lexicon.TitleEntry(word=entry.word, kind=kind, official=entry.official, country=entry.country)


# ---------------------------------------------------------------- people written without a post

_LIST_JOINERS = lexicon.construction_words("list_joiner")
# 「A、B両氏」「A、B、Cの各氏」「A、B、C3氏」: the list before it is a list of people
_GROUP_HONORIFIC = lexicon.construction_pattern("group_honorific")


def _reference_country(names: Iterable[str]) -> str:
    """The country every reference official written with one of ``names`` serves, or ""."""
    codes = {o.country for n in names for o in lexicon.lookup_official_full_name(n)}
    return codes.pop() if len(codes) == 1 else ""


def _untitled_name(doc: Doc, pieces: list[_Piece]) -> Optional[tuple[int, int, str, list[str], bool]]:
    """A chunk that is only a name, its readings in parentheses and a group honorific:
    (start, end, name, readings, has 両氏/各氏/N氏)."""
    core = list(pieces)
    while core and not core[-1].text.strip():
        core.pop()  # an English gloss blanked by kg.normalise
    while core and core[-1].kind != "PAREN" and core[-1].text in lexicon.construction_words("plural_suffix"):
        core.pop()
    group = False
    for n in (1, 2, 3):
        ending = "".join(p.text for p in core[-n:]) if len(core) > n else ""
        if ending and _GROUP_HONORIFIC.fullmatch(ending) and all(p.kind != "PAREN" for p in core[-n:]):
            core, group = core[:-n], True
            break
    names = []
    while core and core[0].kind in ("NAME", "OTHER", "JOIN") and not (names and names[-1].end != core[0].start):
        names.append(core.pop(0))
    readings = [p for p in core if p.kind == "PAREN" and _is_reading(p.value)]
    if not names or len(readings) != len(core) or not any(p.kind == "NAME" for p in names):
        return None
    if names[-1].kind == "JOIN" or names[0].kind == "JOIN":
        return None
    name_stop = names[-1].end
    if not readings and len(names[-1].text) > 1 and names[-1].text.endswith("氏"):
        name_stop -= 1  # 「楊潔篪氏」 can come out as 楊 / 潔 / 篪氏
    name = doc_text(doc)[names[0].start : name_stop]
    if name in lexicon.non_person_words() or len(name) > 20:
        return None
    end = readings[-1].end if readings else name_stop
    spellings = [r.value for r in readings if not (_HIRAGANA_READING.match(r.value) and len(r.value.replace("・", "")) < len(name))]
    return names[0].start, end, name, spellings, group


@lru_cache(maxsize=None)
def _rank_digits() -> dict[int, str]:
    """Arabic digit → kanji digit (``kanji_digit`` of constructions.tsv): 「1等空佐」 = 一等空佐."""
    kanji = [k for k in lexicon.construction_words("kanji_digit") if len(k) == 1 and 0 < unicodedata.numeric(k) < 10]
    return str.maketrans({str(int(unicodedata.numeric(k))): k for k in kanji})


def _is_rank(text: str) -> bool:
    """「陸将」「海軍大将」: a military rank (``post_grammar.tsv`` rank), a service maybe before it."""
    grammar = lexicon.post_grammar()
    text = unicodedata.normalize("NFKC", text).translate(_rank_digits())  # 「1等空佐」 = 一等空佐
    service = next((w for w in grammar.services if text.startswith(w)), "")
    return text[len(service):] in grammar.ranks


def _given_name_cell(doc: Doc, surname: str, end: int, given: tuple) -> bool:
    """「陸将　山田　一郎」: a table row writes a kanji surname (the tagger's 人名-姓, or surnames.tsv),
    one space, then the given name (1-3 kanji) ending the row; the two are one name."""
    text = doc_text(doc)
    start, stop, _ = given
    stop = start + len(_given_name_of_cell(text[start:stop]))  # (「成民（パク・ソンミン）」: its reading after it)
    first = doc.char_span(end - len(surname), end, alignment_mode="expand")
    family = surname in lexicon.surnames() or (first is not None and "人名-姓" in first[0].tag_)
    return (
        family and bool(_KANJI.match(surname)) and len(surname) <= 3
        and text[end:start] in (" ", "\u3000") and 1 <= stop - start <= 3 and bool(_KANJI.match(text[start:stop]))
        and not text[given[1]:].split("\n", 1)[0].strip()
    )


def _given_name_of_cell(cell: str) -> str:
    """A given-name cell without the full name's reading in brackets after it (「成民（パク・ソンミン）」 → 成民)."""
    bracket = re.search(r"[(（]([^()（）]+)[)）]$", cell)
    return cell[: bracket.start()] if bracket and _full_name_reading(bracket.group(1)) else cell


def _post_then_name(doc: Doc, chunks: list[tuple[int, int, list[_Piece]]], people: list[DomainMention]) -> list[DomainMention]:
    """「日本:統合幕僚長 陸将 山田一郎」: a roster's post written first, then a rank, then the
    name, each apart by a space; the post opens the line or follows a label's colon or a 読点."""
    text = doc_text(doc)
    taken = [(m.start, m.end) for m in people]
    spans = []  # the chunks cut where a space stands between two pieces
    for _, _, pieces in chunks:
        segment: list[_Piece] = []
        for k, piece in enumerate(pieces):
            if piece.text.strip():
                segment.append(piece)
            if segment and (k + 1 == len(pieces) or not pieces[k + 1].text.strip() or _spaced(text, piece.end, pieces[k + 1].start)):
                spans.append((segment[0].start, segment[-1].end, segment))
                segment = []
    found = []
    for i, (s, e, pieces) in enumerate(spans):
        untitled = _untitled_name(doc, pieces)
        if untitled is None or untitled[4] or any(a < e and s < b for a, b in taken):
            continue
        n_start, n_end, name, readings, _ = untitled
        if (
            not readings and i + 1 < len(spans) and _given_name_cell(doc, name, n_end, spans[i + 1])
            and not any(a < spans[i + 1][1] and spans[i + 1][0] < b for a, b in taken)
        ):
            given = text[spans[i + 1][0] : spans[i + 1][1]]
            own = _given_name_of_cell(given)
            if own != given:
                readings = (*readings, given[len(own):].strip("()（） "))
            n_end, name = spans[i + 1][1], name + own  # 「陸将　山田　一郎」
        if not (_looks_like_full_name(name) or readings) or _is_rank(name):
            continue
        j = i - 1
        while j >= 0 and _spaced(text, spans[j][1], spans[j + 1][0]) and _is_rank(text[spans[j][0] : spans[j][1]]):
            j -= 1
        if j < 0 or not _spaced(text, spans[j][1], spans[j + 1][0]):
            continue
        t_start, t_end, post = spans[j]
        heads = [p for p in post if p.kind == "TITLE"]
        if not heads or any(p.kind == "NAME" for p in post) or post[-1].kind not in ("TITLE", "MOD"):
            continue
        label = j >= 1 and _spaced(text, spans[j - 1][1], t_start) and all(p.kind == "COUNTRY" for p in spans[j - 1][2])
        column = re.search(r"(?:\s{2,}|\t)$", text[:t_start]) is not None  # a column gap before the post
        # (「(随行)作戦部長　海軍少将　A」: a short bracketed role opening the row, like a label)
        role = _ROW_ROLE.fullmatch(text[: t_start]) is not None
        # (「防衛省　防衛政策局長　山川　一郎」「日本側　局長　A」: an organisation cell or a side
        # label cell opening the row, apart by a space, stands before the post like a label)
        cell = _row_opening_cell(text, spans[: j]) if j >= 1 and _spaced(text, spans[j - 1][1], t_start) else None
        cell_country = cell[1] if cell else None
        if text[:t_start].rstrip()[-1:] not in ("", ":", "：", "、", "，", ",") and not label and not column and not role and cell is None:
            continue  # (a country cell before it, apart by a space or tab, is the row's label)
        entry = lexicon.titles().get(heads[-1].match or heads[-1].text)
        countries = [p.value for p in post if p.kind == "COUNTRY" and "," not in p.value]
        region = [p for p in post if not (p.kind == "COUNTRY" and p is post[0])]
        title = text[region[0].start : t_end] if region else text[t_start:t_end]
        institution = cell[0] if cell else None
        found.append(
            DomainMention(
                "PERSON", t_start, n_end, text[t_start:n_end],
                **_attrs(
                    name=name, aliases=readings, title=title, institution=institution,
                    title_kind=entry.kind if entry else heads[-1].value,
                    official=bool(entry is None or entry.official),
                    country=countries[-1] if countries else cell_country or _title_country(entry, name),
                    title_country=bool(not countries and not cell_country and _title_country(entry, name)),
                    weak_country=_weak_title_country(entry, name), name_end=n_start + len(name),
                ),
            )
        )
    return found


def _row_opening_cell(text: str, before: list) -> Optional[tuple[Optional[str], Optional[str]]]:
    """``(institution, country)`` when the cells before a post, from the row's start, are
    organisations (「防衛省」「国防省　戦略局」: the first one) or one side label (「日本側」「先方」:
    (None, None)); None otherwise. Only at the row's start (a line, or after a tab or colon). The
    country is one written in the organisation's cell (「米統合参謀本部」「韓国合同参謀本部」), never
    the lexicon's for a bare name (外務省 is the name of many states' ministries: the label decides)."""
    if not before:
        return None
    first = before[0][0]
    if text[:first].strip() and not re.search(r"(?:[\t:：]|\s{2,})\s*$", text[:first]):
        return None
    cells = [text[s:e] for s, e, _ in before]
    if any(not _spaced(text, before[k][1], before[k + 1][0]) for k in range(len(before) - 1)):
        return None
    if len(before) == 1 and _side_label_cell(cells[0]):
        return None, None
    if len(before) >= 2 and _side_label_cell(cells[0]):
        before, cells = before[1:], cells[1:]  # 「日本側　警察庁　国際部長　A」: the label, then the organisation
    suffixes = tuple(lexicon.institution_suffixes())
    stop = lexicon.institution_stopwords()

    def organisation(cell: str, pieces: list) -> bool:
        known = pieces and all(p.kind == "INST" for p in pieces)
        return bool(known) or (len(cell) >= 2 and cell.endswith(suffixes) and cell not in stop
                               and all(p.kind in ("INST", "OTHER", "COUNTRY") for p in pieces))

    if all(organisation(cell, ps) for cell, (_, _, ps) in zip(cells, before)):
        written = [p.value for p in before[0][2] if p.kind == "COUNTRY" and "," not in p.value]
        return cells[0], written[0] if len(written) == 1 else None
    return None


def _side_label_cell(cell: str) -> bool:
    """「日本側」「米側」「先方」「我が方」: a side label written as a table cell, no colon."""
    cell = cell.strip()
    for side, heads, _ in lexicon.side_labels():
        for head in heads:
            if "{country}" not in head:
                if cell == head:
                    return True
            elif head != "{country}" and cell.endswith(head.replace("{country}", "")):
                if lexicon.country_forms().get(cell[: len(cell) - len(head.replace("{country}", ""))]):
                    return True
    return False


def _post_then_bracketed_name(doc: Doc, chunks: list[tuple[int, int, list[_Piece]]], people: list[DomainMention]) -> list[DomainMention]:
    """「海幕長(山田一郎海将)は」: a post, then its holder's name (and rank) in brackets."""
    text = doc_text(doc)
    taken = [(m.start, m.end) for m in people]
    found = []
    for _, _, pieces in chunks:
        paren = next((k for k, p in enumerate(pieces) if p.kind == "PAREN"), None)
        if paren is None or paren == 0 or pieces[paren - 1].kind != "TITLE":
            continue
        post = pieces[:paren]
        if any(p.kind == "NAME" for p in post) or any(a < pieces[paren].end and post[0].start < b for a, b in taken):
            continue
        value = pieces[paren].value.strip()
        rank = next((value[i:] for i in range(1, len(value)) if _is_rank(value[i:])), "")
        name = value[: len(value) - len(rank)].strip()
        # 「陸上幕僚長(陸将 山田一郎)」: the rank first, a blank, then the name
        lead = next((value[:i] for i in range(len(value) - 1, 0, -1) if value[i] in " \u3000" and _is_rank(value[:i])), "")
        if lead and not rank:
            name = value[len(lead):].strip()
        if not _looks_like_full_name(name) or name in lexicon.non_person_words():
            continue
        if name.endswith(lexicon.post_grammar().portfolio):
            continue  # 「国務次官(政治担当)」: the post's portfolio in brackets, no holder
        head = post[-1]
        entry = lexicon.titles().get(head.match or head.text)
        countries = [p.value for p in post if p.kind == "COUNTRY" and "," not in p.value]
        start, end = post[0].start, pieces[paren].end
        found.append(
            DomainMention(
                "PERSON", start, end, text[start:end],
                **_attrs(
                    name=name, title=text[post[0].start : head.end],
                    title_kind=entry.kind if entry else head.value,
                    official=bool(entry is None or entry.official),
                    country=countries[-1] if countries else _title_country(entry, name),
                    title_country=bool(not countries and _title_country(entry, name)),
                    weak_country=_weak_title_country(entry, name), name_end=end,
                ),
            )
        )
    return found


_ROW_ROLE = re.compile(r"\s*[(（〔][^()（）〔〕\s]{1,6}[)）〕]\s*")


def _spaced(text: str, end: int, start: int) -> bool:
    """Only a space (or a full-width one) between two chunks."""
    gap = text[end:start]
    return bool(gap) and not gap.strip(" \t\u3000")


def _looks_like_full_name(name: str) -> bool:
    """A whole name rather than a surname: 2-4 kanji, or katakana/latin words joined by ・ or a space."""
    return bool(_KANJI.match(name) and 2 <= len(name) <= 4) or bool(re.fullmatch(r"[\u30A0-\u30FFA-Za-zＡ-Ｚａ-ｚ]+(?:[・＝= ][\u30A0-\u30FFA-Za-zＡ-Ｚａ-ｚ.]+)+", name))


def _listed_people(doc: Doc, chunks: list[tuple[int, int, list[_Piece]]], people: list[DomainMention]) -> list[DomainMention]:
    """People written by name alone where the grammar says they are people: in a list with
    titled people (「X首相、A、B」), before 両氏/各氏 (「A、B両氏」「A、Bの各氏」), or a known
    official's full name (reference list) as a partner (「Aと会談」) or in a list of such names."""
    text = doc_text(doc)
    items = []
    spans = sorted((m.start, m.end) for m in people)  # a chunk looks only at the people starting in it
    starts = [s for s, _ in spans]
    person_ends = {m_end for _, m_end in spans}
    for start, end, pieces in chunks:
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        person = any(m_end <= e for _, m_end in spans[bisect_left(starts, s) : bisect_right(starts, e)])
        items.append((s, e, person, None if person else _untitled_name(doc, pieces)))
    found = []
    i = 0
    while i < len(items):
        j = i
        while j + 1 < len(items) and text[items[j][1] : items[j + 1][0]] in _LIST_JOINERS and (items[j + 1][2] or items[j + 1][3]):
            j += 1
        run = items[i : j + 1]
        group = run[-1][3] is not None and run[-1][3][4] or bool(_GROUP_HONORIFIC.match(text[run[-1][1] : run[-1][1] + 4]))
        with_people = any(item[2] for item in run)
        known = [item for item in run if item[3] is not None and _reference_country([item[3][2], *item[3][3]])]
        for s, e, _person, untitled in run:
            if untitled is None:
                continue
            n_start, n_end, name, readings, _ = untitled
            country = _reference_country([name, *readings])
            follows = text[n_end : n_end + 2]
            if country:
                ok = group or with_people or len(known) > 1 or follows.startswith(lexicon.construction_words("name_continues"))
            else:
                # 「事務次官のオリバー・ペンローズは」: a full name the post before it introduces
                ok = (group or _post_apposed(text, n_start, person_ends)) and _looks_like_full_name(name)
            if not ok and group and len(name) <= 10:
                # 「山田、朴両氏」: a surname in a 両氏 list points back like 「尹氏」 does
                found.append(
                    DomainMention(
                        "PERSON", n_start, n_end, text[n_start:n_end],
                        **_attrs(name=name, title="氏", title_kind="honorific", official=False, name_end=n_start + len(name), short=len(name) == 1),
                    )
                )
                continue
            if not ok:
                continue
            if _post_apposed(text, n_start, person_ends):
                # 「国務委員の楊潔篪氏」: written like 「X氏」 so the extractor reads the post before 「の」
                found.append(
                    DomainMention(
                        "PERSON", n_start, n_end, text[n_start:n_end],
                        **_attrs(name=name, aliases=readings, title="氏", title_kind="honorific", official=True, weak_country=country, name_end=n_start + len(name)),
                    )
                )
                continue
            found.append(
                DomainMention(
                    "PERSON", n_start, n_end, text[n_start:n_end],
                    # a post is known for reference officials, or shared with the titled officials listed beside
                    **_attrs(name=name, aliases=readings, official=bool(country or with_people), weak_country=country, name_end=n_start + len(name), untitled=True),
                )
            )
        i = j + 1
    return found


def _described_country(doc: Doc, mention: DomainMention, chunk_start: int, previous: Optional[list[_Piece]]) -> DomainMention:
    """「中国外交トップの陳偉共産党政治局員」: a noun phrase opening with one country and describing
    the person (no name in it) before 「の」 gives the person's country."""
    if mention.country or not previous or chunk_start == 0 or doc[chunk_start - 1].text != "の":
        return mention
    if mention.start != doc[chunk_start].idx or previous[-1].end != doc[chunk_start - 1].idx:
        return mention
    first = previous[0]
    if first.kind != "COUNTRY" or "," in first.value or len(previous) < 2:
        return mention  # a bare 「中国の」 is read by the extractor already
    if any(p.kind in ("NAME", "COUNTRY", "PAREN", "KIND", "FORUM", "INST") for p in previous[1:] if p.group != first.group):
        return mention  # 「韓国国防部の」: the extractor reads an institution before 「の」 itself
    # the description itself (外交トップ) can stand for a post when talks are named
    described = "".join(p.text for p in previous[1:])
    if any(word in described for word in lexicon.cues("visiting")):
        return mention  # 「中国訪問中の A 局長」: where A is, not whom A serves
    return replace(mention, country=first.value, described=described)


def _post_apposed(text: str, start: int, person_ends: set[int]) -> bool:
    """A post in apposition right before ``start``: 「外相の」 always; 「国防相、」 only when the post
    is not the title of a person written before it (「X外相、A、B」 is a list of three)."""
    if not _post_before_no(text, start):
        return False
    return text[start - 1 : start] != "、" or (start - 1) not in person_ends


def _post_before_no(text: str, start: int) -> bool:
    """A post and 「の」 (or the 読点 of an apposition) right before ``start`` (「外相の」「国防相、」)."""
    return text[start - 1 : start] in lexicon.construction_words("post_apposition") and any(
        text.endswith(t, 0, start - 1) for t in lexicon.titles() if len(t) >= 2
    )


def _with_post_country(mention: DomainMention, text: str) -> DomainMention:
    """「外交部長の陳偉氏」: the country the post before 「の」 implies (外交部長 → CN), as a default."""
    posts = [t for t in lexicon.titles() if len(t) >= 2 and text.endswith(t, 0, mention.start - 1)]
    if not posts or mention.weak_country:
        return mention
    country = _title_country(lexicon.titles()[max(posts, key=len)], mention.name or "")
    if not country:
        return mention
    return replace(mention, weak_country=country)


def _known_by_honorific(mention: DomainMention, text: str) -> DomainMention:
    """「陳明氏と会談した」: a known official's full name before 氏 introduces the person, it does
    not only point back at someone named before."""
    if mention.title_kind != "honorific":
        return mention
    if _post_before_no(text, mention.start):
        return _with_post_country(mention, text)  # 「外相の陳明氏」: the extractor reads the post before 「の」
    if mention.short:
        return mention
    name = mention.name or ""
    country = _reference_country([name, *(mention.aliases or ("",))])
    if not country:
        return mention
    return replace(mention, title=None, title_kind=None, country=None, official=True, weak_country=country, untitled=True)


# 「防衛大臣に就任しました山田太郎」: a name right after the clause of taking up a post
_APPOINTED_BEFORE = lexicon.construction_pattern("appointed_before")


def _appointed_people(doc: Doc, chunks: list[tuple[int, int, list[_Piece]]], mentions: list[DomainMention]) -> list[DomainMention]:
    """People written by name alone after 「TITLEに就任した」: they hold that post."""
    text = doc_text(doc)
    titles = {m.end: m for m in mentions if m.label == "TITLE" and m.kind and m.kind != "honorific"}
    taken = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
    found = []
    for start, _end, pieces in chunks:
        # the clause is looked for first: reading a name off every chunk is the costly part
        clause = _APPOINTED_BEFORE.search(text, max(0, doc[start].idx - 12), doc[start].idx)
        title = titles.get(clause.start()) if clause is not None else None
        untitled = _untitled_name(doc, pieces) if title is not None else None
        if untitled is None:
            continue
        n_start, n_end, name, readings, _ = untitled
        if clause.end() != n_start or any(s <= n_start < e for s, e in taken) or not _looks_like_full_name(name):
            continue
        entry = lexicon.titles().get(title.text)
        found.append(DomainMention(
            "PERSON", n_start, n_end, text[n_start:n_end],
            **_attrs(name=name, aliases=readings, title=title.text, title_kind=entry.kind if entry else title.kind,
                     official=True, weak_country=_weak_title_country(entry, name) if entry else None, name_end=n_start + len(name)),
        ))
    return found


# 「AとBの両大統領」「A、B、Cの3首脳」: a post written once for the people listed before it
_GROUP_POST = lexicon.construction_pattern("group_post")
# what stands between two people of such a list: a coordinator, 読点, the next one's 「Xの」
_GROUP_GAP = lexicon.construction_pattern("group_gap")


def _titled_by_group_word(doc: Doc, mentions: list[DomainMention]) -> list[DomainMention]:
    """People written with 氏 only, listed before 「の両大統領」「の3首脳」, hold that post."""
    text = doc_text(doc)
    people = sorted((m for m in mentions if m.label == "PERSON" and m.title_kind == "honorific"), key=lambda m: m.start)
    titled: dict[int, DomainMention] = {}
    for title in (m for m in mentions if m.label == "TITLE" and m.kind and m.kind != "honorific"):
        group = _GROUP_POST.search(text, max(0, title.start - 4), title.start)
        if group is None or group.end() != title.start:
            continue
        run, end = [], group.start()
        for person in reversed(people):
            if person.end > end:
                continue
            if person.end != end and not (run and _GROUP_GAP.fullmatch(text, person.end, end)):
                break
            run.insert(0, person)
            end = person.start
        if len(run) < 2:
            continue
        entry = lexicon.titles().get(title.text)
        for person in run:
            titled[person.start] = replace(
                person, title=title.text, title_kind=entry.kind if entry else title.kind,
                official=bool(entry.official) if entry else True,
            )
    return [titled.get(m.start, m) if m.label == "PERSON" and m.title_kind == "honorific" else m for m in mentions]


# 「スミス、ジョン・ロシア連邦外務大臣」: a government's catalogue form, family name first
_CATALOGUE_SURNAME = re.compile(r"(?<![\u30A0-\u30FF・])([\u30A1-\u30FA\u30FC]{2,})[、,，]$")


def _catalogue_names(doc: Doc, mentions: list[DomainMention]) -> list[DomainMention]:
    """A katakana name written 「Family、Given・COUNTRY post」 is the whole 「Family、Given」,
    the family name alone (how the text goes on) one of its spellings."""
    text = doc_text(doc)
    countries = [(m.start, m.end) for m in mentions if m.label == "COUNTRY"]
    found = []
    for m in mentions:
        if m.label == "PERSON" and m.name and m.name_end and _KATAKANA.match(m.name.replace("・", "")):
            family = _CATALOGUE_SURNAME.search(text, max(0, m.start - 12), m.start)
            joined = text[m.name_end : m.name_end + 1] == "・" and any(s == m.name_end + 1 for s, _ in countries)
            if family is not None and joined and family.group(1) not in lexicon.places() and family.group(1) not in lexicon.non_person_words():
                name = text[family.start() : m.start] + m.name
                m = replace(m, start=family.start(), text=text[family.start() : m.end], name=name, aliases=(*m.aliases, family.group(1)))
        found.append(m)
    return found


def _side_list_countries(doc: Doc, mentions: list[DomainMention]) -> list[DomainMention]:
    """「フィリピン側からはA外相とB国防相」: every person of the list a side phrase opens is
    from that side, unless the person's own chunk names a country."""
    people = sorted((m for m in mentions if m.label == "PERSON"), key=lambda m: m.start)
    starts = [m.start for m in people]
    updated: dict[int, DomainMention] = {}
    for side in (m for m in mentions if m.label == "SIDE" and len(m.codes) == 1):
        end = side.end
        for k in range(bisect_left(starts, end), len(people)):  # the people before the side never follow it
            person = people[k]
            if person.start < end:
                continue
            if doc_text(doc)[end : person.start].strip() not in (("",) if end == side.end else _LIST_JOINERS):
                break
            if not person.country:
                updated[id(person)] = replace(updated.get(id(person), person), country=side.codes[0])
            end = person.end
    return [updated.get(id(m), m) for m in mentions]


def _meeting_party_countries(doc: Doc, mentions: list[DomainMention]) -> list[DomainMention]:
    """「米韓外相会談で、X外相とY国務長官は」: an unmarked 外相 defaults to Japan only when
    nothing else speaks; when the sentence names a meeting of other countries, the person is
    from the party the others in the sentence leave open (or from no default at all)."""
    text = doc_text(doc)
    updated = list(mentions)
    # sentence ends and mentions by start offset, so a person's sentence is found by bisection
    stops = [i for i, ch in enumerate(text) if ch == "。"]
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in order]
    for idx, person in enumerate(mentions):
        weak = person.weak_country
        if person.label != "PERSON" or not weak or person.country or _reference_country([person.name or ""]):
            continue  # a known official's country comes from the reference list
        before = bisect_left(stops, person.start)
        s = stops[before - 1] + 1 if before else 0
        after = bisect_left(stops, person.end)
        e = stops[after] if after < len(stops) else len(text)
        nearby = sorted(order[bisect_left(starts, s) : bisect_right(starts, e + 1)])
        here = [mentions[i] for i in nearby if mentions[i].end <= e + 1]
        parties = []
        for m in here:
            codes = [c for c in m.countries if len(c) == 2]
            if m.label == "MEETING" and len(codes) >= 2:
                parties.append(codes)
        if not parties:
            continue
        others = [m for m in here if m.label == "PERSON" and m is not person]
        claimed = {m.country for m in others if m.country}
        # a Japanese-style name (two-kanji surname + given name) keeps its default
        claimed |= {m.weak_country for m in others if m.name_origin == "ja" and m.weak_country}
        open_parties = [c for c in parties[0] if c not in claimed]
        if person.name_origin == "ja" or (weak in parties[0] and weak not in claimed):
            continue  # a Japanese-style name, or a default that fits a party nobody else holds
        updated[idx] = replace(person, weak_country=open_parties[0] if len(open_parties) == 1 else None)
    return updated


def _title_country(entry, name: str) -> Optional[str]:
    """The country a title alone names (国家主席 → CN)."""
    if entry is None or not entry.country or entry.country.startswith("~"):
        return None
    return entry.country


def _weak_title_country(entry, name: str) -> Optional[str]:
    """A default country for unmarked titles (外相 → JP) unless the name is in katakana."""
    if entry is None or not entry.country or not entry.country.startswith("~"):
        return None
    return None if re.search(r"[\u30A0-\u30FF]", name) else entry.country[1:]


def _specific_names(names: list[str], countries: list[str]) -> list[str]:
    """Other names of a meeting that can stand for it alone: a name without its countries
    (協議, 2プラス2, 外務・防衛担当閣僚協議) would fit every meeting of its kind, so it gets
    the countries in front, or is dropped when they are unknown and it is a bare word."""
    abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
    prefix = "".join(abbreviations.get(c, "") for c in countries) if all(c in abbreviations for c in countries) else ""
    found = []
    forms = tuple(lexicon.country_forms())
    for name in names:
        if prefix and not name.startswith(forms):
            name = prefix + name  # 「外務・防衛担当閣僚協議」 alone would fit every pair of countries
        elif name in lexicon.meeting_kinds():
            continue
        if name not in found:
            found.append(name)
    return found


def _is_meeting_alias(text: str) -> bool:
    """A short other name of a meeting in parentheses: (2プラス2), (シャングリラ会合), (日米「2＋2」)."""
    text = re.sub(r"[「」『』“”\"]", "", unicodedata.normalize("NFKC", text)).strip()  # quotes mark the name
    if not text or len(text) > 15 or _ACRONYM.match(text.replace(" ", "")):
        return False
    return text in lexicon.meeting_kinds() or text.endswith(tuple(k for k in lexicon.meeting_kinds() if len(k) >= 2))


def _kanji_name_before_reading(pieces: list[_Piece], paren_start: int, name_end: int) -> Optional[int]:
    """The first piece of a name of two to four kanji written in words the tagger did not read as a
    name, straight before a katakana reading of a full name (surname・given name); else None."""
    parens = [p for p in pieces[paren_start:name_end] if p.kind == "PAREN"]
    if not parens or not _full_name_reading(parens[0].value):
        return None
    start = paren_start
    while (
        start - 1 >= 0 and pieces[start - 1].kind == "OTHER" and _KANJI.match(pieces[start - 1].text)
        and pieces[start - 1].end == pieces[start].start
    ):
        start -= 1
    length = pieces[paren_start - 1].end - pieces[start].start if start < paren_start else 0
    return start if 2 <= length <= 4 else None


def _is_reading(text: str) -> bool:
    """A parenthesised reading or romanisation of a name (イ・ジェウン, John Doe)."""
    text = text.strip()
    if not text or len(text) > 30:
        return False
    return bool(re.fullmatch(r"[\u30A0-\u30FF・＝= ]+|[\u3041-\u309F・ ]+|[A-Za-z][A-Za-z .\-']+|[\u4E00-\u9FFF]{2,4}", text))


def _institution_of(doc, pieces, region_start, title_end, k, before) -> tuple[Optional[str], Optional[str]]:
    """Institution written in a person chunk, and its country if known."""
    for p in reversed(pieces[region_start:title_end + 1]):
        if p.kind == "INST":
            same = [q for q in pieces if q.group == p.group]
            text = doc_text(doc)[same[0].start : same[-1].end]
            return text, lexicon.institutions()[text].country if text in lexicon.institutions() else None
    # 「国家情報院長」: the title core starts with an institution suffix
    core = pieces[k].text
    if core.endswith(_HEAD_OF_INSTITUTION.word) and core[0] in _HEAD_OF_SUFFIXES:
        prefix = [p for p in pieces[region_start:k] if p.kind in ("OTHER",)]
        if prefix and prefix[-1].end == pieces[k].start:
            text = doc_text(doc)[prefix[0].start : pieces[k].start + 1]
            if len(text) >= 3:
                return text, None
    for p in reversed(before):
        if p.kind == "INST":
            same = [q for q in pieces if q.group == p.group]
            text = doc_text(doc)[same[0].start : same[-1].end]
            return text, lexicon.institutions()[text].country if text in lexicon.institutions() else None
    return None, None


def _institution_mentions(doc: Doc, pieces: list[_Piece]) -> list[DomainMention]:
    """Known institutions, and compounds ending in an institution suffix (外交部, 〜司令部)."""
    found = []
    seen_groups = set()
    suffixes = lexicon.institution_suffixes()
    for idx, p in enumerate(pieces):
        if p.kind == "INST" and p.group not in seen_groups:
            seen_groups.add(p.group)
            same = [q for q in pieces if q.group == p.group]
            s, e = same[0].start, same[-1].end
            country = p.value or ""
            kind = lexicon.institutions()[doc_text(doc)[s:e]].kind if doc_text(doc)[s:e] in lexicon.institutions() else ""
            # a country written right before it (米国務省) is part of the name as written
            first = pieces.index(same[0])
            if first > 0 and pieces[first - 1].kind == "COUNTRY" and "," not in pieces[first - 1].value:
                s = pieces[first - 1].start
                country = pieces[first - 1].value
            found.append(DomainMention("INSTITUTION", s, e, doc_text(doc)[s:e], **_attrs(country=country, kind=kind)))
    # suffix compounds: a run of OTHER pieces (after a country or a known institution)
    # ending in a suffix piece: 外交部, 米国務省東アジア・太平洋担当室
    run: list[_Piece] = []
    has_title = any(p.kind == "TITLE" for p in pieces)
    for p in pieces + [_Piece("", 0, 0, -1, "END")]:
        if p.kind in ("OTHER", "COUNTRY", "JOIN", "INST") and not (p.kind == "COUNTRY" and "," in p.value):
            run.append(p)
            continue
        if p.kind == "NAME" and not has_title and _KANJI.match(p.text) and all(q.kind == "NAME" for q in run):
            run.append(p)  # 「漢江政策研究院」: a proper name opening an institution
            continue
        while run and run[-1].kind != "OTHER":
            run.pop()
        while run and run[0].kind == "JOIN":
            run.pop(0)
        if run and run[-1].kind == "OTHER":
            text = doc_text(doc)[run[0].start : run[-1].end]
            last_known = max((i for i, q in enumerate(run) if q.kind == "INST"), default=-1)
            tail = doc_text(doc)[run[last_known + 1].start : run[-1].end] if last_known + 1 < len(run) else ""
            suffix = next((s for s in sorted(suffixes, key=len, reverse=True) if tail.endswith(s)), None)
            body = tail[: -len(suffix)] if suffix else ""
            stop = any(text.endswith(w) for w in lexicon.institution_stopwords() if len(w) >= 2)
            if suffix and len(tail) >= 3 and not stop and tail not in lexicon.institution_stopwords() and not _DIGITS.search(body):
                first = run[0]
                country = first.value if first.kind in ("COUNTRY", "INST") and "," not in first.value else ""
                found.append(DomainMention("INSTITUTION", first.start, run[-1].end, text, **_attrs(country=country, kind=suffixes[suffix])))
        run = []
    return found


def _country_mentions(pieces: list[_Piece]) -> list[DomainMention]:
    found = []
    seen = set()
    for p in pieces:
        if p.kind == "COUNTRY" and p.group not in seen:
            seen.add(p.group)
            same = [q for q in pieces if q.group == p.group]
            last = pieces.index(same[-1])
            if last + 2 == len(pieces) and pieces[-1].kind == "PAREN" and _ACRONYM.match(pieces[-1].value.replace(" ", "")):
                same.append(pieces[-1])  # 「欧州連合(EU)のX上級代表」: the acronym is part of what 「の」 follows
            text = "".join(q.text for q in same)
            found.append(DomainMention("COUNTRY", same[0].start, same[-1].end, text, **_attrs(codes=p.value.split(","))))
    return found


def _meeting_mentions(doc: Doc, pieces: list[_Piece]) -> list[DomainMention]:
    """Meeting phrases: [第N回][countries][forum][(ACR)][kind word], and bare forum names."""
    found = []
    n = len(pieces)
    k = n - 1
    while k >= 0:
        p = pieces[k]
        is_acronym = p.kind in ("NAME", "OTHER") and _ACRONYM.match(_nfkc(p.text)) and _nfkc(p.text) not in lexicon.institutions()
        standalone = is_acronym and (k == 0 or pieces[k - 1].kind in ("COUNTRY", "ORD", "JOIN"))
        if p.kind not in ("KIND", "FORUM") and not standalone:
            k -= 1
            continue
        end = k
        start = k
        while start - 1 >= 0 and pieces[start - 1].group == p.group and p.group >= 0:
            start -= 1
        # walk left over qualifiers: forums, kinds, countries, institutions, acronyms, ordinals
        while start - 1 >= 0:
            q = pieces[start - 1]
            if q.kind in ("KIND", "FORUM", "COUNTRY", "INST", "ORD", "PAREN", "JOIN", "TITLE"):
                start -= 1
            elif q.kind in ("OTHER", "NAME") and not re.search(r"[0-9０-９]", q.text) and not _COUNTRY_COUNTER.fullmatch(q.text) \
                    and not _HIRAGANA_WORD.fullmatch(q.text):  # 「下記のとおり日米…会議」: a function noun opens no name
                start -= 1
            elif (
                _COUNTRY_COUNTER.fullmatch(q.text) and start - 3 >= 0 and pieces[start - 3].kind == "COUNTRY"
                and re.fullmatch(r"[0-9０-９一二三四五六七八九十]+", pieces[start - 2].text)
            ):
                start -= 2  # 「日米韓3カ国会合」: the count of the countries named before it
            else:
                break
        while start < end and pieces[start].kind == "JOIN":
            start += 1
        if end + 1 < n and pieces[end + 1].kind == "PAREN" and (
            _ACRONYM.match(pieces[end + 1].value.replace(" ", "")) or _is_meeting_alias(pieces[end + 1].value)
        ):
            end += 1  # 「日韓海洋安全保障対話(MSD)」「…閣僚協議(2プラス2)」: another name of it
        phrase = pieces[start : end + 1]
        mention = _meeting_from_phrase(doc, phrase)
        if mention is not None and mention.forum and _COUNTED_COUNTRIES.search(mention.forum):
            # 「日米韓3カ国会合」 is the 日米韓会合, written with the count of its parties
            written = mention.forum
            mention = replace(
                mention, forum=_COUNTED_COUNTRIES.sub("", written), aliases=(*mention.aliases, written),
            )
        if mention is not None:
            found.append(mention)
        k = start - 1
    return found


def _meeting_from_phrase(doc: Doc, phrase: list[_Piece]) -> Optional[DomainMention]:
    ordinal = None
    ords = [p for p in phrase if p.kind == "ORD" and p.value]
    if ords:
        ordinal = ords[0].value
    body = [p for p in phrase if p.kind != "ORD"]
    if not body:
        return None
    countries: list[str] = []
    for p in body:
        if p.kind == "COUNTRY":
            countries += [c for c in p.value.split(",") if c not in countries]
    known = next((lexicon.forums()[p.value] for p in body if p.kind == "FORUM"), None)
    acronym = None
    other_names = [p.value for p in body if p.kind == "PAREN" and _is_meeting_alias(p.value)]
    body = [p for p in body if not (p.kind == "PAREN" and _is_meeting_alias(p.value))]
    parens = [p for p in body if p.kind == "PAREN" and _ACRONYM.match(p.value.replace(" ", ""))]
    if parens:
        acronym = parens[0].value.replace(" ", "")
    bare_acronyms = [
        _nfkc(p.text) for i, p in enumerate(body)
        if p.kind in ("NAME", "OTHER") and _ACRONYM.match(_nfkc(p.text))
        and all(q.kind in ("COUNTRY", "JOIN") for q in body[:i])
    ]
    if not acronym and bare_acronyms:
        acronym = bare_acronyms[-1]
    kinds = [p for i, p in enumerate(body) if p.kind == "KIND" and (i == 0 or body[i - 1].group != p.group)]
    kind_word = None
    if kinds:
        specific = [p for p in kinds if lexicon.meeting_kinds()[p.match].kind not in ("forum", "dialogue", "bilateral")]
        kind_word = (specific or kinds)[-1]
    inst = [p for p in body if p.kind == "INST"]
    # the forum name as written: the text before an acronym in parentheses, or the whole
    # phrase without parentheses and without a trailing generic 会議/会合
    text_no_paren = "".join(p.text for p in body if p.kind != "PAREN")
    forum_name = None
    aliases: list[str] = []
    if parens:
        before = body[: body.index(parens[0])]
        head = "".join(p.text for p in before)
        if before and all(p.kind == "INST" for p in before):
            # 北大西洋条約機構(NATO)首脳会議: an organisation's own meeting
            after = body[body.index(parens[0]) + 1 :]
            if not after:
                return None
            tail = "".join(p.text for p in after)
            forum_name = head + tail
            aliases.append(acronym + tail)
            acronym = None
            countries = countries or [c for c in (lexicon.institutions()[head].country,) if c] if head in lexicon.institutions() else countries
        elif head.endswith(_FORUM_HEADS) or known is not None or (
            # 「日米豪防衛相会談(TDMM)」: talks of named countries, their acronym after them
            kind_word is not None and countries and before[-1].kind == "KIND"
        ):
            forum_name = head
            after = body[body.index(parens[0]) + 1 :]
            tail = "".join(p.text for p in after if p.kind != "PAREN")
            tail_kind = lexicon.meeting_kinds()[tail].kind if tail in lexicon.meeting_kinds() else None
            if known is None and tail_kind not in (None, "forum", "dialogue", "bilateral"):
                # 「アジア太平洋経済協力会議(APEC)首脳会議」: the leaders' meeting of that forum
                forum_name = head + tail
                aliases.append(acronym + tail)
                acronym = None
        else:
            return None
    elif known is not None:
        forum_name = known.name if len(body) == 1 and body[0].text == known.acronym else "".join(
            p.text for p in body if p.kind in ("FORUM", "COUNTRY", "OTHER", "NAME", "JOIN", "KIND", "INST")
        )
        if kind_word is not None and body[-1].kind == "KIND" and lexicon.meeting_kinds()[body[-1].match].kind in ("forum", "dialogue"):
            forum_name = "".join(p.text for p in body[:-1] if p.kind != "PAREN") or forum_name
    elif bare_acronyms and not countries and not inst:
        forum_name = None  # an acronym the extractor resolves against definitions in the article
    elif kind_word is not None and (countries or inst):
        forum_name = text_no_paren
        if inst and not countries:
            for p in inst:
                text = p.text
                entry = lexicon.institutions().get(text)
                if entry and entry.country:
                    countries.append(entry.country)
    else:
        return None
    if forum_name is None and not acronym:
        return None
    if known is not None:
        acronym = acronym or known.acronym
        countries = countries or list(known.countries)
        if forum_name and forum_name != known.name:
            aliases.append(forum_name)
        forum_name = known.name
    aliases += [a for a in _specific_names(other_names, countries) if a not in aliases]
    kind = (known.kind if known else None) or (lexicon.meeting_kinds()[kind_word.match].kind if kind_word else "forum")
    start, end = phrase[0].start, phrase[-1].end
    return DomainMention(
        "MEETING",
        start,
        end,
        doc_text(doc)[start:end],
        **_attrs(
            forum=forum_name,
            acronym=acronym,
            aliases=aliases,
            countries=countries,
            kind=kind,
            ordinal=ordinal,
            known=bool(known),
            has_kind=kind_word is not None,
        ),
    )


def _side_mentions(doc: Doc, pieces: list[_Piece], chunk_end: int) -> list[DomainMention]:
    """「韓国側からは」「米国側は」: the side whose delegation the following people form."""
    found = []
    side_words = lexicon.cues("side")
    for i, p in enumerate(pieces):
        if p.kind != "COUNTRY" or "," in p.value:
            continue
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if nxt is not None and nxt.text in side_words and i + 2 == len(pieces):
            end = nxt.end
            j = chunk_end
            while j < len(doc) and doc[j].text in lexicon.construction_words("side_case"):
                end = doc[j].idx + len(doc[j].text)
                j += 1
            if j == chunk_end:
                continue  # 「韓国側の」 describes, it does not introduce a delegation
            found.append(DomainMention("SIDE", p.start, end, doc_text(doc)[p.start:end], **_attrs(codes=p.value.split(","))))
        elif nxt is None and chunk_end < len(doc) and doc[chunk_end].text == "から" and i == 0:
            end = doc[chunk_end].idx + len(doc[chunk_end].text)
            if chunk_end + 1 < len(doc) and doc[chunk_end + 1].text == "は":
                end = doc[chunk_end + 1].idx + 1
            found.append(DomainMention("SIDE", p.start, end, doc_text(doc)[p.start:end], **_attrs(codes=p.value.split(","), weak=True)))
    return found


def _quote_closes(text: str) -> dict[int, int]:
    """Offset of the mark that closes each opening quote mark (nesting counted per kind of
    mark), in one pass; an opening mark never closed is absent."""
    closes: dict[int, int] = {}
    opened: dict[str, list[int]] = {opening: [] for opening in _QUOTE_PAIRS}
    opening_of = {close: opening for opening, close in _QUOTE_PAIRS.items()}
    for j, ch in enumerate(text):
        if ch in opened:
            opened[ch].append(j)
        elif ch in opening_of and opened[opening_of[ch]]:
            closes[opened[opening_of[ch]].pop()] = j
    return closes


def _quote_mentions(doc: Doc) -> list[DomainMention]:
    """Quoted speech: 「…」 that holds a sentence or is followed by と (a name in quotes is not)."""
    text = doc_text(doc)
    closes = _quote_closes(text)
    found = []
    i = 0
    while i < len(text):
        close_char = _QUOTE_PAIRS.get(text[i])
        if close_char is None:
            i += 1
            continue
        j = closes.get(i, len(text))
        if j >= len(text):
            i += 1
            continue
        inner = text[i + 1 : j]
        follows = text[j + 1 : j + 3]
        speech = "。" in inner or len(inner) > 25 or follows.startswith(lexicon.construction_words("quotative")) or "、" in inner
        if speech:
            found.append(DomainMention("QUOTE", i, j + 1, text[i : j + 1]))
        i = j + 1
    return found


def _date_mentions(doc: Doc) -> list[DomainMention]:
    found = []
    for start, end, match in find_dates(doc_text(doc)):
        if start > 0 and doc_text(doc)[start - 1].isdigit():
            continue
        if doc_text(doc)[start - 1 : start] == "【" and doc_text(doc)[end : end + 1] == "】":
            continue  # 「【2024年5月9日】…」: a dateline says when the report was written, not what it reports
        end_text = match.group(0)
        tail = doc_text(doc)[end : end + 6]
        local = lexicon.construction_pattern("local_time").match(tail)
        if local:
            end += local.end()
        found.append(DomainMention("DATE", start, end, doc_text(doc)[start:end], **_attrs(expression=end_text)))
    return found


def _qualifier_countries(doc: Doc, chunk_start: int, previous: Optional[list[_Piece]]) -> tuple[Optional[int], list[str]]:
    """「日米韓の外務次官協議」: countries written before 「の」 qualify a meeting word."""
    if previous is None or chunk_start == 0 or doc[chunk_start - 1].text != "の":
        return None, []
    if not previous or any(p.kind not in ("COUNTRY", "JOIN") for p in previous):
        return None, []
    if previous[-1].end != doc[chunk_start - 1].idx:
        return None, []
    codes: list[str] = []
    for p in previous:
        if p.kind == "COUNTRY":
            codes += [c for c in p.value.split(",") if c not in codes]
    return previous[0].start, codes


def _session_of_counted_meeting(doc: Doc, chunk_start: int, previous: Optional[list[_Piece]]) -> bool:
    """Whether the chunk follows 「…第N回<meeting word>の」: a counted meeting it is a session of."""
    if not previous or chunk_start == 0 or doc[chunk_start - 1].text != "の" or previous[-1].end != doc[chunk_start - 1].idx:
        return False
    return any(p.kind == "KIND" for p in previous) and any(p.kind == "ORD" and p.value for p in previous)


def _unqualified_meeting(doc: Doc, pieces: list[_Piece], chunk_start: int, previous) -> Optional[DomainMention]:
    """A meeting word without a forum: qualified by 「COUNTRIESの」 or a generic back-reference."""
    kinds = [i for i, p in enumerate(pieces) if p.kind == "KIND"]
    if not kinds:
        return None
    last = kinds[-1]
    while last + 1 < len(pieces) and pieces[last + 1].group == pieces[last].group and pieces[last].group >= 0:
        last += 1
    first = last
    while first - 1 >= 0 and pieces[first - 1].group == pieces[last].group and pieces[last].group >= 0:
        first -= 1  # the whole meeting word (「2プラス2」 is three tokens)
    while first - 1 >= 0 and (
        (pieces[first - 1].kind in ("KIND", "TITLE", "OTHER", "JOIN") and not _DIGITS.match(pieces[first - 1].text))
        or (pieces[first - 1].kind == "PAREN" and _is_meeting_alias(pieces[first - 1].value))
    ):
        first -= 1  # 「外交・国防(2+2)長官会議」: the other name sits inside the phrase
    while first < last and pieces[first].kind in ("JOIN", "PAREN"):
        first += 1
    if any(p.kind in ("NAME",) for p in pieces[first : last + 1]):
        return None
    while first < last and lexicon.construction_pattern("country_count_piece").fullmatch(pieces[first].text):
        first += 1  # 「3カ国協議」: the count of countries is not part of the name
    while first < last and pieces[first].text in lexicon.construction_words("duration_counter"):
        first += 1  # 「約40分間会談を行った」: how long it lasted is not part of the name
    inner_names = [p.value for p in pieces[first : last + 1] if p.kind == "PAREN"]
    phrase = "".join(p.text for p in pieces[first : last + 1] if p.kind != "PAREN")
    word = pieces[last].match or pieces[last].text
    other_names = list(inner_names)
    if last + 1 < len(pieces) and pieces[last + 1].kind == "PAREN" and _is_meeting_alias(pieces[last + 1].value):
        other_names.append(pieces[last + 1].value.strip())
        last += 1
    kind = lexicon.meeting_kinds()[word].kind if word in lexicon.meeting_kinds() else "forum"
    start, end = pieces[first].start, pieces[last].end
    ordinal = next((p.value for p in pieces if p.kind == "ORD" and p.value), "")
    if ordinal and _session_of_counted_meeting(doc, chunk_start, previous):
        ordinal = ""  # 「第5回北海協議の第2次会合」: it counts the sessions of that round
    opens_chunk = all(_DIGITS.match(p.text) or lexicon.construction_pattern("country_count_piece").fullmatch(p.text) for p in pieces[:first])
    qualifier_start, countries = _qualifier_countries(doc, chunk_start, previous) if opens_chunk else (None, [])
    if countries:
        forum = doc_text(doc)[qualifier_start : doc[chunk_start - 1].idx] + phrase  # 「日米韓の3カ国協議」 → 日米韓協議
        return DomainMention(
            "MEETING", qualifier_start, end, doc_text(doc)[qualifier_start:end],
            **_attrs(
                forum=forum, countries=countries, kind=kind, ordinal=ordinal, has_kind=True,
                aliases=_specific_names([phrase, *other_names], countries),
            ),
        )
    return DomainMention(
        "MEETING", start, end, doc_text(doc)[start:end],
        **_attrs(generic=True, phrase=phrase, kind=kind, ordinal=ordinal, has_kind=True, other_names=other_names),
    )


def recognise(doc: Doc) -> tuple[DomainMention, ...]:
    """Every domain mention in ``doc`` (a pure function of the parse)."""
    mentions: list[DomainMention] = []
    previous: Optional[list[_Piece]] = None
    all_people: list[DomainMention] = []
    chunk_pieces: list[tuple[int, int, list[_Piece]]] = []
    for start, end in _chunks(doc):
        pieces = _pieces(doc, start, end)
        if not pieces:
            continue
        chunk_pieces.append((start, end, pieces))
        mentions += _country_mentions(pieces)
        mentions += _institution_mentions(doc, pieces)
        people = [_described_country(doc, _known_by_honorific(m, doc_text(doc)), start, previous) for m in _person_mentions(doc, pieces)]
        all_people += people
        mentions += people
        for p in pieces:
            if p.kind == "TITLE":
                same = [q for q in pieces if q.group == p.group]
                if p is same[0]:
                    mentions.append(DomainMention("TITLE", same[0].start, same[-1].end, doc_text(doc)[same[0].start : same[-1].end], **_attrs(kind=p.value)))
        person_spans = [(m.start, m.end) for m in people]
        meetings = [
            m for m in _meeting_mentions(doc, pieces)
            if not any(s <= m.start and m.end <= e for s, e in person_spans)
        ]
        if not meetings and not people:
            extra = _unqualified_meeting(doc, pieces, start, previous)
            if extra is not None:
                meetings.append(extra)
        mentions += meetings
        mentions += _side_mentions(doc, pieces, end)
        previous = pieces
    posted = _post_then_name(doc, chunk_pieces, all_people) + _post_then_bracketed_name(doc, chunk_pieces, all_people)
    all_people += posted
    mentions += posted
    mentions += _listed_people(doc, chunk_pieces, all_people)
    mentions += _appointed_people(doc, chunk_pieces, mentions)
    mentions = _titled_by_group_word(doc, mentions)
    mentions = _catalogue_names(doc, mentions)
    mentions = _side_list_countries(doc, mentions)
    mentions = _meeting_party_countries(doc, mentions)
    mentions = [_unblanked_name(m) for m in mentions]
    mentions += _quote_mentions(doc)
    mentions += _date_mentions(doc)
    mentions.sort(key=lambda m: (m.start, -m.end, m.label))
    return tuple(mentions)


_BLANK_IN_KANJI_NAME = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])")


def _unblanked_name(mention: DomainMention) -> DomainMention:
    """「山川　一郎」 in a table cell: the blank a page sets between a kanji family name and given
    name is no part of the name (山川一郎)."""
    if mention.label != "PERSON" or not mention.name or not _BLANK_IN_KANJI_NAME.search(mention.name):
        return mention
    return replace(mention, name=_BLANK_IN_KANJI_NAME.sub("", mention.name))


def mentions_to_spans(doc: Doc, mentions: Iterable[DomainMention]) -> list[Span]:
    """Token spans (expanded to token boundaries) for the mentions, labelled by type."""
    spans = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


if not Doc.has_extension("kg_mentions"):
    Doc.set_extension("kg_mentions", default=())


@Language.component(
    COMPONENT_NAME,
    requires=["token.tag", "token.pos", "token.dep", "token.head", "doc.ents"],
    assigns=["doc._.kg_mentions", "doc.spans"],
)
def kg_domain(doc: Doc) -> Doc:
    """Recognise countries, institutions, titles, people, forums, meetings, sides, dates, quotes."""
    mentions = recognise(doc)
    doc._.kg_mentions = mentions
    doc.spans[SPAN_KEY] = mentions_to_spans(doc, mentions)
    return doc
