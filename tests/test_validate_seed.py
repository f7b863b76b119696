"""SHACL on the real seed build (real GiNZA output): the structure to_graph writes conforms."""
from __future__ import annotations

import pytest

from kg.validate import validate

pytestmark = pytest.mark.slow

# Focus kinds whose shape to_graph guarantees from any ResolvedGraph it accepts; the
# rest (e.g. an Official whose country was not found) depend on what extraction read.
STRUCTURAL = ("representation:", "evidence:", "meeting:", "country:", "forum:", "document:")


def test_validate_seed_graph_structure_conforms(seed_graph):
    report = validate(seed_graph)
    structural = [v.describe() for v in report.errors if v.focus.startswith(STRUCTURAL)]
    assert structural == []
