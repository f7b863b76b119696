"""Participation frames: who took part in which meeting for which side, one construction a function."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Optional

from spacy.tokens import Span

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.dates import CAPTION_DATELINE
from kg.records import RepresentationFact
from kg.extract.sentences import Sentence
from kg.extract.predicates import (
    CLEFT,
    coordinated_heads,
    predicate_chain,
    in_relative_clause,
    says_gathered,
    is_past,
    lexical,
    predicate_of,
    serves_as_chair,
    serves_as_head,
    through_since_clause,
    takes_part,
    held_clause,
    is_topic,
    linear_predicate,
    next_predicate,
    not_subject_written,
    is_time_word,
    next_finite_predicate,
)
from kg.extract.sides import WEAK_SOURCES, set_country, text_side, label_side, side_codes, side_for, side_mention_for
from kg.extract.people import Person, PersonRef, title_core, written_foreign
from kg.extract.meetings import Meeting, is_hosting, other_day
from kg.extract.state import Extraction


# The constructions a representation comes from (RepresentationFact.rule, kgo:rule). Their
# confidence is each one's precision measured on the development corpora
# (kg/data/rule_confidence.tsv, written by scripts/measure_rule_confidence.py), not a guess;
# a construction not measured yet gets UNMEASURED until the file is generated again.
RULES = {
    "side_phrase": "a side phrase names the side of the people after it (X側からは A が)",
    "participant_subject": "the subject of a verb of taking part in the meeting",
    "topic_over_clauses": "a topic (は) whose earlier clause says it took part",
    "meeting_parties": "people of two countries listed before a meeting noun (A と B の会談)",
    "relative_clause": "a relative clause of taking part on the person",
    "talks_with": "one-off talks: A は B と会談した",
    "remarks_after_meeting": "a delegate's remarks right after the day's meeting",
    "collective": "people named before, taken together (両氏は, 3首脳が)",
    "conjunct": "a person coordinated with one who took part",
    "listed": "a labelled list of attendees",
    "setting": "the meeting as the setting of what the person did there",
    "roster": "a roster line under a meeting's heading, labelled by country (日本: A外務大臣)",
    "quoted_report": "an identified speaker reporting in a quotation that he held the meeting",
    "unwritten_subject": "a verb of attending with no subject written: the topic of the sentences before",
    "invited_guest": "the guest a host invites to the meeting (B を招いて…夕食会を開催した)",
    "discussion_speaker": "a delegate speaking in a numbered section of a readout (議論の概要: A大臣は…を提案した)",
}
UNMEASURED = 0.5
RULE_CONFIDENCE = {rule: getattr(lexicon.rule_confidence().get(rule), "confidence", UNMEASURED) for rule in RULES}


# Posts whose holders lead or join delegations (not spokespeople, press or researchers).
DELEGATE_KINDS = {"head", "minister", "vice_minister", "senior", "diplomat", "military"}


_AFTER_ANY_MEETING = lexicon.construction_pattern("after_any_meeting")


_AFTER_MEETING = lexicon.construction_pattern("after_this_meeting")


# 「両氏は」「3首脳は」「4閣僚が」: people already named, taken together
_COLLECTIVE = lexicon.construction_pattern("collective_people")


# rules whose facts say who attended (an attendee list), not who acted
LISTED_RULES = ("side_phrase", "listed", "conjunct")


def _collective_count(word: str) -> Optional[int]:
    """How many people 「両氏」「3首脳」「四閣僚」 name (None when not written as a number)."""
    if word.startswith(lexicon.construction_words("pair_count")):
        return 2
    digits = unicodedata.normalize("NFKC", word[0])
    if digits.isdigit():
        return int(re.match(r"\d+", unicodedata.normalize("NFKC", word)).group())
    return "".join(lexicon.construction_words("kanji_digit")).find(word[0]) + 1 or None


# What may stand between two conjuncts of one list of people: 読点, coordinators, 「ほか」,
# and a side phrase that opens the next part of the list (「…ほか、米国側から、」).
_CONJUNCT_GAP = lexicon.construction_pattern("conjunct_gap")


def _without(text: str, words: tuple[str, ...]) -> str:
    """``text`` with every word of ``words`` taken out, in their order."""
    for word in words:
        text = text.replace(word, "")
    return text


def _list_labels(text: str, start: int, end: int):
    """(start, end, label) of the list labels in ``text[start:end]``: a side word (「日本側」
    「我が方」「先方」) and/or a list word (「同席者」), then a colon."""
    words = sorted(lexicon.cues("list_label") | lexicon.cues("own_side") | lexicon.cues("other_side"), key=len, reverse=True)
    side = lexicon.construction_regex("list_label_side")
    listed = "|".join(map(re.escape, words))
    pattern = re.compile(rf"(?:(?:{side})?(?:{listed})|{side})\s*[:：]")
    spaced = re.compile(rf"(?<=[\s、,／/:：])(?:{side}|{'|'.join(map(re.escape, sorted(lexicon.cues('own_side') | lexicon.cues('other_side'), key=len, reverse=True)))})[ \u3000]+(?=\S)")
    for match in pattern.finditer(text, start, end):
        yield match.start(), match.end(), match.group(0).rstrip(":： ")
        if match.group(0).rstrip(":： ") in lexicon.cues("list_label"):
            # 「出席者:日本側　A外務大臣、B局長、先方　C外務大臣」: after a list word and its colon,
            # side words closed by a blank label the parts of the list
            close = re.search(r"[)）。]", text[match.end() : end])
            stop = match.end() + close.start() if close else end
            for part in spaced.finditer(text, match.end() - 1, stop):
                yield part.start(), part.end(), part.group(0).strip()
    # without a colon: 「日本側からの出席者は A、ペルー側からの出席者は B。」 and, after 「出席者は、」,
    # 「日本側が A、ペルー側が B。」 (a list sentence with no verb)
    topic, label = lexicon.construction_regex("list_sentence_topic"), lexicon.construction_regex("list_sentence_label")
    for match in re.finditer(rf"(?P<w>{side}){label}(?:{listed}){topic}", text[:end]):
        if match.start() >= start:
            yield match.start(), match.end(), match.group("w")
    opening = re.compile(rf"(?:{listed}){topic}").search(text, start, end)
    if opening is not None:
        marker = lexicon.construction_regex("list_sentence_side")
        for match in re.finditer(rf"(?P<w>{side}){marker}", text[:end]):
            if match.start() >= opening.end():
                yield match.start(), match.end(), match.group("w")


# a meeting written as the setting of the sentence, and the roles of the people acting in it
_SETTING_AFTER = lexicon.construction_pattern("setting_before_role")


_ROLE_AFTER = lexicon.construction_pattern("role_after")


def _marked(sentence: "Sentence", refs: list["PersonRef"], particle: str):
    """(ref, span) of the people of ``refs`` whose phrase ends in ``particle`` (は, が)."""
    doc = sentence.doc
    for ref in refs:
        span = doc.char_span(ref.mention.start, ref.mention.end, alignment_mode="expand")
        if span is not None and span.end < len(doc) and doc[span.end].text == particle:
            yield ref, span


def _conjunct_groups(sentence: "Sentence", refs: list["PersonRef"]) -> list[list["PersonRef"]]:
    """People mentions of one sentence grouped into lists: neighbours joined only by
    読点, coordinators or a side phrase (never by a case particle or a predicate)."""
    ordered = sorted((r for r in refs if r.sentence is sentence), key=lambda r: r.mention.start)
    text = doc_text(sentence.doc)
    groups: list[list[PersonRef]] = []
    for ref in ordered:
        if groups:
            prev = groups[-1][-1].mention
            # 「…A国防次官、インドネシア国防省のB局長」: the next conjunct's own institution before の
            body = next((m for m in sentence.mentions if m.label == "INSTITUTION" and prev.end <= m.start
                         and m.end == ref.mention.start - 1 and text[m.end : ref.mention.start] == "の"), None)
            gap = text[prev.end : body.start if body is not None else ref.mention.start]
            gap = re.sub(r"[（(][^（()）]*[）)]", "", gap)  # a reading or gloss in brackets
            # 「A大統領とシンガポールのB首相」: the next conjunct's own country before の
            own = lexicon.country_form_ending(gap[:-1], min_len=2) if gap.endswith("の") else None
            if own is not None:
                gap = gap[: -len(own[0]) - 1]
            elif (own := lexicon.country_form_ending(gap, min_len=2)) is not None and gap[: -len(own[0])].endswith(lexicon.construction_words("conjunct_country_gap")):
                gap = gap[: -len(own[0])]  # 「A防衛大臣、大韓民国B長官及び…」: the country without の
            if prev.end <= ref.mention.start and _CONJUNCT_GAP.fullmatch(gap) and "は" not in _without(gap, lexicon.construction_words("side_topic_ending")):
                groups[-1].append(ref)
                continue
        groups.append([ref])
    return [g for g in groups if len(g) > 1]


# -- representations
def represent(ex: Extraction, person: Person, meeting: Meeting, side: Optional[str], sentence: Sentence, rule: str, head: Optional[bool]) -> None:
    """Record that ``person`` took part in ``meeting`` for ``side`` (and in the meeting it is a session of)."""
    side = side or remaining_party(ex, person, meeting)
    if meeting.status != "held" or not side:
        return
    if meeting.parent is not None and meeting.parent.status == "held":
        # who sat in a session of a meeting took part in the meeting
        represent(ex, person, meeting.parent, side, sentence, rule, head)
    states = [c for c in meeting.countries if len(c) == 2]
    if meeting.countries_from_text and len(states) == len(meeting.countries) >= 2 and side not in states:
        return  # a side that is not a party to this bilateral/trilateral meeting
    set_country(person, side, "side")
    key = (person.key, meeting.key, side)
    ev = sentence.evidence(ex.doc_id)
    existing = ex.representations.get(key)
    if existing is not None:
        evidence = existing.evidence if ev in existing.evidence else existing.evidence + (ev,)
        head_value = True if (head or existing.head_of_delegation) else existing.head_of_delegation
        confidence = max(existing.confidence, RULE_CONFIDENCE[rule])
        ex.representations[key] = replace(existing, evidence=evidence, head_of_delegation=head_value, confidence=confidence)
        return
    states = [c for c in meeting.countries if len(c) == 2]
    if meeting.countries_from_text and len(states) == len(meeting.countries) >= 2 and side not in states:
        return  # a side that is not a party to this bilateral/trilateral meeting
    if side not in meeting.countries:
        meeting.countries.append(side)
    ex.representations[key] = RepresentationFact(
        person=person.key,
        meeting=meeting.key,
        side=side,
        title=person.title,
        institution=person.institution,
        head_of_delegation=head,
        evidence=(ev,),
        confidence=RULE_CONFIDENCE[rule],
        rule=rule,
    )


def remaining_party(ex: Extraction, person: Person, meeting: Meeting) -> Optional[str]:
    """The side of a participant no evidence gives a country: in a meeting of two states the
    text names, one of them the text's own (or the one side its other participants stand
    for), a name written the foreign way (katakana, or a
    Korean/Chinese-style name in a Japanese text) is the other party's."""
    states = [c for c in meeting.countries if len(c) == 2]
    home = getattr(ex, "home", None)
    if home not in states:
        # else the one side the meeting's other participants already stand for
        seen = {r.side for r in ex.representations.values() if r.meeting == meeting.key}
        home = next(iter(seen)) if len(seen) == 1 else None
    if not meeting.countries_from_text or len(states) != 2 or home not in states:
        return None
    return next(c for c in states if c != home) if written_foreign(person, home) else None


def collect_representations(ex: Extraction, refs: list[PersonRef]) -> None:
    """The representation pass: who took part in which meeting for which side, sentence by sentence."""
    by_sentence: dict[int, list[PersonRef]] = {}
    for ref in refs:
        by_sentence.setdefault(ref.sentence.index, []).append(ref)
    seen: set[str] = set()
    for sentence in ex.sentences:
        if len(sentence.text) > 20 and sentence.text in seen:
            continue  # a scraped repeat of a paragraph: its facts are already out, in context
        seen.add(sentence.text)
        if sentence.kind in ("heading", "roster"):
            continue  # headings name a section's meeting, rosters are read by kg.extract.sections
        sentence_representations(ex, sentence, by_sentence.get(sentence.index, []))
        labelled_lists(ex, sentence, by_sentence.get(sentence.index, []))
        clause_on_meeting(ex, sentence, by_sentence.get(sentence.index, []))
        meeting_as_setting(ex, sentence, by_sentence.get(sentence.index, []))
        topic_over_clauses(ex, sentence, by_sentence.get(sentence.index, []))
        share_with_conjuncts(ex, sentence, by_sentence.get(sentence.index, []))
        collective(ex, sentence)
        pair_at_focus(ex, sentence)
        unwritten_subject(ex, sentence, by_sentence.get(sentence.index, []))
        invited_guest(ex, sentence, by_sentence.get(sentence.index, []))


def _final_predicate(sentence: Sentence, span: Span):
    """The predicate the sentence ends on (its last root), when no other subject or topic
    stands between ``span`` and it: the predicate a topic written at ``span`` is subject of."""
    doc = sentence.doc
    roots = [t for t in doc[span.end : sentence.span.end] if t.dep_ == "ROOT" and t.pos_ == "VERB"]
    if not roots:
        return None
    final = roots[-1]
    for t in doc[span.end + 1 : final.i]:  # (after the topic's own particle)
        if t.text in lexicon.construction_words("subject_marker") and t.dep_ == "case" and not is_time_word(t.head) and not sentence.quoted(t.idx, t.idx + 1):
            return None
    return final


def invited_guest(ex: Extraction, sentence: Sentence, refs: list[PersonRef]) -> None:
    """「A首相はB大統領を招いて日チリ首脳夕食会を開催した」「B外相を迎えて会合を開いた」: the
    object of a verb of inviting (``invite``) whose clause leads into a predicate of taking part
    in a held meeting is that meeting's guest."""
    doc = sentence.doc
    text = doc_text(doc)
    meetings_here = ex.sentence_meetings(sentence)
    for ref in refs:
        if not lexicon.construction_pattern("guest_object").match(text, ref.mention.end) or sentence.quoted(ref.mention.start, ref.mention.end):
            continue
        span = doc.char_span(ref.mention.start, ref.mention.end, alignment_mode="expand")
        invite = predicate_of(span[-1]) if span is not None else None
        if invite is None or invite.lemma_ not in lexicon.cues("invite") or invite.dep_ not in ("advcl", "conj", "acl", "dep"):
            continue
        # (the parser can hang 「招いて」 on the first word of the meeting's name, as a relative clause)
        named = any(m.start <= invite.head.idx < m.end for m, _ in meetings_here)
        heads = coordinated_heads(invite)[:1] if invite.dep_ != "acl" else [predicate_of(invite.head)] if named else []
        if invite.dep_ == "dep":
            # the parser left the continuative unattached (「2 …Cを交え、…会談に臨んだ」): the
            # clause leads into the next predicate that carries a tense
            heads = [h for h in [next_finite_predicate(invite, invite.i + 1)] if h is not None]
        for head in heads:
            meeting = meeting_argument(sentence, head, meetings_here) if takes_part(head) and held_clause(head) else None
            if meeting is not None:
                represent(ex, ref.person, meeting, side_for(ref.person, [], ref.mention), sentence, "invited_guest", None)


_ITEM_HEAD = lexicon.construction_pattern("dated_item_head")


def topic_before(ex: Extraction, sentence: Sentence) -> Optional[PersonRef]:
    """The person marked は/が in the sentence before (or the one before that): the topic a
    sentence that writes no subject goes on with; in a transcript, the speaker whose turn
    label (「A大臣：」 opening the line, ``turn_label_mark``) the sentence stands under."""
    for previous in reversed(ex.sentences[max(0, sentence.index - 2) : sentence.index + 1]):
        if previous is not sentence and _ITEM_HEAD.match(unicodedata.normalize("NFKC", previous.text)):
            break  # 「■9月4日(金)」: the item's own dateline; an earlier item's subject is not this one's
        text = doc_text(previous.doc)
        marked = [r for r in ex.refs_in(previous) if previous is not sentence
                  and text[r.mention.end : r.mention.end + 1] in lexicon.construction_words("subject_marker")]
        marked = marked or [r for r in ex.refs_in(previous) if _turn_label(text, r.mention)]
        if marked:
            return marked[0]
    return None


def _turn_label(text: str, mention) -> bool:
    """「A大臣：冒頭、…」: the person opens the line and a colon follows (a speaker's turn)."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    return not text[line_start : mention.start].strip() and text[mention.end : mention.end + 1] in lexicon.construction_words("turn_label_mark")


def page_principal(ex: Extraction, refs: list[PersonRef]) -> Optional[PersonRef]:
    """「防衛大臣の主な活動」 over items that write no subject (「Bと会談。」): the one person of the
    page holding the post its headline names (by any spelling, ``post_variants``), not a partner."""
    headline = " ".join(
        ex.article.text[b.start : b.end] for b in ex.article.blocks if b.kind == "headline"
    ) or (ex.article.title or "")
    if not headline:
        return None
    variants = lexicon.post_variants()
    partners = {r.person.key for r in refs}
    exact: dict[str, PersonRef] = {}
    holders: dict[str, PersonRef] = {}
    for ref in ex._refs:
        core = title_core(ref.person.title)
        if core is None or len(core) < 2 or ref.person.key in partners:
            continue
        if core in headline:
            exact.setdefault(ref.person.key, ref)  # the post as the headline writes it
        common = variants.get(core, core)
        spellings = {v for v, c in variants.items() if c == common} | {common, core}
        if any(len(v) >= 2 and v in headline for v in spellings):
            holders.setdefault(ref.person.key, ref)
    if exact:
        # (「防衛大臣の…」: 防衛大臣 over a 大臣 of another government the headline also contains)
        longest = max(len(title_core(r.person.title) or "") for r in exact.values())
        exact = {k: r for k, r in exact.items() if len(title_core(r.person.title) or "") == longest}
    for found in (exact, holders):
        if len(found) == 1:
            return next(iter(found.values()))
    return None


def unwritten_subject(ex: Extraction, sentence: Sentence, refs: list[PersonRef]) -> None:
    """「A総理は…首脳会談を行った。続いて、都内で開かれたXサミットに出席しました。」: a verb of
    attending (``attend``) in the past with a meeting as its argument and no subject written
    (nobody named in the sentence) goes on with the topic of the sentences before."""
    text = doc_text(sentence.doc)
    # (「Bと…会談を実施。」: the people named are partners only, marked と)
    partners_only = bool(refs) and all(text[r.mention.end : r.mention.end + 1] == "と" for r in refs)
    if (refs and not partners_only) or sentence.kind != "body":
        return
    meetings_here = ex.sentence_meetings(sentence)
    for pred in sentence.doc[sentence.span.start : sentence.span.end]:
        verbs = lexicon.cues("participation") if partners_only else lexicon.cues("attend")
        if pred.lemma_ not in verbs or sentence.quoted(pred.idx, pred.idx + 1) or not takes_part(pred):
            continue
        if not held_clause(pred) or not not_subject_written(sentence, pred):
            continue
        meeting = meeting_argument(sentence, pred, meetings_here)
        topic = (topic_before(ex, sentence) or page_principal(ex, refs)) if meeting is not None else None
        if topic is not None:
            represent(ex, topic.person, meeting, side_for(topic.person, [], topic.mention), sentence, "unwritten_subject", None)


def topic_over_clauses(ex: Extraction, sentence: Sentence, refs: list[PersonRef]) -> None:
    """「初の外務・防衛閣僚会合を終え、A外相は…と述べた」: a topic (は) is the subject of every
    clause of its sentence, so a continuative clause of taking part written before it (even
    when the main predicate only says something) tells that A took part; so does a later
    clause its own clause leads into (「Aは…会談を行い、その後、…首脳昼食会を開催した」)."""
    meetings_here = ex.sentence_meetings(sentence)
    for ref, span in _marked(sentence, refs, "は"):
        pred = predicate_of(span[-1])
        later = [_final_predicate(sentence, span)] if pred.dep_ in ("advcl", "conj") else []
        later = [h for h in later if h is not None and h.i != pred.i]
        for clause in [*pred.children, *later]:
            if clause in later and takes_part(clause) and is_past(clause):
                meeting = meeting_argument(sentence, clause, meetings_here)
                if meeting is not None:
                    represent(ex, ref.person, meeting, side_for(ref.person, [], ref.mention), sentence, "topic_over_clauses", None)
                continue
            if clause.dep_ != "advcl" or clause.i >= span.start or not takes_part(clause) or not is_past(clause):
                continue
            meeting = meeting_argument(sentence, clause, meetings_here)
            if meeting is not None:
                represent(ex, ref.person, meeting, side_for(ref.person, [], ref.mention), sentence, "topic_over_clauses", None)


def meeting_as_setting(ex: Extraction, sentence: Sentence, refs: list[PersonRef]) -> None:
    """「…で行われたMの全体会合にて、AはB首相に…を提案した」「拡大会合では、AからBに対し」: a
    held meeting written as the setting of the sentence (にて, において, では) had there the
    people who act, speak or are spoken to in it (は/が, から/より, に/に対し)."""
    text = doc_text(sentence.doc)
    settings = [
        mt for mn, mt in ex.sentence_meetings(sentence)
        if mt.status == "held" and _SETTING_AFTER.match(text, mn.end)
    ]
    if not settings:
        return
    meeting = settings[-1]
    for ref in refs:
        if ref.mention.start < sentence.span.start_char or sentence.quoted(ref.mention.start, ref.mention.end):
            continue
        # 「…で行われた山川首相との会談で、」: the partner named with との on the meeting noun
        partner = lexicon.construction_pattern("partner_of").match(text[ref.mention.end :]) and any(
            mn.start - ref.mention.end <= 6 and mn.start >= ref.mention.end and mt is meeting
            for mn, mt in ex.sentence_meetings(sentence)
        )
        if partner or _ROLE_AFTER.match(text, ref.mention.end):
            side = side_for(ref.person, [], ref.mention)
            represent(ex, ref.person, meeting, side, sentence, "setting", None)


def clause_on_meeting(ex: Extraction, sentence: Sentence, refs: list[PersonRef]) -> None:
    """「A長官が主催する…会議に参加し」「Bが議長を務めた会合」: the subject of a relative
    clause of taking part (主催, 出席, 議長を務める) that modifies a held meeting took part."""
    meetings = ex.sentence_meetings(sentence)
    for ref, span in _marked(sentence, refs, "が"):
        pred = predicate_of(span[-1])
        if pred.dep_ != "acl" or not takes_part(pred):
            continue
        # the noun the clause modifies, or the meeting that noun is part of
        # (「…が主催するウクライナ支援に関する多国間会議」: 主催する → 支援 → 会議)
        nouns, noun = [], pred.head
        for _ in range(3):
            nouns.append(noun)
            if noun.dep_ not in ("nmod", "compound") or noun.head.i == noun.i:
                break
            noun = noun.head
        for mention, meeting in meetings:
            if any(mention.start <= n.idx < mention.end for n in nouns) and meeting.status == "held":
                side = side_for(ref.person, [], ref.mention)
                represent(ex, ref.person, meeting, side, sentence, "relative_clause", None)


def labelled_lists(ex: Extraction, sentence: Sentence, refs: list[PersonRef]) -> None:
    """「(日本側同席者:A、B他、中国側:C、D)」「我が方:A、先方:B」「出席者:A、B」: a labelled
    list of people took part in the meeting the sentence reports, each label's side
    for its items (the text's own side, the other party, or the country written)."""
    text = doc_text(sentence.doc)
    labels = sorted(_list_labels(text, sentence.span.start_char, sentence.span.end_char))
    if not labels:
        return
    held = [mt for _, mt in ex.sentence_meetings(sentence) if mt.status == "held"]
    meeting = held[-1] if held else ex.current.get(sentence.index) or (
        ex.current.get(sentence.index - 1) if sentence.index > 0 else None
    )
    if meeting is None or meeting.status != "held":
        return
    for i, (start, end, word) in enumerate(labels):
        stop = labels[i + 1][0] if i + 1 < len(labels) else sentence.span.end_char
        close = re.search(r"[)）。]", text[end:stop])
        if close:
            stop = end + close.start()
        side = label_side(ex, word, meeting)
        for ref in refs:
            if ref.sentence is sentence and end <= ref.mention.start < stop:
                who = side or ref.person.country
                represent(ex, ref.person, meeting, who, sentence, "listed", None)


def share_with_conjuncts(ex: Extraction, sentence: Sentence, refs: list[PersonRef]) -> None:
    """「A、B及びCが出席した」「日本側からA、Bほか、米国側からC、Dほかが参加した」: every
    conjunct of a list plays the role the parser gave one of them. Each conjunct keeps
    its own side phrase (the last 「X側から」 before it) or its own country."""
    sides = [m for m in sentence.mentions if m.label == "SIDE" and not sentence.quoted(m.start, m.end)]
    for group in _conjunct_groups(sentence, refs):
        members = {ref.person.key for ref in group}
        shared = [
            (key, fact) for key, fact in list(ex.representations.items())
            if fact.person in members and any(ev.start == sentence.start and ev.end == sentence.end for ev in fact.evidence)
        ]
        for _, fact in shared:
            meeting = next(m for m in ex.meetings if m.key == fact.meeting)
            for ref in group:
                if any(k[0] == ref.person.key and k[1] == meeting.key for k in ex.representations):
                    continue
                side = side_for(ref.person, sides, ref.mention)
                if side is None or (ref.person.country_source in WEAK_SOURCES and not side_mention_for(sides, ref.mention)):
                    side = eliminate(ex, meeting, sentence, ref.person) or side
                represent(ex, ref.person, meeting, side, sentence, "conjunct", fact.head_of_delegation)


def eliminate(ex: Extraction, meeting: Meeting, sentence: Sentence, person: Person) -> Optional[str]:
    """The one side of a meeting that nobody else represents (「山田首相とドウ米大統領、
    韓国の朴大統領は…日米韓首脳会議を開いた」 → 山田 is JP)."""
    states = [c for c in meeting.countries if len(c) == 2]
    if len(states) < 2:
        return None
    mate = subject_mate_side(ex, meeting, sentence, person)
    if mate:
        return mate
    taken = {r.side for r in ex.representations.values() if r.meeting == meeting.key and r.person != person.key}
    taken |= {
        r.person.country for r in ex.refs_in(sentence)
        if r.person is not person and r.person.country and r.person.country_source not in WEAK_SOURCES
    }
    remaining = [c for c in states if c not in taken]
    return remaining[0] if len(remaining) == 1 else None


def subject_mate_side(ex: Extraction, meeting: Meeting, sentence: Sentence, person: Person) -> Optional[str]:
    """「AとBは、CとDと…会合を行った」「AとBは、CとDを迎えて…会合を主催した」: conjuncts of a
    は/が subject that faces a partner (marked with と, or invited) are one side; the side a mate
    already has in ``meeting``."""
    doc = sentence.doc
    refs = ex.refs_in(sentence)
    group = next((g for g in _conjunct_groups(sentence, refs) if any(r.person is person for r in g)), None)
    if group is None:
        return None
    last = doc.char_span(group[-1].mention.start, group[-1].mention.end, alignment_mode="expand")
    if last is None or last.end >= len(doc) or doc[last.end].text not in lexicon.construction_words("subject_marker"):
        return None
    faced = any(
        r.mention.start > group[-1].mention.end and (span := doc.char_span(r.mention.start, r.mention.end, alignment_mode="expand")) is not None
        and span.end < len(doc) and (doc[span.end].text == "と" or guest_of_inviting(span))
        for r in refs if r.sentence is sentence
    )
    if not faced and not _party_partner_after(sentence, doc[last.end].i):
        return None
    mates = [r.person for r in group if r.person is not person]
    for fact in ex.representations.values():
        if fact.meeting == meeting.key and any(fact.person == p.key for p in mates):
            return fact.side
    return next((p.country for p in mates if p.country and p.country_source not in WEAK_SOURCES), None)


def _party_partner_after(sentence: Sentence, marker: int) -> bool:
    """「AとBは、…相手国の国防省の代表団と協議を行った」: after the subject's は/が, a と-phrase that
    is no person but names a country, an institution or a side (its words hold such a mention)
    and hangs on the predicate or on its object: the subject faces that party."""
    doc = sentence.doc
    parties = [(m.start, m.end) for m in sentence.mentions if m.label in ("COUNTRY", "INSTITUTION", "SIDE")]
    for token in doc[marker + 1 :]:
        if token.text != "と" or token.dep_ != "case" or token.tag_ != "助詞-格助詞":
            continue
        noun = token.head
        if noun.i <= marker or noun.dep_ not in ("obl", "nmod") or noun.head.pos_ not in ("VERB", "NOUN"):
            continue
        if noun.head.pos_ == "NOUN" and noun.head.dep_ not in ("obj", "nsubj", "ROOT"):
            continue
        start, end = noun.left_edge.idx, noun.idx + len(noun.text)
        if noun.pos_ not in ("NUM",) and any(start <= s and e <= end for s, e in parties):
            return True
    return False


def guest_of_inviting(span) -> bool:
    """「…は、C外務大臣、D防衛大臣を迎え、…を主催した」「B大統領夫妻を招いて…」: the person is
    the を-object (construction ``guest_object``) of a verb of inviting (cues ``invite``): a
    guest, who faces the host like a partner marked と."""
    doc = span.doc
    return (
        lexicon.construction_pattern("guest_object").match(doc_text(doc), span.end_char) is not None
        and predicate_of(span[-1]).lemma_ in lexicon.cues("invite")
    )


def introduced_pair(ex: Extraction, sentence: Sentence, pred=None) -> list[PersonRef]:
    """The two people of different countries named last before the talks word, in its own
    sentence (「…にはBが同行し、両者は…懇談した」) or the three before (an invitation, a visit:
    「AはBを夕食会に招待した。両大臣は…」), in the order written."""
    found: list[PersonRef] = []
    for previous in reversed(ex.sentences[max(0, sentence.index - 3) : sentence.index + 1]):
        for ref in reversed(ex.refs_in(previous)):
            if previous is sentence and (pred is None or ref.mention.end > pred.idx):
                continue
            if not ref.person.country or any(r.person is ref.person for r in found):
                continue
            if all(r.person.country != ref.person.country for r in found):
                found.insert(0, ref)
            if len(found) == 2:
                return found
    return []


def _holds_collective_post(person: Person, word: str) -> bool:
    """Whether ``person`` holds the post a collective word names (両外相 → a foreign minister
    under any spelling, ``post_variants``; 両首脳 → a head; 両氏, 両者: anybody)."""
    post = word[1:]
    if post in lexicon.construction_words("collective_anyone"):
        return True
    if post in lexicon.construction_words("collective_heads"):
        return person.title_kind == "head"
    if post in lexicon.construction_words("collective_ministers"):
        return person.title_kind == "minister"
    variants = lexicon.post_variants()
    mine = title_core(person.title)
    return mine is not None and variants.get(mine, mine) == variants.get(post, post)


def pair_at_focus(ex: Extraction, sentence: Sentence) -> None:
    """「日豪防衛相会談が開かれた。AはBを防衛省に迎えた。両大臣は…で一致した」: 両大臣/両首脳
    (``collective_people``, a count of two), in a sentence that names no meeting, doing something in the past,
    are the two people of different countries named last before; when their countries are the
    two parties of the meeting reported in the sentences just before, they took part in it."""
    match = _COLLECTIVE.search(sentence.unquoted_text())
    if match is None or _collective_count(match.group(1)) != 2 or ex.sentence_meetings(sentence):
        return
    focus = ex.current.get(sentence.index - 1) if sentence.index > 0 else None
    if focus is None or focus.status != "held" or not focus.evidence:
        return
    recent = ex.sentences[max(0, sentence.index - 3)]
    if focus.evidence[-1].start < recent.start:
        return  # the meeting was reported further back: the pair may be anywhere since
    doc = sentence.doc
    at = sentence.span.start_char + match.end()
    pred = next((
        t for t in doc[sentence.span.start : sentence.span.end]
        if t.idx >= at and t.pos_ == "VERB" and t.dep_ != "fixed" and not in_relative_clause(t)  # (「…について」)
    ), None)
    while pred is not None and pred.dep_ in ("advcl", "conj") and pred.head.i > pred.i:
        pred = pred.head  # 「両大臣は…を確認し、…で一致した」: the clause's own tense
    if pred is None or sentence.quoted(pred.idx, pred.idx + 1) or not held_clause(pred):
        return
    sides = {r.side for r in ex.representations.values() if r.meeting == focus.key}
    if set(focus.countries) <= sides:
        return  # both parties already have their people there
    pair = introduced_pair(ex, sentence, pred)
    if len(pair) != 2 or {r.person.country for r in pair} != set(focus.countries):
        return
    if not all(_holds_collective_post(r.person, match.group(1)) for r in pair):
        return  # 「両外相は」: two foreign ministers, not a prime minister named on the way
    for ref in pair:
        represent(ex, ref.person, focus, ref.person.country, sentence, "collective", None)


def collective(ex: Extraction, sentence: Sentence) -> None:
    """「両氏は同日、…対話にも出席した」「4閣僚は…会合も開いた」: the people of the
    previous meeting take part in this one too."""
    doc = sentence.doc
    text = sentence.unquoted_text()
    match = _COLLECTIVE.search(text)
    if match is None:
        return
    at = sentence.span.start_char + match.end(1)
    token = next((t for t in doc[sentence.span.start : sentence.span.end] if t.idx >= at), None)
    if token is None:
        return
    pred = None
    for t in doc[token.i : sentence.span.end]:
        if t.pos_ == "VERB" or (t.pos_ == "NOUN" and t.i + 1 < len(doc) and doc[t.i + 1].lemma_ == "する"):
            if t.lemma_ in lexicon.cues("participation") and t.dep_ != "acl":
                # (「両大臣は、午前に開催された対話の成果を歓迎した」: a relative clause is not theirs)
                pred = t
                break
    if pred is None or not held_clause(pred):
        return
    meetings_here = ex.sentence_meetings(sentence)
    meeting = meeting_argument(sentence, pred, meetings_here)
    if meeting is None:
        held_here = [mt for mn, mt in meetings_here if mt.status == "held" and not is_hosting(sentence, mn)]
        meeting = held_here[-1] if held_here else None
    if meeting is None:
        return
    earlier = [
        mt for mt in ex.meetings
        if mt is not meeting and any(r.meeting == mt.key for r in ex.representations.values())
        and mt.evidence and mt.evidence[0].start <= sentence.start
    ]
    if not earlier:
        return
    head = True if any(w in text for w in lexicon.cues("head")) else None
    people = {p.key: p for p in (r.person for r in ex._refs)}
    count = _collective_count(match.group(1))
    chosen: dict[str, RepresentationFact] = {}
    # 「3氏による…会談」 after two bilateral talks: the people of the previous meetings,
    # latest first, until the count written is reached (one meeting when no count)
    for source in reversed(earlier):
        for rep in [r for r in ex.representations.values() if r.meeting == source.key]:
            chosen.setdefault(rep.person, rep)
        if count is None or len(chosen) >= count:
            break
    principals = {p: r for p, r in chosen.items() if r.rule not in LISTED_RULES}
    if count is not None and len(chosen) != count and len(principals) == count:
        chosen = principals  # 「両大臣は」: the two who held the talks, not those listed as sitting in
    elif count is not None and len(chosen) != count:
        chosen = {r.person: r for r in ex.representations.values() if r.meeting == earlier[-1].key}
    for rep in chosen.values():
        person = people.get(rep.person)
        if person is not None:
            represent(ex, person, meeting, rep.side, sentence, "collective", head)


def sentence_representations(ex: Extraction, sentence: Sentence, refs: list[PersonRef]) -> None:
    """The participation frames of one sentence: side phrases, subjects, relative clauses, remarks after a meeting."""
    doc = sentence.doc
    unquoted = sentence.unquoted_text()
    meetings_here = ex.sentence_meetings(sentence)
    previous = ex.current.get(sentence.index - 1) if sentence.index > 0 else None
    current = ex.current.get(sentence.index)
    # who is listed for 「会談には」 after a session was named sat in the meeting, not the session
    previous = previous.parent if previous is not None and previous.parent is not None else previous
    current = current.parent if current is not None and current.parent is not None else current
    sides = [m for m in sentence.mentions if m.label == "SIDE" and not sentence.quoted(m.start, m.end)]
    head_all = any(w in unquoted for w in lexicon.cues("head"))
    previous_rel: Optional[tuple[DomainMention, Meeting]] = None
    cleft = CLEFT.search(unquoted)
    if cleft is not None and held_cleft(ex, sentence, cleft, refs, meetings_here, current or previous):
        return
    for ref in refs:
        m = ref.mention
        person = ref.person
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        last = span[-1]
        # 「…会議に参加したA」: a participation clause modifying the person, and
        # 「…会談を行ったAとB」: the people listed with A share it
        if lexicon.construction_pattern("on_behalf").match(doc_text(doc)[m.end : m.end + 4]):
            continue  # 「A外相の代理で B副大臣が出席した」: A did not take part
        if _COURTESY_TO.match(doc_text(doc)[m.end : m.end + 6]) and any(
            doc_text(doc)[m.end : m.end + 8].find(w) >= 0 for w in lexicon.cues("courtesy")
        ):
            continue  # 「…会談を行い、続いて A は B 大統領への表敬を行った」: a call on B, not the meeting
        if _GENITIVE_OF.match(doc_text(doc)[m.end : m.end + 3]) and not subject_no(doc, m.end):
            continue  # 「A大臣の指示に基づき、…会合の場を通じて抗議を行った」: A qualifies a noun, acts in nothing
        rel = relative_clause_meeting(ex, sentence, span, current or previous)
        if rel is None and previous_rel is not None and doc_text(doc)[previous_rel[0].end : m.start] in lexicon.construction_words("person_coordinator"):
            rel = previous_rel[1]
        previous_rel = (m, rel) if rel is not None else None
        if rel is not None:
            represent(ex, person, rel, side_for(person, sides, m), sentence, "relative_clause", None)
            continue
        pred = predicate_of(last)
        if pred is not None and not is_topic(doc, span):
            pred = through_since_clause(pred)  # 「Bとの間で、…開催して以来、…会合を開催した」
        if pred is not None and pred.lemma_ in lexicon.cues("absent"):
            continue  # 「A外相が会議を欠席したため、B が代理で出席した」: A did not take part
        linear = next_predicate(sentence, span)
        # a relative clause (「ブリュッセルで開かれた会合」) is not what the person does
        direct = [p for p in (pred, linear) if p is not None and p.dep_ != "acl"]
        candidates = direct + [c for p in direct for c in coordinated_heads(p)]
        participations = [p for p in candidates if takes_part(p) or in_role(doc, span, p)]
        speech = any(lexical(p).lemma_ in lexicon.cues("speech") for p in direct) and not reported_subject(sentence, span, linear)
        if participations and not speech and held_clause(participations[0]):
            for k, participation in enumerate(participations):
                if k > 0 and not (is_topic(doc, span) and held_clause(participation)):
                    break  # only a topic is the subject of the clauses after its own
                if k > 0 and (not meeting_argument(sentence, participation, meetings_here) or own_subject(sentence, refs, ref, participation)):
                    continue  # 「Aは、Bと会談し、翌日、Cと会談を行った」: A in the later clause's meeting
                clause_participation(ex, sentence, ref, span, participation, meetings_here, sides, unquoted, current, previous, head_all)
            continue
        # 「A はこの日の会議後、記者らに…」「A は協議後の記者会見で」: a delegate speaking
        # right after the meeting the article reports (the rule's confidence says so)
        after = _AFTER_MEETING.search(unquoted) or (
            _AFTER_ANY_MEETING.search(unquoted) and not any(x.label == "DATE" for x in sentence.mentions)
        )
        if current is not None and after and is_topic(doc, span):
            day = ex.day.get(sentence.index)
            same_day = [mt for mt in ex.meetings if mt.status == "held" and day and mt.date == day]
            # else the meeting the article reports delegates at, not a later history mention
            with_delegates = {r.meeting for r in ex.representations.values()}
            attended = [mt for mt in ex.meetings if mt.status == "held" and mt.key in with_delegates]
            meeting = same_day[-1] if same_day else (attended[-1] if attended else current)
            if person.title_kind in DELEGATE_KINDS and person.country in meeting.countries:
                represent(ex, person, meeting, person.country, sentence, "remarks_after_meeting", None)


# the person called on: 「B大統領への表敬」「B首相を表敬」
_COURTESY_TO = lexicon.construction_pattern("courtesy_to")

# a person in the genitive before a common noun (「A大臣の指示」), not before a count of holders
# (「A、Bの両氏」「の3首脳」) or the post they hold
_GENITIVE_OF = lexicon.construction_pattern("genitive_of")


def reported_subject(sentence: Sentence, span, linear) -> bool:
    """「外交部は、A長官がBと電話会談を行ったと明らかにした」: a が-subject followed by a clause
    closed by the quoting 「と」 is that clause's subject; the speech verb is the reporter's."""
    doc = sentence.doc
    if linear is None or span.end >= len(doc) or doc[span.end].text != "が" or not takes_part(linear):
        return False
    if any(m.label == "PERSON" and m.end <= span.start_char and doc_text(doc)[m.end : m.end + 1] == "は" for m in sentence.mentions):
        return False  # 「A外相は、Bが…したと述べた」: a person's remark, not a report
    k = linear.i + 1
    while k < len(doc) and doc[k].dep_ == "aux":
        k += 1
    return k < len(doc) and doc[k].text == "と" and doc[k].pos_ in ("SCONJ", "ADP")


def subject_no(doc, at: int) -> bool:
    """「Aの出席した会議」: 「の」 marking the subject of a relative clause (a verb follows)."""
    token = next((t for t in doc if t.idx >= at + 1), None)
    return token is not None and token.pos_ == "VERB"


def own_subject(sentence: Sentence, refs: list[PersonRef], topic: PersonRef, pred) -> bool:
    """Whether a person other than ``topic`` is the は/が-marked subject of ``pred``'s clause."""
    return any(
        other is not topic and predicate_of(span[-1]).i == pred.i
        for particle in lexicon.construction_words("subject_marker") for other, span in _marked(sentence, refs, particle)
    )


def in_role(doc, span, pred) -> bool:
    """「英国からはBが共同議長として議事を進めた」: the person does what the predicate says in a
    meeting role (``in_role``: 首席代表として, 議長として) written between him and it: he took part."""
    if pred.i < span.end:
        return False
    return bool(_IN_ROLE.search(doc_text(doc)[span.end_char : pred.idx]))


_IN_ROLE = lexicon.construction_pattern("in_role")


def clause_participation(ex: Extraction, sentence: Sentence, ref: PersonRef, span, participation, meetings_here, sides,
                         unquoted: str, current, previous, head_all: bool) -> None:
    """``ref`` took part through the predicate ``participation``: in the meeting that is its
    argument (else, for its own clause, the meeting of the sentence or the one in focus)."""
    doc = sentence.doc
    m, person = ref.mention, ref.person
    if participation.lemma_ in lexicon.cues("talks") and not meeting_argument(sentence, participation, meetings_here):
        return  # one-off talks were handled with the meetings
    meeting = meeting_argument(sentence, participation, meetings_here)
    partnered = partnered_meeting(sentence, m, meetings_here) or gapped_meeting(ex, sentence, m, participation, meetings_here)
    meeting = partnered or meeting
    held_here = [mt for mn, mt in meetings_here if mt.status == "held" and not is_hosting(sentence, mn)]
    # 「首脳会談は少人数会合と拡大会合を合わせて…行われ、日本側からは A」: the meeting, not a session
    held_here = [mt for mt in held_here if mt.parent is None or mt.parent not in held_here] or held_here
    if meeting is None and held_here:
        meeting = held_here[-1]  # 「…協議に出席し、BとCと議論した」
    attends = (
        participation.lemma_ in lexicon.cues("attend") or serves_as_head(participation) or in_role(doc, span, participation)
        or serves_as_chair(participation) or says_gathered(participation)
    )
    if meeting is None and any(key[0] == sentence.index for key in ex.hearings):
        return  # 「国会…委員会の全体会議に出席し」: no diplomatic meeting here
    if meeting is None and attends and not other_day(ex, sentence, current or previous):
        # 「…側からは A が参加した」 after the sentence that reported the meeting
        # (「29日には…慰霊式に出席した」 on another day is another event)
        meeting = current or previous
    if meeting is None:
        return
    side_mention = side_mention_for(sides, m)
    if side_mention is not None and _clause_closed_between(sentence, side_mention.end, m.start):
        side_mention = None  # 「豪側からBが出席し、防衛省のCも同席した」: C is not on B's side phrase
    side = side_codes(side_mention) if side_mention else person.country
    written_side = None if side_mention else text_side(sentence, m.start)
    if written_side and person.country_source != "explicit":
        side = written_side  # 「米国側は…が首席代表を務めた」
    if side_mention is None and not written_side and (not side or person.country_source in WEAK_SOURCES):
        side = eliminate(ex, meeting, sentence, person) or side
    rule = "side_phrase" if side_mention or written_side else "participant_subject"
    head = True if head_all else None
    represent(ex, person, meeting, side, sentence, rule, head)
    if partnered is None and any(w in unquoted for w in lexicon.construction_words("respectively")):
        # 「Aは、Bとの日中首脳会談、Cとの日韓首脳会談にそれぞれ臨んだ」: A at each
        for other in meeting_arguments(sentence, participation, meetings_here):
            represent(ex, person, other, side, sentence, rule, head)


def _clause_closed_between(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a clause ends between characters ``start`` and ``end``: a verb of the sentence's
    own clauses (not a relative clause, not a fixed compound particle) followed by 読点."""
    doc = sentence.doc
    for token in doc[sentence.span.start : sentence.span.end]:
        if token.idx < start or token.idx >= end:
            continue
        if token.pos_ != "VERB" or token.dep_ in ("fixed", "acl") or in_relative_clause(token):
            continue
        after = predicate_chain(token)[-1].i + 1
        if after < len(doc) and doc[after].text in ("、", ","):
            return True
    return False


def gapped_meeting(ex: Extraction, sentence: Sentence, m: DomainMention, pred, meetings_here) -> Optional[Meeting]:
    """「AとBがX会談を、CとDがY会談を、それぞれ行った」: subjects and meeting objects written in
    turn before one predicate (its other uses gapped) pair up in order; a person takes the
    first meeting argument written after him. Only when people stand between the meetings."""
    doc = sentence.doc
    arguments = []
    for mention, meeting in meetings_here:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or meeting.status != "held" or span.end > pred.i or is_hosting(sentence, mention):
            continue
        linear = linear_predicate(sentence, span)
        if predicate_of(span[-1]).i == pred.i or (linear is not None and linear.i == pred.i):
            arguments.append((mention, meeting))
    arguments.sort(key=lambda a: a[0].start)
    if len({id(mt) for _, mt in arguments}) < 2:
        return None
    first_end, last_start = arguments[0][0].end, arguments[-1][0].start
    text = doc_text(doc)
    subjects = lexicon.construction_words("subject_marker")
    if not any(first_end <= r.mention.start and r.mention.end <= last_start and text[r.mention.end : r.mention.end + 1] in subjects
               for r in ex.refs_in(sentence)):
        return None  # (「Aは、Bとの X会談、Cとの Y会談にそれぞれ臨んだ」: partners, A at each)
    return next((mt for mention, mt in arguments if mention.start >= m.end), None)


def meeting_argument(sentence: Sentence, pred, meetings_here) -> Optional[Meeting]:
    """The meeting that is an argument of ``pred`` (会議に参加, 会談を開き, 会議で…);
    of several, the one written closest before the predicate."""
    doc = sentence.doc
    found = None
    for m, meeting in meetings_here:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or meeting.status != "held" or is_hosting(sentence, m):
            continue  # 「…会議が開かれていたジャカルタで」 says where, it is no argument
        linear = linear_predicate(sentence, span)
        if predicate_of(span[-1]).i == pred.i or (span.end <= pred.i and linear is not None and linear.i == pred.i):
            if span.end <= pred.i or found is None:
                found = meeting
    return found


def meeting_arguments(sentence: Sentence, pred, meetings_here) -> list[Meeting]:
    """Every held meeting that is an argument of ``pred`` (a coordinated list of them)."""
    doc = sentence.doc
    found: list[Meeting] = []
    for m, meeting in meetings_here:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or meeting.status != "held" or span.end > pred.i or meeting in found or is_hosting(sentence, m):
            continue
        linear = linear_predicate(sentence, span)
        if predicate_of(span[-1]).i == pred.i or (linear is not None and linear.i == pred.i):
            found.append(meeting)
    return found


def partnered_meeting(sentence: Sentence, m: DomainMention, meetings_here) -> Optional[Meeting]:
    """「李首相との日中首脳会談」: the partner's meeting is the one written right after 「との」."""
    text = doc_text(sentence.doc)
    if text[m.end : m.end + 2] not in lexicon.construction_words("partner_genitive"):
        return None
    for mention, meeting in meetings_here:
        if mention.start - (m.end + 2) in (0, 1) and meeting.status == "held":
            return meeting
    return None


def held_cleft(ex: Extraction, sentence: Sentence, cleft, refs: list[PersonRef], meetings_here, focus: Optional[Meeting]) -> bool:
    """「会合に臨んだのは、日本側がAとB、フランス側がCとDの4人」: everyone named after the
    cleft took part in the meeting before it, for the side written before them."""
    at = sentence.span.start_char + cleft.end()
    before = [mt for mn, mt in meetings_here if mn.end <= at - cleft.end() + cleft.start() + sentence.span.start_char]
    meeting = before[-1] if before else focus
    if meeting is None or meeting.status != "held":
        return False
    listed = [r for r in refs if r.mention.start >= at]
    if not listed:
        return False
    for ref in listed:
        written = text_side(sentence, ref.mention.start)
        side = written if written and ref.person.country_source != "explicit" else ref.person.country
        represent(ex, ref.person, meeting, side, sentence, "side_phrase" if written else "participant_subject", None)
    return True


def relative_clause_meeting(ex: Extraction, sentence: Sentence, span: Span, focus: Optional[Meeting] = None) -> Optional[Meeting]:
    """The meeting a relative clause before ``span`` says the person took part in (「…会議に参加したA」)."""
    doc = sentence.doc
    if span.start == 0:
        return None
    prev = doc[span.start - 1]
    if prev.text == "の" and span.start >= 3 and doc[span.start - 2].text in lexicon.country_forms():
        prev = doc[span.start - 3]  # 「…に臨む韓国のA大統領」: the person's own country before の
    captioned = prev.pos_ == "VERB" and CAPTION_DATELINE.search(doc_text(doc)[span.end_char : sentence.span.end_char])
    if prev.lemma_ not in lexicon.construction_words("past_auxiliary") and not captioned:
        return None  # 「…首脳会談を行うA大統領…=2日、ソウル」: a dated caption says it happened
    verb = prev if captioned else prev.head
    if not takes_part(verb):
        return None
    for m, meeting in ex.sentence_meetings(sentence):
        mspan = doc.char_span(m.start, m.end, alignment_mode="expand")
        if mspan is not None and mspan.end <= verb.i and predicate_of(mspan[-1]).i == verb.i:
            if meeting.status != "held":
                meeting.status = "held"  # 「会議に参加した」 reports it as held
            return meeting
    if serves_as_chair(verb) and focus is not None:
        # 「(首脳会議の)議長を務めた A は…」 after the sentence that reported the meeting (a
        # meeting named later in the sentence, 「…協議での進展を歓迎した」, is not the one chaired)
        return focus
    return None
