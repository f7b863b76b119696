"""The construction table (kg/data/constructions.tsv) and the other lexicon files, read as data.

Every construction row is a word set or a regular expression with a made-up example it must
match; every name the code asks for is in the table and every row is read by some rule; every
row of every data file has the columns its loader reads; and every public loader that reads a
file is cached (the issue found ``lexicon.cues()`` re-read 27,563 times for 35 articles).
"""
from __future__ import annotations

import csv
import inspect
import re
from pathlib import Path

import pytest

import kg
from kg import lexicon
from kg.extract import token_patterns
from kg.extract.token_patterns import token_pattern

PACKAGE = Path(kg.__file__).resolve().parent
DATA = PACKAGE / "data"


def _raw_rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    rows = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [r for r in rows if r and r[0] and not r[0].startswith("#")]


CONSTRUCTION_ROWS = _raw_rows("constructions.tsv")


@pytest.mark.parametrize("row", CONSTRUCTION_ROWS, ids=[r[0] for r in CONSTRUCTION_ROWS])
def test_construction_row_matches_its_example(row):
    assert len(row) == 4, f"name, kind, value, example: {row}"
    name, kind, value, example = row
    assert kind in ("words", "regex", "tokens") and value and example.strip()
    if kind == "tokens":
        token_patterns.parse(value)  # well formed; its example is parsed below
    elif kind == "regex":
        assert lexicon.construction_pattern(name).search(example), f"{name} finds nothing in its example"
    else:
        words = lexicon.construction_words(name)
        assert words and any(w in example for w in words), f"no word of {name} in its example"


def test_construction_names_are_unique():
    names = [r[0] for r in CONSTRUCTION_ROWS]
    assert len(names) == len(set(names))


TOKEN_ROWS = [r for r in CONSTRUCTION_ROWS if len(r) == 4 and r[1] == "tokens"]


@pytest.mark.parametrize("row", TOKEN_ROWS, ids=[r[0] for r in TOKEN_ROWS])
def test_token_pattern_matches_a_token_of_its_example(nlp, row):
    """A token pattern is checked on its example parsed by the real pipeline."""
    name, _, _, example = row
    assert any(token_pattern(name).matches(t) for t in nlp(example)), f"{name} matches no token of its example"


@pytest.mark.parametrize(
    "value",
    ["lemma", "colour=red", "lemma=@nowhere:x", "lemma=x ; sibling: text=y", "lemma=x ; child: text=y", "lemma=x ; prev text=y"],
)
def test_a_malformed_token_pattern_is_refused(value):
    with pytest.raises(ValueError):
        token_patterns.parse(value)


def test_constructions_named_in_code_are_the_rows_of_the_table():
    asked = set()
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        asked |= set(re.findall(r'(?:construction_(?:words|pattern|regex)|token_pattern)\("([a-z_]+)"\)', source))
    asked |= {name for r in TOKEN_ROWS for name in re.findall(r"@words:([a-z_]+)", r[2])}
    table = {r[0] for r in CONSTRUCTION_ROWS}
    assert asked - table == set(), "asked for but not in constructions.tsv"
    assert table - asked == set(), "rows no rule reads"


# the columns every row of a file must fill (what its loader reads); a file named in MAY_BE_EMPTY
# has those columns but may leave them empty
MAY_BE_EMPTY = {"officials_reference.tsv": {0, 2}}
MIN_COLUMNS = {
    "constructions.tsv": 4, "countries.tsv": 4, "countries_iso.tsv": 4, "country_compound_forms.tsv": 2,
    "cues.tsv": 2, "forum_name_variants.tsv": 2, "forums.tsv": 1, "furniture.tsv": 2,
    "institution_stopwords.tsv": 1, "institution_suffixes.tsv": 2, "institutions.tsv": 1,
    "meeting_kinds.tsv": 2, "non_person_words.tsv": 1, "officials_reference.tsv": 5, "places.tsv": 2,
    "post_grammar.tsv": 2, "post_variants.tsv": 2, "publishers.tsv": 2, "rule_confidence.tsv": 6,
    "session_parts.tsv": 1, "side_labels.tsv": 3, "surnames.tsv": 1, "talk_words.tsv": 2,
    "title_modifiers.tsv": 2, "title_prefixes.tsv": 2, "titles.tsv": 3,
}
# post_grammar.tsv classes with a value column besides the word
POST_GRAMMAR_PAIRS = {"abbreviation", "head", "head_of"}


def test_every_data_file_is_known_and_its_rows_have_their_columns():
    assert {p.name for p in DATA.glob("*.tsv")} == set(MIN_COLUMNS), "declare a new file's columns here"
    for name, least in MIN_COLUMNS.items():
        for row in _raw_rows(name):
            need = 3 if name == "post_grammar.tsv" and row[0] in POST_GRAMMAR_PAIRS else least
            empty_ok = MAY_BE_EMPTY.get(name, set())
            assert len(row) >= need and all(c.strip() for i, c in enumerate(row[:need]) if i not in empty_ok), f"{name}: {row}"


def test_public_loaders_that_read_a_file_are_cached():
    """A plain (uncached) public function of kg.lexicon never reads a table itself."""
    assert hasattr(lexicon.cues, "cache_info") and hasattr(lexicon.construction_pattern, "cache_info")
    for name, func in inspect.getmembers(lexicon, inspect.isfunction):  # lru_cache wrappers are not functions
        if name.startswith("_") or func.__module__ != lexicon.__name__:
            continue
        assert not re.search(r"\b_(?:rows|text|official_rows)\(", inspect.getsource(func)), (
            f"lexicon.{name} reads a file on every call: cache it (functools.lru_cache)"
        )
