"""`kg eval GRAPH GOLD_DIR`: the text report, --json, and the exact error lines."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import display_width
from test_evaluate_scoring import GOLD_A, GOLD_B, PERFECT, R2


@pytest.fixture()
def corpus(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.yaml").write_text(GOLD_A, encoding="utf-8")
    (gold / "b.yaml").write_text(GOLD_B, encoding="utf-8")
    graph = tmp_path / "graph.ttl"
    graph.write_text(PERFECT.replace(R2, ""), encoding="utf-8")
    return graph, gold


def run(*args):
    return CliRunner().invoke(main, ["eval", *map(str, args)])


def test_cli_eval_prints_readable_report(corpus):
    graph, gold = corpus
    result = run(graph, gold)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2:7] == [
        "Representations   P 1.000  R 0.667  F1 0.800  (TP 2, FP 0, FN 1)",
        "                  3 required in gold, 2 in graph, 0 duplicate(s)",
        "Officials         3/3 found (100.0 %), 3 with the right country",
        "Meetings          2/2 required meetings found (100.0 %)",
        "must_not_extract  0 name(s) in the graph",
    ]
    assert "  - ジェンキンス (US) @ 拡大抑止戦略協議体 [EDSCG] 第5回 2024-10-04  [a]" in lines
    assert "False alarms (0)" in lines
    # the last line is the one shared/tools/score.py prints, to compare the two at a glance
    assert lines[-2:] == [
        "Reference figures (as shared/tools/score.py prints them)",
        "rep F1=0.800 P=1.000 R=0.667 (tp=2 fp=0 fn=1) | officials R=1.000 country=3/3"
        " | meetings R=1.000 | noise=0 dup=0",
    ]


def test_cli_eval_json(corpus):
    graph, gold = corpus
    result = run(graph, gold, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["representations"]["f1"] == 0.8
    assert report["misses"][0]["official"] == "ジェンキンス"
    assert sorted(report["per_document"]) == ["a", "b"]


def test_cli_eval_missing_graph(tmp_path, corpus):
    _, gold = corpus
    missing = tmp_path / "nope.ttl"
    result = run(missing, gold)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: [E450] graph file not found: {missing}; give the graph.ttl written by `kg build`\n"
    )


def test_cli_eval_missing_gold_dir(tmp_path, corpus):
    graph, _ = corpus
    missing = tmp_path / "no-gold"
    result = run(graph, missing)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: [E553] gold directory not found: {missing}; pass the folder that holds the NAME.yaml gold files\n"
    )


def test_cli_eval_gold_dir_without_yaml(tmp_path, corpus):
    graph, _ = corpus
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("notes", encoding="utf-8")
    result = run(graph, empty)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: [E554] no gold files (*.yaml) in {empty}; pass the folder that holds the NAME.yaml gold files\n"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("document: [unclosed\n", "while parsing a flow sequence"),
        ("- just\n- a list\n", "the file is not a YAML mapping"),
        ("document: x.txt\nrepresentations:\n  - {side: KR, meeting: m1}\n", "an entry lacks the key 'official'"),
        (
            "document: x.txt\nmeetings: []\nrepresentations:\n  - {official: A, side: KR, meeting: m9}\n",
            "representation of A names meeting 'm9', not one of []",
        ),
    ],
)
def test_cli_eval_invalid_gold_file(corpus, text, reason):
    graph, gold = corpus
    bad = gold / "x.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run(graph, gold)
    assert result.exit_code == 1
    assert result.output == f"Error: [E555] invalid gold file {bad}: {reason}; see shared/gold/README.md for the format\n"


def test_cli_eval_graph_not_turtle(tmp_path, corpus):
    _, gold = corpus
    bad = tmp_path / "graph.ttl"
    bad.write_text("this is { not turtle", encoding="utf-8")
    result = run(bad, gold)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: [E451] {bad} is not valid Turtle (")
    assert result.output.endswith("; rebuild it with `kg build`\n")
    assert result.output.count("\n") == 1


def test_cli_eval_help_has_example():
    result = CliRunner().invoke(main, ["eval", "--help"])
    assert result.exit_code == 0
    assert "kg eval out/graph.ttl tests/gold" in result.output


def _on_a_terminal(args, columns: int) -> str:
    """What `kg eval ARGS` prints on a real terminal (a pty) of ``columns`` columns."""
    import os
    import sys

    from fixtures_terminal import on_a_terminal

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    status, shown = on_a_terminal([str(Path(sys.executable).with_name("kg")), "eval", *map(str, args)],
                                  columns=columns, env=env)
    assert status == 0
    return shown


@pytest.mark.parametrize("how", ["--width", "terminal"])
def test_cli_eval_wraps_at_spaces_to_80_columns(corpus, how):
    graph, gold = corpus
    wide = run(graph, gold).output  # piped: lines stay whole, so `| tail -1` is score.py's line
    assert wide.splitlines()[-1].startswith("rep F1=0.800") and wide.splitlines()[-1].endswith("noise=0 dup=0")
    output = run(graph, gold, "--width", "80").output if how == "--width" else _on_a_terminal([graph, gold], 80)
    lines = output.splitlines()
    assert max(display_width(line) for line in lines) <= 80
    assert output.split() == wide.split()  # same words: no name or figure cut in two
    assert lines[-2:] == [
        "rep F1=0.800 P=1.000 R=0.667 (tp=2 fp=0 fn=1) | officials R=1.000 country=3/3",
        "    | meetings R=1.000 | noise=0 dup=0",
    ]
