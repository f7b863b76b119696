"""The typed mention record and the code hash the parse cache keys on (no model needed)."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

import kg
from kg.components import DomainMention
from kg.nlp import _code_hash


def test_mention_misspelt_field_is_an_error():
    mention = DomainMention("PERSON", 0, 4, "山田外相", name="山田", official=True)
    assert (mention.name, mention.official, mention.country, mention.aliases) == ("山田", True, None, ())
    with pytest.raises(AttributeError):
        mention.contry  # noqa: B018 — a misspelt field must not read as None
    with pytest.raises(TypeError):
        DomainMention("PERSON", 0, 4, "山田外相", contry="JP")
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.name = "田中"


def test_mention_shifted_keeps_every_field():
    mention = DomainMention("MEETING", 3, 7, "首脳会談", generic=True, phrase="首脳会談", ordinal=2, countries=("JP", "US"))
    moved = mention.shifted(10)
    assert (moved.start, moved.end) == (13, 17)
    assert dataclasses.replace(moved, start=3, end=7) == mention


def test_code_hash_changes_with_any_file_of_the_extractor(tmp_path):
    package = Path(kg.__file__).parent
    copy = tmp_path / "kg"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = _code_hash(copy)
    assert before == _code_hash(package)
    for name in sorted(p.name for p in (copy / "extract").iterdir() if p.is_file())[:3]:
        path = copy / "extract" / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited\n")
        assert _code_hash(copy) != before, name
        path.write_bytes(original)
    assert _code_hash(copy) == before
