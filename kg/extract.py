"""Article + parsed body blocks → ``DocumentFacts`` (people, institutions, meetings, representations).

A pure function of one article. It reads the domain mentions the ``kg_domain`` component
put on each Doc (``doc._.kg_mentions``) and the dependency parse, and applies the
constructions news uses to say who took part in a meeting for which side:

- side phrase: 「X側からは A、B が、Y側からは C が参加した」 (``side_phrase``);
- subject of a participation predicate: 「A大統領とB大統領は…首脳会談を開き」,
  「A は…会議に出席した」 (``participant_subject``);
- relative clause: 「…会議に参加したA」 (``relative_clause``);
- one-off talks: 「A は B と会談した」 (``talks_with``);
- remarks right after the day's meeting by a delegate: 「A はこの日の会議後、記者らに…」
  (``remarks_after_meeting``, lower confidence).

Quoted speech, press briefings and planned meetings never yield representations.
This module does not import rdflib; every record field is a plain value.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import Optional

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.dates import CAPTION_DATELINE, explicit_year, resolve
from kg.records import (
    Article,
    DocumentFacts,
    Evidence,
    InstitutionMention,
    MeetingMention,
    PersonMention,
    RepresentationFact,
)

_HOME_CANDIDATES = ("JP", "KR", "CN")
# posts (title kinds) of the people who sit at a meeting of each kind, for talks that only
# say 「会談」: a head of government is not at the ministers' talks
_TITLE_KINDS_AT = {
    "summit": {"head", "senior"},
    "ministerial": {"minister", "senior"},
    "vice_ministerial": {"vice_minister", "senior", "diplomat"},
}
_TALK_KINDS = {"summit", "ministerial", "bilateral", "vice_ministerial", "two_plus_two"}
_AFTER_MEETING = re.compile(r"(?:この日|同日|今回|当日)の(?:\S{0,12}?)(?:会議|会談|会合|協議|対話)(?:の)?(?:後|直後|終了後)")
_COUNT_THIS_TIME = re.compile(r"今回で(?:第)?([0-9０-９]+)回目|([0-9０-９]+)回目となる")
_AFTER_ANY_MEETING = re.compile(r"(?:会議|会談|会合|協議)(?:の)?(?:後|直後|終了後)")
# Posts whose holders lead or join delegations (not spokespeople, press or researchers).
_DELEGATE_KINDS = {"head", "minister", "vice_minister", "senior", "diplomat", "military"}
_MAX_BRACKET = 300  # characters a quote or parenthesis may span inside one sentence
# Confidence of each construction: how often a careful reader agrees with it.
RULE_CONFIDENCE = {
    "side_phrase": 0.95,
    "participant_subject": 0.9,
    "relative_clause": 0.9,
    "talks_with": 0.85,
    "remarks_after_meeting": 0.7,
    "collective": 0.8,
    "conjunct": 0.85,
    "listed": 0.9,
    "setting": 0.8,
}
# 「両氏は」「3首脳は」「4閣僚が」: people already named, taken together
_COLLECTIVE = re.compile(
    r"(?:^|[、。の])\s*((?:両|[0-9０-９]+|[一二三四五六七八九十])"
    r"(?:氏|首脳|閣僚|外相|国防相|防衛相|首席代表|次官|長官|大統領|首相|代表|人))(?:は|が|も|とも|による)"
)


def _collective_count(word: str) -> Optional[int]:
    """How many people 「両氏」「3首脳」「四閣僚」 name (None when not written as a number)."""
    if word.startswith("両"):
        return 2
    digits = unicodedata.normalize("NFKC", word[0])
    if digits.isdigit():
        return int(re.match(r"\d+", unicodedata.normalize("NFKC", word)).group())
    return "一二三四五六七八九十".find(word[0]) + 1 or None


def _count_of(counted: str) -> int:
    """「3カ国」「三か国」 → 3 (0 when the number is not written plainly)."""
    digits = unicodedata.normalize("NFKC", counted)
    number = re.match(r"[0-9]+", digits)
    if number:
        return int(number.group(0))
    return "一二三四五六七八九十".find(counted[0]) + 1


@lru_cache(maxsize=1 << 16)  # person matching normalises every spelling of every earlier person per mention
def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s・･=＝]", "", text)


# ---------------------------------------------------------------- sentences


class _QuotedSpeech:
    """The quoted speech of one Doc, indexed once for the questions every sentence asks:
    is a span inside a quote, and the text with quotes blanked out."""

    def __init__(self, quotes: list[tuple[int, int]], text: str):
        self.spans = quotes
        ordered = sorted(quotes)
        self._starts = [qs for qs, _ in ordered]
        self._reach = list(accumulate((qe for _, qe in ordered), max))  # furthest end so far
        depth = [0] * (len(text) + 1)
        for qs, qe in quotes:
            depth[qs] += 1
            depth[qe] -= 1
        self.blanked = "".join("＿" if inside else ch for ch, inside in zip(text, accumulate(depth)))

    def __iter__(self):
        return iter(self.spans)

    def covers(self, start: int, end: int) -> bool:
        """Whether one quote holds ``start``..``end``."""
        k = bisect_right(self._starts, start)
        return k > 0 and self._reach[k - 1] >= end


@dataclass
class _Sentence:
    index: int
    block: int
    doc: Doc
    span: Span
    start: int  # offset in the article
    end: int
    mentions: list[DomainMention]  # offsets relative to the doc
    quotes: _QuotedSpeech  # doc offsets of quoted speech
    written: str = ""  # the sentence as the article writes it (the parse saw it normalised)

    @property
    def text(self) -> str:
        return self.span.text

    def evidence(self, doc_id: str) -> Evidence:
        return Evidence(doc_id=doc_id, start=self.start, end=self.end, sentence=self.written or self.span.text)

    def quoted(self, start: int, end: int) -> bool:
        return self.quotes.covers(start, end)

    def unquoted_text(self) -> str:
        """The sentence with quoted speech blanked out (offsets preserved)."""
        return self.quotes.blanked[self.span.start_char : self.span.end_char]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text``: cut after 。！？ and at newlines, never
    inside brackets or quotes (GiNZA's parser-made boundaries split long sentences)."""
    bounds: list[tuple[int, int]] = []
    depth = opened = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "「『（(“【":
            depth += 1
            opened = i
        elif ch in "」』）)”】":
            depth = max(0, depth - 1)
        if depth and i - opened > _MAX_BRACKET:
            depth = 0  # a bracket never closed (scraped text) must not swallow the block
        if ch == "\n" or (depth == 0 and ch in "。！？!?"):
            end = i + 1 if ch != "\n" else i
            bounds.append((start, end))
            start = i + 1
            depth = 0 if ch == "\n" else depth
    bounds.append((start, len(text)))
    tight = []
    for s, e in bounds:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            tight.append((s + lead, s + trail))
    return tight


def _sentences(article: Article, docs: list[Doc]) -> list[_Sentence]:
    sentences: list[_Sentence] = []
    for block, ((block_start, _), doc) in enumerate(zip(article.body, docs)):
        mentions = list(getattr(doc._, "kg_mentions", ()) or ())
        quotes = _QuotedSpeech([(m.start, m.end) for m in mentions if m.label == "QUOTE"], doc_text(doc))
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)  # a sentence reads only its own
        starts = [mentions[i].start for i in order]
        for s, e in sentence_bounds(doc_text(doc)):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            own = sorted(order[bisect_left(starts, span.start_char) : bisect_left(starts, span.end_char)])
            inside = [mentions[i] for i in own if mentions[i].label != "QUOTE"]
            sentences.append(
                _Sentence(
                    index=len(sentences),
                    block=block,
                    doc=doc,
                    span=span,
                    start=block_start + span.start_char,
                    end=block_start + span.end_char,
                    mentions=inside,
                    quotes=quotes,
                    written=article.text[block_start + span.start_char : block_start + span.end_char],
                )
            )
    return sentences


# ---------------------------------------------------------------- people

# What may stand between two conjuncts of one list of people: 読点, coordinators, 「ほか」,
# and a side phrase that opens the next part of the list (「…ほか、米国側から、」).
_CONJUNCT_GAP = re.compile(
    r"(?:\s|[、,，・]|と|及び|および|並びに|ならびに|や|ほか|他|等|など|"
    r"[^\s、。「」（）()]{1,8}?側(?:から(?:は)?|は|が|も)?)*"
)


def _list_labels(text: str, start: int, end: int):
    """(start, end, label) of the list labels in ``text[start:end]``: a side word (「日本側」
    「我が方」「先方」) and/or a list word (「同席者」), then a colon."""
    words = sorted(lexicon.cues("list_label") | lexicon.cues("own_side") | lexicon.cues("other_side"), key=len, reverse=True)
    side = r"[^\s、。,:：()（）「」]{1,8}?側"
    pattern = re.compile(rf"(?:(?:{side})?(?:{'|'.join(map(re.escape, words))})|{side})\s*[:：]")
    for match in pattern.finditer(text, start, end):
        yield match.start(), match.end(), match.group(0).rstrip(":： ")


# a meeting written as the setting of the sentence, and the roles of the people acting in it
_SETTING_AFTER = re.compile(r"(?:にて|において(?:は)?|では)[、,]?|で[、,]")
_ROLE_AFTER = re.compile(r"(?:は|が|から|より|に対し(?:て)?|に)(?![ぁ-ん])|(?:は|が|から|より)[、,]")

# 「ウクライナ支援に関する」「核軍縮のための」: a subject written right before a meeting word
_TOPIC_BEFORE = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff・ー]{2,12}(?:に関する|についての|のための)$")


def _marked(sentence: "_Sentence", refs: list["_PersonRef"], particle: str):
    """(ref, span) of the people of ``refs`` whose phrase ends in ``particle`` (は, が)."""
    doc = sentence.doc
    for ref in refs:
        span = doc.char_span(ref.mention.start, ref.mention.end, alignment_mode="expand")
        if span is not None and span.end < len(doc) and doc[span.end].text == particle:
            yield ref, span


def _conjunct_groups(sentence: "_Sentence", refs: list["_PersonRef"]) -> list[list["_PersonRef"]]:
    """People mentions of one sentence grouped into lists: neighbours joined only by
    読点, coordinators or a side phrase (never by a case particle or a predicate)."""
    ordered = sorted((r for r in refs if r.sentence is sentence), key=lambda r: r.mention.start)
    text = doc_text(sentence.doc)
    groups: list[list[_PersonRef]] = []
    for ref in ordered:
        if groups:
            prev = groups[-1][-1].mention
            gap = text[prev.end : ref.mention.start]
            gap = re.sub(r"[（(][^（()）]*[）)]", "", gap)  # a reading or gloss in brackets
            # 「A大統領とシンガポールのB首相」: the next conjunct's own country before の
            own = lexicon.country_form_ending(gap[:-1], min_len=2) if gap.endswith("の") else None
            if own is not None:
                gap = gap[: -len(own[0]) - 1]
            if prev.end <= ref.mention.start and _CONJUNCT_GAP.fullmatch(gap) and "は" not in gap.replace("からは", "").replace("側は", ""):
                groups[-1].append(ref)
                continue
        groups.append([ref])
    return [g for g in groups if len(g) > 1]


@dataclass
class _Person:
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    short_forms: list[str] = field(default_factory=list)
    title: Optional[str] = None
    title_kind: Optional[str] = None
    institution: Optional[str] = None
    country: Optional[str] = None
    country_source: str = ""
    official: bool = False
    former: bool = False
    japanese_name: bool = False  # written 姓+名 in the Japanese way (山田一郎)
    described: Optional[str] = None  # 「中国外交トップの」 → 外交トップ (a role written before the name)
    evidence: list[Evidence] = field(default_factory=list)

    def spellings(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class _PersonRef:
    """One mention of a person in one sentence."""

    person: _Person
    mention: DomainMention
    sentence: _Sentence


_WEAK_SOURCES = ("name", "home", "list")  # defaults any other evidence overrides
_COUNTRY_SOURCE_RANK = {"": 0, "home": 1, "name": 1, "list": 1, "reference": 2, "institution": 2, "side": 3, "context": 3, "explicit": 4}


def _set_country(person: _Person, code: Optional[str], source: str) -> None:
    if code and _COUNTRY_SOURCE_RANK[source] > _COUNTRY_SOURCE_RANK[person.country_source]:
        person.country, person.country_source = code, source


def _is_short_of(short: str, full: str) -> bool:
    """「李」 is short for 李在雄, 「ドウ」 for ジョン・ドウ, 「パク」 for パク・ミンス."""
    if not short or short == full:
        return False
    parts = _name_parts(full)
    if len(parts) > 1:
        return short in (parts[0], parts[-1])
    return len(full) > len(short) and full.startswith(short) and len(short) <= 3


@lru_cache(maxsize=1 << 14)  # person matching compares each new name with every spelling seen before
def _name_parts(name: str) -> tuple[str, ...]:
    return tuple(re.split(r"[・＝=]", name))


def _context_before(sentence: _Sentence, mention: DomainMention) -> list[DomainMention]:
    """Mentions that end right before ``mention`` followed by 「の」 (外交部の李在雄)."""
    text = doc_text(sentence.doc)
    found = []
    for m in sentence.mentions:
        if m.end < mention.start and text[m.end : mention.start] == "の" and m.label in ("INSTITUTION", "COUNTRY"):
            found.append(m)
    return found


def _collect_people(
    sentences: list[_Sentence], doc_id: str, year: Optional[int] = None
) -> tuple[list[_Person], list[_PersonRef]]:
    people: list[_Person] = []
    refs: list[_PersonRef] = []
    pending_short: list[tuple[DomainMention, _Sentence]] = []

    def find(name: str) -> Optional[_Person]:
        key = _norm(name)
        for person in people:
            if key in (_norm(s) for s in person.spellings()):
                return person
        return None

    def absorb(person: _Person, mention: DomainMention, sentence: _Sentence) -> None:
        attrs = dict(mention.attrs)
        if attrs.get("title_kind") == "honorific":
            # 「岸田氏」 only points back at someone already introduced
            attrs = {"name": attrs.get("name"), "short": "1"}
        for alias in filter(None, (attrs.get("aliases") or "").split("|")):
            existing = find(alias)
            if existing is not None and existing is not person:
                _merge_people(person, existing, people)
            if _norm(alias) not in (_norm(s) for s in person.spellings()):
                person.aliases.append(alias)
        title = attrs.get("title")
        if title and (person.title is None or (len(title) > len(person.title) and not attrs.get("short"))):
            person.title, person.title_kind = title, attrs.get("title_kind")
        if attrs.get("described"):
            person.described = attrs["described"]
        if attrs.get("official") == "1":
            person.official = True
        if attrs.get("former"):
            person.former = True
        institution = attrs.get("institution")
        before = _context_before(sentence, mention)
        for m in before:
            if m.label == "INSTITUTION":
                institution = institution if institution and len(institution) > len(m.text) else m.text
                inst_country = m.get("country") or _institution_country(m.text)
                _set_country(person, inst_country, "institution")
            elif m.label == "COUNTRY" and "," not in (m.get("codes") or ","):
                _set_country(person, m.get("codes"), "explicit")
        if institution and (person.institution is None or not attrs.get("short")):
            person.institution = person.institution or institution
            _set_country(person, _institution_country(institution), "institution")
        _set_country(person, attrs.get("country"), "explicit")
        if doc_text(sentence.doc)[max(0, mention.start - 3) : mention.start] == "同国の":
            # 「同国のリー外相」: the country last named before
            _set_country(person, _last_country_before(sentences, sentence, mention.start), "explicit")
        if attrs.get("name_origin") == "ja":
            person.japanese_name = True
            _set_country(person, "JP", "name")
        _set_country(person, attrs.get("weak_country"), "name")
        ev = sentence.evidence(doc_id)
        if ev not in person.evidence:
            person.evidence.append(ev)
        refs.append(_PersonRef(person, mention, sentence))

    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.label != "PERSON" or sentence.quoted(mention.start, mention.end):
                continue
            name = (mention.get("name") or "").strip("\u3000 ")
            if mention.get("title_kind") == "honorific":
                mention = _titled_by_apposition(sentence, mention)
            if mention.get("short") or mention.get("title_kind") == "honorific":
                pending_short.append((mention, sentence))
                continue
            person = find(name)
            if person is None:
                # a longer spelling of someone already seen (プラウド, then エドワード・プラウド)
                # (not someone else of the family: マルコス大統領 … イミー・マルコス上院議員)
                shorter = next((p for p in people if _is_short_of(p.name, name) and not _other_post(p, mention)), None)
                if shorter is not None and "・" not in shorter.name:
                    shorter.short_forms.append(shorter.name)
                    shorter.aliases.append(shorter.name)
                    shorter.name = name
                    person = shorter
                else:
                    longer = next(
                        (p for p in people for s in p.spellings() if _is_short_of(name, s) and not _other_post(p, mention)), None
                    )
                    if longer is not None:
                        person = longer
                        if name not in longer.short_forms:
                            longer.short_forms.append(name)
            if person is None:
                person = _Person(key=f"p{len(people) + 1}", name=name)
                people.append(person)
            absorb(person, mention, sentence)
    for mention, sentence in pending_short:
        name = (mention.get("name") or "").strip("\u3000 ")
        exact = find(name)
        candidates = [exact] if exact else [p for p in people if any(_is_short_of(name, s) for s in p.spellings())]
        national = mention.get("title_kind") in ("head", "minister") and (mention.get("weak_country") or mention.get("country"))
        if not candidates and (mention.get("country") or national) and mention.get("title") and mention.get("title_kind") != "honorific":
            # 「イ韓国国防部長官」「岸防衛大臣」: a one-character name with its own country or a
            # national post, and nobody earlier it could be short for, is the name as written
            person = _Person(key=f"p{len(people) + 1}", name=name)
            people.append(person)
            absorb(person, mention, sentence)
            continue
        if not candidates:
            continue
        # the most recently introduced matching person, one holding the post written first
        # (「金総書記」 is the 総書記, not his sister the 副部長)
        title = mention.get("title") if mention.get("title_kind") != "honorific" else None
        posted = [p for p in candidates if title and p.title and (p.title.endswith(title) or title.endswith(p.title))]
        person = (posted or candidates)[-1]
        if name not in person.short_forms:
            person.short_forms.append(name)
        absorb(person, mention, sentence)
    refs += _title_back_references(sentences, people, refs, doc_id)
    refs.sort(key=lambda r: (r.sentence.index, r.mention.start))
    _apply_reference(people, refs, year)
    _propagate_list_countries(refs)
    return people, refs


def _reference_official(person: "_Person", year: Optional[int]) -> Optional["lexicon.KnownOfficial"]:
    """The one known official (kg/data/officials_reference.tsv) this person's spellings name,
    preferring people in office in the article's year; None when none or several fit."""
    found: dict[str, lexicon.KnownOfficial] = {}
    for spelling in person.spellings():
        for official in lexicon.lookup_official(spelling):
            found.setdefault(official.name_ja, official)
    # a surname alone (ジョンソン) names many people: the post written in the article must be
    # one the official held, around the article's year unless the article says 前/元
    core = _title_core(person.title)
    candidates = [
        o for o in found.values()
        if core and any(_title_core(post) == core for post, _, _ in o.posts)
        and (person.former or not year or any(o.posts_in(y) for y in (year - 1, year, year + 1)))
    ]
    if len(candidates) > 1 and person.country:
        candidates = [o for o in candidates if o.country == person.country] or candidates
    return candidates[0] if len(candidates) == 1 else None


def _title_core(title: Optional[str]) -> Optional[str]:
    """The title word a post ends with (国家安保室第1次長 → 次長, 大統領権限代行 → 大統領)."""
    if not title:
        return None
    for modifier in sorted(lexicon.title_modifiers(), key=len, reverse=True):
        if title.endswith(modifier) and len(title) > len(modifier):
            title = title[: -len(modifier)]
            break
    cores = [t for t in lexicon.titles() if title.endswith(t) and lexicon.titles()[t].kind != "honorific"]
    return max(cores, key=len) if cores else None


def _other_post(person: "_Person", mention: DomainMention) -> bool:
    """Whether a mention's post is another post than the person's (大統領 vs 上院議員): then a
    shared family name does not make them one person."""
    mine, theirs = _title_core(person.title), _title_core(mention.get("title"))
    return bool(mine and theirs and not mine.endswith(theirs) and not theirs.endswith(mine))


def _apply_reference(people: list["_Person"], refs: list["_PersonRef"], year: Optional[int]) -> None:
    """Reference data only fills what the article leaves open: the country of a person written
    without one, and that 「朴大成」 and 「パク・デソン」 are one person. Participation is
    never read from it."""
    by_official: dict[str, _Person] = {}
    for person in list(people):
        official = _reference_official(person, year)
        if official is None:
            continue
        _set_country(person, official.country, "reference")
        same = by_official.get(official.name_ja)
        if same is not None and same is not person and same.country == person.country:
            _merge_people(same, person, people)
            for ref in refs:
                if ref.person is person:
                    ref.person = same
        else:
            by_official[official.name_ja] = person


def _looks_foreign_in_japanese(person: "_Person") -> bool:
    """Japanese papers write Japanese names in kanji without a reading; a katakana name, a
    katakana reading, or a Korean/Chinese-style name (one-kanji surname + two) is foreign."""
    if re.search(r"[\u30A0-\u30FF]", person.name):
        return True
    if any(re.fullmatch(r"[\u30A0-\u30FF・ ]+", a) for a in person.aliases):
        return True
    return len(person.name) == 3 and person.name[0] in lexicon.surnames()


def _titled_by_apposition(sentence: _Sentence, mention: DomainMention) -> DomainMention:
    """「米国務省報道官のマーク・ブラウン氏」: a title written before 「の」 and a 氏-name."""
    text = doc_text(sentence.doc)
    before = [
        m for m in sentence.mentions
        if m.label == "TITLE" and text[m.end : mention.start] == "の"
    ]
    if not before:
        return mention
    title = before[-1]
    entry = lexicon.titles().get(title.text)
    chunk = [m for m in sentence.mentions if m.end <= title.end and m.start >= title.start - 20 and m.label in ("INSTITUTION", "COUNTRY")]
    chunk = [m for m in chunk if "、" not in text[m.start : title.start] and "の" not in text[m.end : title.start]]
    start = min([title.start] + [m.start for m in chunk])
    country = next((m.get("codes") for m in chunk if m.label == "COUNTRY" and "," not in (m.get("codes") or ",")), None)
    institution = next((m.text for m in chunk if m.label == "INSTITUTION"), None)
    attrs = dict(mention.attrs)
    attrs.update(
        title=text[start : title.end] if not country else text[start : title.end].lstrip("米韓日中朝露英仏独豪"),
        title_kind=entry.kind if entry else title.get("kind"),
        official="1" if (entry is None or entry.official) else "0",
        country=country or (_institution_country(institution) if institution else None),
        institution=institution,
    )
    return DomainMention(mention.label, mention.start, mention.end, mention.text, tuple((k, v) for k, v in attrs.items() if v))


def _other_orders(countries: list[str], word: str) -> list[str]:
    """The same made-up forum name with the countries in the other orders papers use
    (日中外相会談 / 中日外相会談): all are spellings of one meeting."""
    from itertools import permutations

    abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
    if len(countries) > 3 or not all(c in abbreviations for c in countries):
        return []
    names = ["".join(abbreviations[c] for c in order) + word for order in permutations(countries)]
    return names[1:]


def _propagate_list_countries(refs: list[_PersonRef]) -> None:
    """「同国のリー外相、ハリス副首相」: a list shares the country written before its head."""
    for prev, ref in zip(refs, refs[1:]):
        if prev.sentence is not ref.sentence or ref.person.country_source in ("explicit", "institution", "side"):
            continue
        between = doc_text(ref.sentence.doc)[prev.mention.end : ref.mention.start]
        if ref.person.japanese_name and ref.person.country_source == "name" and prev.person.country != "JP":
            continue  # 「韓国の朴大成大統領と山田一郎首相」: a Japanese 姓+名 is not in Korea's list
        if between in ("、", "と", "や") and prev.person.country_source == "explicit":
            text = doc_text(prev.sentence.doc)
            written = (
                (prev.mention.get("country") and not prev.mention.get("title_country"))
                or _context_before(prev.sentence, prev.mention)
                or text[max(0, prev.mention.start - 3) : prev.mention.start] == "同国の"
            )
            if ref.person.country_source == "reference" or not written:
                # 「ブリンケン国務長官と<known Korean>外相」「スミス、マルタン両氏」: only a
                # country written for the head of the list is shared, not one its post implies
                continue
            # weak: 「韓国のA外相、B国務長官」 lists people of several countries as often as one
            _set_country(ref.person, prev.person.country, "list")


def _title_back_references(
    sentences: list[_Sentence], people: list[_Person], refs: list[_PersonRef], doc_id: str
) -> list[_PersonRef]:
    """「副大臣は12日、…首相と会談した」: a post written alone as a topic or subject, after a
    person holding it was named, refers back to that person: the story's own (the first named
    with it), not one named as of another time (「安倍晋三首相(当時)」)."""
    found: list[_PersonRef] = []
    seen = sorted((((r.sentence.index, r.mention.start), r.person) for r in refs), key=lambda x: x[0])
    historical = {
        r.person.key for r in refs
        if re.match(r"[(（]?当時", doc_text(r.sentence.doc)[r.mention.end : r.mention.end + 3])
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
            if before not in ("", "、", "，", ",", " ", "　") or text[mention.end : mention.end + 1] not in ("は", "が", "も"):
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
                found.append(_PersonRef(person, mention, sentence))
    return found


def _last_country_before(sentences: list[_Sentence], sentence: _Sentence, start: int) -> Optional[str]:
    for s in (sentences[i] for i in range(sentence.index, -1, -1)):  # back from here, without copying the list
        for m in reversed(s.mentions):
            if m.label == "COUNTRY" and (s is not sentence or m.end <= start):
                codes = (m.get("codes") or "").split(",")
                if len(codes) == 1 and codes[0]:
                    return codes[0]
    return None


def _merge_people(keep: _Person, other: _Person, people: list[_Person]) -> None:
    for spelling in other.spellings():
        if _norm(spelling) not in (_norm(s) for s in keep.spellings()):
            keep.aliases.append(spelling)
    keep.short_forms += [s for s in other.short_forms if s not in keep.short_forms]
    keep.title = keep.title or other.title
    keep.institution = keep.institution or other.institution
    _set_country(keep, other.country, other.country_source)
    keep.official = keep.official or other.official
    keep.evidence += [e for e in other.evidence if e not in keep.evidence]
    people.remove(other)


def _institution_country(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    entry = lexicon.institutions().get(name)
    if entry and entry.country:
        return entry.country
    for form, code in lexicon.country_forms_longest_first():
        rest = name[len(form):]
        if name.startswith(form) and rest in lexicon.institutions():
            return code
        if name.startswith(form) and len(form) > 1:
            return code
    return None


# ---------------------------------------------------------------- meetings


@dataclass
class _Meeting:
    key: str
    forum: str
    identity: str
    aliases: list[str] = field(default_factory=list)
    acronym: Optional[str] = None
    kind: Optional[str] = None
    ordinal: Optional[int] = None
    date: Optional[str] = None
    place: Optional[str] = None
    countries: list[str] = field(default_factory=list)
    status: str = "mentioned"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.8
    countries_from_text: bool = False  # the text names the sides (not only the people's countries)
    parent: Optional["_Meeting"] = None  # the meeting this one is a session of (少人数会合 of a 首脳会談)


_STATUS_RANK = {"mentioned": 0, "planned": 1, "held": 2}


def _dates_compatible(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _predicate(token):
    """The predicate a token is an argument of: first verb (or サ変 noun + する) up the tree."""
    seen = 0
    while seen < 40:
        if token.pos_ == "VERB" or (token.pos_ in ("NOUN", "ADJ") and any(c.dep_ in ("aux", "cop") for c in token.children)):
            if token.pos_ == "VERB" or token.dep_ in ("ROOT", "advcl", "acl", "ccomp", "conj"):
                return token
        if token.head.i == token.i:
            return token
        token = token.head
        seen += 1
    return token


def _serves_as_head(pred) -> bool:
    """「…が首席代表を務めた」「共同議長を務めた」: serving as head of a delegation."""
    if pred.lemma_ != "務める" or pred.i < 2 or pred.doc[pred.i - 1].text != "を":
        return False
    before = doc_text(pred.doc)[max(0, pred.doc[pred.i - 1].idx - 6) : pred.doc[pred.i - 1].idx]
    return any(before.endswith(word) for word in lexicon.cues("head"))


def _serves_as_chair(pred) -> bool:
    """「議長を務めた」「進行役を務め」: the chair of a meeting takes part in it."""
    if pred.lemma_ != "務める" or pred.i < 2 or pred.doc[pred.i - 1].text != "を":
        return False
    before = doc_text(pred.doc)[max(0, pred.doc[pred.i - 1].idx - 6) : pred.doc[pred.i - 1].idx]
    return any(before.endswith(word) for word in lexicon.cues("chair"))


def _gathered(pred) -> bool:
    """「顔をそろえた」「顔を合わせた」: people met (not 「顔を見せた」 at a reception)."""
    return pred.pos_ == "VERB" and pred.lemma_ in lexicon.cues("gathered_verb") and any(
        c.dep_ == "obj" and c.lemma_ in lexicon.cues("gathered") for c in pred.children
    )


def _takes_part(pred) -> bool:
    if pred.lemma_ == "する":
        # 「立ち話をした」「懇談をした」: a meeting word as the object of the light verb
        return any(c.dep_ == "obj" and c.lemma_ in lexicon.meeting_kinds() for c in pred.children)
    return pred.lemma_ in lexicon.cues("participation") or _gathered(pred)


# 「会合に臨んだのは、日本側がA、B、フランス側がCの4人」: who took part, as a cleft
_CLEFT = re.compile(r"(?:に|へ)(?:参加|出席|臨ん|同席|顔をそろえ)(?:し)?[ただ]のは[、,]?")
_TEXT_SIDE = re.compile(r"([^\s、。「」（）()]{1,8}?)側(?:からは|から|では|は|が|も)")


def _text_side(sentence: "_Sentence", end: int) -> Optional[str]:
    """The country of the last 「X側は/が/から」 written before ``end`` in the same clause
    (no predicate between: 「中国側が反発する中、A外相は」 is not A's side)."""
    doc = sentence.doc
    text = doc_text(doc)[sentence.span.start_char : end]
    found = None
    for match in _TEXT_SIDE.finditer(text):
        word = match.group(1)
        ending = lexicon.country_form_ending(word)
        code = ending[1] if ending else None
        if code is None:
            continue
        between = doc.char_span(sentence.span.start_char + match.end(), end, alignment_mode="expand")
        if between is not None and any(t.pos_ in ("VERB", "AUX") for t in between):
            found = None  # a predicate closes the side phrase's clause
            continue
        found = code
    return found


def _lexical(pred):
    """The word a light verb carries: 「明らかにした」 → 明らか, 「説明した」 → 説明."""
    doc = pred.doc
    if pred.lemma_ in ("する", "なる") and pred.i > 0:
        prev = doc[pred.i - 1]
        if prev.lemma_ in ("だ", "に") and pred.i > 1:
            prev = doc[pred.i - 2]
        if prev.pos_ in ("NOUN", "ADJ", "VERB"):
            return prev
    return pred


def _coordinated_heads(pred) -> list:
    """Predicates a continuative clause leads into: 「訪問し、…会談した」 → 会談."""
    heads = []
    token = pred
    for _ in range(3):
        if token.dep_ not in ("advcl", "conj") or token.head.i == token.i:
            break
        token = token.head
        heads.append(token)
    return heads


def _in_relative_clause(token) -> bool:
    """Whether ``token`` belongs to a relative clause (its verb or the auxiliaries after it:
    「開かれている」 → 開か, れ, て, いる all modify the noun that follows)."""
    for _ in range(4):
        if token.dep_ == "acl":
            return True
        if token.dep_ not in ("aux", "fixed", "mark", "cop") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _reaches(pred, target) -> bool:
    return pred.i == target.i or any(h.i == target.i for h in _coordinated_heads(pred))


def _predicate_chain(pred) -> list:
    """The predicate with its auxiliaries (開い + た, 参加 + し + た)."""
    tokens = [pred]
    for child in pred.children:
        if child.dep_ in ("aux", "cop", "mark", "fixed") and child.i > pred.i:
            tokens.append(child)
    nxt = pred.i + 1
    while nxt < len(pred.doc) and pred.doc[nxt].dep_ in ("aux", "fixed") and pred.doc[nxt].head.i in (pred.i, nxt - 1):
        if pred.doc[nxt] not in tokens:
            tokens.append(pred.doc[nxt])
        nxt += 1
    return sorted(tokens, key=lambda t: t.i)


def _past_marker(token) -> bool:
    """The past auxiliary た/だ, whatever part of speech the parser gave it (before ところ it
    comes out as SCONJ: 「会談を行ったところ、概要は以下のとおり」)."""
    return token.lemma_ in ("た", "だ") and (token.pos_ == "AUX" or token.tag_.startswith("助動詞"))


def _is_past(pred) -> bool:
    chain = _predicate_chain(pred)
    if any(_past_marker(t) for t in chain[1:]):
        return True
    after = chain[-1].i + 1
    if pred.pos_ == "NOUN" and after < len(pred.doc) and pred.doc[after].text == "。":
        return True  # news style ending on a verbal noun: 「…で首脳会談を開催。」
    # a continuative form (開き、…合意した) takes the tense of the sentence it joins,
    # whatever head the parser gave it
    after = chain[-1].i + 1
    if after < len(pred.doc) and pred.doc[after].text == "、" and pred.sent.root.i != pred.i:
        root = pred.sent.root
        if any(_past_marker(t) for t in _predicate_chain(root)[1:]):
            return True
        # the parser can cut a long sentence into pieces whose roots are nouns: the sentence's
        # own final word then says the tense (「…を開き、…立場を再確認した。」)
        if root.pos_ in ("NOUN", "PROPN"):
            end = after
            while end < len(pred.doc) and pred.doc[end].text != "。":
                end += 1
            if _past_marker(pred.doc[end - 1]):
                return True
        if pred.dep_ not in ("advcl", "conj"):
            return False
    if pred.dep_ in ("advcl", "conj") and pred.head.i != pred.i:
        # a continuative clause takes the tense of the first finite predicate it joins:
        # 「会談を行い、…を確認するとともに、…意見交換を行ったところ、」 is past
        token = pred.head
        for _ in range(10):
            if token.pos_ in ("VERB", "AUX") or any(c.dep_ in ("aux", "cop") for c in token.children):
                chain = _predicate_chain(token)
                if any(_past_marker(t) for t in chain[1:]):
                    return True
            if token.dep_ == "ROOT" or token.head.i == token.i or token.dep_ not in ("advcl", "conj"):
                break
            token = token.head
        while token.dep_ != "ROOT" and token.head.i != token.i:
            token = token.head
        root_chain = _predicate_chain(token)
        return any(_past_marker(t) for t in root_chain[1:])
    return False


def _meeting_status(sentence: _Sentence, mention: DomainMention, date: Optional[str], published: Optional[str]) -> str:
    doc = sentence.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return "mentioned"
    pred = _predicate(span[-1])
    chain = {t.lemma_ for t in _predicate_chain(pred)} | {t.text for t in _predicate_chain(pred)}
    if pred.head.i != pred.i and pred.dep_ in ("acl", "nmod", "compound"):
        chain |= {pred.head.lemma_}  # 「開かれる予定だ」
    local = {t.lemma_ for t in span.root.subtree} | {t.text for t in span.root.subtree}
    before = doc[max(sentence.span.start, span.start - 3) : span.start]
    local |= {t.text for t in before}
    if published and date and date[:10] > published[: len(date[:10])]:
        return "planned"
    if chain & lexicon.cues("planned") or local & {"来年", "来月", "次回", "次期", "今後"}:
        return "planned"
    if chain & lexicon.cues("negation"):
        return "mentioned"
    adverbs = {c.lemma_ for c in pred.children if c.dep_ in ("advmod", "obl", "nmod", "advcl")}
    if pred.lemma_ in lexicon.cues("attend") and _is_past(pred):
        local = set()  # 「初めてとなる首脳会談に臨んだ」: a first meeting someone attended was held
    history = (chain | local | adverbs) & lexicon.cues("mentioned")
    if history == {"ぶり"} and pred.lemma_ in lexicon.cues("held") and _is_past(pred):
        history = set()  # 「4年半ぶりに開かれ」: held now, for the first time in years
    if history:
        return "mentioned"
    past = _is_past(pred)
    if not past and pred.dep_ == "acl" and CAPTION_DATELINE.search(doc_text(doc)[mention.end : sentence.span.end_char]):
        past = True  # 「首脳会談を行うA大統領とB首相=2日、ソウル」: a dated photo caption shows what happened
    if not past and _hosting(sentence, mention) and re.match(r"[^、。]{0,6}ている", doc_text(doc)[mention.end : mention.end + 12]):
        # 「…外相会議が開かれているジャカルタで、A は B と会談した」: under way while the story happened
        words = [t for t in sentence.span if t.pos_ != "PUNCT"]
        past = bool(words) and _past_marker(words[-1])
    if not past:
        return "planned" if pred.dep_ == "ROOT" and pred.pos_ == "VERB" else "mentioned"
    if pred.lemma_ in lexicon.cues("held") or any(t.lemma_ in lexicon.cues("held") for t in _predicate_chain(pred)):
        return "held"
    if pred.lemma_ in lexicon.cues("participation") and span.root.dep_ == "nsubj":
        return "held"  # 「会議は A が議長を務め、B が参加した」: the meeting as topic of who took part
    # 「…会議で合意した」: something was done at the meeting
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == "で" and mention.get("has_kind"):
        return "held"
    if mention.get("has_kind") and re.match(r"(?:にて|において)", doc_text(doc)[mention.end : mention.end + 4]):
        return "held"  # 「…の全体会合にて、AはBに提案した」: something was done at the meeting
    if pred.lemma_ == "する" and span.root.dep_ == "obj" and mention.get("has_kind"):
        return "held"  # 「立ち話をした」: the meeting word is what was done
    return "mentioned"


def _meeting_date(sentence: _Sentence, mention: DomainMention, published: Optional[str], running: Optional[str]) -> Optional[str]:
    """The date of a meeting mention: a date before it in its clause, or 「この日」."""
    doc = sentence.doc
    dates = [
        m for m in sentence.mentions
        if m.label == "DATE" and not sentence.quoted(m.start, m.end) and not _in_parentheses(doc_text(doc), m.start)
    ]
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    pred = _predicate(span[-1]) if span is not None else None
    limit = pred.idx if pred is not None and pred.idx >= mention.end else mention.end
    # 「1968年から毎年開かれている」「2018年以来」: the start of a period, not this meeting's day
    dates = [m for m in dates if not re.match(r"(?:から|以来|以降|ぶり)", doc_text(doc)[m.end : m.end + 3])]
    # 「8月24日の発射」: a date that modifies another noun with の is that noun's date
    before = [m for m in dates if m.end <= mention.start and not (doc_text(doc)[m.end : m.end + 1] == "の" and _other_noun_between(doc, m.end + 1, mention.start))]
    after = [m for m in dates if mention.end <= m.start < limit and doc_text(doc)[m.end : m.end + 1] != "の"]
    chosen = before[-1] if before else (after[0] if after else None)
    text = doc_text(sentence.doc)
    sentence_text = text[sentence.span.start_char : sentence.span.end_char]
    if chosen is None:
        if any(w in sentence_text for w in lexicon.cues("this_day")) and running:
            return running
        return None
    anchor = None
    for m in dates:
        if m.start < chosen.start and explicit_year(m.text):
            anchor = explicit_year(m.text)
    return resolve(chosen.get("expression") or chosen.text, published, anchor_year=anchor)


def _other_noun_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a noun other than a date or place word stands in ``doc.text[start:end]``
    (「8月24日の発射を受け、会談」 yes; 「5日の会談」 and 「5日のソウルでの会談」 no)."""
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    if span is None:
        return False
    return any(t.pos_ in ("NOUN", "VERB") and "地名" not in t.tag_ and t.tag_ != "名詞-普通名詞-副詞可能" for t in span)


def _in_parentheses(text: str, start: int) -> bool:
    """Whether ``start`` is inside a parenthesis: 「18日午前(日本時間19日未明)」."""
    opens, closes = _parenthesis_offsets(text)
    opened = opens[bisect_left(opens, start) - 1] if bisect_left(opens, start) else -1
    closed = closes[bisect_left(closes, start) - 1] if bisect_left(closes, start) else -1
    return opened > closed


@lru_cache(maxsize=4)
def _parenthesis_offsets(text: str) -> tuple[list[int], list[int]]:
    # offsets of every opening and closing parenthesis, so that the last one before an
    # offset is a bisection, not a search back through the block per date
    return [i for i, ch in enumerate(text) if ch in "(（"], [i for i, ch in enumerate(text) if ch in ")）"]


def _adjacent_date(sentence: _Sentence, mention: DomainMention, published: Optional[str]) -> Optional[str]:
    """A date written right before a meeting (「2016年10月の韓米2プラス2対話」)."""
    text = doc_text(sentence.doc)
    for m in sentence.mentions:
        if m.label == "DATE" and 0 <= mention.start - m.end <= 1 and text[m.end : mention.start] in ("", "の"):
            return resolve(m.get("expression") or m.text, published)
    return None


def _meeting_place(sentence: _Sentence, mention: DomainMention) -> Optional[str]:
    """The で-phrase of the meeting's predicate: 「ワシントンDCの米国務省で」 → ワシントンDCの米国務省."""
    doc = sentence.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    pred = _predicate(span[-1])
    people = [(m.start, m.end) for m in sentence.mentions if m.label == "PERSON"]
    for token in doc[sentence.span.start : sentence.span.end]:
        if token.text != "で" or token.dep_ != "case" or span.start <= token.i < span.end:
            continue  # before or after the name: 「ソウルで…会議を開いた」「会議が…ソウルで開かれた」
        head = token.head
        own = _predicate(head)
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


def _resolve_meeting_mention(mention: DomainMention, definitions: dict[str, dict]) -> Optional[dict]:
    forum = mention.get("forum") or ""
    acronym = mention.get("acronym") or None
    countries = [c for c in (mention.get("countries") or "").split(",") if c]
    kind = mention.get("kind")
    aliases = [a for a in (mention.get("aliases") or "").split("|") if a]
    if not forum:
        if acronym and acronym not in definitions and mention.get("has_kind"):
            # 「APEC首脳会議」: an organisation's meeting named by its acronym, as written
            forum = unicodedata.normalize("NFKC", mention.text)
            return {
                "forum": forum, "acronym": acronym, "countries": countries, "kind": kind, "aliases": aliases,
                "identity": "group:" + acronym + ":" + _norm(forum[len(acronym):] if forum.startswith(acronym) else forum),
            }
        if not acronym or acronym not in definitions:
            return None
        d = definitions[acronym]
        forum, countries, kind = d["forum"], countries or d["countries"], d["kind"] or kind
    elif acronym and acronym in definitions and not mention.get("known"):
        countries = countries or definitions[acronym]["countries"]
    if acronym:
        identity = "acr:" + acronym
    elif mention.get("known"):
        identity = "forum:" + forum
    else:
        identity = "made:" + ",".join(sorted(countries)) + ":" + (kind or "") + ":" + _norm(forum)
    return {"forum": forum, "acronym": acronym, "countries": countries, "kind": kind, "aliases": aliases, "identity": identity}


def _embedded(sentence: _Sentence, mention: DomainMention) -> bool:
    """Whether a mention belongs to an embedded clause (「北朝鮮が5月31日に発射したことを」,
    「…日に開かれた会議で」), not to what the sentence itself narrates."""
    span = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    pred = _predicate(span[-1])
    return _in_relative_clause(pred) or pred.dep_ in ("ccomp", "csubj")


_APPOSITION = re.compile(r"[、,]?\s*(?:いわゆる|通称|略称|通称は)\s*[「『]?")


def _with_listed_countries(sentence: _Sentence, mention: DomainMention, info: dict) -> dict:
    """「日本と中国の外相会談」: countries listed before 「Xの<meeting>」 all take part
    (日中外相会談), not only the one written next to the meeting word."""
    text = doc_text(sentence.doc)
    if len(info["countries"]) != 1 or not re.match(r"[^の]{1,6}の", mention.text):
        return info
    listed = list(info["countries"])
    start = mention.start
    for x in reversed([x for x in sentence.mentions if x.label == "COUNTRY" and x.end < start]):
        if text[x.end : start] not in ("と", "、", "や", "及び"):
            break
        codes = [c for c in (x.get("codes") or "").split(",") if c]
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
        **info, "forum": forum, "countries": listed, "aliases": _other_orders(listed, word),
        "identity": "made:" + ",".join(sorted(listed)) + ":" + (info["kind"] or "") + ":" + _norm(forum),
    }


def _hosting(sentence: _Sentence, mention: DomainMention) -> bool:
    """「…会議が開かれていたジャカルタで」: a meeting named only to say where something else
    happened (its clause modifies a place in a で-phrase)."""
    span = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    pred = _predicate(span[-1])
    if not _in_relative_clause(pred) or pred.head.i == pred.i:
        return False
    place = pred.head
    doc = sentence.doc
    for _ in range(3):  # 「…が開かれているインドネシアの首都ジャカルタで」
        if place.i + 1 < len(doc) and doc[place.i + 1].text == "の" and place.head.i != place.i and place.head.i > place.i:
            place = place.head
    return place.i + 1 < len(doc) and doc[place.i + 1].text == "で"


def _gathering_mention(sentence: _Sentence) -> DomainMention:
    """A stand-in mention for the gathering verb of the sentence (「一堂に会し」)."""
    text = doc_text(sentence.doc)
    for word in lexicon.cues("gathering"):
        at = text.find(word, sentence.span.start_char, sentence.span.end_char)
        if at >= 0:
            return DomainMention("MEETING", at, at + len(word), word)
    return DomainMention("MEETING", sentence.span.start_char, sentence.span.start_char, "")


def _gathering_place(sentence: _Sentence) -> Optional[str]:
    """The で-place right before the gathering verb: 「ソウル市内で一堂に会し」 → ソウル市内."""
    text = doc_text(sentence.doc)[sentence.span.start_char : sentence.span.end_char]
    for word in lexicon.cues("gathering"):
        match = re.search(r"([^、。\s「」()（）]{1,20})で" + re.escape(word), text)
        if match:
            return match.group(1)
    return None


def _without_person(sentence: _Sentence, mention: DomainMention) -> DomainMention:
    """A meeting name never contains a person: 「陳国防相とも日中防衛相会談」 is the partner,
    then the meeting (日中防衛相会談)."""
    text = doc_text(sentence.doc)
    inside = [p for p in sentence.mentions if p.label == "PERSON" and mention.start <= p.start and p.end < mention.end]
    if not inside:
        return mention
    start = max(p.end for p in inside)
    while start < mention.end and text[start] in "とものは、":
        start += 1
    attrs = dict(mention.attrs)
    rest = text[start : mention.end]
    if rest in lexicon.meeting_kinds():
        # only a meeting word is left (「Bとも会談」): generic, and a predicate before する
        attrs = {k: v for k, v in attrs.items() if k not in ("forum", "countries", "aliases")}
        attrs.update(generic="1", phrase=rest)
    elif attrs.get("forum") == mention.text:
        attrs["forum"] = rest
    return DomainMention(mention.label, start, mention.end, rest, tuple(attrs.items()))


def _date_from_focus(meeting: "_Meeting", focus: Optional["_Meeting"]) -> None:
    """A held meeting reported without a date (「会合の合間を縫い…会談を行った」「協議に先立ち」)
    took place around the meeting in focus: its month, not a day the article does not give."""
    if meeting.date is None and focus is not None and focus is not meeting and focus.date and len(focus.date) >= 7:
        meeting.date = focus.date[:7]


def _closing(sentence: _Sentence, mention: DomainMention) -> bool:
    """Whether the meeting's predicate reports its end (閉幕, 終える)."""
    span = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    pred = _predicate(span[-1])
    chain = [pred, *_predicate_chain(pred), *(c for c in pred.children if c.dep_ == "advcl")]
    return any(t.lemma_ in lexicon.cues("closing") for t in chain)


def _legislative(sentence: _Sentence, mention: DomainMention) -> bool:
    """A session of a parliament or its committees (「国会外交統一委員会の全体会議」):
    a legislature word opens the mention or the noun phrase it closes."""
    text = doc_text(sentence.doc)
    lead = re.split(r"[、。「」『』()（）\s]", text[sentence.span.start_char : mention.start])[-1]
    phrase = lead + mention.text
    # never a bare substring: 「…韓国会議」 is not 国会, 「参議院選挙後初の首脳会談」 is no session
    return any(
        phrase.startswith(word) or ("の" + word) in phrase or phrase.endswith(word)
        for word in lexicon.cues("legislature")
    )


def _group_meeting(sentence: _Sentence, mention: DomainMention) -> Optional[dict]:
    """A group's meeting other than its summit, named by the group's acronym:
    「G7外相会合」, 「先進7カ国(G7)外相会合」 → forum G7外相会合, acronym G7 (not the G7 summit)."""
    text = doc_text(sentence.doc)
    phrase = mention.get("phrase") or mention.text
    full = None
    if mention.get("generic"):
        before = unicodedata.normalize("NFKC", text[max(0, mention.start - 12) : mention.start])
        match = re.search(r"(?:\(([A-Z][A-Z0-9+]{1,7})\)|(?<![A-Za-z0-9])([A-Z][A-Z0-9+]{1,7}))$", before)
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
        acronym = mention.get("acronym")
        written = unicodedata.normalize("NFKC", mention.text)
        if not acronym or not mention.get("known") or not written.startswith(acronym):
            return None
        phrase = written[len(acronym) :]
        entry = lexicon.meeting_kinds().get(phrase)
        if entry is None or entry.kind == mention.get("kind"):
            return None  # 「G7首脳会議」 is the group's summit itself
    entry = lexicon.meeting_kinds().get(phrase)
    kind = entry.kind if entry else mention.get("kind")
    forum = acronym + phrase
    return {
        "forum": forum, "acronym": acronym, "countries": [], "kind": kind,
        "aliases": [full] if mention.get("generic") and full else [],
        "identity": "group:" + acronym + ":" + _norm(phrase),
    }


def _organisation_meeting(sentence: _Sentence, mention: DomainMention) -> Optional[dict]:
    """An international organisation's meeting named by a bare word:
    「NATO＝北大西洋条約機構の首脳会議」「北大西洋条約機構(NATO)は…首脳会議を開いた」
    → 北大西洋条約機構首脳会議 (alias NATO首脳会議)."""
    if not mention.get("generic"):
        return None
    doc, text = sentence.doc, doc_text(sentence.doc)
    orgs = [
        x for x in sentence.mentions
        if x.label == "INSTITUTION" and x.get("kind") == "intl_org" and x.end <= mention.start
        and not sentence.quoted(x.start, x.end)
    ]
    if not orgs:
        return None
    org = orgs[-1]
    if text[org.end : mention.start] != "の":
        span, own = doc.char_span(org.start, org.end, alignment_mode="expand"), doc.char_span(mention.start, mention.end, alignment_mode="expand")
        after = re.match(r"(?:[(（][A-Za-zＡ-Ｚ]+[)）])?[はが]", text[org.end : org.end + 12])
        if span is None or own is None or after is None or _predicate(span[-1]).i != _predicate(own[-1]).i:
            return None
    # the same organisation written twice (NATO＝北大西洋条約機構, 北大西洋条約機構(NATO))
    same = [x for x in sentence.mentions if x.label == "INSTITUTION" and x is not org and x.get("country") == org.get("country") and abs(x.start - org.start) <= 20]
    names = [org.text] + [x.text for x in same]
    acronym = next((n for n in names if re.fullmatch(r"[A-Z]{2,8}", unicodedata.normalize("NFKC", n))), None)
    full = next((n for n in names if n != acronym), org.text)
    phrase = mention.get("phrase") or mention.text
    forum = full + phrase
    aliases = [acronym + phrase] if acronym and acronym != full else []
    return {
        "forum": forum, "acronym": acronym if acronym != full else None, "countries": [], "kind": mention.get("kind"),
        "aliases": aliases, "identity": "made::" + _norm(forum),
    }


def _forum_acronyms() -> frozenset[str]:
    return frozenset(f.acronym for f in lexicon.forums().values() if getattr(f, "acronym", None))


def _ordinal(sentence: _Sentence, mention: DomainMention) -> Optional[int]:
    if mention.get("ordinal"):
        return int(unicodedata.normalize("NFKC", mention.get("ordinal")))
    before = doc_text(sentence.doc)[max(0, mention.start - 8) : mention.start]
    match = re.search(r"第?([0-9０-９]+)回目?の$", before)
    return int(unicodedata.normalize("NFKC", match.group(1))) if match else None


# ---------------------------------------------------------------- the extractor


class _Extraction:
    def __init__(self, article: Article, docs: list[Doc]):
        self.article = article
        self.doc_id = article.doc_id
        self.published = article.published
        self.sentences = _sentences(article, docs)
        self.meetings: list[_Meeting] = []
        self.meeting_at: dict[tuple[int, int], _Meeting] = {}  # (sentence, mention start) → meeting
        self.current: dict[int, Optional[_Meeting]] = {}  # sentence → latest held meeting so far
        self.day: dict[int, Optional[str]] = {}  # sentence → the day 「この日」 refers to
        self.representations: dict[tuple[str, str, str], RepresentationFact] = {}
        self.hearings: set[tuple[int, int]] = set()  # (sentence, start) of parliamentary sessions
        self._refs_by_sentence: Optional[dict[int, list[_PersonRef]]] = None  # id(sentence) → its refs
        self._own_names: dict[tuple[str, tuple[str, ...]], Optional[str]] = {}  # (phrase, countries) → own_name

    # -- meetings
    def acronym_definitions(self) -> dict[str, dict]:
        definitions: dict[str, dict] = {}
        for sentence in self.sentences:
            for m in sentence.mentions:
                if m.label == "MEETING" and m.get("acronym") and m.get("forum"):
                    definitions.setdefault(
                        m.get("acronym"),
                        {
                            "forum": m.get("forum"),
                            "countries": [c for c in (m.get("countries") or "").split(",") if c],
                            "kind": m.get("kind"),
                        },
                    )
        return definitions

    def collect_meetings(self) -> None:
        definitions = self.acronym_definitions()
        named = self.named_meetings(definitions)
        running_date: Optional[str] = None
        current: Optional[_Meeting] = None
        gathering: Optional[tuple[Optional[str], Optional[str]]] = None  # (date, place) of a lead without a name
        gathering_at = -1
        focus_set = story_day_set = -1  # sentences where the focus meeting / the story's day last changed
        for sentence in self.sentences:
            # 「同日」「この日」: the day of the meeting being narrated, not any day written
            # since (「北朝鮮が5月31日に発射したことを非難した」 does not move the story's day)
            focus_date = running_date
            if current is not None and current.date and len(current.date) == 10 and focus_set >= story_day_set:
                focus_date = current.date
            talk_tokens = self.talks_in(sentence, focus_date)
            previous_here: Optional[tuple[int, _Meeting]] = None  # (end, meeting) of the last meeting name
            for written in sentence.mentions:
                if written.label != "MEETING" or sentence.quoted(written.start, written.end):
                    continue
                m = _without_person(sentence, written)
                if _legislative(sentence, m):
                    self.hearings.add((sentence.index, m.start))
                    continue  # 「国会…委員会の全体会議に出席し」: a hearing, not a diplomatic meeting
                group = _group_meeting(sentence, m) or _organisation_meeting(sentence, m)
                between = self.people_of_meeting(sentence, m) if m.get("generic") and group is None else []
                if group is not None:
                    info = group
                elif between:
                    info = self.talks_forum(between, self.home_first(list(dict.fromkeys(r.person.country for r in between))), named)
                elif m.get("generic"):
                    if self.is_verbal(sentence.doc, m):
                        continue  # 「方針を協議した」「…と会談した」: a predicate, not a meeting name
                    info = self.generic_target(sentence, m, named, current)
                else:
                    info = _resolve_meeting_mention(m, definitions)
                if info is None:
                    continue
                info = _with_listed_countries(sentence, m, info)
                if previous_here is not None and _APPOSITION.fullmatch(doc_text(sentence.doc)[previous_here[0] : m.start]):
                    # 「安全保障協議委員会、いわゆる「2プラス2」」: one meeting, two names
                    merged = self.info_of(previous_here[1])
                    merged["aliases"] = merged["aliases"] + [info["forum"], *info["aliases"]]
                    info = merged
                date = _meeting_date(sentence, m, self.published, focus_date)
                status = _meeting_status(sentence, m, date, self.published)
                if _closing(sentence, m):
                    date = None  # 「18日、3日間の日程を終えて閉幕した」: the last day, not the meeting's date
                if status != "held":
                    date = _adjacent_date(sentence, m, self.published)
                    if m.get("generic"):
                        continue  # 「次回の会議」: a back-reference to nothing held
                meeting = self.add_meeting(info, _ordinal(sentence, m), date, status, sentence, m)
                self.meeting_at[(sentence.index, written.start)] = meeting
                previous_here = (m.end, meeting)
                for ref in between:
                    self.represent(ref.person, meeting, ref.person.country, sentence, "participant_subject", None)
                if meeting.status == "held":
                    _date_from_focus(meeting, current)
                    current, focus_set = meeting, sentence.index
            for token in talk_tokens:
                meeting = self.talks(sentence, token, named, focus_date)
                if meeting is not None:
                    _date_from_focus(meeting, current)
                    current, focus_set = meeting, sentence.index
            unquoted = sentence.unquoted_text()
            if any(w in unquoted for w in lexicon.cues("gathering")) and not any(
                # 「…一堂に会し、対応策を協議した」: a verbal 協議 names no meeting
                x.label == "MEETING" and not (x.get("generic") and self.is_verbal(sentence.doc, x))
                for x in sentence.mentions
            ):
                # 「…が9日、ソウル市内で一堂に会し」: the day and place of the meeting named next
                gathering = (_meeting_date(sentence, _gathering_mention(sentence), self.published, focus_date), _gathering_place(sentence))
                gathering_at = sentence.index
            elif gathering is not None and sentence.index - gathering_at <= 2:
                for (index, _), meeting in self.meeting_at.items():
                    if index == sentence.index and meeting.status == "held":
                        meeting.date = meeting.date or gathering[0]
                        meeting.place = meeting.place or gathering[1]
                        gathering = None
                        break
            count = _COUNT_THIS_TIME.search(unquoted)
            # (「3か国の首脳会議は今回で9回目」: a meeting word of the current meeting as the topic)
            names_current = current is not None and any(
                x.label == "MEETING" and x.get("generic") and _norm(x.get("phrase") or x.text) in _norm(current.forum)
                for x in sentence.mentions if not sentence.quoted(x.start, x.end)
            )
            if count and current is not None and current.ordinal is None and (current.evidence[-1].start == sentence.start or names_current):
                # 「今回で15回目」 about the meeting this sentence reports
                current.ordinal = int(unicodedata.normalize("NFKC", count.group(1) or count.group(2)))
            self.current[sentence.index] = current
            self.day[sentence.index] = running_date
            # 「この日」 refers back to the latest day named outside quotes
            for m in sentence.mentions:
                if m.label == "DATE" and not sentence.quoted(m.start, m.end) and not _in_parentheses(doc_text(sentence.doc), m.start):
                    resolved = resolve(m.get("expression") or m.text, self.published)
                    if resolved and len(resolved) == 10:
                        running_date = resolved
                        if not _embedded(sentence, m):
                            story_day_set = sentence.index

    def other_day(self, sentence: _Sentence, meeting: Optional[_Meeting]) -> bool:
        """Whether the sentence dates what it reports to a day the meeting was not held on."""
        if meeting is None or not meeting.date:
            return False
        for m in sentence.mentions:
            if m.label != "DATE" or sentence.quoted(m.start, m.end) or _in_parentheses(doc_text(sentence.doc), m.start):
                continue
            day = resolve(m.get("expression") or m.text, self.published)
            if day and len(day) == 10 and len(meeting.date) == 10 and day != meeting.date:
                return True
        return False

    def date_from_publication(self) -> None:
        """Same-day reports (TV, wire): a meeting the lead reports as held, with no other day written
        up to there and none found for it later, took place on the day of publication."""
        published = self.published or ""
        if len(published) < 10:
            return
        lead = self.sentences[:4]
        for meeting in self.meetings:
            if meeting.status != "held" or meeting.date is not None:
                continue
            first = next((i for i, s in enumerate(lead) if any(e.start == s.start for e in meeting.evidence)), None)
            if first is None:
                continue
            written = [
                resolve(m.get("expression") or m.text, published)
                for s in lead[: first + 1] for m in s.mentions if m.label == "DATE"
            ]
            if all(d == published[:10] for d in written):
                meeting.date = published[:10]

    def named_meetings(self, definitions: dict[str, dict]) -> list[dict]:
        """Every named meeting mention of the article (the topics generic words refer to)."""
        found = []
        for sentence in self.sentences:
            for m in sentence.mentions:
                if m.label == "MEETING" and not m.get("generic") and not sentence.quoted(m.start, m.end):
                    info = _resolve_meeting_mention(m, definitions)
                    if info is not None:
                        found.append(info)
        return found

    def generic_target(self, sentence: _Sentence, m: DomainMention, named: list[dict], current: Optional[_Meeting]) -> Optional[dict]:
        """What 「会談」「協議」「閣僚会合」 without a forum refers to."""
        phrase = m.get("phrase") or m.text
        text = doc_text(sentence.doc)
        owner = next((x for x in sentence.mentions if x.label == "MEETING" and x.end == m.start - 1 and text[x.end : m.start] == "の"), None)
        if owner is not None and phrase in lexicon.cues("session"):
            # 「東方経済フォーラムの全体会合」: a session of the forum named before の
            forum = owner.text + "の" + phrase
            return {"forum": forum, "acronym": None, "countries": [], "kind": "session", "aliases": [], "identity": "made::" + _norm(forum)}
        if current is not None and current.parent is not None and phrase not in lexicon.cues("session"):
            current = current.parent  # 「拡大会合を行った。会談には…」: the meeting, not its last session
        if phrase in lexicon.cues("session") and current is not None and phrase not in _norm(current.forum):
            # 「少人数会合が行われ、A大臣は…」: a session of the meeting being reported, its own meeting
            forum = phrase
            return {
                "forum": forum, "acronym": None, "countries": list(current.countries), "kind": "session", "aliases": [],
                "identity": "made::" + _norm(current.forum) + ":" + _norm(forum), "parent": current,
            }
        if phrase in lexicon.cues("sub_session") and current is not None:
            # 「少人数会合に続き拡大会合を行った」: sessions of the meeting being reported
            return self.info_of(current)
        word = phrase if phrase in lexicon.meeting_kinds() else None
        if word is None and len(phrase) > 4 and not any(phrase.endswith(k) and len(phrase) - len(k) <= 4 for k in lexicon.meeting_kinds()):
            # a named conference without an acronym: 「アジア安全保障会議」
            return {"forum": phrase, "acronym": None, "countries": [], "kind": m.get("kind"), "aliases": [], "identity": "made::" + _norm(phrase)}
        bare = phrase in lexicon.cues("bare_meeting")
        if current is not None and self.new_parties(sentence, current):
            current = None  # 「首脳会談を行うA大統領とシンガポールのB首相」: new parties, a new meeting
        if current is not None and (
            _norm(phrase) in _norm(current.forum) or bare or (phrase in lexicon.cues("bare_meeting") | lexicon.cues("summit_word") and current.kind == m.get("kind"))
        ):
            return self.info_of(current)
        for info in named:
            if phrase in lexicon.cues("bare_meeting") | lexicon.cues("summit_word"):
                break
            if _norm(phrase) in _norm(info["forum"]) or any(_norm(phrase) in _norm(a) for a in info["aliases"]):
                return info
        if bare:
            tail = phrase[-2:]
            for info in named:
                if info["forum"].endswith(tail):
                    return info
        topical = _TOPIC_BEFORE.search(doc_text(sentence.doc)[max(0, m.start - 20) : m.start])
        if topical is not None and not bare:
            # 「ウクライナ支援に関する多国間会議」: a meeting named by its subject
            forum = topical.group(0) + phrase
            return {"forum": forum, "acronym": None, "countries": [], "kind": m.get("kind"), "aliases": [], "identity": "made::" + _norm(forum)}
        qualified = self.qualified_generic(sentence, m, phrase)
        if qualified is not None:
            return qualified  # 「日米韓3カ国の首脳は…首脳会議を開き」
        # 「…と首脳会談を行った。…初の米韓首脳会談となった」: the article's own name for it
        speakers = {r.person.country for r in self.refs_in(sentence) if r.person.country and r.mention.end <= m.start}
        for info in named:
            if info["forum"].endswith(phrase) and len(info["countries"]) >= 2 and speakers <= set(info["countries"]):
                return info
        # 「山田一郎首相と陳明国家主席は…首脳会談を行い」: the speakers' countries name it
        countries = list(dict.fromkeys(
            r.person.country for r in self.refs_in(sentence)
            if r.person.country and r.mention.end <= m.start
        ))
        countries = self.home_first(countries)
        abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
        if len(countries) >= 2 and all(c in abbreviations for c in countries):
            phrase = self.posted_word(sentence, m, phrase)
            forum = "".join(abbreviations[c] for c in countries) + phrase
            entry = lexicon.meeting_kinds().get(phrase)
            return {
                "forum": forum, "acronym": None, "countries": countries, "kind": entry.kind if entry else m.get("kind"),
                "aliases": _other_orders(countries, phrase),
                "identity": "made:" + ",".join(sorted(countries)) + ":" + (m.get("kind") or "") + ":" + _norm(forum),
            }
        if bare:
            return None  # 「会議で…」 with nothing to refer to and nobody to name it after
        return {"forum": phrase, "acronym": None, "countries": [], "kind": m.get("kind"), "aliases": [], "identity": "made::" + _norm(phrase)}

    def new_parties(self, sentence: _Sentence, current: "_Meeting") -> bool:
        """Whether people of this sentence, of explicit countries, include a state that is no
        party to ``current`` (a meeting whose parties the text named)."""
        states = [c for c in current.countries if len(c) == 2]
        if not current.countries_from_text or len(states) < 2:
            return False
        explicit = {
            r.person.country for r in self.refs_in(sentence)
            if r.person.country and len(r.person.country) == 2 and r.person.country_source in ("explicit", "reference", "institution")
        }
        return bool(explicit - set(states))

    def posted_word(self, sentence: _Sentence, m: DomainMention, phrase: str) -> str:
        """A bare meeting word named after the outlet's own participant's post, when the
        lexicon knows the result: 「国家安保室長」 + 会議 → 安保室長会議 (not just 会議)."""
        if len(phrase) > 2:
            return phrase
        if phrase == "会談":
            speakers = [r for r in self.refs_in(sentence) if r.mention.end <= m.start]
            return self.talk_word(speakers)  # 「AとBは…会談を行い」 between heads → 首脳会談
        home = getattr(self, "home", None)
        for ref in self.refs_in(sentence):
            title = ref.person.title or ""
            if ref.person.country != home or ref.mention.end > m.start or not title:
                continue
            for i in range(len(title) - 1):
                if title[i:] + phrase in lexicon.meeting_kinds():
                    return title[i:] + phrase
        return phrase

    def qualified_generic(self, sentence: _Sentence, m: DomainMention, phrase: str) -> Optional[dict]:
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
            codes = [c for c in (x.get("codes") or "").split(",") if c]
            if len(codes) >= 2:
                countries = codes
                chain, previous_end = [], None
                continue
            # 「日本とアメリカ、韓国の」: single countries listed before 「の」
            if previous_end is not None and text[previous_end : x.start] in ("と", "、", "・", "や", "及び"):
                chain += codes
            else:
                chain = list(codes)
            previous_end = x.end
            if len(chain) >= 2 and text[x.end : x.end + 1] == "の":
                countries = list(dict.fromkeys(chain))
        if len(countries) < 2:
            return None
        title = ""
        if text[max(0, m.start - 3) : m.start] == "による" and len(phrase) <= 4:
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
                if x.label == "TITLE" and text[x.end : x.end + 1] in ("は", "が") and text[max(0, x.start - 1) : x.start] in ("の", "")
            ]
            if topics and (topics[-1].text + phrase) in lexicon.meeting_kinds():
                title = topics[-1].text
        if not title and phrase in lexicon.cues("bare_meeting"):
            # 「3カ国の高官が…会議を開き」 … 「3カ国の安保室長会議は」: the article's own name
            own = self.own_name(phrase, countries)
            if own:
                title, phrase = "", own
        abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
        if not all(c in abbreviations for c in countries):
            return None
        forum = "".join(abbreviations[c] for c in countries) + title + phrase
        kind = lexicon.meeting_kinds().get(title + phrase)
        kind_name = kind.kind if kind else m.get("kind")
        return {
            "forum": forum, "acronym": None, "countries": countries, "kind": kind_name,
            "aliases": _other_orders(countries, title + phrase) + [
                "".join(abbreviations[c] for c in countries) + other
                for other in filter(None, (m.get("other_names") or "").split("|"))
            ],
            "identity": "made:" + ",".join(sorted(countries)) + ":" + (kind_name or "") + ":" + _norm(forum),
        }

    def own_name(self, phrase: str, countries: list[str]) -> Optional[str]:
        """The article's own name for a meeting it first calls by a bare word: a kind word
        ending in that word, written anywhere in the article (headline included) after the
        same countries or a count of them (「3カ国の安保室長会議」「韓米日の安保室長会議」)."""
        key = (phrase, tuple(countries))
        if key not in self._own_names:  # the answer depends on the article alone: one search per question
            self._own_names[key] = self._search_own_name(phrase, countries)
        return self._own_names[key]

    def _search_own_name(self, phrase: str, countries: list[str]) -> Optional[str]:
        for sentence in self.sentences:
            text = doc_text(sentence.doc)
            for x in sentence.mentions:
                own = x.get("phrase") or x.text
                if (
                    x.label != "MEETING" or not x.get("generic") or sentence.quoted(x.start, x.end)
                    or own == phrase or not own.endswith(phrase) or own not in lexicon.meeting_kinds()
                ):
                    continue
                before = text[max(0, x.start - 8) : x.start]
                counted = re.search(r"(?:[0-9０-９一二三四五六七八九十]+[カかヶケか]国|両国)の?$", before)
                written = [
                    y for y in sentence.mentions
                    if y.label == "COUNTRY" and re.fullmatch(r"の?", text[y.end : x.start])
                    and set((y.get("codes") or "").split(",")) == set(countries)
                ]
                if written or (counted and (counted.group(0).startswith("両") or len(countries) == _count_of(counted.group(0)))):
                    return own
        return None

    @staticmethod
    def is_verbal(doc: Doc, m: DomainMention) -> bool:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and span.end < len(doc) and doc[span.end].lemma_ == "する"

    @staticmethod
    def info_of(meeting: _Meeting) -> dict:
        return {
            "forum": meeting.forum,
            "acronym": meeting.acronym,
            "countries": list(meeting.countries),
            "kind": meeting.kind,
            "aliases": list(meeting.aliases),
            "identity": meeting.identity,
        }

    def talks_in(self, sentence: _Sentence, running_date: Optional[str]) -> list:
        """Predicates of 「AはBと会談した」 (held, outside quotes) in a sentence."""
        doc = sentence.doc
        found = []
        for token in doc[sentence.span.start : sentence.span.end]:
            if token.lemma_ not in lexicon.cues("talks") or sentence.quoted(token.idx, token.idx + 1):
                continue
            is_predicate = token.pos_ == "VERB" or (token.i + 1 < len(doc) and doc[token.i + 1].lemma_ == "する")
            if token.i > 0 and doc[token.i - 1].text in lexicon.cues("press"):
                continue  # 「記者会見した」 is a press conference, not talks
            if is_predicate and self.held_clause(token):
                found.append(token)
        return found

    def add_meeting(self, info, ordinal, date, status, sentence: _Sentence, mention: DomainMention) -> _Meeting:
        names = {_norm(info["forum"]), *(_norm(a) for a in info["aliases"])}
        for meeting in reversed(self.meetings):
            same_forum = (
                meeting.identity == info["identity"]
                or (info["acronym"] and meeting.acronym == info["acronym"] and not (
                    info["identity"].startswith("group:") or meeting.identity.startswith("group:")
                ))
                or names & {_norm(meeting.forum), *(_norm(a) for a in meeting.aliases)}
            )
            if not same_forum:
                continue
            if ordinal is not None and meeting.ordinal is not None and ordinal != meeting.ordinal:
                continue
            if not _dates_compatible(date, meeting.date):
                continue
            if status == "held" and meeting.status == "held" and date and meeting.date and len(date) == len(meeting.date) and date != meeting.date:
                continue
            # a bare later mention (no ordinal, no date) that is not held joins the latest one
            break
        else:
            meeting = _Meeting(key=f"m{len(self.meetings) + 1}", forum=info["forum"], identity=info["identity"])
            self.meetings.append(meeting)
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
        meeting.countries_from_text = meeting.countries_from_text or bool(info["countries"])
        if _STATUS_RANK[status] > _STATUS_RANK[meeting.status]:
            meeting.status = status
        if status == "held":
            meeting.place = meeting.place or _meeting_place(sentence, mention)
        ev = sentence.evidence(self.doc_id)
        if ev not in meeting.evidence:
            meeting.evidence.append(ev)
        meeting.confidence = 0.95 if meeting.status == "held" else 0.8
        return meeting

    # -- representations
    def represent(self, person: _Person, meeting: _Meeting, side: Optional[str], sentence: _Sentence, rule: str, head: Optional[bool]) -> None:
        if meeting.status != "held" or not side:
            return
        if meeting.parent is not None and meeting.parent.status == "held":
            # who sat in a session of a meeting took part in the meeting
            self.represent(person, meeting.parent, side, sentence, rule, head)
        states = [c for c in meeting.countries if len(c) == 2]
        if meeting.countries_from_text and len(states) == len(meeting.countries) >= 2 and side not in states:
            return  # a side that is not a party to this bilateral/trilateral meeting
        _set_country(person, side, "side")
        key = (person.key, meeting.key, side)
        ev = sentence.evidence(self.doc_id)
        existing = self.representations.get(key)
        if existing is not None:
            evidence = existing.evidence if ev in existing.evidence else existing.evidence + (ev,)
            head_value = True if (head or existing.head_of_delegation) else existing.head_of_delegation
            confidence = max(existing.confidence, RULE_CONFIDENCE[rule])
            self.representations[key] = replace(existing, evidence=evidence, head_of_delegation=head_value, confidence=confidence)
            return
        states = [c for c in meeting.countries if len(c) == 2]
        if meeting.countries_from_text and len(states) == len(meeting.countries) >= 2 and side not in states:
            return  # a side that is not a party to this bilateral/trilateral meeting
        if side not in meeting.countries:
            meeting.countries.append(side)
        self.representations[key] = RepresentationFact(
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

    def sentence_meetings(self, sentence: _Sentence) -> list[tuple[DomainMention, _Meeting]]:
        return [
            (m, self.meeting_at[(sentence.index, m.start)])
            for m in sentence.mentions
            if m.label == "MEETING" and (sentence.index, m.start) in self.meeting_at
        ]

    def collect_representations(self, refs: list[_PersonRef]) -> None:
        by_sentence: dict[int, list[_PersonRef]] = {}
        for ref in refs:
            by_sentence.setdefault(ref.sentence.index, []).append(ref)
        seen: set[str] = set()
        for sentence in self.sentences:
            if len(sentence.text) > 20 and sentence.text in seen:
                continue  # a scraped repeat of a paragraph: its facts are already out, in context
            seen.add(sentence.text)
            self.sentence_representations(sentence, by_sentence.get(sentence.index, []))
            self.labelled_lists(sentence, by_sentence.get(sentence.index, []))
            self.clause_on_meeting(sentence, by_sentence.get(sentence.index, []))
            self.meeting_as_setting(sentence, by_sentence.get(sentence.index, []))
            self.topic_over_clauses(sentence, by_sentence.get(sentence.index, []))
            self.share_with_conjuncts(sentence, by_sentence.get(sentence.index, []))
            self.collective(sentence)

    def topic_over_clauses(self, sentence: _Sentence, refs: list[_PersonRef]) -> None:
        """「初の外務・防衛閣僚会合を終え、A外相は…と述べた」: a topic (は) is the subject of every
        clause of its sentence, so a continuative clause of taking part written before it (even
        when the main predicate only says something) tells that A took part."""
        meetings_here = self.sentence_meetings(sentence)
        for ref, span in _marked(sentence, refs, "は"):
            pred = _predicate(span[-1])
            for clause in pred.children:
                if clause.dep_ != "advcl" or clause.i >= span.start or not _takes_part(clause) or not _is_past(clause):
                    continue
                meeting = self.meeting_argument(sentence, clause, meetings_here)
                if meeting is not None:
                    self.represent(ref.person, meeting, self.side_for(ref.person, [], ref.mention), sentence, "participant_subject", None)

    def meeting_as_setting(self, sentence: _Sentence, refs: list[_PersonRef]) -> None:
        """「…で行われたMの全体会合にて、AはB首相に…を提案した」「拡大会合では、AからBに対し」: a
        held meeting written as the setting of the sentence (にて, において, では) had there the
        people who act, speak or are spoken to in it (は/が, から/より, に/に対し)."""
        text = doc_text(sentence.doc)
        settings = [
            mt for mn, mt in self.sentence_meetings(sentence)
            if mt.status == "held" and _SETTING_AFTER.match(text, mn.end)
        ]
        if not settings:
            return
        meeting = settings[-1]
        for ref in refs:
            if ref.mention.start < sentence.span.start_char or sentence.quoted(ref.mention.start, ref.mention.end):
                continue
            # 「…で行われた安倍首相との会談で、」: the partner named with との on the meeting noun
            partner = re.match(r"との(?:間の)?", text[ref.mention.end :]) and any(
                mn.start - ref.mention.end <= 6 and mn.start >= ref.mention.end and mt is meeting
                for mn, mt in self.sentence_meetings(sentence)
            )
            if partner or _ROLE_AFTER.match(text, ref.mention.end):
                side = self.side_for(ref.person, [], ref.mention)
                self.represent(ref.person, meeting, side, sentence, "setting", None)

    def clause_on_meeting(self, sentence: _Sentence, refs: list[_PersonRef]) -> None:
        """「A長官が主催する…会議に参加し」「Bが議長を務めた会合」: the subject of a relative
        clause of taking part (主催, 出席, 議長を務める) that modifies a held meeting took part."""
        meetings = self.sentence_meetings(sentence)
        for ref, span in _marked(sentence, refs, "が"):
            pred = _predicate(span[-1])
            if pred.dep_ != "acl" or not _takes_part(pred):
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
                    side = self.side_for(ref.person, [], ref.mention)
                    self.represent(ref.person, meeting, side, sentence, "relative_clause", None)

    def labelled_lists(self, sentence: _Sentence, refs: list[_PersonRef]) -> None:
        """「(日本側同席者:A、B他、中国側:C、D)」「我が方:A、先方:B」「出席者:A、B」: a labelled
        list of people took part in the meeting the sentence reports, each label's side
        for its items (the text's own side, the other party, or the country written)."""
        text = doc_text(sentence.doc)
        labels = list(_list_labels(text, sentence.span.start_char, sentence.span.end_char))
        if not labels:
            return
        held = [mt for _, mt in self.sentence_meetings(sentence) if mt.status == "held"]
        meeting = held[-1] if held else self.current.get(sentence.index) or (
            self.current.get(sentence.index - 1) if sentence.index > 0 else None
        )
        if meeting is None or meeting.status != "held":
            return
        for i, (start, end, word) in enumerate(labels):
            stop = labels[i + 1][0] if i + 1 < len(labels) else sentence.span.end_char
            close = re.search(r"[)）。]", text[end:stop])
            if close:
                stop = end + close.start()
            side = self.label_side(word, meeting)
            for ref in refs:
                if ref.sentence is sentence and end <= ref.mention.start < stop:
                    who = side or ref.person.country
                    self.represent(ref.person, meeting, who, sentence, "listed", None)

    def label_side(self, word: str, meeting: "_Meeting") -> Optional[str]:
        """The side a list label names: 「日本側」 → JP, 「我が方」 → the text's own, 「先方」 →
        the one other party of the meeting; None when the label names no side."""
        if word in lexicon.cues("own_side"):
            return self.home
        if word in lexicon.cues("other_side"):
            others = [c for c in meeting.countries if len(c) == 2 and c != self.home]
            return others[0] if len(others) == 1 else None
        core = word.split("側")[0] if "側" in word else ""
        ending = lexicon.country_form_ending(core) if core else None
        return ending[1] if ending else None

    def share_with_conjuncts(self, sentence: _Sentence, refs: list[_PersonRef]) -> None:
        """「A、B及びCが出席した」「日本側からA、Bほか、米国側からC、Dほかが参加した」: every
        conjunct of a list plays the role the parser gave one of them. Each conjunct keeps
        its own side phrase (the last 「X側から」 before it) or its own country."""
        sides = [m for m in sentence.mentions if m.label == "SIDE" and not sentence.quoted(m.start, m.end)]
        for group in _conjunct_groups(sentence, refs):
            members = {ref.person.key for ref in group}
            shared = [
                (key, fact) for key, fact in list(self.representations.items())
                if fact.person in members and any(ev.start == sentence.start and ev.end == sentence.end for ev in fact.evidence)
            ]
            for _, fact in shared:
                meeting = next(m for m in self.meetings if m.key == fact.meeting)
                for ref in group:
                    if any(k[0] == ref.person.key and k[1] == meeting.key for k in self.representations):
                        continue
                    side = self.side_for(ref.person, sides, ref.mention)
                    if side is None or (ref.person.country_source in _WEAK_SOURCES and not self.side_mention(sides, ref.mention)):
                        side = self.eliminate(meeting, sentence, ref.person) or side
                    self.represent(ref.person, meeting, side, sentence, "conjunct", fact.head_of_delegation)

    def eliminate(self, meeting: _Meeting, sentence: _Sentence, person: _Person) -> Optional[str]:
        """The one side of a meeting that nobody else represents (「山田首相とドウ米大統領、
        韓国の尹大統領は…日米韓首脳会議を開いた」 → 岸田 is JP)."""
        states = [c for c in meeting.countries if len(c) == 2]
        if len(states) < 2:
            return None
        taken = {r.side for r in self.representations.values() if r.meeting == meeting.key and r.person != person.key}
        taken |= {
            r.person.country for r in self.refs_in(sentence)
            if r.person is not person and r.person.country and r.person.country_source not in _WEAK_SOURCES
        }
        remaining = [c for c in states if c not in taken]
        return remaining[0] if len(remaining) == 1 else None

    def collective(self, sentence: _Sentence) -> None:
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
                if t.lemma_ in lexicon.cues("participation"):
                    pred = t
                    break
        if pred is None or not self.held_clause(pred):
            return
        meetings_here = self.sentence_meetings(sentence)
        meeting = self.meeting_argument(sentence, pred, meetings_here)
        if meeting is None:
            held_here = [mt for mn, mt in meetings_here if mt.status == "held" and not _hosting(sentence, mn)]
            meeting = held_here[-1] if held_here else None
        if meeting is None:
            return
        earlier = [
            mt for mt in self.meetings
            if mt is not meeting and any(r.meeting == mt.key for r in self.representations.values())
            and mt.evidence and mt.evidence[0].start <= sentence.start
        ]
        if not earlier:
            return
        head = True if any(w in text for w in lexicon.cues("head")) else None
        people = {p.key: p for p in (r.person for r in self._refs)}
        count = _collective_count(match.group(1))
        chosen: dict[str, RepresentationFact] = {}
        # 「3氏による…会談」 after two bilateral talks: the people of the previous meetings,
        # latest first, until the count written is reached (one meeting when no count)
        for source in reversed(earlier):
            for rep in [r for r in self.representations.values() if r.meeting == source.key]:
                chosen.setdefault(rep.person, rep)
            if count is None or len(chosen) >= count:
                break
        if count is not None and len(chosen) != count:
            chosen = {r.person: r for r in self.representations.values() if r.meeting == earlier[-1].key}
        for rep in chosen.values():
            person = people.get(rep.person)
            if person is not None:
                self.represent(person, meeting, rep.side, sentence, "collective", head)

    def sentence_representations(self, sentence: _Sentence, refs: list[_PersonRef]) -> None:
        doc = sentence.doc
        unquoted = sentence.unquoted_text()
        meetings_here = self.sentence_meetings(sentence)
        previous = self.current.get(sentence.index - 1) if sentence.index > 0 else None
        current = self.current.get(sentence.index)
        # who is listed for 「会談には」 after a session was named sat in the meeting, not the session
        previous = previous.parent if previous is not None and previous.parent is not None else previous
        current = current.parent if current is not None and current.parent is not None else current
        sides = [m for m in sentence.mentions if m.label == "SIDE" and not sentence.quoted(m.start, m.end)]
        head_all = any(w in unquoted for w in lexicon.cues("head"))
        previous_rel: Optional[tuple[DomainMention, _Meeting]] = None
        cleft = _CLEFT.search(unquoted)
        if cleft is not None and self.held_cleft(sentence, cleft, refs, meetings_here, current or previous):
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
            if re.match(r"の(?:代理|名代)|に代わ", doc_text(doc)[m.end : m.end + 4]):
                continue  # 「A外相の代理で B副大臣が出席した」: A did not take part
            rel = self.relative_clause_meeting(sentence, span, current or previous)
            if rel is None and previous_rel is not None and doc_text(doc)[previous_rel[0].end : m.start] in ("と", "、", "や"):
                rel = previous_rel[1]
            previous_rel = (m, rel) if rel is not None else None
            if rel is not None:
                self.represent(person, rel, self.side_for(person, sides, m), sentence, "relative_clause", None)
                continue
            pred = _predicate(last)
            if pred is not None and pred.lemma_ in lexicon.cues("absent"):
                continue  # 「A外相が会議を欠席したため、B が代理で出席した」: A did not take part
            linear = self.next_predicate(sentence, span)
            # a relative clause (「ブリュッセルで開かれた会合」) is not what the person does
            direct = [p for p in (pred, linear) if p is not None and p.dep_ != "acl"]
            candidates = direct + [c for p in direct for c in _coordinated_heads(p)]
            participation = next((p for p in candidates if _takes_part(p)), None)
            speech = any(_lexical(p).lemma_ in lexicon.cues("speech") for p in direct)
            if participation is not None and not speech and self.held_clause(participation):
                if participation.lemma_ in lexicon.cues("talks") and not self.meeting_argument(sentence, participation, meetings_here):
                    continue  # one-off talks were handled with the meetings
                meeting = self.meeting_argument(sentence, participation, meetings_here)
                partnered = self.partnered_meeting(sentence, m, meetings_here)
                meeting = partnered or meeting
                held_here = [mt for mn, mt in meetings_here if mt.status == "held" and not _hosting(sentence, mn)]
                # 「首脳会談は少人数会合と拡大会合を合わせて…行われ、日本側からは A」: the meeting, not a session
                held_here = [mt for mt in held_here if mt.parent is None or mt.parent not in held_here] or held_here
                if meeting is None and held_here:
                    meeting = held_here[-1]  # 「…協議に出席し、BとCと議論した」
                attends = (
                    participation.lemma_ in lexicon.cues("attend") or _serves_as_head(participation)
                    or _serves_as_chair(participation) or _gathered(participation)
                )
                if meeting is None and any(key[0] == sentence.index for key in self.hearings):
                    continue  # 「国会…委員会の全体会議に出席し」: no diplomatic meeting here
                if meeting is None and attends and not self.other_day(sentence, current or previous):
                    # 「…側からは A が参加した」 after the sentence that reported the meeting
                    # (「29日には…慰霊式に出席した」 on another day is another event)
                    meeting = current or previous
                if meeting is None:
                    continue
                side_mention = self.side_mention(sides, m)
                side = side_mention.get("codes") if side_mention else person.country
                written_side = None if side_mention else _text_side(sentence, m.start)
                if written_side and person.country_source != "explicit":
                    side = written_side  # 「米国側は…が首席代表を務めた」
                if side_mention is None and not written_side and (not side or person.country_source in _WEAK_SOURCES):
                    side = self.eliminate(meeting, sentence, person) or side
                rule = "side_phrase" if side_mention or written_side else "participant_subject"
                head = True if head_all else None
                self.represent(person, meeting, side, sentence, rule, head)
                if partnered is None and "それぞれ" in unquoted:
                    # 「Aは、Bとの日中首脳会談、Cとの日韓首脳会談にそれぞれ臨んだ」: A at each
                    for other in self.meeting_arguments(sentence, participation, meetings_here):
                        self.represent(person, other, side, sentence, rule, head)
                continue
            # 「A はこの日の会議後、記者らに…」「A は協議後の記者会見で」: a delegate speaking
            # right after the meeting the article reports (the rule's confidence says so)
            after = _AFTER_MEETING.search(unquoted) or (
                _AFTER_ANY_MEETING.search(unquoted) and not any(x.label == "DATE" for x in sentence.mentions)
            )
            if current is not None and after and self.is_topic(doc, span):
                day = self.day.get(sentence.index)
                same_day = [mt for mt in self.meetings if mt.status == "held" and day and mt.date == day]
                # else the meeting the article reports delegates at, not a later history mention
                with_delegates = {r.meeting for r in self.representations.values()}
                attended = [mt for mt in self.meetings if mt.status == "held" and mt.key in with_delegates]
                meeting = same_day[-1] if same_day else (attended[-1] if attended else current)
                if person.title_kind in _DELEGATE_KINDS and person.country in meeting.countries:
                    self.represent(person, meeting, person.country, sentence, "remarks_after_meeting", None)

    def talks(self, sentence: _Sentence, pred, named: list[dict], running_date: Optional[str]) -> Optional[_Meeting]:
        """「AはBと会談した」: a one-off meeting between the people's countries."""
        doc = sentence.doc
        refs = []
        for ref in self.refs_in(sentence):
            span = doc.char_span(ref.mention.start, ref.mention.end, alignment_mode="expand")
            if span is None or span.end > pred.i:
                continue
            linear = self.next_predicate(sentence, span)
            if doc_text(doc)[ref.mention.end : ref.mention.end + 1] == "と" and (
                # (「約3時間にわたって」: a fixed phrase is no clause of its own)
                (linear is not None and linear.i != pred.i and linear.dep_ != "fixed" and not _in_relative_clause(linear))
                or self.meeting_clause_between(sentence, span.end, pred.i)
            ):
                continue  # 「Bと日米外相会談を行ったほか、Cとも会談した」: B is the partner of the first clause
            own = _predicate(span[-1])
            # 「【北京=共同】A外相は…Bと会談した」: the parser can leave the topic as a root of its
            # own with no verb; a topic marked は/が then belongs to the talks verb after it
            stranded = own.dep_ == "ROOT" and own.pos_ in ("NOUN", "PROPN") and doc_text(doc)[ref.mention.end : ref.mention.end + 1] in ("は", "が")
            if _reaches(own, pred) or (linear is not None and _reaches(linear, pred)) or stranded:
                if ref.person not in [r.person for r in refs]:
                    refs.append(ref)
        if len(refs) < 2:
            return None
        known = [r.person.country for r in refs if r.person.country and r.person.country_source not in _WEAK_SOURCES]
        visited = self.visited_country(sentence) or self.venue_country(sentence, pred, involved=self.involved_countries(sentence))
        sides: list[Optional[str]] = []
        for ref in refs:
            side = ref.person.country
            if (not side or ref.person.country_source in _WEAK_SOURCES) and visited and visited not in known and ref is not refs[0]:
                side = visited  # 「韓国を訪問し、…大統領と会談した」: the host
            sides.append(side)
        if any(side is None for side in sides) or len(set(sides)) < 2:
            return None
        countries = self.home_first(list(dict.fromkeys(sides)))
        also = any(doc_text(doc)[r.mention.end : r.mention.end + 2] == "とも" for r in refs)
        # 「Cとも会談した」: talks besides the meeting already reported, not a mention of it
        info = self.talks_forum(refs, countries, [] if also else named, pred)
        date = None
        dates = [
            m for m in sentence.mentions
            if m.label == "DATE" and m.end <= pred.idx and not sentence.quoted(m.start, m.end)
            and not _in_parentheses(doc_text(doc), m.start)
        ]
        if dates:
            anchor = next((explicit_year(m.text) for m in reversed(dates[:-1]) if explicit_year(m.text)), None)
            date = resolve(dates[-1].get("expression") or dates[-1].text, self.published, anchor_year=anchor or self.anchor_year(sentence))
        elif any(w in sentence.text for w in lexicon.cues("this_day")):
            date = running_date
        pseudo = DomainMention("MEETING", pred.idx, pred.idx + len(pred.text), pred.text)
        if len(refs) >= 3 and re.search(r"それぞれ|個別に|相次いで", doc_text(doc)[max(r.mention.end for r in refs) : pred.idx]):
            # 「AはB、Cとそれぞれ会談した」「B、CとAはそれぞれ」: one pair of talks per partner;
            # the subject is the one marked は/が
            topic = next((i for i, r in enumerate(refs) if doc_text(doc)[r.mention.end : r.mention.end + 1] in ("は", "が")), 0)
            subject, subject_side = refs[topic], sides[topic]
            meeting = None
            for ref, side in zip(refs, sides):
                if ref is subject or side == subject_side:
                    continue
                pair = self.home_first([subject_side, side])
                meeting = self.add_meeting(self.talks_forum([subject, ref], pair, [] if also else named, pred), None, date, "held", sentence, pseudo)
                self.represent(subject.person, meeting, subject_side, sentence, "talks_with", None)
                self.represent(ref.person, meeting, side, sentence, "talks_with", None)
            return meeting
        meeting = self.add_meeting(info, None, date, "held", sentence, pseudo)
        for ref, side in zip(refs, sides):
            self.represent(ref.person, meeting, side, sentence, "talks_with", None)
        return meeting

    def people_of_meeting(self, sentence: _Sentence, m: DomainMention) -> list[_PersonRef]:
        """「AとBの会談」「AとBによる会談」: people of ≥2 known countries listed right before a
        bare meeting word are its participants."""
        text = doc_text(sentence.doc)
        refs = [r for r in self.refs_in(sentence) if r.mention.end <= m.start]
        if not refs or text[refs[-1].mention.end : m.start] not in ("の", "による", "との間の", "間の"):
            return []
        listed = [refs[-1]]
        for ref in reversed(refs[:-1]):
            if not re.fullmatch(r"(?:と|、|や|及び)(?:[^、。とや]{1,8}の)?", text[ref.mention.end : listed[0].mention.start]):
                break  # 「AとBの」, 「Aと韓国のBの」
            listed.insert(0, ref)
        countries = [r.person.country for r in listed]
        if len(listed) < 2 or None in countries or len(set(countries)) < 2:
            return []
        return listed

    def meeting_clause_between(self, sentence: _Sentence, start: int, end: int) -> bool:
        """Whether a verb between token ``start`` and ``end`` has a meeting as its object
        (「…と日米外相会談を行ったほか」): what comes before belongs to that clause."""
        doc = sentence.doc
        meetings = [(m.start, m.end) for m in sentence.mentions if m.label == "MEETING"]
        for token in doc[start:end]:
            if token.pos_ != "VERB":
                continue
            for child in token.children:
                if child.dep_ == "obj" and any(s <= child.idx < e for s, e in meetings):
                    return True
        return False

    def talk_word(self, refs: list[_PersonRef]) -> str:
        """The word naming talks between these people, from their posts (talk_words.tsv):
        首脳会談, 外相会談, 防衛相会談 …; 会談 when the posts say nothing."""
        # people written without a post (「習氏と会談」 before any title) do not decide the word
        titled = [r for r in refs if _title_core(r.person.title)]
        # a role written before the name (「中国外交トップの」) may stand for the post
        titles = [(r.person.title or "", r.person.described or "") for r in titled]
        for suffix, meeting_word in lexicon.talk_words():
            if titles and all(any(t.endswith(x) for t in pair if t for x in suffix.split("|")) for pair in titles):
                # the outlet's own post names the talks: a Japanese paper's 防衛相 → 防衛相会談
                home = getattr(self, "home", None)
                own = next((_title_core(r.person.title) for r in titled if r.person.country == home), None)
                return own + "会談" if own and own + "会談" in lexicon.meeting_kinds() else meeting_word
        if titled and all(r.person.title_kind == "head" for r in titled):
            return "首脳会談"  # heads of state or government under any post (総統, 国務院総理)
        return "会談"

    def talks_forum(self, refs: list[_PersonRef], countries: list[str], named: list[dict], pred=None) -> dict:
        """The forum of one-off talks: a named meeting of the same countries in the article
        (「韓日国防相会談」), else countries + a word from the participants' titles, else the
        meeting noun the article uses (面会)."""
        word = self.talk_word(refs)
        if word == "会談" and pred is not None and pred.lemma_ in lexicon.cues("courtesy"):
            word = pred.lemma_  # 「…とも面会した」: a courtesy meeting, named as the article names it
        if pred is not None and pred.lemma_ in lexicon.cues("talks_as_written"):
            word = pred.lemma_  # 「AはBと立ち話をした」: the text's own word for the talks
        if pred is not None and pred.i > 0 and pred.lemma_ == "会談" and pred.doc[pred.i - 1].text in lexicon.cues("talk_medium"):
            word = pred.doc[pred.i - 1].text + word  # 「電話会談を行った」 → 日英外相電話会談
        # the article may name the talks itself (「韓日国防相会談が開かれるのは…」)
        word_kind = lexicon.meeting_kinds()[word].kind if word in lexicon.meeting_kinds() else "bilateral"
        kinds = {r.person.title_kind for r in refs if _title_core(r.person.title)}
        for info in named:
            fits = not (kinds - _TITLE_KINDS_AT.get(info["kind"], kinds))
            if set(info["countries"]) == set(countries) and info["kind"] in _TALK_KINDS and fits and (
                info["forum"].endswith(word) or info["kind"] == word_kind
            ):
                # (a prime minister's courtesy call is not the defence ministers' talks)
                return info
        abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
        if all(c in abbreviations for c in countries):
            forum = "".join(abbreviations[c] for c in countries) + word
        else:
            forum = "・".join(lexicon.country(c).label_ja for c in countries) + word
        kind = lexicon.meeting_kinds()[word].kind if word in lexicon.meeting_kinds() else "bilateral"
        return {
            "forum": forum,
            "acronym": None,
            "countries": countries,
            "kind": kind,
            "aliases": _other_orders(countries, word),
            "identity": "made:" + ",".join(sorted(countries)) + ":" + kind + ":" + _norm(forum),
        }

    def home_first(self, countries: list[str]) -> list[str]:
        """Papers name their own country first (日仏, 韓中): a made-up forum name does too."""
        home = getattr(self, "home", None)
        if home in countries:
            return [home] + [c for c in countries if c != home]
        return countries

    def involved_countries(self, sentence: _Sentence) -> set[str]:
        """Countries the article says take part: those of its named meetings and of the
        sentence's own country words (not a place name's)."""
        found = {c for m in self.meetings for c in m.countries}
        return found | self.country_words

    @cached_property
    def country_words(self) -> set[str]:
        """Countries of the article's country words that do not name a place (read once:
        sentences and their mentions are fixed, and talks ask per predicate)."""
        found: set[str] = set()
        for other in self.sentences:
            for m in other.mentions:
                # 「インドネシアの首都ジャカルタ」「韓国・ソウル」 name a place, not a party
                after = doc_text(other.doc)[m.end : m.end + 8]
                if m.label == "COUNTRY" and not re.match(r"の首都|の[^、。]{1,6}市|・", after):
                    found |= {c for c in (m.get("codes") or "").split(",") if c}
        return found

    def venue_country(self, sentence: _Sentence, pred, involved: Optional[set[str]] = None) -> Optional[str]:
        """The country of the で-place of the talks (ホワイトハウスで → US, ソウルで → KR); a
        city only when its country is one the article involves (an international conference
        in Jakarta does not make a partner Indonesian)."""
        doc = sentence.doc
        for token in doc[sentence.span.start : pred.i]:
            if token.text != "で" or token.dep_ != "case":
                continue
            head = token.head
            phrase = doc_text(doc)[head.left_edge.idx : head.idx + len(head.text)]
            for m in sentence.mentions:
                if m.label == "INSTITUTION" and m.start >= head.left_edge.idx and m.end <= head.idx + len(head.text):
                    code = m.get("country") or _institution_country(m.text)
                    if code:
                        return code
            for place, code in lexicon.places().items():
                if (phrase.endswith(place) or phrase.startswith(place + "の")) and (involved is None or code in involved):
                    return code
        return None

    def visited_country(self, sentence: _Sentence) -> Optional[str]:
        text = doc_text(sentence.doc)
        for m in sentence.mentions:
            if m.label == "COUNTRY" and re.match(r"を(?:訪問|訪れ|訪ね)", text[m.end : m.end + 4]):
                codes = (m.get("codes") or "").split(",")
                if len(codes) == 1:
                    return codes[0]
        return None

    def anchor_year(self, sentence: _Sentence) -> Optional[int]:
        for previous in reversed(self.sentences[max(0, sentence.index - 2) : sentence.index]):
            for m in reversed(previous.mentions):
                if m.label == "DATE" and explicit_year(m.text):
                    return explicit_year(m.text)
        return None

    def refs_in(self, sentence: _Sentence) -> list[_PersonRef]:
        if self._refs_by_sentence is None:  # grouped on first use (the refs are final by then), not filtered per call
            self._refs_by_sentence = {}
            for r in self._refs:
                self._refs_by_sentence.setdefault(id(r.sentence), []).append(r)
        return list(self._refs_by_sentence.get(id(sentence), ()))

    def held_clause(self, pred) -> bool:
        chain = _predicate_chain(pred)
        lemmas = {t.lemma_ for t in chain} | {t.text for t in chain}
        if lemmas & lexicon.cues("negation"):
            return False
        if pred.head.i != pred.i and pred.dep_ in ("acl", "nmod", "compound"):
            lemmas.add(pred.head.lemma_)
        if lemmas & lexicon.cues("planned"):
            return False
        return _is_past(pred)

    def meeting_argument(self, sentence: _Sentence, pred, meetings_here) -> Optional[_Meeting]:
        """The meeting that is an argument of ``pred`` (会議に参加, 会談を開き, 会議で…);
        of several, the one written closest before the predicate."""
        doc = sentence.doc
        found = None
        for m, meeting in meetings_here:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or meeting.status != "held" or _hosting(sentence, m):
                continue  # 「…会議が開かれていたジャカルタで」 says where, it is no argument
            linear = self.linear_predicate(sentence, span)
            if _predicate(span[-1]).i == pred.i or (span.end <= pred.i and linear is not None and linear.i == pred.i):
                if span.end <= pred.i or found is None:
                    found = meeting
        return found

    def meeting_arguments(self, sentence: _Sentence, pred, meetings_here) -> list[_Meeting]:
        """Every held meeting that is an argument of ``pred`` (a coordinated list of them)."""
        doc = sentence.doc
        found: list[_Meeting] = []
        for m, meeting in meetings_here:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or meeting.status != "held" or span.end > pred.i or meeting in found or _hosting(sentence, m):
                continue
            linear = self.linear_predicate(sentence, span)
            if _predicate(span[-1]).i == pred.i or (linear is not None and linear.i == pred.i):
                found.append(meeting)
        return found

    def partnered_meeting(self, sentence: _Sentence, m: DomainMention, meetings_here) -> Optional[_Meeting]:
        """「李首相との日中首脳会談」: the partner's meeting is the one written right after 「との」."""
        text = doc_text(sentence.doc)
        if text[m.end : m.end + 2] != "との":
            return None
        for mention, meeting in meetings_here:
            if mention.start - (m.end + 2) in (0, 1) and meeting.status == "held":
                return meeting
        return None

    def held_cleft(self, sentence: _Sentence, cleft, refs: list[_PersonRef], meetings_here, focus: Optional[_Meeting]) -> bool:
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
            written = _text_side(sentence, ref.mention.start)
            side = written if written and ref.person.country_source != "explicit" else ref.person.country
            self.represent(ref.person, meeting, side, sentence, "side_phrase" if written else "participant_subject", None)
        return True

    @staticmethod
    def linear_predicate(sentence: _Sentence, span: Span):
        doc = sentence.doc
        for token in doc[span.end : sentence.span.end]:
            if _in_relative_clause(token):
                continue  # a relative clause modifies a noun further on
            if token.pos_ == "VERB" or (token.pos_ == "NOUN" and token.i + 1 < len(doc) and doc[token.i + 1].lemma_ == "する"):
                return token
        return None

    def relative_clause_meeting(self, sentence: _Sentence, span: Span, focus: Optional[_Meeting] = None) -> Optional[_Meeting]:
        doc = sentence.doc
        if span.start == 0:
            return None
        prev = doc[span.start - 1]
        if prev.text == "の" and span.start >= 3 and doc[span.start - 2].text in lexicon.country_forms():
            prev = doc[span.start - 3]  # 「…に臨む韓国のA大統領」: the person's own country before の
        captioned = prev.pos_ == "VERB" and CAPTION_DATELINE.search(doc_text(doc)[span.end_char : sentence.span.end_char])
        if prev.lemma_ not in ("た", "だ") and not captioned:
            return None  # 「…首脳会談を行うA大統領…=2日、ソウル」: a dated caption says it happened
        verb = prev if captioned else prev.head
        if not _takes_part(verb):
            return None
        if _serves_as_chair(verb) and not self.sentence_meetings(sentence) and focus is not None:
            return focus  # 「議長を務めた A は…」 after the sentence that reported the meeting
        for m, meeting in self.sentence_meetings(sentence):
            mspan = doc.char_span(m.start, m.end, alignment_mode="expand")
            if mspan is not None and mspan.end <= verb.i and _predicate(mspan[-1]).i == verb.i:
                if meeting.status != "held":
                    meeting.status = "held"  # 「会議に参加した」 reports it as held
                return meeting
        return None

    def next_predicate(self, sentence: _Sentence, span: Span):
        """The first predicate after the person's bunsetu, outside quoted speech and outside
        other recognised names (an unknown name can be mis-tagged as a verb)."""
        doc = sentence.doc
        end_token = span[-1]
        following = doc[end_token.i + 1] if end_token.i + 1 < len(doc) else None
        if following is None or following.text not in ("は", "が", "も", "と", "、", "ら"):
            return None
        covered = [
            (m.start, m.end) for m in sentence.mentions
            if m.label in ("PERSON", "INSTITUTION", "SIDE") or (m.label == "MEETING" and not m.get("generic"))
        ]
        for token in doc[end_token.i + 1 : sentence.span.end]:
            if sentence.quoted(token.idx, token.idx + 1):
                return None
            if any(s <= token.idx < e for s, e in covered) or _in_relative_clause(token):
                continue  # other names; a relative clause modifies a noun further on
                # (「…会議が開かれているパリで」: the hosting conference is where, not what)
            if token.pos_ == "VERB" or (token.pos_ == "NOUN" and token.i + 1 < len(doc) and doc[token.i + 1].lemma_ == "する"):
                return token
        return None

    @staticmethod
    def side_mention(sides: list[DomainMention], m: DomainMention) -> Optional[DomainMention]:
        before = [s for s in sides if s.end <= m.start]
        return before[-1] if before else None

    def side_for(self, person: _Person, sides, m) -> Optional[str]:
        side = self.side_mention(sides, m)
        return side.get("codes") if side else person.country

    @staticmethod
    def is_topic(doc: Doc, span: Span) -> bool:
        return span.end < len(doc) and doc[span.end].text in ("は", "が", "も")

    def home_country(self) -> Optional[str]:
        """The country an outlet writes from, read off its country pairs: Japanese papers
        write 日米/日韓, Korean ones 韓米/韓日. Unmarked officials belong to it. A government
        publisher (its web domain, ``publishers.tsv``) speaks for its own government."""
        publisher = lexicon.publisher_country(self.article.url, self.article.source)
        if publisher:
            return publisher
        counts: dict[str, int] = {}
        for sentence in self.sentences:
            for m in sentence.mentions:
                codes = (m.get("codes") or "").split(",") if m.label == "COUNTRY" else []
                if len(codes) >= 2 and codes[0] in _HOME_CANDIDATES and not sentence.quoted(m.start, m.end):
                    counts[codes[0]] = counts.get(codes[0], 0) + 1
        if not counts:
            return None
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    def run(self) -> DocumentFacts:
        year = int(self.published[:4]) if self.published and self.published[:4].isdigit() else None
        people, refs = _collect_people(self.sentences, self.doc_id, year)
        self._refs = refs
        home = self.home = self.home_country()
        for person in people:
            if (
                home and person.official and not person.former and not person.country
                and (home != "JP" or not _looks_foreign_in_japanese(person))
            ):
                # Japanese papers write Japanese names in kanji, so a katakana name is foreign
                _set_country(person, home, "home")
        self.collect_meetings()
        self.date_from_publication()
        self.collect_representations(refs)
        institutions = self.collect_institutions(people)
        return DocumentFacts(
            article=self.article,
            people=tuple(self.person_record(p) for p in people),
            institutions=tuple(institutions),
            meetings=tuple(self.meeting_record(m) for m in self.meetings),
            representations=tuple(
                sorted(self.representations.values(), key=lambda r: (int(r.meeting[1:]), int(r.person[1:]), r.side))
            ),
        )

    def collect_institutions(self, people: list[_Person]) -> list[InstitutionMention]:
        found: dict[str, InstitutionMention] = {}
        for sentence in self.sentences:
            for m in sentence.mentions:
                if m.label != "INSTITUTION" or sentence.quoted(m.start, m.end):
                    continue
                name = m.text
                entry = lexicon.institutions().get(name)
                country = m.get("country") or _institution_country(name)
                kind = m.get("kind") or (entry.kind if entry else None)
                ev = sentence.evidence(self.doc_id)
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

    def person_record(self, p: _Person) -> PersonMention:
        official = p.official and not p.former
        confidence = 1.0 if p.country_source in ("explicit", "side", "institution") else (0.8 if p.country_source == "context" else 0.6)
        return PersonMention(
            key=p.key,
            name=p.name,
            aliases=tuple(a for a in p.aliases if a != p.name),
            short_forms=tuple(s for s in p.short_forms if s != p.name),
            title=p.title,
            institution=p.institution,
            country=p.country,
            is_official=official,
            evidence=tuple(p.evidence),
            confidence=confidence,
        )

    @staticmethod
    def meeting_record(m: _Meeting) -> MeetingMention:
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
        )


def extract_facts(article: Article, docs: list[Doc]) -> DocumentFacts:
    """People, institutions, meetings and representations of one article.

    ``docs[i]`` is the parse of ``article.body[i]`` (by ``kg.nlp.parse_blocks``); every
    evidence offset points into ``article.text``.
    """
    if len(docs) != len(article.body):
        from kg.errors import PipelineError

        raise PipelineError(
            f"{article.path}: got {len(docs)} parsed blocks for {len(article.body)} body spans; "
            "pass one Doc per body span (kg.nlp.parse_blocks(nlp, [text for _, text in article.body_blocks()]))",
            code="E210",
        )
    return _Extraction(article, docs).run()
