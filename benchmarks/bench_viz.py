"""Benchmark: explorer page build and first render in headless Chromium, up to 2,000 nodes.

Run: ``.venv/bin/python benchmarks/bench_viz.py [--sizes 200 500 1000 2000]``.
For each synthetic graph size it prints the seconds to write graph.html (layout included:
positions are computed at build time), the page size, and in the browser the time from
navigation to the first drawn frame (which is the final one: no physics runs), with the
ratio of each to the smallest size. The browser helpers here are shared with the browser
tests; screenshots are made by ``scripts/explorer-screenshots``.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import rdflib  # noqa: E402
from rdflib import RDF, RDFS, SKOS, XSD, Literal  # noqa: E402

from kg.namespace import KGO, NIF, bind_prefixes, iri  # noqa: E402
from kg.viz import write_html  # noqa: E402

REAL_GRAPH = Path(__file__).resolve().parent.parent / "tests" / "data" / "viz_large.ttl"

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
    # Network blocked: no name resolves, and any proxied request goes nowhere.
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
)


def chromium_paths() -> tuple[str | None, str | None]:
    """(chromium, chromedriver) executables on PATH, or None for a missing one."""
    return shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")


def require_chromium() -> None:
    """For a browser test module: skip it when Chromium is missing, fail under CI."""
    import pytest

    if None in chromium_paths():
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium/chromedriver are missing: run scripts/ensure-chromium",
                        pytrace=False)
        pytest.skip("chromium and chromedriver not installed (scripts/ensure-chromium installs them)",
                    allow_module_level=True)


def offline_chromium(profile_dir: Path, *, width: int = 1400, height: int = 900, language: str = "ja"):
    """Headless Chromium (Selenium) with a fresh profile and the network switched off, whose
    preferred language is ``language`` (the explorer speaks the browser's language; its
    tests and screenshots read its Japanese)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--window-size={width},{height}", f"--user-data-dir={profile_dir}",
                 f"--lang={language}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
    return driver


def set_viewport(driver, width: int, height: int) -> None:
    """Make the page's viewport exactly ``width`` x ``height`` CSS pixels (screenshots)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


@contextlib.contextmanager
def explorer_browser(profile_dir: Path, *, viewport: tuple[int, int] | None = None,
                     downloads: Path | None = None):
    """``offline_chromium`` as a context manager, with an exact viewport and a download folder."""
    driver = offline_chromium(profile_dir)
    try:
        if viewport:
            set_viewport(driver, *viewport)
        if downloads:
            driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        yield driver
    finally:
        driver.quit()


def open_explorer(driver, html: Path, timeout: float = 120) -> dict:
    """Load the explorer page and wait for its settled layout; returns its timing (ms)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("browser")  # drop messages of earlier pages
    driver.get_log("performance")
    driver.get(html.resolve().as_uri())
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return !!(window.kgExplorer && kgExplorer.ready)"))
    return driver.execute_script("return kgExplorer.timing")


def synthetic_graph(n_nodes: int, seed: int = 0) -> rdflib.Graph:
    """A graph of about ``n_nodes`` explorer nodes in the project vocabulary and proportions."""
    rng = random.Random(seed)
    g = rdflib.Graph()
    bind_prefixes(g)
    n_countries, n_forums = 12, max(3, n_nodes // 100)
    n_meetings, n_institutions = n_nodes // 6, n_nodes // 8
    n_people = n_nodes - n_countries - n_forums - n_meetings - n_institutions
    countries = [iri("country", f"C{i:02d}") for i in range(n_countries)]
    for i, c in enumerate(countries):
        g.add((c, RDF.type, KGO.Country))
        g.add((c, RDFS.label, Literal(f"国{i}", lang="ja")))
        g.add((c, KGO.isoCode, Literal(f"C{i:02d}")))
    forums = [iri("forum", f"協議体{i}") for i in range(n_forums)]
    forum_members = {}
    for i, f in enumerate(forums):
        g.add((f, RDF.type, KGO.Forum))
        g.add((f, RDFS.label, Literal(f"架空協議体{i}", lang="ja")))
        forum_members[f] = rng.sample(countries, 2)
        for c in forum_members[f]:
            g.add((f, KGO.memberCountry, c))
    meetings = [iri("meeting", f"会合{i}") for i in range(n_meetings)]
    for i, m in enumerate(meetings):
        f = forums[i % n_forums]
        g.add((m, RDF.type, KGO.Meeting))
        g.add((m, RDFS.label, Literal(f"第{i // n_forums + 1}回架空協議体{i % n_forums}", lang="ja")))
        g.add((m, KGO.forum, f))
        g.add((m, KGO.date, Literal(f"{2000 + i % 25}-{1 + i % 12:02d}", datatype=XSD.gYearMonth)))
        for c in forum_members[f]:
            g.add((m, KGO.participant, c))
    institutions = [iri("institution", f"機関{i}") for i in range(n_institutions)]
    for i, inst in enumerate(institutions):
        g.add((inst, RDF.type, KGO.Institution))
        g.add((inst, RDFS.label, Literal(f"架空省{i}", lang="ja")))
        g.add((inst, KGO.country, countries[i % n_countries]))
    doc = iri("document", "synthetic")
    g.add((doc, RDF.type, KGO.Document))
    for i in range(n_people):
        p = iri("person", f"人物{i}")
        g.add((p, RDF.type, KGO.Official))
        g.add((p, RDFS.label, Literal(f"架空人物{i}", lang="ja")))
        g.add((p, SKOS.altLabel, Literal(f"カクウ・ジンブツ{i}", lang="ja")))
        inst = rng.choice(institutions)
        g.add((p, KGO.serves, inst))
        g.add((p, KGO.country, g.value(inst, KGO.country)))
        for m in rng.sample(meetings, rng.randint(1, 3)):
            rep = iri("representation", f"{i}-{meetings.index(m)}")
            ev = iri("evidence", f"{i}-{meetings.index(m)}")
            g.add((rep, RDF.type, KGO.Representation))
            g.add((rep, KGO.official, p))
            g.add((rep, KGO.meeting, m))
            g.add((rep, KGO.side, g.value(inst, KGO.country)))
            g.add((rep, KGO.evidence, ev))
            g.add((ev, RDF.type, KGO.Evidence))
            g.add((ev, KGO.document, doc))
            g.add((ev, NIF.anchorOf, Literal(f"架空人物{i}が会合に出席した。")))
    return g


# The page's re-layout of a subset (kgAnalysis.layoutSubset): the nodes (no countries) met
# first from the busiest node through the drawn links, up to the 600 the page lays out again,
# so the subset is mostly one component (the worst case); the best of three runs.
SUBSET_LAYOUT = """
var all = kgExplorer.nodes.get(), adj = {}, byId = {};
all.forEach(function (n) { adj[n.id] = []; byId[n.id] = n; });
kgExplorer.edges.get().forEach(function (e) { if (!e.countryLink) { adj[e.from].push(e.to); adj[e.to].push(e.from); } });
var start = all.filter(function (n) { return n.kind !== 'country'; })
  .sort(function (a, b) { return adj[b.id].length - adj[a.id].length; })[0].id;
var seen = {}, queue = [start], ns = [];
seen[start] = true;
while (queue.length && ns.length < 600) {
  var id = queue.shift(); ns.push(byId[id]);
  adj[id].forEach(function (m) { if (!seen[m]) { seen[m] = true; queue.push(m); } });
}
var ids = ns.map(function (n) { return n.id; }).sort(), home = {}, keep = {};
ns.forEach(function (n) { home[n.id] = {x: n.x, y: n.y}; keep[n.id] = true; });
var links = kgExplorer.edges.get().filter(function (e) { return keep[e.from] && keep[e.to]; })
  .map(function (e) { return [e.from, e.to]; });
var best = Infinity;
for (var i = 0; i < 3; i++) {
  var t = performance.now();
  kgAnalysis.layoutSubset(ids, links, home, 180, 80);
  best = Math.min(best, performance.now() - t);
}
return [ids.length, best];
"""


def main(argv: list[str] | None = None) -> None:
    """Print build and render times per graph size, and their ratios to the smallest size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 500, 1000, 2000])
    args = parser.parse_args(argv)
    if None in chromium_paths():
        raise SystemExit("bench_viz: chromium and chromedriver are needed; run scripts/ensure-chromium")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        driver = offline_chromium(tmp_path / "profile")
        try:
            rows = []
            graphs = []
            for size in args.sizes:
                ttl = tmp_path / f"g{size}.ttl"
                synthetic_graph(size).serialize(ttl, format="turtle")
                graphs.append((size, ttl))
            # The built test corpora (real extraction output), after the synthetic sizes.
            graphs.append(("corpora", REAL_GRAPH))
            for size, ttl in graphs:
                started = time.perf_counter()
                html = write_html(ttl, tmp_path / f"g{size}.html")
                build = time.perf_counter() - started
                timing = open_explorer(driver, html)
                counts = driver.execute_script("return kgExplorer.total")
                subset, layout_ms = driver.execute_script(SUBSET_LAYOUT)
                rows.append((size, counts["nodes"], counts["edges"], build, html.stat().st_size / 1e6,
                             timing["firstDraw"] / 1000, subset, layout_ms / 1000))
        finally:
            driver.quit()
    base = rows[0]
    print(f"{'graph':>8} {'nodes':>6} {'edges':>6} {'write_html s':>12} {'MB':>5} {'first draw s':>12}"
          f" {'ratio build':>11} {'ratio draw':>10} {'re-layout (nodes)':>17} {'s':>6}")
    for name, nodes, edges, build, mb, draw, subset, layout in rows:
        print(f"{name:>8} {nodes:>6} {edges:>6} {build:>12.2f} {mb:>5.2f} {draw:>12.2f}"
              f" {build / base[3]:>11.1f} {draw / base[5]:>10.1f} {subset:>17} {layout:>6.3f}")


if __name__ == "__main__":
    main()
