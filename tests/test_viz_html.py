"""The explorer page without a browser: offline, escaped, deterministic, clear errors."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import GraphError
from kg.namespace import KGO
from kg.viz import explorer_data, load_graph, render_html, search_key, write_html

ROOT = Path(__file__).resolve().parent.parent
EXPLORER_TTL = ROOT / "tests" / "data" / "viz_explorer.ttl"


class _Page(HTMLParser):
    """Collects tag attributes and the text of every <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(load_graph(EXPLORER_TTL), title="<i>テスト</i>")


def _parsed(html: str) -> _Page:
    parser = _Page()
    parser.feed(html)
    return parser


def test_viz_html_has_no_network_references(page):
    parsed = _parsed(page)
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "srcset", "data", "poster", "action"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(name) or ""), (tag, attrs)
    assert [t for t, a in parsed.tags if t == "link"] == []
    assert [t for t, a in parsed.tags if t == "script" and "src" in a] == []
    css = "".join(re.findall(r"<style>(.*?)</style>", page, flags=re.S))
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", css)
    assert urls and all(u.startswith("data:") for u in urls)
    assert "@import" not in css
    assert "bootstrap" not in page.lower()


def test_viz_html_embeds_hostile_text_only_as_escaped_json(page):
    parsed = _parsed(page)
    assert len(parsed.scripts) == 6  # vis, graph data, explorer, corrections, words (ui_strings), language
    attrs, text = parsed.scripts[1]
    assert attrs == {"type": "application/json", "id": "kg-data"}
    assert re.search("[<>&\u2028\u2029]", text) is None
    assert json.loads(text) == json.loads(json.dumps(explorer_data(load_graph(EXPLORER_TTL))))
    assert "window.__pwned" not in page.replace(text, "")
    assert "<title>&lt;i&gt;テスト&lt;/i&gt;</title>" in page


def test_viz_html_csp_allows_exactly_the_inline_scripts(page):
    parsed = _parsed(page)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    executable = [text for attrs, text in parsed.scripts if attrs.get("type") != "application/json"]
    assert {base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() for t in executable} == allowed
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "default-src 'none'" in csp


def test_viz_html_is_byte_identical_for_the_same_graph_in_any_triple_order(tmp_path):
    graph = load_graph(EXPLORER_TTL)
    triples = sorted(graph, key=str)
    random.Random(3).shuffle(triples)
    reordered = rdflib.Graph()
    for triple in triples:
        reordered.add(triple)
    shuffled_ttl = tmp_path / "shuffled.ttl"
    reordered.serialize(shuffled_ttl, format="turtle")
    pages = []
    # separate processes with different hash seeds: set and dict order differ between them
    for n, (ttl, seed) in enumerate([(EXPLORER_TTL, "1"), (shuffled_ttl, "2"), (EXPLORER_TTL, "3")]):
        code = f"from kg.viz import write_html; write_html({str(ttl)!r}, {str(tmp_path / f'{n}.html')!r})"
        subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        pages.append((tmp_path / f"{n}.html").read_bytes())
    assert pages[0] == pages[1] == pages[2]


def test_viz_explorer_data_draws_each_link_as_a_named_edge():
    data = explorer_data(load_graph(EXPLORER_TTL))
    kinds = {}
    for edge in data["edges"]:
        kinds[edge["kind"]] = kinds.get(edge["kind"], 0) + 1
        assert "label" not in edge  # no English words drawn on the edges
        # links to a country are off by default (countries are badges) and not laid out
        assert edge["hidden"] is edge["countryLink"] is (edge["kind"] in ("country", "member", "at meeting"))
    assert kinds == {"represented": 5, "of forum": 2, "serves": 4, "country": 7, "member": 4, "at meeting": 4}
    by_label = {n["details"]["label"]: n for n in data["nodes"]}
    assert by_label["山本一郎"]["label"] == "山本一郎 · JP"  # the country as a badge
    assert by_label["山本一郎"]["kind"] == "official"
    assert by_label["外務省"]["kind"] == "institution"
    assert by_label["第3回架空安保協議"]["kind"] == "meeting"
    # size follows degree: 山本 (2 meetings, 外務省, 日本) is drawn bigger than 朴 (1 meeting)
    assert by_label["山本一郎"]["size"] > by_label["朴架空"]["size"]
    head = next(e for e in data["edges"] if e["id"].endswith("/r1"))
    assert (head["side"], head["title"], head["institution"], head["head"]) == ("日本", "外務副大臣", "外務省", True)
    assert [ev["sentence"] for ev in head["evidence"]] == [
        "日本側からは山本一郎外務副大臣が、米国側からはジェーン・エグザンプル国務次官補が出席した。"]
    meeting = by_label["架空防衛対話 (2024年5月)"]["details"]
    assert ["日付", ["2024-05"]] in meeting["rows"] and ["場所", ["ソウル"]] in meeting["rows"]
    assert ["状態", ["予定 (planned)"]] in meeting["rows"]
    # one entry per sentence, naming every representation it supports
    shared = [ev for ev in meeting["evidence"] if ev["sentence"].startswith("協議には")]
    assert len(shared) == 1 and shared[0]["context"] == [
        "山本一郎 → 架空防衛対話 (2024年5月)", "朴架空 → 架空防衛対話 (2024年5月)"]
    assert len(meeting["evidence"]) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("ヤマモト・イチロウ", "ヤマモトイチロウ"),
    ("ﾔﾏﾓﾄ･ｲﾁﾛｳ", "ヤマモトイチロウ"),
    ("ヤマモト　イチロウ", "ヤマモトイチロウ"),
    ("Ｉｃｈｉｒｏ Yamamoto", "ichiroyamamoto"),
    ("ジャン＝ピエール・ドゥ", "ジャンピエールドゥ"),
    ("山本一郎", "山本一郎"),
])
def test_viz_search_key_normalises_spellings(text, expected):
    assert search_key(text) == expected


def test_viz_missing_graph_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.ttl"
    with pytest.raises(GraphError) as err:
        write_html(missing, tmp_path / "graph.html")
    assert str(err.value) == f"[E450] graph file not found: {missing}; give the graph.ttl written by `kg build`"


def test_viz_bad_turtle_is_a_clear_error_and_keeps_the_old_page(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kgo: <https://w3id.org/kaigi-kg/ontology#> .\nkgo:a kgo:b \n", encoding="utf-8")
    html = tmp_path / "graph.html"
    html.write_text("previous page", encoding="utf-8")
    with pytest.raises(GraphError) as err:
        write_html(bad, html)
    assert err.value.code == "E451"
    assert str(err.value).startswith(f"[E451] {bad} is not valid Turtle (")
    assert "\n" not in str(err.value)
    assert html.read_text(encoding="utf-8") == "previous page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "graph.html"]


def test_viz_empty_graph_still_gives_a_page(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix kgo: <https://w3id.org/kaigi-kg/ontology#> .\n", encoding="utf-8")
    data = json.loads(_parsed(render_html(load_graph(empty))).scripts[1][1])
    assert (data["nodes"], data["edges"], data["forums"]) == ([], [], [])


def test_viz_never_imports_spacy(tmp_path):
    code = (
        "import sys; from kg.viz import write_html; "
        f"write_html({str(EXPLORER_TTL)!r}, {str(tmp_path / 'g.html')!r}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'ginza', 'kg.nlp')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_viz_any_label_round_trips_through_the_embedded_json(text):
    graph = rdflib.Graph()
    person = rdflib.URIRef("https://w3id.org/kaigi-kg/id/person/x")
    graph.add((person, rdflib.RDF.type, KGO.Official))
    graph.add((person, rdflib.RDFS.label, rdflib.Literal(text, lang="ja")))
    graph.add((person, rdflib.SKOS.altLabel, rdflib.Literal("</script>" + text)))
    scripts = _parsed(render_html(graph)).scripts
    assert len(scripts) == 6  # nothing in the label could close or open a script element
    node = json.loads(scripts[1][1])["nodes"][0]
    assert node["label"] == text and node["details"]["aliases"] == ["</script>" + text]
