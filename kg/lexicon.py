"""Domain lexicons loaded from ``kg/data/`` (countries, titles, institutions, forums).

The data files are the single place where domain vocabulary lives; code asks here.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from kg.records import Country


def _rows(name: str) -> list[list[str]]:
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [row for row in csv.reader(text.splitlines(), delimiter="\t") if row and not row[0].startswith("#")]


@lru_cache(maxsize=None)
def countries() -> dict[str, Country]:
    """All known countries and international organisations, by code."""
    return {r[0]: Country(code=r[0], label_ja=r[1], label_en=r[2]) for r in _rows("countries.tsv")}


@lru_cache(maxsize=None)
def country_forms() -> dict[str, str]:
    """Surface form (韓国, 韓, アメリカ, 米, ...) → country code."""
    forms: dict[str, str] = {}
    for r in _rows("countries.tsv"):
        for form in r[3].split(","):
            forms.setdefault(form.strip(), r[0])
    return forms


def country(code: str) -> Country:
    """The Country record for ``code``; unknown codes get the code as their labels."""
    return countries().get(code) or Country(code=code, label_ja=code, label_en=code)
