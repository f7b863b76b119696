"""The predicate a word belongs to, its chain and tense, and what it says of its subject
(takes part, serves as head or chair, gathered)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.components import DomainMention, doc_text
from kg.extract.sentences import Sentence
from kg.extract.token_patterns import token_pattern


def predicate_of(token):
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


def through_since_clause(pred):
    """The predicate a clause of the last time attaches to (「…の際に開催して以来、約2か月ぶりと
    なる会合を開催した」: 以来 → the second 開催), or ``pred`` itself."""
    since = pred.head
    if pred.dep_ == "advcl" and since.i != pred.i and since.lemma_ in lexicon.cues("since") and since.head.i != since.i:
        return predicate_of(since.head)
    return pred


def serves_as_head(pred) -> bool:
    """「…が首席代表を務めた」「共同議長を務めた」: serving as head of a delegation."""
    if pred.i < 2 or not token_pattern("serving").matches(pred):
        return False
    before = doc_text(pred.doc)[max(0, pred.doc[pred.i - 1].idx - 6) : pred.doc[pred.i - 1].idx]
    return any(before.endswith(word) for word in lexicon.cues("head"))


def serves_as_chair(pred) -> bool:
    """「議長を務めた」「進行役を務め」: the chair of a meeting takes part in it."""
    if pred.i < 2 or not token_pattern("serving").matches(pred):
        return False
    before = doc_text(pred.doc)[max(0, pred.doc[pred.i - 1].idx - 6) : pred.doc[pred.i - 1].idx]
    return any(before.endswith(word) for word in lexicon.cues("chair"))


def says_gathered(pred) -> bool:
    """「顔をそろえた」「顔を合わせた」: people met (not 「顔を見せた」 at a reception)."""
    return token_pattern("gathered").matches(pred)


def takes_part(pred) -> bool:
    """Does the predicate say its subject took part (出席, 参加, 会談をした, gathered)?"""
    if pred.lemma_ == "する":
        # 「立ち話をした」「懇談をした」: a meeting word as the object of the light verb
        return token_pattern("meeting_as_object").matches(pred)
    return pred.lemma_ in lexicon.cues("participation") or says_gathered(pred)


# 「会合に臨んだのは、日本側がA、B、フランス側がCの4人」: who took part, as a cleft
CLEFT = lexicon.construction_pattern("cleft")


def lexical(pred):
    """The word a light verb carries: 「明らかにした」 → 明らか, 「説明した」 → 説明."""
    doc = pred.doc
    if pred.lemma_ in lexicon.construction_words("lexical_light_verb") and pred.i > 0:
        prev = doc[pred.i - 1]
        if prev.lemma_ in lexicon.construction_words("lexical_light_link") and pred.i > 1:
            prev = doc[pred.i - 2]
        if prev.pos_ in ("NOUN", "ADJ", "VERB"):
            return prev
    return pred


def coordinated_heads(pred) -> list:
    """Predicates a continuative clause leads into: 「訪問し、…会談した」 → 会談."""
    heads = []
    token = pred
    for _ in range(3):
        if token.dep_ not in ("advcl", "conj") or token.head.i == token.i:
            break
        token = token.head
        heads.append(token)
    return heads


def in_relative_clause(token) -> bool:
    """Whether ``token`` belongs to a relative clause (its verb or the auxiliaries after it:
    「開かれている」 → 開か, れ, て, いる all modify the noun that follows)."""
    for _ in range(4):
        if token.dep_ == "acl":
            return True
        if token.dep_ not in ("aux", "fixed", "mark", "cop") or token.head.i == token.i:
            return False
        token = token.head
    return False


def reaches(pred, target) -> bool:
    """Is ``target`` the predicate or one coordinated with it?"""
    return pred.i == target.i or any(h.i == target.i for h in coordinated_heads(pred))


def predicate_chain(pred) -> list:
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


def past_marker(token) -> bool:
    """The past auxiliary た/だ, whatever part of speech the parser gave it (before ところ it
    comes out as SCONJ: 「会談を行ったところ、概要は以下のとおり」)."""
    return token.lemma_ in lexicon.construction_words("past_auxiliary") and (token.pos_ == "AUX" or token.tag_.startswith("助動詞"))


READOUT_TAIL_CHARS = 3  # 「…以下のとおりです」: at most a copula after the formula


def _readout_formula_follows(doc, after: int) -> bool:
    """Whether the sentence going on at token ``after`` ends in a readout formula (furniture.tsv
    ``prose_end``: 「…は以下のとおり。」「…は次のとおりです。」) with nothing but a copula after it."""
    text = doc_text(doc)
    start = doc[after].idx
    end = text.find("。", start)
    clause = (text[start:end] if end >= 0 else text[start:]).rstrip()
    return any(term in clause and len(clause) - clause.rfind(term) - len(term) <= READOUT_TAIL_CHARS
               for term in lexicon.furniture_terms().get("prose_end", ()))


def headline_style_end(token) -> bool:
    """A word that ends its clause in headline style: a block without any sentence end (a list
    item 「12月3日　A、Bと会談　協力を確認」, a headline) and the word followed by its end, a blank,
    a bracket or a 読点. Headlines report what happened in the non-past (「…に臨む」「…と会談」)."""
    doc = token.doc
    # (the block's text joined once per Doc: this runs for every predicate of a long block)
    if any(mark in doc_text(doc) for mark in "。！？!?"):
        return False
    if not any(m.label == "PERSON" and m.end <= token.idx for m in doc._.kg_mentions):
        return False  # a heading naming a meeting (「1 防衛相会談」) reports nobody's act
    chain = predicate_chain(token) if token.pos_ == "VERB" else [token]
    if not any(t.pos_ == "ADP" or t.text == "、" for t in _line_before(doc, chain[0].i)):
        return False  # a bare name with nothing said of it (a heading 「1 防衛相会談」) reports nothing
    after = chain[-1].i + 1
    return after >= len(doc) or not doc[after].text.strip() or doc[after].text in "(（、"


def _line_before(doc: Doc, i: int, limit: int = 40):
    """The tokens of the line before token ``i``, nearest first, at most ``limit`` of them (a list
    item or headline is short; the bound keeps a long block linear)."""
    for j in range(i - 1, max(-1, i - 1 - limit), -1):
        if "\n" in doc[j].text:
            return
        yield doc[j]


def ends_sentence(token) -> bool:
    """Whether the word closes its sentence: 「。」 right after it, or after one bracketed aside
    (「…と会談（於：防衛省）。」「…と電話会談（約30分）。」)."""
    doc = token.doc
    after = token.i + 1
    if after < len(doc) and doc[after].text in ("(", "（"):
        while after < len(doc) and doc[after].text not in (")", "）", "。"):
            after += 1
        after += 1
    return after < len(doc) and doc[after].text == "。"


def is_past(pred) -> bool:
    """Does the predicate's chain say it happened (past, or news style ending on a verbal noun)?"""
    chain = predicate_chain(pred)
    if any(past_marker(t) for t in chain[1:]):
        return True
    if _attending_now(pred):
        return True  # 「会合には各国の代表が出席している」: attendance going on as reported has happened
    if _perfect_of_past_time(pred):
        return True  # 「前日にソウルで…と会談している」: talks done at a time before the story
    if headline_style_end(pred) or (pred.dep_ in ("advcl", "conj") and headline_style_end(pred.sent.root)):
        return True
    after = chain[-1].i + 1
    if pred.pos_ == "NOUN" and ends_sentence(pred):
        return True  # news style ending on a verbal noun: 「…で首脳会談を開催。」「…と会談(於:防衛省)。」
    # a continuative form (開き、…合意した) takes the tense of the sentence it joins,
    # whatever head the parser gave it
    after = chain[-1].i + 1
    if after < len(pred.doc) and pred.doc[after].text == "、" and _readout_formula_follows(pred.doc, after):
        return True  # 「…協議が開催され、出席者は以下のとおり。」: a readout reports what took place
    if after < len(pred.doc) and pred.doc[after].text == "、" and pred.sent.root.i == pred.i:
        # the parser cut the sentence after a continuative 「行われ、」: the written sentence's
        # own final word says the tense (「…協議が行われ、日本側から…が出席した。」)
        end = after
        while end < len(pred.doc) and pred.doc[end].text not in ("。", "\n"):
            end += 1
        if end > after + 1 and past_marker(pred.doc[end - 1]):
            return True
    if after < len(pred.doc) and pred.doc[after].text == "、" and pred.sent.root.i != pred.i:
        root = pred.sent.root
        if any(past_marker(t) for t in predicate_chain(root)[1:]):
            return True
        # the parser can cut a long sentence into pieces whose roots are nouns: the sentence's
        # own final word then says the tense (「…を開き、…立場を再確認した。」)
        if root.pos_ in ("NOUN", "PROPN"):
            end = after
            while end < len(pred.doc) and pred.doc[end].text != "。":
                end += 1
            if past_marker(pred.doc[end - 1]):
                return True
        if pred.dep_ == "dep":
            # the parser left the continuative clause unattached (「会談を行い、引き続き昼食会を
            # 行ったところ、」): it takes the tense of the next predicate that carries one
            following = next_finite_predicate(pred, after)
            return following is not None and any(past_marker(t) for t in predicate_chain(following)[1:])
        if pred.dep_ not in ("advcl", "conj"):
            return False
    if pred.dep_ in ("advcl", "conj") and pred.head.i != pred.i:
        # a continuative clause takes the tense of the first finite predicate it joins:
        # 「会談を行い、…を確認するとともに、…意見交換を行ったところ、」 is past
        token = pred.head
        for _ in range(10):
            if token.pos_ in ("VERB", "AUX") or any(c.dep_ in ("aux", "cop") for c in token.children):
                chain = predicate_chain(token)
                if any(past_marker(t) for t in chain[1:]):
                    return True
            if token.dep_ == "ROOT" or token.head.i == token.i or token.dep_ not in ("advcl", "conj"):
                break
            token = token.head
        while token.dep_ != "ROOT" and token.head.i != token.i:
            token = token.head
        root_chain = predicate_chain(token)
        return any(past_marker(t) for t in root_chain[1:])
    return False


def _attending_now(pred) -> bool:
    """Attendance in the progressive (〜ている on an attendance verb, constructions.tsv
    ``progressive``): the meeting is going on, so it has been held. Only an attendance verb:
    the progressive of a reporting verb (「…行われると報告を受けている」「…と聞いている」) is the
    reporter's state, and the clause it reports keeps its own tense."""
    if pred.pos_ != "VERB" or pred.lemma_ not in lexicon.cues("attend"):
        return False
    text = doc_text(pred.doc)
    return bool(lexicon.construction_pattern("progressive").match(text[pred.idx + len(pred.text) : pred.idx + len(pred.text) + 8]))


def _perfect_of_past_time(pred) -> bool:
    """Talks in the progressive (〜ている, ``progressive``) with a time before the story among
    their arguments (cues ``past_time``: 前日, 昨日, 先月 …) are a perfect: they have happened."""
    if pred.lemma_ not in lexicon.cues("talks"):
        return False
    text = doc_text(pred.doc)
    if not lexicon.construction_pattern("progressive").match(text[pred.idx + len(pred.text) : pred.idx + len(pred.text) + 8]):
        return False
    return any(c.dep_ in ("obl", "advmod", "nmod") and c.text in lexicon.cues("past_time") for c in pred.children)


def next_finite_predicate(pred, start: int):
    """The first verb from token ``start`` to the end of ``pred``'s sentence that an auxiliary
    follows (a verb without one — an adverbial 「引き続き」, another continuative — is skipped)."""
    doc = pred.doc
    for token in doc[start : pred.sent.end]:
        if token.text == "。":
            break
        if token.pos_ == "VERB" and len(predicate_chain(token)) > 1:
            return token
    return None


def is_verbal(doc: Doc, m: DomainMention) -> bool:
    """Is the mention a verbal noun used with する (「会談する」)?"""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.end < len(doc) and doc[span.end].lemma_ == "する"


def meeting_clause_between(sentence: Sentence, start: int, end: int) -> bool:
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


def held_clause(pred) -> bool:
    """Does the clause of the predicate say the meeting was held (not planned, not denied)?"""
    chain = predicate_chain(pred)
    lemmas = {t.lemma_ for t in chain} | {t.text for t in chain}
    if lemmas & lexicon.cues("negation"):
        return False
    if pred.head.i != pred.i and pred.dep_ in ("acl", "nmod", "compound"):
        lemmas.add(pred.head.lemma_)
    if lemmas & lexicon.cues("planned"):
        return False
    return is_past(pred)


def linear_predicate(sentence: Sentence, span: Span):
    """The first predicate after ``span`` in the sentence outside relative clauses, or None."""
    doc = sentence.doc
    for token in doc[span.end : sentence.span.end]:
        if in_relative_clause(token):
            continue  # a relative clause modifies a noun further on
        if _opens_predicate(doc, token):
            return token
    return None


def meeting_predicate(sentence: Sentence, span: Span):
    """The predicate of a meeting mention: ``predicate_of`` its last token, except that a meeting
    the parser made the subject of a nominal predicate further on (「協議は12日に開かれ、出席したの
    は…局長だった」: 協議 → 局長だった) is the subject of the continuative verb written first after
    it: the topic of a sentence is the subject of every clause it leads into."""
    pred = predicate_of(span[-1])
    if pred.pos_ == "VERB" or span.root.dep_ != "nsubj" or not is_topic(sentence.doc, span):
        return pred
    linear = linear_predicate(sentence, span)
    if linear is None or linear.pos_ != "VERB" or linear.i >= pred.i or linear.dep_ != "advcl":
        return pred
    after = predicate_chain(linear)[-1].i + 1
    return linear if after < len(sentence.doc) and sentence.doc[after].text in ("、", ",") else pred


def _opens_predicate(doc: Doc, token) -> bool:
    """A verb, or a verbal noun before する; not the first part of a compound predicate
    (「電話会談し」: 電話 belongs to the 会談 after it), nor the verb of a compound particle
    (「…にわたり」「…について」「…に対して」: fixed to the particle before it)."""
    if token.dep_ == "compound" and token.head.i > token.i:
        return False
    if token.dep_ == "fixed" and token.head.i < token.i and token.head.pos_ == "ADP":
        return False
    return token.pos_ == "VERB" or (token.pos_ == "NOUN" and token.i + 1 < len(doc) and doc[token.i + 1].lemma_ == "する")


def next_predicate(sentence: Sentence, span: Span):
    """The first predicate after the person's bunsetu, outside quoted speech and outside
    other recognised names (an unknown name can be mis-tagged as a verb)."""
    doc = sentence.doc
    end_token = span[-1]
    following = doc[end_token.i + 1] if end_token.i + 1 < len(doc) else None
    if following is None or following.text not in lexicon.construction_words("person_phrase_end"):
        return None
    covered = [
        (m.start, m.end) for m in sentence.mentions
        if m.label in ("PERSON", "INSTITUTION", "SIDE") or (m.label == "MEETING" and not m.generic)
    ]
    for token in doc[end_token.i + 1 : sentence.span.end]:
        if sentence.quoted(token.idx, token.idx + 1):
            return None
        if any(s <= token.idx < e for s, e in covered) or in_relative_clause(token):
            continue  # other names; a relative clause modifies a noun further on
            # (「…会議が開かれているパリで」: the hosting conference is where, not what)
        if _opens_predicate(doc, token):
            return token
    return None


def is_topic(doc: Doc, span: Span) -> bool:
    """Is ``span`` marked as topic or subject (は, が, も)?"""
    return span.end < len(doc) and doc[span.end].text in lexicon.construction_words("topic_marker")


def not_subject_written(sentence: Sentence, pred) -> bool:
    """No subject or topic is written for ``pred`` (「…を目的に、B、Cとも会談を行いました」): a
    は/が before it marks none but a time (「7日は」)."""
    doc = sentence.doc
    for token in doc[sentence.span.start : pred.i]:
        if (
            token.text in lexicon.construction_words("subject_marker") and token.dep_ == "case" and not sentence.quoted(token.idx, token.idx + 1)
            and not is_time_word(token.head) and not _adjunct_topic(token)
        ):
            return False
    return not any(c.dep_ == "nsubj" and not is_time_word(c) for c in pred.children)


def _adjunct_topic(token) -> bool:
    """「会場では」「午後には」: は after a case particle topicalises a place or a time (an
    adjunct, ``adjunct_topic``), not the subject."""
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].pos_ == "ADP" and doc[token.i - 1].text in lexicon.construction_words("adjunct_topic")


def is_time_word(token) -> bool:
    """「7日は」「同日は」「午後は」: a time word (ENE Date/Time/Timex/Period…), not a subject."""
    return token.pos_ == "NUM" or token.ent_type_.startswith(("Date", "Time", "Timex", "Period", "Day"))
