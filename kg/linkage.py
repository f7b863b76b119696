"""Record linkage of person mentions across articles: blocking, comparison, clustering.

``link_people(records)`` groups person mentions of the whole corpus into real people the
way record-linkage systems (Splink, dedupe) do, in plain Python:

- **blocking**: a mention is only compared with mentions that share a key, its folded
  family name (katakana spelling variants folded: ヴ/ブ, ー, ・/=, ベイ/ベー, ク/グ);
- **comparison**: full name against full name or surname, the post and its years, the
  country, the reference list of officials (``kg/data/officials_reference.tsv``);
- **constrained clustering**: two people of one article with different posts are two, two
  different reference officials are two, a surname never absorbs a longer different name
  (山 is not 山田一郎 when 山田 is a surname of the corpus), a bare surname joins a person
  only when exactly one candidate agrees on post and country; inside one article a bare
  surname is the article's one full-named person of that surname unless their posts are of
  different kinds (coreference: the writer names a person in full once, then by surname).

Pure functions of their input: the result does not depend on the order of the records.
The rules are documented in ``docs/resolution.md`` (People).
"""
from __future__ import annotations

import gc
import re
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Hashable, Iterable, Optional

from kg import lexicon

_NAME_SEPARATORS = re.compile(r"[\s・･=＝·‧]+")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
_INITIAL = re.compile(r"[A-Za-z]{1,2}\.?")
_SURNAME_FIRST = re.compile(r"[、,，]")
_KANA_VARIANTS = (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴュ", "ビュ"), ("ヴ", "ブ"))
# A long vowel written as a second vowel (ベイカー = ベーカー, オウ = オー) is folded like ー.
_E_ROW_THEN_I = re.compile("([エケセテネヘメレゲゼデベペェ])イ")
_O_ROW_THEN_U = re.compile("([オコソトノホモヨロゴゾドボポョォ])ウ")
_MAX_KANJI_SURNAME = 3
# Two reports of one post more than this many years apart may name two holders of it.
_TENURE_YEARS = 4


@lru_cache(maxsize=1 << 16)
def normalise_name(text: str) -> str:
    """NFKC without spaces and name separators (・ ･ = ＝): the form names are compared in."""
    return _NAME_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1 << 16)
def fold_name(text: str) -> str:
    """The blocking and comparison form of a name: ``normalise_name``, lower case, and
    katakana spelling variants folded (ヴ → ブ, ー dropped, ベイ → ベ, オウ → オ, グ → ク):
    「ヴォルコフ」 = 「ボルコフ」, 「ドミトリ」 = 「ドミートリ」, 「テイラー」 = 「テーラー」,
    「ハインベルク」 = 「ハインベルグ」."""
    text = normalise_name(text).casefold()
    for variant, plain in _KANA_VARIANTS:
        text = text.replace(variant, plain)
    text = _O_ROW_THEN_U.sub(r"\1", _E_ROW_THEN_I.sub(r"\1", text))
    return text.replace("ー", "").replace("グ", "ク")


def is_ideographic(text: str) -> bool:
    return bool(text) and all(_IDEOGRAPH.match(ch) for ch in text)


@lru_cache(maxsize=1 << 16)
def name_parts(spelling: str) -> tuple[str, ...]:
    """The folded parts of a written name in given-name-first order, without initials:
    「ジョン・Q・スミス」 → (ジョン, スミス); the surname-first form of reference
    lists, 「ヴォルコフ、イワン」, → (イワン, ボルコフ)."""
    text = unicodedata.normalize("NFKC", spelling)
    sep = _SURNAME_FIRST.search(text)
    if sep:
        text = f"{text[sep.end():]}・{text[:sep.start()]}"
    tokens = [t for t in _NAME_SEPARATORS.split(text) if t]
    kept = [t for t in tokens if not _INITIAL.fullmatch(t)] if len(tokens) > 2 else tokens
    return tuple(fold_name(t) for t in kept if fold_name(t))


def given_names_agree(a: str, b: str) -> bool:
    """Two given names of one surname name one person when equal or when one shortens the
    other (ジョー, folded ジョ, a prefix of ジョナサン): nicknames are mostly truncations."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(short) >= 2


# ---------------------------------------------------------------- posts


@lru_cache(maxsize=1)
def _post_variants() -> dict[str, str]:
    text = resources.files("kg").joinpath("data", "post_variants.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {r[0].strip(): r[1].strip() for r in rows if len(r) > 1}


@lru_cache(maxsize=1)
def _post_forms() -> tuple[str, ...]:
    """Every known post word, longest first (title cores, reference posts, post variants)."""
    forms = set(_post_variants()) | set(_post_variants().values())
    forms |= {t for t, e in lexicon.titles().items() if e.kind != "honorific"}
    forms |= {p for o in lexicon.known_officials() for p, _, _ in o.posts}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


@lru_cache(maxsize=1 << 14)
def canonical_post(title: Optional[str]) -> tuple[Optional[str], bool]:
    """(post, former) of a written title: the longest known post word it ends with
    (「ロシア連邦大統領」 → 大統領, 「米国防長官」 → 国防長官), and whether a prefix says the post
    is no longer held (前, 元). ``posts_agree`` compares posts across spellings."""
    if not title:
        return None, False
    text = normalise_name(title)
    former = False
    for prefix, meaning in sorted(lexicon.title_prefixes().items(), key=lambda kv: -len(kv[0])):
        if text.startswith(prefix) and len(text) > len(prefix):
            text, former = text[len(prefix):], meaning == "former"
            break
    for modifier in sorted(lexicon.title_modifiers(), key=len, reverse=True):
        if text.endswith(modifier) and len(text) > len(modifier):
            text = text[: -len(modifier)]
            break
    found = next((f for f in _post_forms() if text.endswith(f)), None)
    return (found or text or None), former


@lru_cache(maxsize=1 << 14)
def _post_spellings(post: str) -> frozenset[str]:
    """Every spelling of the post ``post`` is written as: itself, its canonical form
    (post_variants.tsv) and every variant of that form (外相 → 外務大臣, 国務長官 …)."""
    variants = _post_variants()
    canonical = variants.get(post, post)
    return frozenset({post, canonical} | {v for v, c in variants.items() if c == canonical})


@lru_cache(maxsize=1 << 14)
def post_kind(post: Optional[str]) -> Optional[str]:
    """The kind of a post (``titles.tsv``: head, minister, senior, military, diplomat …):
    that of the longest title word it ends with; None when no title word ends it."""
    if not post:
        return None
    titles = lexicon.titles()
    word = next((post[i:] for i in range(len(post)) if post[i:] in titles), None)
    kind = titles[word].kind if word else None
    return None if kind == "honorific" else kind


def kinds_clash(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two posts are of different kinds (外相 and 統合幕僚長, not 補佐官 and 調整官)."""
    ka, kb = post_kind(a), post_kind(b)
    return bool(ka and kb and ka != kb)


@lru_cache(maxsize=1 << 14)
def posts_agree(a: Optional[str], b: Optional[str]) -> bool:
    """One post in two spellings (外務大臣 and 外相), or one a shortening of the other
    (委員長 of 国務委員長, 大臣 of 防衛大臣, 長官 of 国防長官)."""
    if not a or not b:
        return False
    return any(x.endswith(y) or y.endswith(x) for x in _post_spellings(a) for y in _post_spellings(b))


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class PersonRecord:
    """One person mention as linkage sees it."""

    mid: Hashable  # (doc_id, key): unique and sortable
    doc: str
    spellings: tuple[str, ...]  # name and aliases as written
    short_forms: tuple[str, ...] = ()
    post: Optional[str] = None  # the post word of the title (canonical_post)
    former: bool = False
    country: Optional[str] = None
    year: Optional[int] = None  # the article's year (publication, else its meetings' dates)


@dataclass(frozen=True)
class _Reference:
    """A row of the reference list, folded for comparison."""

    index: int
    official: lexicon.KnownOfficial
    full: frozenset[str]  # folded full spellings
    parts: tuple[tuple[str, ...], ...]  # name_parts of its multi-part spellings
    surnames: frozenset[str]  # folded surname-only spellings
    posts: tuple[tuple[str, int, Optional[int]], ...]  # canonical post, start, end

    def held(self, post: Optional[str], year: Optional[int], former: bool) -> bool:
        """Whether the official held ``post`` (around ``year`` unless the post is former)."""
        return any(
            posts_agree(p, post) and (year is None or former or (start - 1 <= year <= (end or 9999) + 1))
            for p, start, end in self.posts
        )


@lru_cache(maxsize=1)
def reference_rows() -> tuple[_Reference, ...]:
    rows = []
    for i, o in enumerate(lexicon.known_officials()):
        spellings = (o.name_ja, *o.aliases)
        multi = [s for s in spellings if len(name_parts(s)) > 1]
        single = [s for s in spellings if len(name_parts(s)) == 1]
        full = {fold_name(s) for s in multi} | {fold_name(s) for s in single if is_ideographic(normalise_name(s)) or s == o.name_ja}
        surnames = {fold_name(s) for s in single} - full
        surnames |= {name_parts(s)[-1] for s in multi if not s.isascii()}
        posts = tuple((canonical_post(p)[0] or p, start, end) for p, start, end in o.posts)
        rows.append(_Reference(i, o, frozenset(full), tuple(name_parts(s) for s in multi), frozenset(surnames), posts))
    return tuple(rows)


@dataclass
class _Mention:
    """A record with its name read: full names (folded), parts, and bare surnames."""

    record: PersonRecord
    full: set[str] = field(default_factory=set)  # folded full spellings
    parts: set[tuple[str, ...]] = field(default_factory=set)  # multi-part names
    kanji: set[str] = field(default_factory=set)  # folded all-kanji full names
    bare: set[str] = field(default_factory=set)  # folded surname-only spellings
    ref: Optional[int] = None


class _Names:
    """What the corpus says about names: which spellings are surnames (bare) and the
    surname of an all-kanji full name (the longest surname of the corpus it begins with)."""

    def __init__(self, records: Iterable[PersonRecord]):
        records = list(records)
        singles = {fold_name(s) for r in records for s in r.spellings if len(name_parts(s)) == 1}
        kanji = {k for k in singles if is_ideographic(k)}
        ref_full = {k for ref in reference_rows() for k in ref.full if is_ideographic(k)}
        longer = kanji | ref_full
        self.prefixes = {k[:n] for k in longer for n in range(1, min(len(k), _MAX_KANJI_SURNAME + 1))}
        # surnames attested: short forms (山田 of 山田一郎), and kanji spellings that begin a longer one
        self.attested = {fold_name(s) for r in records for s in r.short_forms} | (kanji & self.prefixes)
        self.ref_full = ref_full
        self.reference_surnames: Optional[dict] = None

    def is_bare(self, folded: str, parts: int) -> bool:
        """A single-part spelling that names a family rather than a person: katakana or
        Latin (スミス), a kanji name of one or two characters that is no full name of the
        reference list (山川, not 陳明), or one that begins a longer kanji name (小野田)."""
        if parts != 1:
            return False
        if not is_ideographic(folded):
            return True
        if folded in self.ref_full:
            return False
        return len(folded) <= 2 or folded in self.prefixes

    def kanji_surnames(self, full: str) -> set[str]:
        """The surnames an all-kanji full name may begin with: the longest one attested in
        the corpus, else every prefix of one to three characters."""
        prefixes = [full[:n] for n in range(1, min(len(full), _MAX_KANJI_SURNAME + 1))]
        attested = [p for p in prefixes if p in self.attested]
        return {max(attested, key=len)} if attested else set(prefixes)


def _read(record: PersonRecord, names: _Names) -> _Mention:
    m = _Mention(record)
    for spelling in record.spellings:
        parts = name_parts(spelling)
        if not parts:
            continue
        folded = fold_name(spelling) if len(parts) == 1 else "".join(parts)
        if names.is_bare(folded, len(parts)):
            m.bare.add(folded)
            continue
        m.full.add(folded)
        if len(parts) > 1:
            m.parts.add(parts)
        elif is_ideographic(folded):
            m.kanji.add(folded)
    return m


def _parts_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same surname (last part) and given names that agree (first part)."""
    return a[-1] == b[-1] and given_names_agree(a[0], b[0])


def _surname_keys(m: _Mention, names: _Names) -> set[str]:
    """Blocking keys: the folded surnames a mention may be written by."""
    keys = set(m.bare) | {p[-1] for p in m.parts} | {p[0] for p in m.parts}
    for k in m.kanji:
        keys |= names.kanji_surnames(k)
    return keys


def _link_reference(m: _Mention, names: _Names, by_surname: dict[str, list[_Reference]]) -> Optional[int]:
    """The one reference official the mention is: by a full spelling (country agreeing), by
    surname and agreeing given name, or by bare surname with a post the official held."""
    r = m.record
    rows = reference_rows()

    def country_ok(ref: _Reference) -> bool:
        return not (r.country and ref.official.country and r.country != ref.official.country)

    def held(ref: _Reference) -> bool:
        return r.post is not None and ref.held(r.post, r.year, r.former)

    def pick(cands: list[_Reference]) -> Optional[int]:
        cands = [c for c in {c.index: c for c in cands}.values() if country_ok(c)]
        if len(cands) > 1:
            cands = [c for c in cands if held(c)]
        return cands[0].index if len(cands) == 1 else None

    exact = [rows[i] for k in sorted(m.full) for i in _reference_full().get(k, ())]
    if exact:
        return pick(exact)
    if m.parts:
        cands = [ref for p in m.parts for ref in by_surname.get(p[-1], ())
                 if any(_parts_agree(p, q) for q in ref.parts) and (r.post is None or held(ref))]
        return pick(cands)
    if m.bare or m.kanji:
        keys = set(m.bare) | {k for k in m.kanji if k in names.prefixes}
        cands = [ref for k in keys for ref in by_surname.get(k, ()) if held(ref)]
        return pick(cands)
    return None


@lru_cache(maxsize=1)
def _reference_full() -> dict[str, tuple[int, ...]]:
    """Folded full spelling → the reference rows written so."""
    index: dict[str, list[int]] = defaultdict(list)
    for ref in reference_rows():
        for k in sorted(ref.full):
            index[k].append(ref.index)
    return {k: tuple(v) for k, v in index.items()}


def _reference_surnames(names: _Names) -> dict[str, list[_Reference]]:
    """Surname → reference rows with that surname (under the corpus' kanji surnames); kept on ``names``."""
    if names.reference_surnames is None:
        names.reference_surnames = _reference_surnames_of(names)
    return names.reference_surnames


def _reference_surnames_of(names: _Names) -> dict[str, list[_Reference]]:
    by_surname: dict[str, list[_Reference]] = defaultdict(list)
    for ref in reference_rows():
        keys = set(ref.surnames)
        for k in ref.full:
            if is_ideographic(k):
                keys |= names.kanji_surnames(k)
        for k in sorted(keys):
            by_surname[k].append(ref)
    return by_surname


# ---------------------------------------------------------------- clustering


class UnionFind:
    """Disjoint sets over hashable, sortable ids; the root of a set is its smallest id."""

    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict = {}
        for item in items:
            self.add(item)

    def add(self, item) -> None:
        self.parent.setdefault(item, item)

    def find(self, item):
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo
        return self.find(a)

    def groups(self) -> list[list]:
        by_root: dict = defaultdict(list)
        for item in self.parent:
            by_root[self.find(item)].append(item)
        return sorted(sorted(members) for members in by_root.values())


@dataclass
class _Cluster:
    """What a group of mentions says together, to check a merge against the constraints."""

    refs: set[int] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    doc_posts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    posts: set[tuple[str, Optional[int]]] = field(default_factory=set)  # (post, year)
    years: dict[str, set[Optional[int]]] = field(default_factory=dict)  # post → its years (``posts`` by post)
    parts: set[tuple[str, ...]] = field(default_factory=set)
    kanji: set[str] = field(default_factory=set)
    size: int = 0  # mentions

    def add(self, m: _Mention) -> None:
        r = m.record
        self.size += 1
        if m.ref is not None:
            self.refs.add(m.ref)
        if r.country:
            self.countries.add(r.country)
        if r.post:
            self.doc_posts[r.doc].add(r.post)
            self.posts.add((r.post, r.year))
            self.years.setdefault(r.post, set()).add(r.year)
        self.parts |= m.parts
        self.kanji |= m.kanji

    def absorb(self, other: "_Cluster") -> None:
        self.size += other.size
        self.refs |= other.refs
        self.countries |= other.countries
        for doc, posts in other.doc_posts.items():
            self.doc_posts[doc] |= posts
        self.posts |= other.posts
        for post, years in other.years.items():
            self.years.setdefault(post, set()).update(years)
        self.parts |= other.parts
        self.kanji |= other.kanji

    def post_agrees(self, post: str, year: Optional[int]) -> bool:
        """Whether a mention of the group held ``post`` within a tenure of ``year``."""
        return any(
            posts_agree(post, p) and (year is None or any(y is None or abs(year - y) <= _TENURE_YEARS for y in years))
            for p, years in self.years.items()
        )

    def coreferent(self, bare: "_Cluster", doc: str) -> bool:
        """Whether a bare surname of article ``doc`` (``bare``) may be this full-named person of
        the same article: no reference official the full name is not, no two countries, and no
        posts of different kinds in that article (a minister and a general of one surname are two)."""
        if not bare.refs <= self.refs or (self.countries and bare.countries and not self.countries & bare.countries):
            return False
        return not any(kinds_clash(a, b) for a in self.doc_posts.get(doc, ()) for b in bare.doc_posts.get(doc, ()))

    def has_full_name(self) -> bool:
        return bool(self.parts or self.kanji)

    def compatible(self, other: "_Cluster") -> bool:
        """Whether the two groups may be one person: not two reference officials, not two
        people of one article with different posts, not two different full names, and
        (unless their full names agree: countries are read less surely than names) not
        two countries."""
        if len(self.refs | other.refs) > 1:
            return False
        small, large = sorted((self.doc_posts, other.doc_posts), key=len)
        for doc in [d for d in small if d in large]:  # the shared articles, found from the smaller side
            mine, theirs = self.doc_posts[doc], other.doc_posts[doc]
            if mine and theirs and not any(posts_agree(a, b) for a in mine for b in theirs):
                return False  # two people of one article with different posts are two
        if self.refs and self.refs == other.refs:
            return True
        if self.has_full_name() and other.has_full_name():
            return bool(self.kanji & other.kanji) or any(_parts_agree(a, b) for a in self.parts for b in other.parts)
        return not (self.countries and other.countries and not self.countries & other.countries)


class _Linker:
    def __init__(self, mentions: dict[Hashable, _Mention]):
        self.mentions = mentions
        self.uf = UnionFind(mentions)
        self.clusters: dict[Hashable, _Cluster] = {}
        for mid, m in mentions.items():
            self.clusters[mid] = _Cluster()
            self.clusters[mid].add(m)

    def cluster(self, mid) -> _Cluster:
        return self.clusters[self.uf.find(mid)]

    def merge(self, a, b, *, check: bool = True) -> bool:
        ra, rb = self.uf.find(a), self.uf.find(b)
        if ra == rb:
            return True
        if check and not self.clusters[ra].compatible(self.clusters[rb]):
            return False
        root = self.uf.union(ra, rb)
        other = rb if root == ra else ra
        small, large = sorted((self.clusters.pop(root), self.clusters.pop(other)), key=lambda c: c.size)
        large.absorb(small)  # the smaller group into the larger: a merge costs the smaller's size
        self.clusters[root] = large
        return True


def blocking_keys(record: PersonRecord, names: "_Names") -> frozenset[str]:
    """The keys a record is compared under: its folded surnames (of full names and bare
    spellings) and the reference row it links to. Records that share no key, directly or
    through others, are never linked: each connected component links on its own."""
    m = _read(record, names)
    keys = set(_surname_keys(m, names)) | set(m.bare)
    ref = _link_reference(m, names, _reference_surnames(names))
    if ref is not None:
        keys.add(f"\0ref{ref}")
    return frozenset(keys) or frozenset({f"\0mention{record.mid!r}"})


def components(records: list[PersonRecord], names: "_Names") -> list[list[PersonRecord]]:
    """The records in connected components of shared blocking keys, each sorted, the list
    sorted by its first record (so the split is the same whatever the input order)."""
    uf = UnionFind()
    owner: dict[str, Hashable] = {}
    by_mid = {r.mid: r for r in records}
    for r in sorted(records, key=lambda r: r.mid):
        uf.add(r.mid)
        for key in sorted(blocking_keys(r, names)):
            uf.union(owner.setdefault(key, r.mid), r.mid)
    return [[by_mid[mid] for mid in group] for group in uf.groups()]


@contextmanager
def collection_paused():
    """Python's cyclic garbage collector paused (reference counting still frees): linkage
    allocates millions of small objects and no cycles, and each full collection walks every
    object of the process, the corpus' facts included, so with it running linkage's time
    per mention grew with the corpus (at 30,000 generated articles, 2.1 s against 1.0 s for
    its largest component)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


LinkResult = tuple[list[list[Hashable]], dict[Hashable, Optional[lexicon.KnownOfficial]]]


def link_people(records: Iterable[PersonRecord], map_components=None) -> LinkResult:
    """Group person records into real people; also the reference official of each group's
    members (None when the group links to no row of the reference list).

    The corpus-wide facts about names (``_Names``) are read once; then each connected
    component of blocking keys is linked on its own, by ``map_components(function, parts,
    names)`` when given (``kg.scale`` runs them on a Dask cluster), else here. The groups
    are the same either way.
    """
    with collection_paused():
        records = sorted(records, key=lambda r: r.mid)
        names = _Names(records)
        parts = components(records, names)
        if map_components is None:
            results = [link_component(part, names) for part in parts]
        else:
            results = map_components(link_component, parts, names)
    groups: list[list[Hashable]] = []
    official_of: dict[Hashable, Optional[lexicon.KnownOfficial]] = {}
    for part_groups, part_officials in results:
        groups.extend(part_groups)
        official_of.update(part_officials)
    return sorted(groups), official_of


def _join_in_article(linker: _Linker, mentions: dict[Hashable, _Mention], names: _Names, ordered: list) -> None:
    """Join each bare-surname mention to the one full-named person of its article with that
    surname (the family name of its full names), when ``_Cluster.coreferent`` allows it."""
    full_named: dict[tuple[str, str], list[Hashable]] = defaultdict(list)
    for mid in ordered:
        m = mentions[mid]
        surnames = {p[-1] for p in m.parts} | {s for k in m.kanji for s in names.kanji_surnames(k)}
        for surname in surnames:
            full_named[(m.record.doc, surname)].append(mid)
    for mid in ordered:
        m = mentions[mid]
        if m.full or not m.bare:
            continue
        doc = m.record.doc
        roots = {linker.uf.find(o) for k in m.bare for o in full_named.get((doc, k), ())}
        if len(roots) == 1:
            root = roots.pop()
            if linker.clusters[root].coreferent(linker.cluster(mid), doc):
                linker.merge(root, mid, check=False)


def _name_keys(m: _Mention) -> set[tuple]:
    """Index keys under which two full names can agree: a folded full spelling, or the
    surname with the first two characters of the given name (``_parts_agree`` needs them
    equal: a given name agrees with another only as a prefix of two characters or more)."""
    keys: set[tuple] = {("full", k) for k in m.full}
    keys |= {("parts", p[-1], p[0][:2]) for p in m.parts if len(p[0]) >= 2}
    return keys


def _representatives(linker: _Linker, mentions: dict[Hashable, _Mention], block: list[Hashable]) -> list[Hashable]:
    """Link the full-named mentions of one block; return its representatives (the first
    mention of each distinct name, and any that could not join a representative it agrees
    with). A mention is compared, in the representatives' order, with those whose names it
    may agree with, found through an index of name keys rather than by a scan of the block."""
    reps: list[Hashable] = []
    by_key: dict[tuple, list[int]] = defaultdict(list)  # name key → positions in ``reps``
    rep_names: set[frozenset] = set()
    for mid in block:
        m, joined = mentions[mid], False
        for i in sorted({i for k in _name_keys(m) for i in by_key.get(k, ())}):
            mr = mentions[reps[i]]
            if (m.full & mr.full or any(_parts_agree(p, q) for p in m.parts for q in mr.parts)) and linker.merge(reps[i], mid):
                joined = True
        name = frozenset(m.full)
        if not joined or name not in rep_names:
            for k in _name_keys(m):
                by_key[k].append(len(reps))
            reps.append(mid)
            rep_names.add(name)
    return reps


class _ByPost:
    """Groups of mentions (each named by one of its members, a handle, and kept in the order
    they were added) indexed by the posts their mentions held, so that a mention is checked
    only against the groups that may agree with its post, not against every group of its
    surname: those with a post that ``posts_agree`` with it, those with no post, and those
    linked to the reference list (whose rows know posts the mentions do not)."""

    def __init__(self):
        self.order: dict[Hashable, int] = {}
        self.by_post: dict[str, set[Hashable]] = defaultdict(set)
        self.plain: set[Hashable] = set()  # groups with no post
        self.referenced: set[Hashable] = set()

    def add(self, handle: Hashable, cluster: _Cluster) -> None:
        self.order.setdefault(handle, len(self.order))
        if cluster.refs:
            self.referenced.add(handle)
        if not cluster.years:
            self.plain.add(handle)
        for post in cluster.years:
            self.by_post[post].add(handle)

    def gained(self, handle: Hashable, post: Optional[str]) -> None:
        """The group ``handle`` took a mention that held ``post``."""
        if post:
            self.plain.discard(handle)
            self.by_post[post].add(handle)

    def agreeing(self, post: str) -> set[Hashable]:
        return {h for p, handles in self.by_post.items() if posts_agree(p, post) for h in handles}

    def ordered(self, handles: Iterable[Hashable]) -> list[Hashable]:
        return sorted(handles, key=self.order.__getitem__)


def _join_bare(linker: _Linker, mentions: dict[Hashable, _Mention], ordered: list, representatives: dict) -> None:
    """Join each bare surname still alone to the one full-named person of that surname who
    agrees on post and country; else to the first unnamed person of that surname whose post
    agrees in one tenure (or, without a post, who has none), else it starts one. Candidates
    come from ``_ByPost`` indexes of the block: each mention is compared with the people of
    its surname that may agree, not with all of them."""
    todo = [mid for mid in ordered
            if not mentions[mid].full and mentions[mid].ref is None and not linker.cluster(mid).has_full_name()]
    named: dict[str, _ByPost] = {}  # surname → its full-named people, handled by their roots now
    indexes_of: dict[Hashable, list[_ByPost]] = defaultdict(list)
    for key in sorted({k for mid in todo for k in mentions[mid].bare}):
        named[key] = _ByPost()
        for root in sorted({linker.uf.find(o) for o in representatives.get(key, ())}):
            named[key].add(root, linker.clusters[root])
            indexes_of[root].append(named[key])
    fallback: dict[str, _ByPost] = {}  # surname → its unnamed people
    for mid in todo:
        r = mentions[mid].record
        keys = sorted(mentions[mid].bare) or [str(mid)]
        own = linker.cluster(mid)
        people = [named[k] for k in keys if k in named]
        if r.post:
            handles = {h for index in people for h in index.agreeing(r.post) | index.plain | index.referenced}
        else:
            handles = {h for index in people for h in index.order}
        cands = []
        for handle in sorted(handles):
            c = linker.cluster(handle)
            if not c.compatible(own):
                continue
            ref = reference_rows()[next(iter(c.refs))] if c.refs else None
            agrees = bool(r.post) and (c.post_agrees(r.post, r.year) or bool(ref and ref.held(r.post, r.year, r.former)))
            if r.post and c.posts and not agrees:
                continue  # another post, or the same post in another era
            cands.append((agrees, handle))
            if not r.post and len(cands) > 1:
                break  # without a post, two candidates are ambiguous whoever they are
        if len(cands) > 1:
            cands = [c for c in cands if c[0]]
        if len(cands) == 1:
            handle = cands[0][1]
            linker.merge(handle, mid)
            for index in indexes_of[handle]:
                index.gained(handle, r.post)
            continue
        # unknown or ambiguous surname: same surname, post in one tenure and no other country, one (unnamed) person
        groups = fallback.setdefault(keys[0], _ByPost())
        same = next((g for g in groups.ordered(groups.agreeing(r.post) if r.post else groups.plain)
                     if linker.cluster(g).compatible(own) and (
                         linker.cluster(g).post_agrees(r.post, r.year) if r.post else not linker.cluster(g).posts)), None)
        if same is None:
            groups.add(mid, own)
        else:
            linker.merge(same, mid)
            groups.gained(same, r.post)


def link_component(records: list[PersonRecord], names: "_Names") -> LinkResult:
    """``link_people`` on records that share blocking keys only among themselves."""
    records = sorted(records, key=lambda r: r.mid)
    by_surname = _reference_surnames(names)
    mentions = {r.mid: _read(r, names) for r in records}
    for m in mentions.values():
        m.ref = _link_reference(m, names, by_surname)
    linker = _Linker(mentions)
    ordered = sorted(mentions)

    # 1. one reference official, one person
    by_ref: dict[int, Hashable] = {}
    for mid in ordered:
        ref = mentions[mid].ref
        if ref is not None:
            linker.merge(by_ref.setdefault(ref, mid), mid, check=False)

    # 2. full names, blocked by surname: equal folded names, or same surname and agreeing
    # given names. Each mention is compared with the block's representatives (the first
    # mention of each distinct name, and any that could not join it), not with every member.
    blocks: dict[str, list[Hashable]] = defaultdict(list)
    for mid in ordered:
        m = mentions[mid]
        if m.full:
            for key in sorted(_surname_keys(m, names)):
                blocks[key].append(mid)
    representatives = {key: _representatives(linker, mentions, blocks[key]) for key in sorted(blocks)}

    # 3. inside one article, a bare surname is the article's one full-named person of that
    # surname (coreference: 「ジョン・スミス補佐官」 … 「スミス調整官」), unless their posts differ in kind
    _join_in_article(linker, mentions, names, ordered)

    # 4. bare surnames: join the one person of that surname who agrees on post and country
    _join_bare(linker, mentions, ordered, representatives)

    groups = linker.uf.groups()
    official_of: dict[Hashable, Optional[lexicon.KnownOfficial]] = {}
    for members in groups:
        refs = linker.cluster(members[0]).refs
        official = reference_rows()[next(iter(refs))].official if len(refs) == 1 else None
        official_of.update((mid, official) for mid in members)
    return groups, official_of
