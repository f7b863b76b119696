"""`kg serve` as a user starts it: a subprocess on 127.0.0.1, a free port, SIGTERM to stop."""
from __future__ import annotations

import json
import selectors
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"
KG = Path(sys.executable).with_name("kg")


def _read_until(process: subprocess.Popen, marker: str, seconds: float) -> str:
    seen = ""
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    deadline = time.monotonic() + seconds
    while marker not in seen and time.monotonic() < deadline:
        if selector.select(timeout=0.2):
            line = process.stderr.readline()
            if not line:
                break
            seen += line
    return seen


def test_serve_cli_serves_and_stops_on_sigterm():
    process = subprocess.Popen(
        [str(KG), "serve", str(FIXTURE), "--port", "0", "--timeout", "5", "--workers", "1"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        banner = _read_until(process, "Ctrl+C", 60)
        assert f"Serving {FIXTURE} at http://127.0.0.1:" in banner
        url = banner.split(" at ", 1)[1].split()[0]
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?r a kgo:Representation }"})
        request = urllib.request.Request(f"{url}?{query}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=20) as response:
            answer = json.load(response)
        assert answer["results"]["bindings"][0]["n"]["value"] == "7"
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=20)
        process.stderr.close()
    assert code == 0


def test_serve_cli_missing_graph_message(tmp_path):
    missing = tmp_path / "graph.ttl"
    result = CliRunner().invoke(main, ["serve", str(missing), "--port", "0"])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: [E301] graph file not found: '{missing}'; build one with `kg build` or give "
        "the path of an existing Turtle file\n"
    )


def test_serve_cli_default_graph_is_out_graph_ttl(tmp_path, monkeypatch):
    # Run where out/graph.ttl does not exist: the message names the default path.
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 1
    assert "graph file not found: 'out/graph.ttl'" in result.output


def test_serve_cli_help_documents_every_option():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--timeout", "--workers", "--cors", "--allow-host", "--max-result-mb", "--quiet"):
        assert option in result.output
    assert " ".join(result.output.split()).count("Example: kg serve") == 8
    assert max(len(line) for line in result.output.splitlines()) <= 80
    assert "curl" in result.output
