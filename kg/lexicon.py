"""Domain lexicons loaded from ``kg/data/`` (countries, titles, institutions, forums).

The data files are the single place where domain vocabulary lives; code asks here.
"""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from kg.errors import PipelineError
from kg.records import Country

DATA_FILES = (
    "countries.tsv",
    "countries_iso.tsv",
    "country_compound_forms.tsv",
    "titles.tsv",
    "title_modifiers.tsv",
    "title_prefixes.tsv",
    "non_person_words.tsv",
    "institutions.tsv",
    "institution_suffixes.tsv",
    "institution_stopwords.tsv",
    "forums.tsv",
    "meeting_kinds.tsv",
    "cues.tsv",
    "side_labels.tsv",
    "talk_words.tsv",
    "places.tsv",
    "publishers.tsv",
    "surnames.tsv",
    "post_grammar.tsv",
    "officials_reference.tsv",
    "constructions.tsv",
)


@lru_cache(maxsize=None)
def _text(name: str) -> str:
    """The text of one lexicon file, read from disk once per process (several tables share a
    file, and extraction asks for tables per sentence and per token)."""
    return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    rows = csv.reader(_text(name).splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [row for row in rows if row and row[0] and not row[0].startswith("#")]


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if len(row) > i else ""


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split(",") if x.strip())


@lru_cache(maxsize=None)
def data_hash() -> str:
    """A short hash of every lexicon file (part of ``kg.nlp.PIPELINE_VERSION``)."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(name.encode())
        digest.update(_text(name).encode("utf-8"))
    return digest.hexdigest()[:12]


# ---------------------------------------------------------------- countries


@lru_cache(maxsize=None)
def countries() -> dict[str, Country]:
    """All known countries and international organisations, by code."""
    # the hand-kept list first: its labels (韓国, not 大韓民国) win over the ISO list's
    out: dict[str, Country] = {}
    for name in ("countries.tsv", "countries_iso.tsv"):
        for r in _rows(name):
            out.setdefault(r[0], Country(code=r[0], label_ja=r[1], label_en=r[2]))
    return out


@lru_cache(maxsize=None)
def country_forms() -> dict[str, str]:
    """Surface form (韓国, 韓, アメリカ, 米, ...) → country code."""
    forms: dict[str, str] = {}
    for name in ("countries.tsv", "countries_iso.tsv"):
        for r in _rows(name):
            for form in r[3].split(","):
                forms.setdefault(form.strip(), r[0])
    return forms


@lru_cache(maxsize=None)
def country_forms_longest_first() -> tuple[tuple[str, str], ...]:
    """(form, code) of every country form, longest first (the longest match wins)."""
    return tuple(sorted(country_forms().items(), key=lambda kv: (-len(kv[0]), kv[0])))


def country_form_ending(text: str, min_len: int = 1) -> tuple[str, str] | None:
    """(form, code) of the longest country form ``text`` ends with (「米国側」 → no, 「…米国」 → 米国)."""
    return next(((f, c) for f, c in country_forms_longest_first() if len(f) >= min_len and text.endswith(f)), None)


def country(code: str) -> Country:
    """The Country record for ``code``; unknown codes get the code as their labels."""
    return countries().get(code) or Country(code=code, label_ja=code, label_en=code)


@lru_cache(maxsize=None)
def country_abbreviations() -> dict[str, str]:
    """One-character country forms (韓, 米, 日, 朝 ...) → code, for combinations like 日米韓."""
    return {form: code for form, code in country_forms().items() if len(form) == 1}


@lru_cache(maxsize=None)
def country_compound_forms() -> dict[str, str]:
    """One-kanji country forms written only in a run of them (蘭 in 日蘭, 伯 in 日伯) → code
    (``country_compound_forms.tsv``); never a country on their own."""
    forms = country_forms()
    return {r[1].strip(): r[0] for r in _rows("country_compound_forms.tsv") if len(r) > 1 and r[1].strip() not in forms}


def split_country_combination(text: str) -> tuple[str, ...] | None:
    """The codes of a run of one-character country forms (「日米韓」 → JP, US, KR; 「日蘭」 → JP,
    NL: a compound-only form counts beside a form that stands alone), else None."""
    abbreviations = country_abbreviations()
    compound = country_compound_forms()
    text = text.replace("・", "")
    if len(text) < 2 or any(ch not in abbreviations and ch not in compound for ch in text):
        return None
    if not any(ch in abbreviations for ch in text):
        return None
    codes = tuple(abbreviations.get(ch) or compound[ch] for ch in text)
    return codes if len(set(codes)) == len(codes) else None


def has_compound_form(text: str) -> bool:
    """Whether ``text`` holds a compound-only country form (「日蘭」)."""
    return any(ch in country_compound_forms() for ch in text)


# ---------------------------------------------------------------- titles


@dataclass(frozen=True)
class TitleEntry:
    """A title core from ``titles.tsv``."""

    word: str
    kind: str
    official: bool
    country: str | None = None  # 国家主席 → CN: the title alone names the country


@lru_cache(maxsize=None)
def titles() -> dict[str, TitleEntry]:
    """Title cores (大統領, 次官, 室長 ...) → entry; a shortened post (統幕長, `post_grammar.tsv`)
    is a title with the entry of the post it stands for (its longest known ending)."""
    found = {
        r[0]: TitleEntry(word=r[0], kind=_cell(r, 1), official=_cell(r, 2) == "1", country=_cell(r, 3) or None)
        for r in _rows("titles.tsv")
    }
    for short, full in post_grammar().abbreviations.items():
        entry = next((found[full[i:]] for i in range(len(full)) if full[i:] in found), None)
        if entry is not None and short not in found:
            found[short] = TitleEntry(word=short, kind=entry.kind, official=entry.official, country=entry.country)
    return found


@dataclass(frozen=True)
class PostGrammar:
    """The grammar of posts (``post_grammar.tsv``): [modifier]* HEAD."""

    abbreviations: dict[str, str]  # 統幕長 → 統合幕僚長
    modifiers: frozenset[str]  # アジア大洋州, 北米 …: region/bureau words inside a post
    portfolio: tuple[str, ...]  # 担当: closes a portfolio (a country before it is not the holder's)
    heads: dict[str, str]  # 代表 → diplomat: the kind a head noun gives after a modifier
    party: tuple[str, ...]  # 党: a party word before a head keeps the head's own kind
    head_of: dict[str, str]  # 長 → senior: the head of the body written right before it
    head_of_suffixes: tuple[str, ...]  # 院, 局 …: a body's last character that may open 〜長 (院長)
    head_of_units: tuple[str, ...]  # 課: a unit whose 〜長 stands only after the unit's full name
    ranks: tuple[str, ...] = ()  # 陸将, 大将 …: a military rank written between a post and a name
    services: tuple[str, ...] = ()  # 海軍, 空軍 …: a service written before a rank (海軍大将)
    stations: tuple[str, ...] = ()  # 駐: the country after it is where the post is held (駐ブラジル大使)


@lru_cache(maxsize=None)
def post_grammar() -> PostGrammar:
    rows = _rows("post_grammar.tsv")
    of = lambda cls: [r for r in rows if r[0] == cls]  # noqa: E731
    return PostGrammar(
        abbreviations={_cell(r, 1): _cell(r, 2) for r in of("abbreviation")},
        modifiers=frozenset(_cell(r, 1) for r in of("modifier")),
        portfolio=tuple(_cell(r, 1) for r in of("portfolio")),
        heads={_cell(r, 1): _cell(r, 2) for r in of("head")},
        party=tuple(_cell(r, 1) for r in of("party")),
        head_of={_cell(r, 1): _cell(r, 2) for r in of("head_of")},
        head_of_suffixes=tuple(_cell(r, 1) for r in of("head_of_suffix")),
        head_of_units=tuple(_cell(r, 1) for r in of("head_of_unit")),
        ranks=tuple(sorted((_cell(r, 1) for r in of("rank")), key=len, reverse=True)),
        services=tuple(sorted((_cell(r, 1) for r in of("service")), key=len, reverse=True)),
        stations=tuple(_cell(r, 1) for r in of("station")),
    )


@lru_cache(maxsize=None)
def title_modifiers() -> dict[str, str]:
    """Words that may follow a title core (代理, 候補 ...) → effect."""
    return {r[0]: _cell(r, 1) for r in _rows("title_modifiers.tsv")}


@lru_cache(maxsize=None)
def title_prefixes() -> dict[str, str]:
    """Words before a title saying the post is no longer held (前, 元 ...) → meaning."""
    return {r[0]: _cell(r, 1) for r in _rows("title_prefixes.tsv")}


@lru_cache(maxsize=None)
def non_person_words() -> frozenset[str]:
    """Words that stand where a name would, but are not names (両国, 政府 ...)."""
    return frozenset(r[0] for r in _rows("non_person_words.tsv"))


# ---------------------------------------------------------------- institutions


@dataclass(frozen=True)
class InstitutionEntry:
    name: str
    country: str | None
    kind: str | None
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def institutions() -> dict[str, InstitutionEntry]:
    """Known institution names and aliases → entry (the first listing of a name wins)."""
    table: dict[str, InstitutionEntry] = {}
    for r in _rows("institutions.tsv"):
        entry = InstitutionEntry(
            name=r[0], country=_cell(r, 1) or None, kind=_cell(r, 2) or None, aliases=_split(_cell(r, 3))
        )
        for form in (entry.name, *entry.aliases):
            table.setdefault(form, entry)
    return table


@lru_cache(maxsize=None)
def institution_suffixes() -> dict[str, str]:
    """Institution suffixes (省, 部, 司令部 ...) → kind."""
    return {r[0]: _cell(r, 1) for r in _rows("institution_suffixes.tsv")}


@lru_cache(maxsize=None)
def institution_stopwords() -> frozenset[str]:
    """Compounds ending in an institution suffix that are not institutions (一部, 与党 ...)."""
    return frozenset(r[0] for r in _rows("institution_stopwords.tsv"))


# ---------------------------------------------------------------- forums and meetings


@dataclass(frozen=True)
class ForumEntry:
    name: str
    acronym: str | None
    countries: tuple[str, ...]
    kind: str | None
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def forums() -> dict[str, ForumEntry]:
    """Known forum names, spellings and acronyms → entry."""
    table: dict[str, ForumEntry] = {}
    for r in _rows("forums.tsv"):
        entry = ForumEntry(
            name=r[0],
            acronym=_cell(r, 1) or None,
            countries=_split(_cell(r, 2)),
            kind=_cell(r, 3) or None,
            aliases=_split(_cell(r, 4)),
        )
        for form in (entry.name, *entry.aliases):
            table.setdefault(form, entry)
        if entry.acronym:
            table.setdefault(entry.acronym, entry)
    return table


@dataclass(frozen=True)
class MeetingKind:
    word: str
    kind: str
    needs_qualifier: bool


@lru_cache(maxsize=None)
def meeting_kinds() -> dict[str, MeetingKind]:
    """Words that end a meeting phrase (首脳会談, 2プラス2, 会議 ...) → kind."""
    return {
        r[0]: MeetingKind(word=r[0], kind=_cell(r, 1), needs_qualifier=_cell(r, 2) == "1")
        for r in _rows("meeting_kinds.tsv")
    }


@lru_cache(maxsize=None)
def meeting_words_longest_first() -> tuple[str, ...]:
    """The words of ``meeting_kinds``, longest first (file order among equals): the first that
    ends a phrase is the phrase's meeting word."""
    return tuple(sorted(meeting_kinds(), key=len, reverse=True))


@lru_cache(maxsize=None)
def all_cue_words() -> frozenset[str]:
    """Every word of ``cues.tsv``, whatever its category."""
    return frozenset(r[1] for r in _rows("cues.tsv") if len(r) > 1)


@lru_cache(maxsize=None)
def cues(category: str) -> frozenset[str]:
    """Cue words of one category in ``cues.tsv`` (participation, held, planned, briefing ...);
    read once per process (extraction asks per sentence and per token)."""
    return frozenset(r[1] for r in _rows("cues.tsv") if r[0] == category and len(r) > 1)


@lru_cache(maxsize=None)
def side_labels() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(side kind, heads, endings) of every row of ``side_labels.tsv``: the forms of a side label
    (「日本側から」「先方より」「我が方:」); ``{country}`` in a head stands for any country form."""
    return tuple(
        (r[0], tuple(h for h in _cell(r, 1).split("|") if h), tuple(_cell(r, 2).split("|")))
        for r in _rows("side_labels.tsv")
    )


# ---------------------------------------------------------------- constructions (patterns as data)


@dataclass(frozen=True)
class Construction:
    """One row of ``constructions.tsv``: a word set, a regular expression or a token pattern
    (read by kg.extract.token_patterns) a rule reads, with a made-up example it must match
    (checked by tests/test_lexicon_constructions.py)."""

    name: str
    kind: str  # words | regex | tokens
    value: str  # words joined by |, or the regular expression
    example: str

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w for w in self.value.split("|") if w)


@lru_cache(maxsize=None)
def constructions() -> dict[str, Construction]:
    """Every row of ``constructions.tsv`` by name (read once per process)."""
    table: dict[str, Construction] = {}
    for r in _rows("constructions.tsv"):
        # a regex keeps its spaces; only the tab separates columns
        table[r[0]] = Construction(r[0], _cell(r, 1), r[2] if len(r) > 2 else "", _cell(r, 3))
    return table


@lru_cache(maxsize=None)
def construction_words(name: str) -> tuple[str, ...]:
    """The words of construction ``name`` (``kind`` words), in file order."""
    return constructions()[name].words


@lru_cache(maxsize=None)
def construction_regex(name: str) -> str:
    """The regular expression of construction ``name`` as written (to be composed into a larger one)."""
    return constructions()[name].value


@lru_cache(maxsize=None)
def construction_pattern(name: str) -> re.Pattern:
    """The compiled regular expression of construction ``name``."""
    return re.compile(construction_regex(name))


# ---------------------------------------------------------------- forum name comparison (resolve)


@lru_cache(maxsize=None)
def forum_name_variants() -> tuple[tuple[str, str], ...]:
    """(spelling, canonical spelling) pairs unified when forum names are compared (拡張抑止 → 拡大抑止)."""
    return tuple((r[1], r[2]) for r in _rows("forum_name_variants.tsv") if r[0] == "variant" and len(r) > 2)


@lru_cache(maxsize=None)
def forum_generic_suffixes() -> tuple[str, ...]:
    """Generic endings of forum names (協議体, 会議 ...), longest first; one is dropped when comparing."""
    suffixes = {r[1] for r in _rows("forum_name_variants.tsv") if r[0] == "suffix" and len(r) > 1}
    return tuple(sorted(suffixes, key=lambda s: (-len(s), s)))


# ---------------------------------------------------------------- web-page furniture (ingest)


@lru_cache(maxsize=None)
def furniture_terms() -> dict[str, tuple[str, ...]]:
    """Web-furniture words by kind (end, box, line, credit, html) from ``furniture.tsv``, longest first."""
    terms: dict[str, set[str]] = {}
    for r in _rows("furniture.tsv"):
        if len(r) > 1 and r[1].strip():
            terms.setdefault(r[0], set()).add(r[1].strip())
    return {kind: tuple(sorted(words, key=lambda w: (-len(w), w))) for kind, words in terms.items()}


@lru_cache(maxsize=None)
def talk_words() -> tuple[tuple[str, str], ...]:
    """(title endings joined by |, meeting word) for naming one-off talks, in file order."""
    return tuple((r[0], _cell(r, 1)) for r in _rows("talk_words.tsv"))


@lru_cache(maxsize=None)
def post_variants() -> dict[str, str]:
    """variant → canonical post (``post_variants.tsv``: 外務大臣, 外相 and 国務長官 are one post)."""
    return {r[0].strip(): _cell(r, 1) for r in _rows("post_variants.tsv") if _cell(r, 1)}


@lru_cache(maxsize=None)
def publisher_country(url: str | None, source: str | None) -> str | None:
    """The government a publisher speaks for (``publishers.tsv``): the URL's host, else a
    domain written in the source (「外務省 (mofa.go.jp)」), else a publisher's name in it."""
    hosts = []
    if url:
        try:
            hosts.append((urlsplit(url).hostname or "").lower())
        except ValueError:
            pass
    hosts += [h.lower() for h in re.findall(r"[A-Za-z0-9.-]+\.[A-Za-z]{2,}", source or "")]
    rows = sorted(_rows("publishers.tsv"), key=lambda r: -len(r[0]))
    domains = [r for r in rows if re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", r[0])]
    for host in hosts:
        for r in domains:
            if host == r[0] or host.endswith("." + r[0]):
                return _cell(r, 1) or None
    for r in rows:
        if r not in domains and r[0] in (source or ""):
            return _cell(r, 1) or None
    return None


@lru_cache(maxsize=None)
def places() -> dict[str, str]:
    """Capitals and seats of government (ワシントン, ソウル, 平壌 ...) → country code."""
    return {r[0]: _cell(r, 1) for r in _rows("places.tsv")}


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    """One-character family names common in Korean and Chinese news (金, 李, 朴, 王 ...)."""
    return frozenset(ch for r in _rows("surnames.tsv") for ch in r[0] if not ch.isspace())


# ---------------------------------------------------------------- reference officials (gazetteer)

# Characters that differ between spellings of one name (キム・ジョンウン, ジャンイブ＝ルドリアン).
_NAME_SEPARATORS = str.maketrans("", "", " \u3000・･=＝")


@dataclass(frozen=True)
class KnownOfficial:
    """A person from ``officials_reference.tsv``: reference data, never an extraction result."""

    qid: str | None
    name_ja: str
    aliases: tuple[str, ...]
    country: str
    posts: tuple[tuple[str, int, int | None], ...]  # (post_ja, start year, end year or None)

    def posts_in(self, year: int) -> tuple[str, ...]:
        """The posts held at some time during ``year`` (an open end counts as still held)."""
        return tuple(p for p, start, end in self.posts if start <= year and (end is None or year <= end))


def official_name_key(name: str) -> str:
    """The form two spellings of a name share: NFKC, casefolded, without spaces and ・･=＝."""
    return unicodedata.normalize("NFKC", name).translate(_NAME_SEPARATORS).casefold()


def _official_posts(cell: str, line: str) -> tuple[tuple[str, int, int | None], ...]:
    posts = []
    for item in (x.strip() for x in cell.split(";") if x.strip()):
        post, _, years = item.rpartition(":")
        start, _, end = years.partition("-")
        if not post or not start.isdigit() or (end and not end.isdigit()):
            raise PipelineError(
                f"officials_reference.tsv: post {item!r} of {line!r} is not post_ja:start-end "
                f"(e.g. 外相:2013-2017, or 外相:2023- while held); fix the row",
                code="E220",
            )
        posts.append((post, int(start), int(end) if end else None))
    return tuple(posts)


@lru_cache(maxsize=None)
def known_officials() -> tuple[KnownOfficial, ...]:
    """Every person in the reference list, in file order."""
    return tuple(
        KnownOfficial(
            qid=_cell(r, 0) or None,
            name_ja=_cell(r, 1),
            aliases=_split(_cell(r, 2)),
            country=_cell(r, 3),
            posts=_official_posts(_cell(r, 4), _cell(r, 1)),
        )
        for r in _official_rows()
    )


def _official_rows() -> list[list[str]]:
    # Unlike the other tables the first column (QID) may be empty, so rows are kept by their name.
    lines = [line for line in _text("officials_reference.tsv").splitlines() if line.strip() and not line.startswith("#")]
    return [row for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE) if _cell(row, 1)]


@lru_cache(maxsize=None)
def _officials_by_key() -> dict[str, tuple[KnownOfficial, ...]]:
    table: dict[str, list[KnownOfficial]] = {}
    for official in known_officials():
        for form in dict.fromkeys(official_name_key(f) for f in (official.name_ja, *official.aliases)):
            table.setdefault(form, []).append(official)
    return {key: tuple(found) for key, found in table.items()}


def lookup_official(name: str) -> list[KnownOfficial]:
    """Reference officials written ``name`` in any listed spelling; several when it is ambiguous."""
    key = official_name_key(name)
    return list(_officials_by_key().get(key, ())) if key else []



def _is_full_spelling(form: str) -> bool:
    """A spelling that names one person rather than a family: not a lone katakana/latin surname
    (ウォン, Kim), which is also an ordinary word or a common name."""
    if any(sep in form for sep in " \u3000・･=＝"):
        return True
    return not (all("\u30A0" <= ch <= "\u30FF" for ch in form) or form.isascii())


def lookup_official_full_name(name: str) -> list[KnownOfficial]:
    """Reference officials for whom ``name`` is a full spelling (陳明, チェン・ミン, ジョン・スミス);
    a surname-only alias (ポンペオ) gives nothing, so a hit can mark an untitled word as a person."""
    key = official_name_key(name)
    return [
        o for o in lookup_official(name)
        if any(official_name_key(f) == key and (f == o.name_ja or _is_full_spelling(f)) for f in (o.name_ja, *o.aliases))
    ]


# ---------------------------------------------------------------- measured confidence of constructions


@dataclass(frozen=True)
class RuleMeasure:
    """One construction's row of ``rule_confidence.tsv`` (generated, never edited by hand)."""

    rule: str
    confidence: float  # (TP + 1) / (TP + FP + 2) on the development corpora
    true_positives: int
    false_positives: int
    duplicates: int
    recall: float  # share of the required gold facts it finds


RULE_CONFIDENCE_FILE = "rule_confidence.tsv"


@lru_cache(maxsize=None)
def rule_confidence() -> dict[str, RuleMeasure]:
    """The measured precision of each extraction construction (``kgo:rule``), written by
    ``scripts/measure_rule_confidence.py``. Not in ``DATA_FILES``: it changes facts, not
    parses (the facts cache key hashes every file of the package)."""
    return {
        r[0]: RuleMeasure(r[0], float(r[1]), int(r[2]), int(r[3]), int(r[4]), float(r[5]))
        for r in _rows(RULE_CONFIDENCE_FILE)
        if r[0] != "rule"  # the column header
    }
