"""`kg build` shows a progress bar on a terminal, and none with --quiet or in a pipe."""
from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from conftest import SEEDS, TEST_CACHE

KG = [str(Path(sys.executable).with_name("kg"))]


def _build_on_a_terminal(args: list[str], outdir: Path) -> str:
    """Run kg build with stderr on a pseudo-terminal; return what the terminal showed."""
    leader, follower = pty.openpty()
    # A fresh pty is 0×0; tqdm would draw a zero-width bar.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    proc = subprocess.Popen(
        KG + ["build", str(SEEDS), "-o", str(outdir), "--cache-dir", str(TEST_CACHE), *args],
        stdout=subprocess.DEVNULL, stderr=follower, stdin=subprocess.DEVNULL,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=600)
    os.close(leader)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


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
