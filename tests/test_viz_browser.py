"""The explorer in real headless Chromium, loaded from file:// with the network blocked."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import rdflib

from kg.viz import write_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.bench_viz import offline_chromium, open_explorer, require_chromium  # noqa: E402

pytestmark = pytest.mark.slow

EXPLORER_TTL = ROOT / "tests" / "data" / "viz_explorer.ttl"
SAMPLE_TTL = ROOT / "tests" / "data" / "sample_graph.ttl"

# Drawn by default: links to a country are off (countries are badges) until 国へのリンクを表示.
COUNTED_LINKS = """
PREFIX kgo: <https://w3id.org/kaigi-kg/ontology#>
SELECT (COUNT(*) AS ?n) WHERE {
  { ?m kgo:forum ?f } UNION { ?p kgo:serves ?i }
  UNION { SELECT DISTINCT ?r WHERE { ?r kgo:official ?p ; kgo:meeting ?m } }
}"""
COUNTED_COUNTRY_LINKS = """
PREFIX kgo: <https://w3id.org/kaigi-kg/ontology#>
SELECT (COUNT(*) AS ?n) WHERE {
  { ?m kgo:participant ?c } UNION { ?f kgo:memberCountry ?c } UNION { ?x kgo:country ?c }
}"""
COUNTED_NODES = """
PREFIX kgo: <https://w3id.org/kaigi-kg/ontology#>
SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?type . VALUES ?type { kgo:Person kgo:Official kgo:Institution kgo:Country kgo:Forum kgo:Meeting }
}"""

require_chromium()


def _count(graph: rdflib.Graph, query: str) -> int:
    return int(next(iter(graph.query(query)))[0])


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium with every network request refused; file:// pages still load."""
    driver = offline_chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def explorer_page(tmp_path_factory):
    return write_html(EXPLORER_TTL, tmp_path_factory.mktemp("viz") / "graph.html")


@pytest.fixture()
def opened(browser, explorer_page):
    open_explorer(browser, explorer_page)
    return browser


def _requested_urls(browser) -> list[str]:
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_viz_page_loads_offline_without_console_errors(opened):
    problems = [e for e in opened.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert problems == []
    assert [u for u in _requested_urls(opened) if not u.startswith(("file:", "data:"))] == []
    assert opened.execute_script("return typeof vis.Network") == "function"


def test_viz_counts_shown_match_the_graph(opened):
    graph = rdflib.Graph().parse(EXPLORER_TTL)
    nodes, edges = _count(graph, COUNTED_NODES), _count(graph, COUNTED_LINKS)
    assert opened.execute_script("return kgExplorer.shown()") == {"nodes": nodes, "edges": edges}
    assert opened.find_element("id", "count-nodes").text == str(nodes)
    assert opened.find_element("id", "count-edges").text == str(edges)
    drawn = opened.execute_script(
        "var n = kgExplorer.network.body; return [n.nodeIndices.length, n.edgeIndices.length]")
    assert drawn == [nodes, edges]
    opened.find_element("id", "country-links").click()
    with_countries = edges + _count(graph, COUNTED_COUNTRY_LINKS)
    assert opened.execute_script("return kgExplorer.shown()") == {"nodes": nodes, "edges": with_countries}
    assert "links=1" in opened.execute_script("return location.hash")


@pytest.mark.skipif(not SAMPLE_TTL.exists(), reason="tests/data/sample_graph.ttl not written yet")
def test_viz_counts_match_the_sample_graph(browser, tmp_path):
    graph = rdflib.Graph().parse(SAMPLE_TTL)
    open_explorer(browser, write_html(SAMPLE_TTL, tmp_path / "graph.html"))
    shown = browser.execute_script("return kgExplorer.shown()")
    assert shown == {"nodes": _count(graph, COUNTED_NODES), "edges": _count(graph, COUNTED_LINKS)}
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_viz_seed_build_page_matches_its_graph(browser, seed_build):
    """The graph.html that `kg build` wrote for the seeds (real GiNZA output), as users open it."""
    out, _ = seed_build
    graph = rdflib.Graph().parse(out / "graph.ttl")
    open_explorer(browser, out / "graph.html")
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []
    shown = browser.execute_script("return kgExplorer.shown()")
    assert shown == {"nodes": _count(graph, COUNTED_NODES), "edges": _count(graph, COUNTED_LINKS)}
    assert shown["nodes"] > 0
    # the seeds are many small stories: the first view takes more than the largest one,
    # and names its nodes at a readable size (at least vis zoom 0.6 on a 16 px label)
    first = browser.execute_script("return kgExplorer.nodes.get({filter: function (n) { return n.main; }}).length")
    assert first * 2 >= shown["nodes"] - _count(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/kaigi-kg/ontology#Country> }")
    labels = browser.execute_script("return kgExplorer.labelsDrawn()")
    assert len(labels) >= 15 and min(label["px"] for label in labels) >= 0.6 * 16


def test_viz_forum_filter_changes_what_is_shown(opened):
    from selenium.webdriver.support.ui import Select

    before = opened.execute_script("return kgExplorer.shown()")
    Select(opened.find_element("id", "filter-forum")).select_by_visible_text("架空安保協議")
    after = opened.execute_script("return kgExplorer.shown()")
    # forum, its meeting, the two officials there, their institutions and countries
    assert after["nodes"] < before["nodes"]
    visible = opened.execute_script(
        "return kgExplorer.nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.details.label; })")
    assert "山本一郎" in visible and "ジェーン・エグザンプル" in visible
    assert "外務省" in visible and "国務省" in visible  # institutions of the attendees
    assert "朴架空" not in visible and "架空防衛対話" not in visible and "国防部" not in visible
    assert opened.find_element("id", "count-nodes").text == str(after["nodes"])


def test_viz_country_and_type_filters_combine(opened):
    from selenium.webdriver.support.ui import Select

    Select(opened.find_element("id", "filter-country")).select_by_value("KR")
    opened.find_element("css selector", "#legend-items button[data-kind='institution']").click()
    visible = opened.execute_script(
        "return kgExplorer.nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.details.label; }).sort()")
    assert visible == sorted(["韓国", "朴架空", "架空防衛対話", "架空防衛対話 (2024年5月)"])
    opened.find_element("id", "reset").click()
    assert opened.execute_script("return kgExplorer.shown().nodes") == opened.execute_script("return kgExplorer.total.nodes")


@pytest.mark.parametrize(("typed", "expected"), [
    ("ヤマモト イチロウ", "山本一郎"),  # alias with a space instead of ・
    ("ﾔﾏﾓﾄ･ｲﾁﾛｳ", "山本一郎"),  # half-width katakana (NFKC)
    ("ＩＣＨＩＲＯ　ＹＡＭＡＭＯＴＯ", "山本一郎"),  # full-width letters and ideographic space
    ("ヤマダ", None),  # nobody of that name
    ("ichiro yamamoto", "山本一郎"),  # romanised alias, case and space ignored
    ("パクカクウ", "朴架空"),
])
def test_viz_search_finds_a_person_by_alias(opened, typed, expected):
    box = opened.find_element("id", "search")
    box.clear()
    box.send_keys(typed)
    results = opened.find_elements("css selector", "#search-results button")
    if expected is None:
        assert results == []
        return
    assert results and results[0].get_attribute("data-node").endswith(expected)
    results[0].click()
    assert opened.find_element("css selector", "#details-body h3").text == expected


def test_viz_clicking_a_node_shows_its_evidence(opened):
    from selenium.webdriver.common.action_chains import ActionChains

    node_id = "https://w3id.org/kaigi-kg/id/person/朴架空"
    opened.execute_script("kgExplorer.network.focus(arguments[0], {scale: 1.5, animation: false})", node_id)
    point = opened.execute_script("return kgExplorer.pagePosition(arguments[0])", node_id)
    body = opened.find_element("tag name", "body")
    size = body.size
    ActionChains(opened).move_to_element_with_offset(
        body, int(point["x"] - size["width"] / 2), int(point["y"] - size["height"] / 2)).click().perform()
    details = opened.find_element("id", "details-body")
    assert details.get_attribute("data-node") == node_id
    assert details.find_element("tag name", "h3").text == "朴架空"
    sentences = [e.text for e in details.find_elements("css selector", ".evidence .sentence")]
    assert sentences == ["協議には朴架空国防政策室長と山本一郎外務副大臣が出席した。"]
    source = details.find_element("css selector", ".evidence .source").text
    assert "架空日報" in source and "2024-05-20" in source


def test_viz_hostile_text_stays_inert(opened):
    from selenium.common.exceptions import NoAlertPresentException

    hostile = "https://w3id.org/kaigi-kg/id/person/hostile"
    assert opened.execute_script("return kgExplorer.select(arguments[0])", hostile) is True
    details = opened.find_element("id", "details-body")
    assert details.find_element("tag name", "h3").text == "<script>window.__pwned=1</script>悪意"
    assert '<img src=x onerror="window.__pwned=3">課長も<script>window.__pwned=6</script>同席した。' in details.text
    assert '<img src=x onerror="window.__pwned=5">架空日報' in details.text
    box = opened.find_element("id", "search")
    box.clear()
    box.send_keys("mallory")
    assert opened.find_element("css selector", "#search-results button").get_attribute("data-node") == hostile
    # the same text in the meetings table, the timeline and the CSV stays text too
    box.send_keys("\ue00c")  # Escape closes the result list
    box.clear()
    for view in ("table", "timeline"):
        opened.find_element("css selector", f"#tabs button[data-view={view}]").click()
    opened.find_element("css selector", "#tabs button[data-view=table]").click()
    assert "<script>window.__pwned=1</script>悪意" in opened.find_element("id", "meetings-table").text
    assert "<script>window.__pwned=1</script>悪意" in opened.execute_script("return kgExplorer.csv()")
    assert opened.execute_script("return window.__pwned") is None
    assert opened.execute_script("return document.querySelectorAll('img, b, #details-body script, #views script').length") == 0
    # vis, data, explorer, corrections, words (ui_strings), language
    assert opened.execute_script("return document.scripts.length") == 6
    with pytest.raises(NoAlertPresentException):
        opened.switch_to.alert.text
    assert [e for e in opened.get_log("browser") if e["level"] == "SEVERE"] == []
