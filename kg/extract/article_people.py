"""The people of an article, merged across its sentences from the PERSON mentions."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.extract.sentences import Sentence, norm
from kg.extract.sides import institution_country, set_country
from kg.extract.people import (
    Person,
    PersonRef,
    apply_reference,
    context_before,
    is_short_of,
    merge_people,
    other_post,
    propagate_list_countries,
    title_core,
    titled_by_apposition,
)
from kg.extract.discourse import last_country_before, title_back_references


def quoted_partner(sentence: Sentence, mention: DomainMention) -> bool:
    """A person named in quoted speech as the partner of talks the quote reports (「…B大統領と
    会談を行い、…」): marked by a partner case and followed, inside the same quote, by a talks
    word. Only such a quoted person is a person of the article (kg.extract.talks.quoted_talks)."""
    text = doc_text(sentence.doc)
    quote = next(((qs, qe) for qs, qe in sentence.quotes if qs <= mention.start < qe), None)
    if quote is None:
        return False
    cases = sorted(lexicon.cues("partner_case"), key=len, reverse=True)
    after = text[mention.end : quote[1]]
    case = next((c for c in cases if after.startswith(c)), None)
    if case is None:
        return False
    clause = re.split(r"[、。,]", after[len(case) :], maxsplit=1)[0]
    return any(word in clause for word in _TALKS_STEMS())


def _TALKS_STEMS() -> tuple[str, ...]:
    """The talks words as written before their endings (会談, 会っ, 面会)."""
    return tuple(re.sub(r"[ぁ-ん]+$", "", w) or w for w in lexicon.cues("talks"))


def other_service(kind: Optional[str], other: Optional[str]) -> bool:
    """Whether two post kinds (titles.tsv) are one military and one civilian post."""
    return bool(kind and other) and (kind == "military") != (other == "military") and "honorific" not in (kind, other)


def collect_people(
    sentences: list[Sentence], doc_id: str, year: Optional[int] = None
) -> tuple[list[Person], list[PersonRef]]:
    """The people of an article and every mention of them, merged across its sentences."""
    people: list[Person] = []
    refs: list[PersonRef] = []
    pending_short: list[tuple[DomainMention, Sentence]] = []

    def find(name: str, mention: Optional[DomainMention] = None) -> Optional[Person]:
        """The person spelt ``name``; with a mention, not one whose post is of the other service
        (a minister 山川 and a general 山川 of one article are two people)."""
        key = norm(name)
        for person in people:
            if key in (norm(s) for s in person.spellings()) and not (
                mention is not None and other_service(person.title_kind, mention.title_kind)
            ):
                return person
        return None

    def absorb(person: Person, mention: DomainMention, sentence: Sentence) -> None:
        fields = mention
        if fields.title_kind == "honorific" and _ranked_full_name(fields):
            # 「A・B・C海軍大将と会談し」: a whole foreign name with a military rank introduces an
            # officer (a rank after a surname alone still points back, like 氏)
            fields = replace(mention, official=True, title_kind="military", short=bool(person.title))
        elif fields.title_kind == "honorific":
            # 「山田氏」 only points back at someone already introduced
            fields = DomainMention(mention.label, mention.start, mention.end, mention.text, name=mention.name, short=True)
        for alias in fields.aliases:
            existing = find(alias)
            if existing is not None and existing is not person:
                merge_people(person, existing, people)
            if norm(alias) not in (norm(s) for s in person.spellings()):
                person.aliases.append(alias)
        title = fields.title
        if title and (person.title is None or (len(title) > len(person.title) and not fields.short)):
            person.title, person.title_kind = title, fields.title_kind
        if fields.described:
            person.described = fields.described
        if fields.official:
            person.official = True
        if fields.former:
            person.former = True
        institution = fields.institution
        before = context_before(sentence, mention)
        for m in before:
            if m.label == "INSTITUTION":
                institution = institution if institution and len(institution) > len(m.text) else m.text
                inst_country = m.country or institution_country(m.text)
                set_country(person, inst_country, "institution")
            elif m.label == "COUNTRY" and len(m.codes) == 1:
                set_country(person, m.codes[0], "explicit")
        if institution and (person.institution is None or not fields.short):
            person.institution = person.institution or institution
            set_country(person, institution_country(institution), "institution")
        set_country(person, fields.country, "explicit")
        sender = mission_sender(doc_text(sentence.doc), mention.start)
        if sender:
            set_country(person, sender, "institution")  # 「在日フランス大使館のA武官」: France's mission
        if doc_text(sentence.doc)[max(0, mention.start - 3) : mention.start] in lexicon.construction_words("same_country_of"):
            # 「同国のリー外相」: the country last named before
            set_country(person, last_country_before(sentences, sentence, mention.start), "explicit")
        if fields.name_origin == "ja":
            person.japanese_name = True
            set_country(person, "JP", "name")
        set_country(person, fields.weak_country, "name")
        ev = sentence.evidence(doc_id)
        if ev not in person.evidence:
            person.evidence.append(ev)
        refs.append(PersonRef(person, mention, sentence))

    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.label != "PERSON" or (sentence.quoted(mention.start, mention.end) and not quoted_partner(sentence, mention)):
                continue
            name = (mention.name or "").strip("\u3000 ")
            if mention.title_kind == "honorific":
                mention = titled_by_apposition(sentence, mention)
            if (mention.short or mention.title_kind == "honorific") and not _ranked_full_name(mention):
                pending_short.append((mention, sentence))
                continue
            person = find(name, mention)
            if person is None:
                # a longer spelling of someone already seen (プラウド, then エドワード・プラウド)
                # (not someone else of the family: マルコス大統領 … イミー・マルコス上院議員)
                shorter = next((p for p in people if is_short_of(p.name, name) and not other_post(p, mention)), None)
                if shorter is not None and "・" not in shorter.name:
                    shorter.short_forms.append(shorter.name)
                    shorter.aliases.append(shorter.name)
                    shorter.name = name
                    person = shorter
                else:
                    longer = next(
                        (p for p in people for s in p.spellings() if is_short_of(name, s) and not other_post(p, mention)), None
                    )
                    if longer is not None:
                        person = longer
                        if name not in longer.short_forms:
                            longer.short_forms.append(name)
            if person is None:
                person = Person(key=f"p{len(people) + 1}", name=name)
                people.append(person)
            absorb(person, mention, sentence)
    for mention, sentence in pending_short:
        name = (mention.name or "").strip("\u3000 ")
        exact = find(name)
        candidates = [exact] if exact else [p for p in people if any(is_short_of(name, s) for s in p.spellings())]
        # (「林内閣官房長官」: the post read through the body written before its core)
        entry = lexicon.titles().get(mention.title or "") or lexicon.titles().get(title_core(mention.title) or "")
        # (a post the title alone places in one country is held by one person there: 官房長官)
        national = (mention.title_kind in ("head", "minister") or (entry is not None and entry.country)) and (
            mention.weak_country or mention.country
        )
        if not candidates and (mention.country or national) and mention.title and mention.title_kind != "honorific":
            # 「イ韓国国防部長官」「岸防衛大臣」: a one-character name with its own country or a
            # national post, and nobody earlier it could be short for, is the name as written
            person = Person(key=f"p{len(people) + 1}", name=name)
            people.append(person)
            absorb(person, mention, sentence)
            continue
        if not candidates:
            continue
        # the most recently introduced matching person, one holding the post written first
        # (「金総書記」 is the 総書記, not his sister the 副部長)
        title = mention.title if mention.title_kind != "honorific" else None
        posted = [p for p in candidates if title and p.title and (p.title.endswith(title) or title.endswith(p.title))]
        person = (posted or candidates)[-1]
        if name not in person.short_forms:
            person.short_forms.append(name)
        absorb(person, mention, sentence)
    refs += title_back_references(sentences, people, refs, doc_id)
    refs.sort(key=lambda r: (r.sentence.index, r.mention.start))
    apply_reference(people, refs, year)
    propagate_list_countries(refs)
    return people, refs


def mission_sender(text: str, start: int) -> Optional[str]:
    """The country a mission abroad written right before a person with の belongs to
    (``mission_name``: 「在日フランス大使館のA」 → FR, 「在フランス日本大使館のA」 → JP)."""
    before = text[max(0, start - 24) : start]
    if not before.endswith("の"):
        return None
    found = None
    for found in lexicon.construction_pattern("mission_name").finditer(before[:-1]):
        pass
    if found is None or found.end() != len(before) - 1:
        return None
    forms = lexicon.country_forms()
    pair = found.group("pair")
    for cut in range(1, len(pair)):
        host, home = forms.get(pair[:cut]), forms.get(pair[cut:])
        if host and home and host != home:
            return home
    return None


def _ranked_full_name(mention: DomainMention) -> bool:
    """Whether ``mention`` is a whole name (parts joined by 「・」, or a Japanese family and given
    name) followed by a military rank (post_grammar ``rank``, maybe with its service: 海軍大将),
    not by 氏."""
    title = mention.title or ""
    name = mention.name or ""
    whole = "・" in name or (mention.name_origin == "ja" and len(name) >= 3)
    return whole and title != name and any(
        title.endswith(rank) for rank in lexicon.post_grammar().ranks
    )
