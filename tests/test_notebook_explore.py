"""notebooks/explore.ipynb: committed without outputs, and runs top to bottom in a real kernel."""
from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
import rdflib
from rdflib import RDF, RDFS

from kg.namespace import KGO

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def _cell(nb, tag: str):
    return next(c for c in nb.cells if tag in c.metadata.get("tags", []))


def _text(cell) -> str:
    """Everything a cell showed: streams, plain text and HTML."""
    parts = []
    for out in cell.outputs:
        parts.append(out.get("text", ""))
        data = out.get("data", {})
        parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert [(c.outputs, c.execution_count) for c in code] == [([], None)] * len(code)
    assert nb.metadata["kernelspec"]["name"] == "python3"


def _execute(env: dict[str, str]):
    """The notebook run by nbclient in a fresh python3 kernel with ``env`` set."""
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel process inherits the environment
    try:
        NotebookClient(nb, kernel_name="python3", timeout=900,
                       resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return nb


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook building the seeds into a temp folder."""
    out = tmp_path_factory.mktemp("notebook-out")
    return _execute({"KG_NOTEBOOK_OUT": str(out), "KG_NOTEBOOK_REBUILD": "1"}), out


@pytest.fixture(scope="module")
def executed_on_many_forums(tmp_path_factory):
    """The notebook on a graph of tests/corpus + tests/regression + seeds (50+ forums).

    The build reuses the parses cached by test_extract_generality.py (seconds); alone and
    cold it parses ~120 articles (minutes).
    """
    from kg.pipeline import build_corpus

    out = tmp_path_factory.mktemp("notebook-many")
    build_corpus([ROOT / "tests" / "corpus", ROOT / "tests" / "regression", ROOT / "seeds"], out,
                 cache_dir=ROOT / ".kg-cache" / "tests")
    return _execute({"KG_NOTEBOOK_GRAPH": str(out / "graph.ttl")}), out


def _png_size(cell) -> tuple[int, int]:
    import base64
    import struct

    png = base64.b64decode(next(o["data"]["image/png"] for o in cell.outputs if "image/png" in o.get("data", {})))
    return struct.unpack(">II", png[16:24])


@pytest.mark.slow
def test_notebook_builds_the_seeds_and_shows_representations(executed):
    nb, out = executed
    assert (out / "graph.ttl").is_file() and (out / "graph.html").is_file()
    assert "built 5 articles" in _text(_cell(nb, "build"))
    html = next(o["data"]["text/html"] for o in _cell(nb, "representations").outputs if "data" in o)
    headers = re.findall(r"<th>([^<]+)</th>", html)
    assert headers[:7] == ["official", "side", "forum", "meeting", "date", "title", "institution"]
    assert "<td>" in html


@pytest.mark.slow
def test_notebook_centrality_cell_names_a_person_of_the_graph(executed):
    nb, out = executed
    graph = rdflib.Graph().parse(out / "graph.ttl")
    people = {str(label) for p in graph.subjects(RDF.type, KGO.Person) for label in graph.objects(p, RDFS.label)}
    printed = re.search(r"bridges the most forums: (.+?) \((\d+) forums", _text(_cell(nb, "centrality")))
    assert printed and printed.group(1) in people
    assert int(printed.group(2)) >= 1


@pytest.mark.slow
def test_notebook_draws_the_timeline_and_embeds_the_explorer(executed):
    nb, _ = executed
    timeline = _cell(nb, "timeline")
    assert any("image/png" in o.get("data", {}) for o in timeline.outputs)
    assert re.search(r"\d+ dated meetings in \d+ forums", _text(timeline))
    explorer = next(o["data"]["text/html"] for o in _cell(nb, "explorer").outputs if "data" in o)
    assert explorer.startswith("<div><iframe srcdoc=")
    assert "kg-data" in explorer and "<script" not in explorer  # the page is escaped inside srcdoc
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert [o for o in outputs if o.get("output_type") == "error" or o.get("name") == "stderr"] == []


@pytest.mark.slow
def test_notebook_embedded_explorer_runs_in_chromium(executed, tmp_path):
    """The explorer cell's HTML, put in a page as a notebook front end would, runs offline."""
    import sys

    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_viz import chromium_paths, offline_chromium
    from selenium.webdriver.support.ui import WebDriverWait

    if None in chromium_paths():
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium/chromedriver are missing: run scripts/ensure-chromium")
        pytest.skip("chromium and chromedriver not installed (scripts/ensure-chromium installs them)")
    nb, out = executed
    cell_html = next(o["data"]["text/html"] for o in _cell(nb, "explorer").outputs if "data" in o)
    page = tmp_path / "output.html"
    page.write_text(f'<!DOCTYPE html><meta charset="utf-8">{cell_html}', encoding="utf-8")
    graph = rdflib.Graph().parse(out / "graph.ttl")
    nodes = len({s for t in (KGO.Official, KGO.Person, KGO.Institution, KGO.Country, KGO.Forum, KGO.Meeting)
                 for s in graph.subjects(RDF.type, t)})
    driver = offline_chromium(tmp_path / "profile")
    try:
        driver.get(page.as_uri())
        driver.switch_to.frame(driver.find_element("tag name", "iframe"))
        WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !!(window.kgExplorer && kgExplorer.ready)"))
        assert driver.execute_script("return kgExplorer.shown().nodes") == nodes
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    finally:
        driver.quit()


@pytest.mark.slow
def test_notebook_binds_a_forum_by_its_acronym_and_shows_the_sentences(executed):
    nb, _ = executed
    shown = _text(_cell(nb, "bind"))
    assert "at 第5回拡大抑止戦略協議体, 2024-10-04:" in shown
    assert re.search(r"「[^」]*金烘均[^」]*」  \[000_94789be653804502\]", shown)
    assert _text(_cell(nb, "bind-error")).strip() == (
        "[E314] no row has forum 'EDSCX': it is not a value, label, alias or acronym of any forum "
        "in the answer; close matches: EDSCG"
    )
    assert "<td>尹錫悦</td>" in _text(_cell(nb, "cross-forum"))


@pytest.mark.slow
def test_notebook_timeline_stays_readable_at_50_forums(executed, executed_on_many_forums):
    nb, out = executed_on_many_forums
    printed = re.search(r"(\d+) dated meetings in (\d+) forums \(\d+ undated\): (\d+) forums with a row each, "
                        r"(\d+) grouped in 'other'", _text(_cell(nb, "timeline")))
    assert printed, _text(_cell(nb, "timeline"))
    meetings, forums, rows, grouped = map(int, printed.groups())
    assert forums >= 50 and rows == 15 and rows + grouped == forums
    # the figure keeps the height it has for the seeds' 7 forums (the inline image is cropped
    # to its content, so widths differ by a few pixels): 16 rows of 9-point labels in 600 px
    many, seeds = _png_size(_cell(nb, "timeline")), _png_size(_cell(executed[0], "timeline"))
    assert many[1] == seeds[1] == 600 and abs(many[0] - seeds[0]) < 50
    assert (out / "timeline.png").is_file()
    assert "bridges the most forums" in _text(_cell(nb, "centrality"))
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert [o for o in outputs if o.get("output_type") == "error" or o.get("name") == "stderr"] == []
