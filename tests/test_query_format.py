"""QueryResult values and the table / CSV / JSON formatters."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from kg.errors import QueryError
from hypothesis import given
from hypothesis import strategies as st

from kg.query import (
    QueryResult, display_width, format_csv, format_json, format_result, format_table, format_vertical, run_query,
    wrap_cell,
)

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ('"2024-10-04"^^xsd:date', dt.date(2024, 10, 4)),
        ('"2024-10"^^xsd:gYearMonth', "2024-10"),
        ('"2024"^^xsd:gYear', "2024"),
        ("5", 5),
        ("true", True),
        ("false", False),
        ("0.75", Decimal("0.75")),
        ("1.5e0", 1.5),
        ('"外交部第1次官"@ja', "外交部第1次官"),
        ('"not a date"^^xsd:date', "not a date"),
        ("kgo:Forum", "https://w3id.org/kaigi-kg/ontology#Forum"),
    ],
)
def test_query_format_literal_values(literal, expected):
    result = run_query(FIXTURE, f"SELECT ?v WHERE {{ BIND({literal} AS ?v) }}")
    value = result.rows[0][0]
    assert value == expected and type(value) is type(expected)


def test_query_format_unbound_is_none():
    result = run_query(FIXTURE, "SELECT ?a ?b WHERE { BIND(1 AS ?a) }")
    assert result.rows == ((1, None),)
    assert result.records() == [{"a": 1, "b": None}]


def test_query_format_ask_and_construct():
    assert run_query(FIXTURE, "ASK { ?m kgo:ordinal 2 }") == QueryResult("ask", ("ask",), ((True,),))
    graph = run_query(FIXTURE, "CONSTRUCT WHERE { ?f kgo:acronym ?a }")
    assert graph.kind == "graph" and graph.columns == ("subject", "predicate", "object")
    assert sorted(row[2] for row in graph.rows) == ['"DD"', '"SCG"']


SAMPLE = QueryResult(
    "select",
    ("official", "date", "meetings", "head"),
    (("金次官", dt.date(2024, 10, 4), 2, True), ("Smith, John", "2024", None, False)),
)


def test_query_format_table_aligns_wide_characters():
    lines = format_table(SAMPLE).splitlines()
    assert lines[0] == "official     date        meetings  head"
    assert lines[1] == "-----------  ----------  --------  -----"
    assert lines[2] == "金次官       2024-10-04  2         true"  # 3 wide chars = 6 columns
    assert lines[3] == "Smith, John  2024                  false"
    assert lines[-1] == "(2 rows)"


EVIDENCE = "韓国側からは外交部の金烘均(キム・ホンギュン)第1次官、チョ・チャンレ国防政策室長が参加した。"
LONG = QueryResult(
    "select",
    ("official", "side", "evidence"),
    (("金烘均", "KR", EVIDENCE), ("John Smith", "US", "The talks were held in Washington on the fourth of October.")),
)


def test_query_format_table_wraps_long_cells_to_the_width():
    lines = format_table(LONG, width=48).splitlines()
    assert lines == [
        "official    side  evidence",
        "----------  ----  ------------------------------",
        "金烘均      KR    韓国側からは外交部の金烘均(キ",
        "                  ム・ホンギュン)第1次官、",
        "                  チョ・チャンレ国防政策室長が参",
        "                  加した。",
        "John Smith  US    The talks were held in",
        "                  Washington on the fourth of",
        "                  October.",
        "(2 rows)",
    ]


def test_query_format_vertical_when_the_table_would_be_longer():
    lines = format_table(LONG, width=22).splitlines()
    assert lines[:11] == [
        "-[ row 1 ]------------",
        "official  金烘均",
        "side      KR",
        "evidence  韓国側からは",
        "          外交部の金烘",
        "          均(キム・ホ",
        "          ンギュン)第1",
        "          次官、チョ・",
        "          チャンレ国防",
        "          政策室長が参",
        "          加した。",
    ]
    assert lines[-1] == "(2 rows)"
    assert format_vertical(LONG, width=22) == format_table(LONG, width=22)


def test_query_format_vertical_when_the_columns_cannot_fit():
    many = QueryResult("select", tuple(f"column{i}" for i in range(8)), (tuple("x" * 10 for _ in range(8)),))
    assert format_table(many, width=80).startswith("-[ row 1 ]---")
    assert format_table(many, width=200).splitlines()[2] == "  ".join(["x" * 10] * 8)


def test_query_format_no_width_is_one_line_per_row():
    lines = format_table(LONG).splitlines()
    assert len(lines) == 5 and lines[2].endswith(EVIDENCE)


@given(
    text=st.text(alphabet=st.sampled_from(list("あ漢字カナ、。)ーab cd.,　\u0301")), max_size=80),
    width=st.integers(min_value=2, max_value=40),
)
def test_query_format_wrap_keeps_every_character_within_the_width(text, width):
    lines = wrap_cell(text, width)
    assert all(display_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(("text", "columns"), [("金烘均", 6), ("ｷﾑ", 2), ("ＫＲ", 4), ("é", 1), ("e\u0301", 1), ("KR", 2)])
def test_query_format_display_width(text, columns):
    assert display_width(text) == columns


def test_query_format_csv_round_trips():
    rows = list(csv.reader(io.StringIO(format_csv(SAMPLE))))
    assert rows == [
        ["official", "date", "meetings", "head"],
        ["金次官", "2024-10-04", "2", "true"],
        ["Smith, John", "2024", "", "false"],
    ]


def test_query_format_json_keeps_types_and_japanese():
    text = format_json(SAMPLE)
    assert "金次官" in text  # not \\u-escaped
    assert json.loads(text) == [
        {"official": "金次官", "date": "2024-10-04", "meetings": 2, "head": True},
        {"official": "Smith, John", "date": "2024", "meetings": None, "head": False},
    ]


def test_query_format_unknown_format():
    with pytest.raises(QueryError) as info:
        format_result(SAMPLE, "xlsx")
    assert str(info.value) == "[E309] unknown output format 'xlsx'; valid formats: table, vertical, csv, json"
