"""The explorer as an analysis tool, in real headless Chromium at 1400x900 (network blocked)
on a 400-node graph built from real text (../shared/seeds + realdev + realdev2, built at
run time): filters that keep what they select and what it links to, the table's search and
its deep link, Esc, re-layout of what is kept, paths between two nodes, styling by
attribute, the period slider, and GEXF / GraphML that networkx reads back."""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest

from kg.viz import explorer_data, load_graph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.bench_viz import require_chromium  # noqa: E402
from tests.fixtures_viz import download_file, downloads, explorer_session, opened  # noqa: E402,F401

pytestmark = pytest.mark.slow

require_chromium()

EDSCG = "拡大抑止戦略協議体"
PASSABLE = {"official", "person", "meeting"}


@pytest.fixture(scope="module")
def model(union_ttl):
    return explorer_data(load_graph(union_ttl))


@pytest.fixture(scope="module")
def session(tmp_path_factory, downloads, union_ttl):
    yield from explorer_session(tmp_path_factory, downloads, union_ttl)


def _js(driver, script, *args):
    return driver.execute_script(script, *args)


def _shown_ids(driver) -> list[str]:
    return _js(driver, "return kgExplorer.nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.id; })")


def _reopen(driver, page, hash_text: str):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(page.resolve().as_uri() + "#" + hash_text)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !!(window.kgExplorer && kgExplorer.ready)"))


def _links(model, with_countries=False):
    linked = defaultdict(set)
    for e in model["edges"]:
        if with_countries or not e["countryLink"]:
            linked[e["from"]].add(e["to"])
            linked[e["to"]].add(e["from"])
    return linked


def _no_console_errors(driver):
    assert [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []


# ------------------------------------------------------------------ defects


def test_viz_analysis_fixture_is_a_large_graph_of_real_text(model):
    assert len(model["nodes"]) >= 300
    assert {n["status"] for n in model["nodes"] if n["kind"] == "meeting"} >= {"held", "planned", "mentioned"}


def test_viz_analysis_status_filter_keeps_the_meetings_and_what_they_link_to(opened, model):
    for other in ("held", "mentioned"):
        opened.find_element("id", f"status-{other}").click()
    shown = set(_shown_ids(opened))
    kinds = {n["id"]: n["kind"] for n in model["nodes"]}
    planned = {n["id"] for n in model["nodes"] if n["kind"] == "meeting" and n["status"] == "planned"}
    linked = _links(model)
    expected = planned | {m for p in planned for m in linked[p]}
    assert planned and shown == expected
    assert {kinds[i] for i in shown - planned} <= {"official", "person", "forum"}
    assert len(shown) < len(model["nodes"]) / 5
    opened.find_element("css selector", "#tabs button[data-view=table]").click()
    assert {r["status"] for r in _js(opened, "return kgExplorer.tableRows()")} <= {"planned"}
    _no_console_errors(opened)


def _first_evidence_word(model) -> tuple[str, str]:
    """A run of 4 kanji/katakana from an evidence sentence that is no name in the graph."""
    import re

    names = " ".join(k for n in model["nodes"] for k in n["keys"])
    for row in model["rows"]:
        for word in re.findall(r"[\u30a0-\u30ff\u4e00-\u9fff]{4}", row["evidence"] or ""):
            if word not in names:
                return word, row["rep"]
    raise AssertionError("no evidence word found")


@pytest.mark.parametrize("query", ["acronym", "evidence", "document"])
def test_viz_analysis_table_search_finds_acronyms_evidence_words_and_documents(opened, model, query):
    if query == "acronym":
        typed = "EDSCG"
        expected = {r["rep"] for r in model["rows"] if r["forum"] == EDSCG}
    elif query == "evidence":
        typed, rep = _first_evidence_word(model)
        expected = {r["rep"] for r in model["rows"] if typed in (r["evidence"] or "")}
        assert rep in expected
    else:
        typed = model["rows"][0]["document"]
        expected = {r["rep"] for r in model["rows"] if r["document"] == typed}
    assert expected
    opened.find_element("css selector", "#tabs button[data-view=table]").click()
    opened.find_element("id", "search").send_keys(typed)
    rows = _js(opened, "return kgExplorer.tableRows()")
    assert expected <= {r["rep"] for r in rows}
    assert len(rows) < len(model["rows"]) / 3
    assert len(opened.find_elements("css selector", "#meetings-table tbody tr")) == len(rows)


def test_viz_analysis_search_text_is_kept_in_the_url(opened, session):
    opened.find_element("css selector", "#tabs button[data-view=table]").click()
    opened.find_element("id", "search").send_keys("EDSCG")
    rows = _js(opened, "return kgExplorer.tableRows().length")
    link = _js(opened, "return location.hash")
    assert "q=EDSCG" in link
    _reopen(opened, session[1], link.lstrip("#"))
    assert opened.find_element("id", "search").get_attribute("value") == "EDSCG"
    assert _js(opened, "return kgExplorer.tableRows().length") == rows
    assert len(opened.find_elements("css selector", "#meetings-table tbody tr")) == rows


def test_viz_analysis_escape_clears_a_focus(opened, model):
    from selenium.webdriver.common.keys import Keys

    person = max((n for n in model["nodes"] if n["kind"] == "official"), key=lambda n: (n["meetings"], n["id"]))
    _js(opened, "kgExplorer.focus(arguments[0])", person["id"])
    assert _js(opened, "return kgExplorer.nodes.get({filter: function (n) { return n.opacity < 1; }}).length") > 100
    opened.find_element("tag name", "body").send_keys(Keys.ESCAPE)
    assert _js(opened, "return kgExplorer.state().focus") == ""
    assert _js(opened, "return kgExplorer.nodes.get({filter: function (n) { return n.opacity < 1; }}).length") == 0
    assert "focus=" not in _js(opened, "return location.hash")


# ------------------------------------------------------------------ re-layout


def _positions(driver, ids):
    return _js(driver, "return kgExplorer.network.getPositions(arguments[0])", ids)


def _at_home(driver, ids, home) -> bool:
    """Every node drawn where the page's layout put it (vis reports whole units)."""
    now = _positions(driver, ids)
    return all(abs(now[i]["x"] - home[i]["x"]) <= 1 and abs(now[i]["y"] - home[i]["y"]) <= 1 for i in ids)


def _spread(points) -> float:
    xs = [p["x"] for p in points.values()]
    ys = [p["y"] for p in points.values()]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def test_viz_analysis_what_a_filter_keeps_is_laid_out_again(opened, model):
    home = {n["id"]: {"x": n["x"], "y": n["y"]} for n in model["nodes"]}
    for other in ("held", "mentioned"):
        opened.find_element("id", f"status-{other}").click()
    kept = [i for i in _shown_ids(opened) if not i.startswith("https://w3id.org/kaigi-kg/id/country/")]
    after = _positions(opened, kept)
    # the subset now sits together instead of spread over the whole layout
    assert _spread(after) < 0.5 * _spread({i: home[i] for i in kept})
    labels = _js(opened, "return kgExplorer.labelsDrawn()")
    assert len(labels) >= 0.8 * len(kept) and _js(opened, "return kgExplorer.labelOverlaps()") == 0
    # nodes do not pile up: no two kept nodes closer than a node's width
    points = list(after.values())
    closest = min(((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5
                  for i, a in enumerate(points) for b in points[i + 1:])
    assert closest > 20
    # unticking 再配置 (or clearing the filter) puts every node back where the page had it
    opened.find_element("id", "relayout").click()
    assert _at_home(opened, kept, home)
    assert "layout=fixed" in _js(opened, "return location.hash")
    opened.find_element("id", "relayout").click()
    opened.find_element("id", "reset").click()
    assert _at_home(opened, kept, home)


def test_viz_analysis_a_wide_focus_is_laid_out_again(opened, model):
    busiest = max((n for n in model["nodes"] if n["kind"] == "official"), key=lambda n: (n["meetings"], n["id"]))
    _js(opened, "kgExplorer.focus(arguments[0])", busiest["id"])
    opened.find_element("id", "expand").click()
    lit = _js(opened, "return kgExplorer.nodes.get({filter: function (n) { return n.opacity === 1 && !n.hidden; }}).map(function (n) { return n.id; })")
    home = {n["id"]: {"x": n["x"], "y": n["y"]} for n in model["nodes"]}
    assert len(lit) > 20
    # laid out for itself: moved from the page's layout, and (almost) every lit node named
    assert not any(_at_home(opened, [i], home) for i in lit if i != busiest["id"])
    named = [label for label in _js(opened, "return kgExplorer.labelsDrawn()") if not label["dimmed"]]
    assert len(named) >= 0.8 * len(lit) and _js(opened, "return kgExplorer.labelOverlaps()") == 0
    assert min(label["px"] for label in named) >= 11.9  # 12 px, the font size rounded to 0.1 unit


# ------------------------------------------------------------------ paths


def _restricted_paths(model, source, target):
    """Every shortest chain through people and meetings only (networkx, as the reference)."""
    kinds = {n["id"]: n["kind"] for n in model["nodes"]}
    graph = nx.Graph()
    for e in model["edges"]:
        graph.add_edge(e["from"], e["to"])
    keep = [n for n in graph if kinds[n] in PASSABLE or n in (source, target)]
    return {tuple(p) for p in nx.all_shortest_paths(graph.subgraph(keep), source, target)}


def _path_ends(model):
    """The official with the most meetings and one four links away (met nobody in common)."""
    kinds = {n["id"]: n["kind"] for n in model["nodes"]}
    start = max((n for n in model["nodes"] if n["kind"] == "official"), key=lambda n: (n["meetings"], n["id"]))["id"]
    graph = nx.Graph([(e["from"], e["to"]) for e in model["edges"]])
    graph = graph.subgraph([n for n in graph if kinds[n] in PASSABLE])
    far = sorted(n for n, d in nx.single_source_shortest_path_length(graph, start).items()
                 if d == 4 and kinds[n] == "official")
    assert far, "no official four links away"
    return start, far[0]


def test_viz_analysis_paths_between_two_picked_nodes(opened, model):
    start, end = _path_ends(model)
    labels = {n["id"]: n["details"]["display"] for n in model["nodes"]}
    search = opened.find_element("id", "search")
    search.send_keys(labels[start])
    opened.find_element("css selector", f"#search-results button[data-node='{start}']").click()
    opened.find_element("id", "path-from").click()
    assert "終点" in opened.find_element("id", "path-bar").text
    search.clear()
    search.send_keys(labels[end])
    opened.find_element("css selector", f"#search-results button[data-node='{end}']").click()
    shown = [tuple(p) for p in _js(opened, "return kgExplorer.paths()")]
    expected = _restricted_paths(model, start, end)
    assert shown and set(shown) <= expected and len(shown) == min(len(expected), 12)
    assert all(len(p) == 5 for p in shown)
    # the panel lists each chain as links; the chains are lit, the rest dimmed
    details = opened.find_element("id", "details-body")
    assert details.get_attribute("data-paths") == str(len(shown))
    items = details.find_elements("css selector", "ol.paths > li")
    assert [[b.get_attribute("data-go") for b in li.find_elements("css selector", "button.go")] for li in items] \
        == [list(p) for p in shown]
    lit = set(_js(opened, "return kgExplorer.nodes.get({filter: function (n) { return n.opacity === 1; }}).map(function (n) { return n.id; })"))
    assert lit == {i for p in shown for i in p}
    assert "from=" in _js(opened, "return location.hash") and "to=" in _js(opened, "return location.hash")
    # a link in a chain moves the focus there; Esc closes a path
    _js(opened, "kgExplorer.path(arguments[0], arguments[1])", start, end)
    from selenium.webdriver.common.keys import Keys
    opened.find_element("tag name", "body").send_keys(Keys.ESCAPE)
    assert _js(opened, "return kgExplorer.state().from") == "" and _js(opened, "return kgExplorer.paths()") == []
    _no_console_errors(opened)


def test_viz_analysis_path_deep_link(opened, session, model):
    start, end = _path_ends(model)
    _reopen(opened, session[1], f"from={quote(start, safe='')}&to={quote(end, safe='')}")
    assert {tuple(p) for p in _js(opened, "return kgExplorer.paths()")} <= _restricted_paths(model, start, end)
    assert opened.find_element("id", "details-body").get_attribute("data-paths") not in (None, "0")
    # two nodes nothing connects: said so, no chain
    graph = nx.Graph([(e["from"], e["to"]) for e in model["edges"] if not e["countryLink"]])
    apart = sorted(n["id"] for n in model["nodes"] if n["kind"] == "official" and n["id"] in graph
                   and not nx.has_path(graph, start, n["id"]))[0]
    _js(opened, "kgExplorer.path(arguments[0], arguments[1])", start, apart)
    assert _js(opened, "return kgExplorer.paths()") == []
    details = opened.find_element("id", "details-body")
    assert details.get_attribute("data-paths") == "0" and "繋がっていません" in details.find_element("tag name", "h3").text


# ------------------------------------------------------------------ styling and period


def test_viz_analysis_size_by_number_of_meetings(opened, model):
    from selenium.webdriver.support.ui import Select

    Select(opened.find_element("id", "style-size")).select_by_value("meetings")
    sizes = {n["id"]: n["size"] for n in _js(opened, "return kgExplorer.nodes.get()")}
    meetings = {n["id"]: n["meetings"] for n in model["nodes"]}
    ordered = sorted(meetings, key=lambda i: meetings[i])
    assert [sizes[i] for i in ordered] == sorted(sizes[i] for i in ordered)
    assert sizes[ordered[-1]] > 3 * sizes[ordered[0]]
    assert "size=meetings" in _js(opened, "return location.hash")


@pytest.mark.parametrize("mode", ["community", "country"])
def test_viz_analysis_colour_by_community_or_country(opened, model, mode):
    from selenium.webdriver.support.ui import Select

    Select(opened.find_element("id", "style-color")).select_by_value(mode)
    drawn = {n["id"]: n["color"] for n in _js(opened, "return kgExplorer.nodes.get()")}

    def fill(color):
        return color["border"] if isinstance(color, dict) else color

    groups = defaultdict(set)
    for n in model["nodes"]:
        if n[mode] is not None:
            groups[n[mode]].add(fill(drawn[n["id"]]))
    assert all(len(colours) == 1 for colours in groups.values())  # one colour a group
    biggest = sorted(groups, key=lambda g: -sum(1 for n in model["nodes"] if n[mode] == g))[:5]
    assert len({next(iter(groups[g])) for g in biggest}) == 5  # the largest ones told apart
    key = opened.find_elements("css selector", "#style-key li")
    assert len(key) >= 5
    if mode == "community":
        # the communities are networkx's Louvain communities of the drawn links
        assert len({n["community"] for n in model["nodes"] if n["community"] is not None}) > 5
    else:
        assert opened.find_element("css selector", "#style-key li[data-key='JP']")


def test_viz_analysis_period_slider_filters_graph_and_table(opened, model):
    from selenium.webdriver.common.keys import Keys

    slider = opened.find_element("id", "period-from")
    for _ in range(5):  # a tenth of the range at a time
        slider.send_keys(Keys.PAGE_UP)
    period = _js(opened, "return kgExplorer.state().dates")
    assert period and "dates=" in _js(opened, "return location.hash")
    start = period.split("..")[0]
    shown = set(_shown_ids(opened))
    meetings = [n for n in model["nodes"] if n["kind"] == "meeting" and n["id"] in shown]
    assert meetings and all(n["date"] and n["date"][:7] >= start[:4] for n in meetings)
    in_period = {n["id"] for n in model["nodes"] if n["kind"] == "meeting" and n["date"] and n["date"][:7] >= start}
    assert in_period <= {n["id"] for n in meetings}
    assert len(shown) < len(model["nodes"])
    opened.find_element("css selector", "#tabs button[data-view=table]").click()
    rows = _js(opened, "return kgExplorer.tableRows()")
    assert rows and all(r["date"] and r["date"][:7] >= start[:4] for r in rows)
    assert len(rows) == sum(1 for r in model["rows"] if r["meetingId"] in in_period | {n["id"] for n in meetings})


# ------------------------------------------------------------------ export


@pytest.mark.parametrize(("button", "name", "reader"), [
    ("export-gexf", "kaigi-kg.gexf", nx.read_gexf),
    ("export-graphml", "kaigi-kg.graphml", nx.read_graphml),
])
def test_viz_analysis_export_what_is_shown_for_other_tools(opened, downloads, model, button, name, reader):
    from selenium.webdriver.support.ui import Select

    Select(opened.find_element("id", "filter-forum")).select_by_visible_text(EDSCG)
    Select(opened.find_element("id", "style-color")).select_by_value("community")
    graph = reader(download_file(opened, downloads, button, name))
    shown = _js(opened, "return kgExplorer.shown()")
    countries = sum(1 for i in _shown_ids(opened) if "/country/" in i)
    assert graph.number_of_nodes() == shown["nodes"] and graph.number_of_edges() == shown["edges"]
    assert countries < shown["nodes"]
    labels = {n["id"]: n["details"]["display"] for n in model["nodes"]}
    ids = set(_shown_ids(opened))
    if name.endswith("gexf"):
        assert {graph.nodes[n]["label"] for n in graph} == {labels[i] for i in ids}
        some = next(n for n in graph if graph.nodes[n]["kind"] == "forum")
        assert graph.nodes[some]["iri"] in ids and "position" in graph.nodes[some]["viz"]
    else:
        assert set(graph.nodes) == ids
        assert {graph.nodes[n]["label"] for n in graph} == {labels[i] for i in ids}
        assert all(isinstance(graph.nodes[n]["x"], float) for n in graph)
    kinds = {d.get("kind") for _, _, d in graph.edges(data=True)}
    assert "represented" in kinds
