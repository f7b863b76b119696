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


def _sentence_predicate(token):
    """The root of ``token``'s sentence when it is a predicate written after ``token``."""
    root = token.sent.root
    return root if root.i > token.i and root.pos_ in ("VERB", "NOUN", "ADJ", "AUX") else None


def _topic_scope(doc: Doc) -> int:
    """「A長官が、8月の…発射を含む情勢について議論を行った」: a topic (は) or a subject (が)
    closed by a 読点 is an argument of the sentence's predicate; it cannot sit inside a
    relative clause written after it (the parser hangs it on 含む). Returns the number
    repaired."""
    repaired = 0
    for token in doc:
        if token.dep_ not in ("nsubj", "obl", "nmod", "dislocated") or token.head.i <= token.i:
            continue
        case = [c for c in token.children if c.dep_ == "case" and c.i > token.i]
        if not case:
            continue
        last = case[-1]
        topic = last.text == "は"
        subject_comma = last.text == "が" and last.i + 1 < len(doc) and doc[last.i + 1].tag_.startswith("補助記号-読点")
        if not (topic or subject_comma):
            continue
        head = token.head
        if head.dep_ != "acl":
            continue
        root = _sentence_predicate(token)
        if root is None or root.i == head.i:
            continue
        token.head = root
        token.dep_ = "nsubj"
        repaired += 1
    return repaired


@Language.component(COMPONENT_NAME, requires=["token.dep", "token.head", "token.tag"], assigns=["token.dep"])
def kg_syntax(doc: Doc) -> Doc:
    """Repair parser readings that contradict Japanese grammar (see the module docstring)."""
    _conjunctive_clauses(doc)
    _topic_scope(doc)
    return doc
