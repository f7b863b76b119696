"""The NLP pipeline: GiNZA (``ja_ginza``) plus the domain component of ``kg.components``.

This is the only module that calls ``spacy.load``. ``parse_blocks`` parses body blocks and
splits those too long for Sudachi, joining the pieces so that offsets stay right.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import components, lexicon, syntax
from kg.errors import PipelineError

# Sudachi refuses inputs above 49,149 bytes; stay well under it.
MAX_BLOCK_BYTES = 40_000
MODEL_NAME = "ja_ginza"
# Components that only read the parse; they run again on a block joined from pieces.
_REBUILT_AFTER_JOIN = ("bunsetu_recognizer", "kg_syntax", "kg_domain")



def _code_hash() -> str:
    """Hash of the modules whose behaviour decides parses and facts (cache key part)."""
    import hashlib
    from importlib import resources

    digest = hashlib.sha256()
    for name in ("nlp.py", "syntax.py", "components.py", "extract.py", "dates.py", "lexicon.py", "normalise.py"):
        digest.update(resources.files("kg").joinpath(name).read_bytes())
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

    The pieces concatenate back to ``text`` exactly.
    """
    pieces: list[str] = []
    rest = text
    while len(rest.encode("utf-8")) > max_bytes:
        # the longest prefix within the byte budget
        low, high = 1, len(rest)
        while low < high:
            mid = (low + high + 1) // 2
            if len(rest[:mid].encode("utf-8")) <= max_bytes:
                low = mid
            else:
                high = mid - 1
        window = rest[:low]
        cut = max(window.rfind("。"), window.rfind("\n"))
        cut = cut + 1 if cut > 0 else low  # hard split as the last resort
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def parse_blocks(nlp: Language, texts: list[str]) -> list[Doc]:
    """One Doc per text (``nlp.pipe``); long texts are parsed in pieces and joined.

    Character offsets in each returned Doc equal offsets in its text.
    """
    flat: list[str] = []
    owners: list[int] = []
    for i, text in enumerate(texts):
        for piece in split_long_text(text):
            flat.append(piece)
            owners.append(i)
    parsed = list(nlp.pipe(flat))
    docs: list[Doc] = []
    for i, text in enumerate(texts):
        pieces = [doc for doc, owner in zip(parsed, owners) if owner == i]
        if len(pieces) == 1:
            docs.append(pieces[0])
            continue
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
        docs.append(joined)
    return docs
