"""Which country a person or a side phrase stands for: source ranks, institutions, side words, list order."""
from __future__ import annotations

from typing import Optional

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.extract.sentences import Sentence
from kg.extract.state import Extraction, Meeting, Person


WEAK_SOURCES = ("name", "home", "list", "host")  # defaults any other evidence overrides

_COUNTRY_SOURCE_RANK = {"": 0, "home": 1, "name": 1, "list": 1, "host": 1, "reference": 2, "institution": 2, "side": 3, "context": 3, "explicit": 4}


_HOME_CANDIDATES = ("JP", "KR", "CN")


def set_country(person: Person, code: Optional[str], source: str) -> None:
    """Give ``person`` the country ``code`` unless better evidence (a higher ``source`` rank) already did."""
    if code and _COUNTRY_SOURCE_RANK[source] > _COUNTRY_SOURCE_RANK[person.country_source]:
        person.country, person.country_source = code, source


def other_orders(countries: list[str], word: str) -> list[str]:
    """The same made-up forum name with the countries in the other orders papers use
    (日中外相会談 / 中日外相会談): all are spellings of one meeting."""
    from itertools import permutations

    abbreviations = {code: form for form, code in lexicon.country_abbreviations().items()}
    if len(countries) > 3 or not all(c in abbreviations for c in countries):
        return []
    names = ["".join(abbreviations[c] for c in order) + word for order in permutations(countries)]
    return names[1:]


def institution_country(name: Optional[str]) -> Optional[str]:
    """The country of an institution: from the lexicon, or a country form it starts with."""
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


_TEXT_SIDE = lexicon.construction_pattern("text_side")


def text_side(sentence: "Sentence", end: int) -> Optional[str]:
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


def label_side(ex: Extraction, word: str, meeting: "Meeting") -> Optional[str]:
    """The side a list label names: 「日本側」 → JP, 「我が方」 → the text's own, 「先方」 →
    the one other party of the meeting; None when the label names no side."""
    if word in lexicon.cues("own_side"):
        return ex.home
    if word in lexicon.cues("other_side"):
        others = [c for c in meeting.countries if len(c) == 2 and c != ex.home]
        return others[0] if len(others) == 1 else None
    noun = next((n for n in sorted(lexicon.cues("side")) if n in word), None)  # 側
    core = word.split(noun)[0] if noun else ""
    ending = lexicon.country_form_ending(core) if core else None
    return ending[1] if ending else None


def home_first(ex: Extraction, countries: list[str]) -> list[str]:
    """Papers name their own country first (日仏, 韓中): a made-up forum name does too."""
    home = getattr(ex, "home", None)
    if home in countries:
        return [home] + [c for c in countries if c != home]
    return countries


def side_codes(side: DomainMention) -> str:
    """The side a SIDE mention names, as a representation's side: its codes joined (日米側 → JP,US)."""
    return ",".join(side.codes)


def side_mention_for(sides: list[DomainMention], m: DomainMention) -> Optional[DomainMention]:
    """The last side phrase before the mention ``m``, or None."""
    before = [s for s in sides if s.end <= m.start]
    return before[-1] if before else None


def side_for(person: Person, sides, m) -> Optional[str]:
    """The side ``person`` (mention ``m``) is listed for: the side phrase before it, else the person's country."""
    side = side_mention_for(sides, m)
    return side_codes(side) if side else person.country


def home_country(ex: Extraction) -> Optional[str]:
    """The country an outlet writes from, read off its country pairs: Japanese papers
    write 日米/日韓, Korean ones 韓米/韓日. Unmarked officials belong to it. A government
    publisher (its web domain, ``publishers.tsv``) speaks for its own government."""
    publisher = lexicon.publisher_country(ex.article.url, ex.article.source)
    if publisher:
        return publisher
    mission = mission_countries(ex)
    if mission is not None:
        return mission[0]
    counts: dict[str, int] = {}
    for sentence in ex.sentences:
        for m in sentence.mentions:
            codes = m.codes if m.label == "COUNTRY" else ()
            if len(codes) >= 2 and codes[0] in _HOME_CANDIDATES and not sentence.quoted(m.start, m.end):
                counts[codes[0]] = counts.get(codes[0], 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def mission_countries(ex: Extraction) -> Optional[tuple[str, str]]:
    """``(home, host)`` of a diplomatic mission's own page: 「在ケニア日本国大使館」 (Japan's
    embassy in Kenya: its 当館 is Japan's side, the officials it meets Kenya's), 「在日米国大使館」
    (the United States' in Japan), named by the page's source or by a line above its body that
    is the mission's name and nothing else (never a mission named in the article's text)."""
    names = [ex.article.source or ""]
    first = min((b.start for b in ex.article.blocks if b.kind == "body"), default=0)
    names += [line.strip() for line in ex.article.text[:first].splitlines() if 0 < len(line.strip()) <= 30]
    forms = lexicon.country_forms()
    mission = lexicon.construction_pattern("mission_name")
    for k, name in enumerate(names):
        for found in mission.finditer(name):
            if k > 0 and not mission.fullmatch(name):
                continue
            pair = found.group("pair")
            for cut in range(1, len(pair)):
                host, home = forms.get(pair[:cut]), forms.get(pair[cut:])
                if host and home and host != home:
                    return home, host
    return None
