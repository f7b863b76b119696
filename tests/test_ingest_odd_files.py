"""Odd files a fault probe put in corpus folders: symlink loops, names that are not UTF-8,
NUL bytes inside real text, folders named like articles, one-line pages far longer than
an article. Each gets a one-line reason (or a warning) and the build goes on."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import kg.ingest
from kg.errors import InputError
from kg.ingest import iter_input_files, load_article, printable_path
from kg.pipeline import build_corpus

from conftest import SEEDS, TEST_CACHE

SEED = sorted(SEEDS.glob("*.txt"))[0]
SEED_TEXT = SEED.read_text(encoding="utf-8")
SENTENCE = "日米両政府は3日、東京で外務・防衛担当閣僚協議を開き、拡大抑止の強化で一致した。"


def _link_loops(folder: Path) -> list[str]:
    os.symlink("b.txt", folder / "a.txt")
    os.symlink("a.txt", folder / "b.txt")
    os.symlink("self.txt", folder / "self.txt")
    return ["a.txt", "b.txt", "self.txt"]


@pytest.mark.parametrize("name", ["a.txt", "self.txt"])
def test_ingest_odd_files_symlink_loop_is_e107(tmp_path, name):
    _link_loops(tmp_path)
    with pytest.raises(InputError) as caught:
        load_article(tmp_path / name)
    assert str(caught.value) == (f"[E107] {tmp_path / name}: symbolic link loop (following the link leads back to "
                                 "it); remove the link or point it at the article file")


@pytest.mark.parametrize("raw, shown", [
    (b"caf\xe9.txt", "caf\\xe9.txt"),  # Latin-1
    (b"\x8a\x4f\x96\xb1.txt", "\\x8aO\\x96\\xb1.txt"),  # Shift_JIS 外務
    (b"back\\slash\xff.txt", "back\\\\slash\\xff.txt"),  # the backslash is escaped too: lossless
    (b"new\nline.txt", "new\\x0aline.txt"),  # a control character would break one-line messages
    (b"\xe5\xa4\x96\xe5\x8b\x99.txt", "外務.txt"),  # valid UTF-8 stays as it is
])
def test_ingest_odd_files_printable_path_is_a_lossless_escape(raw, shown):
    assert printable_path(os.fsdecode(raw)) == shown


def test_ingest_odd_files_printable_path_is_injective():
    raws = [b"a\xff", b"a\\xff", b"a\\\\xff", b"a\xc3", b"a\\", b"a\\\xff"]
    shown = [printable_path(os.fsdecode(raw)) for raw in raws]
    assert len(set(shown)) == len(raws)


def test_ingest_odd_files_non_utf8_name_gets_an_escaped_document_id(tmp_path):
    path = Path(os.fsdecode(str(tmp_path).encode() + b"/caf\xe9.txt"))
    path.write_text(SEED_TEXT, encoding="utf-8")
    article = load_article(path)
    assert article.doc_id == "caf\\xe9"
    assert article.path == f"{tmp_path}/caf\\xe9.txt"
    assert article.text == SEED_TEXT


def test_ingest_odd_files_a_few_nul_bytes_are_stripped_as_noise(tmp_path):
    raw = SEED_TEXT.encode("utf-8")
    path = tmp_path / "nul.txt"
    path.write_bytes(raw[:300] + b"\x00\x00" + raw[300:900] + b"\x00" + raw[900:])
    article = load_article(path)
    assert article.text == SEED_TEXT
    assert article.warnings == ("[W106] removed 3 NUL byte(s) from the text",)
    assert article.body == load_article(SEED).body


@pytest.mark.parametrize("data, what", [
    (b"\x00" * 400 + SENTENCE.encode(), "NUL bytes"),  # mostly NUL: binary
    (SENTENCE.encode("utf-16-le"), "NUL bytes"),  # UTF-16 without a BOM: every ASCII char has a NUL
])
def test_ingest_odd_files_mostly_binary_is_still_e102(tmp_path, data, what):
    path = tmp_path / "bin.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        load_article(path)
    assert caught.value.code == "E102" and caught.value.reason == f"binary file ({what})"


def test_ingest_odd_files_folder_named_like_an_article_is_listed(tmp_path):
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "x.txt" / "inner.txt").write_text(SENTENCE, encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path])] == ["x.txt", "x.txt/inner.txt"]
    with pytest.raises(InputError) as caught:
        load_article(tmp_path / "x.txt")
    assert caught.value.code == "E104" and caught.value.reason == "is a directory, not a file"


def test_ingest_odd_files_one_line_page_is_cut_at_a_sentence_end(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text(SENTENCE * 100, encoding="utf-8")  # 4,000 characters, one line
    article = load_article(path, max_body_chars=990)
    assert article.body == ((0, 960),)  # 24 whole sentences of 40 characters
    start, end = article.body[0]
    assert article.text[end - 1] == "。"
    assert article.warnings == ("[W107] body too long (4,000 characters > limit 990): only the first 960 "
                                "characters are read; split it into one file per article",)


def test_ingest_odd_files_one_line_page_becomes_blocks_of_bounded_size(tmp_path):
    """A paragraph of many sentences is parsed as blocks of at most MAX_BLOCK_CHARS (each
    ending after a sentence end), so memory per block is bounded and time linear."""
    quoted = "「拡大抑止を強化する。」と述べた。"
    text = (SENTENCE + quoted) * 150  # 9,000 characters, one line
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    body = load_article(path).body
    assert len(body) == 5 and body[0][0] == 0 and body[-1][1] == len(text)
    assert all(end == next_start for (_, end), (next_start, _) in zip(body, body[1:]))  # nothing lost
    for start, end in body:
        assert end - start <= kg.ingest.MAX_BLOCK_CHARS
        assert text[start:end].endswith("。") and not text[start:end].startswith("」")


def test_ingest_odd_files_default_body_limit_bounds_a_5mb_one_line_page(tmp_path):
    path = tmp_path / "dump.txt"
    text = SENTENCE * (5_000_000 // len(SENTENCE.encode("utf-8")))
    path.write_text(text, encoding="utf-8")
    article = load_article(path)
    assert article.text == text  # the text is kept whole; only the parsed body is bounded
    assert sum(end - start for start, end in article.body) <= kg.ingest.DEFAULT_MAX_BODY_CHARS
    assert article.warnings[0].startswith(f"[W107] body too long ({len(text):,} characters > limit 100,000)")


def test_ingest_odd_files_build_names_each_and_goes_on(tmp_path, monkeypatch):
    """Loops, a non-UTF-8 name (built and skipped), NULs, a folder, a long page: one build."""
    monkeypatch.setattr(kg.ingest, "DEFAULT_MAX_BODY_CHARS", 1_990, raising=False)  # raising: absent before W107
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    loops = _link_loops(corpus)
    raw_dir = str(corpus).encode()
    Path(os.fsdecode(raw_dir + b"/caf\xe9.txt")).write_text(SEED_TEXT, encoding="utf-8")
    Path(os.fsdecode(raw_dir + b"/empty\xff.txt")).write_bytes(b"")
    raw = sorted(SEEDS.glob("*.txt"))[1].read_bytes()
    (corpus / "nul.txt").write_bytes(raw[:200] + b"\x00" + raw[200:])
    (corpus / "x.txt").mkdir()
    (corpus / "long.txt").write_text(SENTENCE * 1_000, encoding="utf-8")  # 40,000 characters, one line
    lines: list[str] = []
    out = tmp_path / "out"
    report = build_corpus([corpus], out, cache_dir=TEST_CACHE, on_message=lines.append)

    assert sorted(Path(p).name for p in report.articles) == ["caf\\xe9.txt", "long.txt", "nul.txt"]
    skipped = {Path(s.path).name: s.code for s in report.skipped}
    assert skipped == {**{name: "E107" for name in loops}, "empty\\xff.txt": "E101", "x.txt": "E104"}
    assert f"skipped: {corpus}/empty\\xff.txt: empty file (0 bytes) [E101]" in lines
    assert f"warning: {corpus / 'nul.txt'}: [W106] removed 1 NUL byte(s) from the text" in lines
    assert (f"warning: {corpus / 'long.txt'}: [W107] body too long (40,000 characters > limit 1,990): only the "
            "first 1,960 characters are read; split it into one file per article") in lines
    on_disk = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {Path(s["path"]).name for s in on_disk["skipped"]} == set(skipped)
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "document:caf%5Cxe9" in ttl  # the escaped id, percent-encoded in the IRI
