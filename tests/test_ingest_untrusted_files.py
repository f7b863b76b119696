"""Files a corpus folder can hold that must not hang, cross-wire or bloat a build: sidecars
found by the article's real (byte) name, sidecars and cache entries read only when they are
regular files of bounded size, capped metadata fields, names that differ only in Unicode
normalisation, and the 5 % share of control *bytes* that makes a file binary."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cache import _load, seal
from kg.errors import InputError
from kg.ingest import MAX_FIELD_CHARS, load_article
from kg.namespace import KGO
from kg.pipeline import build_corpus
from kg.validate import validate

from conftest import SEEDS, TEST_CACHE

SEED_FILES = sorted(SEEDS.glob("*.txt"))
TEXT = "日米両政府は3日、東京で外務・防衛担当閣僚協議を開き、拡大抑止の強化で一致した。\n"


def _raw(folder: Path, name: bytes) -> Path:
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + name))


def _sidecar(path: Path, **meta) -> None:
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    "stem",
    [b"caf\xe9", b"back\\slash", b"tab\there", b"\x8a\x4f\x96\xb1"],
    ids=["latin-1 byte", "backslash", "control character", "shift_jis bytes"],
)
def test_ingest_untrusted_files_sidecar_is_found_by_the_real_name(tmp_path, stem):
    article = _raw(tmp_path, stem + b".txt")
    article.write_text(TEXT, encoding="utf-8")
    _sidecar(_raw(tmp_path, stem + b".meta.json"), title="本物の見出し", published="2024-05-01")
    # A different file whose *name* is the escaped form of the article's name.
    escaped = os.fsencode(load_article(article).doc_id)
    if escaped != stem:
        _sidecar(_raw(tmp_path, escaped + b".meta.json"), title="別の記事の見出し", published="1999-01-01")
    loaded = load_article(article)
    assert (loaded.title, loaded.published) == ("本物の見出し", "2024-05-01")
    assert loaded.warnings == ()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    os.symlink("/dev/zero", path)


def _huge(path: Path) -> None:
    with open(path, "wb") as handle:  # 40 MB, sparse: nothing written to disk
        handle.truncate(40 * 1024 * 1024)


def _in_time(function, *args, seconds: float = 20):
    result: list = []
    thread = threading.Thread(target=lambda: result.append(function(*args)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "still reading"
    return result[0]


@pytest.mark.parametrize(("make", "reason"), [
    (_fifo, "not a regular file (a pipe, socket or device)"),
    (_dev_zero, "not a regular file (a pipe, socket or device)"),
    (_huge, "too large (41,943,040 bytes > limit 65,536)"),
], ids=["fifo", "/dev/zero", "40 MB"])
def test_ingest_untrusted_files_odd_sidecar_is_one_warning(tmp_path, make, reason):
    article = tmp_path / "記事.txt"
    article.write_text(TEXT, encoding="utf-8")
    make(tmp_path / "記事.meta.json")
    loaded = _in_time(load_article, article)
    assert loaded.warnings == (f"[W104] sidecar 記事.meta.json unreadable ({reason}); loaded without metadata",)


def test_ingest_untrusted_files_long_fields_are_cut(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    _sidecar(tmp_path / "a.meta.json", title="見" * 20_000, source="社" * 1_000)
    loaded = load_article(article)
    assert loaded.title == "見" * MAX_FIELD_CHARS["title"]
    assert loaded.source == "社" * MAX_FIELD_CHARS["source"]
    assert sorted(loaded.warnings) == [
        "[W103] sidecar a.meta.json: source of 1,000 characters cut to 200",
        "[W103] sidecar a.meta.json: title of 20,000 characters cut to 300",
    ]


@pytest.mark.parametrize("make", [_fifo, _dev_zero, _huge], ids=["fifo", "/dev/zero", "40 MB"])
def test_ingest_untrusted_files_odd_cache_entry_is_a_miss(tmp_path, make):
    entry = tmp_path / "entry.json"
    make(entry)
    assert _in_time(_load, entry, "key") is None
    good = tmp_path / "good.json"
    good.write_bytes(seal("key", b"{}"))
    assert _load(good, "key") == b"{}"


@pytest.mark.parametrize(("share", "binary"), [(0.018, False), (0.045, False), (0.06, True)])
def test_ingest_untrusted_files_binary_is_five_percent_of_bytes(tmp_path, share, binary):
    # Japanese text is 3 bytes a character in UTF-8: 1.8 % of bytes used to be 5.4 % of characters.
    body = (TEXT * 40).encode("utf-8")
    controls = round(share * len(body) / (1 - share))
    step = len(body) // controls
    data = b"".join(body[i * step:(i + 1) * step] + b"\x01" for i in range(controls)) + body[controls * step:]
    path = tmp_path / "a.txt"
    try:
        path.write_bytes(_keep_utf8(data))
        loaded = load_article(path)
    except InputError as err:
        assert binary, str(err)
        assert err.code == "E102"
    else:
        assert not binary
        assert loaded.text.count("\x01") == controls


def _keep_utf8(data: bytes) -> bytes:
    # Control bytes inserted at fixed steps may split a character: move each to the next boundary.
    out, pending = bytearray(), 0
    for byte in data:
        if byte == 1:
            pending += 1
            continue
        if pending and byte & 0xC0 != 0x80:
            out += b"\x01" * pending
            pending = 0
        out.append(byte)
    return bytes(out + b"\x01" * pending)


def test_ingest_untrusted_files_nfc_and_nfd_names_are_two_documents(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    nfc, nfd = "会議が.txt", "会議か\u3099.txt"
    (corpus / nfc).write_text(SEED_FILES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / nfd).write_text(SEED_FILES[1].read_text(encoding="utf-8"), encoding="utf-8")
    report = build_corpus([corpus], tmp_path / "out", cache_dir=TEST_CACHE, formats=("ttl",))
    assert len(report.articles) == 2
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    documents = set(graph.subjects(predicate=None, object=KGO.Document))
    assert len(documents) == 2
    assert validate(graph).conforms


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_ingest_untrusted_files_nul_after_a_byte_order_mark_is_stripped(tmp_path, encoding, bom):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + (TEXT[:10] + "\x00" + TEXT[10:]).encode(encoding))
    loaded = load_article(path)
    assert "\x00" not in loaded.text and loaded.text.startswith(TEXT[:20])
    assert loaded.warnings == ("[W106] removed 1 NUL character(s) from the text",)
