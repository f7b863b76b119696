"""The seed articles, built end to end and scored against their gold with ``kg.evaluate``.

Targets from the issue: representation F1 ≥ 0.95, officials with the right country ≥ 90 %,
every required meeting found, nobody from site furniture in the graph.
"""
from __future__ import annotations

import pytest

from kg.evaluate import evaluate

from conftest import GOLD

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(seed_ttl):
    return evaluate(seed_ttl, GOLD)


def test_extract_seeds_representation_f1(report):
    reps = report["representations"]
    assert reps["f1"] >= 0.95, (report["misses"], report["false_alarms"])


def test_extract_seeds_officials_with_their_country(report):
    officials = report["officials"]
    assert officials["with_right_country"] / officials["total"] >= 0.90, officials


def test_extract_seeds_required_meetings_found(report):
    meetings = report["meetings"]
    assert meetings["found"] == meetings["required"], meetings


def test_extract_seeds_nobody_from_site_furniture(report):
    assert report["must_not_extract"]["count"] == 0, report["must_not_extract"]["violations"]
