"""The SPARQL page of `kg serve` in real headless Chromium, which can reach only 127.0.0.1."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.query import bundled_queries, run_query

from fixtures_serve import TABLE_ROWS, loopback_chromium, open_page, requested_urls, run_bundled, start_server, stop_server, table
from benchmarks.bench_viz import chromium_paths

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"

if None in chromium_paths():
    if os.environ.get("CI"):
        pytest.fail("CI is set but chromium/chromedriver are missing: run scripts/ensure-chromium", pytrace=False)
    pytest.skip("chromium and chromedriver not installed (scripts/ensure-chromium installs them)", allow_module_level=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from kg.viz import write_html

    folder = tmp_path_factory.mktemp("served")
    shutil.copyfile(FIXTURE, folder / "graph.ttl")
    write_html(folder / "graph.ttl", folder / "graph.html")  # the real explorer, for its deep links
    server, thread = start_server(folder / "graph.ttl", workers=1)
    yield server.url[: -len("/sparql")], folder
    stop_server(server, thread)


@pytest.fixture(scope="module")
def base(served):
    return served[0]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = loopback_chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture()
def page(browser, base):
    open_page(browser, base + "/")
    browser.execute_script("localStorage.clear()")  # tabs and history of earlier tests
    open_page(browser, base + "/")
    return browser


def _problems(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def test_serve_browser_bundled_query_shows_a_table(page, base, tmp_path):
    run_bundled(page, "representations")
    expected = run_query(FIXTURE, bundled_text("representations"))  # with the IRIs of what rows name
    heads, rows = table(page)
    assert heads == list(expected.columns)
    assert len(rows) == len(expected.rows) == int(page.find_element("id", "result-status").text.split()[0])
    evidence = heads.index("evidence")
    # sentences shown whole, in the library's order (the query's ORDER BY)
    assert [row[evidence] for row in rows] == [str(value) for value in expected.column("evidence")]
    assert page.find_element("css selector", "#bundled-queries button.active code").text == "representations"
    page.save_screenshot(str(tmp_path / "sparql-page.png"))
    assert _problems(page) == []
    assert [u for u in requested_urls(page) if not u.startswith((base + "/", "data:"))] == []


def test_serve_browser_page_loads_offline_within_its_policy(page, base):
    assert _problems(page) == []  # a CSP violation or a failed load is logged as SEVERE
    urls = requested_urls(page)
    assert base + "/assets/yasgui.min.js" in urls
    assert [u for u in urls if not u.startswith((base + "/", "data:"))] == []
    editor = page.execute_script("return kgSparql.yasqe.getValue()")
    assert "PREFIX kgo: <https://w3id.org/kaigi-kg/ontology#>" in editor
    assert page.find_elements("css selector", ".CodeMirror .cm-keyword")  # highlighted
    names = [e.text for e in page.find_elements("css selector", "#bundled-queries button code")]
    assert names == list(bundled_queries())
    assert page.find_element("id", "explorer-link").get_attribute("href") == base + "/explorer"


def test_serve_browser_columns_sort_on_click(page):
    from selenium.webdriver.support.ui import WebDriverWait

    run_bundled(page, "officials")
    heads, rows = table(page)
    column = heads.index("meetings")  # numbers: sorted as numbers, not as text
    for state, reverse in (("ascending", False), ("descending", True)):
        page.find_elements("css selector", ".yasr table.dataTable thead th")[column].click()
        WebDriverWait(page, 10).until(lambda d: d.find_elements("css selector", ".yasr table.dataTable thead th")[column].get_attribute("aria-sort") == state)
        _, shown = table(page)
        assert [int(r[column]) for r in shown] == sorted((int(r[column]) for r in rows), reverse=reverse)
        assert sorted(shown) == sorted(rows)


def test_serve_browser_iris_open_the_describe_page(page, base):
    page.find_element("css selector", ".yasqe .yasqe_queryButton").click()  # the starter query
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(page, 60).until(lambda d: d.find_elements("css selector", TABLE_ROWS + " a.iri"))
    link = page.find_element("css selector", TABLE_ROWS + " a.iri")
    href = link.get_attribute("href")
    assert href.startswith(base + "/describe?iri=https%3A%2F%2Fw3id.org%2Fkaigi-kg%2Fid%2Fforum%2F")
    iri = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["iri"][0]
    label = run_query(FIXTURE, f"SELECT ?l WHERE {{ <{iri}> rdfs:label ?l }}").rows[0][0]
    results = page.current_window_handle
    link.click()  # opens a new tab, so the results stay
    WebDriverWait(page, 30).until(lambda d: len(d.window_handles) == 2)
    page.switch_to.window([h for h in page.window_handles if h != results][0])
    try:
        WebDriverWait(page, 30).until(lambda d: d.find_elements("tag name", "h1") and d.find_element("tag name", "h1").text == label)
        assert page.current_url == href
        assert _problems(page) == []
    finally:
        page.close()
        page.switch_to.window(results)
    assert page.find_elements("css selector", TABLE_ROWS + " a.iri")


@pytest.mark.parametrize(("link", "kind"), [("download-csv", "csv"), ("download-json", "json")])
def test_serve_browser_downloads_are_the_editor_query(page, base, link, kind):
    run_bundled(page, "cross-forum")
    anchor = page.find_element("id", link)
    # The link is built on click; a click would also start a download, so build it the same way.
    page.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {cancelable: true})); ", anchor)
    href = anchor.get_attribute("href")
    assert href.startswith(base + f"/sparql?query=") and href.endswith(f"&format={kind}")
    with urllib.request.urlopen(href, timeout=20) as response:
        body = response.read().decode("utf-8")
    expected = run_query(FIXTURE, bundled_text("cross-forum"))
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == list(expected.columns) and len(rows) == len(expected.rows) + 1
    else:
        assert [b["official"]["value"] for b in json.loads(body)["results"]["bindings"]] == expected.column("official")


def test_serve_browser_share_link_reopens_and_runs_the_query(page, base):
    from selenium.webdriver.support.ui import WebDriverWait

    query = "SELECT ?acronym WHERE { ?f kgo:acronym ?acronym } ORDER BY ?acronym"
    page.execute_script("kgSparql.yasqe.setValue(arguments[0])", query)
    link = page.execute_script("return kgSparql.yasqe.config.createShareableLink(kgSparql.yasqe)")
    assert link.startswith(base + "/?query=")
    open_page(page, link)
    WebDriverWait(page, 30).until(lambda d: d.find_elements("css selector", TABLE_ROWS))
    assert page.execute_script("return kgSparql.yasqe.getValue()") == query
    assert table(page) == (["acronym"], [["DD"], ["SCG"]])
    assert _problems(page) == []


def test_serve_browser_query_error_shows_the_server_message(page):
    from selenium.webdriver.support.ui import WebDriverWait

    page.execute_script("kgSparql.yasqe.setValue('SELECT * WHERE { ?s ?p }')")
    page.find_element("css selector", ".yasqe .yasqe_queryButton").click()
    WebDriverWait(page, 30).until(lambda d: d.find_elements("css selector", ".yasr .errorResult pre"))
    shown = page.find_element("css selector", ".yasr .errorResult pre").text
    assert shown.startswith("[E303] SPARQL syntax error at line 1, column 18")
    assert page.find_element("id", "result-status").text == "エラー (詳細は下に表示)"
    # only the browser's note of the 400 itself; no script error
    assert [e for e in _problems(page) if e["source"] != "network" or "400" not in e["message"]] == []


# ---------------------------------------------------------------- editor, tabs, history, completion, links


def _gutter_errors(driver, query: str) -> list[str]:
    """The editor's syntax-error markers for ``query`` (their messages)."""
    return driver.execute_script(
        "kgSparql.yasqe.setValue(arguments[0]); kgSparql.yasqe.checkSyntax();"
        "return Array.from(document.querySelectorAll('.yasqe .parseErrorIcon')).map(e => e.title || e.textContent || 'error');",
        query)


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("SELECT ?l WHERE { ?f a kgo:Forum ; rdfs:label ?l }", False),
        ("SELECT ?m WHERE { ?m kgo:forum forum:戦略協議会 ; dcterms:date ?d }", False),
        ("PREFIX ex: <http://example.org/>\nSELECT ?o WHERE { ?s ex:p ?o ; skos:altLabel ?a }", False),
        ("SELECT ?o WHERE { ?s foaf:name ?o }", True),  # undeclared: still marked
    ],
)
def test_serve_browser_predeclared_prefixes_are_not_marked(page, query, marked):
    assert bool(_gutter_errors(page, query)) is marked


def test_serve_browser_query_and_history_survive_a_reload(page, base):
    from selenium.webdriver.support.ui import WebDriverWait

    query = "SELECT ?acronym WHERE { ?f kgo:acronym ?acronym } ORDER BY ?acronym"
    page.execute_script("kgSparql.yasqe.setValue(arguments[0])", query)
    page.find_element("css selector", ".yasqe .yasqe_queryButton").click()
    WebDriverWait(page, 30).until(lambda d: d.find_elements("css selector", TABLE_ROWS))
    run_bundled(page, "officials")
    open_page(page, base + "/")  # reload
    assert page.execute_script("return kgSparql.yasqe.getValue()") == bundled_text("officials")
    entries = page.find_elements("css selector", "#history button")
    assert [e.get_attribute("title") for e in entries] == [bundled_text("officials"), query]
    assert entries[1].find_element("tag name", "code").text == "SELECT ?acronym WHERE { ?f kgo:acronym ?acronym } ORDER BY ?acronym"
    entries[1].click()
    assert page.execute_script("return kgSparql.yasqe.getValue()") == query
    page.find_element("id", "history-clear").click()
    assert page.find_element("css selector", "#history li").text == "まだありません"


def bundled_text(name: str) -> str:
    from kg.sparql_page import linked_query

    return linked_query(bundled_queries()[name][1])


def test_serve_browser_tabs_keep_their_queries(page, base):
    run_bundled(page, "cross-forum")
    page.find_element("id", "tab-add").click()
    page.execute_script("kgSparql.yasqe.setValue('ASK { ?s ?p ?o }')")
    tabs = page.find_elements("css selector", "#tabs .tab .tab-open")
    assert [t.text for t in tabs] == ["cross-forum", "クエリ 2"]
    tabs[0].click()
    assert page.execute_script("return kgSparql.yasqe.getValue()") == bundled_text("cross-forum")
    open_page(page, base + "/")  # reload: both tabs, the first one active
    tabs = page.find_elements("css selector", "#tabs .tab .tab-open")
    assert [t.text for t in tabs] == ["cross-forum", "クエリ 2"]
    tabs[1].click()
    assert page.execute_script("return kgSparql.yasqe.getValue()") == "ASK { ?s ?p ?o }"
    page.find_elements("css selector", "#tabs .tab .tab-close")[1].click()
    assert [t.text for t in page.find_elements("css selector", "#tabs .tab .tab-open")] == ["cross-forum"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("?x a kgo:Fo", "kgo:Forum"), ("?x kgo:acr", "kgo:acronym"), ("?x a kgo:Rep", "kgo:Representation")],
)
def test_serve_browser_completes_ontology_terms_offline(page, base, typed, expected):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    page.execute_script("kgSparql.yasqe.setValue('SELECT * WHERE {\\n  \\n}'); kgSparql.yasqe.focus();"
                        "kgSparql.yasqe.setCursor({line: 1, ch: 2})")
    page.find_element("css selector", ".CodeMirror textarea").send_keys(typed)  # hints show as you type
    WebDriverWait(page, 10).until(lambda d: d.find_elements("css selector", ".CodeMirror-hints li"))
    hints = [e.text for e in page.find_elements("css selector", ".CodeMirror-hints li")]
    assert expected in hints
    page.find_element("css selector", ".CodeMirror textarea").send_keys(Keys.ENTER)
    assert expected in page.execute_script("return kgSparql.yasqe.getLine(1)")
    assert [u for u in requested_urls(page) if not u.startswith((base + "/", "data:"))] == []
    assert _problems(page) == []  # no blocked request to LOV or prefix.cc either


def test_serve_browser_bundled_rows_link_to_describe_and_the_explorer(page, base):
    from selenium.webdriver.support.ui import WebDriverWait

    run_bundled(page, "officials")
    heads, rows = table(page)
    assert heads[:2] == ["official", "person"]
    first = page.find_element("css selector", TABLE_ROWS)
    describe = first.find_element("css selector", "a.iri")
    iri = urllib.parse.parse_qs(urllib.parse.urlsplit(describe.get_attribute("href")).query)["iri"][0]
    assert run_query(FIXTURE, f"SELECT ?l WHERE {{ <{iri}> rdfs:label ?l }}").rows[0][0] == rows[0][0]
    focus = first.find_element("css selector", "a.explorer-focus")
    href = focus.get_attribute("href")
    assert href == base + "/explorer#focus=" + urllib.parse.quote(iri, safe="")
    assert focus.get_attribute("target") == "_blank"
    results = page.current_window_handle
    focus.click()  # a new tab: the explorer served by kg serve, focused on the node
    WebDriverWait(page, 30).until(lambda d: len(d.window_handles) == 2)
    page.switch_to.window([h for h in page.window_handles if h != results][0])
    try:
        WebDriverWait(page, 60).until(lambda d: d.execute_script("return !!(window.kgExplorer && kgExplorer.ready)"))
        assert page.current_url == href
        assert page.execute_script("return kgExplorer.state().focus") == iri
        assert [e for e in page.get_log("browser") if e["level"] == "SEVERE"] == []
    finally:
        page.close()
        page.switch_to.window(results)


EN_PAGE = {"#bundled h2": "Bundled queries", "#explorer-link": "Graph explorer", "#history-clear": "Clear history",
           "#lang-switch": "日本語"}
JA_PAGE = {"#bundled h2": "同梱クエリ", "#explorer-link": "グラフ探索 (explorer)", "#history-clear": "履歴を消去",
           "#lang-switch": "English"}


def _words(driver) -> dict[str, str]:
    return {selector: driver.find_element("css selector", selector).text for selector in EN_PAGE}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_serve_browser_page_speaks_the_browser_language(tmp_path, base, language):
    from kg.sparql_page import ui_strings

    driver = loopback_chromium(tmp_path / "profile", language=language)
    try:
        open_page(driver, base + "/")
        assert driver.execute_script("return document.documentElement.lang") == language
        assert _words(driver) == (EN_PAGE if language == "en" else JA_PAGE)
        run_bundled(driver, "officials")
        status = driver.find_element("id", "result-status").text
        assert status.startswith("4 rows · " if language == "en" else "4 行 · ")
        strings = ui_strings()
        described = [e.text for e in driver.find_elements("css selector", "#bundled-queries button span")]
        assert described == [strings[f"query.{name}"][language] for name in bundled_queries()]
        assert driver.find_element("css selector", ".yasr .tableFilter").get_attribute("placeholder") == strings["yasr.filter"][language]
        assert driver.find_element("css selector", ".yasr button.select_table > span").text == strings["yasr.table"][language]
        driver.find_element("id", "lang-switch").click()  # the switch, kept over a reload
        other = "ja" if language == "en" else "en"
        open_page(driver, base + "/")
        assert _words(driver) == (EN_PAGE if other == "en" else JA_PAGE)
        assert _problems(driver) == []
    finally:
        driver.quit()


def test_serve_browser_explorer_runs_under_the_served_policy(browser, base):
    # /explorer from kg serve itself (not file:): the page's inline scripts run under the
    # Content-Security-Policy the server sends (the server's script-src 'self' blanked it).
    from selenium.webdriver.support.ui import WebDriverWait

    with urllib.request.urlopen(base + "/explorer", timeout=30) as response:
        policy = response.headers["Content-Security-Policy"]
    scripts = policy.split("script-src ")[1].split(";")[0].split()
    assert scripts and all(token.startswith("'sha256-") for token in scripts)
    assert "frame-ancestors 'none'" in policy
    browser.get_log("browser")
    browser.get(base + "/explorer")
    WebDriverWait(browser, 60).until(lambda d: d.execute_script("return !!(window.kgExplorer && kgExplorer.shown)"))
    shown = browser.execute_script("return kgExplorer.shown()")
    assert shown["nodes"] > 0 and shown["edges"] > 0
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []  # a blocked script is SEVERE


LARGE = Path(__file__).parent / "data" / "viz_large.ttl"


@pytest.fixture(scope="module")
def served_large(tmp_path_factory):
    """The 351-node graph of seeds + tests/corpus + tests/regression, with its explorer."""
    from kg.viz import write_html

    folder = tmp_path_factory.mktemp("served-large")
    shutil.copyfile(LARGE, folder / "graph.ttl")
    write_html(folder / "graph.ttl", folder / "graph.html")
    server, thread = start_server(folder / "graph.ttl", workers=1)
    yield server.url[: -len("/sparql")], folder
    stop_server(server, thread)


def test_serve_browser_large_graph_rows_link_every_name(browser, served_large):
    """On the 351-node graph every name in a representations row has its IRI beside it, and
    the explorer link of a row's meeting opens the served explorer focused on that meeting."""
    from selenium.webdriver.support.ui import WebDriverWait

    base, _ = served_large
    open_page(browser, base + "/")
    browser.execute_script("localStorage.clear()")
    run_bundled(browser, "representations")
    heads, rows = table(browser)
    expected = run_query(LARGE, bundled_text("representations"))
    assert heads == list(expected.columns) and len(rows) == 50  # the first page of 256
    for label, variable in (("official", "person"), ("forum", "forumNode"), ("meeting", "meetingNode")):
        column = heads.index(variable)
        assert heads[column - 1] == label
        links = browser.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).map(td => td.querySelectorAll('a.iri, a.explorer-focus').length)",
            f"{TABLE_ROWS} td:nth-child({column + 1})")
        assert links == [2] * 50, variable  # describe and explorer, on every row
    cell = browser.find_element("css selector", f"{TABLE_ROWS} td:nth-child({heads.index('meetingNode') + 1}) a.explorer-focus")
    href = cell.get_attribute("href")
    meeting = urllib.parse.unquote(href.split("#focus=", 1)[1])
    assert meeting == expected.column("meetingNode")[0]
    assert href.startswith(base + "/explorer#focus=")
    results = browser.current_window_handle
    browser.switch_to.new_window("tab")
    try:
        browser.get(href)  # the explorer kg serve serves beside the graph
        WebDriverWait(browser, 60).until(lambda d: d.execute_script("return !!(window.kgExplorer && kgExplorer.ready)"))
        assert browser.execute_script("return kgExplorer.state().focus") == meeting
    finally:
        browser.close()
        browser.switch_to.window(results)
    assert _problems(browser) == []
