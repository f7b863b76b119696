"""`kg build` shows a progress bar on a terminal, and none with --quiet or in a pipe."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS, TEST_CACHE
from fixtures_terminal import on_a_terminal

KG = [str(Path(sys.executable).with_name("kg"))]


def _build_on_a_terminal(args: list[str], outdir: Path) -> str:
    """Run kg build with stderr on a pseudo-terminal; return what the terminal showed."""
    status, shown = on_a_terminal(
        KG + ["build", str(SEEDS), "-o", str(outdir), "--cache-dir", str(TEST_CACHE), *args], stdout=False)
    assert status == 0
    return shown


@pytest.mark.slow
def test_cli_build_progress_bar_on_a_terminal(tmp_path):
    shown = _build_on_a_terminal([], tmp_path / "out")
    assert "kg build:" in shown and "5/5" in shown and "article" in shown


@pytest.mark.slow
def test_cli_build_quiet_shows_no_progress_bar(tmp_path):
    shown = _build_on_a_terminal(["--quiet"], tmp_path / "out")
    assert "kg build:" not in shown and "%|" not in shown


@pytest.mark.slow
def test_cli_build_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    proc = subprocess.run(
        KG + ["build", str(SEEDS), "-o", str(tmp_path / "out"), "--cache-dir", str(TEST_CACHE)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0
    assert "%|" not in proc.stderr and "kg build:" not in proc.stderr
