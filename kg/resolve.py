"""Corpus-wide entity resolution: per-article facts → one record per real-world entity.

``resolve(facts)`` merges the people, institutions, forums and meetings that several
articles (or several mentions) report, and gives every entity a readable slug derived
from its canonical name, never from run order: the output is sorted by slug and does not
depend on the order of ``facts``. The rules (and why they keep IRIs stable when an article
is added) are documented in ``docs/resolution.md``.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Hashable, Iterable, Optional

from kg import lexicon
from kg.errors import BuildError
from kg.linkage import (
    PersonRecord,
    UnionFind,
    canonical_post,
    fold_name,
    is_ideographic,
    link_people,
    name_parts,
    normalise_name,
)
from kg.rdf import meeting_label
from kg.sessions import cluster_sessions, dates_agree, find_parents
from kg.records import (
    Document,
    DocumentFacts,
    Evidence,
    Forum,
    Institution,
    Meeting,
    MeetingMention,
    Person,
    PersonMention,
    Representation,
    RepresentationFact,
    ResolvedGraph,
)

# ---------------------------------------------------------------- normalisation

_NAME_SEPARATORS = re.compile(r"[\s・･=＝·‧]+")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_SLUG_UNSAFE = re.compile(r"[^\w.\-]+")
# The rest of a date or ordinal cut off a forum name: 「(2018)年拡大ASEAN国防相会議」.
_DATE_REMNANTS = ("年", "回")
_STATUS_RANK = {"held": 0, "planned": 1, "mentioned": 2}


def name_tokens(text: str) -> tuple[str, ...]:
    """The parts of a written name split at spaces and separators (``A・B`` → ``(A, B)``)."""
    return tuple(t for t in _NAME_SEPARATORS.split(unicodedata.normalize("NFKC", text)) if t)


def display_form(text: str) -> str:
    """A spelling as shown in labels: NFKC, runs of spaces collapsed, ends stripped."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def slugify(text: str) -> str:
    """A readable IRI-safe slug: normalised name, unsafe characters as ``-``, ASCII lower-case."""
    slug = _SLUG_UNSAFE.sub("-", normalise_name(text)).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)
    return slug.lower() or "x"


def _script_rank(text: str) -> int:
    """0 for spellings with kanji, 1 for kana, 2 for anything else (Latin)."""
    if _IDEOGRAPH.search(text):
        return 0
    if _KANA.search(text):
        return 1
    return 2


# ---------------------------------------------------------------- small helpers


def session_date(members: list[MentionId], meetings: dict[MentionId, MeetingMention]) -> Optional[str]:
    """The date of one session from its reports: the most precise form (day over month over
    year); among days that differ (reports a day apart were joined: time zones, a report dated
    by its publication), the one the most articles give, then the earliest (the day where it
    was held, before the day it was reported in another time zone)."""
    articles: dict[str, set] = defaultdict(set)
    for mid in members:
        if meetings[mid].date:
            articles[meetings[mid].date].add(mid[0])
    if not articles:
        return None
    precision = max(len(d) for d in articles)
    return min((d for d in articles if len(d) == precision), key=lambda d: (-len(articles[d]), d))


def _most_common(values: Iterable[Optional[str]]) -> Optional[str]:
    """Most frequent non-empty value; ties go to the smallest, so the choice is order-free."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _evidence_union(groups: Iterable[Iterable[Evidence]]) -> tuple[Evidence, ...]:
    unique = {ev for group in groups for ev in group}
    return tuple(sorted(unique, key=lambda e: (e.doc_id, e.start, e.end, e.sentence)))


def _noisy_or(confidences: Iterable[float]) -> float:
    """Combined confidence of independent reports of one fact (1 − Π(1 − c))."""
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - max(0.0, min(1.0, c))
    return round(1.0 - miss, 6)


def _unique_slugs(entries: list[tuple[str, tuple]]) -> list[str]:
    """Make base slugs unique: within a clash, the entry with the smallest content key keeps
    the base slug and the others get ``-2``, ``-3`` … in that order."""
    by_base: dict[str, list[int]] = defaultdict(list)
    for i, (base, _) in enumerate(entries):
        by_base[base].append(i)
    taken = set(by_base)
    result = [base for base, _ in entries]
    for base, indices in sorted(by_base.items()):
        if len(indices) < 2:
            continue
        ordered = sorted(indices, key=lambda i: entries[i][1])
        n = 2
        for i in ordered[1:]:
            while f"{base}-{n}" in taken:
                n += 1
            result[i] = f"{base}-{n}"
            taken.add(result[i])
    return result


MentionId = tuple[str, str]  # (doc_id, mention key)


# ---------------------------------------------------------------- people


def _person_records(
    people: dict[MentionId, PersonMention], doc_years: dict[str, Optional[int]]
) -> list[PersonRecord]:
    records = []
    for mid, p in sorted(people.items()):
        post, former = canonical_post(p.title)
        spellings = tuple(s for s in (p.name, *p.aliases) if normalise_name(s))
        records.append(PersonRecord(mid, mid[0], spellings, tuple(p.short_forms), post, former, p.country, doc_years.get(mid[0])))
    return records


def _person_label(spellings: list[str], bare: set[str]) -> str:
    """The canonical spelling: a full (not bare) one, kanji before kana before Latin, then
    the smallest normalised form (the trade-off is explained in docs/resolution.md)."""
    candidates = [s for s in spellings if fold_name(s) not in bare] or spellings
    return min(candidates, key=lambda s: (_script_rank(s), normalise_name(s), s))


def _resolve_people(
    people: dict[MentionId, PersonMention], sides_taken: dict[MentionId, Counter], doc_years: dict[str, Optional[int]],
    map_components=None,
) -> list[tuple[str, list[MentionId], str, list[str], Optional[str], Optional[str]]]:
    """(slug, members, label, spellings, country, wikidata id) for every real-world person.

    Mentions are linked by ``kg.linkage.link_people``. A person linked to a row of the
    reference list takes its name as label and its Wikidata id. Country: the
    confidence-weighted majority of the mentions' countries; when no mention gives one, the
    reference row's, else the side the person represented (a delegate serves the side it
    speaks for).
    """
    records = _person_records(people, doc_years)
    groups, official_of = link_people(records, map_components)
    bare = {fold_name(s) for r in records for s in r.spellings if len(name_parts(s)) == 1 and not is_ideographic(fold_name(s))}
    bare |= {fold_name(s) for p in people.values() for s in p.short_forms}
    entries = []
    for members in groups:
        mentions = [people[m] for m in members]
        official = official_of.get(members[0])
        spellings = sorted({display_form(s) for p in mentions for s in (p.name, *p.aliases) if normalise_name(s)})
        if official:
            label = official.name_ja
            spellings = sorted(set(spellings) | {label})
        else:
            label = _person_label(spellings, bare) if spellings else members[0][1]
        weights: Counter = Counter()
        for p in mentions:
            if p.country:
                weights[p.country] += p.confidence
        if not weights and official:
            weights[official.country] += 1.0
        if not weights:
            for m in members:
                weights.update(sides_taken.get(m, {}))
        country = min(weights, key=lambda c: (-weights[c], c)) if weights else None
        entries.append((members, label, spellings, country, official.qid if official else None))
    slugs = _unique_slugs([(slugify(label), (country or "", tuple(sp), tuple(m))) for m, label, sp, country, _ in entries])
    return [(slug, *entry) for slug, entry in zip(slugs, entries)]


def _document_years(facts: list[DocumentFacts]) -> dict[str, Optional[int]]:
    """The year of each article: its publication date, else the most frequent year of the
    meetings it dates (an article with neither has none)."""
    years: dict[str, Optional[int]] = {}
    for f in facts:
        published = f.article.published
        if published and published[:4].isdigit():
            years[f.article.doc_id] = int(published[:4])
            continue
        year = _most_common(m.date[:4] for m in f.meetings if m.date and m.date[:4].isdigit())
        years[f.article.doc_id] = int(year) if year else None
    return years


# ---------------------------------------------------------------- institutions


@dataclass(frozen=True)
class _InstitutionOccurrence:
    """An institution name met in the facts: as an entity, an employer, or a delegation."""

    spelling: str  # display form as written
    country: Optional[str]
    kind: Optional[str] = None
    evidence: tuple[Evidence, ...] = ()
    aliases: tuple[str, ...] = ()


class _InstitutionKeys:
    """(country, canonical name) of institution spellings.

    A lexicon alias maps to its entry when the countries agree (ペンタゴン → 国防総省 for US);
    a country prefix (米国防総省, 韓国外交部) is read off when the rest is a name known from
    the corpus or the lexicon, and must agree with the country given.
    """

    def __init__(self, known_names: Iterable[str]):
        self.entries: dict[str, list[lexicon.InstitutionEntry]] = defaultdict(list)
        for form, entry in sorted(lexicon.institutions().items()):
            for name in (entry.name, *entry.aliases):
                if normalise_name(name) == normalise_name(form) and entry not in self.entries[normalise_name(form)]:
                    self.entries[normalise_name(form)].append(entry)
        self.known = {normalise_name(n) for n in known_names} | set(self.entries)
        self.display_names = {normalise_name(e.name): [e.name] for es in self.entries.values() for e in es}
        self.prefixes = sorted(lexicon.country_forms().items())
        self.memo: dict[tuple[str, Optional[str]], tuple[Optional[str], str]] = {}

    def entry(self, name: str, country: Optional[str]) -> Optional[lexicon.InstitutionEntry]:
        """The lexicon entry a normalised name stands for in ``country``, if any."""
        entries = [e for e in self.entries.get(name, ()) if not (country and e.country and e.country != country)]
        if len(entries) > 1:  # a canonical name beats an alias of another entry
            entries = [e for e in entries if normalise_name(e.name) == name] or entries[:1]
        return entries[0] if entries else None

    def _lexicon(self, name: str, country: Optional[str]) -> Optional[tuple[Optional[str], str]]:
        entry = self.entry(name, country)
        return ((country or entry.country), normalise_name(entry.name)) if entry else None

    def key(self, spelling: str, country: Optional[str]) -> tuple[Optional[str], str]:
        """(country, canonical name) of a spelling written for ``country`` (memoised: every
        person and representation looks its institution up)."""
        found = self.memo.get((spelling, country))
        if found is None:
            found = self.memo[(spelling, country)] = self._key(spelling, country)
        return found

    def _key(self, spelling: str, country: Optional[str]) -> tuple[Optional[str], str]:
        name = normalise_name(spelling)
        found = self._lexicon(name, country)
        if found:
            return found
        splits = [
            (code, name[len(form):])
            for form, code in self.prefixes
            if name.startswith(form) and name[len(form):] in self.known and not (country and code != country)
        ]
        if splits:
            code, rest = max(splits, key=lambda s: (len(s[1]), s[1], s[0]))
            return self._lexicon(rest, code) or (code, rest)
        return country, name


def _resolve_institutions(
    occurrences: list[_InstitutionOccurrence],
) -> tuple[list[Institution], Callable[[Optional[str], Optional[str]], Optional[str]]]:
    """One record per (country, canonical name); also a lookup (spelling, country) → slug."""
    keys = _InstitutionKeys(o.spelling for o in occurrences)
    grouped: dict[tuple[Optional[str], str], list[_InstitutionOccurrence]] = defaultdict(list)
    for occ in occurrences:
        grouped[keys.key(occ.spelling, occ.country)].append(occ)
    # A name seen without a country joins the one country that has it, if only one does.
    countries_of: dict[str, set[str]] = defaultdict(set)
    for country, name in grouped:
        if country:
            countries_of[name].add(country)
    redirect = {}
    for country, name in sorted(grouped, key=lambda k: (k[0] or "", k[1])):
        if country is None and len(countries_of[name]) == 1:
            target = (next(iter(countries_of[name])), name)
            grouped[target].extend(grouped.pop((None, name)))
            redirect[(None, name)] = target

    entries = []
    for (country, name), occs in sorted(grouped.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        spellings = sorted({o.spelling for o in occs} | {a for o in occs for a in o.aliases})
        # Label: the canonical name (as written, else as the lexicon writes it), else the shortest.
        candidates = spellings + keys.display_names.get(name, [])
        label = min(candidates, key=lambda s: (normalise_name(s) != name, len(s), s))
        base = f"{slugify(country)}-{slugify(name)}" if country else slugify(name)
        entries.append(((country, name), base, label, spellings, occs))
    slugs = _unique_slugs([(base, (key[0] or "", key[1])) for key, base, *_ in entries])
    slug_of = {}
    institutions = []
    for slug, (key, _, label, spellings, occs) in zip(slugs, entries):
        slug_of[key] = slug
        institutions.append(
            Institution(
                slug=slug,
                label=label,
                aliases=tuple(s for s in spellings if s != label),
                country=key[0],
                kind=_most_common(o.kind for o in occs) or getattr(keys.entry(key[1], key[0]), "kind", None),
                evidence=_evidence_union(o.evidence for o in occs),
            )
        )

    def lookup(spelling: Optional[str], country: Optional[str]) -> Optional[str]:
        if not spelling or not normalise_name(spelling):
            return None
        key = keys.key(spelling, country)
        return slug_of.get(redirect.get(key, key)) or slug_of.get(keys.key(spelling, None))

    return institutions, lookup


def _institution_occurrences(facts: list[DocumentFacts], person_country: dict[MentionId, Optional[str]]) -> list[_InstitutionOccurrence]:
    occurrences = []
    for f in facts:
        doc = f.article.doc_id
        for inst in f.institutions:
            if normalise_name(inst.name):
                aliases = tuple(display_form(a) for a in inst.aliases if normalise_name(a))
                occurrences.append(_InstitutionOccurrence(display_form(inst.name), inst.country, inst.kind, inst.evidence, aliases))
        for p in f.people:
            if p.institution and normalise_name(p.institution):
                occurrences.append(_InstitutionOccurrence(display_form(p.institution), person_country[(doc, p.key)]))
        for r in f.representations:
            if r.institution and normalise_name(r.institution):
                occurrences.append(_InstitutionOccurrence(display_form(r.institution), r.side))
    return occurrences


# ---------------------------------------------------------------- forums


@lru_cache(maxsize=None)
def forum_key(name: str) -> tuple[Optional[frozenset[str]], str]:
    """(countries named in the prefix, core name) of a forum spelling.

    Spelling variants are unified (``forum_name_variants.tsv``), an order-free country
    prefix becomes a set, and one generic suffix is dropped: 「韓米首脳会談」 and
    「米韓首脳会議」 both give ``({KR, US}, 首脳)``.
    """
    text = normalise_name(name)
    for variant, canonical in lexicon.forum_name_variants():
        text = text.replace(normalise_name(variant), normalise_name(canonical))
    codes, rest = _country_prefix(text)
    for suffix in lexicon.forum_generic_suffixes():
        if rest.endswith(suffix) and len(rest) > len(suffix):
            rest = rest[: -len(suffix)]
            break
    return (frozenset(codes) if codes else None), rest


def _country_prefix(text: str) -> tuple[list[str], str]:
    """(codes, rest) of the country prefix of a forum name.

    A run of two or more one-character forms (日米韓, 米比) is read first and ends at the
    first character that is not one, so 「日米韓国防相会談」 is 日米韓 + 国防相会談, not
    日米 + 韓国 + 防相会談; otherwise full country names (NATO, 米国, フィリピン) are read.
    A lone one-character form is no prefix: it too often begins an ordinary word (中東).
    Of several readings of full names the one that reads the longest prefix wins:
    「日本国際連合会談」 is 日本 + 国際連合, not 日本国 + 際連合.
    """
    singles = lexicon.country_abbreviations()
    run: list[str] = []
    for ch in text[:-1]:
        if ch not in singles or singles[ch] in run:
            break
        run.append(singles[ch])
    if len(run) >= 2:
        return run, text[len(run):]
    if run and not _is_kanji(text[1]):
        # 「日カンボジア防衛相会談」, 「日ASEAN首脳会議」: a one-character form before a full name
        # written in kana or Latin letters (a kanji after it may begin a word: 中東)
        codes, length = _longest_country_names(text[1:])
        if codes and run[0] not in codes:
            return [run[0], *codes], text[1 + length:]
    codes, length = _longest_country_names(text)
    return list(codes), text[length:]


def _is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "々〆"


@lru_cache(maxsize=1 << 14)
def _longest_country_names(text: str) -> tuple[tuple[str, ...], int]:
    """(codes, characters read) of the reading of full country names at the start of ``text``
    that reads the most characters (ties: the longer first name), leaving at least one."""
    best: tuple[tuple[str, ...], int] = ((), 0)
    for form, code in _full_country_names():
        if text.startswith(form) and len(text) > len(form):
            codes, length = _longest_country_names(text[len(form):])
            if len(form) + length > best[1]:
                best = ((code, *codes), len(form) + length)
    return best


@lru_cache(maxsize=1)
def _full_country_names() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((f, c) for f, c in lexicon.country_forms().items() if len(f) > 1), key=lambda fc: (-len(fc[0]), fc[0])))


class _ForumLexicon:
    """Finds the ``forums.tsv`` entry a spelling or acronym names, if any."""

    def __init__(self):
        self.by_form: dict[str, lexicon.ForumEntry] = {}
        self.by_core: dict[str, list[tuple[frozenset, lexicon.ForumEntry]]] = defaultdict(list)
        for form, entry in sorted(lexicon.forums().items()):
            self.by_form.setdefault(normalise_name(form).upper(), entry)
            countries, core = forum_key(form)
            item = (countries or frozenset(entry.countries), entry)
            if item not in self.by_core[core]:
                self.by_core[core].append(item)

    def entry(self, spelling: str, key: tuple[Optional[frozenset[str]], str]) -> Optional[lexicon.ForumEntry]:
        """The entry of ``spelling``: by exact form, else by its name ``key`` with matching countries."""
        found = self.by_form.get(normalise_name(spelling).upper())
        if found:
            return found
        countries, core = key
        options = {e.name: e for c, e in self.by_core.get(core, ()) if countries is None or c == countries}
        return next(iter(options.values())) if len(options) == 1 else None

    def acronym_of(self, mention: MeetingMention) -> Optional[str]:
        """The mention's acronym as the name of its forum: none when the name is the acronym and
        a meeting word of another kind than the acronym's forum (「G7外相会合」: the foreign
        ministers of the G7 meet, which is not the G7 summit)."""
        acronym = _normalise_acronym(mention.acronym)
        name = normalise_name(mention.forum)
        if not acronym or not name.upper().startswith(acronym) or acronym not in self.by_form:
            return acronym
        word = lexicon.meeting_kinds().get(name[len(acronym):])
        return None if word is not None and word.kind != self.by_form[acronym].kind else acronym

    def own_names(self, mention: MeetingMention) -> MeetingMention:
        """``mention`` without the other spellings that name a meeting of another kind (their
        ``forums.tsv`` entry's, else their meeting word's) and not of its parties, when its own
        name is a series of its own (a country prefix, no ``forums.tsv`` entry): talks
        「日本・国際連合会談」 under a topic heading 「G7広島サミット」 are held on the summit's
        occasion, not a session of the summit (a kind of their own, parties of their own)."""
        if not mention.forum_aliases or not mention.kind:
            return mention
        own = _forum_key_of(mention.forum, mention)
        if own[0] is None or self.entry(mention.forum, own):
            return mention

        def other_kind(alias: str) -> bool:
            key = _forum_key_of(alias, mention)
            if not normalise_name(alias) or key[0] == own[0]:
                return False  # the same parties (「日韓2プラス2」 of 「日韓外交安保対話」): the same series
            entry = self.entry(alias, key)
            kind = entry.kind if entry else _meeting_word_kind(alias)
            return kind is not None and kind != mention.kind

        kept = tuple(a for a in mention.forum_aliases if not other_kind(a))
        return mention if len(kept) == len(mention.forum_aliases) else replace(mention, forum_aliases=kept)

    def entries_of(self, mention: MeetingMention) -> list[lexicon.ForumEntry]:
        """The entries a meeting mention's forum spellings or acronym name, by name."""
        found = {}
        for spelling in (mention.forum, *mention.forum_aliases):
            if normalise_name(spelling):
                entry = self.entry(spelling, _forum_key_of(spelling, mention))
                if entry:
                    found[entry.name] = entry
        acronym = self.acronym_of(mention)
        if acronym and acronym in self.by_form:
            found.setdefault(self.by_form[acronym].name, self.by_form[acronym])
        return [found[name] for name in sorted(found)]


@lru_cache(maxsize=None)
def _generic_meeting_words() -> frozenset[str]:
    """Meeting words that name no forum without countries before them (首脳会談, 外相会合)."""
    return frozenset(normalise_name(w) for w, kind in lexicon.meeting_kinds().items() if kind.needs_qualifier)


def _meeting_word_kind(name: str) -> Optional[str]:
    """The kind of the meeting word ``name`` ends with (「…サミット」: summit), or None."""
    folded = normalise_name(name)
    word = next((w for w in lexicon.meeting_words_longest_first() if folded.endswith(normalise_name(w))), None)
    return lexicon.meeting_kinds()[word].kind if word else None


def _forum_key_of(spelling: str, mention: MeetingMention) -> tuple[Optional[frozenset[str]], str]:
    """``forum_key``, with the participants standing in for the missing country prefix of
    a bare meeting word: 「首脳会談」 of KR and US is the KR–US summit series."""
    countries, core = forum_key(spelling)
    if countries is None and mention.countries and normalise_name(spelling) in _generic_meeting_words():
        countries = frozenset(mention.countries)
    return countries, core


def _normalise_acronym(acronym: Optional[str]) -> Optional[str]:
    return (normalise_name(acronym).upper() or None) if acronym else None


def _cluster_forums(meetings: dict[MentionId, MeetingMention], known: _ForumLexicon) -> list[list[MentionId]]:
    """Group meeting mentions by forum: lexicon entry, acronym, or name key."""
    uf = UnionFind(meetings)
    owner: dict[Hashable, MentionId] = {}

    def link(key: Hashable, mid: MentionId) -> None:
        uf.union(owner.setdefault(key, mid), mid)

    keys: dict[MentionId, list] = {}
    for mid in sorted(meetings):
        m = meetings[mid]
        spellings = [s for s in (m.forum, *m.forum_aliases) if normalise_name(s)]
        keys[mid] = sorted({_forum_key_of(s, m) for s in spellings}, key=lambda k: (sorted(k[0] or ()), k[1]))
        acronym = known.acronym_of(m)
        for entry in known.entries_of(m):
            link(("lexicon", entry.name), mid)
        if acronym:
            link(("acronym", acronym), mid)
        for countries, core in keys[mid]:
            if countries is not None:
                link(("name", countries, core), mid)
    # A name that begins with the rest of a date or ordinal (年拡大ASEAN国防相) is the forum
    # of the same name without it, when the corpus has that forum.
    cores = {core for ks in keys.values() for _, core in ks}
    for mid in sorted(meetings):
        for countries, core in keys[mid]:
            if core[:1] in _DATE_REMNANTS and core[1:] in cores:
                keys[mid] = sorted(set(keys[mid]) - {(countries, core)} | {(countries, core[1:])},
                                   key=lambda k: (sorted(k[0] or ()), k[1]))
                if countries is not None:
                    link(("name", countries, core[1:]), mid)
    # A spelling without a country prefix joins the only prefixed forum with that core, or
    # the one whose countries are the meeting's participants; otherwise it groups by core.
    prefixed: dict[str, set[frozenset]] = defaultdict(set)
    for ks in keys.values():
        for countries, core in ks:
            if countries is not None:
                prefixed[core].add(countries)
    for mid in sorted(meetings):
        for countries, core in keys[mid]:
            if countries is not None:
                continue
            options = prefixed.get(core, set())
            if len(options) > 1:
                options = {o for o in options if o == frozenset(meetings[mid].countries)}
            link(("name", next(iter(options)) if len(options) == 1 else None, core), mid)
    return uf.groups()


def _resolve_forums(meetings: dict[MentionId, MeetingMention], sides: dict[MentionId, set[str]]) -> tuple[list[Forum], dict[MentionId, str]]:
    """The forums of all meeting mentions, and the forum slug of each mention."""
    known = _ForumLexicon()
    entries = []
    for members in _cluster_forums(meetings, known):
        mentions = [meetings[m] for m in members]
        spellings_seen = [s for m in mentions for s in (m.forum, *m.forum_aliases) if normalise_name(s)]
        lexicon_entries = sorted({e.name: e for m in mentions for e in known.entries_of(m)}.values(), key=lambda e: e.name)
        acronyms = Counter(a for a in (known.acronym_of(m) for m in mentions) if a)
        entry = lexicon_entries[0] if lexicon_entries else None
        names = Counter(display_form(m.forum) for m in mentions if normalise_name(m.forum))
        if entry:
            label = entry.name
            acronym = entry.acronym or (min(acronyms, key=lambda a: (-acronyms[a], a)) if acronyms else None)
        else:
            label = min(names, key=lambda n: (-names[n], -len(n), n)) if names else min(acronyms)
            acronym = min(acronyms, key=lambda a: (-acronyms[a], a)) if acronyms else None
        keys = {_forum_key_of(s, m) for m in mentions for s in (m.forum, *m.forum_aliases) if normalise_name(s)}
        if acronym:
            base = slugify(acronym)
        else:  # the name key with countries, if any, else the smallest
            countries, core = min(keys, key=lambda k: (k[0] is None, sorted(k[0] or ()), k[1]))
            base = slugify("-".join(sorted(countries)) + "-" + core if countries else core)
        spellings = sorted({display_form(s) for s in spellings_seen} - {label})
        members_countries = {c for k in keys for c in (k[0] or ())} | set(entry.countries if entry else ())
        members_countries |= {c for m in mentions for c in m.countries} | {c for mid in members for c in sides[mid]}
        kind = (entry.kind if entry else None) or _most_common(m.kind for m in mentions)
        entries.append((members, base, Forum("", label, tuple(spellings), acronym, kind, tuple(sorted(members_countries)))))
    slugs = _unique_slugs([(base, (forum.label, tuple(members))) for members, base, forum in entries])
    forums, forum_of = [], {}
    for slug, (members, _, forum) in zip(slugs, entries):
        forums.append(replace(forum, slug=slug))
        forum_of.update((m, slug) for m in members)
    return forums, forum_of


# ---------------------------------------------------------------- meetings


def _meeting_record(
    mentions: list[MeetingMention], members: list[MentionId], forum: str, label: str, sides: dict[MentionId, set[str]], **fields
) -> Meeting:
    """The fields a session takes from all its reports."""
    participants = {c for m in mentions for c in m.countries} | {c for mid in members for c in sides[mid]}
    return Meeting(
        slug="",
        forum=forum,
        label=label,
        place=_most_common(display_form(m.place) for m in mentions if m.place),
        participants=tuple(sorted(participants)),
        status=min((m.status for m in mentions), key=lambda s: (_STATUS_RANK.get(s, len(_STATUS_RANK)), s)),
        evidence=_evidence_union(m.evidence for m in mentions),
        confidence=max(m.confidence for m in mentions),
        **fields,
    )


def _resolve_meetings(
    meetings: dict[MentionId, MeetingMention],
    forum_of: dict[MentionId, str],
    forum_label: dict[str, str],
    sides: dict[MentionId, set[str]],
    published: dict[str, Optional[str]],
    attendees: dict[MentionId, frozenset[str]],
    map_sessions=None,
) -> tuple[list[Meeting], dict[MentionId, str]]:
    """One record per session; slug ``{forum}-{ordinal}``, else ``{forum}-{date}``, else
    ``{forum}-{document}``."""
    entries = []
    for members in cluster_sessions(meetings, forum_of, published, attendees, map_sessions):
        mentions = [meetings[m] for m in members]
        forum = forum_of[members[0]]
        ordinal = min((m.ordinal for m in mentions if m.ordinal is not None), default=None)
        date = session_date(members, meetings)
        if ordinal is not None:
            base = f"{forum}-{ordinal}"
        elif date:
            base = f"{forum}-{date}"
        else:
            base = f"{forum}-{slugify(members[0][0])}"
        label = meeting_label(forum_label[forum], ordinal, date)
        entries.append((members, base, _meeting_record(mentions, members, forum, label, sides, ordinal=ordinal, date=date)))
    slugs = _unique_slugs([(base, (m.date or "", tuple(members))) for members, base, m in entries])
    resolved, slug_of = [], {}
    for slug, (members, _, meeting) in zip(slugs, entries):
        resolved.append(replace(meeting, slug=slug))
        slug_of.update((m, slug) for m in members)
    return resolved, slug_of


def _dated_by_parts(meetings: dict[MentionId, MeetingMention], parts: dict[MentionId, tuple[MentionId, str]]) -> dict[MentionId, MeetingMention]:
    """A meeting its article does not date takes the month of its dated parts when they agree
    (「Gサミットのアウトリーチ会合では…」 in a report of that month: the summit met that month)."""
    months: dict[MentionId, set[str]] = defaultdict(set)
    for mid, (parent, _) in parts.items():
        if meetings[mid].date and len(meetings[mid].date) >= 7 and not meetings[parent].date:
            months[parent].add(meetings[mid].date[:7])
    dated = {parent: replace(meetings[parent], date=next(iter(found))) for parent, found in months.items() if len(found) == 1}
    return {**meetings, **dated} if dated else meetings


def _resolve_parts(
    parts: dict[MentionId, tuple[MentionId, str]],
    meetings: dict[MentionId, MeetingMention],
    sessions: dict[str, Meeting],
    session_of: dict[MentionId, str],
    sides: dict[MentionId, set[str]],
) -> tuple[list[Meeting], dict[MentionId, str]]:
    """One record per part of a session (its 拡大会合, its outreach session): the reports of
    one part word of one resolved session; slug ``{session}-{part}``, kgo:partOf the session."""
    grouped: dict[tuple[str, str], list[MentionId]] = defaultdict(list)
    for mid, (parent, word) in sorted(parts.items()):
        grouped[(session_of[parent], word)].append(mid)
    resolved, slug_of = [], {}
    for (parent, word), members in sorted(grouped.items()):
        mentions = [meetings[m] for m in members]
        session = sessions[parent]
        date = session_date(members, meetings) or session.date
        label = _most_common(display_form(m.forum) for m in mentions) or word
        slug = f"{parent}-{slugify(word)}"
        record = _meeting_record(mentions, members, session.forum, label, sides, date=date, part_of=parent, part=word)
        resolved.append(replace(record, slug=slug))
        slug_of.update((m, slug) for m in members)
    return resolved, slug_of


# ---------------------------------------------------------------- resolve


def _check_facts(facts: list[DocumentFacts]) -> None:
    seen: dict[str, str] = {}
    for f in facts:
        doc = f.article.doc_id
        if doc in seen:
            raise BuildError(
                f"two articles have the document id {doc!r} ({seen[doc]!r} and {f.article.path!r}); "
                "document ids are file stems and must be unique: rename one of the files",
                code="E560",
            )
        seen[doc] = f.article.path
        people = {p.key for p in f.people}
        meetings = {m.key for m in f.meetings}
        for r in f.representations:
            if r.person not in people or r.meeting not in meetings:
                raise BuildError(
                    f"document {doc!r}: a representation refers to person {r.person!r} and meeting "
                    f"{r.meeting!r}, but the document's facts have persons {sorted(people)} and meetings "
                    f"{sorted(meetings)}; the extractor must emit every person and meeting a representation uses",
                    code="E561",
                )


def resolve(facts: list[DocumentFacts], map_components=None, map_sessions=None, slugs: Optional[dict] = None) -> ResolvedGraph:
    """Merge per-article facts into one record per real-world entity, sorted by slug.

    ``map_components`` runs person linkage per component of blocking keys elsewhere, and
    ``map_sessions`` session clustering per forum (``kg.scale.components_on(client)`` and
    ``kg.scale.sessions_on(client)``: on a Dask cluster); the result is the same.

    ``slugs``, when given, is filled with the record each mention went into:
    ``"people"``, ``"meetings"`` ((doc_id, key) → slug), ``"institutions"`` ((doc_id, key)
    of an institution mention → slug) and ``"representations"`` ((person slug, meeting
    slug, side) → slug): ``kg.scale.resolve_parts`` resolves facts without their evidence
    and joins the evidence to the records on the workers with these."""
    facts = sorted(facts, key=lambda f: f.article.doc_id)
    _check_facts(facts)
    people = {(f.article.doc_id, p.key): p for f in facts for p in f.people}
    known_forums = _ForumLexicon()
    meetings = {(f.article.doc_id, m.key): known_forums.own_names(m) for f in facts for m in f.meetings}
    reps = [(f.article.doc_id, r) for f in facts for r in f.representations]
    sides: dict[MentionId, set[str]] = defaultdict(set)
    sides_taken: dict[MentionId, Counter] = defaultdict(Counter)
    for doc, r in reps:
        sides[(doc, r.meeting)].add(r.side)
        sides_taken[(doc, r.person)][r.side] += r.confidence

    person_entries = _resolve_people(people, sides_taken, _document_years(facts), map_components)
    person_slug_of = {m: slug for slug, members, *_ in person_entries for m in members}
    person_country = {m: country for _, members, _, _, country, _ in person_entries for m in members}
    institutions, institution_slug = _resolve_institutions(_institution_occurrences(facts, person_country))
    if slugs is not None:
        slugs["people"] = person_slug_of
        slugs["institutions"] = {(f.article.doc_id, i.key): institution_slug(display_form(i.name), i.country)
                                 for f in facts for i in f.institutions if normalise_name(i.name)}
    resolved_people = []
    for slug, members, label, spellings, country, wikidata in person_entries:
        mentions = [people[m] for m in members]
        employers = {institution_slug(p.institution, country) for p in mentions}
        resolved_people.append(
            Person(
                slug=slug,
                label=label,
                aliases=tuple(s for s in spellings if s != label),
                titles=tuple(sorted({display_form(p.title) for p in mentions if p.title})),
                institutions=tuple(sorted(s for s in employers if s)),
                country=country,
                # an Official serves a government: with no country the evidence allows, the
                # person stays a Person (titles kept), never an Official the shapes reject
                is_official=any(p.is_official for p in mentions) and country is not None,
                wikidata=wikidata,
                evidence=_evidence_union(p.evidence for p in mentions),
                confidence=max(p.confidence for p in mentions),
            )
        )
    # what only the people needed, released before the sessions are built (the build
    # process's peak is the sum of what is alive at once: docs/performance.md)
    del person_entries, person_country, sides_taken, people

    parts = find_parents(meetings)
    meetings = _dated_by_parts(meetings, parts)
    sessions_reported = {mid: m for mid, m in meetings.items() if mid not in parts}
    forums, forum_of = _resolve_forums(sessions_reported, sides)
    # who a meeting mention brings along as evidence of its identity: the people it names as
    # representing a side, and every person of its article when the article reports one meeting
    attendees: dict[MentionId, set[str]] = defaultdict(set)
    for doc, r in reps:
        attendees[(doc, r.meeting)].add(person_slug_of[(doc, r.person)])
    for f in facts:
        if len(f.meetings) == 1:
            attendees[(f.article.doc_id, f.meetings[0].key)] |= {person_slug_of[(f.article.doc_id, p.key)] for p in f.people}
    published = {f.article.doc_id: f.article.published for f in facts}
    resolved_meetings, meeting_slug_of = _resolve_meetings(
        sessions_reported, forum_of, {f.slug: f.label for f in forums}, sides, published,
        {mid: frozenset(people) for mid, people in attendees.items()}, map_sessions,
    )
    part_meetings, part_slug_of = _resolve_parts(
        parts, meetings, {m.slug: m for m in resolved_meetings}, meeting_slug_of, sides
    )
    resolved_meetings += part_meetings
    meeting_slug_of.update(part_slug_of)
    if slugs is not None:
        slugs["meetings"] = meeting_slug_of
    del meetings, sides, attendees, published, sessions_reported, parts, forum_of, part_meetings, part_slug_of

    grouped: dict[tuple[str, str, str], list[RepresentationFact]] = defaultdict(list)
    for doc, r in reps:
        grouped[(person_slug_of[(doc, r.person)], meeting_slug_of[(doc, r.meeting)], r.side)].append(r)
    del reps, person_slug_of, meeting_slug_of
    representations = []
    rep_slugs = _unique_slugs([(f"{m}-{p}-{slugify(side)}", (m, p, side)) for p, m, side in sorted(grouped)])
    if slugs is not None:
        slugs["representations"] = dict(zip(sorted(grouped), rep_slugs))
    for rep_slug, ((person, meeting, side), rs) in zip(rep_slugs, sorted(grouped.items())):
        heads = {r.head_of_delegation for r in rs if r.head_of_delegation is not None}
        representations.append(
            Representation(
                slug=rep_slug,
                person=person,
                meeting=meeting,
                side=side,
                title=_most_common(display_form(r.title) for r in rs if r.title),
                institution=_most_common(institution_slug(r.institution, side) for r in rs),
                head_of_delegation=(True in heads) if heads else None,
                evidence=_evidence_union(r.evidence for r in rs),
                confidence=_noisy_or(r.confidence for r in rs),
                rules=tuple(sorted({r.rule for r in rs if r.rule})),
            )
        )
    del grouped

    codes = {r.side for r in representations} | {p.country for p in resolved_people if p.country}
    codes |= {i.country for i in institutions if i.country} | {c for f in forums for c in f.member_countries}
    codes |= {c for m in resolved_meetings for c in m.participants}
    documents = tuple(
        Document(a.doc_id, a.title, a.published, a.url, a.source, a.path, a.sha256, a.metadata)
        for a in (f.article for f in facts)
    )

    def by_slug(records):
        return tuple(sorted(records, key=lambda x: x.slug))

    return ResolvedGraph(
        documents=documents,
        countries=tuple(lexicon.country(c) for c in sorted(codes)),
        people=by_slug(resolved_people),
        institutions=by_slug(institutions),
        forums=by_slug(forums),
        meetings=by_slug(resolved_meetings),
        representations=by_slug(representations),
    )
