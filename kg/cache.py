"""On-disk cache of parsed blocks (spaCy ``DocBin``) and per-article facts (JSON).

Layout under the cache root (``cache_dir`` or ``$KG_CACHE_DIR`` or
``~/.cache/kaigi-kg``)::

    docs/ab/abcdef….spacy     one parsed body block, keyed by sha256(version, block text)
    facts/ab/abcdef….json     one article's DocumentFacts, keyed by the caller's key

Nothing read from the cache can run code: facts are JSON decoded field by field into the
record types of :mod:`kg.records` (a value of the wrong type is a miss), parses are DocBin
bytes (msgpack, no pickle). Every entry starts with a header holding the sha256 of its
key and payload, so a corrupt, truncated, zeroed, edited or swapped entry (one stored
under another key) reads as a miss and is overwritten by the next write.

Writers go through a temporary file and ``os.replace`` so concurrent builds (``-j N``,
Dask workers sharing a folder) never see half-written entries. An unwritable cache
folder only costs speed (``store_*`` return False).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
import tempfile
import types
import typing
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from kg.records import DocumentFacts

CACHE_ENV = "KG_CACHE_DIR"
_DOCS = "docs"
_FACTS = "facts"
# First line of every entry; the second is the sha256 of key and payload.
ENTRY_MAGIC = b"kaigi-kg cache entry 2\n"


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
def umask() -> int:
    """The process umask (read once)."""
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
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp creates 0600
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _store(path: Path, key: str, payload: bytes) -> bool:
    # The cache is an optimisation: an unwritable folder costs speed, never the build.
    try:
        atomic_write_bytes(path, seal(key, payload))
    except OSError:
        return False
    return True


# A cache entry larger than this is not one this program wrote (the largest, the facts of a
# 100,000-character article, are a few MB): a miss, never read into memory.
MAX_ENTRY_BYTES = 64 << 20


def _load(path: Path, key: str) -> Optional[bytes]:
    try:
        data = read_regular(path, MAX_ENTRY_BYTES)
    except (OSError, ValueError):
        return None  # missing, a FIFO or device, too large: a miss like any damaged entry
    return unseal(key, data)


def read_regular(path: os.PathLike | str, limit: int) -> bytes:
    """The bytes of ``path`` if it is (or links to) a regular file of at most ``limit`` bytes.

    Raises ``ValueError`` with a one-line reason for a FIFO, socket or device (which could
    block forever or never end, like ``/dev/zero``) and for a larger file, without reading
    it; ``OSError`` when it cannot be opened or read. Opened without blocking, so a FIFO
    with no writer is refused at once.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file (a pipe, socket or device)")
        if info.st_size > limit:
            raise ValueError(f"too large ({info.st_size:,} bytes > limit {limit:,})")
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while being read
        raise ValueError(f"too large (more than limit {limit:,} bytes)")
    return data


def _digest(key: str, payload: bytes) -> bytes:
    return hashlib.sha256(key.encode("utf-8") + b"\0" + payload).hexdigest().encode("ascii")


def seal(key: str, payload: bytes) -> bytes:
    """A cache entry: the magic line, the sha256 of ``key`` and ``payload``, the payload."""
    return ENTRY_MAGIC + _digest(key, payload) + b"\n" + payload


def unseal(key: str, data: bytes) -> Optional[bytes]:
    """The payload of an entry written by :func:`seal` for ``key``, or None when the entry
    is damaged, edited, of another format or stored under another key."""
    if not data.startswith(ENTRY_MAGIC):
        return None
    digest, newline, payload = data[len(ENTRY_MAGIC):].partition(b"\n")
    if not newline or digest != _digest(key, payload):
        return None
    return payload


# ---------------------------------------------------------------- records as JSON


def record_to_json(record: Any) -> bytes:
    """A frozen record of :mod:`kg.records` (nested records, tuples, plain values) as JSON."""
    return json.dumps(dataclasses.asdict(record), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def record_from_json(cls: type, data: bytes) -> Any:
    """The ``cls`` record that :func:`record_to_json` wrote; ValueError when ``data`` does
    not have exactly its fields with values of the declared types."""
    return _decode(cls, json.loads(data.decode("utf-8")))


@lru_cache(maxsize=None)
def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _decode(kind: Any, value: Any) -> Any:
    if dataclasses.is_dataclass(kind):
        fields = _field_types(kind)
        if not isinstance(value, dict) or set(value) != set(fields):
            raise ValueError(f"not a {kind.__name__} record")
        return kind(**{name: _decode(fields[name], value[name]) for name in fields})
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]  # only Optional[X] occurs in records
        return _decode(inner, value)
    if origin is tuple:
        if not isinstance(value, list):
            raise ValueError("expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in value)
        if len(args) != len(value):
            raise ValueError("wrong tuple length")
        return tuple(_decode(a, item) for a, item in zip(args, value))
    if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if kind in (str, int, bool) and type(value) is kind:
        return value
    raise ValueError(f"expected {kind}, got {type(value).__name__}")


def _is_extension_key(key: Any) -> bool:
    # spaCy keeps Doc/Token/Span._ values in user_data under ("._.", name, start, end).
    return isinstance(key, tuple) and len(key) > 0 and key[0] == "._."


def extension_components(nlp) -> list[tuple[str, Any]]:
    """The pipes of ``nlp`` that declare (``assigns``) custom ``._.`` attributes."""
    return [(name, pipe) for name, pipe in nlp.pipeline
            if any("._." in attr for attr in nlp.get_pipe_meta(name).assigns)]


@lru_cache(maxsize=1)
def _look_up_msgpack_extensions_once() -> None:
    """srsly looks up its msgpack encoder and decoder registries in every installed package's
    entry points for each packer and unpacker it makes (four per stored parse, a scan of all
    installed distributions each): when no package adds any, it stops looking (the same
    encoders and decoders, from its own registrations)."""
    from srsly.msgpack import msgpack_decoders, msgpack_encoders

    for registry in (msgpack_encoders, msgpack_decoders):
        if registry.entry_points and not registry.get_entry_points():
            registry.entry_points = False


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

        key = self.block_key(text)
        data = _load(self._doc_path(key), key)
        if data is None:
            return None
        _look_up_msgpack_extensions_once()
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

        _look_up_msgpack_extensions_once()
        bin_ = DocBin(store_user_data=True)
        # The Doc itself with its user data filtered for the moment (a copy deep-copied
        # every token's GiNZA data: a third of the cost of storing).
        user_data = doc.user_data
        doc.user_data = {k: v for k, v in user_data.items() if not _is_extension_key(k)}
        try:
            bin_.add(doc)
        finally:
            doc.user_data = user_data
        key = self.block_key(text)
        return _store(self._doc_path(key), key, bin_.to_bytes())

    # ------------------------------------------------------------ article facts

    def _facts_path(self, key: str) -> Path:
        return self.root / _FACTS / key[:2] / f"{key}.json"

    def load_facts(self, key: str, kind: type = DocumentFacts) -> Any:
        """The ``kind`` record stored under ``key`` or None when absent, damaged or not a
        valid ``kind`` (decoded as data: nothing in the entry can run code)."""
        data = _load(self._facts_path(key), key)
        if data is None:
            return None
        try:
            return record_from_json(kind, data)
        except (ValueError, TypeError, UnicodeDecodeError, RecursionError):
            return None

    def store_facts(self, key: str, facts: Any) -> bool:
        """Store ``facts`` (a record of :mod:`kg.records`) under ``key``; False if not writable."""
        return _store(self._facts_path(key), key, record_to_json(facts))
