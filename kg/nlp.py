"""The NLP pipeline: GiNZA (``ja_ginza``) plus the domain component of ``kg.components``.

This is the only module that calls ``spacy.load``. ``parse_blocks`` parses body blocks and
splits those too long for Sudachi, joining the pieces so that offsets stay right. It runs
the pipeline's components itself (see :func:`annotate`): the same components, the same
annotations as ``nlp.pipe``, with the named-entity recognizer's transition loop run
without releasing the GIL, which makes it about four times cheaper.
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
# Transition-based components whose greedy loop runs with the GIL held (see _greedy_states).
_GREEDY_HELD_GIL = ("ner",)
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
    return nlp


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

    The one difference is how the named-entity recognizer runs: spaCy's greedy loop
    (``Parser.greedy_parse``) releases the GIL and then, in this build of spaCy, takes it
    back and drops it again in every call of a state accessor, a few times for each of the
    758 NER moves at every token: 60 % of a realdev parse was spent handing the GIL over.
    :func:`_greedy_states` takes the same steps through spaCy's own step model and
    ``transition_states`` with the GIL held: the same scores, the same moves, the same
    entities (``tests/test_nlp_parse_blocks.py`` compares every annotation with ``nlp``).
    """
    docs = [nlp.make_doc(text) for text in texts]
    for name, proc in nlp.pipeline:
        if name in _GREEDY_HELD_GIL:
            proc.set_annotations(docs, _greedy_states(proc, docs))
        elif hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=len(docs)))
        else:
            docs = [proc(doc) for doc in docs]
    return docs


def _greedy_states(proc, docs: list[Doc]) -> list:
    """The final states of a transition-based component on ``docs``: what
    ``Parser.greedy_parse`` computes, one step at a time from Python."""
    from thinc.api import set_dropout_rate

    if proc.cfg.get("beam_width", 1) != 1 or not any(len(doc) for doc in docs):
        return proc.predict(docs)  # beam search (not GiNZA's), or nothing to parse
    proc._ensure_labels_are_added(docs)
    set_dropout_rate(proc.model, 0.0)
    batch = proc.moves.init_batch(docs)
    step_model = proc.model.predict(docs)
    states = [state for state in batch if not state.is_final()]
    while states:
        states = proc.transition_states(states, step_model.predict(states))
    step_model.clear_memory()
    return batch


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
