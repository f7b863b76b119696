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
from kg.query import QueryResult, format_csv, format_json, format_result, format_table, run_query

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


def test_query_format_table_clips_long_cells():
    result = QueryResult("select", ("evidence",), (("あ" * 40,),))
    cell = format_table(result, max_width=10).splitlines()[2]
    assert cell == "ああああ…"


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
    assert str(info.value) == "[E309] unknown output format 'xlsx'; valid formats: table, csv, json"
