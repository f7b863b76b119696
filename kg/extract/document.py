"""One article's extraction: its state, the meeting and representation passes, and the records."""
from __future__ import annotations

from itertools import chain
import unicodedata
from dataclasses import replace
from typing import Optional

from spacy.tokens import Doc

from kg import lexicon
from kg.components import doc_text
from kg.errors import PipelineError
from kg.dates import page_year, resolve
from kg.ingest import url_year
from kg.records import Article, DocumentFacts, InstitutionMention
from kg.extract.sentences import in_parentheses, norm
from kg.extract.predicates import is_verbal
from kg.extract.sides import institution_country, set_country, home_country, home_first, mission_countries
from kg.extract.people import Person, PersonRef, looks_foreign_in_japanese, person_record, written_foreign
from kg.extract.article_people import collect_people
from kg.extract.meetings import (
    APPOSITION,
    item_day,
    Meeting,
    adjacent_date,
    aimed_date,
    is_closing,
    date_from_focus,
    is_embedded,
    gathering_mention,
    gathering_place,
    group_meeting,
    legislative,
    meeting_date,
    meeting_status,
    meeting_ordinal,
    organisation_meeting,
    resolve_meeting_mention,
    with_listed_countries,
    without_person,
    acronym_definitions,
    add_meeting,
    add_earlier_session,
    another_session,
    date_from_field,
    date_from_item_line,
    date_from_publication,
    ordinals_from_neighbours,
    generic_target,
    info_of,
    meeting_record,
    named_meetings,
    talks_forum,
    written_medium,
)
from kg.extract.frames import collect_representations, represent
from kg.extract.labels import bind_side_labels, bracketed_attendees, labelled_delegations
from kg.extract.sections import discussion_speakers, meal_of_the_headline, meeting_of_the_field_page, name_aliases, numbered_meals, roster_countries, rosters, rosters_above, split_sections
from kg.extract.talks import (
    anonymous_talks, people_of_meeting, post_partner_meeting, quote_speaker, quoted_talks, reported_as_held, talks, talks_in, visited_before,
    visited_country,
)
from kg.extract.state import Extraction


_COUNT_THIS_TIME = lexicon.construction_pattern("count_this_time")


class DocumentExtraction(Extraction):
    """The passes over one article's state (``kg.extract.state.Extraction``), in order."""

    def run(self) -> DocumentFacts:
        year = int(self.published[:4]) if self.published and self.published[:4].isdigit() else None
        people, refs = collect_people(self.sentences, self.doc_id, year)
        # partners named in quoted speech are read only by kg.extract.talks.quoted_talks
        self.quoted_refs = [r for r in refs if r.sentence.quoted(r.mention.start, r.mention.end)]
        refs = [r for r in refs if not r.sentence.quoted(r.mention.start, r.mention.end)]
        self._refs = refs
        home = self.home = home_country(self)
        for person in people:
            if (
                home and person.official and not person.former and not person.country
                and (home != "JP" or not looks_foreign_in_japanese(person))
            ):
                # Japanese papers write Japanese names in kanji, so a katakana name is foreign
                set_country(person, home, "home")
        mission = mission_countries(self)
        if mission is not None:
            for person in people:
                # (an embassy's page: the officials it meets, written the foreign way, are its host's)
                if person.official and not person.former and not person.country and written_foreign(person, home):
                    set_country(person, mission[1], "home")
        host_countries(self, refs)
        roster_countries(self, refs)
        collect_meetings(self)
        date_from_field(self)
        date_from_item_line(self)
        date_from_publication(self)
        ordinals_from_neighbours(self)
        bind_side_labels(self)
        collect_representations(self, refs)
        labelled_delegations(self, refs)
        bracketed_attendees(self, refs)
        split_sections(self, refs)
        numbered_meals(self, refs)
        meal_of_the_headline(self)
        meeting_of_the_field_page(self)
        rosters(self, refs)
        rosters_above(self, refs)
        discussion_speakers(self, refs)
        anonymous_talks(self)
        name_aliases(self)
        institutions = collect_institutions(self, people)
        return DocumentFacts(
            article=self.article,
            people=tuple(person_record(p) for p in people),
            institutions=tuple(institutions),
            meetings=tuple(meeting_record(m) for m in self.meetings),
            representations=tuple(
                sorted(self.representations.values(), key=lambda r: (int(r.meeting[1:]), int(r.person[1:]), r.side))
            ),
        )


def extract_facts(article: Article, docs: list[Doc]) -> DocumentFacts:
    """People, institutions, meetings and representations of one article.

    ``docs[i]`` is the parse of ``article.body[i]`` (by ``kg.nlp.parse_blocks``); every
    evidence offset points into ``article.text``.
    """
    if len(docs) != len(article.body):
        raise PipelineError(
            f"{article.path}: got {len(docs)} parsed blocks for {len(article.body)} body spans; "
            "pass one Doc per body span (kg.nlp.parse_blocks(nlp, [text for _, text in article.body_blocks()]))",
            code="E210",
        )
    with page_year(None if article.published else url_year(article.url)):
        return DocumentExtraction(article, docs).run()


# posts whose holder, written without a country during a visit, is the host country's
HOST_KINDS = ("head", "minister")


def host_countries(ex: Extraction, refs: list[PersonRef]) -> None:
    """「A首相がガーナを訪れた際にB大統領と会談」: a head of state or government, or a minister,
    written the foreign way, with no country, in a sentence about visiting one country (or right
    after one: 「…フランスを訪問した。…B大統領と会談した」), is its host."""
    for ref in refs:
        person = ref.person
        if person.country or not person.official or person.title_kind not in HOST_KINDS:
            continue
        if not written_foreign(person, ex.home):
            continue
        visited = visited_country(ref.sentence) if person.title_kind == "head" else None
        if visited is None and not person.former and _partner_marked(ref) and not _at_an_occasion(ex, ref.sentence):
            # a partner (「Bと」「Bとの」) met during the visit the sentence or the two before tell
            # (not on a visit to attend a conference: its other guests are met there too)
            visited = visited_country(ref.sentence) or visited_before(ex, ref.sentence)
        if visited and visited != ex.home:
            set_country(person, visited, "host")


def _at_an_occasion(ex: Extraction, sentence) -> bool:
    """Whether the sentence or the two before say the visit is for a conference (cues
    ``occasion``: 「…会議に出席するため」「…の機会に」)."""
    return any(
        w in s.unquoted_text() for s in ex.sentences[max(0, sentence.index - 2) : sentence.index + 1]
        for w in lexicon.cues("occasion")
    )


def _partner_marked(ref: PersonRef) -> bool:
    """Whether the person is written as a partner: 「Bと」「Bとの」「Bとも」."""
    after = doc_text(ref.sentence.doc)[ref.mention.end : ref.mention.end + 2]
    return any(after.startswith(w) for w in lexicon.construction_words("partner_before_meeting"))


def collect_meetings(ex: Extraction) -> None:
    """The meeting pass: every meeting the article names, its date, status and place, in reading order."""
    definitions = acronym_definitions(ex)
    named = named_meetings(ex, definitions)
    running_date: Optional[str] = None
    current: Optional[Meeting] = None
    gathering: Optional[tuple[Optional[str], Optional[str]]] = None  # (date, place) of a lead without a name
    gathering_at = -1
    focus_set = story_day_set = -1  # sentences where the focus meeting / the story's day last changed
    item_head = lexicon.construction_pattern("dated_item_head")
    for sentence in ex.sentences:
        if item_head.match(unicodedata.normalize("NFKC", sentence.text)):
            current = None  # 「○1月22日(木)…」: the next item of an activity list reports another event
        # 「同日」「この日」: the day of the meeting being narrated, not any day written
        # since (「北朝鮮が5月31日に発射したことを非難した」 does not move the story's day)
        focus_date = running_date
        if current is not None and current.date and len(current.date) == 10 and focus_set >= story_day_set:
            focus_date = current.date
        published = ex.published_at(sentence)
        talk_tokens = talks_in(sentence, focus_date)
        previous_here: Optional[tuple[int, Meeting]] = None  # (end, meeting) of the last meeting name
        for written in sentence.mentions:
            speaker = None
            if (
                written.label == "MEETING" and sentence.quoted(written.start, written.end) and not written.generic
                and (
                    doc_text(sentence.doc)[written.end : written.end + 1] == "で"  # the setting: 「…会談では」
                    or reported_as_held(sentence, written)  # 「…会談を行い、…」と語った
                )
            ):
                # 「韓米首脳会談では…再確認した」と評価した: an identified speaker reporting, in the
                # first person, a meeting he held (a fact, not a remark)
                speaker = quote_speaker(ex, sentence, written.start)
                if speaker is None:
                    continue
            elif written.label != "MEETING" or sentence.quoted(written.start, written.end):
                continue
            m = without_person(sentence, written)
            if legislative(sentence, m):
                ex.hearings.add((sentence.index, m.start))
                continue  # 「国会…委員会の全体会議に出席し」: a hearing, not a diplomatic meeting
            group = group_meeting(sentence, m) or organisation_meeting(sentence, m)
            between = people_of_meeting(ex, sentence, m) if m.generic and group is None else []
            if group is not None:
                info = group
            elif between:
                countries = home_first(ex, list(dict.fromkeys(r.person.country for r in between)))
                # 「AとBとの電話会談が行われた」: named like 「AはBと電話会談を行った」, medium kept
                info = talks_forum(ex, between, countries, named, medium=written_medium(m.phrase or m.text))
            elif m.generic:
                if is_verbal(sentence.doc, m):
                    continue  # 「方針を協議した」「…と会談した」: a predicate, not a meeting name
                if doc_text(sentence.doc).startswith(tuple(lexicon.cues("time_from_meeting")), m.end):
                    continue  # 「協議前日の1日夜には…夕食会が開かれ」: a day counted from the meeting
                info = generic_target(ex, sentence, m, named, current) or post_partner_meeting(ex, sentence, m, named)
            else:
                info = resolve_meeting_mention(m, definitions)
            if info is None:
                continue
            info = with_listed_countries(sentence, m, info)
            if previous_here is not None and APPOSITION.fullmatch(doc_text(sentence.doc)[previous_here[0] : m.start]):
                # 「安全保障協議委員会、いわゆる「2プラス2」」: one meeting, two names
                merged = info_of(previous_here[1])
                merged["aliases"] = merged["aliases"] + [info["forum"], *info["aliases"]]
                info = merged
            date = meeting_date(sentence, m, published, focus_date)
            if date is None and m.generic:
                date = item_day(ex, sentence)  # 「○1月22日(木)…」 over 「…と会談を行いました」
            if m.generic and current is not None and info.get("identity") == current.identity and (m.phrase or m.text) in lexicon.cues("sub_session"):
                date = current.date  # 「4日のセッションには」: a day of the meeting being reported, not another meeting
            status = meeting_status(sentence, m, date, published)
            if is_closing(sentence, m):
                date = None  # 「18日、3日間の日程を終えて閉幕した」: the last day, not the meeting's date
            if speaker is not None and status != "held":
                continue  # 「来月の首脳会談では…したい」と述べた: a plan in a quote is no meeting of the story
            if status != "held":
                # a session planned for a day its own clause writes (「会談は本日午後に行われる」),
                # never one before the publication; otherwise only a date written right before it
                planned_day = (
                    status == "planned" and date and not (published and date[:10] < published[: len(date[:10])])
                    and not aimed_date(sentence)
                )
                date = date if planned_day else adjacent_date(sentence, m, published)
                if m.generic and not (date and published and date[:10] < published[: len(date[:10])]) and not (
                    info.get("countries") and another_session(sentence, m)
                    and any(norm(m.phrase or m.text) in norm(n) for n in (info["forum"], *info["aliases"]))
                ):
                    # 「その会議」: a back-reference to nothing held (「昨年10月の首脳会議以降」: a
                    # session of its own day, past, is one; 「次回「2+2」は東京で」「先般のマニラでの
                    # 外相会談は」: another session of the parties' forum its word names, its own)
                    continue
            meeting = add_meeting(ex, info, meeting_ordinal(sentence, m), date, status, sentence, m)
            meeting.anonymous_partner = meeting.anonymous_partner or bool(info.get("anonymous_partner"))
            ex.meeting_at[(sentence.index, written.start)] = meeting
            previous_here = (m.end, meeting)
            for ref in between:
                represent(ex, ref.person, meeting, ref.person.country, sentence, "meeting_parties", None)
            if speaker is not None:
                represent(ex, speaker.person, meeting, speaker.person.country, sentence, "quoted_report", None)
            if meeting.status == "held" and takes_focus(meeting, current):
                date_from_focus(meeting, current)
                current, focus_set = meeting, sentence.index
        said = ((t, talks(ex, sentence, t, named, focus_date)) for t in talk_tokens)
        for token, meeting in chain(said, quoted_talks(ex, sentence, named, focus_date)):
            if meeting is not None and takes_focus(meeting, current):
                date_from_focus(meeting, current)
                current, focus_set = meeting, sentence.index
        unquoted = sentence.unquoted_text()
        if any(w in unquoted for w in lexicon.cues("gathering")) and not any(
            # 「…一堂に会し、対応策を協議した」: a verbal 協議 names no meeting
            x.label == "MEETING" and not (x.generic and is_verbal(sentence.doc, x))
            for x in sentence.mentions
        ):
            # 「…が9日、ソウル市内で一堂に会し」: the day and place of the meeting named next
            gathering = (meeting_date(sentence, gathering_mention(sentence), published, focus_date), gathering_place(sentence))
            gathering_at = sentence.index
        elif gathering is not None and sentence.index - gathering_at <= 2:
            for (index, _), meeting in ex.meeting_at.items():
                if index == sentence.index and meeting.status == "held":
                    meeting.date = meeting.date or gathering[0]
                    meeting.place = meeting.place or gathering[1]
                    gathering = None
                    break
        add_earlier_session(ex, sentence, published)
        count = _COUNT_THIS_TIME.search(unquoted)
        # (「3か国の首脳会議は今回で9回目」: a meeting word of the current meeting as the topic)
        names_current = current is not None and any(
            x.label == "MEETING" and x.generic and norm(x.phrase or x.text) in norm(current.forum)
            for x in sentence.mentions if not sentence.quoted(x.start, x.end)
        )
        if count and current is not None and current.ordinal is None and (current.evidence[-1].start == sentence.start or names_current):
            # 「今回で15回目」 about the meeting this sentence reports
            current.ordinal = int(unicodedata.normalize("NFKC", count.group(1) or count.group(2)))
        ex.current[sentence.index] = current
        ex.day[sentence.index] = running_date
        # 「この日」 refers back to the latest day named outside quotes
        for m in sentence.mentions:
            if m.label == "DATE" and not sentence.quoted(m.start, m.end) and not in_parentheses(doc_text(sentence.doc), m.start):
                resolved = resolve(m.expression or m.text, published)
                if resolved and len(resolved) == 10:
                    running_date = resolved
                    if not is_embedded(sentence, m):
                        story_day_set = sentence.index


def takes_focus(meeting: Meeting, current: Optional[Meeting]) -> bool:
    """Whether a held meeting becomes the one later generic words (「会議には」) refer to: talks
    with a partner written by post alone (「各国の大使等と会談」) only when no meeting is in focus,
    so a side errand during a summit does not draw the summit's attendee list."""
    return not meeting.anonymous_partner or current is None or current is meeting


def collect_institutions(ex: Extraction, people: list[Person]) -> list[InstitutionMention]:
    """The institutions the article names outside quotes, one record a name."""
    found: dict[str, InstitutionMention] = {}
    for sentence in ex.sentences:
        for m in sentence.mentions:
            if m.label != "INSTITUTION" or sentence.quoted(m.start, m.end):
                continue
            name = m.text
            entry = lexicon.institutions().get(name)
            country = m.country or institution_country(name)
            kind = m.kind or (entry.kind if entry else None)
            ev = sentence.evidence(ex.doc_id)
            if name in found:
                old = found[name]
                if ev not in old.evidence:
                    found[name] = replace(old, evidence=old.evidence + (ev,))
                continue
            found[name] = InstitutionMention(
                key=f"i{len(found) + 1}",
                name=name,
                aliases=entry.aliases if entry and entry.name == name else (),
                country=country,
                kind=kind,
                evidence=(ev,),
                confidence=0.9 if entry else 0.7,
            )
    return list(found.values())
