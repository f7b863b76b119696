"""Back-references across sentences: a title alone naming an earlier person, the last country named."""
from __future__ import annotations

from typing import Optional

from kg import lexicon
from kg.components import doc_text
from kg.extract.sentences import Sentence
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
            # (「外務省によると副大臣は」: an attribution phrase closes before the topic)
            attributed = text[max(sentence.span.start_char, mention.start - 6) : mention.start].endswith(tuple(lexicon.cues("attribution")))
            if (before not in ("", "、", "，", ",", " ", "　") and not attributed) or text[mention.end : mention.end + 1] not in lexicon.construction_words("topic_marker"):
                continue
            earlier = [
                person for (index, start), person in seen
                if (index, start) < (sentence.index, mention.start)
                and person.title and (person.title == mention.text or person.title.endswith(mention.text))
            ]
            earlier = [p for p in earlier if p.key not in historical]
            if earlier:
                person = earlier[0]
                ev = sentence.evidence(doc_id)
                if ev not in person.evidence:
                    person.evidence.append(ev)
                found.append(PersonRef(person, mention, sentence))
    return found


def last_country_before(sentences: list[Sentence], sentence: Sentence, start: int) -> Optional[str]:
    """The last single country named before ``start`` (this sentence, then back), for 「同国の」."""
    for s in (sentences[i] for i in range(sentence.index, -1, -1)):  # back from here, without copying the list
        for m in reversed(s.mentions):
            if m.label == "COUNTRY" and (s is not sentence or m.end <= start):
                codes = m.codes
                if len(codes) == 1 and codes[0]:
                    return codes[0]
    return None
