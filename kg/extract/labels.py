"""Side labels: 「日本側から」「先方より」「我が方:」「ブラジル:」 each open one side's part of a
delegation list or roster; the people after a label, up to the next one, stand for its side.

The label forms are data (``kg/data/side_labels.tsv``, read by ``lexicon.side_labels``); this
module is their one interpreter. A label counts only where a person follows it (after at
most a comma, colon or space), so 「米国から抑止力の提供を受ける」 is no label. The side of
「先方」 and 「我が方」 depends on the meeting: the text's own side, and the one other party.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Optional

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.extract.frames import represent
from kg.extract.predicates import held_clause, takes_part
from kg.extract.sentences import Sentence, facts_bracket
from kg.extract.state import Extraction, Meeting, PersonRef


# what may stand between a label and the first person it introduces
_GAP = re.compile(r"[\s、,，:：]*")
# what may stand before a label: the start of the text, punctuation, or a particle closing
# the phrase before it (「会談には日本側から…」)
_BEFORE = set(" \t\u3000、,，。:：;；()（）「」『』【】[]・/／") | set(lexicon.construction_words("label_before"))


class Label(NamedTuple):
    start: int  # doc offsets of the label
    end: int
    side: str  # country | own | other
    code: Optional[str]  # the country written (side == "country")


@lru_cache(maxsize=2)
def _pattern(spaced: bool = False) -> re.Pattern:
    """One alternation of every label form of ``side_labels.tsv``, longest first; group
    ``country`` holds the country form written, and the group name of the row's side is set.
    ``spaced``: a label that opens a roster row ends in a space instead (「日本側　A審議官」)."""
    forms = [f for f, _ in lexicon.country_forms_longest_first()]
    long_forms = "|".join(re.escape(f) for f in forms if len(f) >= 2)
    any_forms = "|".join(re.escape(f) for f in forms)
    # 「米側参加者:」「我が方同席者:」: a list word (``list_label`` in cues.tsv) between head and colon
    words = "|".join(re.escape(w) for w in sorted(lexicon.cues("list_label"), key=len, reverse=True))
    alternatives = []
    for k, (side, heads, endings) in enumerate(lexicon.side_labels()):
        def head_re(tag: str) -> str:
            # a one-character country form (米, 韓) binds only to a following noun (米側)
            pieces = [
                re.escape(head).replace(re.escape("{country}"), f"(?P<x{k}{tag}_{n}>{any_forms if head != '{country}' else long_forms})")
                for n, head in enumerate(heads)
            ]
            return "|".join(sorted(pieces, key=len, reverse=True))
        ends = [re.escape(e) if e != ":" else "[:：]" for e in endings if e]
        # a colon, an ending (から, より), or the label in brackets: 「(日本側)A大臣」「【先方】B大臣」;
        # ``spaced``: a space or tab closes the label instead
        if spaced:
            # (or the row's end: 「日本側」 alone on its line heads the rows under it)
            alternatives.append(f"(?P<{side}_{k}>(?:{head_re('')})(?:[ \t\u3000]+|$))")
        else:
            alternatives.append(
                f"(?P<{side}_{k}>(?:{head_re('')})(?:(?:{words})?[:：]|{'|'.join(ends)})"
                f"|{_OPEN}(?:{head_re('b')})(?:{words})?{_CLOSE})"
            )
    return re.compile("|".join(alternatives))


# brackets around a label that stands without a colon (「(日本側)A大臣」「【先方】B大臣」)
_OPEN, _CLOSE = "[(（【〔［\\[<＜〈《]", "[)）】〕］\\]>＞〉》]"


def find_labels(sentence: "Sentence") -> list[Label]:
    """The side labels of ``sentence`` that introduce a person, outside quoted speech."""
    doc = sentence.doc
    text = doc_text(doc)
    starts = {m.start for m in sentence.mentions if m.label == "PERSON"}
    found = []
    matches = list(_pattern().finditer(text, sentence.span.start_char, sentence.span.end_char))
    if sentence.kind == "roster" and not matches:
        # a roster row whose labels a space or tab closes (「日本側　A審議官」「日本<TAB>局長<TAB>A<TAB>米国<TAB>…」):
        # at the row's start or after a space
        matches = [
            m for m in _pattern(spaced=True).finditer(text, sentence.span.start_char, sentence.span.end_char)
            if m.start() == sentence.span.start_char or not text[m.start() - 1].strip()
        ]
    for match in matches:
        if match.start() > sentence.span.start_char and text[match.start() - 1] not in _BEFORE:
            continue
        after = _GAP.match(text, match.end()).end()
        # (a roster row that is the label alone, 「【日本側】」, heads the rows under it)
        alone = sentence.kind == "roster" and not text[after : sentence.span.end_char].strip()
        # (a label opening a table row, then the person's organisation cells before his post and
        # name: 「日本側<TAB>外務省<TAB>局長<TAB>A」)
        row_label = (sentence.kind == "roster" and match.start() == sentence.span.start_char
                     and any(after < s < sentence.span.end_char for s in starts))
        if (after not in starts and not alone and not row_label) or sentence.quoted(match.start(), match.end()):
            continue
        group = next(name for name, value in match.groupdict().items() if value and not name.startswith("x"))
        side = group.split("_")[0]
        written = next((v for name, v in match.groupdict().items() if v and name.startswith("x")), None)
        code = lexicon.country_forms().get(written) if written else None
        found.append(Label(match.start(), match.end(), side, code))
    return found


def label_meeting(ex: "Extraction", sentence: "Sentence") -> Optional["Meeting"]:
    """The meeting a list in ``sentence`` reports: the last held meeting named in it, else the one in focus."""
    named = ex.sentence_meetings(sentence)
    held = [mt for _, mt in named if mt.status == "held"]
    if held:
        return held[-1]
    if any(not m.generic for m, _ in named):
        return None  # the list is about the meeting this sentence names, which was not held
    return ex.current.get(sentence.index) or (ex.current.get(sentence.index - 1) if sentence.index > 0 else None)


def resolve_labels(ex: "Extraction", labels: list[Label], meeting: Optional["Meeting"]) -> list[Optional[str]]:
    """The country each label stands for: the one written; the text's own side (its home, else
    the one country the other labels write); the one party of the meeting no other label
    takes. None when the text does not decide it."""
    written = [lb.code for lb in labels if lb.side == "country" and lb.code]
    own = ex.home or (written[0] if len(set(written)) == 1 and any(lb.side == "other" for lb in labels) else None)
    taken = set(written) | ({own} if own else set())
    states = [c for c in (meeting.countries if meeting is not None else ()) if len(c) == 2]
    left = [c for c in states if c not in taken]
    if not states and own and len(set(written) - {own}) == 1:
        left = list(set(written) - {own})
    other = left[0] if len(left) == 1 else None
    codes = [lb.code if lb.side == "country" else own if lb.side == "own" else other for lb in labels]
    # the labels share out the parties: one label still undecided (「我が国から」 in a text of no
    # known home) stands for the one party of the meeting no other label names
    undecided = [k for k, code in enumerate(codes) if code is None]
    rest = [c for c in states if c not in codes]
    if len(undecided) == 1 and len(rest) == 1 and len(labels) >= 2:
        codes[undecided[0]] = rest[0]
    return codes


def bind_side_labels(ex: "Extraction") -> None:
    """Add a SIDE mention for every side label the component did not already mark (「先方から」,
    「我が方:」, 「ブラジル:」), with the country it stands for (none when undecided, so that the
    people after it do not take the side of the label before)."""
    for sentence in ex.sentences:
        labels = find_labels(sentence)
        if not labels:
            continue
        codes = resolve_labels(ex, labels, label_meeting(ex, sentence))
        sides = [m for m in sentence.mentions if m.label == "SIDE"]
        added = []
        for label, code in zip(labels, codes):
            overlapping = [s for s in sides if s.start < label.end and label.start < s.end]
            if overlapping and label.side == "country":
                continue  # the component's own 「日本側から」
            text = doc_text(sentence.doc)[label.start : label.end]
            added.append(DomainMention("SIDE", label.start, label.end, text, codes=(code,) if code else ()))
            sentence.mentions[:] = [m for m in sentence.mentions if m not in overlapping]
        if added:
            sentence.mentions[:] = sorted(sentence.mentions + added, key=lambda m: (m.start, m.end))


# what may stand between two people of one side's list, and between a list and the next label
_ITEM_GAP = lexicon.construction_pattern("list_item_gap")
_LIST_END_GAP = lexicon.construction_pattern("list_end_gap")


def labelled_delegations(ex: Extraction, refs: list[PersonRef]) -> None:
    """「日本側から、A及びB他が、米国側から、C、D他が参加しました」: every person listed right
    after a side label took part, for that label's side, in the meeting of the sentence, when
    a participation predicate in the past closes the lists (the parser may give the first
    list's people another head; the labels say who is listed)."""
    for sentence in ex.sentences:
        sides = sorted((m for m in sentence.mentions if m.label == "SIDE" and m.codes), key=lambda m: m.start)
        if not sides or sentence.kind != "body":
            continue
        people = sorted((r for r in refs if r.sentence is sentence), key=lambda r: r.mention.start)
        text = doc_text(sentence.doc)
        listed = _listed_after_labels(text, sides, people, None)
        if not listed:
            continue
        last = max(r.mention.end for r, _ in listed)
        closing = next((t for t in sentence.doc[sentence.span.start : sentence.span.end]
                        if t.idx >= last and takes_part(t) and t.lemma_ in lexicon.cues("attend")), None)
        # the lists end right before the predicate (「…他が参加しました」), nothing else between
        if closing is None or not _listed_after_labels(text, sides, people, closing.idx):
            continue
        meeting = label_meeting(ex, sentence)
        meeting = meeting.parent if meeting is not None and meeting.parent is not None else meeting
        if not held_clause(closing) or meeting is None or meeting.status != "held":
            continue
        for ref, side in listed:
            represent(ex, ref.person, meeting, ",".join(side.codes), sentence, "side_phrase", None)


def _listed_after_labels(text: str, sides: list[DomainMention], people: list[PersonRef],
                         end: Optional[int]) -> list[tuple[PersonRef, DomainMention]]:
    """(person, label) of the people written as a list right after each label; with ``end``
    (the predicate), the last list reaches it with nothing but a list ending (「他が」) between."""
    found = []
    sides = [s for s in sides if end is None or s.end <= end]
    for k, side in enumerate(sides):
        stop = sides[k + 1].start if k + 1 < len(sides) else end
        at, gap = side.end, _GAP
        for ref in people:
            if ref.mention.start < at:
                continue
            if stop is not None and ref.mention.start >= stop:
                break
            if not gap.fullmatch(_unbracketed(text[at : ref.mention.start])):
                break
            found.append((ref, side))
            at, gap = ref.mention.end, _ITEM_GAP
        if stop is not None and found and found[-1][1] is side and not _LIST_END_GAP.fullmatch(_unbracketed(text[at:stop])):
            return []  # something else than a list stands between this side's people and what follows
    return found


def _unbracketed(gap: str) -> str:
    """A gap without what brackets hold (a portfolio or an English gloss after a post)."""
    return re.sub(r"[（(][^（()）]*[）)]", "", gap)


def bracketed_attendees(ex: Extraction, refs: list[PersonRef]) -> None:
    """「令和9年3月2日　日・ペルー外相会談(3月1日、リマ、A外務大臣とB外務大臣)」: the people in the
    bracket of an item's facts (``sentences.facts_bracket``) after a held meeting took part in it,
    for the side a label before them names (「日本側首席代表:A」), else their own country."""
    for sentence in ex.sentences:
        if sentence.kind != "body":
            continue
        sides = sorted((m for m in sentence.mentions if m.label == "SIDE" and m.codes), key=lambda m: m.start)
        for mention, meeting in ex.sentence_meetings(sentence):
            facts = facts_bracket(sentence, mention.end)
            if facts is None or meeting.status != "held":
                continue
            inside = [r for r in refs if r.sentence is sentence and facts[0] <= r.mention.start and r.mention.end <= facts[1]]
            for ref in inside:
                label = [s for s in sides if facts[0] <= s.start and s.end <= ref.mention.start]
                side = ",".join(label[-1].codes) if label else ref.person.country
                represent(ex, ref.person, meeting, side, sentence, "listed", None)
