"""A cache folder is data, never code, and a damaged entry is a miss: corrupted,
truncated, zeroed, swapped, replaced, edited and crafted (pickle) entries are all
rebuilt into the same bytes, and none of them runs anything or reaches the graph."""
from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from kg.cache import BuildCache, ENTRY_MAGIC, record_from_json, record_to_json, seal, unseal
from kg.pipeline import build_corpus
from kg.records import Article, DocumentFacts, Evidence, MeetingMention, PersonMention

WRONG_NAME = "偽名太郎"
# Two short articles with named officials (parsed in a second, so every damage is cheap).
SHORT_ARTICLES = {
    "a.txt": "韓国の金烘均外交部第1次官は3日、ソウルで米国のカート・キャンベル国務副長官と会談した。\n",
    "b.txt": "日米両政府は5日、東京で外務・防衛担当閣僚協議を開き、岩屋毅外相と中谷元防衛相が出席した。\n",
}


class _RunsACommand:
    """What a crafted pickle does when loaded: here, create a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def _entries(cache: Path, kind: str) -> list[Path]:
    return sorted(p for p in (cache / kind).rglob("*") if p.is_file())


def _rename_people(data: bytes, name: str) -> bytes:
    """The entry with every person's name replaced (valid JSON or pickle still)."""
    header, _, rest = data.partition(b"\n")
    if header + b"\n" == ENTRY_MAGIC:
        digest, _, payload = rest.partition(b"\n")
        record = json.loads(payload)
        for person in record["people"]:
            person["name"] = name
        return header + b"\n" + digest + b"\n" + json.dumps(record, ensure_ascii=False).encode("utf-8")
    facts = pickle.loads(data)  # the format before this one (a pickle), to show the test bites
    from dataclasses import replace
    return pickle.dumps(replace(facts, people=tuple(replace(p, name=name) for p in facts.people)))


def _damage(how: str, entry: Path, other: bytes, marker: Path) -> None:
    data = entry.read_bytes()
    if how == "corrupted":
        middle = len(data) // 2
        entry.write_bytes(data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1:])
    elif how == "truncated":
        entry.write_bytes(data[: len(data) * 2 // 3])
    elif how == "zeroed":
        entry.write_bytes(b"\0" * len(data))
    elif how == "swapped":  # another key's valid entry in its place
        entry.write_bytes(other)
    elif how == "replaced":  # a valid entry of the format, written for another key
        entry.write_bytes(seal("another key", data.partition(b"\n")[2].partition(b"\n")[2]))
    elif how == "edited":
        entry.write_bytes(_rename_people(data, WRONG_NAME))
    elif how == "crafted":
        entry.write_bytes(pickle.dumps(_RunsACommand(marker)))


@pytest.mark.parametrize("how", ["corrupted", "truncated", "zeroed", "swapped", "replaced", "edited", "crafted"])
def test_cache_untrusted_damaged_entries_are_misses_rebuilt_to_the_same_bytes(tmp_path, how):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in SHORT_ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    first = build_corpus([corpus], tmp_path / "one", cache_dir=cache)
    graph = (tmp_path / "one" / "graph.ttl").read_bytes()
    marker = tmp_path / "marker"
    for kind in ("facts", "docs"):
        entries = _entries(cache, kind)
        assert len(entries) >= 2
        contents = [entry.read_bytes() for entry in entries]
        for entry, other in zip(entries, contents[1:] + contents[:1]):
            # An edited parse is a corrupted one (no name to change in DocBin bytes).
            _damage("corrupted" if how == "edited" and kind == "docs" else how, entry, other, marker)

    assert "金烘均" in graph.decode("utf-8")  # the edited case has a name to change
    again = build_corpus([corpus], tmp_path / "two", cache_dir=cache)
    assert not marker.exists(), "a cache entry ran code"
    assert (tmp_path / "two" / "graph.ttl").read_bytes() == graph
    assert WRONG_NAME not in (tmp_path / "two" / "graph.ttl").read_text(encoding="utf-8")
    assert again.cache["facts_cache_misses"] == 2
    assert again.cache["parsed_blocks"] == first.cache["parsed_blocks"]  # every parse entry was a miss too
    third = build_corpus([corpus], tmp_path / "three", cache_dir=cache)  # rewritten, readable again
    assert (third.cache["facts_cache_hits"], third.cache["parsed_blocks"]) == (2, 0)


def _facts() -> DocumentFacts:
    text = "日米両政府は3日、東京で外務・防衛担当閣僚協議を開いた。"
    article = Article(doc_id="a", path="a.txt", text=text, body=((0, len(text)),), title=None,
                      published="2024-10-05", sha256="x", warnings=("[W106] removed 1 NUL byte(s) from the text",))
    ev = Evidence("a", 0, len(text), text)
    return DocumentFacts(
        article=article,
        people=(PersonMention(key="p1", name="某", aliases=("ぼう",), is_official=True, evidence=(ev,), confidence=1.0),),
        meetings=(MeetingMention(key="m1", forum="2+2", ordinal=None, countries=("JP", "US"), confidence=0.75),),
    )


def test_cache_untrusted_records_round_trip_through_json():
    facts = _facts()
    data = record_to_json(facts)
    assert record_from_json(DocumentFacts, data) == facts
    assert b"pickle" not in data and data.startswith(b"{")


@pytest.mark.parametrize("edit", [
    lambda r: r["people"][0].update(is_official="yes"),  # wrong type
    lambda r: r["people"][0].pop("name"),  # missing field
    lambda r: r["people"][0].update(extra=1),  # unknown field
    lambda r: r["article"].update(body=[[0, 1, 2]]),  # wrong tuple shape
    lambda r: r["meetings"][0].update(confidence=True),  # bool is not a float
])
def test_cache_untrusted_json_of_the_wrong_shape_is_refused(edit):
    record = json.loads(record_to_json(_facts()))
    edit(record)
    with pytest.raises(ValueError):
        record_from_json(DocumentFacts, json.dumps(record).encode())


def test_cache_untrusted_entry_is_bound_to_its_key(tmp_path):
    cache = BuildCache(tmp_path, "v1")
    cache.store_facts("k1", _facts())
    data = cache._facts_path("k1").read_bytes()
    assert unseal("k1", data) is not None and unseal("k2", data) is None
    cache._facts_path("k2").parent.mkdir(parents=True, exist_ok=True)
    cache._facts_path("k2").write_bytes(data)
    assert cache.load_facts("k1") == _facts() and cache.load_facts("k2") is None
