"""`kg query`: output formats, --list, --help examples and the exact error strings."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import display_width

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"
NAMES = "co-attendance, cross-forum, forum-timeline, institutions, officials, representations"


def kg(*args: str):
    return CliRunner().invoke(main, ["query", *args])


def test_cli_query_bundled_name_prints_table():
    result = kg(str(FIXTURE), "cross-forum")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["official", "forums", "forum_names", "meetings"]
    assert [line.split()[0] for line in lines[2:-1]] == ["ハリス", "李正民"]
    assert lines[-1] == "(2 rows)"


def test_cli_query_csv_and_json_formats():
    as_csv = kg(str(FIXTURE), "officials", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [(r["official"], r["country"], r["meetings"]) for r in rows] == [
        ("ハリス", "US", "2"), ("山川一郎", "JP", "1"), ("朴東洙", "KR", "1"), ("李正民", "KR", "3"),
    ]
    as_json = kg(str(FIXTURE), "officials", "-f", "json")
    assert [r["meetings"] for r in json.loads(as_json.output)] == [2, 1, 1, 3]


def test_cli_query_expression_and_file(tmp_path):
    text = "SELECT ?acronym WHERE { ?f kgo:acronym ?acronym } ORDER BY ?acronym"
    by_expression = kg(str(FIXTURE), "-e", text, "-f", "csv")
    query_file = tmp_path / "acronyms.rq"
    query_file.write_text(text, encoding="utf-8")
    by_file = kg(str(FIXTURE), str(query_file), "-f", "csv")
    assert by_expression.output == by_file.output == "acronym\nDD\nSCG\n"


def test_cli_query_list_names_every_bundled_query():
    result = kg("--list")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert listed == NAMES.split(", ")
    assert "Who represented which side at which meeting" in result.output


def test_cli_query_help_has_an_example_for_every_option():
    result = kg("--help")
    assert result.exit_code == 0
    for option in ("-e, --expression", "-f, --format", "-w, --width", "-b, --bind", "--list"):
        assert option in result.output
    assert result.output.count("Example: kg query") == 5
    assert "kg query out/graph.ttl representations" in result.output


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (
            ["missing.ttl", "officials"],
            1,
            "Error: [E301] graph file not found: 'missing.ttl'; build one with `kg build` or "
            "give the path of an existing Turtle file\n",
        ),
        (
            [str(FIXTURE), "offcials"],
            1,
            f"Error: [E304] unknown query name 'offcials'; did you mean 'officials'? valid names: {NAMES} "
            "(or give a .rq file, or SPARQL text with -e)\n",
        ),
        (
            [str(FIXTURE), "represntation"],
            1,
            f"Error: [E304] unknown query name 'represntation'; did you mean 'representations'? valid names: {NAMES} "
            "(or give a .rq file, or SPARQL text with -e)\n",
        ),
        (
            [str(FIXTURE), "everything"],
            1,
            f"Error: [E304] unknown query name 'everything'; valid names: {NAMES} "
            "(or give a .rq file, or SPARQL text with -e)\n",
        ),
        (
            [str(FIXTURE), "-e", "SELECT * WHERE { ?s ?p }"],
            1,
            "Error: [E303] SPARQL syntax error at line 1, column 18 (near '?s ?p }'): expected "
            "one of LATERAL, SERVICE, [_]; fix the query (see docs/sparql.md for examples)\n",
        ),
        (
            [str(FIXTURE), "-e", "DROP ALL"],
            1,
            "Error: [E306] SPARQL Update is refused: the graph is read-only; use SELECT, ASK, "
            "CONSTRUCT or DESCRIBE (rebuild the graph with `kg build` to change it)\n",
        ),
        (
            [str(FIXTURE), "nothere.rq"],
            1,
            "Error: [E305] query file not found: 'nothere.rq'; give an existing .rq file, a "
            "bundled query name (see `kg query --list`) or SPARQL text with -e\n",
        ),
    ],
)
def test_cli_query_error_strings(args, exit_code, message):
    result = kg(*args)
    assert result.exit_code == exit_code
    assert result.output == message  # one line, no traceback


def test_cli_query_both_file_and_expression_is_a_usage_error(tmp_path):
    query_file = tmp_path / "q.rq"
    query_file.write_text("ASK {}", encoding="utf-8")
    result = kg(str(FIXTURE), str(query_file), "-e", "ASK {}")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: give either QUERY (a .rq file or a bundled query name) or -e 'SPARQL', not both\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: missing GRAPH: give the Turtle file to query, e.g. `kg query out/graph.ttl representations`\n"),
        (
            [str(FIXTURE)],
            "Error: missing QUERY: give a .rq file, a bundled query name (see `kg query --list`) "
            "or SPARQL text with -e\n",
        ),
    ],
)
def test_cli_query_missing_arguments(args, message):
    result = kg(*args)
    assert result.exit_code == 2
    assert result.output.endswith(message)


def test_cli_query_unknown_format_lists_choices():
    result = kg(str(FIXTURE), "officials", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'table', 'vertical', 'csv', 'json'" in result.output


def test_cli_query_output_is_identical_across_processes():
    import subprocess
    import sys

    kg_bin = Path(sys.executable).with_name("kg")
    runs = [
        subprocess.run([str(kg_bin), "query", str(FIXTURE), name, "-f", "csv"], capture_output=True, text=True, timeout=60).stdout
        for name in ("officials", "cross-forum")
        for _ in range(2)
    ]
    assert runs[0] == runs[1] and runs[2] == runs[3]
    assert "国務次官" in runs[0]


# ---------------------------------------------------------------- fitting the terminal

REPRESENTATION_RECORD = [
    "-[ row 1 ]----------------------------------------------------------------------",
    "official     李正民",
    "side         KR",
    "forum        戦略協議会",
    "meeting      第1回戦略協議会",
    "date         2023-09-15",
    "title        外務部第1次官",
    "institution  外務部",
    "evidence     李正民第1次官とハリス国務次官が第1回戦略協議会に出席した。",
    "document     doc1",
    "-[ row 2 ]----------------------------------------------------------------------",
]


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--width", "80"], {}), ([], {"COLUMNS": "80"}), (["--format", "vertical"], {"COLUMNS": "80"})],
)
def test_cli_query_too_many_columns_for_80_is_one_record_per_row(args, env):
    result = CliRunner(env=env).invoke(main, ["query", str(FIXTURE), "representations", *args])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[: len(REPRESENTATION_RECORD)] == REPRESENTATION_RECORD
    assert lines[-1] == "(7 rows)"
    assert max(display_width(line) for line in lines) == 80


def test_cli_query_table_that_fits_80_stays_a_table():
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["query", str(FIXTURE), "officials"])
    assert result.output == (
        "official  country  titles                institutions  meetings\n"
        "--------  -------  --------------------  ------------  --------\n"
        "ハリス    US       国務次官補、国務次官  国務庁        2\n"
        "山川一郎  JP       外務審議官                          1\n"
        "朴東洙    KR       防衛政策室長          防衛部        1\n"
        "李正民    KR       外務部第1次官         外務部        3\n"
        "(4 rows)\n"
    )


def test_cli_query_narrow_terminal_wraps_cells_and_keeps_every_character():
    result = CliRunner(env={"COLUMNS": "56"}).invoke(main, ["query", str(FIXTURE), "officials"])
    assert result.output.splitlines()[:5] == [
        "official  country  titles         institutions  meetings",
        "--------  -------  -------------  ------------  --------",
        "ハリス    US       国務次官補、   国務庁        2",
        "                   国務次官",
        "山川一郎  JP       外務審議官                   1",
    ]


def test_cli_query_no_terminal_and_width_zero_mean_no_limit():
    wide = kg(str(FIXTURE), "representations", "--width", "0").output.splitlines()
    assert wide[0].split() == ["official", "side", "forum", "meeting", "date", "title", "institution", "evidence", "document"]
    assert kg(str(FIXTURE), "representations").output.splitlines() == wide  # CliRunner: not a terminal


def test_cli_query_list_wraps_descriptions_to_the_terminal():
    lines = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["query", "--list"]).output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[:2] == [
        "co-attendance    Pairs of people who attended the same meeting, each pair once,",
        "                 most shared meetings first.",
    ]
