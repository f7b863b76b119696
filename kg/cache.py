"""On-disk cache of parsed blocks (spaCy ``DocBin``) and per-article facts (pickle).

Layout under the cache root (``cache_dir`` or ``$KG_CACHE_DIR`` or
``~/.cache/kaigi-kg``)::

    docs/ab/abcdef….spacy     one parsed body block, keyed by sha256(version, block text)
    facts/ab/abcdef….pickle   one article's DocumentFacts, keyed by the caller's key

Writers go through a temporary file and ``os.replace`` so concurrent builds (``-j N``,
Dask workers sharing a folder) never see half-written entries. A corrupt or unreadable
entry reads as a miss and is overwritten by the next write; an unwritable cache folder
only costs speed (``store_*`` return False).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

CACHE_ENV = "KG_CACHE_DIR"
_DOCS = "docs"
_FACTS = "facts"


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR`` if set, else ``~/.cache/kaigi-kg``."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path.home() / ".cache" / "kaigi-kg"


def content_key(*parts: str) -> str:
    """sha256 hex digest of ``parts`` joined unambiguously (NUL-separated)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _umask() -> int:
    # Read once: os.umask can only be read by setting it, which is racy between threads.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder and ``os.replace``
    (mode as for a normal new file); raises OSError, leaving no temp file behind.

    Like ``kg.export.atomic_write_text``, but free of rdflib, so an up-to-date rebuild
    stays import-light."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _store(path: Path, data: bytes) -> bool:
    # The cache is an optimisation: an unwritable folder costs speed, never the build.
    try:
        atomic_write_bytes(path, data)
    except OSError:
        return False
    return True


def _is_extension_key(key: Any) -> bool:
    # spaCy keeps Doc/Token/Span._ values in user_data under ("._.", name, start, end).
    return isinstance(key, tuple) and len(key) > 0 and key[0] == "._."


def extension_components(nlp) -> list[tuple[str, Any]]:
    """The pipes of ``nlp`` that declare (``assigns``) custom ``._.`` attributes."""
    return [(name, pipe) for name, pipe in nlp.pipeline
            if any("._." in attr for attr in nlp.get_pipe_meta(name).assigns)]


class BuildCache:
    """Parsed blocks and article facts stored under ``root``; ``version`` (the NLP
    pipeline's, ``kg.nlp.PIPELINE_VERSION``) is part of every parse key, so a new pipeline
    never reads old parses. Facts are stored under keys the caller derives."""

    def __init__(self, root: Optional[Path], version: str = ""):
        self.root = Path(root) if root is not None else default_cache_dir()
        self.version = version

    # ------------------------------------------------------------ parsed blocks

    def block_key(self, text: str) -> str:
        """Cache key of one body block's parse."""
        return content_key("block", self.version, text)

    def _doc_path(self, key: str) -> Path:
        return self.root / _DOCS / key[:2] / f"{key}.spacy"

    def load_doc(self, text: str, nlp) -> Any:
        """The cached parse of ``text`` as ``nlp(text)`` would return it, or None when
        absent or unreadable. Custom-extension values are not stored (they need not be
        serialisable), so the components that assign them are run again here."""
        from spacy.tokens import DocBin

        path = self._doc_path(self.block_key(text))
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            docs = list(DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab))
        except Exception:  # corrupt entry: any failure to decode is a miss
            return None
        if len(docs) != 1 or docs[0].text != text:
            return None
        doc = docs[0]
        for _, component in extension_components(nlp):
            doc = component(doc)
        return doc

    def store_doc(self, text: str, doc) -> bool:
        """Store the parse of ``text``: annotations, spans and GiNZA's user data
        (bunsetu, readings), without custom-extension values."""
        from spacy.tokens import DocBin

        plain = doc.copy()
        plain.user_data = {k: v for k, v in doc.user_data.items() if not _is_extension_key(k)}
        bin_ = DocBin(store_user_data=True)
        bin_.add(plain)
        return _store(self._doc_path(self.block_key(text)), bin_.to_bytes())

    # ------------------------------------------------------------ article facts

    def _facts_path(self, key: str) -> Path:
        return self.root / _FACTS / key[:2] / f"{key}.pickle"

    def load_facts(self, key: str) -> Any:
        """The facts stored under ``key`` or None when absent or unreadable."""
        try:
            data = self._facts_path(key).read_bytes()
        except OSError:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # corrupt or written by incompatible code: a miss
            return None

    def store_facts(self, key: str, facts: Any) -> bool:
        """Store ``facts`` (any picklable record) under ``key``; False if not writable."""
        return _store(self._facts_path(key), pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL))
