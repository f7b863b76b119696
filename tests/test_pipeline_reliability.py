"""A mixed corpus of good and bad files: the good ones are built, the bad ones are named
(stderr and report.json), strict and all-bad builds fail and leave OUTDIR untouched."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import build_corpus

from conftest import SEEDS, TEST_CACHE

SEED_FILES = sorted(SEEDS.glob("*.txt"))
SKIP_LINE = re.compile(r"^skipped: (?P<path>.+?): (?P<reason>.+) \[(?P<code>E\d{3})\]$")


def _seed_text(i: int) -> str:
    return SEED_FILES[i].read_text(encoding="utf-8")


@pytest.fixture
def mixed_corpus(tmp_path) -> Path:
    """Three good articles (Shift_JIS, UTF-16, bad sidecar) and five bad files."""
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "a_sjis.txt").write_bytes(_seed_text(1).encode("cp932"))
    (d / "b_utf16.txt").write_bytes(_seed_text(0).encode("utf-16"))
    (d / "c_badmeta.txt").write_text(_seed_text(3), encoding="utf-8")
    (d / "c_badmeta.meta.json").write_text('{"published": "2024-10-', encoding="utf-8")
    (d / "d_duplicate.txt").write_text(_seed_text(1), encoding="utf-8")  # same text as a_sjis
    (d / "e_empty.txt").write_bytes(b"")
    (d / "f_binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "g_vanishes.txt").write_text(_seed_text(2), encoding="utf-8")
    return d


EXPECTED_BUILT = ["a_sjis.txt", "b_utf16.txt", "c_badmeta.txt"]
EXPECTED_SKIPPED = {"d_duplicate.txt": "E504", "e_empty.txt": None, "f_binary.txt": None, "g_vanishes.txt": None}


def _vanish(corpus: Path):
    def hook(files):
        assert corpus / "g_vanishes.txt" in files
        (corpus / "g_vanishes.txt").unlink()

    return hook


def test_pipeline_reliability_mixed_corpus_builds_good_and_names_bad(mixed_corpus, tmp_path):
    lines: list[str] = []
    out = tmp_path / "out"
    report = build_corpus([mixed_corpus], out, cache_dir=TEST_CACHE, on_message=lines.append,
                          on_files=_vanish(mixed_corpus))
    assert [Path(p).name for p in report.articles] == EXPECTED_BUILT
    skipped = {Path(s.path).name: s for s in report.skipped}
    assert sorted(skipped) == sorted(EXPECTED_SKIPPED)
    for name, code in EXPECTED_SKIPPED.items():
        assert re.fullmatch(r"E\d{3}", skipped[name].code)
        assert code is None or skipped[name].code == code
        assert skipped[name].reason and "\n" not in skipped[name].reason
    assert skipped["d_duplicate.txt"].reason == f"duplicate of {mixed_corpus / 'a_sjis.txt'} (same text)"

    skip_lines = [m.groupdict() for m in map(SKIP_LINE.match, lines) if m]
    assert sorted(Path(m["path"]).name for m in skip_lines) == sorted(EXPECTED_SKIPPED)
    assert any("c_badmeta" in line for line in lines if line.startswith("warning: "))

    on_disk = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert sorted(Path(s["path"]).name for s in on_disk["skipped"]) == sorted(EXPECTED_SKIPPED)
    assert on_disk["counts"]["articles"] == 3 and on_disk["counts"]["skipped"] == 4
    assert on_disk["counts"]["representations"] > 0


def test_pipeline_reliability_cli_exit_statuses(mixed_corpus, tmp_path):
    (mixed_corpus / "g_vanishes.txt").unlink()
    out = tmp_path / "out"
    runner = CliRunner()
    args = ["build", str(mixed_corpus), "-o", str(out), "--cache-dir", str(TEST_CACHE)]

    ok = runner.invoke(main, args)
    assert ok.exit_code == 0, ok.output
    stderr_skips = [line for line in ok.stderr.splitlines() if SKIP_LINE.match(line)]
    assert sorted(Path(SKIP_LINE.match(x)["path"]).name for x in stderr_skips) == ["d_duplicate.txt", "e_empty.txt", "f_binary.txt"]
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    strict = runner.invoke(main, [*args, "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1].startswith("Error: [E502] strict: 3 file(s) skipped, first: ")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    for name in [*EXPECTED_BUILT, "d_duplicate.txt"]:
        (mixed_corpus / name).unlink()
    all_bad = runner.invoke(main, args)
    assert all_bad.exit_code == 1
    assert all_bad.stderr.splitlines()[-1] == (
        f"Error: [E501] no readable article in {mixed_corpus}: all 2 file(s) were skipped (reasons above); "
        "the previous outputs were kept")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_pipeline_reliability_failing_article_is_an_internal_error_not_a_skip(tmp_path, monkeypatch):
    """An exception inside one article's extraction leaves that article out, reported as
    an internal error (stderr, report.json with the traceback), not as bad input."""
    import kg.extract

    real = kg.extract.extract_facts
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a_good.txt").write_text("日米両政府は3日、東京で外務・防衛担当閣僚協議を開いた。\n", encoding="utf-8")
    (corpus / "b_bad.txt").write_text("韓米は20日、国防当局の高官協議をソウルで開催した。\n", encoding="utf-8")
    bad_id = "b_bad"

    def flaky(article, docs):
        if article.doc_id == bad_id:
            raise ValueError("offset out of range: 99999")
        return real(article, docs)

    monkeypatch.setattr(kg.extract, "extract_facts", flaky)
    monkeypatch.delenv("KG_FAIL_ON_INTERNAL_ERROR")
    lines: list[str] = []
    # No cache: a cached result would bypass the patched extractor.
    report = build_corpus([corpus], tmp_path / "out", use_cache=False, on_message=lines.append)
    assert [Path(p).name for p in report.articles] == ["a_good.txt"]
    assert report.skipped == []
    assert [(Path(e.path).name, e.code, e.error) for e in report.internal_errors] == [
        ("b_bad.txt", "E506", "ValueError: offset out of range: 99999")]
    assert lines == [f"internal error: {corpus / 'b_bad.txt'}: ValueError: offset out of range: 99999 [E506] "
                     "(a bug of kaigi-kg, not of the file; traceback in report.json)"]
    on_disk = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert on_disk["skipped"] == [] and on_disk["counts"]["internal_errors"] == 1
    (entry,) = on_disk["internal_errors"]
    assert entry["traceback"].startswith("Traceback (most recent call last):")
    assert "in flaky" in entry["traceback"] and entry["traceback"].rstrip().endswith(
        "ValueError: offset out of range: 99999")
