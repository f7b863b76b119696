"""The issue's seed targets, scored by kg.evaluate on a real ``kg build`` of seeds/.

Depends on the whole pipeline (ingest, GiNZA, extraction, resolution, RDF); the figures
are the acceptance criteria: representation F1 ≥ 0.95, officials with the right country
≥ 90 %, every required meeting found with its ordinal/date, no must_not_extract name.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import evaluate

GOLD = Path(__file__).resolve().parent / "gold"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_report(seed_ttl):
    return evaluate(seed_ttl, GOLD)


def _details(report: dict, *keys: str) -> str:
    return json.dumps({k: report[k] for k in keys}, ensure_ascii=False, indent=1)


def test_evaluate_seeds_representation_f1(seed_report):
    reps = seed_report["representations"]
    assert reps["f1"] >= 0.95, _details(seed_report, "representations", "misses", "false_alarms")


def test_evaluate_seeds_officials_with_right_country(seed_report):
    officials = seed_report["officials"]
    assert officials["rate"] >= 0.90, _details(seed_report, "officials")


def test_evaluate_seeds_required_meetings_found(seed_report):
    meetings = seed_report["meetings"]
    assert meetings["required"] >= 4
    assert meetings["missing"] == [], _details(seed_report, "meetings")


def test_evaluate_seeds_no_must_not_extract_names(seed_report):
    assert seed_report["must_not_extract"]["count"] == 0, _details(seed_report, "must_not_extract")
