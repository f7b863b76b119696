"""What the SPARQL page is given (kg.sparql_page): its words in both languages, bundled
queries with the IRIs of what they name, and the ontology's terms for completion."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.namespace import KGO
from kg.query import bundled_queries, run_query
from kg.sparql_page import iri_columns, linked_query, ontology_terms, page_config, ui_strings

ASSETS = Path(__file__).resolve().parent.parent / "kg" / "serve_assets"
LARGE = Path(__file__).parent / "data" / "viz_large.ttl"


def test_sparql_page_every_string_has_both_languages():
    for key, entry in ui_strings().items():
        assert sorted(entry) == ["en", "ja"], key
        assert entry["ja"].strip() and entry["en"].strip(), key
        assert sorted(re.findall(r"\{\w+\}", entry["ja"])) == sorted(re.findall(r"\{\w+\}", entry["en"])), key
        if entry["ja"] != entry["en"]:  # a pattern of slots only ("{heading} ({n})") is both
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", entry["ja"]), key  # Japanese is written in Japanese


def test_sparql_page_uses_only_known_strings_and_all_of_them():
    script = (ASSETS / "sparql.js").read_text(encoding="utf-8")
    page = (ASSETS / "sparql.html").read_text(encoding="utf-8")
    used = set(re.findall(r"""\bt\("([\w.]+)\"""", script)) | set(re.findall(r"""setText\([^,]+, "([\w.]+)\"""", script))
    used |= set(re.findall(r'data-i18n(?:-title)?="([\w.]+)"', page))
    used |= set(re.findall(r'"data-i18n", "([\w.]+)"', script))
    used.discard("query.")  # t("query." + name): the bundled queries' descriptions
    used |= {f"query.{name}" for name in bundled_queries()}
    assert used == {key for key in ui_strings() if not key.startswith("explorer.")}


def test_sparql_page_explorer_page_words_all_have_english():
    """Every Japanese text of explorer.html (elements and attributes) is a key's Japanese; the
    explorer's script's words are checked in Chromium (tests/test_viz_browser_language.py)."""
    page = (ASSETS.parent / "viz_assets" / "explorer.html").read_text(encoding="utf-8")
    texts = re.findall(r">([^<>{}]+)<", page) + re.findall(r'(?:title|placeholder|aria-label)="([^"]+)"', page)
    japanese = {t.strip() for t in texts if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", t)}
    known = {entry["ja"] for key, entry in ui_strings().items() if key.startswith("explorer.")}
    assert japanese and japanese <= known, japanese - known


def test_sparql_page_english_query_descriptions_are_the_files_own():
    strings = ui_strings()
    assert {name: strings[f"query.{name}"]["en"] for name in bundled_queries()} == {
        name: description for name, (description, _) in bundled_queries().items()}


@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_sparql_page_bundled_queries_add_iris_and_keep_rows(name):
    text = bundled_queries()[name][1]
    plain, linked = run_query(LARGE, text), run_query(LARGE, linked_query(text))
    columns = iri_columns(text)
    assert columns, "every bundled query names the IRIs of its label columns"
    for label, variable in columns.items():  # each IRI column follows its label column
        assert linked.columns[linked.columns.index(label) + 1] == variable
        assert all(v is None or v.startswith("https://w3id.org/kaigi-kg/id/") for v in linked.column(variable))
    kept = [linked.columns.index(column) for column in plain.columns]
    assert [tuple(row[i] for i in kept) for row in linked.rows] == list(plain.rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# IRIs: official ?person\nSELECT ?official (COUNT(?official) AS ?n) WHERE { }",
         "# IRIs: official ?person\nSELECT ?official ?person (COUNT(?official) AS ?n) WHERE { }"),
        ("# IRIs: a ?x, b ?y (remark)\nSELECT DISTINCT ?b ?a ?ab WHERE { ?a ?b ?ab }",
         "# IRIs: a ?x, b ?y (remark)\nSELECT DISTINCT ?b ?y ?a ?x ?ab WHERE { ?a ?b ?ab }"),
        ("SELECT ?a WHERE { }", "SELECT ?a WHERE { }"),
    ],
)
def test_sparql_page_linked_query_touches_only_the_projection(text, expected):
    assert linked_query(text) == expected


def test_sparql_page_completion_lists_every_ontology_term():
    terms = ontology_terms()
    names = {t["iri"].split("#")[1] for kind in ("classes", "properties") for t in terms[kind]}
    assert set(KGO.__annotations__) <= names
    forum = next(t for t in terms["classes"] if t["iri"] == str(KGO.Forum))
    assert forum["en"] == "Forum" and forum["ja"]
    assert str(KGO.acronym) in {t["iri"] for t in terms["properties"]}
    assert page_config(False)["ontology"] == terms
