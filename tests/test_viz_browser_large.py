"""The explorer as a new user meets it, on a 350-node graph (seeds + tests/corpus +
tests/regression, tests/data/viz_large.ttl), in real headless Chromium at 1400x900 with the
network blocked: readable first view, filters that re-frame, focus moved by clicks in the
panel, deep links and Back, the meetings table equal to the `representations` query,
CSV and PNG export."""
from __future__ import annotations

import base64
import csv
import io
import struct
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from kg.query import bundled_queries, run_query

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.bench_viz import require_chromium  # noqa: E402
from tests.fixtures_viz import download_file, downloads, explorer_session, opened  # noqa: E402,F401

pytestmark = pytest.mark.slow

LARGE_TTL = ROOT / "tests" / "data" / "viz_large.ttl"
QUERY_COLUMNS = ["official", "side", "forum", "meeting", "date", "title", "institution", "evidence", "document"]
FORUM = "拡大抑止戦略協議体"
MIN_READABLE_PX = 0.6 * 16  # vis zoom 0.6 on a 16 px label

require_chromium()


@pytest.fixture(scope="module")
def session(tmp_path_factory, downloads):
    """(browser at 1400x900 saving downloads, the page of the 351-node graph)."""
    yield from explorer_session(tmp_path_factory, downloads, LARGE_TTL)


def _js(driver, script, *args):
    return driver.execute_script(script, *args)


def _in_canvas(driver, ids) -> bool:
    return _js(driver, """
        var box = document.getElementById('network').getBoundingClientRect();
        return arguments[0].every(function (id) {
          var p = kgExplorer.pagePosition(id);
          return p.x >= box.left && p.x <= box.right && p.y >= box.top && p.y <= box.bottom; });""", ids)


def _download(driver, folder: Path, button_id: str, name: str) -> bytes:
    """Click a download button and return the bytes of the file Chromium saved."""
    return download_file(driver, folder, button_id, name).read_bytes()


def _click_node(driver, node_id):
    from selenium.webdriver.common.action_chains import ActionChains

    point = _js(driver, "return kgExplorer.pagePosition(arguments[0])", node_id)
    ActionChains(driver).move_by_offset(0, 0).perform()
    body = driver.find_element("tag name", "body")
    size = body.size
    ActionChains(driver).move_to_element_with_offset(
        body, int(point["x"] - size["width"] / 2), int(point["y"] - size["height"] / 2)).click().perform()


def test_viz_large_first_view_fits_the_main_component_with_readable_labels(opened):
    assert _js(opened, "return kgExplorer.total.nodes") >= 300
    main = _js(opened, "return kgExplorer.nodes.get({filter: function (n) { return n.main; }}).map(function (n) { return n.id; })")
    assert len(main) > 200 and _in_canvas(opened, main)
    labels = _js(opened, "return kgExplorer.labelsDrawn()")
    assert len(labels) >= 30
    assert min(label["px"] for label in labels) >= MIN_READABLE_PX
    # no two drawn labels overlap (boxes estimated as the explorer places them)
    assert _js(opened, "return kgExplorer.labelOverlaps()") == 0
    assert [e for e in opened.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []


def test_viz_large_forum_filter_reframes_on_what_it_keeps(opened):
    from selenium.webdriver.support.ui import Select

    before = _js(opened, "return kgExplorer.network.getScale()")
    Select(opened.find_element("id", "filter-forum")).select_by_visible_text(FORUM)
    kept = _js(opened, """return kgExplorer.nodes.get({filter: function (n) {
        return !n.hidden && n.kind !== 'country'; }}).map(function (n) { return n.id; })""")
    assert 5 <= len(kept) < 40
    assert _in_canvas(opened, kept)
    assert _js(opened, "return kgExplorer.network.getScale()") > 2 * before
    labels = _js(opened, "return kgExplorer.labelsDrawn()")
    assert len(labels) >= len(kept) / 2 and min(label["px"] for label in labels) >= MIN_READABLE_PX
    assert "forum=" in _js(opened, "return location.hash")


def test_viz_large_click_a_meeting_then_a_person_in_its_panel_moves_the_focus(opened):
    meeting = _js(opened, """var count = {};
        kgExplorer.edges.forEach(function (e) { if (e.kind === 'represented') count[e.to] = (count[e.to] || 0) + 1; });
        return Object.keys(count).sort(function (a, b) { return count[b] - count[a] || (a < b ? -1 : 1); })[0];""")
    _js(opened, "kgExplorer.network.focus(arguments[0], {scale: 1.5, animation: false})", meeting)
    _click_node(opened, meeting)
    details = opened.find_element("id", "details-body")
    assert details.get_attribute("data-node") == meeting
    assert _js(opened, "return kgExplorer.state().focus") == meeting
    # its delegations by side, each person a link; the rest of the graph is dimmed
    side_lists = details.find_elements("css selector", "ul.links[data-heading$='の出席者']")
    assert len(side_lists) >= 2
    dimmed = _js(opened, "return kgExplorer.nodes.get({filter: function (n) { return n.opacity < 1; }}).length")
    assert dimmed > 200
    person_link = side_lists[0].find_element("css selector", "button.go")
    person = person_link.get_attribute("data-go")
    person_link.click()
    assert _js(opened, "return kgExplorer.state().focus") == person
    assert details.get_attribute("data-node") == person
    assert details.find_element("css selector", "p.iri").text == person
    assert f"<{person}>" in details.find_element("css selector", "pre.sparql").text
    lit = _js(opened, "return kgExplorer.nodes.get({filter: function (n) { return n.opacity === 1; }}).map(function (n) { return n.id; })")
    assert person in lit and meeting in lit and len(lit) < 20
    assert _in_canvas(opened, lit)
    # Back returns to the meeting
    opened.back()
    time.sleep(0.3)
    assert _js(opened, "return kgExplorer.state().focus") == meeting
    assert details.get_attribute("data-node") == meeting


def test_viz_large_deep_link_reopens_the_same_focus_and_filters(session):
    browser, page = session
    iri = "https://w3id.org/kaigi-kg/id/institution/cn-外務省"
    browser.get("about:blank")
    # (a status filter keeps meetings and what they link to: an institution is none of those)
    browser.get(page.resolve().as_uri() + "#focus=" + quote(iri, safe="") + "&country=CN&depth=2")
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, 60).until(lambda d: d.execute_script("return !!(window.kgExplorer && kgExplorer.ready)"))
    state = _js(browser, "return kgExplorer.state()")
    assert (state["focus"], state["country"], state["depth"]) == (iri, "CN", 2)
    assert browser.find_element("css selector", "#details-body h3").text == "外務省 (中国)"
    assert browser.find_element("id", "filter-country").get_attribute("value") == "CN"
    lit = _js(browser, "return kgExplorer.nodes.get({filter: function (n) { return n.opacity === 1 && !n.hidden; }}).map(function (n) { return n.id; })")
    assert iri in lit and _in_canvas(browser, lit)


def _query_rows():
    result = run_query(LARGE_TTL, bundled_queries()["representations"][1])
    return [["" if r.get(c) is None else str(r.get(c)) for c in QUERY_COLUMNS] for r in result.records()]


def _table_rows(driver):
    return _js(driver, """
        var cols = arguments[0];
        return Array.prototype.map.call(document.querySelectorAll('#meetings-table tbody tr'), function (tr) {
          return cols.map(function (c) {
            var td = tr.querySelector("td[data-col='" + c + "']");
            var link = td.querySelector('button.go');
            return link ? link.textContent : td.textContent; }); });""", QUERY_COLUMNS)


def test_viz_large_meetings_table_lists_the_rows_of_the_representations_query(opened, downloads):
    opened.find_element("css selector", "#tabs button[data-view=table]").click()
    expected = _query_rows()
    assert len(expected) > 200
    assert _table_rows(opened) == expected
    # sortable: by 出席者, descending on a second click
    header = opened.find_element("css selector", "#meetings-table th[data-col=official]")
    header.click()
    header.click()
    officials = [row[0] for row in _table_rows(opened)]
    assert officials == sorted(officials, reverse=True)
    assert "sort=-official" in _js(opened, "return location.hash")
    # CSV of what is shown, as a real download
    text = _download(opened, downloads, "export-csv", "representations.csv").decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == QUERY_COLUMNS
    assert sorted(parsed[1:]) == sorted(expected)
    assert [row[0] for row in parsed[1:]] == officials


def test_viz_large_status_filter_hides_placeholders_in_graph_and_table(opened):
    opened.find_element("id", "status-planned").click()
    opened.find_element("id", "status-mentioned").click()
    shown_status = _js(opened, """return kgExplorer.nodes.get({filter: function (n) {
        return !n.hidden && n.kind === 'meeting'; }}).map(function (n) { return n.status; })""")
    assert shown_status and set(shown_status) == {"held"}
    opened.find_element("css selector", "#tabs button[data-view=table]").click()
    statuses = {r["status"] for r in _js(opened, "return kgExplorer.tableRows()")}
    assert statuses == {"held"}
    assert "status=held" in _js(opened, "return location.hash")


def test_viz_large_timeline_shows_forums_by_date_and_a_meeting_with_its_delegations(opened):
    opened.find_element("css selector", "#tabs button[data-view=timeline]").click()
    lanes = opened.find_elements("css selector", ".tl-lane")
    forums_with_meetings = _js(opened, """var f = {};
        kgExplorer.nodes.forEach(function (n) { if (n.kind === 'meeting') n.forums.forEach(function (x) { f[x] = 1; }); });
        return Object.keys(f).length""")
    assert len(lanes) == forums_with_meetings
    marker = opened.find_element("css selector", ".tl-track .tl-meeting:not(.planned):not(.mentioned)")
    meeting = marker.get_attribute("data-node")
    marker.click()
    details = opened.find_element("id", "details-body")
    assert details.get_attribute("data-node") == meeting
    assert details.find_elements("css selector", "ul.links[data-heading$='の出席者']")
    assert details.find_elements("css selector", ".evidence .sentence")


def test_viz_large_png_export_is_the_canvas(opened, downloads):
    data_url = _js(opened, "return kgExplorer.png()")
    assert data_url.startswith("data:image/png;base64,")
    png = base64.b64decode(data_url.split(",", 1)[1])
    width, height = struct.unpack(">II", png[16:24])
    canvas = _js(opened, "var c = document.querySelector('#network canvas'); return [c.width, c.height]")
    assert [width, height] == canvas and width > 800
    assert _download(opened, downloads, "export-png", "kaigi-kg-graph.png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_viz_large_zooming_in_names_more_nodes_at_the_same_screen_size(opened):
    def named():
        return _js(opened, "return kgExplorer.nodes.get({filter: function (n) { return !n.hidden && n.label; }}).length")

    before = named()
    scale = _js(opened, "return kgExplorer.network.getScale()")
    _js(opened, "kgExplorer.network.moveTo({scale: arguments[0], animation: false}); kgExplorer.network.emit('zoom', {})", scale * 3)
    assert named() > 1.5 * before
    assert min(label["px"] for label in _js(opened, "return kgExplorer.labelsDrawn()")) >= MIN_READABLE_PX
    assert _js(opened, "return kgExplorer.labelOverlaps()") == 0


def test_viz_large_search_finds_any_kind_and_reframes_on_it(opened):
    box = opened.find_element("id", "search")
    box.send_keys("拡大抑止戦略")
    results = opened.find_elements("css selector", "#search-results button")
    kinds = {_js(opened, "return kgExplorer.nodes.get(arguments[0]).kind", r.get_attribute("data-node")) for r in results}
    assert {"forum", "meeting"} <= kinds
    target = results[0].get_attribute("data-node")
    results[0].click()
    assert _js(opened, "return kgExplorer.state().focus") == target
    lit = _js(opened, "return kgExplorer.nodes.get({filter: function (n) { return n.opacity === 1; }}).map(function (n) { return n.id; })")
    assert target in lit and _in_canvas(opened, lit)


def test_viz_large_panel_starts_with_the_busiest_forums_as_links(opened):
    links = opened.find_elements("css selector", "#details-body ul.links[data-heading='会合の多い協議体'] button.go")
    assert len(links) >= 5
    forum = links[0].get_attribute("data-go")
    links[0].click()
    assert _js(opened, "return kgExplorer.state().focus") == forum
    assert _js(opened, "return kgExplorer.nodes.get(arguments[0]).kind", forum) == "forum"
