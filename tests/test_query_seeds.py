"""The bundled queries on the real seed build (GiNZA + the whole pipeline, `seed_ttl`).

Expected rows are what a careful reader takes from the articles (tests/gold/*.yaml):
names are compared with every spelling the graph and the gold give a person.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from kg.query import run_query

pytestmark = pytest.mark.slow
GOLD = Path(__file__).parent / "gold"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in " ・･=＝")


@pytest.fixture(scope="module")
def spellings(seed_ttl) -> dict[str, set[str]]:
    """Normalised label → every normalised spelling of that person (graph altLabels + gold aliases)."""
    rows = run_query(
        seed_ttl,
        "SELECT ?l ?a WHERE { ?p a kgo:Person ; rdfs:label ?l FILTER(lang(?l) = 'ja') OPTIONAL { ?p skos:altLabel ?a } }",
    ).rows
    names: dict[str, set[str]] = {}
    for label, alias in rows:
        names.setdefault(_norm(label), {_norm(label)}).update({_norm(alias)} if alias else set())
    for gold in sorted(GOLD.glob("*.yaml")):
        for official in yaml.safe_load(gold.read_text(encoding="utf-8"))["officials"]:
            forms = {_norm(official["name"]), *map(_norm, official.get("aliases") or [])}
            for label, known in names.items():
                if known & forms:
                    known.update(forms)
    return names


def _is(spellings, label: str | None, name: str) -> bool:
    return label is not None and _norm(name) in spellings.get(_norm(label), {_norm(label)})


@pytest.mark.parametrize(
    ("official", "side", "forum", "date"),
    [
        ("金烘均", "KR", "拡大抑止戦略協議体", "2024-10-04"),
        ("チョ・チャンレ", "KR", "拡大抑止戦略協議体", "2024-10-04"),
        ("ジェンキンス", "US", "拡大抑止戦略協議体", "2024-10-04"),
        ("アバクロンビー", "US", "拡大抑止戦略協議体", "2024-10-04"),
        ("金泰孝", "KR", "核協議グループ", "2023-12-15"),
        ("尹錫悦", "KR", "首脳会", "2024-07-11"),
        ("ジョー・バイデン", "US", "首脳会", "2024-07-11"),
    ],
)
def test_query_seeds_representations_has_gold_rows(seed_ttl, spellings, official, side, forum, date):
    rows = run_query(seed_ttl, "representations").records()
    assert any(
        _is(spellings, r["official"], official) and r["side"] == side and forum in r["forum"]
        and str(r["date"]).startswith(date) and r["evidence"] and r["document"]
        for r in rows
    ), f"no representation of {official} ({side}) at {forum} {date}"


def test_query_seeds_representations_edscg_meeting_five(seed_ttl, spellings):
    rows = run_query(seed_ttl, "representations", bindings={"side": "KR"}).records()
    kim = [r for r in rows if _is(spellings, r["official"], "金烘均")]
    assert kim and all("5" in r["meeting"] and str(r["date"]) == "2024-10-04" for r in kim)
    assert {r["document"] for r in kim} == {"000_94789be653804502"}


def test_query_seeds_officials_have_gold_countries(seed_ttl, spellings):
    officials = run_query(seed_ttl, "officials").records()
    for gold in sorted(GOLD.glob("*.yaml")):
        data = yaml.safe_load(gold.read_text(encoding="utf-8"))
        required = {rep["official"] for rep in data["representations"] if not rep.get("optional")}
        for official in data["officials"]:
            if official["name"] not in required:
                continue
            found = [o for o in officials if _is(spellings, o["official"], official["name"])]
            assert found, f"{official['name']} missing from officials"
            assert {o["country"] for o in found} == {official["country"]}
            assert all(o["meetings"] >= 1 for o in found)


def test_query_seeds_forum_timeline(seed_ttl, spellings):
    rows = run_query(seed_ttl, "forum-timeline").records()
    edscg = [r for r in rows if r["acronym"] == "EDSCG" and r["ordinal"] == 5]
    assert {str(r["date"]) for r in edscg} == {"2024-10-04"}
    assert sorted(r["side"] for r in edscg) == ["KR", "KR", "US", "US"]
    for name in ("金烘均", "チョ・チャンレ", "ジェンキンス", "アバクロンビー"):
        assert any(_is(spellings, r["attendee"], name) for r in edscg)
    # the EDD meeting is held but names nobody: it is listed, with no attendee
    edd = [r for r in rows if r["acronym"] == "EDD" and str(r["date"]) == "2025-06-05"]
    assert edd and all(r["attendee"] is None for r in edd)
    # within a forum, meetings come in date order
    for forum in {r["forum"] for r in rows}:
        dates = [str(r["date"]) for r in rows if r["forum"] == forum and r["date"] is not None]
        assert dates == sorted(dates)


def test_query_seeds_forum_timeline_bound_to_one_forum(seed_ttl):
    rows = run_query(seed_ttl, "forum-timeline", bindings={"forum": "核協議グループ"}).records()
    assert rows and {r["acronym"] for r in rows} == {"NCG"}
    assert any(r["ordinal"] == 2 and str(r["date"]) == "2023-12-15" for r in rows)


def test_query_seeds_cross_forum(seed_ttl, spellings):
    rows = run_query(seed_ttl, "cross-forum").records()
    # 尹錫悦 represented KR at the US–Korea summit and at the NATO summit (002)
    yoon = [r for r in rows if _is(spellings, r["official"], "尹錫悦")]
    assert yoon and yoon[0]["forums"] >= 2
    # the EDSCG delegates met at one forum only
    assert not any(_is(spellings, r["official"], "ジェンキンス") for r in rows)


def test_query_seeds_institutions(seed_ttl, spellings):
    rows = run_query(seed_ttl, "institutions").records()
    assert any(r["country"] == "KR" and r["institution"] == "外交部" and _is(spellings, r["official"], "金烘均") for r in rows)
    assert any(r["country"] == "US" and r["institution"] == "国務省" for r in rows)


def test_query_seeds_co_attendance_pairs_once(seed_ttl, spellings):
    rows = run_query(seed_ttl, "co-attendance").records()
    pairs = [frozenset((r["official_a"], r["official_b"])) for r in rows]
    assert len(pairs) == len(set(pairs)) and all(len(p) == 2 for p in pairs)
    delegates = ["金烘均", "チョ・チャンレ", "ジェンキンス", "アバクロンビー"]
    for i, a in enumerate(delegates):
        for b in delegates[i + 1:]:
            assert any(
                {_is(spellings, r["official_a"], a), _is(spellings, r["official_b"], b)} == {True}
                or {_is(spellings, r["official_a"], b), _is(spellings, r["official_b"], a)} == {True}
                for r in rows
            ), f"{a} and {b} attended the 5th EDSCG together"


def test_query_seeds_no_furniture_names(seed_ttl):
    texts = set()
    for name in ("representations", "officials", "institutions", "co-attendance", "forum-timeline"):
        for row in run_query(seed_ttl, name).rows:
            texts.update(str(v) for v in row if v is not None and not isinstance(v, int))
    for gold in sorted(GOLD.glob("*.yaml")):
        for banned in yaml.safe_load(gold.read_text(encoding="utf-8"))["must_not_extract"]:
            assert not any(banned in t for t in texts if t), banned


def test_query_seeds_output_is_deterministic(seed_ttl, tmp_path):
    copy = tmp_path / "graph.ttl"
    copy.write_bytes(seed_ttl.read_bytes())
    for name in ("representations", "forum-timeline", "officials", "co-attendance"):
        assert run_query(copy, name).rows == run_query(seed_ttl, name).rows
