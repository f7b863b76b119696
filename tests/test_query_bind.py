"""--bind / run_query(bindings=...): VALUES restricts rows exactly like filtering the full answer."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.query import binding_terms, bundled_queries, run_query, with_bindings

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"


def _bindable(name: str) -> list[str]:
    line = bundled_queries()[name][1].splitlines()[2]
    return re.findall(r"(\w+)(?:,|\s\(|$)", line.removeprefix("# Bind: ").split(" (")[0])


CASES = [(name, var) for name in sorted(bundled_queries()) for var in _bindable(name)]


def test_query_bind_every_bundled_query_lists_bindable_variables():
    assert {name for name, _ in CASES} == set(bundled_queries())


@pytest.mark.parametrize(("name", "variable"), CASES)
def test_query_bind_equals_filtering_the_full_answer(name, variable):
    full = run_query(FIXTURE, name)
    index = full.columns.index(variable)
    for value in sorted({row[index] for row in full.rows}, key=str):
        assert value is not None, f"{variable} must be bound in every row to be bindable"
        bound = run_query(FIXTURE, name, bindings={variable: str(value)})
        assert bound.rows == tuple(row for row in full.rows if row[index] == value)


@pytest.mark.parametrize(
    ("value", "terms"),
    [
        ("戦略協議会", ['"戦略協議会"', '"戦略協議会"@ja']),
        ("KR", ['"KR"', '"KR"@ja']),
        ("5", ["5", '"5"', '"5"@ja']),
        ("2024-10", ['"2024-10"', '"2024-10"@ja', '"2024-10"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>']),
        ("<https://w3id.org/kaigi-kg/id/forum/x>", ["<https://w3id.org/kaigi-kg/id/forum/x>"]),
        ('"Lee"@en', ['"Lee"@en']),
        ('say "hi"', ['"say \\"hi\\""', '"say \\"hi\\""@ja']),
    ],
)
def test_query_bind_value_terms(value, terms):
    assert binding_terms(value) == terms


def test_query_bind_typed_values():
    rows = run_query(FIXTURE, "SELECT ?m WHERE { ?m kgo:ordinal ?n } ORDER BY ?m", bindings={"n": "2"}).rows
    assert rows == (("https://w3id.org/kaigi-kg/id/meeting/戦略協議会-2",),)
    dated = run_query(FIXTURE, "SELECT ?m WHERE { ?m kgo:date ?d }", bindings={"d": "2023-09-15"}).rows
    assert dated == (("https://w3id.org/kaigi-kg/id/meeting/戦略協議会-1",),)


def test_query_bind_goes_into_the_where_clause_not_the_template():
    query = "CONSTRUCT { ?f kgo:acronym ?a } WHERE { ?f kgo:acronym ?a }"
    text = with_bindings(query, {"a": "DD"})
    assert text.startswith("CONSTRUCT { ?f kgo:acronym ?a } WHERE {\n  VALUES ?a {")
    assert len(run_query(FIXTURE, query, bindings={"a": "DD"}).rows) == 1


def test_query_bind_ignores_braces_in_strings_and_comments():
    query = '# a { comment\nSELECT ?l WHERE { ?f rdfs:label ?l FILTER(?l != "{") }'
    assert run_query(FIXTURE, query, bindings={"l": "抑止対話"}).rows == (("抑止対話",),)


def test_query_bind_unknown_variable():
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, "cross-forum", bindings={"person_name": "x"})
    assert str(info.value) == (
        "[E313] cannot bind 'person_name': the query has no variable ?person_name; its "
        "variables: forum, forumNode, forum_names, forums, meetingNode, meetings, official, "
        "person, representation"
    )


def test_query_bind_without_where_clause():
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, "DESCRIBE ?x", bindings={"x": "<http://a/b>"})
    assert info.value.code == "E313"


def test_cli_query_bind_option():
    result = CliRunner().invoke(
        main, ["query", str(FIXTURE), "representations", "-b", "side=US", "--bind", "forum=抑止対話", "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert [line.split(",")[:3] for line in result.output.splitlines()[1:]] == [["ハリス", "US", "抑止対話"]]


def test_cli_query_bind_needs_name_and_value():
    result = CliRunner().invoke(main, ["query", str(FIXTURE), "representations", "--bind", "side"])
    assert result.exit_code == 2
    assert result.output.endswith("Error: --bind needs NAME=VALUE, got 'side'; e.g. --bind side=KR\n")


# ---------------------------------------------------------------- names, aliases, acronyms

ALIASES = [
    # (query, variable, value given, canonical value of the column)
    ("forum-timeline", "forum", "SCG", "戦略協議会"),
    ("forum-timeline", "forum", "scg", "戦略協議会"),
    ("forum-timeline", "forum", "ＳＣＧ", "戦略協議会"),  # full-width, as typed with an IME
    ("representations", "forum", "DD", "抑止対話"),
    ("representations", "forum", "<https://w3id.org/kaigi-kg/id/forum/抑止対話>", "抑止対話"),
    ("representations", "official", "イ・ジョンミン", "李正民"),  # skos:altLabel
    ("representations", "official", "Lee Jeong-min", "李正民"),  # rdfs:label @en
    ("representations", "side", "韓国", "KR"),  # the country's label for its ISO code
    ("representations", "side", "United States", "US"),
    ("officials", "official", "イ・ジョンミン", "李正民"),
]


@pytest.mark.parametrize(("name", "variable", "alias", "canonical"), ALIASES)
def test_query_bind_alias_gives_the_rows_of_the_canonical_value(name, variable, alias, canonical):
    full = run_query(FIXTURE, name)
    expected = tuple(row for row in full.rows if row[full.columns.index(variable)] == canonical)
    assert expected
    assert run_query(FIXTURE, name, bindings={variable: alias}).rows == expected


@pytest.mark.parametrize(
    ("name", "bindings", "message"),
    [
        (
            "representations",
            {"forum": "SGC"},
            "[E314] no row has forum 'SGC': it is not a value, label, alias or acronym of any "
            "forum in the answer; close matches: SCG",
        ),
        (
            "representations",
            {"forum": "戦略協議"},
            "[E314] no row has forum '戦略協議': it is not a value, label, alias or acronym of any "
            "forum in the answer; close matches: 戦略協議会",
        ),
        (
            "representations",
            {"side": "KR", "official": "李正"},
            "[E314] no row has official '李正': it is not a value, label, alias or acronym of any "
            "official in the answer; close matches: 李正民",
        ),
        (
            "officials",
            {"official": "ZZZ"},
            "[E314] no row has official 'ZZZ': it is not a value, label, alias or acronym of any "
            "official in the answer; its values include: ハリス, 山川一郎, 朴東洙, 李正民 (run the "
            "query without --bind to see them all)",
        ),
    ],
)
def test_query_bind_unknown_value_names_it_with_close_matches(name, bindings, message):
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, name, bindings=bindings)
    assert str(info.value) == message


def test_query_bind_known_values_that_never_meet_give_no_rows():
    # JP attended 抑止対話 only: an honest empty answer, not an error
    assert run_query(FIXTURE, "representations", bindings={"side": "JP", "forum": "SCG"}).rows == ()


def test_cli_query_bind_unknown_value_is_one_line_error():
    result = CliRunner().invoke(main, ["query", str(FIXTURE), "forum-timeline", "--bind", "forum=SCGX"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: [E314] no row has forum 'SCGX': it is not a value, label, alias or acronym of "
        "any forum in the answer; close matches: SCG\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize(("value", "label"), [("EDSCG", "拡大抑止戦略協議体"), ("拡張抑止戦略協議体", "拡大抑止戦略協議体"), ("NCG", "核協議グループ")])
def test_query_bind_seed_forum_acronyms(seed_ttl, value, label):
    by_acronym = run_query(seed_ttl, "representations", bindings={"forum": value})
    assert by_acronym.rows and set(by_acronym.column("forum")) == {label}
    assert by_acronym.rows == run_query(seed_ttl, "representations", bindings={"forum": label}).rows
