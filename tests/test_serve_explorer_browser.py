"""`kg serve`'s /explorer in real headless Chromium: the real explorer page (built by kg.viz
from a graph), not a stub, runs under the policy the server sends and shows the graph."""
from __future__ import annotations

import os
import shutil
import urllib.request
from pathlib import Path

import pytest

from benchmarks.bench_viz import chromium_paths
from fixtures_serve import loopback_chromium, requested_urls, start_server, stop_server

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"

if None in chromium_paths():
    if os.environ.get("CI"):
        pytest.fail("CI is set but chromium/chromedriver are missing: run scripts/ensure-chromium", pytrace=False)
    pytest.skip("chromium and chromedriver not installed (scripts/ensure-chromium installs them)", allow_module_level=True)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from kg.viz import write_html

    folder = tmp_path_factory.mktemp("explorer")
    shutil.copyfile(FIXTURE, folder / "graph.ttl")
    write_html(folder / "graph.ttl", folder / "graph.html")
    server, thread = start_server(folder / "graph.ttl", workers=1)
    yield server.url[: -len("/sparql")]
    stop_server(server, thread)


def test_serve_explorer_browser_real_page_runs_and_shows_nodes(base, tmp_path):
    from selenium.webdriver.support.ui import WebDriverWait

    with urllib.request.urlopen(base + "/explorer", timeout=30) as response:
        policy = response.headers["Content-Security-Policy"]
    assert "script-src 'sha256-" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    driver = loopback_chromium(tmp_path / "profile")
    try:
        driver.get_log("browser")
        driver.get(base + "/explorer")
        WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !!(window.kgExplorer && kgExplorer.shown)"))
        shown = driver.execute_script("return kgExplorer.shown()")
        assert shown["nodes"] > 0 and shown["edges"] > 0
        problems = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert problems == []  # a blocked inline script is logged as SEVERE
        assert [u for u in requested_urls(driver) if not u.startswith((base + "/", "data:", "blob:"))] == []
    finally:
        driver.quit()
