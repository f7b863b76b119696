"""`kg viz GRAPH.ttl -o page.html`: a page from any Turtle file, and the exact error lines."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.viz import render_html, load_graph

ROOT = Path(__file__).resolve().parent.parent
EXPLORER_TTL = ROOT / "tests" / "data" / "viz_explorer.ttl"


def run(*args):
    return CliRunner().invoke(main, ["viz", *map(str, args)])


def test_cli_viz_writes_the_same_page_as_the_library(tmp_path):
    page = tmp_path / "sub" / "page.html"
    result = run(EXPLORER_TTL, "-o", page, "--title", "架空")
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {page}\n"
    assert page.read_text(encoding="utf-8") == render_html(load_graph(EXPLORER_TTL), title="架空")


def test_cli_viz_defaults_to_the_graph_name_with_html(tmp_path):
    ttl = tmp_path / "g.ttl"
    ttl.write_bytes(EXPLORER_TTL.read_bytes())
    assert run(ttl).exit_code == 0
    assert (tmp_path / "g.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_viz_missing_graph_is_one_clear_line(tmp_path):
    missing = tmp_path / "nope.ttl"
    result = run(missing, "-o", tmp_path / "p.html")
    assert result.exit_code == 1
    assert result.output == f"Error: [E450] graph file not found: {missing}; give the graph.ttl written by `kg build`\n"
    assert not (tmp_path / "p.html").exists()


def test_cli_viz_not_turtle_keeps_the_old_page(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(b"\x00\x01binary")
    page = tmp_path / "p.html"
    page.write_text("old", encoding="utf-8")
    result = run(bad, "-o", page)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: [E451] {bad} is not valid Turtle (") and result.output.count("\n") == 1
    assert page.read_text(encoding="utf-8") == "old"
