"""A bug of ours inside parsing or extraction of one article is reported apart from bad
input: its own stderr line, summary line and report.json entry (with the traceback), and
fatal (E511) under --strict or KG_FAIL_ON_INTERNAL_ERROR, which the test suite sets so
that no build of any corpus in the tests can hide one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.extract
from kg.cli import main
from kg.errors import BuildError
from kg.pipeline import FAIL_ON_INTERNAL_ERROR_ENV, build_corpus

GOOD = "日米両政府は3日、東京で外務・防衛担当閣僚協議を開いた。\n"
BUGGY = "韓米は20日、国防当局の高官協議をソウルで開催した。\n"


@pytest.fixture
def buggy_corpus(tmp_path, monkeypatch) -> Path:
    """Two articles; extracting ``b_bug`` raises as a rule bug would."""
    real = kg.extract.extract_facts

    def extract_with_a_bug(article, docs):
        if article.doc_id == "b_bug":
            raise KeyError("p7")
        return real(article, docs)

    monkeypatch.setattr(kg.extract, "extract_facts", extract_with_a_bug)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "b_bug.txt").write_text(BUGGY, encoding="utf-8")
    (corpus / "c_empty.txt").write_bytes(b"")  # bad input, for contrast
    return corpus


def test_pipeline_internal_errors_are_fatal_in_the_test_suite(buggy_corpus, tmp_path):
    assert FAIL_ON_INTERNAL_ERROR_ENV == "KG_FAIL_ON_INTERNAL_ERROR"
    with pytest.raises(BuildError) as caught:
        build_corpus([buggy_corpus], tmp_path / "out", use_cache=False)
    assert caught.value.code == "E511"
    assert str(caught.value) == (
        f"[E511] KG_FAIL_ON_INTERNAL_ERROR: 1 article(s) hit an internal error (a bug of kaigi-kg, not bad input), "
        f"first: {buggy_corpus / 'b_bug.txt'}: KeyError: 'p7'; the previous outputs were kept. "
        "Please report it with the traceback.")
    assert "in extract_with_a_bug" in caught.value.__notes__[0]
    assert not (tmp_path / "out").exists()


def test_pipeline_internal_errors_summary_and_report_keep_them_apart(buggy_corpus, tmp_path, monkeypatch):
    monkeypatch.delenv(FAIL_ON_INTERNAL_ERROR_ENV)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(buggy_corpus), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"skipped: {buggy_corpus / 'c_empty.txt'}: empty file (0 bytes) [E101]",
        f"internal error: {buggy_corpus / 'b_bug.txt'}: KeyError: 'p7' [E506] "
        "(a bug of kaigi-kg, not of the file; traceback in report.json)",
    ]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("built 1 article(s) (1 skipped, 1 internal error(s)) in ")
    assert lines[2:4] == ["  internal errors: 1 article(s) left out by a bug of kaigi-kg, not bad input;",
                          "  tracebacks in report.json (internal_errors); please report them"]
    assert all(len(line) <= 80 for line in lines[:4])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [(Path(s["path"]).name, s["code"]) for s in report["skipped"]] == [("c_empty.txt", "E101")]
    (error,) = report["internal_errors"]
    assert (Path(error["path"]).name, error["code"], error["error"]) == ("b_bug.txt", "E506", "KeyError: 'p7'")
    assert error["traceback"].rstrip().endswith("KeyError: 'p7'")
    assert report["build_key"] == ""  # never reused: the next build tries the article again


def test_pipeline_internal_errors_fail_a_strict_build(buggy_corpus, tmp_path, monkeypatch):
    monkeypatch.delenv(FAIL_ON_INTERNAL_ERROR_ENV)
    (buggy_corpus / "c_empty.txt").unlink()
    result = CliRunner().invoke(main, ["build", str(buggy_corpus), "-o", str(tmp_path / "out"), "--no-cache",
                                       "--strict"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: [E511] strict: 1 article(s) hit an internal error (a bug of kaigi-kg, not bad input), "
        f"first: {buggy_corpus / 'b_bug.txt'}: KeyError: 'p7'; the previous outputs were kept. "
        "Please report it with the traceback.")
