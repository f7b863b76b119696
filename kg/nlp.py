"""The NLP pipeline: GiNZA (``ja_ginza``) plus the domain component of ``kg.components``.

This is the only module that calls ``spacy.load``. ``parse_blocks`` parses body blocks and
splits those too long for Sudachi, joining the pieces so that offsets stay right. It runs
the pipeline's components itself (see :func:`annotate`): the same components and the same
annotations as ``nlp.pipe``, with the named-entity recognizer decoded in numpy (a tenth
of its cost in spaCy's loop).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc

from kg import components, lexicon, syntax
from kg.errors import PipelineError

# Sudachi refuses inputs above 49,149 bytes; stay well under it.
MAX_BLOCK_BYTES = 40_000
# Pieces per batch: spaCy's default (1,000) held a whole long article's pieces and their
# parses in memory at once (3 GB for a 5 MB one-line page). A batch ends at this many
# pieces or once it holds PIPE_BATCH_CHARS characters, whichever comes first.
PIPE_BATCH_SIZE = 16
PIPE_BATCH_CHARS = 40_000
# The entity recognizer, decoded by _recognise_entities.
_DECODED_HERE = ("ner",)
MODEL_NAME = "ja_ginza"
# Components that only read the parse; they run again on a block joined from pieces.
_REBUILT_AFTER_JOIN = ("bunsetu_recognizer", "kg_syntax", "kg_domain")



def _code_hash(package=None) -> str:
    """Hash of the modules whose behaviour decides parses and facts (cache key part);
    ``package`` is the folder of ``kg`` (default: this installation's)."""
    import hashlib
    from importlib import resources

    package = package if package is not None else resources.files("kg")
    digest = hashlib.sha256()
    for name in ("nlp.py", "syntax.py", "components.py", "dates.py", "lexicon.py", "normalise.py"):
        digest.update(package.joinpath(name).read_bytes())
    # every module of the extractor, so editing any one of them invalidates the cache
    extract = package.joinpath("extract")
    for entry in sorted((e for e in extract.iterdir() if e.is_file()), key=lambda e: e.name):
        digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:12]


# Changes whenever the components, the extractor or the lexicons change.
PIPELINE_VERSION = f"{MODEL_NAME}+kg-{_code_hash()}-{lexicon.data_hash()}"


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """``ja_ginza`` with the domain component added; loaded once per process."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as err:
        raise PipelineError(
            f"cannot load the spaCy model {MODEL_NAME!r}: {err}; install it with "
            f"`pip install ja-ginza` (valid model: {MODEL_NAME})",
            code="E201",
        ) from err
    nlp.add_pipe(syntax.COMPONENT_NAME, last=True)
    nlp.add_pipe(components.COMPONENT_NAME, last=True)
    _use_numpy_products(nlp)
    return nlp


# The OpenBLAS functions that set its thread count, by the names numpy's wheels (scipy-openblas,
# 64-bit ints) and other builds give them.
_SET_THREADS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                "openblas_set_num_threads64_", "openblas_set_num_threads")


def _single_threaded_blas() -> bool:
    """Set the OpenBLAS that numpy loaded to one thread; False when there is none to set.

    With its default of a thread per CPU, OpenBLAS's threads spin for each small product and
    cost 3-12x the CPU of one thread on a shared machine; a build runs one model per process.
    """
    import ctypes

    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line})
    except OSError:
        return False
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _SET_THREADS:
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                return True
    return False


def _use_numpy_products(nlp: Language) -> None:
    """Compute the matrix products of GiNZA's layers with numpy (OpenBLAS, one thread)
    instead of thinc's blis, when numpy's OpenBLAS can be held to one thread.

    blis picks a slow kernel on this machine's CPU (17 GFLOPS against OpenBLAS's 70 on a
    768 x 768 product): tok2vec, half of a cold build's CPU, was mostly waiting on it. The sums
    run in another order, so the float32 tensors differ in their last bits (≈ 1e-5); not one
    annotation differed on 695 blocks of seeds, realdev, realdev2, tests/corpus and
    tests/regression (43,234 tokens), and tests/test_nlp_parse_blocks.py compares both.
    """
    from thinc.api import NumpyOps

    if not _single_threaded_blas():
        return
    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        for node in (model.walk() if hasattr(model, "walk") else ()):
            if type(node.ops) is NumpyOps:
                node.ops = ops


def split_long_text(text: str, max_bytes: int = MAX_BLOCK_BYTES) -> list[str]:
    """Pieces of ``text`` under ``max_bytes`` UTF-8 bytes, cut after 。 or a newline when possible.

    The pieces concatenate back to ``text`` exactly. Linear in the length of ``text``.
    """
    pieces: list[str] = []
    pos = 0
    # A character is at least one byte, so a piece never has more than max_bytes of them:
    # every search below looks at a window of at most max_bytes characters.
    while len(text) - pos > max_bytes or len(text[pos:].encode("utf-8")) > max_bytes:
        window = text[pos:pos + max_bytes]
        low, high = 1, len(window)  # the longest prefix within the byte budget
        while low < high:
            mid = (low + high + 1) // 2
            if len(window[:mid].encode("utf-8")) <= max_bytes:
                low = mid
            else:
                high = mid - 1
        window = window[:low]
        cut = max(window.rfind("。"), window.rfind("\n"))
        cut = cut + 1 if cut > 0 else low  # hard split as the last resort
        pieces.append(window[:cut])
        pos += cut
    pieces.append(text[pos:])
    return pieces


def iter_parsed_blocks(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """One Doc per text, in order, as they are parsed (see :func:`parse_blocks`).

    Pieces are annotated a batch at a time (``PIPE_BATCH_SIZE`` pieces or
    ``PIPE_BATCH_CHARS`` characters) and each text's pieces are joined as soon as its last
    one is parsed, so memory holds a batch and one text's pieces, not every piece of the
    input at once.
    """
    current: list[Doc] = []
    batch: list[tuple[str, Optional[str]]] = []  # (piece, its text if it is the text's last piece)
    size = 0
    for text in texts:
        split = split_long_text(text)
        for k, piece in enumerate(split):
            batch.append((piece, text if k == len(split) - 1 else None))
            size += len(piece)
            if len(batch) >= PIPE_BATCH_SIZE or size >= PIPE_BATCH_CHARS:
                yield from _parsed_batch(nlp, batch, current)
                batch, size = [], 0
    yield from _parsed_batch(nlp, batch, current)


def _parsed_batch(nlp: Language, batch: list[tuple[str, Optional[str]]], current: list[Doc]) -> Iterator[Doc]:
    """Annotate one batch of pieces; yield every text whose last piece is in it (``current``
    carries the pieces of a text that goes on in the next batch)."""
    if not batch:
        return
    for doc, (_, text) in zip(annotate(nlp, [piece for piece, _ in batch]), batch):
        current.append(doc)
        if text is not None:
            yield _join(nlp, current, text)
            current.clear()


def annotate(nlp: Language, texts: list[str]) -> list[Doc]:
    """The Docs of ``texts`` through every component of ``nlp``, as ``nlp.pipe`` makes them.

    The one difference is how the named-entity recognizer decodes. spaCy's greedy loop
    (``Parser.greedy_parse``) releases the GIL and then, in this build of spaCy, takes it
    back and drops it again in every call of a state accessor, a few times for each of the
    758 NER moves at every token: two thirds of the recognizer's time went to handing the GIL
    over, and the recognizer cost as much as tok2vec. :func:`_recognise_entities` scores
    the same states with spaCy's own step model and applies spaCy's validity rules in
    numpy, one sentence per state: the same scores, the same moves, the same entities
    (``tests/test_nlp_parse_blocks.py`` compares every annotation with ``nlp(text)``),
    at a tenth of the cost.
    """
    docs = [nlp.make_doc(text) for text in texts]
    for name, proc in nlp.pipeline:
        if name in _DECODED_HERE:
            _recognise_entities(proc, docs)
        elif hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=len(docs)))
        else:
            docs = [proc(doc) for doc in docs]
    return docs


# Moves of spaCy's BILUO entity recognizer, by the letter of their class names (B-Person…)
_BEGIN, _IN, _LAST, _UNIT, _OUT = range(5)
_MOVE_KINDS = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT, "O": _OUT}


class _Stuck(Exception):
    """A state with no valid move (spaCy then ends its document): decode the batch with spaCy."""


def _recognise_entities(proc, docs: list[Doc]) -> None:
    """Set the entities of ``docs`` as ``proc`` (spaCy's ``EntityRecognizer``) would.

    Greedy BILUO decoding in numpy (:func:`_entity_runs`). Documents with entities set
    before (none come out of GiNZA's tokenizer), a recognizer of another kind, classes the
    model never saw, or a state left without a valid move go through spaCy's own
    transitions instead (``proc.predict``).
    """
    from spacy.pipeline._parser_internals.ner import BiluoPushDown
    from spacy.tokens import Span

    live = [doc for doc in docs if len(doc)]
    runs = None
    if (isinstance(proc.moves, BiluoPushDown) and proc.cfg.get("beam_width", 1) == 1 and live
            and not any(doc.to_array("ENT_IOB").any() for doc in live)):
        try:
            runs = list(_entity_runs(proc, live))
        except _Stuck:
            runs = None
    if runs is None:
        proc.set_annotations(docs, proc.predict(docs))
        return
    ents: list[list[Span]] = [[] for _ in live]
    for i, start, end, label in sorted(runs):
        ents[i].append(Span(live[i], start, end, label=label))
    for doc, spans in zip(live, ents):
        doc.set_ents(spans, default="outside")


@lru_cache(maxsize=4)
def _move_table(proc):
    """The recognizer's moves, one per score column: (kinds, label numbers, label hashes,
    closed-state validity table, open-state validity table); see :func:`_entity_runs`."""
    import numpy

    kinds, names = [], []
    for i in range(proc.moves.n_moves):
        kind, _, label = proc.moves.get_class_name(i).partition("-")
        kinds.append(_MOVE_KINDS.get(kind, -1))
        names.append(label)
    kinds = numpy.array(kinds)
    numbers = {name: k for k, name in enumerate(sorted(set(names)))}
    label_no = numpy.array([numbers[name] for name in names])
    hashes = numpy.array([proc.vocab.strings[name] if name else 0 for name in names], dtype=numpy.uint64)
    labelled = hashes != 0
    # spaCy's is_valid of BiluoPushDown (ner.pyx) with no preset entity, as tables:
    # closed[room, next_starts, space]: no entity open; opened[label, room, next_starts]:
    # an entity of that label open. room: two or more tokens left in the document.
    closed = numpy.zeros((2, 2, 2, len(kinds)), dtype=bool)
    opened = numpy.zeros((len(numbers), 2, 2, len(kinds)), dtype=bool)
    for room in (0, 1):
        for starts in (0, 1):
            for space in (0, 1):
                closed[room, starts, space] = (
                    ((kinds == _BEGIN) & labelled & bool(room) & (not starts) & (not space))
                    | ((kinds == _UNIT) & labelled & (not space))
                    | (kinds == _OUT))
            for number in range(len(numbers)):
                same = labelled & (label_no == number)
                opened[number, room, starts] = (
                    ((kinds == _IN) & same & bool(room) & (not starts))
                    | ((kinds == _LAST) & same))
    return kinds, label_no, hashes, closed, opened


def _entity_runs(proc, docs: list[Doc]) -> Iterator[tuple[int, int, int, int]]:
    """(doc index, start, end, label hash) of every entity spaCy's greedy decoding finds.

    Each step scores the unfinished states with spaCy's own step model (the same three
    features — the next token, the open entity's first token and the previous token — and
    the same arithmetic as ``Parser.greedy_parse``) and takes the best-scoring move its
    ``is_valid`` allows. An entity never crosses a sentence start (B and I are not valid
    before one), so every sentence starts with no entity open and is decoded as a state of
    its own: the steps are as many as the longest sentence's tokens, not the longest block's.
    """
    import numpy

    from thinc.api import set_dropout_rate

    proc._ensure_labels_are_added(docs)
    set_dropout_rate(proc.model, 0.0)
    kinds, label_no, hashes, closed, opened = _move_table(proc)
    step_model = proc.model.predict(docs)
    if (step_model._class_mask == 0).any():
        raise _Stuck()  # spaCy gives unseen classes the batch's lowest score: keep its batches
    lengths = numpy.array([len(doc) for doc in docs])
    offsets = numpy.concatenate(([0], numpy.cumsum(lengths)[:-1]))
    total = int(lengths.sum())
    sent_start = numpy.concatenate([doc.to_array("SENT_START") for doc in docs]) == 1
    next_starts = numpy.append(sent_start[1:], False).astype(int)
    spaces = numpy.concatenate([doc.to_array("IS_SPACE") for doc in docs]).astype(bool).astype(int)
    doc_of = numpy.repeat(numpy.arange(len(docs)), lengths)
    doc_end = (offsets + lengths)[doc_of]  # per token: where its document ends
    room = (doc_end - numpy.arange(total) >= 2).astype(int)
    first = numpy.zeros(total, dtype=bool)
    first[offsets] = True
    starts = numpy.flatnonzero(first | sent_start)  # one state per sentence, by its first token
    ends = numpy.append(starts[1:], total)
    position = starts.copy()  # B(0) of each state, as a token of the batch
    opened_at = numpy.full(len(starts), -1)  # first token of the open entity, -1 when none
    opened_no = numpy.zeros(len(starts), dtype=int)
    active = numpy.arange(len(starts))
    while len(active):
        b = position[active]
        start = opened_at[active]
        is_open = start >= 0
        ids = numpy.full((len(active), 3), -1, dtype="i")
        ids[:, 0] = b
        ids[is_open, 1] = start[is_open]
        ids[is_open, 2] = b[is_open] - 1
        vector, _ = step_model.state2vec(ids, False)
        scores = step_model.vec2scores.predict(vector)
        valid = numpy.where(is_open[:, None], opened[opened_no[active], room[b], next_starts[b]],
                            closed[room[b], next_starts[b], spaces[b]])
        if not valid.any(axis=1).all():
            raise _Stuck()
        guess = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
        kind = kinds[guess]
        begins = kind == _BEGIN
        opened_at[active[begins]] = b[begins]
        opened_no[active[begins]] = label_no[guess[begins]]
        for k in numpy.flatnonzero((kind == _LAST) | (kind == _UNIT)):
            entity_start = b[k] if kind[k] == _UNIT else start[k]
            doc = doc_of[b[k]]
            yield (int(doc), int(entity_start - offsets[doc]), int(b[k] - offsets[doc]) + 1, int(hashes[guess[k]]))
            opened_at[active[k]] = -1
        position[active] += 1
        active = active[position[active] < ends[active]]


def _join(nlp: Language, pieces: list[Doc], text: str) -> Doc:
    """The Doc of ``text`` from the parses of its pieces."""
    if len(pieces) == 1:
        return pieces[0]
    # GiNZA's doc-level user data (bunsetu, clauses) cannot be merged: rebuild it, and
    # the domain mentions with it, by re-running the components that assign them.
    joined = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["user_data"])
    for name in _REBUILT_AFTER_JOIN:
        if name in nlp.pipe_names:
            joined = nlp.get_pipe(name)(joined)
    if joined.text != text:
        raise PipelineError(
            f"joining the parses of a long block changed its text ({len(text)} chars became "
            f"{len(joined.text)}); report this block",
            code="E202",
        )
    return joined


def parse_blocks(nlp: Language, texts: list[str]) -> list[Doc]:
    """One Doc per text (:func:`annotate` in small batches); long texts are parsed in
    pieces and joined. Character offsets in each returned Doc equal offsets in its text.
    """
    return list(iter_parsed_blocks(nlp, texts))
