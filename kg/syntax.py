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
        if token.dep_ not in ("acl", "dep") or token.pos_ not in ("VERB", "NOUN", "ADJ"):
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


_OPEN, _CLOSE = "(（", ")）"


def _bracket_pairs(doc: Doc) -> list[tuple[int, int]]:
    """(open, close) token indices of the outermost brackets of ``doc``."""
    pairs, stack = [], []
    for token in doc:
        if token.text in _OPEN:
            stack.append(token.i)
        elif token.text in _CLOSE and stack:
            start = stack.pop()
            if not stack:
                pairs.append((start, token.i))
    return pairs


def _brackets_are_asides(doc: Doc) -> int:
    """「…会談を行いました(我が方:A、先方:B)。」: material in brackets is an aside; it never
    governs the words outside it (the parser can make a name inside the sentence's root).
    The predicate written just before the bracket takes back what the bracket took."""
    repaired = 0
    for open_i, close_i in _bracket_pairs(doc):
        inside = range(open_i, close_i + 1)
        # the dependents of the bracket's tokens, not every token of the block per bracket
        outsiders = sorted({t for k in inside for t in doc[k].children if t.i not in inside}, key=lambda t: t.i)
        if not outsiders or open_i == 0:
            continue
        anchor = doc[open_i - 1]
        while anchor.dep_ in ("aux", "mark", "fixed", "cop") and anchor.head.i != anchor.i and anchor.head.i < open_i:
            anchor = anchor.head
        if anchor.pos_ not in ("VERB", "NOUN", "ADJ", "AUX", "PROPN") or anchor.i in inside:
            continue
        if anchor.head.i in inside:
            inner_root = anchor.head
            while inner_root.head.i in inside and inner_root.head.i != inner_root.i:
                inner_root = inner_root.head
            was_root = inner_root.head.i == inner_root.i
            anchor.head, anchor.dep_ = (anchor, "ROOT") if was_root else (inner_root.head, anchor.dep_)
            inner_root.head, inner_root.dep_ = anchor, "appos"
        for t in outsiders:
            if t.i != anchor.i and t.head.i in inside:
                t.head = anchor
        repaired += 1
    return repaired


def _report_formula(doc: Doc) -> int:
    """「A大臣は、BとC会談を行ったところ、概要(は)以下のとおり。」: the sentence ends in the
    formula of a report, whose noun (とおり) the parser makes the head of everything. The topic
    written before the ところ-clause is that clause's subject. Returns the number repaired."""
    roots = lexicon.cues("formula_root")
    words = lexicon.cues("conjunctive")
    repaired = 0
    for sent in doc.sents:
        root = sent.root
        if root.lemma_ not in roots and root.text not in roots:
            continue
        # the predicate of the conjunctive clause: 「行っ」 of 「行ったところ、」
        clause = None
        for token in sent:
            if token.i >= root.i:
                break
            nxt = token.i + 1
            while nxt < root.i and doc[nxt].dep_ in ("aux", "mark") and doc[nxt].text not in words:
                nxt += 1
            if token.pos_ in ("VERB", "NOUN") and nxt < root.i and doc[nxt].text in words and nxt > token.i + 1:
                clause = token
        if clause is None:
            continue
        topics = [
            t for t in sent
            if t.i < clause.i and t.head.i in (root.i, clause.i) and t.dep_ in ("nsubj", "obl", "nmod", "dislocated")
            and any(c.dep_ == "case" and c.text == "は" for c in t.children)
        ]
        if not topics:
            continue
        if clause.head.i != root.i:
            clause.head, clause.dep_ = root, "advcl"
        for topic in topics:
            if topic.head.i != clause.i:
                topic.head, topic.dep_ = clause, "nsubj"
                repaired += 1
    return repaired


def _normalised_lemmas(doc: Doc) -> int:
    """「行なう」「行なわれる」: an okurigana variant takes Sudachi's normalized form as its lemma
    when that form is a cue word, so the rules read one spelling. Returns the number changed."""
    words = lexicon.all_cue_words()
    changed = 0
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and token.norm_ != token.lemma_ and token.norm_ in words:
            token.lemma_ = token.norm_
            changed += 1
    # 「…会談を、…協議を、それぞれ行った」: 行った read as 行く (to go) takes no object marked
    # を; with one it is 行う (constructions.tsv object_reading: the intransitive reading, then
    # the transitive one)
    intransitive, transitive = lexicon.construction_words("object_reading")
    for token in doc:
        if token.lemma_ == intransitive and any(c.dep_ == "obj" and any(p.text == "を" for p in c.children) for c in token.children):
            token.lemma_ = transitive
            changed += 1
    return changed


def _blanks_are_transparent(doc: Doc) -> int:
    """「山川大使(Ambassador …)は」: an English gloss in brackets is blanked before parsing
    (kg.normalise); the run of blanks is one token the parser can make the subject, leaving the
    noun before it a fragment. A run of blanks is no word: the noun written before it takes
    back its head, its relation and its dependents (the case particle). Returns the number
    repaired."""
    repaired = 0
    for blank in doc[1:]:
        if len(blank.text) < 2 or blank.text.strip():
            continue
        noun = doc[blank.i - 1]
        if noun.pos_ not in ("NOUN", "PROPN") or noun.head.i not in (noun.i, blank.i):
            continue
        head, dep, is_root = blank.head, blank.dep_, blank.head.i == blank.i
        if not is_root and noun in list(head.ancestors) + [head]:
            continue
        movers = [t for t in blank.children if t.i != noun.i]
        noun.head, noun.dep_ = (noun, "ROOT") if is_root else (head, dep)
        for t in movers:
            t.head = noun
        blank.head, blank.dep_ = noun, "dep"
        repaired += 1
    return repaired


_GAPPED_CASES = ("が", "を")


def _case_of(token) -> str:
    """The case particle (が, を) written on ``token``, or ""."""
    return next((c.text for c in token.children if c.dep_ == "case" and c.text in _GAPPED_CASES), "")


def _case_then_comma(token) -> bool:
    """Whether the case particle on ``token`` is followed by a 読点 (「…次長が、」「…会談を、」)."""
    doc = token.doc
    case = next((c for c in token.children if c.dep_ == "case" and c.text in _GAPPED_CASES), None)
    return case is not None and case.i + 1 < len(doc) and doc[case.i + 1].tag_.startswith("補助記号-読点")


def _gapped_coordination(doc: Doc) -> int:
    """「日本側からAが、韓国側からBが、それぞれ議長を務めた」「AがXを、BがYを、それぞれ行った」:
    the predicate of the last conjunct is gapped from the ones before it. A phrase marked が or
    を cannot depend on a noun; when the parser hangs one on a noun (or on nothing after it),
    it takes the predicate of the next phrase after a 読点 marked with the same particle.
    Returns the number repaired."""
    repaired = 0
    for token in doc:
        case = _case_of(token)
        if not case or not _case_then_comma(token) or (token.head.pos_ in ("VERB", "ADJ", "AUX") and token.head.i > token.i):
            continue
        comma = False
        for other in doc[token.i + 1 :]:
            comma = comma or other.tag_.startswith("補助記号-読点")
            if other.text in "。「」":
                break
            if comma and _case_of(other) == case and other.head.pos_ in ("VERB", "ADJ") and other.head.i > other.i:
                predicate = other.head
                if predicate is not token and token not in list(predicate.ancestors):
                    token.head, token.dep_ = predicate, other.dep_
                    repaired += 1
                break
    return repaired


@Language.component(COMPONENT_NAME, requires=["token.dep", "token.head", "token.tag", "token.norm"], assigns=["token.dep", "token.lemma"])
def kg_syntax(doc: Doc) -> Doc:
    """Repair parser readings that contradict Japanese grammar (see the module docstring)."""
    _normalised_lemmas(doc)
    _blanks_are_transparent(doc)
    _brackets_are_asides(doc)
    _conjunctive_clauses(doc)
    _report_formula(doc)
    _topic_scope(doc)
    _gapped_coordination(doc)
    return doc
