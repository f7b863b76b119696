"""kg.evaluate gives the figures of the reference scorer, shared/tools/score.py.

score.py runs as a subprocess with this venv's python on the same graph and gold: on the
hand-written cases of test_evaluate_matching, on a seeds build, and on a build of the real
development corpus ../shared/realdev (skipped when the shared folder is absent).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOLD, ROOT, TEST_CACHE
from kg.evaluate import evaluate, reference_line
from test_evaluate_matching import CASES, figures, write_case


def _shared_dir() -> Path | None:
    """../shared beside the checkout (the lead's) or beside the worktree folder (a helper's)."""
    candidates = [os.environ.get("KG_SHARED_DIR"), ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "tools" / "score.py").is_file():
            return Path(candidate)
    return None


SHARED = _shared_dir()
SCORE_PY = SHARED / "tools" / "score.py" if SHARED else None
needs_shared = pytest.mark.skipif(SHARED is None, reason="../shared/tools/score.py not found (set KG_SHARED_DIR)")


def reference_figures(result: dict) -> dict:
    """score.py's JSON result under the names of test_evaluate_matching.figures."""
    return figures(result, reference=True)


def run_score_py(graph: Path, gold_dir: Path) -> tuple[dict, str]:
    """score.py GRAPH GOLD_DIR --json: (the JSON result, the last line it prints)."""
    done = subprocess.run([sys.executable, str(SCORE_PY), str(graph), str(gold_dir), "--json"],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    result, _ = json.JSONDecoder().raw_decode(done.stdout)
    return result, done.stdout.strip().splitlines()[-1]


def assert_same_as_reference(graph: Path, gold_dir: Path) -> dict:
    result, last_line = run_score_py(graph, gold_dir)
    report = evaluate(graph, gold_dir)
    assert figures(report) == reference_figures(result)
    assert report["must_not_extract"]["names"] == result["noise_people_in_graph"]
    assert len(report["misses"]) == len(result["representations"]["misses"])
    assert reference_line(report) == last_line
    return report


@needs_shared
def test_evaluate_reference_hand_written_cases(tmp_path):
    pairs = [write_case(case, tmp_path / f"case{i}") for i, case in enumerate(CASES)]
    # one interpreter for all cases: score.py imported from its folder, its score() per case
    driver = ("import json, sys; sys.path.insert(0, sys.argv[1]); import score; "
              "print(json.dumps([score.score(t, g) for t, g in zip(sys.argv[2::2], sys.argv[3::2])]))")
    args = [str(p) for pair in pairs for p in pair]
    done = subprocess.run([sys.executable, "-c", driver, str(SCORE_PY.parent), *args],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    for case, pair, result in zip(CASES, pairs, json.loads(done.stdout)):
        assert figures(evaluate(*pair)) == reference_figures(result), case.id


@needs_shared
@pytest.mark.slow
def test_evaluate_reference_seeds_build(seed_ttl):
    report = assert_same_as_reference(seed_ttl, GOLD)
    assert report["representations"]["true_positives"] > 0


@pytest.fixture(scope="module")
def realdev_ttl(tmp_path_factory) -> Path:
    """A build of ../shared/realdev/articles (parsed documents cached in the test cache)."""
    if SHARED is None or not (SHARED / "realdev" / "articles").is_dir():
        pytest.skip("../shared/realdev not found (set KG_SHARED_DIR to the shared folder)")
    from kg.pipeline import build_corpus

    out = tmp_path_factory.mktemp("realdev-out")
    build_corpus([SHARED / "realdev" / "articles"], out, cache_dir=TEST_CACHE)
    return out / "graph.ttl"


@pytest.mark.slow
def test_evaluate_reference_realdev_build(realdev_ttl):
    report = assert_same_as_reference(realdev_ttl, SHARED / "realdev" / "gold")
    assert report["representations"]["gold_required"] > 50
