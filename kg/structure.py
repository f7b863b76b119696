"""Document structure as data: the typed blocks of an article (part of ingest).

A readout is not a run of paragraphs only: a headline names the meeting, numbered headings
(「1 外相会談」「2 夕食会」) open the sections that report its parts, and rosters without a
verb (「日本:A大臣 ペルー:B大臣」, or a list of names under 「出席者」) say who sat for which
side. ``document_blocks`` types every line ingest looked at and gives each block the heading
(or headline) in whose scope it stands; extraction reads the meeting of that scope.

Kinds: ``headline``, ``dateline``, ``heading`` (numbered: level 1 「1」「一」, level 2 「(1)」;
unnumbered list headings 「(参考)出席者」: level 0), ``roster``, ``caption``, ``body``.
Only structure is read here (numbering, colons, list-label words from ``cues.tsv``, side-label
heads from ``side_labels.tsv``, country forms): no name, sentence or site of any corpus.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Optional, Sequence

from kg import lexicon
from kg.dates import CAPTION_DATELINE, date_line
from kg.records import Block

# ingest's ParagraphVerdict records (paragraph, kind, reason, kept); not imported: ingest imports this module
ParagraphVerdict = Any


HEADING_MAX_CHARS = 40  # a section heading is a short line
SECTION_WORDS_MAX_CHARS = 20  # ...and its words (after the number) shorter still when ingest reads past it
ROSTER_LINE_MAX_CHARS = 200
LIST_HEADING_MAX_CHARS = 30
LIST_INTRO_TAIL_CHARS = 3  # 「…以下のとおりです」: a copula after the formula
LIST_MAX_LINES = 40
NEAR_BODY_LINES = 12  # rosters and headings stand inside the article, not far below it

# 「1 外相会談」「１．夕食会」「二、…」 (level 1) and 「(1) 防衛交流」「（２）…」 (level 2)
_NUMBER_1 = re.compile(r"^(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:[.、]\s*|\s+)(?=\S)")
_NUMBER_2 = re.compile(r"^[(][0-9]{1,2}[)]\s*(?=\S)")
_BULLET = re.compile(r"^[•‣◦・●○■□◆◇▶►▷▸▹★☆※→⇒\-*·✓✔➤➡]\s*")
_SENTENCE_END = ("。", "｡")
_TRAILING_NOTE = re.compile(r"[(][^()]*[)]$")
_DATED_ROW = re.compile(r"^(?:(?:令和|平成)?\d{1,4}[年/.\-])?\d{1,2}[月/.\-]\d{1,2}")


@lru_cache(maxsize=1)
def _roster_label() -> re.Pattern:
    """A roster label at a line's start or after a space: a side-label head of
    ``side_labels.tsv`` (a country form of two or more characters for a bare ``{country}``), maybe a
    list word (同席者), then a colon: 「日本:」「ペルー側:」「我が方出席者:」."""
    forms = [f for f, _ in lexicon.country_forms_longest_first()]
    long_forms = "|".join(re.escape(f) for f in forms if len(f) >= 2)
    any_forms = "|".join(re.escape(f) for f in forms)
    heads = []
    for _, words, _ in lexicon.side_labels():
        # a one-character country form (米, 韓) binds only to a following noun (米側)
        heads += [re.escape(w).replace(re.escape("{country}"), f"(?:{long_forms if w == '{country}' else any_forms})")
                  for w in words]
    words = "|".join(re.escape(w) for w in sorted(lexicon.cues("list_label"), key=len, reverse=True))
    heads_re = "|".join(sorted(heads, key=len, reverse=True))
    # a list word may open the line (「出席者 日本:A大臣 ペルー:B大臣」); the label ends in a
    # colon or stands in brackets (「(日本側)A大臣」)
    lead = rf"(?:[(【\[<〈《]?(?:{words})[)】\]>〉》]?\s*[:]?\s*)?"
    # after a bracketed list word a country form and a space label a side too
    # (「(出席者)日本 A大臣 ペルー B大臣」)
    bracketed = rf"[(【\[](?:{words})[)】\]]\s*(?:{long_forms})\s+(?=\S)"
    return re.compile(
        rf"{bracketed}|{lead}(?:(?:^|(?<=\s)|(?<=[)】\]]))(?:{heads_re})(?:{words})?\s*[:：]|[(【\[<〈《](?:{heads_re})(?:{words})?[)】\]>〉》])\s*(?=\S)"
    )


def _list_word(normal: str) -> bool:
    return any(word in normal for word in lexicon.cues("list_label"))


def is_list_heading(text: str) -> bool:
    """「【出席者】」「(参加者)」: a short line with a list word (cues ``list_label``), no sentence."""
    normal = unicodedata.normalize("NFKC", text.strip())
    return (len(normal) <= LIST_HEADING_MAX_CHARS and _list_word(normal)
            and not any(mark in normal for mark in _SENTENCE_END))


def heading_level(text: str) -> Optional[int]:
    """1 for 「1 外相会談」, 2 for 「(1) 防衛交流」, None for a line that is not a numbered heading."""
    normal = unicodedata.normalize("NFKC", text).strip()
    if any(mark in normal for mark in _SENTENCE_END) or len(normal) > HEADING_MAX_CHARS:
        return None
    if _NUMBER_2.match(normal):
        return 2
    if _NUMBER_1.match(normal):
        return 1
    return None


def is_section_heading(text: str) -> bool:
    """A numbered heading short enough to name a section (「2 夕食会」), not a numbered headline
    of a list of other articles (those run longer)."""
    if heading_level(text) is None:
        return False
    normal = unicodedata.normalize("NFKC", text).strip()
    words = _NUMBER_2.sub("", normal) if _NUMBER_2.match(normal) else _NUMBER_1.sub("", normal)
    # (a bracketed note after the words, 「少人数会合(11時05分から約30分間)」, is no part of the name)
    return len(_TRAILING_NOTE.sub("", words).strip() or words) <= SECTION_WORDS_MAX_CHARS


def is_roster_line(text: str) -> bool:
    """「日本:山川一郎外務大臣 ブラジル:カルロス・メンデス外務大臣」: labelled by side, no sentence;
    or opened by a bracketed list word (「(出席者)…の出席者に加え、日本側からA、B」)."""
    normal = unicodedata.normalize("NFKC", _BULLET.sub("", text.strip()))
    return (
        not any(mark in normal for mark in _SENTENCE_END)
        and len(normal) <= ROSTER_LINE_MAX_CHARS
        and (_roster_label().match(normal) is not None or _opens_with_list_word(normal))
    )


def _opens_with_list_word(normal: str) -> bool:
    """「(出席者)…」「【参加者】…」: a bracketed list word opening a line that goes on."""
    opened = re.match(r"^[(【\[〔<〈《]([^)】\]〕>〉》]{1,6})[)】\]〕>〉》]\s*\S", normal)
    if opened is None:
        # 「陪席:A局長、B大佐」: the list word before a colon opens the line as well
        opened = re.match(r"^([^\s:、。]{1,6}):\s*\S", normal)
    return opened is not None and opened.group(1) in lexicon.cues("list_label")


def points_at_other_list(text: str) -> bool:
    """「上記出席者に加え」「(出席者は拡大会合と同じ)」「少人数会合の出席者に加え」: a list word with a
    word pointing back (``roster_above`` before it) or at another list (``roster_same`` after it, or
    ``roster_besides`` right after it)."""
    normal = unicodedata.normalize("NFKC", text)
    words = "|".join(re.escape(w) for w in sorted(lexicon.cues("list_label"), key=len, reverse=True))
    above = "|".join(re.escape(w) for w in sorted(lexicon.cues("roster_above"), key=len, reverse=True))
    same = "|".join(re.escape(w) for w in sorted(lexicon.cues("roster_same"), key=len, reverse=True))
    besides = "|".join(re.escape(w) for w in sorted(lexicon.cues("roster_besides"), key=len, reverse=True))
    return re.search(rf"(?:{above})の?(?:{words})|(?:{words})は[^、,()]{{1,20}}(?:{same})|の(?:{words})(?:{besides})", normal) is not None


@lru_cache(maxsize=1)
def _side_label_only() -> re.Pattern:
    """A line that is a side label and nothing else, heading the table rows under it:
    「【日本側】」「(先方)」「我が方:」「米国側出席者:」. A bare country form counts only in brackets
    or before a colon (a line 「日本」 alone may be a menu item)."""
    forms = [f for f, _ in lexicon.country_forms_longest_first()]
    long_forms = "|".join(re.escape(f) for f in forms if len(f) >= 2)
    any_forms = "|".join(re.escape(f) for f in forms)
    marked, bare = [], []
    for _, words, _ in lexicon.side_labels():
        for w in words:
            (bare if w == "{country}" else marked).append(
                re.escape(w).replace(re.escape("{country}"), f"(?:{long_forms if w == '{country}' else any_forms})"))
    words = "|".join(re.escape(w) for w in sorted(lexicon.cues("list_label"), key=len, reverse=True))
    marked_re = "|".join(sorted(marked, key=len, reverse=True))
    any_re = "|".join(sorted(marked + bare, key=len, reverse=True))
    return re.compile(
        rf"[(【\[〔<〈《](?:{any_re})(?:{words})?[)】\]〕>〉》]\s*[:]?|(?:{any_re})(?:{words})?\s*[:]|(?:{marked_re})(?:{words})?"
    )


def is_side_label_line(text: str) -> bool:
    """「【日本側】」 alone on its line: the side of the table rows under it."""
    normal = unicodedata.normalize("NFKC", text).strip()
    # 「(1)日本側」「(2)ベトナム側」: a readout numbers its side labels as the items of the list
    normal = _NUMBER_2.sub("", normal, count=1)
    return len(normal) <= LIST_HEADING_MAX_CHARS and _side_label_only().fullmatch(normal) is not None


def _table_row(text: str) -> bool:
    """「首席代表<TAB>A<TAB>外務審議官」「B　防衛政策課長」: a short line of cells apart by tabs or
    blanks, no sentence, no numbered heading, no caption or link."""
    normal = unicodedata.normalize("NFKC", text).strip()
    return (
        0 < len(normal) <= ROSTER_LINE_MAX_CHARS
        and not any(mark in normal for mark in _SENTENCE_END)
        and re.search(r"\S[\s]+\S", normal) is not None
        and heading_level(normal) is None
        and not date_line(normal) and not _DATED_ROW.match(normal)  # (「2030年5月4日　…」: a dated item, no row)
        and not _bracketed_credit(normal)
        and not re.search(r"https?://|www\.", normal)
    )


def roster_rows(texts: Sequence[str]) -> set[int]:
    """The indexes of the lines of ``texts`` that are rows of a roster table: a line labelled by
    side (「日本:A大臣」), a side label alone (「【日本側】」), and the lines of cells right under
    one of those or under a list heading (「1 出席者」「【出席者】」: the heading is not a row) —
    「　　　　B　防衛政策課長」 continues the side of the label above it."""
    rows: set[int] = set()
    open_ = False
    for i, text in enumerate(texts):
        if is_roster_line(text) or is_side_label_line(text):
            rows.add(i)
            open_ = True
        elif is_list_heading(text):
            open_ = True
        elif open_ and _table_row(text):
            rows.add(i)
        else:
            open_ = False
    return rows


def _unbulleted(start: int, text: str) -> tuple[int, int]:
    """(start, end) of a line without its bullet."""
    bullet = _BULLET.match(text)
    skip = bullet.end() if bullet else 0
    return start + skip, start + len(text)


def document_blocks(verdicts: Sequence[ParagraphVerdict], headline_at: Optional[int],
                    dateline_at: Optional[int]) -> tuple[Block, ...]:
    """The typed blocks of an article from ingest's paragraph verdicts, in text order.

    Kept paragraphs are body (a dated photo caption: caption); of the lines ingest dropped,
    a numbered short line followed by article text is a heading, a line labelled by side is
    a roster, and the short lines under a heading with a list word (出席者) are a roster
    too. ``headline_at``/``dateline_at`` are the indexes of the headline and dateline lines.
    Each block's ``scope`` is the index (in the result) of the nearest level-2 heading
    under the current level-1 one, else of the nearest level-1 heading (or unnumbered list
    heading) above it, else of the headline; a level-2 heading stands in the scope of its
    level-1 heading."""
    kept = [i for i, v in enumerate(verdicts) if v.kept]
    if not kept:
        return ()
    first, last = kept[0], kept[-1]
    kinds: dict[int, tuple[str, int]] = {}  # verdict index → (kind, level)
    rows = roster_rows([v.paragraph.text for v in verdicts])
    for i, v in enumerate(verdicts):
        text = v.paragraph.text
        if v.kept:
            caption = CAPTION_DATELINE.search(unicodedata.normalize("NFKC", text)) and not any(m in text for m in _SENTENCE_END)
            listed = not caption and is_roster_line(text) and _opens_with_list_word(unicodedata.normalize("NFKC", text.strip()))
            kinds[i] = ("caption" if caption else "roster" if listed else "body", 0)
            continue
        if i == headline_at:
            kinds[i] = ("headline", 0)
            continue
        if i == dateline_at:
            kinds[i] = ("dateline", 0)
            continue
        inside = first - 3 <= i <= last + NEAR_BODY_LINES and not v.reason.startswith("after an end-of-page")
        if not inside:
            continue
        if date_line(text):
            kinds[i] = ("dateline", 0)  # 「2030.05.04」 between the items of a listing page
            continue
        if i in rows or (is_list_heading(text) and points_at_other_list(text)):
            kinds[i] = ("roster", 0)
            continue
        level = heading_level(text) if is_section_heading(text) else None
        opens = _opens_section(verdicts, i) if level is not None else None
        if opens == "roster" or (opens == "text" and i < last):
            kinds[i] = ("heading", level)  # (a last section may hold only its roster: 「3 夕食会 (出席者) …」)
    _list_rosters(verdicts, kinds, last)
    blocks: list[Block] = []
    scope: Optional[int] = None
    sub: Optional[int] = None  # the level-2 heading (「(2) 夕食会」) under the level-1 scope
    headline_block: Optional[int] = None
    for i in sorted(kinds):
        kind, level = kinds[i]
        p = verdicts[i].paragraph
        start, end = _unbulleted(p.start, p.text) if kind == "roster" else (p.start, p.end)
        if kind == "heading" and level == 0 and _reference_note(p.text):
            scope = None  # 「(参考)出席者」 after the numbered sections concerns the whole article
        if kind == "heading" and level == 1:
            scope = None  # a numbered section stands under the headline, not under the section before it
        if kind == "heading" and level in (0, 1, 2):
            sub = None
        own_scope = sub if sub is not None else scope if scope is not None else headline_block
        blocks.append(Block(start=start, end=end, kind=kind, level=level,
                            scope=None if kind in ("headline", "dateline") else own_scope))
        if kind == "headline":
            headline_block = len(blocks) - 1
        if kind == "heading" and level in (0, 1):
            scope = len(blocks) - 1
        if kind == "heading" and level == 2:
            sub = len(blocks) - 1
    return tuple(blocks)


def _bracketed_credit(text: str) -> bool:
    """「(写真)握手する両大臣」: a line opened by a credit word in brackets is a caption, not a roster row."""
    normal = unicodedata.normalize("NFKC", text).strip()
    opened = re.match(r"^[(【\[]([^)】\]]{1,6})[)】\]]", normal)
    return opened is not None and opened.group(1) in lexicon.furniture_terms().get("credit", ())


def _reference_note(text: str) -> bool:
    """「(参考)出席者」: a list heading marked as a note to the whole page (cues
    ``reference_note``); an unmarked 「(出席者)」 lists the attendees of the section it stands in."""
    normal = unicodedata.normalize("NFKC", text)
    return any(word in normal for word in lexicon.cues("reference_note"))


def _opens_section(verdicts: Sequence[ParagraphVerdict], i: int) -> Optional[str]:
    """What article text follows the line ``i`` (``text``: kept prose, or ``roster``), at most one
    more heading (numbered, or a list heading: 「3 夕食会」 over 「(出席者)」) or a blank in
    between; None when none does."""
    for j in range(i + 1, min(len(verdicts), i + 4)):
        text = verdicts[j].paragraph.text
        if verdicts[j].kept:
            return "text"
        if is_roster_line(text):
            return "roster"
        if heading_level(text) is None and not is_list_heading(text):
            return None
    return None


def _list_intro(normal: str) -> bool:
    """「出席者は以下のとおりです。」: a short sentence whose list word the lines under it list —
    it ends in a readout formula (furniture.tsv ``prose_end``) and at most a copula after it."""
    body = normal.strip().rstrip("".join(_SENTENCE_END))
    return any(0 <= len(body) - (body.rfind(term) + len(term)) <= LIST_INTRO_TAIL_CHARS
               for term in lexicon.furniture_terms().get("prose_end", ()) if term in body)


def _list_rosters(verdicts: Sequence[ParagraphVerdict], kinds: dict[int, tuple[str, int]], last: int) -> None:
    """「(参考)出席者」 and the short unpunctuated lines right under it: a heading (level 0)
    and a roster of one line each, until article text or other page furniture."""
    for i, v in enumerate(verdicts):
        normal = unicodedata.normalize("NFKC", v.paragraph.text)
        if i > last + NEAR_BODY_LINES:
            continue
        if v.kept and not _list_intro(normal):
            continue
        if not v.kept and (i in kinds and kinds[i][0] != "heading" or any(m in normal for m in _SENTENCE_END)):
            continue
        # (a kept intro: its last sentence, 「…に参加した。会談の参加者は以下のとおり。」)
        last_sentence = re.split(r"(?<=。)", normal.strip().rstrip("。"))[-1] if v.kept else normal
        if len(last_sentence) > LIST_HEADING_MAX_CHARS or not _list_word(last_sentence):
            continue
        rows = []
        for j in range(i + 1, min(len(verdicts), i + 1 + LIST_MAX_LINES)):
            w = verdicts[j]
            if kinds.get(j, ("roster",))[0] != "roster" or w.kept:
                break
            if not w.reason.startswith(("no sentence punctuation", "bulleted line")):
                break
            if len(w.paragraph.text) > ROSTER_LINE_MAX_CHARS or _bracketed_credit(w.paragraph.text):
                break
            if any(mark in w.paragraph.text for mark in _SENTENCE_END):
                break  # (「※オブザーバーとして、…が出席。」: a note in a sentence, no row)
            rows.append(j)
        if rows:
            kinds.setdefault(i, ("heading", 0))
            for j in rows:
                kinds[j] = ("roster", 0)
