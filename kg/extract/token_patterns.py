"""Constructions over tokens, kept as data and read by this one interpreter.

A row of ``kg/data/constructions.tsv`` of kind ``tokens`` is an anchor token's constraints,
then optionally one relation to another token and that token's constraints (a small
DependencyMatcher)::

    pos=VERB lemma=@cues:gathered_verb ; child obj: lemma=@cues:gathered

Constraints are ``ATTR=VALUE``, all of which must hold: ATTR is text, lemma, pos, dep or tag
(the token's ``text``, ``lemma_``, ``pos_``, ``dep_``, ``tag_``); VALUE is a literal or a word
set: ``@cues:CATEGORY`` (cues.tsv), ``@words:NAME`` (a words row of constructions.tsv) or
``@meeting_kinds`` (meeting_kinds.tsv). Relations: ``child DEP`` (some child of the anchor
with that dependency label), ``prev`` and ``next`` (the token right before or after it).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, NamedTuple, Optional

from kg import lexicon

_ATTRIBUTES = {"text": "text", "lemma": "lemma_", "pos": "pos_", "dep": "dep_", "tag": "tag_"}


class Constraint(NamedTuple):
    attribute: str  # the spaCy token attribute
    values: Callable[[], object]  # the literal (in a 1-tuple) or the word set, looked up when matched


class TokenPattern(NamedTuple):
    anchor: tuple[Constraint, ...]
    relation: Optional[str]  # "child" | "prev" | "next" | None
    dep: Optional[str]  # the dependency label of a "child" relation
    other: tuple[Constraint, ...]

    def matches(self, token) -> bool:
        """Whether ``token`` is the anchor of the pattern (and its related token is there)."""
        if not _holds(self.anchor, token):
            return False
        if self.relation is None:
            return True
        if self.relation == "child":
            return any(c.dep_ == self.dep and _holds(self.other, c) for c in token.children)
        i = token.i + (1 if self.relation == "next" else -1)
        return 0 <= i < len(token.doc) and _holds(self.other, token.doc[i])


def _holds(constraints: tuple[Constraint, ...], token) -> bool:
    return all(getattr(token, c.attribute) in c.values() for c in constraints)


def _word_set(value: str) -> Callable[[], object]:
    if value == "@meeting_kinds":
        return lexicon.meeting_kinds
    source, _, name = value.partition(":")
    if source == "@cues" and name:
        return lambda: lexicon.cues(name)
    if source == "@words" and name:
        return lambda: lexicon.construction_words(name)
    if value.startswith("@"):
        raise ValueError(f"unknown word set {value!r} (@cues:CATEGORY, @words:NAME or @meeting_kinds)")
    literal = (value,)
    return lambda: literal


def _constraints(text: str) -> tuple[Constraint, ...]:
    found = []
    for item in text.split():
        attribute, equals, value = item.partition("=")
        if not equals or attribute not in _ATTRIBUTES or not value:
            raise ValueError(f"constraint {item!r} is not ATTR=VALUE with ATTR one of {', '.join(_ATTRIBUTES)}")
        found.append(Constraint(_ATTRIBUTES[attribute], _word_set(value)))
    if not found:
        raise ValueError("a token needs at least one constraint")
    return tuple(found)


def parse(value: str) -> TokenPattern:
    """The pattern written ``value`` (see the module docstring); ValueError when malformed."""
    anchor, _, rest = value.partition(";")
    if not rest.strip():
        return TokenPattern(_constraints(anchor), None, None, ())
    relation, colon, other = rest.partition(":")
    words = relation.split()
    if not colon or not words or words[0] not in ("child", "prev", "next") or len(words) != (2 if words[0] == "child" else 1):
        raise ValueError(f"relation {relation.strip()!r} is not 'child DEP', 'prev' or 'next'")
    return TokenPattern(_constraints(anchor), words[0], words[1] if len(words) == 2 else None, _constraints(other))


@lru_cache(maxsize=None)
def token_pattern(name: str) -> TokenPattern:
    """The token pattern of construction ``name`` (kind ``tokens`` in constructions.tsv)."""
    return parse(lexicon.constructions()[name].value)
