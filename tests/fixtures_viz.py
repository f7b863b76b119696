"""Helpers for the explorer's browser tests: a page in headless Chromium at 1400x900 with the
network blocked and downloads saved to a folder, and a download fetched by a real click."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from kg.viz import write_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.bench_viz import explorer_browser, open_explorer  # noqa: E402


def explorer_session(tmp_path_factory, downloads: Path, ttl: Path):
    """Yields (browser at 1400x900 saving downloads to ``downloads``, the page of ``ttl``)."""
    page = write_html(ttl, tmp_path_factory.mktemp("viz") / "graph.html")
    with explorer_browser(tmp_path_factory.mktemp("chromium-profile"), viewport=(1400, 900),
                          downloads=downloads) as driver:
        yield driver, page


def download_file(driver, folder: Path, button_id: str, name: str) -> Path:
    """Click a download button and return the file Chromium saved as ``name``."""
    for old in folder.iterdir():
        old.unlink()
    driver.find_element("id", button_id).click()
    target = folder / name
    for _ in range(50):
        if target.exists() and target.stat().st_size:
            break
        time.sleep(0.1)
    return target


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    """The folder Chromium saves downloads to (one per test module)."""
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture()
def opened(session):
    """The module's ``session`` page, loaded afresh (its own state, no earlier hash)."""
    open_explorer(*session)
    return session[0]
