"""Person records and the name/title helpers that match, merge and look them up."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.records import PersonMention
from kg.extract.sentences import Sentence, norm
from kg.extract.sides import institution_country, set_country
from kg.extract.state import Person, PersonRef


def is_short_of(short: str, full: str) -> bool:
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


_GENITIVE_AFTER_NAME = lexicon.construction_pattern("genitive_after_name")


def context_before(sentence: Sentence, mention: DomainMention) -> list[DomainMention]:
    """Mentions that end right before ``mention`` followed by 「の」 (外交部の李在雄), an acronym
    in brackets maybe between (「北大西洋条約機構(NATO)のA事務次長」)."""
    text = doc_text(sentence.doc)
    found = []
    for m in sentence.mentions:
        if m.end < mention.start and _GENITIVE_AFTER_NAME.fullmatch(text[m.end : mention.start]) and m.label in ("INSTITUTION", "COUNTRY"):
            found.append(m)
    return found


def _reference_official(person: "Person", year: Optional[int]) -> Optional["lexicon.KnownOfficial"]:
    """The one known official (kg/data/officials_reference.tsv) this person's spellings name,
    preferring people in office in the article's year; None when none or several fit."""
    found: dict[str, lexicon.KnownOfficial] = {}
    for spelling in person.spellings():
        for official in lexicon.lookup_official(spelling):
            found.setdefault(official.name_ja, official)
    # a surname alone (ジョンソン) names many people: the post written in the article must be
    # one the official held, around the article's year unless the article says 前/元
    core = title_core(person.title)
    candidates = [
        o for o in found.values()
        if core and any(_holds_post(post, core) for post, _, _ in o.posts)
        and (person.former or not year or any(o.posts_in(y) for y in (year - 1, year, year + 1)))
    ]
    if len(candidates) > 1 and person.country:
        candidates = [o for o in candidates if o.country == person.country] or candidates
    return candidates[0] if len(candidates) == 1 else None


def _holds_post(post: str, core: str) -> bool:
    """Whether a reference post is the post written as ``core`` (委員長 shortens 国務委員長)."""
    return (title_core(post) or "").endswith(core)


def _full_post(official: "lexicon.KnownOfficial", core: Optional[str]) -> Optional[str]:
    """The reference official's post that the written ``core`` shortens (国務委員長 for 委員長), if listed."""
    for post, _, _ in official.posts:
        full = title_core(post)
        if core and full and full != core and full.endswith(core) and full in lexicon.titles():
            return full
    return None


def written_foreign(person: "Person", home: Optional[str]) -> bool:
    """Whether the person's name is written the way the text writes foreigners: see
    ``looks_foreign_in_japanese`` for a Japanese text, katakana in a text of another side."""
    if home in (None, "JP"):
        return looks_foreign_in_japanese(person)
    return bool(re.search(r"[\u30A0-\u30FF]", person.name))


def title_core(title: Optional[str]) -> Optional[str]:
    """The title word a post ends with (国家安保室第1次長 → 次長, 大統領権限代行 → 大統領)."""
    if not title:
        return None
    for modifier in sorted(lexicon.title_modifiers(), key=len, reverse=True):
        if title.endswith(modifier) and len(title) > len(modifier):
            title = title[: -len(modifier)]
            break
    cores = [t for t in lexicon.titles() if title.endswith(t) and lexicon.titles()[t].kind != "honorific"]
    return max(cores, key=len) if cores else None


def other_post(person: "Person", mention: DomainMention) -> bool:
    """Whether a mention's post is another post than the person's (大統領 vs 上院議員): then a
    shared family name does not make them one person."""
    mine, theirs = title_core(person.title), title_core(mention.title)
    if mine and theirs and lexicon.post_variants().get(mine, mine) == lexicon.post_variants().get(theirs, theirs):
        return False  # one post in two spellings (外務大臣 … 外相, 内閣総理大臣 … 総理)
    return bool(mine and theirs and not mine.endswith(theirs) and not theirs.endswith(mine))


def apply_reference(people: list["Person"], refs: list["PersonRef"], year: Optional[int]) -> None:
    """Reference data only fills what the article leaves open: the country of a person written
    without one, and that 「朴大成」 and 「パク・デソン」 are one person. Participation is
    never read from it."""
    by_official: dict[str, Person] = {}
    for person in list(people):
        official = _reference_official(person, year)
        if official is None:
            continue
        set_country(person, official.country, "reference")
        full = _full_post(official, title_core(person.title))
        if full is not None:
            person.title_kind = lexicon.titles()[full].kind  # 「委員長」 written for the post 国務委員長: a head of state
        same = by_official.get(official.name_ja)
        if same is not None and same is not person and same.country == person.country:
            merge_people(same, person, people)
            for ref in refs:
                if ref.person is person:
                    ref.person = same
        else:
            by_official[official.name_ja] = person


def looks_foreign_in_japanese(person: "Person") -> bool:
    """Japanese papers write Japanese names in kanji without a reading; a katakana name, a
    katakana reading, or a Korean/Chinese-style name (one-kanji surname + two) is foreign."""
    if re.search(r"[\u30A0-\u30FF]", person.name):
        return True
    if any(re.fullmatch(r"[\u30A0-\u30FF・ ]+", a) for a in person.aliases):
        return True
    return len(person.name) == 3 and person.name[0] in lexicon.surnames()


def titled_by_apposition(sentence: Sentence, mention: DomainMention) -> DomainMention:
    """「米国務省報道官のマーク・ブラウン氏」: a title written before 「の」 and a 氏-name; or in
    brackets right after it (「マーク・ブラウン氏(米国務省報道官)」)."""
    text = doc_text(sentence.doc)
    named = [(m.start, m.end) for m in sentence.mentions if m.label == "PERSON" and m is not mention]
    before = [
        m for m in sentence.mentions
        # (「…司令官A・B陸軍大将」: a post written straight before the name and its rank)
        if m.label == "TITLE" and (text[m.end : mention.start] in lexicon.construction_words("post_apposition") or m.end == mention.start)
        # 「国防相、A氏」: a bare post in apposition, not the post of a person named before (「山田外相、A氏」)
        and (text[m.end : mention.start] == "の" or not any(s <= m.start and m.end <= e for s, e in named))
    ]
    if not before:
        return _bracketed_post(text, mention) or mention
    title = before[-1]
    entry = lexicon.titles().get(title.text)
    chunk = [m for m in sentence.mentions if m.end <= title.end and m.start >= title.start - 20 and m.label in ("INSTITUTION", "COUNTRY")]
    # (one noun compound with the post: no particle or 読点 between, 「英国側から国防省局長」 is two phrases)
    chunk = [m for m in chunk if not re.search(r"[\u3041-\u309F、]", text[m.end : title.start]) and "、" not in text[m.start : title.start]]
    start = min([title.start] + [m.start for m in chunk])
    country = next((m.codes[0] for m in chunk if m.label == "COUNTRY" and len(m.codes) == 1), None)
    if country is None:
        # 「英国の国防相、A氏」: the country written before the post's own 「の」
        country = next((
            m.codes[0] for m in sentence.mentions
            if m.label == "COUNTRY" and len(m.codes) == 1 and re.fullmatch(r"の[^\u3041-\u309F、。]{0,8}", text[m.end : start])
        ), None)
    institution = next((m.text for m in chunk if m.label == "INSTITUTION"), None)
    return replace(
        mention,
        title=(text[start : title.end] if not country else text[start : title.end].lstrip("".join(lexicon.construction_words("title_country_prefix")))) or None,
        title_kind=(entry.kind if entry else title.kind) or None,
        official=bool(entry is None or entry.official),
        country=country or (institution_country(institution) if institution else None) or None,
        institution=institution or None,
    )


def _bracketed_post(text: str, mention: DomainMention) -> Optional[DomainMention]:
    """「ルイス・ソト氏(ペルー外務大臣)」「A氏(外務次官)」: the post in brackets right after a
    氏-name ([前/元][country]post, a known title core at its end), or None."""
    if text[mention.end : mention.end + 1] not in ("(", "（"):
        return None
    inner = re.match(r"[(（]([^()（）]{1,20})[)）]", text[mention.end :])
    if inner is None:
        return None
    post = inner.group(1).strip()
    former = next((p for p, meaning in lexicon.title_prefixes().items() if post.startswith(p) and meaning == "former"), None)
    post = post[len(former) :] if former else post
    country = next(((f, c) for f, c in lexicon.country_forms_longest_first() if len(f) >= 2 and post.startswith(f)), None)
    post = post[len(country[0]) :] if country else post
    core = title_core(post)
    entry = lexicon.titles().get(core) if core else None
    if entry is None or entry.kind == "honorific" or not post.endswith(core):
        return None
    return replace(mention, title=post, title_kind=entry.kind, official=entry.official and not former,
                   former=bool(former), country=country[1] if country else None)


def propagate_list_countries(refs: list[PersonRef]) -> None:
    """「同国のリー外相、ハリス副首相」: a list shares the country written before its head."""
    for prev, ref in zip(refs, refs[1:]):
        if prev.sentence is not ref.sentence or ref.person.country_source in ("explicit", "institution", "side"):
            continue
        between = doc_text(ref.sentence.doc)[prev.mention.end : ref.mention.start]
        if ref.person.japanese_name and ref.person.country_source == "name" and prev.person.country != "JP":
            continue  # 「韓国の朴大成大統領と山田一郎首相」: a Japanese 姓+名 is not in Korea's list
        if between in lexicon.construction_words("person_coordinator") and prev.person.country_source == "explicit":
            text = doc_text(prev.sentence.doc)
            written = (
                (prev.mention.country and not prev.mention.title_country)
                or context_before(prev.sentence, prev.mention)
                or text[max(0, prev.mention.start - 3) : prev.mention.start] in lexicon.construction_words("same_country_of")
            )
            if ref.person.country_source == "reference" or not written:
                # 「ブリンケン国務長官と<known Korean>外相」「スミス、マルタン両氏」: only a
                # country written for the head of the list is shared, not one its post implies
                continue
            # weak: 「韓国のA外相、B国務長官」 lists people of several countries as often as one
            set_country(ref.person, prev.person.country, "list")


def merge_people(keep: Person, other: Person, people: list[Person]) -> None:
    """Fold ``other`` into ``keep`` (spellings, posts, country, evidence) and drop it from ``people``."""
    for spelling in other.spellings():
        if norm(spelling) not in (norm(s) for s in keep.spellings()):
            keep.aliases.append(spelling)
    keep.short_forms += [s for s in other.short_forms if s not in keep.short_forms]
    keep.title = keep.title or other.title
    keep.institution = keep.institution or other.institution
    set_country(keep, other.country, other.country_source)
    keep.official = keep.official or other.official
    keep.evidence += [e for e in other.evidence if e not in keep.evidence]
    people.remove(other)


def person_record(p: Person) -> PersonMention:
    """The ``PersonMention`` record of a person."""
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
