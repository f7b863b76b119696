"""Back-references across sentences: a title alone naming an earlier person, the last country named."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from kg import lexicon
from kg.components import doc_text
from kg.extract.sentences import Sentence, in_parentheses
from kg.extract.people import Person, PersonRef


def title_back_references(
    sentences: list[Sentence], people: list[Person], refs: list[PersonRef], doc_id: str
) -> list[PersonRef]:
    """「副大臣は12日、…首相と会談した」: a post written alone as a topic or subject, after a
    person holding it was named, refers back to that person: the story's own (the first named
    with it), not one named as of another time (「山川一郎首相(当時)」)."""
    found: list[PersonRef] = []
    seen = sorted((((r.sentence.index, r.mention.start), r.person) for r in refs), key=lambda x: x[0])
    historical = {
        r.person.key for r in refs
        if lexicon.construction_pattern("as_of_then").match(doc_text(r.sentence.doc)[r.mention.end : r.mention.end + 3])
    }
    for sentence in sentences:
        text = doc_text(sentence.doc)
        people_here = [m for m in sentence.mentions if m.label == "PERSON"]
        for mention in sentence.mentions:
            if mention.label != "TITLE" or sentence.quoted(mention.start, mention.end) or len(mention.text) < 2:
                continue
            if any(p.start <= mention.start and mention.end <= p.end for p in people_here):
                continue  # the post of a name written with it
            before = text[max(sentence.span.start_char, mention.start - 1) : mention.start]
            surnamed = _surname_before(sentence, mention, [p for _, p in seen if p.key not in historical])
            if surnamed is not None:
                person, start = surnamed
                found.append(_back_reference(person, replace(mention, start=start, text=text[start : mention.end]), sentence, doc_id))
                continue
            # (「外務省によると副大臣は」: an attribution phrase closes before the topic)
            attributed = text[max(sentence.span.start_char, mention.start - 6) : mention.start].endswith(tuple(lexicon.cues("attribution")))
            follower = text[mention.end : mention.end + 1]
            # (in headline style the 読点 marks the topic: 「12月3日　統幕長、Aと会談」)
            headline_topic = follower == "、" and not any(mark in text for mark in "。！？")
            # (「同特別代表は」: the pointer 同 before the post, ``person_pointer``)
            pointed = before in lexicon.construction_words("person_pointer")
            if (before not in ("", "、", "，", ",", " ", "　") and not attributed and not pointed) or not (
                follower in lexicon.construction_words("topic_marker") or headline_topic
            ):
                continue
            # the holder is named before, or in a note in brackets later in the same sentence
            # (「統幕長、Aとテレビ会談（統幕長：B陸将）」)
            earlier = [
                person for (index, start), person in seen
                if ((index, start) < (sentence.index, mention.start) or (index == sentence.index and in_parentheses(text, start)))
                and person.title and _same_post(person.title, mention.text)
            ]
            earlier = [p for p in earlier if p.key not in historical]
            if earlier:
                found.append(_back_reference(earlier[0], mention, sentence, doc_id))
    return found


def _back_reference(person: Person, mention, sentence: Sentence, doc_id: str) -> PersonRef:
    ev = sentence.evidence(doc_id)
    if ev not in person.evidence:
        person.evidence.append(ev)
    return PersonRef(person, mention, sentence)


def _surname_before(sentence: Sentence, mention, people: list[Person]) -> Optional[tuple[Person, int]]:
    """「日本の佐々江局長は」 after 「佐々江賢一郎外務省アジア大洋州局長」: a post written straight
    after the surname of a person named earlier with that post is that person, also when the
    tagger does not read the surname alone as a name (a surname that is also a place name).
    The surname is whole words (it starts a token) and a proper start of the full name; the
    person and the start of the surname, or None."""
    doc = sentence.doc
    text = doc_text(doc)
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    for first in range(span.start - 1, max(span.start - 3, 0) - 1, -1):
        token = doc[first]
        if token.pos_ not in ("PROPN", "NOUN") or token.is_punct:
            break
        surname = text[token.idx : mention.start]
        if len(surname) < 2:
            continue
        matching = [
            p for p in people
            if p.name.startswith(surname) and len(p.name) > len(surname) and not any(c in p.name for c in "・＝=")
            and p.title and _same_post(p.title, mention.text)
        ]
        if len({p.key for p in matching}) == 1:
            return matching[0], token.idx
    return None


def _same_post(title: str, written: str) -> bool:
    """Is the post ``written`` alone the person's ``title``, or its ending, also when one of them
    is the shortened form of the other (統幕長 for 統合幕僚長, ``post_grammar.tsv``)?"""
    short = lexicon.post_grammar().abbreviations
    forms = {written, short.get(written, written)}
    titles = {title} | {full for abbr, full in short.items() if title.endswith(abbr)}
    return any(t == f or t.endswith(f) for t in titles for f in forms)


def last_country_before(sentences: list[Sentence], sentence: Sentence, start: int) -> Optional[str]:
    """The last single country named before ``start`` (this sentence, then back), for 「同国の」."""
    for s in (sentences[i] for i in range(sentence.index, -1, -1)):  # back from here, without copying the list
        for m in reversed(s.mentions):
            if m.label == "COUNTRY" and (s is not sentence or m.end <= start):
                codes = m.codes
                if len(codes) == 1 and codes[0]:
                    return codes[0]
    return None
