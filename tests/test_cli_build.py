"""`kg build` through click's CliRunner: exact messages and exit statuses."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import main

from conftest import SEEDS, TEST_CACHE

ONE_SEED = sorted(SEEDS.glob("*.txt"))[0]


@pytest.fixture
def runner():
    return CliRunner()


def _build(runner, *args):
    return runner.invoke(main, ["build", *map(str, args), "--cache-dir", str(TEST_CACHE)])


def test_cli_build_summary_names_counts_and_paths(runner, tmp_path):
    out = tmp_path / "out"
    result = _build(runner, ONE_SEED, "-o", out)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"built 1 article\(s\) in \d+\.\ds", lines[0])
    assert re.fullmatch(
        r"  officials \d+, institutions \d+, forums \d+, meetings \d+, representations \d+", lines[1])
    assert lines[-1] == f"open: {out / 'graph.ttl'}  {out / 'graph.html'}"
    assert result.stderr == ""  # not a TTY: no progress bar


def test_cli_build_json_prints_the_report(runner, tmp_path):
    out = tmp_path / "out"
    result = _build(runner, ONE_SEED, "-o", out, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == json.loads((out / "report.json").read_text(encoding="utf-8")) | {
        "timings": data["timings"]}
    assert data["counts"]["articles"] == 1
    assert data["outputs"]["ttl"] == str(out / "graph.ttl")


def test_cli_build_quiet_prints_nothing(runner, tmp_path):
    result = _build(runner, ONE_SEED, "-o", tmp_path / "out", "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_cli_build_format_writes_extra_files(runner, tmp_path):
    out = tmp_path / "out"
    result = _build(runner, ONE_SEED, "-o", out, "--format", "nt", "--format", "csv", "-q")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "graph.html", "graph.nt", "graph.ttl", "report.json", "representations.csv"]


def test_cli_build_missing_input_path(runner, tmp_path):
    missing = tmp_path / "nope"
    result = _build(runner, missing)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '[INPUT]...': Path '{missing}' does not exist."


def test_cli_build_no_readable_article(runner, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    result = _build(runner, corpus, "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert re.fullmatch(rf"skipped: {re.escape(str(corpus / 'empty.txt'))}: .+ \[E1\d\d\]", lines[0])
    assert lines[-1] == (f"Error: [E501] no readable article in {corpus}: all 1 file(s) were skipped "
                         "(reasons above); the previous outputs were kept")
    assert not (tmp_path / "out").exists()


def test_cli_build_empty_folder(runner, tmp_path):
    result = _build(runner, tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: [E501] no article files (*.txt, *.html, *.htm) found in {tmp_path}; pass a folder of articles")


def test_cli_build_strict_with_skipped_file(runner, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(ONE_SEED, corpus / ONE_SEED.name)
    (corpus / "zz_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = _build(runner, corpus, "-o", tmp_path / "out", "--strict")
    assert result.exit_code == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"Error: [E502] strict: 1 file(s) skipped, first: {corpus / 'zz_binary.txt'}: ")
    assert last.endswith("; the previous outputs were kept. Fix or remove them, or build without --strict.")
    assert not (tmp_path / "out").exists()
    lenient = _build(runner, corpus, "-o", tmp_path / "out", "-q")
    assert lenient.exit_code == 0
    assert lenient.stderr.startswith(f"skipped: {corpus / 'zz_binary.txt'}: ")


@pytest.mark.parametrize(
    "args, message",
    [
        (["-j", "0"], "Error: Invalid value for '-j' / '--jobs': 0 is not in the range x>=1."),
        (["--format", "pdf"], "Error: Invalid value for '--format': 'pdf' is not one of 'nt', 'jsonld', 'csv'."),
    ],
)
def test_cli_build_bad_arguments(runner, args, message):
    result = runner.invoke(main, ["build", str(ONE_SEED), *args])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message


def test_cli_build_default_input_missing(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: no INPUT given and the default folder seeds/ does not exist; pass a folder of articles")


def test_cli_build_unreachable_scheduler(runner, tmp_path):
    result = _build(runner, ONE_SEED, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("Error: [E509] cannot connect to the Dask scheduler at tcp://127.0.0.1:9: ")
    assert not (tmp_path / "out").exists()


def test_cli_build_help_documents_every_option_with_an_example(runner):
    result = runner.invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    text = result.output
    for option in ["-o", "-j", "--no-cache", "--cache-dir", "--strict", "--quiet", "--json", "--format", "--scheduler"]:
        assert option in text
        assert re.search(rf"(e\.g\.|kg build)[^\n]*{re.escape(option)}", text), option


def test_cli_build_facts_on_workers_needs_a_scheduler(runner, tmp_path):
    result = runner.invoke(main, ["build", str(SEEDS), "-o", str(tmp_path / "out"), "--facts-on-workers"])
    assert result.exit_code == 2
    assert "--facts-on-workers needs --scheduler ADDRESS (the cluster whose workers keep the facts)" in result.output
    assert not (tmp_path / "out").exists()
