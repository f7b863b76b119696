"""`kg query` on a terminal: text from the graph (article text is untrusted) cannot drive the
terminal. Run as a real process on a real pseudo-terminal; piped output stays byte-exact."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

KG = Path(sys.executable).with_name("kg")
LABELS = [
    ("colour and title", "会談\x1b[31m赤\x1b]0;owned\x07", "会談\\x1b[31m赤\\x1b]0;owned\\x07"),
    ("carriage return", "本物\r偽物", "本物\\x0d偽物"),
    ("C1 CSI", "協議\x9b2J", "協議\\x9b2J"),
    ("bidi override", "abc\u202edef", "abc\\u202edef"),
]


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("terminal") / "graph.ttl"
    lines = ["@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    for number, (_, label, _) in enumerate(LABELS):
        escaped = "".join(f"\\u{ord(ch):04X}" if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F else ch for ch in label)
        lines.append(f'<http://example.org/n{number}> rdfs:label "{escaped}" .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent), "COLUMNS": "200"}


def _on_terminal(args: list[str]) -> str:
    leader, follower = pty.openpty()
    try:
        run = subprocess.run([str(KG), *args], stdout=follower, stderr=subprocess.PIPE, env=_env(), timeout=120)
        os.close(follower)
        follower = -1
        data = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other side is closed and drained
                break
            if not chunk:
                break
            data += chunk
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert run.returncode == 0, run.stderr
    return data.decode("utf-8")


QUERY = "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?s"


@pytest.mark.parametrize("output_format", ["table", "csv", "vertical", "json"])
def test_query_terminal_output_escapes_control_characters(graph, output_format):
    shown = _on_terminal(["query", str(graph), "-e", QUERY, "--format", output_format])
    assert "\x1b" not in shown and "\x9b" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert "\r" not in shown.replace("\r\n", "\n")  # the terminal itself writes CR LF
    for _, _, escaped in LABELS:
        assert escaped in shown or escaped.replace("\\", "\\\\") in shown  # JSON doubles the backslash


def test_query_terminal_output_piped_stays_exact(graph):
    out = subprocess.run([str(KG), "query", str(graph), "-e", QUERY, "--format", "csv"], capture_output=True,
                         env=_env(), timeout=120)
    assert out.returncode == 0
    rows = out.stdout.decode("utf-8")
    assert "\x1b]0;owned\x07" in rows and "\u202e" in rows  # a file or a pipe gets the data as it is
