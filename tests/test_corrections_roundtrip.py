"""Corrections end to end: a reader marks a fact wrong in the explorer (real Chromium, real
clicks), downloads corrections.yaml, puts it beside the articles, rebuilds with `kg build`,
and the fact is gone from the graph, recorded as corrected, and shown so in the explorer."""
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest
import rdflib

from kg.namespace import KGO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from benchmarks.bench_viz import require_chromium  # noqa: E402
from conftest import SEEDS, TEST_CACHE  # noqa: E402
from fixtures_serve import loopback_chromium  # noqa: E402

pytestmark = pytest.mark.slow

require_chromium()


def _open(driver, page: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(page.as_uri())
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !!(window.kgExplorer && kgExplorer.ready)"))


def _details(driver) -> str:
    return driver.find_element("id", "details-body").text


def test_corrections_marked_in_the_page_survive_a_rebuild(seed_build, tmp_path):
    from selenium.webdriver.support.ui import WebDriverWait

    from kg.cli import main
    from click.testing import CliRunner

    first_out, _ = seed_build
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = loopback_chromium(tmp_path / "profile", language="ja")
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        _open(driver, first_out / "graph.html")
        # A person who represented a side at a meeting: focus them by a click in the search list.
        rep = driver.execute_script(
            "const e = JSON.parse(document.getElementById('kg-data').textContent).edges"
            ".filter(e => e.kind === 'represented')[0]; return [e.id, e.from, e.to];")
        rep_iri, person, meeting = rep
        driver.execute_script("kgExplorer.focus(arguments[0])", person)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements("css selector", "#kg-corrections"))
        item = driver.find_element("css selector", f"#kg-corrections li[data-representation='{rep_iri}']")
        not_there = [b for b in item.find_elements("css selector", "button.mark") if b.text == "出席していない"][0]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", not_there)
        not_there.click()
        save = driver.find_element("id", "corrections-save")
        assert save.text == "訂正を保存 (1)"
        save.click()
        WebDriverWait(driver, 20).until(lambda d: (downloads / "corrections.yaml").is_file())
        time.sleep(0.3)  # the download is written whole before it is renamed; be safe on slow disks
    finally:
        driver.quit()

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    shutil.copyfile(downloads / "corrections.yaml", corpus / "corrections.yaml")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out), "--cache-dir", str(TEST_CACHE)])
    assert result.exit_code == 0, result.output
    assert f"  corrections: 1 applied from {corpus / 'corrections.yaml'}" in result.stdout.splitlines()

    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    person_node, meeting_node = rdflib.URIRef(person), rdflib.URIRef(meeting)
    assert not any(graph.value(r, KGO.meeting) == meeting_node for r in graph.subjects(KGO.official, person_node))
    assert (person_node, KGO.attendedMeeting, meeting_node) not in graph
    [correction] = graph.subjects(RDF_TYPE, KGO.Correction)
    assert str(graph.value(correction, KGO.correctionKind)) == "not-a-participant"
    assert str(graph.value(correction, KGO.correctionSource)) == "corrections.yaml"
    assert set(graph.objects(correction, KGO.corrects)) == {person_node, meeting_node}

    driver = loopback_chromium(tmp_path / "profile2", language="ja")
    try:
        _open(driver, out / "graph.html")
        driver.execute_script("kgExplorer.focus(arguments[0])", person)
        WebDriverWait(driver, 10).until(lambda d: "訂正" in _details(d))
        shown = _details(driver)
        ja = [str(l) for l in graph.objects(correction, rdflib.RDFS.label) if l.language == "ja"][0]
        assert ja.endswith("に出席していない") and f"{ja} (corrections.yaml)" in shown, shown
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    finally:
        driver.quit()


RDF_TYPE = rdflib.RDF.type
