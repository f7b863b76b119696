"""One-off talks 「A は B と会談した」: the meeting they make, its forum, venue and people."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.dates import explicit_year, resolve
from kg.extract.sentences import Sentence, in_parentheses, norm
from kg.extract.predicates import (
    coordinated_heads,
    ends_sentence,
    is_time_word,
    not_subject_written,
    headline_style_end,
    in_relative_clause,
    lexical,
    predicate_of,
    reaches,
    held_clause,
    meeting_clause_between,
    next_predicate,
    predicate_chain,
)
from kg.extract.sides import WEAK_SOURCES, institution_country, home_first
from kg.extract.people import PersonRef
from kg.extract.meetings import Meeting, add_meeting, counted_day, dates_compatible, item_day, parties_name, talks_forum, stay_day
from kg.extract.frames import introduced_pair, page_principal, represent, topic_before
from kg.extract.state import Extraction


def talks_in(sentence: Sentence, running_date: Optional[str]) -> list:
    """Predicates of 「AはBと会談した」 (held, outside quotes) in a sentence."""
    doc = sentence.doc
    found = []
    for token in doc[sentence.span.start : sentence.span.end]:
        if token.lemma_ not in lexicon.cues("talks") or sentence.quoted(token.idx, token.idx + 1):
            continue
        # 「英国のA国防相と会談(於:防衛省)。」: news style ending the sentence on the verbal noun
        # (a bracketed note between) reports it as done
        final = token.pos_ == "NOUN" and ends_sentence(token)
        is_predicate = token.pos_ == "VERB" or (token.i + 1 < len(doc) and doc[token.i + 1].lemma_ == "する") or (
            token.pos_ == "NOUN" and headline_style_end(token)  # 「A、Bと会談」 in a list item
        ) or final
        if token.i > 0 and doc[token.i - 1].text in lexicon.cues("press"):
            continue  # 「記者会見した」 is a press conference, not talks
        light = None if is_predicate else light_verb_after(token)
        if light is not None and (not_subject_written(sentence, light) or collective_subject(sentence, light)):
            # 「…B、Cとも会談を行いました」 with no subject written: talks of the subject before
            is_predicate, token = True, light
        if is_predicate and (held_clause(token) or (final and token is not None and _not_denied(token))):
            found.append(token)
    return found


def _not_denied(token) -> bool:
    """No negation or plan in the clause of ``token`` (see ``held_clause``)."""
    chain = predicate_chain(token)
    lemmas = {t.lemma_ for t in chain} | {t.text for t in chain}
    return not (lemmas & (lexicon.cues("negation") | lexicon.cues("planned")))


def light_verb_after(token):
    """The light verb of 「会談を行う」 (the talks noun as its object), or None."""
    if token.dep_ == "obj" and token.head.lemma_ in lexicon.cues("light_verb") and token.head.i > token.i:
        return token.head
    return None


# 「両大臣は」「両者が」「両首脳は」: two people named before, as one subject
_COLLECTIVE = lexicon.construction_pattern("collective_subject")
# は/が: the particles that mark the subject (or topic) of talks
_SUBJECT_MARKERS = lexicon.construction_words("subject_marker")


def marker_after(text: str, end: int) -> str:
    """The character written after a mention ending at ``end``, past blanks: an English gloss
    in brackets is blanked before parsing (kg.normalise), 「A大使(Ambassador …)は」 → は."""
    while end < len(text) and text[end] in " \u3000":
        end += 1
    return text[end : end + 1]


def collective_subject(sentence: Sentence, pred) -> bool:
    """Whether the subject of ``pred`` is written 両大臣/両者/両首脳 … (marked は/が)."""
    doc = sentence.doc
    for token in doc[sentence.span.start : pred.i]:
        if token.text in _SUBJECT_MARKERS and token.dep_ == "case":
            if _COLLECTIVE.search(doc_text(doc)[max(sentence.span.start_char, token.idx - 4) : token.idx + 1]):
                return True
    return False


def quote_speaker(ex: Extraction, sentence: Sentence, start: int) -> Optional[PersonRef]:
    """The identified speaker of the quote holding ``start``: 「…」と評価した / 「…」と述べた with
    the speaker marked は/が in the sentence (or, left unwritten, in the sentence before), or a
    quote after 「Aは次のように述べました。」. None when the text does not say who speaks."""
    doc = sentence.doc
    text = doc_text(doc)
    quote = next(((qs, qe) for qs, qe in sentence.quotes if qs <= start < qe), None)
    if quote is None:
        return None
    after = text[quote[1] : quote[1] + 14].split("。")[0]  # 「…」と(記者団に)語った
    speech = tuple({re.sub(r"[ぁ-ん]+$", "", w) or w for w in lexicon.cues("speech")})  # 語る → 語(った)
    marked = [
        r for r in ex.refs_in(sentence)
        if marker_after(text, r.mention.end) in _SUBJECT_MARKERS and not sentence.quoted(r.mention.start, r.mention.end)
    ]
    if after.startswith("と") and any(word in after for word in speech):
        if marked:
            return marked[0]
        previous = ex.sentences[sentence.index - 1] if sentence.index > 0 else None
        if previous is not None and text[sentence.span.start_char : quote[0]].strip() == "":
            ptext = doc_text(previous.doc)
            before = [r for r in ex.refs_in(previous) if marker_after(ptext, r.mention.end) in _SUBJECT_MARKERS]
            return before[0] if before else None
        return None
    previous = ex.sentences[sentence.index - 1] if sentence.index > 0 else None
    if previous is not None and _FOLLOWING_SPEECH.search(previous.text):
        ptext = doc_text(previous.doc)
        before = [r for r in ex.refs_in(previous) if marker_after(ptext, r.mention.end) in _SUBJECT_MARKERS]
        return before[0] if before else None
    return None


# 「Aは次のように述べました。」「…以下のとおり語った。」: the quote after it is A's
_FOLLOWING_SPEECH = lexicon.construction_pattern("following_speech")


def omitted_subject(ex: Extraction, sentence: Sentence, pred, refs: list[PersonRef]) -> Optional[PersonRef]:
    """The subject left unwritten in a sentence of talks (「A総司令官が来日し、…と面会しました。…
    B、Cとも会談を行いました」「A大使は両国を訪問した。7日は…Bと会談し」): the person marked は/が
    in the sentence before (or the one before that), when the talks have partners only."""
    doc = sentence.doc
    if any(marker_after(doc_text(doc), r.mention.end) in _SUBJECT_MARKERS for r in refs):
        return None
    if not not_subject_written(sentence, pred):
        return None
    topic = topic_before(ex, sentence)
    if _item_heads_between(ex, topic.sentence.index if topic is not None else None, sentence.index):
        topic = None  # (the next item of an activity listing reports another event)
    return topic or page_principal(ex, refs)


def _item_head(ex: Extraction, sentence: Sentence) -> bool:
    """A line that opens an item of an activity listing: 「■9月4日(金)」 or a date line."""
    return sentence.kind == "dateline" or lexicon.construction_pattern("dated_item_head").match(
        unicodedata.normalize("NFKC", sentence.text)) is not None


def _item_heads_between(ex: Extraction, start: Optional[int], end: int) -> bool:
    return start is not None and any(_item_head(ex, s) for s in ex.sentences[start + 1 : end + 1])



def talks(ex: Extraction, sentence: Sentence, pred, named: list[dict], running_date: Optional[str]) -> Optional[Meeting]:
    """「AはBと会談した」: a one-off meeting between the people's countries."""
    doc = sentence.doc
    if pred.lemma_ in lexicon.cues("talks_as_written") and any(
        c.dep_ in ("advcl", "conj") and c.i < pred.i and lexical(c).lemma_ in lexicon.cues("courtesy") for c in pred.children
    ):
        return None  # 「…を表敬し、B次長と懇談した」: the talk of a courtesy call, no meeting of its own
    refs = []
    for ref in ex.refs_in(sentence):
        span = doc.char_span(ref.mention.start, ref.mention.end, alignment_mode="expand")
        if span is None or span.end > pred.i:
            continue
        linear = next_predicate(sentence, span)
        if marker_after(doc_text(doc), ref.mention.end) == "と" and (
            # (「約3時間にわたって」: a fixed phrase is no clause of its own)
            (linear is not None and linear.i != pred.i and linear.dep_ != "fixed" and not in_relative_clause(linear))
            or meeting_clause_between(sentence, span.end, pred.i)
        ):
            continue  # 「Bと日米外相会談を行ったほか、Cとも会談した」: B is the partner of the first clause
        own = predicate_of(span[-1])
        if _EXAMPLE_OF.match(doc_text(doc)[ref.mention.end : ref.mention.end + 8]) and own.dep_ == "acl":
            own = predicate_of(own.head)  # 「Aをはじめとする当局者と会談し」: A stands among the partners
        # 「【北京=共同】A外相は…Bと会談した」: the parser can leave the topic as a root of its
        # own with no verb; a topic marked は/が then belongs to the talks verb after it
        stranded = own.dep_ == "ROOT" and own.pos_ in ("NOUN", "PROPN") and marker_after(doc_text(doc), ref.mention.end) in _SUBJECT_MARKERS
        stranded = stranded or headline_clause(doc, ref.mention, pred)
        if reaches(own, pred) or (linear is not None and reaches(linear, pred)) or stranded or topic_over(doc, ref, own, pred):
            if ref.person not in [r.person for r in refs]:
                refs.append(ref)
    subject = omitted_subject(ex, sentence, pred, refs) if refs else None
    if subject is not None and subject.person not in [r.person for r in refs]:
        refs.insert(0, subject)
    if len(refs) < 2 and collective_subject(sentence, pred):
        refs = introduced_pair(ex, sentence, pred) or refs  # 「…を招待した。両大臣は…会談を行い」
    if len(refs) == 1 and marker_after(doc_text(doc), refs[0].mention.end) != "と":
        partner = anonymous_partner(sentence, pred)
        if partner is not None:
            return talks_with_post(ex, sentence, pred, refs[0], partner, named, running_date)
    if len(refs) < 2:
        return None
    return talks_between(ex, sentence, pred, refs, named, running_date)


def talks_between(ex: Extraction, sentence: Sentence, pred, refs: list[PersonRef], named: list[dict],
                  running_date: Optional[str], rule: str = "talks_with") -> Optional[Meeting]:
    """The one-off meeting of the talks ``pred`` between ``refs`` (the subject first), when
    they stand for two or more known countries."""
    doc = sentence.doc
    known = [r.person.country for r in refs if r.person.country and r.person.country_source not in WEAK_SOURCES]
    visited = (
        visited_country(sentence)
        # an institution named without its country (「大統領府で」) is the one of the country the
        # sentences before say was visited
        or venue_country(sentence, pred, involved=involved_countries(ex, sentence), institutions=not visited_before(ex, sentence))
        or visited_before(ex, sentence)
    )
    sides: list[Optional[str]] = []
    for ref in refs:
        side = ref.person.country
        if (not side or ref.person.country_source in WEAK_SOURCES) and visited and visited not in known and ref is not refs[0]:
            side = visited  # 「韓国を訪問し、…大統領と会談した」: the host
        sides.append(side)
    if any(side is None for side in sides) or len(set(sides)) < 2:
        return None
    countries = home_first(ex, list(dict.fromkeys(sides)))
    also = any(doc_text(doc)[r.mention.end : r.mention.end + 2] == "とも" for r in refs if r.sentence is sentence)
    # 「Cとも会談した」: talks besides the meeting already reported, not a mention of it
    info = talks_forum(ex, refs, countries, [] if also else named, pred)
    date = talks_date(ex, sentence, pred, running_date)
    if also:
        info = talks_besides(ex, sentence, pred, refs, info, date)
    pseudo = DomainMention("MEETING", pred.idx, pred.idx + len(pred.text), pred.text)
    if len(refs) >= 3 and lexicon.construction_pattern("each_separately").search(doc_text(doc)[max(r.mention.end for r in refs) : pred.idx]):
        # 「AはB、Cとそれぞれ会談した」「B、CとAはそれぞれ」: one pair of talks per partner;
        # the subject is the one marked は/が
        topic = next((i for i, r in enumerate(refs) if marker_after(doc_text(doc), r.mention.end) in _SUBJECT_MARKERS), 0)
        subject, subject_side = refs[topic], sides[topic]
        meeting = None
        for ref, side in zip(refs, sides):
            if ref is subject or side == subject_side:
                continue
            pair = home_first(ex, [subject_side, side])
            meeting = add_meeting(ex, talks_forum(ex, [subject, ref], pair, [] if also else named, pred), None, date, "held", sentence, pseudo)
            represent(ex, subject.person, meeting, subject_side, sentence, rule, None)
            represent(ex, ref.person, meeting, side, sentence, rule, None)
        return meeting
    written = written_talks(ex, sentence, pred, refs, sides) or object_talks(ex, sentence, pred)
    if written is not None:
        written.status, written.date = "held", written.date or date  # the talks clause says it was held
    meeting = written or add_meeting(ex, info, None, date, "held", sentence, pseudo)
    for ref, side in zip(refs, sides):
        represent(ex, ref.person, meeting, side, sentence, rule, None)
    return meeting


def talks_besides(ex: Extraction, sentence: Sentence, pred, refs: list[PersonRef], info: dict, date: Optional[str]) -> dict:
    """「A氏は同日、外務省でC副大臣とも会い、…について協議した」: talks with a partner marked
    とも who took no part in the talks of the same parties and day reported before are other
    talks; named by the meeting word the clause goes on to (協議), they do not merge with
    those. ``info`` unchanged when the text gives them no name of their own."""
    text = doc_text(sentence.doc)
    partners = {r.person.key for r in refs if r.sentence is sentence and text[r.mention.end : r.mention.end + 2] == "とも"}
    earlier = next((m for m in reversed(ex.meetings) if m.identity == info["identity"] and m.status == "held"
                    and dates_compatible(date, m.date)), None)
    if earlier is None or not partners:
        return info
    present = {rep.person for rep in ex.representations.values() if rep.meeting == earlier.key}
    if partners <= present:
        return info
    word = next((t.lemma_ for t in (pred, pred.head) if t.lemma_ in lexicon.meeting_kinds() and t.lemma_ != pred.lemma_), None)
    if word is None or (pred.head.i != pred.i and pred.dep_ != "advcl"):
        return info
    forum = parties_name(info["countries"]) + word
    if norm(forum) in {norm(earlier.forum), *(norm(a) for a in earlier.aliases)}:
        return info
    return {**info, "forum": forum, "aliases": [], "identity": info["identity"] + ":" + norm(forum)}


def object_talks(ex: Extraction, sentence: Sentence, pred) -> Optional[Meeting]:
    """「…とも立ち話をし」: the talks noun a light verb takes as its object is a meeting of its
    own already (the text's word, 立ち話); the talks are that meeting, not another named
    after the parties."""
    if pred.lemma_ not in lexicon.cues("light_verb"):
        return None
    for child in pred.children:
        if child.dep_ == "obj" and child.lemma_ in lexicon.cues("talks_as_written"):
            meeting = ex.meeting_at.get((sentence.index, child.idx))
            if meeting is not None and meeting.status == "held":
                return meeting
    return None


def written_talks(ex: Extraction, sentence: Sentence, pred, refs: list[PersonRef], sides: list[str]) -> Optional[Meeting]:
    """「A、B、Cと、日米豪比の防衛相会談を行いました」: the talks clause names its meeting (written
    after the partners, before the predicate, and of every party the talks have): that meeting,
    not one named after the parties (a speaker of his own side may be left unwritten)."""
    last = max((r.mention.end for r in refs if r.sentence is sentence), default=None)
    if last is None:
        return None  # (partners named in the sentences before)
    named = {m.start for m in sentence.mentions if m.label == "MEETING" and not m.generic}
    for (index, start), meeting in ex.meeting_at.items():
        if index != sentence.index or not (last <= start < pred.idx + len(pred.text)) or meeting.status == "planned":
            continue
        if start not in named:
            continue  # (a bare 「会談」 refers back; it names nothing of its own)
        states = {c for c in meeting.countries if len(c) == 2}
        if len(states) >= 2 and set(sides) <= states:
            return meeting
    return None


def quoted_talks(ex: Extraction, sentence: Sentence, named: list[dict], running_date: Optional[str]):
    """(predicate, meeting) of talks an identified speaker reports in the first person
    (「Aは…「先ほどB大統領と会談を行い、…」と述べた」「Aは次のように述べました。「本日、Bと
    会談しました」」): the speaker and the partner named in the quote took part. Talks in the
    quote with a subject of their own, planned or denied, are none."""
    doc = sentence.doc
    text = doc_text(doc)
    for token in doc[sentence.span.start : sentence.span.end]:
        if token.lemma_ not in lexicon.cues("talks") or not sentence.quoted(token.idx, token.idx + 1):
            continue
        quote = next(((qs, qe) for qs, qe in sentence.quotes if qs <= token.idx < qe), None)
        pred = token if token.pos_ == "VERB" or (token.i + 1 < len(doc) and doc[token.i + 1].lemma_ == "する") else (
            light_verb_after(token) or closing_verb_after(token)
        )
        if quote is None or pred is None or not held_clause(pred):
            continue
        rest = re.split(r"[、。,]", text[pred.idx : quote[1]], maxsplit=1)[0]
        if any(w in rest for w in lexicon.cues("negation")):
            continue  # 「…と会談したことはない」
        if own_subject_in_quote(doc, quote, token.i):
            continue  # the quote gives the talks a subject of its own
        partners = [
            r for r in ex.quoted_refs
            if r.sentence is sentence and quote[0] < r.mention.start and r.mention.end <= token.idx
            and marker_after(text, r.mention.end) == "と"
        ]
        speaker = quote_speaker(ex, sentence, token.idx) if len(partners) == 1 else None
        if speaker is None or speaker.person is partners[0].person:
            continue
        meeting = talks_between(ex, sentence, pred, [speaker, partners[0]], named, running_date, "quoted_report")
        if meeting is not None and meeting.date is None:
            meeting.date = quoted_past_day(ex, sentence, quote, pred)
        yield pred, meeting


def quoted_past_day(ex: Extraction, sentence: Sentence, quote: tuple[int, int], pred) -> Optional[str]:
    """「私は先週、…と会談し」「昨日、…と会った」: the time before the story a speaker gives his
    talks (cues ``past_time``) in the quote's sentence, counted from the report's day; 先週
    (``week_before``) is the month of the day a week before."""
    from datetime import date, timedelta

    text = doc_text(sentence.doc)
    start = max(quote[0], text.rfind("。", quote[0], pred.idx))
    written = text[start : pred.idx]
    published = ex.published_at(sentence)
    for word in sorted(lexicon.cues("past_time"), key=len, reverse=True):
        if word not in written:
            continue
        day = resolve(word, published)
        if day:
            return day
        if word in lexicon.construction_words("week_before") and published and len(published) >= 10:
            before = date.fromisoformat(published[:10]) - timedelta(days=7)
            return before.isoformat()[:7]
    return None


def closing_verb_after(token):
    """「Bとの会談を終えた」: the verb of closing (cues ``closing``) whose object is the talks noun."""
    if token.dep_ == "obj" and token.head.lemma_ in lexicon.cues("closing") and token.head.i > token.i:
        return token.head
    return None


def own_subject_in_quote(doc, quote: tuple[int, int], end: int) -> bool:
    """Whether the quote writes a subject (は/が, not a time: 「今日は」) before token ``end``
    other than the speaker in the first person (``first_person``: 「私は」「我々は」), in the
    quote's sentence that holds ``end`` (a quote of several sentences: each its own subject)."""
    text = doc_text(doc)
    start = max(quote[0], text.rfind("。", quote[0], doc[end].idx) if end < len(doc) else quote[0])
    for t in doc[:end]:
        if t.idx <= start or t.text not in _SUBJECT_MARKERS or t.dep_ != "case" or is_time_word(t.head):
            continue
        if t.i > 0 and doc[t.i - 1].text in lexicon.construction_words("first_person"):
            continue
        return True
    return False


def reported_as_held(sentence: Sentence, mention: DomainMention) -> bool:
    """「本日、日英外相会談を行い、…」と語った: a meeting named in a quote as the object or the
    goal of a verb of taking part (行う, 出席する, 臨む …) in the past, the quote writing no subject
    but the speaker's own (「私は」): the speaker reports a meeting he held."""
    doc = sentence.doc
    quote = next(((qs, qe) for qs, qe in sentence.quotes if qs <= mention.start < qe), None)
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if quote is None or span is None or span.end >= len(doc) or span.root.dep_ not in ("obj", "obl"):
        return False
    pred = predicate_of(span[-1])
    if not (quote[0] < pred.idx < quote[1]) or pred.i < span.end:
        return False
    if not (pred.lemma_ in lexicon.cues("participation") and held_clause(pred)):
        return False
    return not own_subject_in_quote(doc, quote, pred.i)


def topic_over(doc, ref: PersonRef, own, pred) -> bool:
    """A topic (は) stands over every clause of its sentence: 「AはXを訪問し、Bと会談した上で
    声明を発表した」 — the talks clause and the topic's own clause join the same head."""
    if marker_after(doc_text(doc), ref.mention.end) != "は" or pred.idx < ref.mention.end:
        return False
    return bool({h.i for h in [own, *coordinated_heads(own)]} & {h.i for h in coordinated_heads(pred)})


def headline_clause(doc, mention: DomainMention, pred) -> bool:
    """「12月3日　A長官、B大臣と電話会談　協力を確認」: in headline style the parser may hang the
    talks word on the next headline; a person between the item's blank and the talks word,
    marked as topic (読点, は, が) or partner (と), is one of its parties."""
    text = doc_text(doc)
    between = text[mention.end : pred.idx]
    return (
        headline_style_end(pred) and not re.search(r"\s", between)
        and text[mention.end : mention.end + 1] in ("、", "と", *_SUBJECT_MARKERS)
    )


def talks_date(ex: Extraction, sentence: Sentence, pred, running_date: Optional[str]) -> Optional[str]:
    """The day of talks: the last date written before the predicate (outside quotes and
    brackets), or the running day for 「同日」「この日」."""
    doc = sentence.doc
    dates = [
        m for m in sentence.mentions
        if m.label == "DATE" and m.end <= pred.idx and not sentence.quoted(m.start, m.end)
        and not in_parentheses(doc_text(doc), m.start)
    ]
    if dates:
        anchor = next((explicit_year(m.text) for m in reversed(dates[:-1]) if explicit_year(m.text)), None)
        day = resolve(dates[-1].expression or dates[-1].text, ex.published_at(sentence), anchor_year=anchor or anchor_year(ex, sentence))
        stay = stay_day(doc, dates[-1], pred, day)
        if stay is not None:
            return stay
        return counted_day(day, doc_text(doc)[dates[-1].end : pred.idx])
    if any(w in sentence.text for w in lexicon.cues("this_day")):
        return running_date
    counted = counted_day(running_date, doc_text(doc)[sentence.span.start_char : pred.idx])
    if counted != running_date:
        return counted  # 「A副長官は、前日にソウルでBと会談している」: the day before the story's
    return item_day(ex, sentence)


@dataclass(frozen=True)
class PostPartner:
    """A partner of talks written by a post alone (「ブラジルの外相と」「各国の駐日大使等と」):
    the post's mention and the country it names, if any."""

    mention: DomainMention
    country: Optional[str]


def anonymous_partner(sentence: Sentence, pred) -> Optional[PostPartner]:
    """「AはB国の外相と会談した」「Aは…各国の駐日大使等と会談を行いました」: the partner of the
    talks ``pred`` is a post with no name (alone, or a group: 等, ら, 一行), marked by a case
    ending of partners (と, との, との間で) and an argument of ``pred``; None when every partner
    is a named person."""
    doc = sentence.doc
    text = doc_text(doc)
    people = [m for m in sentence.mentions if m.label == "PERSON"]
    groups = "|".join(re.escape(w) for w in sorted(lexicon.cues("post_group"), key=len, reverse=True))
    cases = "|".join(re.escape(w) for w in sorted(lexicon.cues("partner_case"), key=len, reverse=True))
    ending = re.compile(rf"(?:{groups})?(?:{cases})")
    for x in sentence.mentions:
        if x.label != "TITLE" or x.end > pred.idx or sentence.quoted(x.start, x.end):
            continue
        if any(p.start <= x.start and x.end <= p.end for p in people):
            continue  # the post of a named person
        entry = lexicon.titles().get(x.text)
        after = ending.match(text, x.end)
        if entry is None or not entry.official or after is None:
            continue
        span = doc.char_span(x.start, after.end(), alignment_mode="expand")
        if span is None:
            continue
        argument = next((t for t in reversed(span) if t.pos_ != "ADP"), span[-1])
        if predicate_of(argument).i == pred.i or reaches(predicate_of(argument), pred):
            return PostPartner(x, _post_country(sentence, x, entry))
    return None


def _post_country(sentence: Sentence, post: DomainMention, entry) -> Optional[str]:
    """The country a post names: a country or institution written right before it (「ブラジル
    大使」「中国の外相」「国連の事務総長」), else the one its title implies (国務長官 → US)."""
    text = doc_text(sentence.doc)
    before = [
        m for m in sentence.mentions
        if m.label in ("COUNTRY", "INSTITUTION") and m.end <= post.start and text[m.end : post.start] in ("", "の")
    ]
    if before:
        m = before[-1]
        if m.label == "COUNTRY":
            return m.codes[0] if len(m.codes) == 1 else None
        return m.country or institution_country(m.text)
    # the title's own country (国務長官 → US), or the default of an unmarked post (防衛大臣 → JP
    # in a Japanese text: 「A外相は防衛大臣と会談」 are talks inside one side)
    return entry.country.lstrip("~") if entry.country else None


def talks_with_post(ex: Extraction, sentence: Sentence, pred, subject: PersonRef, partner: PostPartner,
                    named: list[dict], running_date: Optional[str]) -> Optional[Meeting]:
    """Talks of a named subject with a partner written by its post alone: a meeting between the
    subject's side and the partner's country (when the post names one). It stands as talks with
    an anonymous partner: the subject's part in it is kept only when someone else named is
    found to have taken part too (an attendee list under it), see ``kg.extract.document``."""
    side = subject.person.country
    if not side or partner.country == side:
        return None  # talks inside one side (「A外相は防衛相と会談」) are no diplomacy
    info = {**partner_talks_info(ex, [subject], [side, partner.country], named, pred), "countries_from_text": partner.country is not None}
    pseudo = DomainMention("MEETING", pred.idx, pred.idx + len(pred.text), pred.text)
    meeting = add_meeting(ex, info, None, talks_date(ex, sentence, pred, running_date), "held", sentence, pseudo)
    meeting.anonymous_partner = True
    represent(ex, subject.person, meeting, side, sentence, "talks_with", None)
    return meeting


def partner_talks_info(ex: Extraction, refs: list[PersonRef], sides: list[Optional[str]], named: list[dict], pred=None) -> dict:
    """The forum of talks with a partner written by post: that of talks between the known
    sides (日本・ブラジル会談), or the talks word alone when only one side is known."""
    countries = home_first(ex, list(dict.fromkeys(c for c in sides if c)))
    info = talks_forum(ex, refs, countries, named, pred)
    if len(countries) >= 2:
        return info
    # the partners' posts are unknown: the talks are named by the text's own word (会談, 面会)
    word = pred.lemma_ if pred is not None and pred.lemma_ in lexicon.cues("talks") | set(lexicon.meeting_kinds()) else lexicon.construction_words("talks_default_word")[0]
    if pred is not None and pred.i > 0 and pred.doc[pred.i - 1].text in lexicon.cues("talk_medium"):
        word = pred.doc[pred.i - 1].text + word  # 「…大使らと電話会談を行った」
    return {**info, "forum": word, "aliases": [], "identity": "made::" + norm(word)}


def post_partner_meeting(ex: Extraction, sentence: Sentence, m: DomainMention, named: list[dict]) -> Optional[dict]:
    """「Aは…各国の駐日大使等と会談を行いました」: a bare talks noun whose partner is written by
    its post alone, and one named subject: the forum of those talks (with
    ``anonymous_partner``), or None."""
    span = sentence.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or (m.phrase or m.text) not in lexicon.cues("bare_meeting") | lexicon.cues("talks"):
        return None
    token = span[-1]  # the talks noun (「電話会談」 → 会談)
    pred = predicate_of(token)
    partner = anonymous_partner(sentence, token) or (anonymous_partner(sentence, pred) if pred.i != token.i else None)
    if partner is None:
        return None
    text = doc_text(sentence.doc)
    subjects = [
        r for r in ex.refs_in(sentence)
        if r.mention.end <= partner.mention.start and marker_after(text, r.mention.end) in _SUBJECT_MARKERS
    ]
    if len(subjects) != 1 or not subjects[0].person.country or subjects[0].person.country == partner.country:
        return None
    info = partner_talks_info(ex, subjects, [subjects[0].person.country, partner.country], named, token)
    return {**info, "anonymous_partner": True, "countries_from_text": partner.country is not None}


def anonymous_talks(ex: Extraction) -> None:
    """Talks with a partner written by post alone keep their one named participant only when
    another named person took part too (an attendee list under them): with nobody named on
    the other side the text reports a person's errand, not whom a meeting brought together."""
    for meeting in ex.meetings:
        if not meeting.anonymous_partner:
            continue
        keys = [key for key, rep in ex.representations.items() if rep.meeting == meeting.key]
        if len({ex.representations[key].person for key in keys}) < 2:
            for key in keys:
                del ex.representations[key]


# 「Aをはじめとする B」「Aを始めとした B」: A is the first of B
_EXAMPLE_OF = lexicon.construction_pattern("example_of")

_PARTIES_BEFORE_MEETING = lexicon.construction_pattern("parties_before_meeting")


def people_of_meeting(ex: Extraction, sentence: Sentence, m: DomainMention) -> list[PersonRef]:
    """「AとBの会談」「AとBによる会談」: people of ≥2 known countries listed right before a
    bare meeting word are its participants."""
    text = doc_text(sentence.doc)
    refs = [r for r in ex.refs_in(sentence) if r.mention.end <= m.start]
    # 「AとBの会談」「AとBとの(歴史的な)会談」
    if not refs or not _PARTIES_BEFORE_MEETING.fullmatch(text[refs[-1].mention.end : m.start]):
        return []
    listed = [refs[-1]]
    for ref in reversed(refs[:-1]):
        if not lexicon.construction_pattern("listed_party_gap").fullmatch(text[ref.mention.end : listed[0].mention.start]):
            break  # 「AとBの」, 「Aと韓国のBの」
        listed.insert(0, ref)
    countries = [r.person.country for r in listed]
    if len(listed) < 2 or None in countries or len(set(countries)) < 2:
        return []
    return listed


def involved_countries(ex: Extraction, sentence: Sentence) -> set[str]:
    """Countries the article says take part: those of its named meetings and of the
    sentence's own country words (not a place name's)."""
    found = {c for m in ex.meetings for c in m.countries}
    return found | ex.country_words



def venue_country(sentence: Sentence, pred, involved: Optional[set[str]] = None, institutions: bool = True) -> Optional[str]:
    """The country of the で-place of the talks (ホワイトハウスで → US, ソウルで → KR); a
    city only when its country is one the article involves (an international conference
    in Jakarta does not make a partner Indonesian)."""
    doc = sentence.doc
    for token in doc[sentence.span.start : pred.i]:
        if token.text != "で" or token.dep_ != "case":
            continue
        head = token.head
        phrase = doc_text(doc)[head.left_edge.idx : head.idx + len(head.text)]
        for m in sentence.mentions if institutions else ():
            if m.label == "INSTITUTION" and m.start >= head.left_edge.idx and m.end <= head.idx + len(head.text):
                code = m.country or institution_country(m.text)
                if code:
                    return code
        for place, code in lexicon.places().items():
            if (phrase.endswith(place) or phrase.startswith(place + "の")) and (involved is None or code in involved):
                return code
        for m in sentence.mentions:
            # 「マレーシアではA首相と会談をいたしました」: a country as the place of the talks
            if m.label == "COUNTRY" and len(m.codes) == 1 and m.end == head.idx + len(head.text) and (involved is None or m.codes[0] in involved):
                return m.codes[0]
    return None


def visited_country(sentence: Sentence) -> Optional[str]:
    """The one country the sentence says was visited (「Xを訪問」), or None."""
    text = doc_text(sentence.doc)
    for m in sentence.mentions:
        # 「韓国を訪問」「ガーナの首都アクラを訪れ」
        # 「訪問先のペルーで」「滞在中の韓国で」: the country where the visitor is
        visiting = "|".join(map(re.escape, sorted(lexicon.cues("visiting"), key=len, reverse=True)))
        place = lexicon.construction_regex("visit_place_before")
        where = m.label == "COUNTRY" and re.search(rf"(?:{visiting}){place}$", text[max(0, m.start - 8) : m.start])
        if m.label == "COUNTRY" and (where or lexicon.construction_pattern("visited_after_country").match(text[m.end : m.end + 20])):
            codes = m.codes
            if len(codes) == 1:
                return codes[0]
    return visited_capital(sentence)


def visited_capital(sentence: Sentence) -> Optional[str]:
    """The country of a capital (``places.tsv``) the sentence says was visited: 「パリを訪れ」,
    「訪問先のパリで」, when the sentence visits one."""
    text = doc_text(sentence.doc)[sentence.span.start_char : sentence.span.end_char]
    visiting = "|".join(map(re.escape, sorted(lexicon.cues("visiting"), key=len, reverse=True)))
    place = lexicon.construction_regex("visit_place_before")
    found = set()
    for name, code in lexicon.places().items():
        for hit in re.finditer(re.escape(name), text):
            if sentence.quoted(sentence.span.start_char + hit.start(), sentence.span.start_char + hit.end()):
                continue
            before = re.search(rf"(?:{visiting}){place}$", text[max(0, hit.start() - 8) : hit.start()])
            if before or lexicon.construction_pattern("visited_after_country").match(text[hit.end() : hit.end() + 20]):
                found.add(code)
    return found.pop() if len(found) == 1 else None


def visited_before(ex: Extraction, sentence: Sentence) -> Optional[str]:
    """The country a sentence of the two before says was visited, carried forward to talks
    with a partner written with a bare post (「チリの首都サンティアゴを訪れている A 外相は…。
    …B 大統領と会談した」)."""
    for previous in reversed(ex.sentences[max(0, sentence.index - 2) : sentence.index]):
        found = visited_country(previous)
        if found:
            return found
    return None


def anchor_year(ex: Extraction, sentence: Sentence) -> Optional[int]:
    """The year written in a date of the two sentences before, for dates that give none."""
    for previous in reversed(ex.sentences[max(0, sentence.index - 2) : sentence.index]):
        for m in reversed(previous.mentions):
            if m.label == "DATE" and explicit_year(m.text):
                return explicit_year(m.text)
    return None
