"""Extraction on the second real development corpus (../shared/realdev2): the floor of its
DEV half, scored by kg.evaluate (= shared/tools/score.py).

Half of realdev2 is sealed (every other file by sorted name, index 1, 3, 5 …): this test
never builds, reads or scores those files. It builds the other half (index 0, 2, 4 …),
computed here from the sorted names, and scores it against the gold of those files only
(copied to a temporary folder at test time). The lead adds the whole-corpus floor.
"""
from __future__ import annotations

import shutil

import pytest

from conftest import SHARED, TEST_CACHE, shacl_errors
from kg.evaluate import evaluate

# all of realdev2 (main 23f5cb6: F1 0.667 P 0.915; sealed half at first look 0.758, at its
# second look 0.812, 0.944 once read; all 30 then 0.975 P 1.000, now 0.994 P 1.000 after the
# wording stress tables of ext-gen); the floors sit just below
FLOOR_F1, FLOOR_P = 0.98, 0.98


def _dev_half() -> list[str]:
    names = sorted(p.stem for p in (SHARED / "realdev2" / "articles").glob("*.txt"))
    return [n for i, n in enumerate(names) if i % 2 == 0]


@pytest.fixture(scope="session")
def realdev2_dev(tmp_path_factory):
    """(graph.ttl, gold folder) of the DEV half of ../shared/realdev2; skipped without it."""
    if SHARED is None or not (SHARED / "realdev2" / "articles").is_dir():
        pytest.skip("../shared/realdev2 not found (set KG_SHARED_DIR to the shared folder)")
    from kg.pipeline import build_corpus

    names = _dev_half()
    gold = tmp_path_factory.mktemp("realdev2-dev-gold")
    for name in names:
        shutil.copy(SHARED / "realdev2" / "gold" / f"{name}.yaml", gold / f"{name}.yaml")
    out = tmp_path_factory.mktemp("realdev2-dev-out")
    build_corpus([SHARED / "realdev2" / "articles" / f"{name}.txt" for name in names], out, cache_dir=TEST_CACHE)
    return out / "graph.ttl", gold


@pytest.mark.slow
def test_extract_realdev2_dev_half_figures_hold(realdev2_dev):
    ttl, gold = realdev2_dev
    report = evaluate(ttl, gold)
    reps = report["representations"]
    print(f"realdev2 DEV half: F1 {reps['f1']:.3f} P {reps['precision']:.3f} R {reps['recall']:.3f}")
    # floors: the figures reached today (main 23f5cb6: F1 0.571 P 0.947; ext-structure: F1 0.714
    # P 0.962; with ext-grammar's post grammar and discourse: F1 0.872 P 1.000; with ext-recall's
    # talks with post partners: F1 1.000 P 1.000); raise them as they grow
    assert reps["precision"] >= 0.95
    assert reps["f1"] >= 0.95
    assert report["must_not_extract"]["count"] == 0


@pytest.mark.slow
def test_extract_realdev2_dev_half_is_shacl_valid(realdev2_dev):
    ttl, _ = realdev2_dev
    assert shacl_errors(ttl) == []


def test_extract_realdev2_dev_half_is_every_other_file():
    if SHARED is None or not (SHARED / "realdev2" / "articles").is_dir():
        pytest.skip("../shared/realdev2 not found")
    names = _dev_half()
    assert len(names) == 15 and names[0] == "h01" and all(int(n[1:]) % 2 == 1 for n in names)


@pytest.fixture(scope="session")
def realdev2_all(tmp_path_factory):
    """graph.ttl of all of ../shared/realdev2 (parses shared with the other builds' cache)."""
    if SHARED is None or not (SHARED / "realdev2" / "articles").is_dir():
        pytest.skip("../shared/realdev2 not found (set KG_SHARED_DIR to the shared folder)")
    from kg.pipeline import build_corpus

    out = tmp_path_factory.mktemp("realdev2-out")
    build_corpus([SHARED / "realdev2" / "articles"], out, cache_dir=TEST_CACHE)
    return out / "graph.ttl"


@pytest.mark.slow
def test_extract_realdev2_figures_hold(realdev2_all):
    """All 30 texts, the half sealed during development included (opened after its second
    look): issue 15's target is F1 >= 0.90 with P >= 0.95."""
    report = evaluate(realdev2_all, SHARED / "realdev2" / "gold")
    reps = report["representations"]
    print(f"realdev2: F1 {reps['f1']:.3f} P {reps['precision']:.3f} R {reps['recall']:.3f}")
    assert reps["precision"] >= FLOOR_P
    assert reps["f1"] >= FLOOR_F1
    assert report["must_not_extract"]["count"] == 0


@pytest.mark.slow
def test_extract_realdev2_is_shacl_valid(realdev2_all):
    assert shacl_errors(realdev2_all) == []
