"""Helpers for `kg serve` tests: a server on a free loopback port, and its SPARQL page in headless Chromium.

The browser may reach 127.0.0.1 (the server under test) and nothing else: no host name
resolves and every other request goes to a dead proxy.
"""
from __future__ import annotations

import json
import socket
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.bench_viz import CHROMIUM_FLAGS, chromium_paths  # noqa: E402

LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
TABLE_ROWS = ".yasr table.dataTable tbody tr"


class Listener:
    """A loopback TCP server that records the first bytes of every connection made to it
    (the "other endpoint" a SERVICE call would reach)."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.seen: list[bytes] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            connection.settimeout(2)
            try:
                self.seen.append(connection.recv(300))
            except OSError:
                self.seen.append(b"")
            connection.close()

    def close(self) -> None:
        self.socket.close()

    def fill(self, template: str) -> str:
        """``template`` with ``{url}`` replaced by this listener's URL."""
        return template.replace("{url}", f"http://127.0.0.1:{self.port}/sparql")


def listener_fixture():
    """A ``Listener`` for a test module (``listener = pytest.fixture(scope="module")(listener_fixture)``)."""
    server = Listener()
    yield server
    server.close()


def http_get(url: str, timeout: float = 30) -> tuple[int, str]:
    """(status, body) of a GET, error statuses included."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def loopback_chromium(profile_dir: Path, *, width: int = 1400, height: int = 900, language: str = "ja"):
    """Headless Chromium (Selenium) with a fresh profile that can reach only 127.0.0.1,
    whose preferred language (``navigator.languages``, Accept-Language) is ``language``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    flags = [LOOPBACK_ONLY if flag.startswith("--host-resolver-rules") else flag for flag in CHROMIUM_FLAGS]
    for flag in (*flags, f"--window-size={width},{height}", f"--user-data-dir={profile_dir}", f"--lang={language}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    # The page itself is width x height (screenshots too), whatever the window adds around it.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    return driver


def start_server(graph: Path, **options):
    """A `kg serve` server over ``graph`` on a free loopback port, serving in a thread."""
    from kg.serve import make_server

    server = make_server(graph, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def stop_server(server, thread) -> None:
    server.shutdown()
    server.close()
    thread.join(20)


def open_page(driver, url: str, timeout: float = 60) -> None:
    """Load the SPARQL page and wait until its script is ready."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("browser")  # drop messages of earlier pages
    driver.get_log("performance")
    driver.get(url)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return !!(window.kgSparql && kgSparql.ready)"))


def run_bundled(driver, name: str, timeout: float = 60) -> None:
    """Click the bundled query ``name`` and wait for its result table."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    before = driver.find_element(By.ID, "result-status").text
    button = driver.find_element(By.XPATH, f"//ul[@id='bundled-queries']//button[code='{name}']")
    button.click()
    WebDriverWait(driver, timeout).until(
        lambda d: d.find_element(By.ID, "result-status").text not in ("", before, "実行中…", "Running…")
        and d.find_elements(By.CSS_SELECTOR, TABLE_ROWS))


def requested_urls(driver) -> list[str]:
    """URLs the page asked for since the last ``open_page``, browser-internal ones left out."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(("chrome:", "chrome-extension:", "devtools:", "about:")):
                urls.append(url)
    return urls


def table(driver) -> tuple[list[str], list[list[str]]]:
    """(column names, rows of cell texts) of the result table as shown."""
    script = """
      const heads = Array.from(document.querySelectorAll('.yasr table.dataTable thead th')).map(th => th.textContent.trim());
      const rows = Array.from(document.querySelectorAll('.yasr table.dataTable tbody tr')).map(
        tr => Array.from(tr.querySelectorAll('td')).map(td => td.textContent.trim()));
      return [heads, rows];"""
    heads, rows = driver.execute_script(script)
    return heads, rows
