"""`kg build --stream-turtle`: graph.ttl written partition by partition (kg.scale.write_turtle,
no rdflib graph of the corpus) has the bytes of an ordinary build's graph.ttl; what needs the
whole graph (graph.html and the other formats, --strict's SHACL check, corrections) is refused
up front, leaving OUTDIR untouched."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main

from conftest import SEEDS, TEST_CACHE


def _build(*args):
    return CliRunner().invoke(main, ["build", *map(str, args), "--cache-dir", str(TEST_CACHE)])


def test_pipeline_stream_turtle_same_bytes_as_graph_build(seed_ttl, tmp_path):
    out = tmp_path / "out"
    result = _build(SEEDS, "-o", out, "--stream-turtle", "-q")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl", "report.json"]
    assert (out / "graph.ttl").read_bytes() == seed_ttl.read_bytes()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert "violations" not in report["validation"] and "--stream-turtle" in report["validation"]["skipped"]


@pytest.mark.parametrize(("extra", "named"), [
    (["--format", "nt"], "graph.nt"),
    (["--strict"], "--strict"),
    (["--corrections", "CORRECTIONS"], "corrections"),
])
def test_pipeline_stream_turtle_refuses_what_needs_the_graph(tmp_path, extra, named):
    corrections = tmp_path / "fixes.yaml"
    corrections.write_text("corrections: []\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous\n", encoding="utf-8")
    args = [corrections if a == "CORRECTIONS" else a for a in extra]
    result = _build(sorted(SEEDS.glob("*.txt"))[0], "-o", out, "--stream-turtle", *args)
    assert result.exit_code == 1
    assert "[E507]" in result.stderr and named in result.stderr and "--stream-turtle" in result.stderr
    assert [p.name for p in out.iterdir()] == ["graph.ttl"]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous\n"
