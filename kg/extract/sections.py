"""The article's structure in extraction: the meeting of each section (``Article.blocks``),
rosters without a verb, sessions and meals with a heading and attendee list of their own, and
the headline and headings as other names of the meeting they name."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from kg import lexicon
from kg.components import doc_text
from kg.dates import resolve
from kg.structure import points_at_other_list
from kg.extract.labels import find_labels, resolve_labels
from kg.extract.frames import DELEGATE_KINDS, LISTED_RULES as _LISTED_RULES, guest_of_inviting, represent
from kg.extract.predicates import lexical, next_predicate, predicate_of
from kg.extract.sentences import Sentence, heading_words
from kg.extract.sides import side_codes, side_mention_for, WEAK_SOURCES
from kg.extract.meetings import field_day
from kg.extract.state import Extraction, Meeting, PersonRef


def _scopes(ex: "Extraction", section: Optional[int]) -> list[int]:
    """The heading/headline blocks above block ``section``, nearest first."""
    chain, blocks = [], ex.article.blocks
    while section is not None and blocks[section].scope is not None:
        section = blocks[section].scope
        chain.append(section)
    return chain


def _in_section(ex: "Extraction", sentence: "Sentence", heading: int) -> bool:
    return sentence.section is not None and heading in _scopes(ex, sentence.section)


def main_meeting(ex: "Extraction") -> Optional[Meeting]:
    """The meeting the article reports: the held meeting its headline names, else the held
    meeting most people took part in (the first on ties)."""
    sections = {m.key for m in ex.section_meetings.values()}
    counts = {m.key: 0 for m in ex.meetings if m.status == "held" and m.parent is None and m.key not in sections}
    headline = next((b for b in ex.article.blocks if b.kind == "headline"), None)
    if headline is not None:
        words = unicodedata.normalize("NFKC", headline_name(ex.article.text[headline.start : headline.end]))
        plain = re.sub(r"[(][^()]*[)]", "", words)  # (「…フォーラム(PIF)外相会合」 names 「…フォーラム外相会合」)
        named = [m for m in ex.meetings if m.key in counts
                 and any(len(n) >= 4 and unicodedata.normalize("NFKC", n) in w for n in [m.forum, *m.aliases] for w in (words, plain))]
        if len(named) == 1:
            return named[0]
        theirs = _meeting_of_headline_people(ex, words, counts)
        if theirs is not None:
            return theirs
    for rep in ex.representations.values():
        if rep.meeting in counts:
            counts[rep.meeting] += 1
    if not counts:
        return None
    best = max(counts.values())
    return next(m for m in ex.meetings if m.key in counts and counts[m.key] == best)


def _name_forms(person) -> list[str]:
    """The spellings a headline may write a person by: the name, its readings and short forms,
    a katakana family name (the last part after 「・」), a Japanese-style family name (two kanji)."""
    forms = [*person.spellings(), *person.short_forms]
    forms += [s.split("・")[-1] for s in person.spellings() if "・" in s]
    if person.japanese_name:
        forms.append(person.name[:2])
    return forms


def _meeting_of_headline_people(ex: "Extraction", words: str, held: dict[str, int]) -> Optional[Meeting]:
    """「A副長官とB次官の会談」 over talks of A and B and a later meeting of A with others: the one
    held meeting in which every person the headline names (two or more) took part."""
    people = {r.person.key for r in ex._refs if any(
        len(s) >= 2 and unicodedata.normalize("NFKC", s) in words for s in _name_forms(r.person)
    )}
    if len(people) < 2:
        return None
    taking: dict[str, set[str]] = {}
    for rep in ex.representations.values():
        taking.setdefault(rep.meeting, set()).add(rep.person)
    theirs = [m for m in ex.meetings if m.key in held and people <= taking.get(m.key, set())]
    return theirs[0] if len(theirs) == 1 else None


def section_meeting(ex: "Extraction", sentence: "Sentence") -> Optional[Meeting]:
    """The meeting of the section ``sentence`` stands in: that of its nearest heading with one
    (a session or meal of its own), else the article's main meeting."""
    for heading in _scopes(ex, sentence.section):
        meeting = ex.section_meetings.get(heading)
        if meeting is not None:
            return meeting
    return main_meeting(ex)


def _meal_or_session(words: str) -> Optional[str]:
    """``session`` or ``meal`` when the heading words name a session (少人数会合) or a meal (夕食会),
    written with or without a middle dot (ワーキング・ランチ)."""
    words = words.replace("・", "")
    if any(w in words for w in lexicon.cues("session")):
        return "session"
    if any(w in words for w in lexicon.cues("sub_session")):
        return "meal"
    return None


def meal_of_the_headline(ex: "Extraction") -> None:
    """「A副大臣と各国大使との昼食会」 over 「…各国の大使等との昼食会を主催し…」 and an attendee
    roster, with no meeting around the meal: the meal the headline names is the meeting the
    page reports (a meal only mentioned beside a meeting stays that meeting's)."""
    if main_meeting(ex) is not None or not any(s.kind == "roster" for s in ex.sentences):
        return
    headline = next((b for b in ex.article.blocks if b.kind == "headline"), None)
    if headline is None:
        return
    words = headline_name(ex.article.text[headline.start : headline.end]).replace("・", "")
    meal = next((w for w in sorted(lexicon.cues("sub_session"), key=len, reverse=True) if words.endswith(w)), None)
    if meal is None:
        return
    partners = tuple(p + meal for p in lexicon.construction_words("partner_genitive"))
    told = next((s for s in ex.sentences if s.kind == "body" and any(p in s.text.replace("・", "") for p in partners)), None)
    if told is None:
        return
    dates = [resolve(m.expression or m.text, ex.published_at(told)) for m in told.mentions if m.label == "DATE"]
    meeting = Meeting(key=f"m{len(ex.meetings) + 1}", forum=meal, identity=f"section:{words}", kind="bilateral", status="held",
                      aliases=[words], date=next((d for d in dates if d), None))
    meeting.evidence.append(told.evidence(ex.doc_id))
    ex.meetings.append(meeting)


def meeting_of_the_field_page(ex: "Extraction") -> None:
    """「第3回日・X防衛当局間協議の開催について」 over field sections 「1 日時」「2 場所」「3 出席者」 and
    a roster, with no meeting named in any sentence: the meeting the headline names is the one
    the page reports, held (a readout lists who attended), dated by its when-field; its name is
    the headline's without the ordinal (第3回), its parties the countries written before it."""
    if main_meeting(ex) is not None or any(m.status == "held" for m in ex.meetings):
        return
    if not any(s.kind == "roster" and any(m.label == "PERSON" for m in s.mentions) for s in ex.sentences):
        return
    headline = next((b for b in ex.article.blocks if b.kind == "headline"), None)
    if headline is None:
        return
    written = unicodedata.normalize("NFKC", ex.article.text[headline.start : headline.end])
    words = re.sub(r"[(][^()]*[)]$", "", unicodedata.normalize("NFKC", headline_name(written))).strip()
    if any(w in written for w in lexicon.cues("planned")):
        return  # (「…の開催について(予定)」: announced, not held)
    kinds = sorted(lexicon.meeting_kinds(), key=len, reverse=True)
    kind = next((k for k in kinds if words.endswith(k)), None)
    if kind is None or len(words) - len(kind) < 2 or any(c in words for c in "、,。"):
        return
    counted = re.match(r"^第(\d{1,3})(?:%s)" % "|".join(map(re.escape, lexicon.construction_words("ordinal_counter"))), words)
    name = words[counted.end():] if counted else words
    countries, rest = [], name
    forms = lexicon.country_forms_longest_first()
    while rest:
        rest = rest.lstrip("・")
        found = next(((f, c) for f, c in forms if rest.startswith(f)), None)
        if found is None:
            break
        countries.append(found[1])
        rest = rest[len(found[0]):]
    meeting = Meeting(key=f"m{len(ex.meetings) + 1}", forum=name, identity=f"headline:{name}",
                      kind=lexicon.meeting_kinds()[kind].kind, ordinal=int(counted.group(1)) if counted else None,
                      status="held", countries=list(dict.fromkeys(countries)),
                      countries_from_text=len(set(countries)) >= 2, aliases=[words] if words != name else [])
    day = field_day(ex)
    if day is not None and not (ex.published and day > ex.published[:10]):
        meeting.date = day
    ex.meetings.append(meeting)


def split_sections(ex: "Extraction", refs: list["PersonRef"]) -> None:
    """「2 首脳夕食会」 with its own attendee list under it (「日本側から…が同席した」, or a roster
    under 「(出席者)」 in the section) is a meeting
    of its own: the facts read in its section go to it (a session's also stay with the main
    meeting, whose part it is; a meal's leave it). A meal only mentioned beside the meeting,
    without a heading and list of its own, stays the main meeting's."""
    main = main_meeting(ex)
    if main is None:
        return
    for index, block in enumerate(ex.article.blocks):
        if block.kind != "heading" or block.level not in (1, 2):
            continue  # (「2 夕食会」 and 「(2) 夕食会」 under a numbered section)
        words = heading_words(ex.article.text[block.start : block.end])
        what = _meal_or_session(words)
        if what is None:
            continue
        inside = {s.index for s in ex.sentences if _in_section(ex, s, index)}
        facts = [
            (key, rep) for key, rep in ex.representations.items()
            if any(_sentence_at(ex, ev.start) in inside for ev in rep.evidence)
            and (rep.meeting == main.key or not _named_in_evidence(ex, rep, inside))
        ]
        roster = any(s.kind == "roster" and s.index in inside for s in ex.sentences)
        above = next((s for s in ex.sentences if s.index in inside and s.kind in ("body", "roster")
                      and points_at_other_list(s.text)), None)
        if not roster and above is None and not any(rep.rule in _LISTED_RULES for _, rep in facts) and not _attended_by_name(ex, facts, words):
            continue
        # (the day of the meeting its sentences were read into, when not the main one: 「同日の…」)
        focus = {rep.meeting for _, rep in facts} - {main.key}
        # (「2 分科会」 over 「…分科会が開かれ、…が参加した」: the session its sentences name is the
        # section's meeting already, no second one)
        starts = {s.start for s in ex.sentences if s.index in inside}
        named = [m for m in ex.meetings if m.status == "held" and m.key != main.key
                 and any(ev.start in starts for ev in m.evidence)
                 and m.forum.replace("・", "") == _without_note(words).replace("・", "")]
        if len(named) == 1:
            ex.section_meetings[index] = named[0]
            continue
        day = next((m.date for m in ex.meetings if focus == {m.key} and m.date), main.date)
        meeting = Meeting(key=f"m{len(ex.meetings) + 1}", forum=_without_note(words), identity=f"section:{words}", kind=main.kind,
                          date=day, place=main.place, countries=list(main.countries), status="held",
                          countries_from_text=main.countries_from_text)
        ex.meetings.append(meeting)
        ex.section_meetings[index] = meeting
        _move_facts(ex, main, meeting, facts, inside, what)
        _hosts_of_section(ex, refs, main, meeting, inside)


def numbered_meals(ex: "Extraction", refs: list["PersonRef"]) -> None:
    """「4 夕刻には、A総理主催のワーキング・ディナーが開かれ、3首脳のほか、B、Cも出席しました。」: a
    numbered paragraph of a readout whose first sentence has a meal or session word (cues
    ``sub_session``, ``session``) as the subject (が) of a verb of holding and writes who attended
    it (cues ``attend``) is a meeting of its own, as under a heading 「4 夕食会」: the facts read in
    that sentence go to it (a meal's leave the main meeting; a session's stay with it too)."""
    main = main_meeting(ex)
    if main is None:
        return
    numbered = lexicon.construction_pattern("numbered_paragraph")
    held = lexicon.construction_pattern("held_as_subject")
    for sentence in ex.sentences:
        if sentence.kind != "body" or not numbered.match(unicodedata.normalize("NFKC", sentence.text)):
            continue
        text = sentence.text.replace("・", "")
        word = next((w for w in sorted(lexicon.cues("sub_session") | lexicon.cues("session"), key=len, reverse=True)
                     if any(held.match(text, m.end()) for m in re.finditer(re.escape(w), text))), None)
        if word is None or not any(cue in text[text.index(word):] for cue in lexicon.cues("attend")):
            continue
        what = _meal_or_session(word)
        inside = {sentence.index}
        facts = [(key, rep) for key, rep in ex.representations.items()
                 if rep.meeting == main.key and any(_sentence_at(ex, ev.start) in inside for ev in rep.evidence)]
        if not facts:
            continue
        meeting = Meeting(key=f"m{len(ex.meetings) + 1}", forum=word, identity=f"section:{word}:{sentence.index}",
                          kind=main.kind, date=main.date, place=main.place, countries=list(main.countries),
                          status="held", countries_from_text=main.countries_from_text)
        ex.meetings.append(meeting)
        _move_facts(ex, main, meeting, facts, inside, what)
        _hosts_of_section(ex, refs, main, meeting, inside)


def _move_facts(ex: "Extraction", main: Meeting, meeting: Meeting, facts: list, inside: set[int], what: str) -> None:
    """The facts read in the sentences ``inside`` go to ``meeting``: a meal's leave the main
    meeting (or the meeting in focus); a session's stay with the main meeting too."""
    for key, rep in facts:
        own = tuple(ev for ev in rep.evidence if _sentence_at(ex, ev.start) in inside)
        meeting.evidence.extend(ev for ev in own if ev not in meeting.evidence)
        ex.representations[(rep.person, meeting.key, rep.side)] = rep.__class__(
            **{**rep.__dict__, "meeting": meeting.key, "evidence": own}
        )
        rest = tuple(ev for ev in rep.evidence if ev not in own)
        moves = what == "meal" or rep.meeting != main.key  # (a meeting in focus is not the section's)
        if moves and not rest:
            del ex.representations[key]
        elif moves:
            ex.representations[key] = rep.__class__(**{**rep.__dict__, "evidence": rest})


def _attended_by_name(ex: "Extraction", facts: list, heading: str) -> bool:
    """Whether the sentence of a fact in the section writes the heading's own words: people
    took part in the meal or session it names (「3 大臣級夕食会」 over 「同日の大臣級夕食会には、
    A、B、Cが出席した」), not in the meeting the sentences before were about."""
    own = heading.replace("・", "")
    starts = {ev.start for _, rep in facts for ev in rep.evidence}
    return any(own in s.unquoted_text().replace("・", "") for s in ex.sentences if s.start in starts)


def _named_in_evidence(ex: "Extraction", rep, inside: set[int]) -> bool:
    """Whether a sentence of the section the fact was read in names its meeting (else the
    meeting came from the focus of the sentences before: under a meal's heading 「…側から A が
    同席した」 is the meal's, whatever meeting the previous section ended on)."""
    named = {
        mt.key for s in ex.sentences if s.index in inside for ev in rep.evidence if s.start == ev.start
        for _, mt in ex.sentence_meetings(s)
    }
    return rep.meeting in named


def _without_note(words: str) -> str:
    """「ワーキング・ランチ(実務協力)」 → ワーキング・ランチ: a heading's bracketed note on the topic is no part of the name."""
    return re.sub(r"[(][^()]*[)]?$", "", words).strip() or words


def rosters_above(ex: "Extraction", refs: list["PersonRef"]) -> None:
    """「3 ワーキング・ランチ ワーキング・ランチには、上記出席者に加え、…が参加し」「(出席者)少人数会合の
    出席者に加え、日本側から…」「(出席者は拡大会合と同じ)」: the people of the list pointed at sat at
    the section's meal or session too, for the same side — the list of an earlier section named
    there (its heading's words), else the main meeting's roster (runs after ``rosters``; sections
    in order, so a list pointing at a list that points further back has them all)."""
    main = main_meeting(ex)
    if main is None:
        return
    people = {ref.person.key: ref.person for ref in refs}
    done: list[Meeting] = []
    for index, meeting in sorted(ex.section_meetings.items()):
        pointer = next((s for s in ex.sentences if s.kind in ("body", "roster") and _in_section(ex, s, index)
                        and points_at_other_list(s.text)), None)
        if pointer is not None:
            text = unicodedata.normalize("NFKC", pointer.text).replace("・", "")
            named = [m for m in done if m.forum.replace("・", "") in text]
            source = named[-1] if named else main
            listed = [rep for rep in list(ex.representations.values())
                      if rep.meeting == source.key and (source is not main or rep.rule == "roster")]
            for rep in listed:
                if rep.person in people:
                    represent(ex, people[rep.person], meeting, rep.side, pointer, "roster", None)
        done.append(meeting)


def _hosts_of_section(ex: "Extraction", refs: list["PersonRef"], main: Meeting, meeting: Meeting, inside: set[int]) -> None:
    """「山田大臣はスミス大臣との夕食会を行った」 under the meal's heading: its subject (は, が) and
    partner (と, との), who sat in the main meeting, sat at the meal too, for the same side; so
    did its host (``meal_host``: 「山田総理夫妻主催の夕食会」)."""
    sides = {rep.person: rep.side for rep in ex.representations.values() if rep.meeting == main.key}
    host = lexicon.construction_pattern("meal_host")
    for ref in refs:
        if ref.sentence.index not in inside or ref.person.key not in sides:
            continue
        after = ref.sentence.doc.text[ref.mention.end : ref.mention.end + 6]
        span = ref.sentence.doc.char_span(ref.mention.start, ref.mention.end, alignment_mode="expand")
        if after.startswith(lexicon.construction_words("setting_case")) or host.match(after) or (span is not None and guest_of_inviting(span)):
            represent(ex, ref.person, meeting, sides[ref.person.key], ref.sentence, "setting", None)
        if host.match(after):
            _guests_of_host(ex, main, meeting, ref)


# the rules that make someone a principal of talks (not a listed attendee)
_PRINCIPAL_RULES = frozenset({"participant_subject", "talks_with"})


def _guests_of_host(ex: "Extraction", main: Meeting, meal: Meeting, host: "PersonRef") -> None:
    """「会談に続き、B大臣主催のワーキング・ディナーが行われ」: a principal of two-party talks who
    hosts the meal under its own heading hosts the other party's principals of those talks."""
    at_main = [rep for rep in ex.representations.values() if rep.meeting == main.key]
    host_side = next((rep.side for rep in at_main if rep.person == host.person.key), None)
    states = {rep.side for rep in at_main}
    if host_side is None or len(states) != 2:
        return
    people = {r.person.key: r.person for r in ex._refs}
    for rep in at_main:
        if rep.side != host_side and rep.rule in _PRINCIPAL_RULES and rep.person in people:
            represent(ex, people[rep.person], meal, rep.side, host.sentence, "setting", None)


def _sentence_at(ex: "Extraction", start: int) -> Optional[int]:
    return next((s.index for s in ex.sentences if s.start == start), None)


def rosters(ex: "Extraction", refs: list["PersonRef"]) -> None:
    """「日本:A大臣 ペルー:B大臣」, and the names listed under 「出席者」: the people of a roster
    took part in the meeting of its section, each for the side its label names (else its own
    country). A row without a label of its own continues the label of the rows above it
    (「【日本側】」 alone on its line, or 「我が方　A　局長」 then 「　　　B　課長」). A label the text
    leaves undecided (「我が方」「先方」 on a page of no known outlet) is read off the rows: 我が方
    is the one party its people belong to, 先方 the one party left; else a person under it stands
    for his own country, however weakly known, when that is a party of the meeting, else for the
    one party no other line of the roster took."""
    undecided = []
    for run in _roster_runs(ex):
        meeting = _item_meeting(ex, run[0]) or section_meeting(ex, run[0])
        if meeting is None:
            continue
        rows, labels, current = [], [], None
        for sentence in run:
            found = find_labels(sentence)
            labels += found
            sides = [m for m in sentence.mentions if m.label == "SIDE"]
            column_start = sentence.span.start_char
            for ref in sorted((r for r in refs if r.sentence is sentence), key=lambda r: r.mention.start):
                before = [lb for lb in found if lb.end <= ref.mention.start]
                current = before[-1] if before else current
                mention = side_mention_for(sides, ref.mention)
                ahead = doc_text(sentence.doc)[column_start : ref.mention.start]
                # a country written in the person's own column (「日本:A大臣／ペルー　B大臣」) is nearer
                # than a label before an earlier column
                column = _column_label(ahead)
                if column and not any(lb.end > column_start for lb in before) and (mention is None or mention.end <= column_start):
                    rows.append((ref, sentence, None, None, column))
                else:
                    # (a row with a label of its own the table does not know, 「米　側:A」, continues nothing)
                    carried = None if not before and any(c in ahead for c in ":：") else current
                    rows.append((ref, sentence, side_codes(mention) if mention is not None else None, carried, None))
                column_start = ref.mention.end
            current = found[-1] if found else current
        codes = _run_label_codes(ex, rows, labels, meeting)
        for ref, sentence, written, label, column in rows:
            side = written or column or (codes.get(label) if label is not None else None)
            if side is None and label is None and ref.person.country_source not in WEAK_SOURCES:
                side = ref.person.country
            elif not side and ref.person.country in meeting.countries:
                side = ref.person.country
            elif not side and label is not None:
                undecided.append((ref, meeting, sentence))
            represent(ex, ref.person, meeting, side, sentence, "roster", None)
    for ref, meeting, sentence in undecided:
        taken = {rep.side for rep in ex.representations.values() if rep.meeting == meeting.key and rep.rule == "roster"}
        left = [c for c in meeting.countries if len(c) == 2 and c not in taken]
        if len(left) == 1 and taken:
            represent(ex, ref.person, meeting, left[0], sentence, "roster", None)


def _item_meeting(ex: "Extraction", first: "Sentence") -> Optional[Meeting]:
    """The meeting a roster right under an item's report lists (「4月3日 …と会談を行いました。」
    then 「<日本側>A、B」「<米側>C」) on a page whose headline names no meeting (a listing of
    items: each item's roster is its own meeting's), when no heading with a meeting of its own
    stands over the roster."""
    if first.index == 0 or any(ex.section_meetings.get(h) is not None for h in _scopes(ex, first.section)):
        return None
    before = ex.sentences[first.index - 1]
    if before.kind != "body" or _scopes(ex, before.section)[:1] != _scopes(ex, first.section)[:1]:
        return None
    focus = ex.current.get(before.index)
    if focus is None or focus.status != "held" or _headline_meeting(ex) is not None:
        return None
    return focus


def _headline_meeting(ex: "Extraction") -> Optional[Meeting]:
    """The held meeting the headline names (see ``main_meeting``), else None."""
    headline = next((b for b in ex.article.blocks if b.kind == "headline"), None)
    if headline is None:
        return None
    words = unicodedata.normalize("NFKC", headline_name(ex.article.text[headline.start : headline.end]))
    plain = re.sub(r"[(][^()]*[)]", "", words)
    named = [m for m in ex.meetings if m.status == "held"
             and any(len(n) >= 4 and unicodedata.normalize("NFKC", n) in w for n in [m.forum, *m.aliases] for w in (words, plain))]
    return named[0] if named else None


def _roster_runs(ex: "Extraction") -> list[list["Sentence"]]:
    """The roster sentences of the article in runs of consecutive rows of one section."""
    runs: list[list["Sentence"]] = []
    last: Optional["Sentence"] = None
    for sentence in ex.sentences:
        if sentence.kind == "roster":
            if last is not None and _scopes(ex, last.section)[:1] == _scopes(ex, sentence.section)[:1]:
                runs[-1].append(sentence)
            else:
                runs.append([sentence])
        last = sentence if sentence.kind == "roster" else None
    return runs


def _run_label_codes(ex: "Extraction", rows: list, labels: list, meeting: Meeting) -> dict:
    """The country each label of one roster run stands for (``labels.resolve_labels`` with the
    run's meeting); 我が方 and 先方 left undecided are read off the rows: 我が方 is the one party
    of a meeting of two its people all belong to, 先方 the other."""
    codes = dict(zip(labels, resolve_labels(ex, labels, meeting)))
    states = [c for c in meeting.countries if len(c) == 2]
    if len(states) != 2 or not any(lb.side == "own" and codes.get(lb) is None for lb in labels):
        return codes
    own = {ref.person.country for ref, _, _, label, _ in rows if label is not None and label.side == "own"}
    if len(own) != 1 or not own <= set(states):
        return codes
    (mine,) = own
    other = next(c for c in states if c != mine)
    return {lb: code if code is not None else mine if lb.side == "own" else other if lb.side == "other" else None
            for lb, code in codes.items()}


def roster_countries(ex: "Extraction", refs: list["PersonRef"]) -> None:
    """「中国:A 外交部副部長」: a roster line labelled with a country's name (not a side, 「日本側:」)
    states the country of its person, above what a post's institution word suggests (外交部 is a
    ministry of more than one state). Runs before any meeting is read, so talks of the same
    person later in the article take that country."""
    for ref in refs:
        if ref.sentence.kind != "roster":
            continue
        before = [r.mention.end for r in refs if r.sentence is ref.sentence and r.mention.end <= ref.mention.start]
        code = _column_label(doc_text(ref.sentence.doc)[max(before, default=ref.sentence.span.start_char) : ref.mention.start])
        if code:
            ref.person.country, ref.person.country_source = code, "explicit"


def _column_label(words: str) -> Optional[str]:
    """The country a roster column names before its person, with no colon (「カナダ　A外務大臣」):
    the words between the line's start (or the person before) and the person are one country form,
    maybe with a role in brackets; columns run together with slashes are read from the last
    slash (「／トンガ(共同議長)A外務大臣」)."""
    words = re.sub(r"[(][^()]*[)]", "", unicodedata.normalize("NFKC", words)).rsplit("/", 1)[-1]
    return lexicon.country_forms().get(words.strip(" \u3000、,:：・-/"))


def discussion_speakers(ex: "Extraction", refs: list["PersonRef"]) -> None:
    """「2 議論の概要 (3) オランダのA外務大臣は、…を提案した」: in a numbered section of a
    readout, a delegate (a post of a delegation, his country known) who opens a clause with は
    or から and speaks there (``speech``/``discussion_act`` cues) spoke at the meeting of the
    section: he took part. At a meeting of two parties only their people count."""
    acts = lexicon.cues("speech") | lexicon.cues("discussion_act")
    for ref in refs:
        sentence, person = ref.sentence, ref.person
        if sentence.kind != "body" or not _numbered_section(ex, sentence) or sentence.quoted(ref.mention.start, ref.mention.end):
            continue
        if person.title_kind not in DELEGATE_KINDS or not person.country or person.former:
            continue
        doc = sentence.doc
        if not doc.text[ref.mention.end :].startswith(lexicon.construction_words("speaker_topic")):
            continue
        span = doc.char_span(ref.mention.start, ref.mention.end, alignment_mode="expand")
        if span is None:
            continue
        # the topic's predicate, the continuative clauses leading into it (「…を提案し、…支持された」)
        # and the first predicate after the topic
        own = predicate_of(span[-1])
        preds = [own, next_predicate(sentence, span)] + [t for t in own.children if t.dep_ in ("advcl", "conj") and t.i > span.end]
        if not any(p is not None and (p.lemma_ in acts or lexical(p).lemma_ in acts) for p in preds):
            continue
        meeting = section_meeting(ex, sentence)
        if meeting is None or meeting.status != "held":
            continue
        two_parties = meeting.kind == "bilateral" or (meeting.countries_from_text and len(meeting.countries) <= 2)
        if two_parties and person.country not in meeting.countries:
            continue
        represent(ex, person, meeting, person.country, sentence, "discussion_speaker", None)


def _numbered_section(ex: "Extraction", sentence: "Sentence") -> bool:
    """Does ``sentence`` stand under a numbered heading (not in the lead paragraph)?"""
    blocks = ex.article.blocks
    return any(blocks[i].kind == "heading" and blocks[i].level == 1 for i in _scopes(ex, sentence.section))


def name_aliases(ex: "Extraction") -> None:
    """The headline and the headings are other names of the meeting they stand over:
    「日豪防衛相会談」 above the talks the text calls 会談, 「2 首脳夕食会」 over its meal."""
    kinds = tuple(sorted(set(lexicon.meeting_kinds()) | lexicon.cues("session") | lexicon.cues("sub_session"), key=len, reverse=True))
    _item_titles(ex, kinds)
    for index, block in enumerate(ex.article.blocks):
        if block.kind not in ("headline", "heading"):
            continue
        words = headline_name(ex.article.text[block.start : block.end])
        if block.kind == "headline":
            _title_references(ex, words)
        if len(words) < 3 or len(words) > 60 or not re.sub(r"[(][^()]*[)]$", "", words).endswith(kinds):
            continue
        if block.kind == "headline" and _conjoined_names(ex, words, kinds):
            continue  # 「X協議及びY協議の開催」: each name is its own meeting's
        meeting = ex.section_meetings.get(index)
        if meeting is None:
            under = [s for s in ex.sentences if _in_section(ex, s, index)] if block.kind == "heading" else []
            meeting = _named_under(ex, under, words, kinds) or (section_meeting(ex, under[0]) if under else main_meeting(ex))
        if meeting is not None and words != meeting.forum and words not in meeting.aliases:
            meeting.aliases.append(words)


def _item_titles(ex: "Extraction", kinds: tuple[str, ...]) -> None:
    """A listing page of dated items (「2026年11月28日」, then 「日・X外相会談」, then the item's text):
    the title line under an item's date line, a meeting's name, is another name of the one held
    meeting the item's text reports."""
    text, blocks = ex.article.text, ex.article.blocks
    lines = [b for b in blocks if b.kind == "dateline"]
    if len(lines) < 2:
        return
    for k, line in enumerate(lines):
        stop = lines[k + 1].start if k + 1 < len(lines) else len(text)
        title = next((t.strip() for t in text[line.end : stop].split("\n") if t.strip()), "")
        words = unicodedata.normalize("NFKC", title)
        if not (4 <= len(words) <= 40) or any(m in words for m in "。、") or not words.endswith(kinds):
            continue
        held = {m.key: m for m in ex.meetings if m.status == "held" and not m.other_session
                and any(line.end <= ev.start < stop for ev in m.evidence)}
        if len(held) == 1:
            (meeting,) = held.values()
            if title != meeting.forum and title not in meeting.aliases:
                meeting.aliases.append(title)


def _conjoined_names(ex: "Extraction", words: str, kinds: tuple[str, ...]) -> bool:
    """「日米韓次官協議及び日韓次官協議」: a headline joining meeting names (``name_joiner``) names
    each meeting apart; every part that is the name of a held meeting of the article (up to its
    meeting word) becomes that meeting's alias. False (nothing done) unless one part is."""
    joiners = "|".join(re.escape(w) for w in lexicon.construction_words("name_joiner"))
    parts = [p for p in re.split(joiners, words) if p]
    if len(parts) < 2 or not all(p.endswith(kinds) for p in parts):
        return False
    found = [(p, _named_under(ex, ex.sentences, p, kinds)) for p in parts]
    for part, meeting in found:
        if meeting is not None and part != meeting.forum and part not in meeting.aliases:
            meeting.aliases.append(part)
    return any(meeting is not None for _, meeting in found)


def _named_under(ex: "Extraction", under: list["Sentence"], words: str, kinds: tuple[str, ...]) -> Optional[Meeting]:
    """「3 日韓次官協議」 over 「…森田次官は趙次官と会談を行いました」 inside a readout of 日米韓次官協議:
    the held meeting reported under the heading whose name, without its meeting word, is the
    heading's (日韓次官会談 ~ 日韓次官協議), not the page's main meeting."""
    stem = _name_stem(words, kinds)
    if not stem:
        return None
    for sentence in under:
        for _, meeting in ex.sentence_meetings(sentence):
            if meeting.status == "held" and any(_name_stem(n, kinds) == stem for n in (meeting.forum, *meeting.aliases)):
                return meeting
    return None


def _name_stem(name: str, kinds: tuple[str, ...]) -> str:
    """A meeting name without its meeting word and middle dots (日・韓次官協議 → 日韓次官)."""
    name = unicodedata.normalize("NFKC", name).replace("・", "")
    kind = next((k for k in kinds if name.endswith(k)), None)
    return name[: -len(kind)] if kind and len(name) > len(kind) else ""


def headline_name(text: str) -> str:
    """The name a headline or heading gives: its words without numbering, a trailing page
    number and the readout's endings (``headline_tail``: 「…の開催について」「…(概要)」)."""
    # (a tag opening the headline, 「[外務省]日・X外相会談」「【まとめ】…」: the site's label, no part of the name)
    text = re.sub(r"^\s*[\[【〔][^\]】〕]{1,8}[\]】〕]\s*(?=\S)", "", unicodedata.normalize("NFKC", text))
    words = re.sub(r"[0-9\s]+$", "", heading_words(text))
    tails = sorted(lexicon.cues("headline_tail"), key=len, reverse=True)
    for _ in range(3):
        tail = next((t for t in tails if words.endswith(t) and len(words) > len(t)), None)
        if tail is None:
            break
        words = words[: -len(tail)].rstrip()
    return words


def _title_references(ex: "Extraction", words: str) -> None:
    """「標記会合が開催された」: a meeting named by a word that points at the title
    (``title_reference``) is the headline's meeting, named by it."""
    bracket = re.search(r"[(]([^()]+)[)]$", words)
    name = words[: bracket.start()].rstrip() if bracket else words
    other = bracket.group(1).strip("「」『』") if bracket else None
    for meeting in ex.meetings:
        if meeting.forum.startswith(tuple(lexicon.cues("title_reference"))) and len(name) >= 3:
            meeting.aliases.extend(a for a in (meeting.forum, other) if a and a not in meeting.aliases)
            meeting.forum = name
