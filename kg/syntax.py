"""Repairs of GiNZA's dependency parse where it misreads a construction of the language.

Runs after the parser and before the domain component, so every later reader sees one
consistent tree. Each repair is a rule of Japanese grammar, with its words kept as data
(``kg/data/cues.tsv``), never a sentence of any corpus.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg import lexicon

COMPONENT_NAME = "kg_syntax"


def _conjunctive_clauses(doc: Doc) -> int:
    """「Xを行ったところ、…」「会談した後、…」: a predicate followed by its past auxiliary and a
    conjunctive formal noun then a comma heads an adverbial clause (advcl) of the sentence,
    not a relative clause (acl) of the noun that follows. Returns the number repaired."""
    words = lexicon.cues("conjunctive")
    repaired = 0
    for token in doc:
        if token.dep_ != "acl" or token.pos_ not in ("VERB", "NOUN", "ADJ"):
            continue
        i = token.i + 1
        while i < len(doc) and doc[i].head.i in (token.i, i - 1) and doc[i].dep_ in ("aux", "mark") and doc[i].text not in words:
            i += 1
        if i == token.i + 1 or not any(doc[k].lemma_ in ("た", "だ") for k in range(token.i + 1, i)):
            continue
        if i + 1 < len(doc) and doc[i].text in words and doc[i + 1].tag_.startswith("補助記号-読点"):
            token.dep_ = "advcl"
            repaired += 1
    return repaired


@Language.component(COMPONENT_NAME, requires=["token.dep", "token.head", "token.tag"], assigns=["token.dep"])
def kg_syntax(doc: Doc) -> Doc:
    """Repair parser readings that contradict Japanese grammar (see the module docstring)."""
    _conjunctive_clauses(doc)
    return doc
