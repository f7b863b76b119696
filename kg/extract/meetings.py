"""Meeting records: status, date, place, ordinals, forums, and the meeting a mention refers to."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from dataclasses import replace
from datetime import date as calendar_day
from typing import Optional

from spacy.tokens import Doc

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.dates import CAPTION_DATELINE, explicit_year, find_dates, resolve
from kg.records import MeetingMention
from kg.extract.sentences import Sentence, facts_bracket, heading_words, in_parentheses, norm
from kg.extract.predicates import in_relative_clause, is_past, lexical, meeting_predicate, past_marker, predicate_of, predicate_chain, reaches
from kg.extract.sides import other_orders, home_first
from kg.extract.people import PersonRef, title_core
from kg.extract.state import Extraction, Meeting


_STATUS_RANK = {"mentioned": 0, "planned": 1, "held": 2}


# 「ウクライナ支援に関する」「核軍縮のための」: a subject written right before a meeting word
_TOPIC_BEFORE = lexicon.construction_pattern("topic_before_meeting")
# 会談: the word of talks named by no post
_TALKS = lexicon.construction_words("talks_default_word")[0]


_TALK_KINDS = {"summit", "ministerial", "bilateral", "vice_ministerial", "two_plus_two"}


# posts (title kinds) of the people who sit at a meeting of each kind, for talks that only
# say 「会談」: a head of government is not at the ministers' talks
_TITLE_KINDS_AT = {
    "summit": {"head", "senior"},
    "ministerial": {"minister", "senior"},
    "vice_ministerial": {"vice_minister", "senior", "diplomat"},
}


def _count_of(counted: str) -> int:
    """「3カ国」「三か国」 → 3 (0 when the number is not written plainly)."""
    digits = unicodedata.normalize("NFKC", counted)
    number = re.match(r"[0-9]+", digits)
    if number:
        return int(number.group(0))
    return "".join(lexicon.construction_words("kanji_digit")).find(counted[0]) + 1


def dates_compatible(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def meeting_status(sentence: Sentence, mention: DomainMention, date: Optional[str], published: Optional[str]) -> str:
    """held, planned or mentioned: what the sentence says happened to the meeting."""
    doc = sentence.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return "mentioned"
    pred = meeting_predicate(sentence, span)
    chain = {t.lemma_ for t in predicate_chain(pred)} | {t.text for t in predicate_chain(pred)}
    if pred.head.i != pred.i and pred.dep_ in ("acl", "nmod", "compound"):
        chain |= {pred.head.lemma_}  # 「開かれる予定だ」
    local = {t.lemma_ for t in span.root.subtree} | {t.text for t in span.root.subtree}
    before = doc[max(sentence.span.start, span.start - 3) : span.start]
    local |= {t.text for t in before}
    if published and date and date[:10] > published[: len(date[:10])]:
        return "planned"
    if _planned_by_clause(doc, span, sentence):
        return "planned"  # 「来月開催予定の首脳会談に向けて…確認した」: the meeting is the plan's
    if published and date and facts_bracket(sentence, mention.end) is not None:
        return "held"  # 「X協議の開催(2月26日、…)」 in a list of releases: the day in its bracket has passed
    if published and date and date[:10] < published[: len(date[:10])] and _done_at(doc, span, mention):
        # 「昨年9月のA首相との首脳会談で合意した方針を進めたい」: a session dated before the
        # report, with what was done at it in the past tense, was held (the plan is another matter)
        return "held"
    if chain & lexicon.cues("planned") or local & set(lexicon.construction_words("future_time")):
        return "planned"
    if chain & lexicon.cues("negation"):
        return "mentioned"
    adverbs = {c.lemma_ for c in pred.children if c.dep_ in ("advmod", "obl", "nmod", "advcl")}
    if pred.lemma_ in lexicon.cues("attend") and is_past(pred):
        local = set()  # 「初めてとなる首脳会談に臨んだ」: a first meeting someone attended was held
    history = (chain | local | adverbs) & lexicon.cues("mentioned")
    if history == set(lexicon.construction_words("after_interval")) and pred.lemma_ in lexicon.cues("held") and is_past(pred):
        history = set()  # 「4年半ぶりに開かれ」: held now, for the first time in years
    if history and pred.lemma_ in lexicon.cues("held") and is_past(pred) and _history_describes(span, history, sentence):
        history = set()  # 「…以来、約2か月ぶりとなる日米韓外相会合を開催した」: this meeting, held now
    if history:
        return "mentioned"
    if pred.lemma_ in lexicon.cues("closing") and span.root.dep_ == "obj" and pred.dep_ in ("advcl", "ROOT"):
        return "held"  # 「…との会談を終え、…を迎えています」: a meeting someone has finished was held
    past = is_past(pred)
    prev = doc[span.start - 1] if span.start > sentence.span.start else None
    owned = any(x.label == "MEETING" and x.start == mention.end + 1 for x in sentence.mentions) and doc_text(doc)[mention.end : mention.end + 1] == "の"
    if prev is not None and prev.lemma_ == "た" and prev.head.i < span.start and prev.head.lemma_ in lexicon.cues("held") and not owned:
        # 「…にて開催された日朝協議の概要以下のとおり」: a past relative clause says it was held
        # (「開催されたXフォーラムの全体会合」: the clause is the session's, after の)
        return "held"
    if not past and pred.dep_ == "acl" and CAPTION_DATELINE.search(doc_text(doc)[mention.end : sentence.span.end_char]):
        past = True  # 「首脳会談を行うA大統領とB首相=2日、ソウル」: a dated photo caption shows what happened
    if not past and is_hosting(sentence, mention) and lexicon.construction_pattern("under_way").match(doc_text(doc)[mention.end : mention.end + 12]):
        # 「…外相会議が開かれているジャカルタで、A は B と会談した」: under way while the story happened
        words = [t for t in sentence.span if t.pos_ != "PUNCT"]
        past = bool(words) and past_marker(words[-1])
    if not past:
        return "planned" if pred.dep_ == "ROOT" and pred.pos_ == "VERB" else "mentioned"
    if pred.lemma_ in lexicon.cues("held") or any(t.lemma_ in lexicon.cues("held") for t in predicate_chain(pred)):
        return "held"
    if pred.lemma_ in lexicon.cues("participation") and span.root.dep_ == "nsubj":
        return "held"  # 「会議は A が議長を務め、B が参加した」: the meeting as topic of who took part
    # 「…会議で合意した」: something was done at the meeting
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == "で" and mention.has_kind:
        return "held"
    if mention.has_kind and lexicon.construction_pattern("setting_after").match(doc_text(doc)[mention.end : mention.end + 4]):
        return "held"  # 「…の全体会合にて、AはBに提案した」: something was done at the meeting
    if pred.lemma_ == "する" and span.root.dep_ == "obj" and mention.has_kind:
        return "held"  # 「立ち話をした」: the meeting word is what was done
    return "mentioned"


def _planned_by_clause(doc: Doc, span, sentence: Sentence) -> bool:
    """Whether a clause of planning not in the past modifies the meeting, so it is still to come
    whatever the sentence's own predicate did (「…X に向け、連携を確認した」): a relative clause
    whose verb is a cue ``planned`` (「同日午後に予定される X」「来週に予定されている X」), or a
    ``planned_modifier`` word right before it (「開催予定の X」). A past one (「予定されていた X が
    行われた」) says nothing of the meeting now; 「政策調整の会合」 is no plan."""
    if any(t.dep_ == "acl" and t.i < span.start and t.lemma_ in lexicon.cues("planned") and not is_past(t) for t in span.root.children):
        return True
    k = span.start - 1
    while k >= sentence.span.start and (doc[k].pos_ in ("AUX", "SCONJ") or doc[k].dep_ in ("fixed", "case")):
        if past_marker(doc[k]):
            return False
        k -= 1
    return sentence.span.start <= k < span.start - 1 and doc[k].lemma_ in lexicon.construction_words("planned_modifier")


def _done_at(doc: Doc, span, mention: DomainMention) -> bool:
    """Whether the meeting is the setting (「…で」「…において」) of a verb in the past tense."""
    setting = lexicon.construction_pattern("meeting_setting").match(doc_text(doc)[mention.end : mention.end + 4])
    if not setting:
        return False
    # the verb right after the particle (the parser may hang the meeting on a later verb)
    after = [t for t in doc[span.end : span.end + 5] if t.idx >= mention.end + setting.end()]
    verb = after[0] if after else None
    return verb is not None and verb.pos_ == "VERB" and is_past(verb)


def _history_describes(span, history: set[str], sentence: Sentence) -> bool:
    """Whether a history word (以来, ぶり, 初めて …) stands in a relative clause that
    describes the meeting itself (「…以来、N年ぶりとなる会合」「初めてとなる会談」; the 以来
    that anchors such a ぶり goes with it wherever the parser hangs it): such a meeting is
    new, and a held predicate reports it held."""
    clause = [t for t in sentence.span if t.i < span.start and _modifies(t, span)]
    words = {t.lemma_ for t in clause} | {t.text for t in clause}
    return bool(history & words)


def _modifies(token, span) -> bool:
    """``token`` lies in a clause that depends on a word of ``span`` (through its heads)."""
    seen = 0
    while token.head.i != token.i and seen < 40:
        token = token.head
        seen += 1
        if span.start <= token.i < span.end:
            return True
    return False


def item_day(ex: Extraction, sentence: Sentence) -> Optional[str]:
    """「○1月14日(水)陸幕長のインド訪問」 and the paragraphs under it: the day of the dated item
    of an activity list (``dated_item_head``) whose report the sentence stands in (the nearest
    line before it, at most four sentences back, that opens with a date and its weekday)."""
    head = lexicon.construction_pattern("dated_item_head")
    for before in reversed(ex.sentences[max(0, sentence.index - 4) : sentence.index]):
        match = head.match(unicodedata.normalize("NFKC", before.text))
        if match is not None:
            return resolve(match.group(1), ex.published_at(before))
    return None


def _day_anchor(text: str, end: int) -> bool:
    """Whether the meeting word at ``end`` anchors another day (「協議前日の」「会談の翌日」: cues
    ``day_before``, ``day_after``)."""
    follower = text[end : end + 4].lstrip("の")
    return follower.startswith(tuple(lexicon.cues("day_before") | lexicon.cues("day_after")))


def meeting_date(sentence: Sentence, mention: DomainMention, published: Optional[str], running: Optional[str]) -> Optional[str]:
    """The date of a meeting mention: a date before it in its clause, or 「この日」."""
    doc = sentence.doc
    dates = [
        m for m in sentence.mentions
        if m.label == "DATE" and not sentence.quoted(m.start, m.end) and not in_parentheses(doc_text(doc), m.start)
    ]
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    pred = meeting_predicate(sentence, span) if span is not None else None
    limit = pred.idx if pred is not None and pred.idx >= mention.end else mention.end
    # 「1968年から毎年開かれている」「2018年以来」: the start of a period, not this meeting's day
    dates = [m for m in dates if not date_elsewhere(doc_text(doc), m.end)]
    # 「防衛省は15日、…協議を開催したと発表した」: the day of the announcement, not the meeting's
    announced = [m for m in dates if _announcement_day(doc, m, pred)]
    dates = [m for m in dates if m not in announced]
    # 「8月24日の発射」: a date that modifies another noun with の is that noun's date
    # (「昨年11月のA首相との首脳会談」: the partner's phrase is the meeting's, and so is the date)
    before = [
        m for m in dates
        if m.end <= mention.start and not (
            doc_text(doc)[m.end : m.end + 1] == "の" and not _partner_phrase(doc_text(doc)[m.end + 1 : mention.start])
            and _other_noun_between(doc, m.end + 1, mention.start)
        )
    ]
    # 「会談では、2日に北朝鮮が発射したことを…確認した」: a date after the meeting counts when it
    # is in the meeting's own clause, not in a clause of another event on the way
    after = [
        m for m in dates
        if mention.end <= m.start < limit and (doc_text(doc)[m.end : m.end + 1] != "の" or _time_of_day(doc_text(doc), m.end + 1))
        and _same_clause(doc, m, pred)
    ]
    text = doc_text(sentence.doc)
    before = _without_other_events_days(doc, before, pred, mention)
    if not before and _day_anchor(text, mention.end):
        after = []  # 「協議前日の1日夜には、…夕食会が開かれ」: that day is the day before the meeting's
    chosen = before[-1] if before else (after[0] if after else None)
    # 「6月11日と12日に開かれた」: a meeting of coordinated days is dated by its first day
    while chosen is not None:
        earlier = [m for m in dates if m.end <= chosen.start
                   and lexicon.construction_pattern("coordinated_days").fullmatch(text[m.end : chosen.start])]
        if not earlier:
            break
        chosen = earlier[-1]
    facts = facts_bracket(sentence, mention.end)
    if facts is not None:  # (the item's own day, in the bracket of its facts, before the release's)
        chosen = next(m for m in sentence.mentions if m.label == "DATE" and m.start == facts[0])
    sentence_text = text[sentence.span.start_char : sentence.span.end_char]
    if chosen is None:
        if announced and announced[-1].end <= mention.start:
            # 「外交部は9日、A長官が前日夜、…と会談したと明らかにした」: a day counted from the announcement's
            day = resolve(announced[-1].expression or announced[-1].text, published)
            moved = counted_day(day, text[announced[-1].end : mention.start])
            if moved != day:
                return moved
        if any(w in sentence_text for w in lexicon.cues("this_day")) and running:
            return running
        return None
    following = _following_day(text, chosen, running)
    if following is not None:
        return following
    anchor = None
    for m in dates:
        if m.start < chosen.start and explicit_year(m.text):
            anchor = explicit_year(m.text)
    day = resolve(chosen.expression or chosen.text, published, anchor_year=anchor)
    day = local_day(doc_text(doc), chosen.end, day)
    stay = stay_day(doc, chosen, pred, day)
    if stay is not None:
        return stay
    return counted_day(day, text[chosen.end : mention.start]) if chosen.end <= mention.start else day


def _announcement_day(doc: Doc, date: DomainMention, pred) -> bool:
    """Whether ``date`` is the day a report is made about the meeting's clause, not the
    meeting's: the clause of ``pred`` is quoted (と) by a verb of saying or announcing (cues
    ``speech``: 発表, 明らかにする) whose topic (…は) the date follows, with no comma between
    (「外務省は15日、…を12日に開催したと発表した」; not 「…は、A大臣が13日、…と会談したと発表した」)."""
    if pred is None:
        return False
    after = predicate_chain(pred)[-1].i + 1
    if after >= len(doc) or doc[after].text not in lexicon.construction_words("quotative"):
        return False
    report = next((t for t in doc[after + 1 : min(len(doc), after + 6)] if t.pos_ == "VERB"), None)
    if report is None or lexical(report).lemma_ not in lexicon.cues("speech"):
        return False
    text = doc_text(doc)
    for topic in report.children:
        if topic.dep_ != "nsubj" or topic.i >= pred.i or not any(c.text == "は" for c in topic.children):
            continue
        end = topic.idx + len(topic.text) + 1  # past は
        between = text[end : date.start]
        if date.start >= end and not any(ch in between for ch in "、,。") and text[date.end : date.end + 1] in ("、", ","):
            return True
    return False


def stay_day(doc: Doc, date: DomainMention, pred, day: Optional[str]) -> Optional[str]:
    """The precision a stay's period leaves a meeting held during it (「5日から8日まで…を訪問し、
    Bと会談」, 「2日から5日までの間、…」: some day of the stay, not its first), or None when the
    date is no stay's."""
    if visit_period(doc, date, pred):
        return visit_span(date, day)
    if day and lexicon.construction_pattern("period_after_date").match(doc_text(doc)[date.end : date.end + 6]):
        return day[:7]
    return None


def visit_period(doc: Doc, date: DomainMention, pred) -> bool:
    """「2月5日から8日までの間、北国を訪問し、Bと会談した」: a range of days (construction
    ``day_range``) whose predicate is a visit (cues ``visiting``), not the meeting's own verb,
    is the stay's period: the talks fell on one day of it, not on its first."""
    if not lexicon.construction_pattern("day_range").search(date.expression or date.text):
        return False
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    head = predicate_of(span[-1])
    if pred is not None and head.i == pred.i:
        return False  # 「3日から5日まで会議が開かれた」: the meeting's own days
    return any(head.lemma_.startswith(cue) or head.text.startswith(cue) for cue in lexicon.cues("visiting"))


def visit_span(date: DomainMention, day: Optional[str]) -> Optional[str]:
    """The precision a stay's range leaves a meeting in it: its month when the range stays in
    one month (「5日から8日まで」), its year when it runs into another (「3月30日から4月2日まで」)."""
    if not day or len(day) != 10:
        return day
    other_month = lexicon.construction_pattern("day_range").search(date.expression or date.text).group(1)
    return day[:7] if not other_month or int(unicodedata.normalize("NFKC", other_month)) == int(day[5:7]) else day[:4]


def local_day(text: str, end: int, day: Optional[str]) -> Optional[str]:
    """The day where the meeting was held when a date is followed by another in brackets
    after a cue ``local_time`` (「4月22日(現地時間21日)」 → the 11th; 「5月1日(現地時間4月30日)」)."""
    if not day or len(day) != 10:
        return day
    bracket = re.match(r"[(（]([^)）]{1,12})[)）]", text[end : end + 14])
    if not bracket or not any(bracket.group(1).startswith(cue) for cue in lexicon.cues("local_time")):
        return day
    inner = lexicon.construction_pattern("local_day").search(bracket.group(1))
    if not inner:
        return day
    month = int(unicodedata.normalize("NFKC", inner.group(1))) if inner.group(1) else int(day[5:7])
    year = int(day[:4]) - (1 if month == 12 and day[5:7] == "01" else 0)
    try:
        return calendar_day(year, month, int(unicodedata.normalize("NFKC", inner.group(2)))).isoformat()
    except ValueError:
        return day


def aimed_date(sentence: Sentence) -> bool:
    """Whether a date of the sentence is only aimed at (cues ``approximate``: 「来年6月ごろ」)."""
    text = doc_text(sentence.doc)
    return any(
        m.label == "DATE" and any(text.startswith(cue, m.end) for cue in lexicon.cues("approximate"))
        for m in sentence.mentions
    )


def partner_before(ex: Extraction, sentence: Sentence, m: DomainMention) -> Optional[str]:
    """The country of the person written as the partner right before a meeting word
    (「A主席との首脳会談」), or None."""
    text = doc_text(sentence.doc)
    for ref in ex.refs_in(sentence):
        between = text[ref.mention.end : m.start]
        if ref.mention.end <= m.start and len(between) <= 8 and _partner_phrase(between) and "の" not in between[:-2]:
            return ref.person.country
    return None


def setting_body(sentence: Sentence, m: DomainMention) -> Optional[DomainMention]:
    """The international body a meeting is held at, written as its setting right before the
    meeting's words (「国連安保理において…閣僚会合が」「国連総会で…首脳会合が」), or None."""
    text = doc_text(sentence.doc)
    for x in sentence.mentions:
        if x.label != "INSTITUTION" or x.kind != "intl_org" or x.end > m.start or m.start - x.end > 30:
            continue
        # (an acronym in brackets may follow the name: 「国際原子力機関(IAEA)で」)
        skip = re.match(r"[)）]|[(（][^)）]{1,10}[)）]", text[x.end : x.end + 12])
        at = x.end + (skip.end() if skip else 0)
        setting = lexicon.construction_pattern("meeting_setting").match(text[at : at + 4])
        if setting and not re.search(r"[、。,]", text[at + setting.end() : m.start]):
            return x
    return None


def _partner_phrase(between: str) -> bool:
    """Whether ``between`` (the words from a date's の to a meeting word) is one partner phrase
    of the meeting, with no other の-phrase or clause in it (「Aとの」「韓国のB外相との」)."""
    cases = sorted((c for c in lexicon.cues("partner_case") if c.endswith("の")), key=len, reverse=True)
    case = next((c for c in cases if between.endswith(c)), None)
    return case is not None and not re.search(r"[、。「」]", between) and between.count("の") <= 2


def _time_of_day(text: str, start: int) -> bool:
    """Whether a part of the day (cues ``time_of_day``) is written at ``start`` (「…の夕刻」)."""
    return any(text.startswith(cue, start) for cue in lexicon.cues("time_of_day"))


def _following_day(text: str, date: DomainMention, running: Optional[str]) -> Optional[str]:
    """「翌24日」 (cues ``next_day``) after the story's day 2018-02-23: the 24th after that day,
    in its month or the next (not the 24th of a month counted back from publication)."""
    day = lexicon.construction_pattern("day_of_month").match((date.expression or date.text).strip())
    if day is None or running is None or len(running) != 10 or not any(
        text[: date.start].endswith(cue) for cue in lexicon.cues("next_day")
    ):
        return None
    n = int(unicodedata.normalize("NFKC", day.group(1)))
    year, month, current = (int(x) for x in running.split("-"))
    if n <= current:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return f"{year:04d}-{month:02d}-{n:02d}"


def counted_day(day: Optional[str], between: str) -> Optional[str]:
    """``day`` moved by a day counted from it in ``between`` (「9日、…前日夜、…会談」 → the 8th)."""
    shift = -1 if any(w in between for w in lexicon.cues("day_before")) else 1 if any(w in between for w in lexicon.cues("day_after")) else 0
    if not shift or day is None or len(day) != 10:
        return day
    return (date.fromisoformat(day) + timedelta(days=shift)).isoformat()


def date_elsewhere(text: str, end: int) -> bool:
    """Whether the date ending at ``end`` of ``text`` is a period's start or another event's day
    (「2018年以来」「5月に引き続き」), or a frame of a count (「本年2度目の」): cues ``date_elsewhere``."""
    follower = re.sub(r"^[0-9０-９]+", "", text[end : end + 8])
    return any(follower.startswith(cue) for cue in lexicon.cues("date_elsewhere"))


def _same_clause(doc: Doc, date: DomainMention, pred) -> bool:
    """Whether the date is an argument of ``pred`` (or of no predicate the parser found)."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None or pred is None:
        return True
    own = predicate_of(span[-1])
    if any(c.lemma_ in lexicon.cues("other_session") for c in own.children if c.i < span.start):
        return False  # 「…協議は2回目で、前回は5月31日に開かれた」: the day of the session before
    if own.dep_ == "acl" and own.head.i == pred.i and pred.pos_ == "NOUN":
        return True  # 「会談は本日午後に行われる予定だ」: the clause of the predicate noun is the meeting's
    return reaches(own, pred)


def _without_other_events_days(doc: Doc, before: list[DomainMention], pred, mention: DomainMention) -> list[DomainMention]:
    """The dates before a meeting less those of another event: a day inside a clause made a noun
    by こと (「…は3日、北国が1日に…を発射したことを受けて、会合を開いた」: read linearly, as the parser
    often hangs the sentence's own day on the embedded verb too; 「同日」 after it names that day
    again), or a nearer day inside a relative clause of another noun (「1日に行われた発射」) when the
    sentence has a day of its own (the news lead's 「Aは3日(現地時間)、」)."""
    text = doc_text(doc)
    clause_days = [m for m in before if lexicon.construction_pattern("nominalised_clause").match(text[m.end : mention.start])]
    kept = [m for m in before if m not in clause_days]
    if not kept and clause_days and any(w in text[clause_days[-1].end : mention.start] for w in lexicon.cues("this_day")):
        return clause_days[-1:]
    lead = [m for m in kept if text[m.start - 1 : m.start] == "は"
            and re.match(r"(?:[(（][^()（）]*[)）])?、", text[m.end : m.end + 12])]
    own = [m for m in kept if _same_clause(doc, m, pred)] or lead
    if len(kept) >= 2 and own and own[-1] is not kept[-1] and _in_noun_clause(doc, kept[-1], pred, mention):
        return own
    return kept


def _in_noun_clause(doc: Doc, date: DomainMention, pred, mention: DomainMention) -> bool:
    """Whether the date is an argument of a verb whose clause modifies a noun (「1日に発射した
    こと」「1日に行われた発射」) other than the meeting's own predicate and the meeting itself
    (「28日に行われた会談」 is the meeting's day)."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None or pred is None:
        return False
    own = predicate_of(span[-1])
    if mention.start <= own.head.idx < mention.end or own.idx >= mention.start:
        return False
    named = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if named is not None and named.start > 0 and own.i in (named.start - 1, doc[named.start - 1].head.i):
        return False  # (the clause ends right before the meeting's name: it modifies the meeting)
    return own.i != pred.i and own.pos_ == "VERB" and own.dep_ in ("acl",) or (
        own.i != pred.i and own.pos_ == "VERB" and any(t.dep_ == "mark" or t.pos_ == "SCONJ" for t in own.children)
        and own.head.pos_ in ("NOUN", "PRON") and own.head.i != pred.i)


def _other_noun_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a noun other than a date or place word stands in ``doc.text[start:end]``
    (「8月24日の発射を受け、会談」 yes; 「5日の会談」 and 「5日のソウルでの会談」 no)."""
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    if span is None:
        return False
    return any(t.pos_ in ("NOUN", "VERB") and "地名" not in t.tag_ and t.tag_ != "名詞-普通名詞-副詞可能" for t in span)


def adjacent_date(sentence: Sentence, mention: DomainMention, published: Optional[str]) -> Optional[str]:
    """A date written right before a meeting (「2029年3月の日豪2プラス2対話」)."""
    text = doc_text(sentence.doc)
    for m in sentence.mentions:
        if m.label == "DATE" and 0 <= mention.start - m.end <= 1 and text[m.end : mention.start] in ("", "の"):
            return resolve(m.expression or m.text, published)
    return None


def _meeting_place(sentence: Sentence, mention: DomainMention) -> Optional[str]:
    """The で-phrase of the meeting's predicate: 「ワシントンDCの米国務省で」 → ワシントンDCの米国務省."""
    doc = sentence.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    pred = predicate_of(span[-1])
    people = [(m.start, m.end) for m in sentence.mentions if m.label == "PERSON"]
    for token in doc[sentence.span.start : sentence.span.end]:
        if token.text != "で" or token.dep_ != "case" or span.start <= token.i < span.end:
            continue  # before or after the name: 「ソウルで…会議を開いた」「会議が…ソウルで開かれた」
        head = token.head
        own = predicate_of(head)
        # 「ワシントンで開かれた日米外相会談に出席した」: the place of the clause naming the meeting
        describes = own.dep_ == "acl" and span.start <= own.head.i < span.end and own.lemma_ in lexicon.cues("held")
        if (own.i != pred.i and not describes) or head.pos_ not in ("NOUN", "PROPN"):
            continue
        start = head.i
        while start - 1 >= sentence.span.start:
            prev = doc[start - 1]
            if any(s <= prev.idx < e for s, e in people):
                break
            if prev.pos_ in ("NOUN", "PROPN", "NUM") or prev.text in ("の", "・") or prev.tag_.startswith(("接頭辞", "接尾辞")):
                start -= 1
                continue
            break
        while start < head.i and doc[start].text in ("の", "・"):
            start += 1
        text = doc_text(doc)[doc[start].idx : head.idx + len(head.text)]
        if head.lemma_ in lexicon.cues("not_place") or any(text.endswith(w) for w in lexicon.cues("not_place")):
            continue  # 「国賓待遇で」「オンライン形式で」: how, not where
        if text and not any(ch in text for ch in "、。「"):
            return text
    return None


def resolve_meeting_mention(mention: DomainMention, definitions: dict[str, dict]) -> Optional[dict]:
    """The forum, acronym, countries, kind and aliases a meeting mention names (None for a bare word)."""
    forum = mention.forum or ""
    acronym = mention.acronym or None
    countries = list(mention.countries)
    kind = mention.kind
    aliases = list(mention.aliases)
    if not forum:
        if acronym and acronym not in definitions and mention.has_kind:
            # 「APEC首脳会議」: an organisation's meeting named by its acronym, as written
            forum = unicodedata.normalize("NFKC", mention.text)
            return {
                "forum": forum, "acronym": acronym, "countries": countries, "kind": kind, "aliases": aliases,
                "identity": "group:" + acronym + ":" + norm(forum[len(acronym):] if forum.startswith(acronym) else forum),
            }
        if not acronym or acronym not in definitions:
            return None
        d = definitions[acronym]
        forum, countries, kind = d["forum"], countries or d["countries"], d["kind"] or kind
    elif acronym and acronym in definitions and not mention.known:
        countries = countries or definitions[acronym]["countries"]
    other = other_kind_of_grouping(mention, forum, kind)
    if other is not None:
        # 「東アジア首脳会議(EAS)参加国外相協議」: the ministers of a summit's members, not the summit
        name = unicodedata.normalize("NFKC", mention.text)
        tail = name[len(forum):].lstrip()
        short = [acronym + re.sub(r"^\([^)]*\)", "", tail)] if acronym else []
        return {"forum": name, "acronym": None, "countries": countries, "kind": other, "aliases": short,
                "identity": "made::" + other + ":" + norm(name)}
    if acronym:
        identity = "acr:" + acronym
    elif mention.known:
        identity = "forum:" + forum
    else:
        identity = "made:" + ",".join(sorted(countries)) + ":" + (kind or "") + ":" + norm(forum)
    return {"forum": forum, "acronym": acronym, "countries": countries, "kind": kind, "aliases": aliases, "identity": identity}


def other_kind_of_grouping(mention: DomainMention, forum: str, kind: Optional[str]) -> Optional[str]:
    """The kind of a meeting named after a summit and written with other posts after its name
    (「…首脳会議(EAS)参加国非公式外相協議」 → ministerial), or None: the posts are those of the
    meeting words of ``meeting_kinds.tsv`` other than the summit's (外相, 国防相, 閣僚, 次官 …)."""
    if kind != "summit" or not forum or not mention.known:
        return None
    text = unicodedata.normalize("NFKC", mention.text)
    if not text.startswith(forum):
        return None
    tail = re.sub(r"^\([^)]*\)", "", text[len(forum):])
    for word in lexicon.meeting_words_longest_first():
        entry = lexicon.meeting_kinds()[word]
        post = lexicon.construction_pattern("meeting_word_end").sub("", word)
        if entry.kind not in ("summit", "bilateral", "forum", "dialogue") and post and post != word and post in tail:
            return entry.kind
    return None


def is_embedded(sentence: Sentence, mention: DomainMention) -> bool:
    """Whether a mention belongs to an embedded clause (「北朝鮮が5月31日に発射したことを」,
    「…日に開かれた会議で」), not to what the sentence itself narrates."""
    span = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    pred = predicate_of(span[-1])
    return in_relative_clause(pred) or pred.dep_ in ("ccomp", "csubj")


APPOSITION = lexicon.construction_pattern("apposition")


def with_listed_countries(sentence: Sentence, mention: DomainMention, info: dict) -> dict:
    """「日本と中国の外相会談」: countries listed before 「Xの<meeting>」 all take part
    (日中外相会談), not only the one written next to the meeting word."""
    text = doc_text(sentence.doc)
    if len(info["countries"]) != 1 or not re.match(r"[^の]{1,6}の", mention.text):
        return info
    listed = list(info["countries"])
    start = mention.start
    for x in reversed([x for x in sentence.mentions if x.label == "COUNTRY" and x.end < start]):
        if text[x.end : start] not in lexicon.construction_words("listed_country_joiner"):
            break
        codes = list(x.codes)
        listed = codes + [c for c in listed if c not in codes]
        start = x.start
    if len(listed) < 2:
        return info
    abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
    if not all(c in abbreviations for c in listed):
        return info
    word = mention.text.split("の", 1)[1]
    forum = "".join(abbreviations[c] for c in listed) + word
    return {
        **info, "forum": forum, "countries": listed, "aliases": other_orders(listed, word),
        "identity": "made:" + ",".join(sorted(listed)) + ":" + (info["kind"] or "") + ":" + norm(forum),
    }


def is_hosting(sentence: Sentence, mention: DomainMention) -> bool:
    """「…会議が開かれていたジャカルタで」: a meeting named only to say where something else
    happened (its clause modifies a place in a で-phrase)."""
    span = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    pred = predicate_of(span[-1])
    if not in_relative_clause(pred) or pred.head.i == pred.i:
        return False
    place = pred.head
    doc = sentence.doc
    for _ in range(3):  # 「…が開かれているインドネシアの首都ジャカルタで」
        if place.i + 1 < len(doc) and doc[place.i + 1].text == "の" and place.head.i != place.i and place.head.i > place.i:
            place = place.head
    return place.i + 1 < len(doc) and doc[place.i + 1].text == "で"


def gathering_mention(sentence: Sentence) -> DomainMention:
    """A stand-in mention for the gathering verb of the sentence (「一堂に会し」)."""
    text = doc_text(sentence.doc)
    for word in lexicon.cues("gathering"):
        at = text.find(word, sentence.span.start_char, sentence.span.end_char)
        if at >= 0:
            return DomainMention("MEETING", at, at + len(word), word)
    return DomainMention("MEETING", sentence.span.start_char, sentence.span.start_char, "")


def gathering_place(sentence: Sentence) -> Optional[str]:
    """The で-place right before the gathering verb: 「ソウル市内で一堂に会し」 → ソウル市内."""
    text = doc_text(sentence.doc)[sentence.span.start_char : sentence.span.end_char]
    for word in lexicon.cues("gathering"):
        match = re.search(r"([^、。\s「」()（）]{1,20})で" + re.escape(word), text)
        if match:
            return match.group(1)
    return None


def without_person(sentence: Sentence, mention: DomainMention) -> DomainMention:
    """A meeting name never contains a person: 「陳国防相とも日中防衛相会談」 is the partner,
    then the meeting (日中防衛相会談)."""
    text = doc_text(sentence.doc)
    inside = [p for p in sentence.mentions if p.label == "PERSON" and mention.start <= p.start and p.end < mention.end]
    if not inside:
        return mention
    start = max(p.end for p in inside)
    while start < mention.end and text[start] in lexicon.construction_words("after_partner_char"):
        start += 1
    rest = text[start : mention.end]
    if rest in lexicon.meeting_kinds():
        # only a meeting word is left (「Bとも会談」): generic, and a predicate before する
        return replace(mention, start=start, text=rest, forum=None, countries=(), aliases=(), generic=True, phrase=rest)
    if mention.forum == mention.text:
        return replace(mention, start=start, text=rest, forum=rest)
    return replace(mention, start=start, text=rest)


def date_from_focus(meeting: "Meeting", focus: Optional["Meeting"]) -> None:
    """A held meeting reported without a date (「会合の合間を縫い…会談を行った」「協議に先立ち」)
    took place around the meeting in focus: its month, not a day the article does not give."""
    if meeting.date is None and focus is not None and focus is not meeting and focus.date and len(focus.date) >= 7:
        meeting.date = focus.date[:7]


def is_closing(sentence: Sentence, mention: DomainMention) -> bool:
    """Whether the meeting's predicate reports its end (閉幕, 終える)."""
    span = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    pred = predicate_of(span[-1])
    chain = [pred, *predicate_chain(pred), *(c for c in pred.children if c.dep_ == "advcl")]
    return any(t.lemma_ in lexicon.cues("closing") for t in chain)


def legislative(sentence: Sentence, mention: DomainMention) -> bool:
    """A session of a parliament or its committees (「国会外交統一委員会の全体会議」):
    a legislature word opens the mention or the noun phrase it closes."""
    text = doc_text(sentence.doc)
    lead = re.split(r"[、。「」『』()（）\s]", text[sentence.span.start_char : mention.start])[-1]
    phrase = lead + mention.text
    # never a bare substring: 「…韓国会議」 is not 国会, 「参議院選挙後初の首脳会談」 is no session
    # (「…安保政策協議会」 ends in 議会 inside a longer meeting word: a council of officials)
    kind_word = next((k for k in lexicon.meeting_words_longest_first() if phrase.endswith(k)), "")
    return any(
        phrase.startswith(word) or ("の" + word) in phrase or (phrase.endswith(word) and len(kind_word) <= len(word))
        for word in lexicon.cues("legislature")
    )


def group_meeting(sentence: Sentence, mention: DomainMention) -> Optional[dict]:
    """A group's meeting other than its summit, named by the group's acronym:
    「G7外相会合」, 「先進7カ国(G7)外相会合」 → forum G7外相会合, acronym G7 (not the G7 summit)."""
    text = doc_text(sentence.doc)
    phrase = mention.phrase or mention.text
    full = None
    if mention.generic:
        before = unicodedata.normalize("NFKC", text[max(0, mention.start - 12) : mention.start])
        match = re.search(r"(?:\(([A-Z][A-Z0-9+]{1,7})\)|(?<![A-Za-z0-9])([A-Z][A-Z0-9+]{1,7}))$", before)
        if match is None and before.endswith("の"):
            # 「G7の外相会合」: a known group's acronym, then の, then a meeting word other than its summit
            # (an empty first group: the acronym is bare, group 2, as below)
            match = re.search(r"()(?<![A-Za-z0-9])([A-Z][A-Z0-9+]{1,7})の$", before)
            entry = lexicon.meeting_kinds().get(phrase)
            if match is None or match.group(2) not in _forum_acronyms() or entry is None or entry.kind == "summit":
                return None
        if match is None:
            return None
        acronym = match.group(1) or match.group(2)
        # a bare acronym must be a known group; one in parentheses after a name defines itself
        # (「東南アジア諸国連合(ASEAN)外相会議」)
        if match.group(2) and acronym not in _forum_acronyms():
            return None
        if match.group(1):
            lead = re.split(r"[、。「」『』\s()（）はがをにで]", text[sentence.span.start_char : mention.start].rsplit("(", 1)[0].rsplit("（", 1)[0])[-1]
            full = lead + phrase if len(lead) >= 2 else None
    else:
        acronym = mention.acronym
        written = unicodedata.normalize("NFKC", mention.text)
        if not acronym or not mention.known or not written.startswith(acronym):
            return None
        phrase = written[len(acronym) :]
        entry = lexicon.meeting_kinds().get(phrase)
        if entry is None or entry.kind == mention.kind:
            return None  # 「G7首脳会議」 is the group's summit itself
    entry = lexicon.meeting_kinds().get(phrase)
    kind = entry.kind if entry else mention.kind
    forum = acronym + phrase
    return {
        "forum": forum, "acronym": acronym, "countries": [], "kind": kind,
        "aliases": [full] if mention.generic and full else [],
        "identity": "group:" + acronym + ":" + norm(phrase),
    }


def organisation_meeting(sentence: Sentence, mention: DomainMention) -> Optional[dict]:
    """An international organisation's meeting named by a bare word:
    「NATO＝北大西洋条約機構の首脳会議」「北大西洋条約機構(NATO)は…首脳会議を開いた」
    → 北大西洋条約機構首脳会議 (alias NATO首脳会議)."""
    if not mention.generic:
        return None
    doc, text = sentence.doc, doc_text(sentence.doc)
    orgs = [
        x for x in sentence.mentions
        if x.label == "INSTITUTION" and x.kind == "intl_org" and x.end <= mention.start
        and not sentence.quoted(x.start, x.end)
    ]
    if not orgs:
        return None
    org = orgs[-1]
    if text[org.end : mention.start] != "の":
        span, own = doc.char_span(org.start, org.end, alignment_mode="expand"), doc.char_span(mention.start, mention.end, alignment_mode="expand")
        after = re.match(r"(?:[(（][A-Za-zＡ-Ｚ]+[)）])?[はが]", text[org.end : org.end + 12])
        if span is None or own is None or after is None or predicate_of(span[-1]).i != predicate_of(own[-1]).i:
            return None
    # the same organisation written twice (NATO＝北大西洋条約機構, 北大西洋条約機構(NATO))
    same = [x for x in sentence.mentions if x.label == "INSTITUTION" and x is not org and x.country == org.country and abs(x.start - org.start) <= 20]
    names = [org.text] + [x.text for x in same]
    acronym = next((n for n in names if re.fullmatch(r"[A-Z]{2,8}", unicodedata.normalize("NFKC", n))), None)
    full = next((n for n in names if n != acronym), org.text)
    phrase = mention.phrase or mention.text
    forum = full + phrase
    aliases = [acronym + phrase] if acronym and acronym != full else []
    return {
        "forum": forum, "acronym": acronym if acronym != full else None, "countries": [], "kind": mention.kind,
        "aliases": aliases, "identity": "made::" + norm(forum),
    }


def _forum_acronyms() -> frozenset[str]:
    return frozenset(f.acronym for f in lexicon.forums().values() if getattr(f, "acronym", None))


def meeting_ordinal(sentence: Sentence, mention: DomainMention) -> Optional[int]:
    """The meeting's count (第3回), written in the mention or right before it."""
    if mention.ordinal is not None:
        return mention.ordinal
    before = doc_text(sentence.doc)[max(0, mention.start - 8) : mention.start]
    match = lexicon.construction_pattern("ordinal_before_meeting").search(before)
    return int(unicodedata.normalize("NFKC", match.group(1))) if match else None


# -- meetings
def acronym_definitions(ex: Extraction) -> dict[str, dict]:
    """Forums the article defines with an acronym (「日韓海洋安全保障対話(MSD)」), by acronym."""
    definitions: dict[str, dict] = {}
    for sentence in ex.sentences:
        for m in sentence.mentions:
            if m.label == "MEETING" and m.acronym and m.forum:
                definitions.setdefault(
                    m.acronym,
                    {
                        "forum": m.forum,
                        "countries": list(m.countries),
                        "kind": m.kind,
                    },
                )
    return definitions


def other_day(ex: Extraction, sentence: Sentence, meeting: Optional[Meeting]) -> bool:
    """Whether the sentence dates what it reports to a day the meeting was not held on."""
    if meeting is None or not meeting.date:
        return False
    for m in sentence.mentions:
        if m.label != "DATE" or sentence.quoted(m.start, m.end) or in_parentheses(doc_text(sentence.doc), m.start):
            continue
        day = resolve(m.expression or m.text, ex.published)
        if day and len(day) == 10 and len(meeting.date) == 10 and day != meeting.date:
            return True
    return False


def field_day(ex: Extraction) -> Optional[str]:
    """The one day a page's when-field gives (cues ``when_field``): a heading 「2 日時」 (also
    「日時・場所」) over the line that dates the event; None when the page has no such field or
    its fields give more than one day. (Field lines 「日時:…」 outside such a heading are page
    furniture to kg.ingest and never reach extraction.)"""
    text, blocks = ex.article.text, ex.article.blocks
    labels = tuple(lexicon.cues("when_field"))
    found = set()
    for block, below in zip(blocks, blocks[1:]):
        words = heading_words(text[block.start : block.end])
        if block.kind != "heading" or not words.startswith(labels) or len(words) > 8:
            continue
        dates = find_dates(unicodedata.normalize("NFKC", text[below.start : below.end]))
        day = resolve(dates[0][2].group(0), ex.published) if dates else None
        if day and len(day) == 10:
            found.add(day)
    # 「1　日　時　令和8年7月14日(火)」「日時：…」: the field's label and its day on one line (the
    # line is furniture to ingest, so it is read in the page's text)
    for line in text.splitlines()[:MAX_FIELD_LINES]:
        compact = re.sub(r"\s+", "", heading_words(unicodedata.normalize("NFKC", line)))
        label = next((w for w in labels if compact.startswith(w)), None)
        if label is None or len(compact) > 40 or compact == label:
            continue
        dates = find_dates(compact[len(label):].lstrip(":："))
        day = resolve(dates[0][2].group(0), ex.published) if dates and dates[0][2].start() <= 2 else None
        if day and len(day) == 10:
            found.add(day)
    return found.pop() if len(found) == 1 else None


MAX_FIELD_LINES = 200  # lines of a page searched for a when-field written on one line


def date_from_field(ex: Extraction) -> None:
    """A held meeting its sentences leave undated took place on the day the page's when-field
    gives (「1 概要 …とテレビ会談を実施した。 2 日時 令和X年X月X日(火)…」)."""
    day = field_day(ex)
    if day is None or (ex.published and day > ex.published[:10]):
        return
    for meeting in ex.meetings:
        if meeting.status == "held" and meeting.date is None and not meeting.other_session:
            meeting.date = day


def date_from_item_line(ex: Extraction) -> None:
    """A listing page of dated items (two or more date lines, 「2026年11月28日」, over the items'
    texts): a held meeting its sentences leave undated took place on the day of the date line of
    the item it is reported in (not on the page's day)."""
    lines = [(end, day) for end, day in ex.date_lines if day]
    if len(lines) < 2:
        return
    for meeting in ex.meetings:
        if meeting.status != "held" or meeting.date is not None or meeting.other_session or not meeting.evidence:
            continue
        first = min(ev.start for ev in meeting.evidence)
        above = [day for end, day in lines if end <= first]
        if above and not (ex.published and above[-1] > ex.published[:10]):
            meeting.date = above[-1]


def date_from_publication(ex: Extraction) -> None:
    """Same-day reports (TV, wire): a meeting the lead reports as held, with no other day written
    up to there and none found for it later, took place on the day of publication."""
    published = ex.published or ""
    if len(published) < 10:
        return
    lead = ex.sentences[:4]
    for meeting in ex.meetings:
        if meeting.status != "held" or meeting.date is not None or meeting.other_session:
            continue  # (「前回の会合は東京で開かれた」: the session before, not the one of the day)
        first = next((i for i, s in enumerate(ex.sentences) if any(e.start == s.start for e in meeting.evidence)), None)
        if first is None:
            continue
        # in the lead; or later, when the story's day there is the day of publication
        # (「2030年5月4日、A大臣は…を訪問したところ、概要以下の通り」 … 「会談を実施しました」)
        told = lead[: first + 1] if first < len(lead) else [ex.sentences[first]] if ex.day.get(first) == published[:10] else None
        if told is None:
            continue
        written = [
            resolve(m.expression or m.text, published)
            for s in told for m in s.mentions
            if m.label == "DATE" and not date_elsewhere(doc_text(s.doc), m.end)
        ]
        if all(d == published[:10] for d in written):
            meeting.date = published[:10]


def named_meetings(ex: Extraction, definitions: dict[str, dict]) -> list[dict]:
    """Every named meeting mention of the article (the topics generic words refer to)."""
    found = []
    for sentence in ex.sentences:
        for m in sentence.mentions:
            if m.label == "MEETING" and not m.generic and not sentence.quoted(m.start, m.end):
                info = resolve_meeting_mention(m, definitions)
                if info is not None:
                    found.append(info)
    return found


def generic_target(ex: Extraction, sentence: Sentence, m: DomainMention, named: list[dict], current: Optional[Meeting]) -> Optional[dict]:
    """What 「会談」「協議」「閣僚会合」 without a forum refers to."""
    phrase = m.phrase or m.text
    text = doc_text(sentence.doc)
    if current is not None and headline_block(sentence) and not any(sentence.start <= ev.start < sentence.end for ev in current.evidence):
        current = None  # 「12月3日　A、Bと会談」: an item of a dated list reports its own meeting
    owner = next((x for x in sentence.mentions if x.label == "MEETING" and x.end == m.start - 1 and text[x.end : m.start] == "の"), None)
    if owner is not None and phrase in lexicon.cues("session"):
        # 「東方経済フォーラムの全体会合」: a session of the forum named before の
        forum = owner.text + "の" + phrase
        return {"forum": forum, "acronym": None, "countries": [], "kind": "session", "aliases": [], "identity": "made::" + norm(forum)}
    group = lexicon.construction_pattern("group_acronym_of").search(text[max(0, m.start - 32) : m.start])
    if group is not None and (phrase in lexicon.cues("bare_meeting") or phrase in lexicon.meeting_kinds()):
        # 「…のインド洋3カ国（IO3）の会合も開かれ」「…4カ国(IP4)の首脳会合」: a group named with its
        # acronym, then の: its meeting
        forum = group.group(1) + phrase
        return {"forum": forum, "acronym": group.group(2), "countries": [], "kind": m.kind,
                "aliases": [group.group(2) + phrase], "identity": "made::" + norm(forum)}
    pointer = next(
        (w for w in lexicon.cues("this_meeting") if phrase.startswith(w) and (
            phrase[len(w):] in lexicon.cues("bare_meeting")
            # 「同委員会」 after 「…運営委員会を開催した」: the pointer and the last word of its name
            or (current is not None and len(phrase) - len(w) >= 2 and norm(current.forum).endswith(norm(phrase[len(w):])))
        )),
        None,
    )
    if pointer is not None and current is not None:
        return info_of(current.parent or current)  # 「本会合には…が出席し」: the meeting being reported
    if pointer is not None:
        # 「X会議に出席するため…訪問中のAは、同会合の機会に」 with no meeting reported yet: the
        # pointer names no meeting of its own (nor does it make the meeting it points at held)
        return None
    if current is not None and current.parent is not None and phrase not in lexicon.cues("session"):
        current = current.parent  # 「拡大会合を行った。会談には…」: the meeting, not its last session
    if phrase in lexicon.cues("session") and current is not None and phrase not in norm(current.forum):
        # 「少人数会合が行われ、A大臣は…」: a session of the meeting being reported, its own meeting
        forum = phrase
        return {
            "forum": forum, "acronym": None, "countries": list(current.countries), "kind": "session", "aliases": [],
            "identity": "made::" + norm(current.forum) + ":" + norm(forum), "parent": current,
        }
    if phrase in lexicon.cues("sub_session") and current is not None:
        # 「少人数会合に続き拡大会合を行った」: sessions of the meeting being reported
        return info_of(current)
    word = phrase if phrase in lexicon.meeting_kinds() else None
    if word is None and len(phrase) > 4 and not any(phrase.endswith(k) and len(phrase) - len(k) <= 4 for k in lexicon.meeting_kinds()):
        # a named conference without an acronym: 「アジア安全保障会議」
        return {"forum": phrase, "acronym": None, "countries": [], "kind": m.kind, "aliases": [], "identity": "made::" + norm(phrase)}
    bare = phrase in lexicon.cues("bare_meeting")
    if current is not None and (bare or phrase in lexicon.cues("summit_word")) and with_partner(sentence, m) and named_as_occasion(ex, sentence, m, current):
        current = None  # 「M出席のため…訪問中のA大臣は、Bと会談した」: talks held at M, a meeting of their own
    if current is not None and bare and with_partner(sentence, m) and doc_text(sentence.doc)[m.end :].startswith(
        lexicon.construction_words("additive_after_meeting")
    ):
        current = None  # 「同日午後、AはBとの協議にも臨み」: a meeting besides the one reported
    if current is not None and bare and pair_within(ex, sentence, m, current.countries):
        current = None  # 「(三者の会議の後)AはBと…会談を行い」: two of its parties, talks of their own
    if current is not None and bare:
        theirs = meeting_of_the_people(ex, sentence, current)
        if theirs is not None:
            return info_of(theirs)  # 「(写真)会談に臨むA外相とB外相」: the talks those two held
    if current is not None and m.kind == "summit" and current.kind not in (None, "summit") and norm(phrase) in norm(current.forum):
        # 「…首脳会議参加国外相会議…昨年10月の首脳会議」: the summit word names the summit, not the
        # ministers' meeting named after it
        same_kind = next((i for i in named if i["kind"] == m.kind and norm(phrase) in norm(i["forum"])), None)
        return same_kind  # (None: nothing of that kind to refer to)
    fresh = current is not None and (new_parties(ex, sentence, current) or (bare and another_meeting_also(ex, sentence, m, current)))
    if fresh:
        current = None  # 「首脳会談を行うA大統領とシンガポールのB首相」: new parties, a new meeting
    if current is not None and (
        norm(phrase) in norm(current.forum) or bare or (phrase in lexicon.cues("bare_meeting") | lexicon.cues("summit_word") and current.kind == m.kind)
    ):
        return info_of(current)
    for info in named:
        if phrase in lexicon.cues("bare_meeting") | lexicon.cues("summit_word"):
            break
        if norm(phrase) in norm(info["forum"]) or any(norm(phrase) in norm(a) for a in info["aliases"]):
            return info
    partner = partner_before(ex, sentence, m) if bare or phrase in lexicon.cues("summit_word") else None
    if partner is not None and ex.home and partner != ex.home:
        # 「昨年11月のA主席との首脳会談」: the talks of the home country with the partner's,
        # not another meeting of the article that includes them both
        for info in named:
            if set(info["countries"]) == {ex.home, partner} and info["forum"].endswith(phrase[-2:]):
                return info
    # 「AはBと会談を行った」: two parties facing each other hold talks of their own, not a wider
    # meeting of theirs the article names (「…日米豪比防衛相会談に向け」)
    speakers = {r.person.country for r in ex.refs_in(sentence) if r.person.country and r.mention.end <= m.start}
    paired = with_partner(sentence, m) and len(speakers) >= 2
    if bare:
        tail = phrase[-2:]
        present = _explicit_states(ex, sentence)
        for info in named:
            if present - set(info["countries"]) and info["countries"]:
                continue  # 「李中国総理と…会談を行い」: not the 日韓 talks named before
            if (paired and speakers < set(info["countries"])) or pair_within(ex, sentence, m, info["countries"]):
                continue  # 「AはBと会談を行った。…日米豪比防衛相会談に向け」: two of its parties
            if info["forum"].endswith(tail):
                return info
    topical = _TOPIC_BEFORE.search(doc_text(sentence.doc)[max(0, m.start - 20) : m.start])
    if topical is not None and not bare:
        # 「ウクライナ支援に関する多国間会議」: a meeting named by its subject
        forum = topical.group(0) + phrase
        body = setting_body(sentence, m)
        if body is not None:
            # 「国連安保理において…に関する閣僚会合が開かれた」: the body's meeting, on that subject
            return {"forum": body.text + phrase, "acronym": None, "countries": [body.country] if body.country else [],
                    "kind": m.kind, "aliases": [forum], "identity": "made::" + norm(body.text + phrase)}
        return {"forum": forum, "acronym": None, "countries": [], "kind": m.kind, "aliases": [], "identity": "made::" + norm(forum)}
    qualified = qualified_generic(ex, sentence, m, phrase)
    if qualified is not None:
        return qualified  # 「日米韓3カ国の首脳は…首脳会議を開き」
    # 「…と首脳会談を行った。…初の米韓首脳会談となった」: the article's own name for it
    for info in named:
        if info["forum"].endswith(phrase) and len(info["countries"]) >= 2 and speakers <= set(info["countries"]):
            if (paired and speakers < set(info["countries"])) or pair_within(ex, sentence, m, info["countries"]):
                continue
            return info
    # 「山田一郎首相と陳明国家主席は…首脳会談を行い」: the speakers' countries name it
    countries = list(dict.fromkeys(
        r.person.country for r in ex.refs_in(sentence)
        if r.person.country and (r.mention.end <= m.start or fresh)  # (new parties: named after it)
    ))
    countries = home_first(ex, countries)
    if len(countries) >= 2:
        # (an organisation has no one-kanji form: 「日本・北大西洋条約機構会談」)
        medium = written_medium(phrase)
        if medium and phrase == medium + _TALKS:
            # 「AはBと電話会談を行った」: named like one-off talks, medium kept (日英外相電話会談)
            speakers_here = [r for r in ex.refs_in(sentence) if r.person.country and r.mention.end <= m.start]
            return talks_forum(ex, speakers_here, countries, [], medium=medium)
        phrase = posted_word(ex, sentence, m, phrase)
        forum = parties_name(countries) + phrase
        entry = lexicon.meeting_kinds().get(phrase)
        return {
            "forum": forum, "acronym": None, "countries": countries, "kind": entry.kind if entry else m.kind,
            "aliases": made_up_aliases(countries, phrase),
            "identity": "made:" + ",".join(sorted(countries)) + ":" + (m.kind or "") + ":" + norm(forum),
        }
    if bare:
        return None  # 「会議で…」 with nothing to refer to and nobody to name it after
    return {"forum": phrase, "acronym": None, "countries": [], "kind": m.kind, "aliases": [], "identity": "made::" + norm(phrase)}


def headline_block(sentence: Sentence) -> bool:
    """Whether the sentence stands in a body block without any sentence end (a list item)."""
    return sentence.kind == "body" and not any(mark in doc_text(sentence.doc) for mark in "。！？")


def written_medium(text: str) -> Optional[str]:
    """The medium a meeting word is written with (電話会談 → 電話), or None."""
    return next((w for w in sorted(lexicon.cues("talk_medium")) if text.startswith(w)), None)


def parties_name(countries: list[str]) -> str:
    """The parties' part of a made-up meeting name: one-kanji forms run together (日米韓),
    else the Japanese labels joined by 「・」 (日本・北大西洋条約機構)."""
    abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
    if all(c in abbreviations for c in countries):
        return "".join(abbreviations[c] for c in countries)
    return "・".join(lexicon.country(c).label_ja for c in countries)


def short_parties_name(countries: list[str]) -> Optional[str]:
    """The parties the way the Japanese foreign ministry names talks, when that differs from
    ``parties_name``: one-kanji forms where a party has one, a party without one set off by
    「・」 (日・インドネシア, 日・北大西洋条約機構); an alias of a made-up name."""
    abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
    parts: list[str] = []
    run = ""
    for c in countries:
        if c in abbreviations:
            run += abbreviations[c]
            continue
        if run:
            parts.append(run)
            run = ""
        parts.append(lexicon.country(c).label_ja)
    if run:
        parts.append(run)
    short = "・".join(parts)
    return short if short != parties_name(countries) else None


def latin_parties_name(countries: list[str]) -> Optional[str]:
    """The parties with an organisation written by its Latin acronym (日EU, 日NATO), the way
    papers and the foreign ministry name talks with one; None when no party has one."""
    abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
    forms: dict[str, str] = {}
    for form, code in lexicon.country_forms().items():
        if code in countries and code not in abbreviations and form.isascii() and form.isupper() and len(form) >= 2:
            forms.setdefault(code, form)
    if not forms or not all(c in abbreviations or c in forms for c in countries):
        return None
    return "".join(abbreviations.get(c) or forms[c] for c in countries)


def made_up_aliases(countries: list[str], word: str) -> list[str]:
    """Other spellings of the made-up name ``parties_name(countries) + word``."""
    out = other_orders(countries, word)
    words = [word]
    if word.endswith(_TALKS):
        # 「外務大臣会談」 is also written with the post's common name (外相会談, post_variants)
        # (国防相会談 … 防衛相会談: every spelling of the post that names talks)
        post = word[: -len(_TALKS)]
        variants = lexicon.post_variants()
        common = variants.get(post, post)
        for variant in sorted({v for v, c in variants.items() if c == common} | {common}):
            if variant + _TALKS in lexicon.meeting_kinds() and variant + _TALKS not in words:
                words.append(variant + _TALKS)
    for name in (parties_name(countries), short_parties_name(countries), latin_parties_name(countries)):
        for w in words:
            if name and name + w != parties_name(countries) + word and name + w not in out:
                out.append(name + w)
    return out


def with_partner(sentence: Sentence, m: DomainMention) -> bool:
    """Whether the meeting word has a partner phrase right before it (「Bと会談」「Bとの会談」)."""
    before = doc_text(sentence.doc)[max(0, m.start - 3) : m.start]
    return before.endswith(lexicon.construction_words("partner_before_meeting"))


def meeting_of_the_people(ex: Extraction, sentence: Sentence, current: "Meeting") -> Optional["Meeting"]:
    """The one earlier held meeting in which all the people this sentence names (two or more)
    took part together, when none of them took part in ``current``: a bare 「会談」 beside them
    (a photo caption, a later remark) is theirs, not the last meeting the text mentioned."""
    people = {r.person.key for r in ex.refs_in(sentence)}
    if len(people) < 2:
        return None
    taking = {}
    for rep in ex.representations.values():
        taking.setdefault(rep.meeting, set()).add(rep.person)
    if people & taking.get(current.key, set()):
        return None
    theirs = [meeting for meeting in ex.meetings if meeting.status == "held" and people <= taking.get(meeting.key, set())]
    return theirs[0] if len(theirs) == 1 else None


_ASIDE = re.compile(r"[(（][^()（）]{1,20}[)）]")


def pair_within(ex: Extraction, sentence: Sentence, m: DomainMention, parties) -> bool:
    """Whether the talk word has a partner marked with と in its own clause (「AはBと…会談を
    行い」) and the parties named before it are fewer than ``parties`` (those of a wider
    meeting): two parties of it holding talks of their own."""
    doc = sentence.doc
    word = doc.char_span(m.start, m.end, alignment_mode="expand")
    if word is None:
        return False
    pred = predicate_of(word[-1])
    refs = [r for r in ex.refs_in(sentence) if r.mention.end <= m.start]
    partnered = False
    for ref in refs:
        # (a bracketed aside may stand before と: 「B国防次官(陸軍上将)と会談を行い」)
        aside = _ASIDE.match(doc_text(doc), ref.mention.end)
        span = doc.char_span(ref.mention.start, aside.end() if aside else ref.mention.end, alignment_mode="expand")
        if span is not None and span.end < len(doc) and doc[span.end].text == "と" and predicate_of(doc[span.end]).i == pred.i:
            partnered = True
    states = {c for c in parties if len(c) == 2}
    speakers = {r.person.country for r in refs if r.person.country}
    # (the partner's own country may be unwritten: 「A防衛大臣は…B国防長官と会談」 is still two)
    # (a meeting of two parties has no narrower pair: its own talks, whoever is unwritten)
    return partnered and len(states) >= 3 and len({r.person.key for r in refs}) >= 2 and bool(speakers) and speakers < states


def named_as_occasion(ex: Extraction, sentence: Sentence, m: DomainMention, meeting: "Meeting") -> bool:
    """Whether ``meeting`` is named earlier in the sentence as the occasion of the trip or
    of the talks (「…会議出席のため」「…の機会に」), not as the meeting the sentence reports."""
    text = doc_text(sentence.doc)
    cues = tuple(lexicon.cues("occasion"))
    for x in sentence.mentions:
        if x.label != "MEETING" or x.end > m.start or ex.meeting_at.get((sentence.index, x.start)) is not meeting:
            continue
        after = re.sub(r"^\s*[(（][^()（）]{0,30}[)）]", "", text[x.end : x.end + 40])  # an acronym in brackets
        if after.startswith(cues) or is_hosting(sentence, x):
            return True  # (「…首脳会議が開かれている慶州で、AはBと首脳会談を行った」: the venue's meeting)
    return False


def new_parties(ex: Extraction, sentence: Sentence, current: "Meeting") -> bool:
    """Whether people of this sentence, of explicit countries, include a state that is no
    party to ``current``: a meeting whose parties the text named, or one-off talks (a word of
    ``talks_word_end``) whose parties are the people of the sentences that reported them — the
    same word with a head of another state is other talks (「首脳会談を行うA大統領とフィリピンの
    B大統領」 … 「首脳会談を行うA大統領とシンガポールのC首相」)."""
    states = [c for c in current.countries if len(c) == 2]
    if not current.countries_from_text:
        if not current.forum.endswith(tuple(lexicon.cues("talks_word_end"))) or current.kind not in _TALK_KINDS:
            return False
        starts = {ev.start for ev in current.evidence}
        states = list({c for s in ex.sentences if s.start in starts and s is not sentence for c in _explicit_states(ex, s)})
    if len(states) < 2:
        return False
    return bool(_explicit_states(ex, sentence) - set(states))


def another_meeting_also(ex: Extraction, sentence: Sentence, m: DomainMention, current: "Meeting") -> bool:
    """「同日午後、AはBとともに、C局長、D局長との協議にも臨み」: a bare meeting word with its
    partners (「…との」) and も after it (construction ``also_after_meeting``) is another meeting
    besides the one reported, when someone named before it took no part in that one."""
    text = doc_text(sentence.doc)
    if not with_partner(sentence, m) or not lexicon.construction_pattern("also_after_meeting").match(text[m.end : m.end + 3]):
        return False
    present = {rep.person for rep in ex.representations.values() if rep.meeting == current.key}
    return any(r.person.key not in present for r in ex.refs_in(sentence) if r.mention.end <= m.start)


def _explicit_states(ex: Extraction, sentence: Sentence) -> set[str]:
    return {
        r.person.country for r in ex.refs_in(sentence)
        if r.person.country and len(r.person.country) == 2 and r.person.country_source in ("explicit", "reference", "institution")
    }


def posted_word(ex: Extraction, sentence: Sentence, m: DomainMention, phrase: str) -> str:
    """A bare meeting word named after the outlet's own participant's post, when the
    lexicon knows the result: 「国家安保室長」 + 会議 → 安保室長会議 (not just 会議)."""
    if len(phrase) > 2:
        return phrase
    if phrase == _TALKS:
        speakers = [r for r in ex.refs_in(sentence) if r.mention.end <= m.start]
        return talk_word(ex, speakers)  # 「AとBは…会談を行い」 between heads → 首脳会談
    home = getattr(ex, "home", None)
    for ref in ex.refs_in(sentence):
        title = ref.person.title or ""
        if ref.person.country != home or ref.mention.end > m.start or not title:
            continue
        for i in range(len(title) - 1):
            if title[i:] + phrase in lexicon.meeting_kinds():
                return title[i:] + phrase
    return phrase


def qualified_generic(ex: Extraction, sentence: Sentence, m: DomainMention, phrase: str) -> Optional[dict]:
    """「日米韓の3か国の防衛相による会談」: countries (and a title with による) before a bare
    meeting word name it: 日米韓防衛相会談."""
    text = doc_text(sentence.doc)
    before = [x for x in sentence.mentions if x.end <= m.start and not sentence.quoted(x.start, x.end)]
    countries: list[str] = []
    chain: list[str] = []
    previous_end = None
    for x in before:
        if x.label != "COUNTRY":
            continue
        codes = list(x.codes)
        if len(codes) >= 2:
            countries = codes
            chain, previous_end = [], None
            continue
        # 「日本とアメリカ、韓国の」: single countries listed before 「の」
        if previous_end is not None and text[previous_end : x.start] in lexicon.construction_words("country_chain_joiner"):
            chain += codes
        else:
            chain = list(codes)
        previous_end = x.end
        if len(chain) >= 2 and text[x.end : x.end + 1] == "の":
            countries = list(dict.fromkeys(chain))
    if len(countries) < 2:
        return None
    title = ""
    if text[max(0, m.start - 3) : m.start] in lexicon.construction_words("by_parties") and len(phrase) <= 4:
        # 「外務次官による協議」 → 外務次官協議; a meeting with a name of its own keeps it
        # (「…閣僚による安全保障協議委員会」 → 日米安全保障協議委員会)
        titles = [x for x in before if x.label == "TITLE" and x.end == m.start - 3]
        if titles:
            # the whole post before による: 「外務次官による協議」 → 外務次官
            segment = text[max(0, titles[-1].start - 8) : titles[-1].end]
            segment = re.split(r"[の、。・「」()（）\s]", segment)[-1]
            title = segment if segment.endswith(titles[-1].text) else titles[-1].text
    if not title:
        # 「日米豪印4か国の外相は…会合を開いた」: the people's post names the meeting
        topics = [
            x for x in before
            if x.label == "TITLE" and text[x.end : x.end + 1] in lexicon.construction_words("subject_marker") and text[max(0, x.start - 1) : x.start] in ("の", "")
        ]
        if topics and (topics[-1].text + phrase) in lexicon.meeting_kinds():
            title = topics[-1].text
    if not title and phrase in lexicon.cues("bare_meeting"):
        # 「3カ国の高官が…会議を開き」 … 「3カ国の安保室長会議は」: the article's own name
        own = own_name(ex, phrase, countries)
        if own:
            title, phrase = "", own
    abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
    if not all(c in abbreviations for c in countries):
        return None
    forum = "".join(abbreviations[c] for c in countries) + title + phrase
    kind = lexicon.meeting_kinds().get(title + phrase)
    kind_name = kind.kind if kind else m.kind
    return {
        "forum": forum, "acronym": None, "countries": countries, "kind": kind_name,
        "aliases": other_orders(countries, title + phrase) + [
            "".join(abbreviations[c] for c in countries) + other
            for other in m.other_names
        ],
        "identity": "made:" + ",".join(sorted(countries)) + ":" + (kind_name or "") + ":" + norm(forum),
    }


def own_name(ex: Extraction, phrase: str, countries: list[str]) -> Optional[str]:
    """The article's own name for a meeting it first calls by a bare word: a kind word
    ending in that word, written anywhere in the article (headline included) after the
    same countries or a count of them (「3カ国の安保室長会議」「韓米日の安保室長会議」)."""
    key = (phrase, tuple(countries))
    if key not in ex._own_names:  # the answer depends on the article alone: one search per question
        ex._own_names[key] = _search_own_name(ex, phrase, countries)
    return ex._own_names[key]


def _search_own_name(ex: Extraction, phrase: str, countries: list[str]) -> Optional[str]:
    for sentence in ex.sentences:
        text = doc_text(sentence.doc)
        for x in sentence.mentions:
            own = x.phrase or x.text
            if (
                x.label != "MEETING" or not x.generic or sentence.quoted(x.start, x.end)
                or own == phrase or not own.endswith(phrase) or own not in lexicon.meeting_kinds()
            ):
                continue
            before = text[max(0, x.start - 8) : x.start]
            counted = lexicon.construction_pattern("counted_parties").search(before)
            written = [
                y for y in sentence.mentions
                if y.label == "COUNTRY" and re.fullmatch(r"の?", text[y.end : x.start])
                and set(y.codes) == set(countries)
            ]
            if written or (counted and (counted.group(0).startswith(lexicon.construction_words("pair_count")) or len(countries) == _count_of(counted.group(0)))):
                return own
    return None


def info_of(meeting: Meeting) -> dict:
    """The description of an existing meeting, as ``resolve_meeting_mention`` gives one."""
    return {
        "forum": meeting.forum,
        "acronym": meeting.acronym,
        "countries": list(meeting.countries),
        "kind": meeting.kind,
        "aliases": list(meeting.aliases),
        "identity": meeting.identity,
        "countries_from_text": meeting.countries_from_text,
    }


def another_session(sentence: Sentence, mention: DomainMention) -> bool:
    """Whether the mention is qualified as another session of its forum (「前回の首脳会議」
    「次回の「2+2」」「先般の首脳会合」: cues ``other_session`` right before it), not the one being told."""
    return _qualified(sentence, mention, "other_session")


# the place of the session between the cue and the meeting word: 「先般の|マニラでの|外相会談」
_PLACE_BETWEEN = lexicon.construction_pattern("place_between_cue")


def _qualified(sentence: Sentence, mention: DomainMention, cues: str) -> bool:
    """Whether a cue of kind ``cues`` stands right before the mention (its の, brackets and a
    place 「…での」 skipped)."""
    before = _PLACE_BETWEEN.sub("", doc_text(sentence.doc)[max(0, mention.start - 16) : mention.start])
    before = before.rstrip("「『(（ の")
    return any(before.endswith(cue) for cue in lexicon.cues(cues))


def session_step(sentence: Sentence, mention: DomainMention) -> int:
    """-1 when the mention is the session before the one told (cues ``session_before``:
    「前回の首脳会議」), +1 the one after (``session_after``: 「次回の会合」), else 0."""
    before = doc_text(sentence.doc)[max(0, mention.start - 8) : mention.start].rstrip("「『(（ の")
    for cue_kind, step in (("session_before", -1), ("session_after", 1)):
        if any(before.endswith(cue) for cue in lexicon.cues(cue_kind)):
            return step
    return 0


_CONTINUED = lexicon.construction_pattern("continued_count")


def continued_from(sentence: Sentence, published: Optional[str]) -> list[Optional[str]]:
    """「昨年に続き2度目」「今年5月に続き3度目の会談」: the day of each earlier session a
    count of sessions continues from (None when the text gives no year to anchor it)."""
    text = doc_text(sentence.doc)
    return [
        resolve(m.expression or m.text, published)
        for m in sentence.mentions
        if m.label == "DATE" and not sentence.quoted(m.start, m.end) and _CONTINUED.match(text[m.end : m.end + 16])
    ]


def add_earlier_session(ex: Extraction, sentence: Sentence, published: Optional[str]) -> None:
    """The earlier session a count continues from (「昨年に続き2度目」) is another session of the
    one meeting the sentence reports as held: its own, dated as written, never joined later."""
    told = {id(m): m for m in ex.meetings if not m.other_session and m.status == "held"
            and any(e.start == sentence.start for e in m.evidence)}
    if len(told) != 1:
        return
    meeting = next(iter(told.values()))
    for day in continued_from(sentence, published):
        if day is not None and meeting.date and day == meeting.date:
            continue
        ex.meetings.append(Meeting(
            key=f"m{len(ex.meetings) + 1}", forum=meeting.forum, identity=meeting.identity, aliases=list(meeting.aliases),
            acronym=meeting.acronym, kind=meeting.kind, other_session=True, date=day, countries=list(meeting.countries),
            status="held", evidence=[sentence.evidence(ex.doc_id)],
        ))


def ordinals_from_neighbours(ex: Extraction) -> None:
    """「第9回…サミットに出席する。前回の…サミットから4年半」: the session before (after) the
    one numbered N of the same forum in the article is number N-1 (N+1); with two different
    numbers of that forum told, which one it follows is not said, and it stays unnumbered."""
    for meeting in ex.meetings:
        if not meeting.other_session or not meeting.session_step or meeting.ordinal is not None:
            continue
        names = {norm(meeting.forum), *(norm(a) for a in meeting.aliases)}
        told = {
            m.ordinal for m in ex.meetings
            if not m.other_session and m.ordinal is not None
            and (m.identity == meeting.identity or names & {norm(m.forum), *(norm(a) for a in m.aliases)})
        }
        if len(told) == 1 and next(iter(told)) + meeting.session_step >= 1:
            meeting.ordinal = next(iter(told)) + meeting.session_step


def _past_and_planned(published: Optional[str], status: str, date: Optional[str], meeting: Meeting) -> bool:
    """Whether one of a new mention and an earlier meeting is planned and the other was held in a
    month before the publication's: not one session (a planned word in a report of the days
    just past is often the same session told ahead)."""
    if {status, meeting.status} != {"planned", "held"} or not published:
        return False
    held_day = date if status == "held" else meeting.date
    return bool(held_day) and held_day[:7] < published[: len(held_day[:7])]


def _genitive_of_noun(sentence: Sentence, mention: DomainMention) -> bool:
    """Whether the meeting word stands in the genitive before a noun that is no meeting word
    (「サミットの成果文書」): what the clause says is said of that noun."""
    doc = sentence.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(doc) or doc[span.end].text != "の":
        return False
    head = span.root.head
    return span.root.dep_ == "nmod" and head.i > span.end and head.pos_ == "NOUN" and not any(
        x.label == "MEETING" and x.start <= head.idx < x.end for x in sentence.mentions
    )


def add_meeting(ex: Extraction, info, ordinal, date, status, sentence: Sentence, mention: DomainMention) -> Meeting:
    """The meeting ``info`` describes: an earlier one of the same forum and date, or a new one.
    Another session (「前回の首脳会議から3年」) is always a new one, which no later mention joins."""
    names = {norm(info["forum"]), *(norm(a) for a in info["aliases"])}
    other = another_session(sentence, mention)
    for meeting in reversed([] if other else [m for m in ex.meetings if not m.other_session]):
        same_forum = (
            meeting.identity == info["identity"]
            or (info["acronym"] and meeting.acronym == info["acronym"] and not (
                info["identity"].startswith("group:") or meeting.identity.startswith("group:")
            ))
            or names & {norm(meeting.forum), *(norm(a) for a in meeting.aliases)}
        )
        if not same_forum:
            continue
        if ordinal is not None and meeting.ordinal is not None and ordinal != meeting.ordinal:
            continue
        if not dates_compatible(date, meeting.date):
            continue
        if status == "held" and meeting.status == "held" and date and meeting.date and len(date) == len(meeting.date) and date != meeting.date:
            continue
        if _past_and_planned(ex.published, status, date, meeting):
            continue  # 「首脳会談を行う予定だ。…先月の首脳会談で合意した」: two sessions
        # a bare later mention (no ordinal, no date) that is not held joins the latest one
        break
    else:
        meeting = Meeting(key=f"m{len(ex.meetings) + 1}", forum=info["forum"], identity=info["identity"], other_session=other,
                          session_step=session_step(sentence, mention) if other else 0,
                          recent=other and _qualified(sentence, mention, "session_recent"))
        ex.meetings.append(meeting)
    if len(info["forum"]) > len(meeting.forum) and info["identity"].startswith("made:"):
        meeting.aliases.append(meeting.forum)
        meeting.forum = info["forum"]
    for alias in info["aliases"]:
        if alias != meeting.forum and alias not in meeting.aliases:
            meeting.aliases.append(alias)
    meeting.acronym = meeting.acronym or info["acronym"]
    meeting.kind = meeting.kind or info["kind"]
    if info.get("parent") is not None and info["parent"] is not meeting:
        meeting.parent = meeting.parent or info["parent"]
    meeting.ordinal = meeting.ordinal if meeting.ordinal is not None else ordinal
    if date and (not meeting.date or len(date) > len(meeting.date)):
        meeting.date = date
    for c in info["countries"]:
        if c not in meeting.countries:
            meeting.countries.append(c)
    # (a description may say its countries are only those of the people so far: talks with
    # a group of posts 「各国の大使等と」)
    meeting.countries_from_text = meeting.countries_from_text or info.get("countries_from_text", bool(info["countries"]))
    if _STATUS_RANK[status] > _STATUS_RANK[meeting.status] and not (meeting.status == "planned" and _genitive_of_noun(sentence, mention)):
        # (「サミットの成果文書について議論した」 tells of the documents, not that a summit planned
        # in the article took place)
        meeting.status = status
    if status == "held":
        meeting.place = meeting.place or _meeting_place(sentence, mention)
    ev = sentence.evidence(ex.doc_id)
    if ev not in meeting.evidence:
        meeting.evidence.append(ev)
    meeting.confidence = 0.95 if meeting.status == "held" else 0.8
    return meeting


def _talks_post(post: str) -> str:
    """The spelling of ``post`` that names talks (``meeting_kinds``: 防衛相会談): the post itself,
    else its short variant (``post_variants``: the same post) written as the post's opening
    characters and one more (防衛大臣 → 防衛相, not 国防相)."""
    if post + _TALKS in lexicon.meeting_kinds():
        return post
    variants = lexicon.post_variants()
    canonical = variants.get(post, post)
    short = [
        v for v, c in [*variants.items(), (canonical, canonical)]
        if c == canonical and 2 <= len(v) < len(post) and post.startswith(v[:-1]) and v + _TALKS in lexicon.meeting_kinds()
    ]
    return short[0] if len(set(short)) == 1 else post


def talk_word(ex: Extraction, refs: list[PersonRef]) -> str:
    """The word naming talks between these people, from their posts (talk_words.tsv):
    首脳会談, 外相会談, 防衛相会談 …; 会談 when the posts say nothing."""
    # people written without a post (「習氏と会談」 before any title) do not decide the word
    titled = [r for r in refs if title_core(r.person.title)]
    # a role written before the name (「中国外交トップの」) may stand for the post
    # (「…上級代表兼欧州委員会副委員長」: each of two posts joined by 兼, ``post_joiner``, counts)
    joiner = "|".join(map(re.escape, lexicon.construction_words("post_joiner")))
    titles = [(*re.split(joiner, r.person.title or ""), r.person.described or "") for r in titled]
    for suffix, meeting_word in lexicon.talk_words():
        if titles and all(any(t.endswith(x) for t in pair if t for x in suffix.split("|")) for pair in titles):
            # the outlet's own post names the talks: a Japanese paper's 防衛相 → 防衛相会談
            home = getattr(ex, "home", None)
            own = next((title_core(r.person.title) for r in titled if r.person.country == home), None)
            own = own and _talks_post(own)
            return own + _TALKS if own and own + _TALKS in lexicon.meeting_kinds() else meeting_word
    if titled and all(r.person.title_kind == "head" for r in titled):
        return lexicon.construction_words("heads_talks_word")[0]  # heads of state or government under any post (総統, 国務院総理)
    return _TALKS


def talks_forum(ex: Extraction, refs: list[PersonRef], countries: list[str], named: list[dict], pred=None, medium: Optional[str] = None) -> dict:
    """The forum of one-off talks: a named meeting of the same countries in the article
    (「韓日国防相会談」), else countries + a word from the participants' titles, else the
    meeting noun the article uses (面会); ``medium`` is the one the noun-phrase form writes
    (「AとBとの電話会談が行われた」), named like the verbal form."""
    word = talk_word(ex, refs)
    if word == _TALKS and pred is not None and pred.lemma_ in lexicon.cues("courtesy"):
        word = pred.lemma_  # 「…とも面会した」: a courtesy meeting, named as the article names it
    if pred is not None and pred.lemma_ in lexicon.cues("talks_as_written"):
        word = pred.lemma_  # 「AはBと立ち話をした」: the text's own word for the talks
    if pred is not None and pred.i > 0 and pred.lemma_ == _TALKS and pred.doc[pred.i - 1].text in lexicon.cues("talk_medium"):
        medium = pred.doc[pred.i - 1].text  # 「電話会談を行った」 → 日英外相電話会談, 米露首脳電話会談
    elif pred is not None and pred.i > 1 and pred.lemma_ == _TALKS and pred.doc[pred.i - 1].text == "で" and pred.doc[pred.i - 2].text in lexicon.cues("talk_medium"):
        medium = pred.doc[pred.i - 2].text  # 「電話で会談した」: the same talks, named like 電話会談
    if medium:
        word = word[: -len(_TALKS)] + medium + _TALKS if word.endswith(_TALKS) else medium + word
    # the article may name the talks itself (「韓日国防相会談が開かれるのは…」)
    word_kind = lexicon.meeting_kinds()[word].kind if word in lexicon.meeting_kinds() else "bilateral"
    kinds = {r.person.title_kind for r in refs if title_core(r.person.title)}
    for info in named:
        fits = not (kinds - _TITLE_KINDS_AT.get(info["kind"], kinds))
        if set(info["countries"]) == set(countries) and info["kind"] in _TALK_KINDS and fits and (
            info["forum"].endswith(word) or info["kind"] == word_kind
        ):
            # (a prime minister's courtesy call is not the defence ministers' talks)
            return info
    forum = parties_name(countries) + word
    kind = lexicon.meeting_kinds()[word].kind if word in lexicon.meeting_kinds() else "bilateral"
    return {
        "forum": forum,
        "acronym": None,
        "countries": countries,
        "kind": kind,
        "aliases": made_up_aliases(countries, word),
        "identity": "made:" + ",".join(sorted(countries)) + ":" + kind + ":" + norm(forum),
    }


def meeting_record(m: Meeting) -> MeetingMention:
    """The ``MeetingMention`` record of a meeting."""
    return MeetingMention(
        key=m.key,
        forum=m.forum,
        forum_aliases=tuple(m.aliases),
        acronym=m.acronym,
        kind=m.kind,
        ordinal=m.ordinal,
        date=m.date,
        place=m.place,
        countries=tuple(m.countries),
        status=m.status,
        evidence=tuple(m.evidence),
        confidence=m.confidence,
        other_session="recent" if m.recent else "other" if m.other_session else "",
    )
