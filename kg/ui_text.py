"""The words of the pages (the SPARQL page and the explorer) in Japanese and English:
``kg/data/ui_strings.json``, ``{key: {"ja": ..., "en": ...}}``. Keys ``explorer.*`` are the
explorer's (its Japanese text and the English put in its place); the others the SPARQL page's.
"""
from __future__ import annotations

import functools
import json
from importlib import resources

LANGUAGES = ("ja", "en")


@functools.lru_cache(maxsize=1)
def ui_strings() -> dict[str, dict[str, str]]:
    """Every key with its text in each of :data:`LANGUAGES`."""
    return json.loads((resources.files("kg") / "data" / "ui_strings.json").read_text(encoding="utf-8"))


def explorer_strings() -> dict[str, dict[str, str]]:
    """The explorer's keys only (what its page embeds)."""
    return {key: value for key, value in ui_strings().items() if key.startswith("explorer.")}
