"""The explorer in the reader's language: Japanese or English from the browser's languages,
with a switch that is kept, on the 351-node graph of real-style text (tests/data/viz_large.ttl)
in real headless Chromium. In English no Japanese word of the page is left: the only
Japanese is the graph's own text (names, sentences, labels)."""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pytest

from kg.ui_text import explorer_strings
from kg.viz import write_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from benchmarks.bench_viz import require_chromium  # noqa: E402
from fixtures_serve import loopback_chromium  # noqa: E402

pytestmark = pytest.mark.slow

LARGE_TTL = ROOT / "tests" / "data" / "viz_large.ttl"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# The explorer's own words, and where they show (key: selector, attribute or None for text).
CONTROLS = {"explorer.fit": ("#fit", None), "explorer.reset.title": ("#reset", "title"),
            "explorer.tab.table": ("#tabs [data-view=table]", None), "explorer.details": ("#details h2", None),
            "explorer.search.placeholder": ("#search", "placeholder"), "explorer.filter.status": ("#filter-status legend", None)}
# Every text of the page, shown or in a title, placeholder or aria-label (the switch names
# the other language in that language).
PAGE_TEXTS = r"""
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const parent = walker.currentNode.parentElement;
  if (parent && !parent.closest('script,style,#lang-switch') && walker.currentNode.nodeValue.trim()) out.push(walker.currentNode.nodeValue);
}
document.querySelectorAll('[title],[placeholder],[aria-label]').forEach(e => {
  for (const name of ['title', 'placeholder', 'aria-label']) { const v = e.getAttribute(name); if (v) out.push(v); }
});
return out;
"""

require_chromium()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    return write_html(LARGE_TTL, tmp_path_factory.mktemp("viz") / "graph.html")


def _graph_texts(data) -> list[str]:
    """Every string of the graph the page embeds (names, sentences, labels), longest first;
    the explorer's headings, kinds and field names are left out."""
    found: list[str] = []

    def walk(value, key=None):
        if isinstance(value, str):
            if key not in ("type", "heading", "description"):
                found.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            pairs = key == "rows" and all(isinstance(r, list) and len(r) == 2 for r in value)
            for item in value:
                walk(item[1] if pairs else item, "value" if pairs else key)

    walk(data)
    return sorted({t for t in found if JAPANESE.search(t)}, key=len, reverse=True)


def _untranslated(driver) -> set[str]:
    """Texts of the page with Japanese left once the graph's own text is taken out."""
    graph = _graph_texts(json.loads(driver.execute_script("return document.getElementById('kg-data').textContent")))
    left = set()
    for text in driver.execute_script(PAGE_TEXTS):
        if not JAPANESE.search(text):
            continue
        rest = text
        for value in graph:
            if value in rest:
                rest = rest.replace(value, " ")
        if JAPANESE.search(rest):
            left.add(text.strip())
    return left


def _open(driver, url: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !!(window.kgExplorer && kgExplorer.ready)"))


def _visit_every_view(driver) -> set[str]:
    """Untranslated texts over the first view, a meeting's and a person's panel, the paths
    between two people, the table and the timeline."""
    left = _untranslated(driver)
    for kind in ("meeting", "official"):  # the one with most links: its panel has every section
        iri = driver.execute_script(
            "const degree = {}; kgExplorer.edges.get().forEach(e => { degree[e.from] = (degree[e.from] || 0) + 1;"
            " degree[e.to] = (degree[e.to] || 0) + 1; });"
            "return kgExplorer.nodes.get().filter(n => n.kind === arguments[0])"
            ".sort((a, b) => (degree[b.id] || 0) - (degree[a.id] || 0))[0].id", kind)
        driver.execute_script("kgExplorer.focus(arguments[0])", iri)
        time.sleep(0.3)
        left |= _untranslated(driver)
    people = driver.execute_script("return kgExplorer.nodes.get().filter(n => n.kind === 'official').slice(0, 2).map(n => n.id)")
    driver.execute_script("kgExplorer.path(arguments[0], arguments[1])", *people)  # the paths panel and bar
    time.sleep(0.3)
    left |= _untranslated(driver)
    for view in ("table", "timeline"):
        driver.find_element("css selector", f"#tabs [data-view={view}]").click()
        time.sleep(0.5)
        left |= _untranslated(driver)
    return left


def _controls(driver, language: str) -> dict[str, str]:
    shown = {}
    for key, (selector, attribute) in CONTROLS.items():
        element = driver.find_element("css selector", selector)
        shown[key] = (element.get_attribute(attribute) if attribute else element.text).strip()
    return shown


@pytest.mark.parametrize("language", ["en", "ja"])
def test_viz_browser_explorer_speaks_the_browser_language(tmp_path, page, language):
    strings = explorer_strings()
    driver = loopback_chromium(tmp_path / "profile", language=language)
    try:
        _open(driver, page.as_uri())
        assert driver.execute_script("return document.documentElement.lang") == language
        assert _controls(driver, language) == {key: strings[key][language].strip() for key in CONTROLS}
        if language == "en":
            assert _visit_every_view(driver) == set()
        switch = driver.find_element("id", "lang-switch")
        assert switch.text == ("日本語" if language == "en" else "English")
        iri = driver.execute_script("return kgExplorer.nodes.get().filter(n => n.kind === 'forum')[0].id")
        driver.execute_script("kgExplorer.focus(arguments[0])", iri)
        switch.click()  # reloads in the other language, the view (URL hash) as it was
        other = "ja" if language == "en" else "en"
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(driver, 60).until(lambda d: d.execute_script(
            "return document.documentElement.lang === arguments[0] && !!(window.kgExplorer && kgExplorer.ready)", other))
        assert _controls(driver, other) == {key: strings[key][other].strip() for key in CONTROLS}
        assert driver.execute_script("return kgExplorer.state().focus") == iri
        _open(driver, page.as_uri())  # the choice is kept
        assert driver.execute_script("return document.documentElement.lang") == other
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    finally:
        driver.quit()
