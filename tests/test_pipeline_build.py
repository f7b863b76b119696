"""kg.pipeline.build_corpus on the real seeds with the real stages: outputs, determinism,
cache counters, incremental rebuilds and atomic outputs."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import rdflib

from kg.errors import BuildError, InputError
from kg.ingest import load_article
from kg.pipeline import OUTPUT_FILES, REPORT_FILE, build_corpus

from conftest import SEEDS, TEST_CACHE

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _copy_corpus(dest: Path, files) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, dest / f.name)
        meta = f.with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, dest / meta.name)
    return dest


def _previous_build(tmp_path: Path, seed_build) -> tuple[Path, dict[str, bytes]]:
    """An OUTDIR holding a finished build, and its bytes."""
    out = tmp_path / "out"
    shutil.copytree(seed_build[0], out)
    return out, _snapshot(out)


# ---------------------------------------------------------------- outputs


def test_pipeline_build_writes_graph_explorer_and_report(seed_build, seed_graph):
    out, report = seed_build
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.ttl", "report.json"]
    on_disk = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    assert on_disk["counts"] == report.counts
    assert report.counts["articles"] == len(SEED_FILES)
    assert report.skipped == []
    for key in ("officials", "institutions", "forums", "meetings", "representations"):
        assert report.counts[key] > 0, key
    assert report.counts["officials"] <= report.counts["people"]
    assert dict(seed_graph.namespaces())["kgo"] == rdflib.URIRef("https://w3id.org/kaigi-kg/ontology#")
    assert "<html" in (out / "graph.html").read_text(encoding="utf-8").lower()
    assert {p.stat().st_mode for p in out.iterdir()} == {(out / "graph.ttl").stat().st_mode}


def test_pipeline_build_explorer_is_the_page_of_its_turtle(seed_build, seed_graph):
    """The build renders the explorer from the graph in memory (not parsing graph.ttl back):
    the page is the same bytes `kg viz graph.ttl` writes."""
    from kg.viz import render_html

    out, _ = seed_build
    assert (out / "graph.html").read_text(encoding="utf-8") == render_html(seed_graph)


def test_pipeline_build_report_is_json_ready(seed_build):
    _, report = seed_build
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data["cache"]) >= {"parsed_blocks", "block_cache_hits", "facts_cache_hits", "facts_cache_misses"}
    assert set(data["timings"]) >= {"ingest", "parse_extract", "resolve", "rdf", "validate", "write", "total"}
    assert "conforms" in data["validation"]


@pytest.mark.parametrize("fmt", ["nt", "jsonld", "csv"])
def test_pipeline_build_optional_formats(tmp_path, fmt):
    out = tmp_path / "out"
    report = build_corpus([SEED_FILES[0]], out, cache_dir=TEST_CACHE, formats=("ttl", fmt))
    assert (out / OUTPUT_FILES[fmt]).stat().st_size > 0
    assert report.outputs[fmt] == str(out / OUTPUT_FILES[fmt])
    assert not (out / "graph.html").exists()


# ---------------------------------------------------------------- determinism and cache


@pytest.mark.slow
def test_pipeline_build_same_bytes_cold_parallel_cached_and_from_block_cache(tmp_path, seed_ttl):
    expected = seed_ttl.read_bytes()
    cache = tmp_path / "cache"

    cold = build_corpus([SEEDS], tmp_path / "cold", jobs=2, cache_dir=cache)
    assert (tmp_path / "cold" / "graph.ttl").read_bytes() == expected
    assert cold.cache["parsed_blocks"] > 0
    assert cold.cache["facts_cache_misses"] == len(SEED_FILES)

    warm = build_corpus([SEEDS], tmp_path / "warm", cache_dir=cache)
    assert (tmp_path / "warm" / "graph.ttl").read_bytes() == expected
    assert warm.cache["parsed_blocks"] == 0
    assert warm.cache["facts_cache_hits"] == len(SEED_FILES)

    # Facts dropped: every block comes back from the DocBin cache and extraction reruns.
    shutil.rmtree(cache / "facts")
    blocks = build_corpus([SEEDS], tmp_path / "blocks", cache_dir=cache)
    assert (tmp_path / "blocks" / "graph.ttl").read_bytes() == expected
    assert blocks.cache["parsed_blocks"] == 0
    assert blocks.cache["block_cache_hits"] == cold.cache["parsed_blocks"] + cold.cache["block_cache_hits"]
    assert blocks.cache["facts_cache_misses"] == len(SEED_FILES)


def test_pipeline_build_unchanged_rebuild_keeps_outputs_until_they_or_options_change(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SMALL_CORPUS["a_jpus.txt"], encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build_corpus([corpus], out, cache_dir=cache)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    graph = (out / "graph.ttl").read_bytes()

    again = build_corpus([corpus], out, cache_dir=cache)
    assert again.up_to_date
    assert {n: t for n, t in stamps.items() if n != "report.json"} == {
        p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name != "report.json"}
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["up_to_date"] is True

    # An edited output is rebuilt, restoring the graph.
    (out / "graph.ttl").write_text("# edited by hand\n", encoding="utf-8")
    repaired = build_corpus([corpus], out, cache_dir=cache)
    assert not repaired.up_to_date and (out / "graph.ttl").read_bytes() == graph
    assert repaired.cache["facts_cache_hits"] == 1

    # Another option (an extra format) is a real build too; so is --no-cache.
    assert not build_corpus([corpus], out, cache_dir=cache, formats=("ttl", "html", "nt")).up_to_date
    assert (out / "graph.nt").exists()
    assert not build_corpus([corpus], out, cache_dir=cache, use_cache=False).up_to_date
    assert first.counts["articles"] == 1


def test_pipeline_build_no_cache_parses_every_block(tmp_path):
    cache = tmp_path / "cache"
    report = build_corpus([SEED_FILES[1]], tmp_path / "out", cache_dir=cache, use_cache=False)
    article = load_article(SEED_FILES[1])
    assert report.cache["enabled"] is False
    assert report.cache["parsed_blocks"] == len(article.body)
    assert not cache.exists()


def _graph_docs(out: Path) -> set[str]:
    g = rdflib.Graph().parse(out / "graph.ttl")
    return {str(s) for s in g.subjects() if "/id/document/" in str(s)}


SMALL_CORPUS = {
    "a_jpus.txt": (
        "日米両政府は3日、ワシントンで外務・防衛担当閣僚協議を開いた。\n\n"
        "日本側からは外務大臣と防衛大臣が、米国側からは国務長官と国防長官が出席した。\n\n"
        "両国は抑止力の強化に向けた協力を確認した。\n"
    ),
    "b_jpkr.txt": (
        "日韓両政府は15日、ソウルで次官級の戦略対話を開いた。\n\n"
        "韓国側は外交部第1次官が代表を務め、日本側は外務事務次官が出席した。\n"
    ),
    "c_krus.txt": (
        "韓米は20日、国防当局の高官協議をソウルで開催した。\n\n"
        "協議では北朝鮮のミサイル発射への対応が主な議題となった。\n\n"
        "次回の協議は来年前半に開かれる予定だ。\n"
    ),
}
NEW_PARAGRAPH = "両国の外相は同日、電話で会談し、今後の協議日程について意見を交わした。"
NEW_ARTICLE = (
    "日本とフィリピンの両政府は10日、マニラで外務・防衛閣僚協議を開いた。\n\n"
    "日本側からは外務大臣と防衛大臣が、フィリピン側からは外務長官と国防長官が出席した。\n"
)


def _body_count(*paths: Path) -> int:
    return sum(len(load_article(p).body) for p in paths)


def test_pipeline_build_incremental_reparses_only_changed_articles(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in SMALL_CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build_corpus([corpus], out, cache_dir=cache)
    assert first.counts["articles"] == 3
    assert first.cache["parsed_blocks"] == _body_count(*sorted(corpus.glob("*.txt"))) > 0

    # Unchanged: nothing parsed, nothing extracted, the outputs are kept as they are.
    again = build_corpus([corpus], out, cache_dir=cache)
    assert again.up_to_date and not first.up_to_date
    assert (again.cache["parsed_blocks"], again.cache["facts_cache_misses"]) == (0, 0)
    assert again.counts == first.counts

    # Changed: a paragraph appended to one article → only that paragraph is parsed.
    changed = corpus / "a_jpus.txt"
    changed.write_text(SMALL_CORPUS["a_jpus.txt"] + "\n" + NEW_PARAGRAPH + "\n", encoding="utf-8")
    assert _body_count(changed) == 4
    report = build_corpus([corpus], out, cache_dir=cache)
    assert (report.cache["facts_cache_misses"], report.cache["facts_cache_hits"]) == (1, 2)
    assert (report.cache["parsed_blocks"], report.cache["block_cache_hits"]) == (1, 3)

    # Added: a new article → only its blocks are parsed.
    added = corpus / "d_jpph.txt"
    added.write_text(NEW_ARTICLE, encoding="utf-8")
    report = build_corpus([corpus], out, cache_dir=cache)
    assert report.cache["parsed_blocks"] == _body_count(added) == 2
    assert report.cache["facts_cache_misses"] == 1
    assert any(d.endswith("d_jpph") for d in _graph_docs(out))

    # Removed: the article's document and facts leave the graph; nothing is parsed.
    (corpus / "c_krus.txt").unlink()
    report = build_corpus([corpus], out, cache_dir=cache)
    assert (report.cache["parsed_blocks"], report.cache["facts_cache_misses"]) == (0, 0)
    assert "c_krus" not in (out / "graph.ttl").read_text(encoding="utf-8")
    assert report.counts["articles"] == 3


# ---------------------------------------------------------------- atomic outputs


def test_pipeline_build_no_readable_article_keeps_previous_outputs(tmp_path, seed_build):
    out, before = _previous_build(tmp_path, seed_build)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    with pytest.raises(BuildError) as err:
        build_corpus([bad], out, cache_dir=TEST_CACHE)
    assert err.value.code == "E501"
    assert _snapshot(out) == before


def test_pipeline_build_strict_skip_keeps_previous_outputs(tmp_path, seed_build):
    out, before = _previous_build(tmp_path, seed_build)
    corpus = _copy_corpus(tmp_path / "corpus", SEED_FILES[:1])
    (corpus / "empty.txt").write_bytes(b"")
    with pytest.raises(BuildError) as err:
        build_corpus([corpus], out, cache_dir=TEST_CACHE, strict=True)
    assert err.value.code == "E502"
    assert _snapshot(out) == before


def test_pipeline_build_interrupt_keeps_previous_outputs(tmp_path, seed_build):
    out, before = _previous_build(tmp_path, seed_build)

    def interrupt(files):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_corpus([SEEDS], out, cache_dir=TEST_CACHE, on_files=interrupt)
    assert _snapshot(out) == before


def test_pipeline_build_failure_while_writing_keeps_previous_outputs(tmp_path, seed_build, monkeypatch):
    """The explorer fails after graph.ttl was written: nothing reaches OUTDIR, no temp left."""
    import kg.viz

    out, before = _previous_build(tmp_path, seed_build)

    def broken(ttl_path, html_path, **_):
        Path(html_path).write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.viz, "write_html", broken)
    with pytest.raises(BuildError, match=r"^\[E508\] cannot write the outputs into .*out: No space left on device; the previous outputs were kept"):
        build_corpus([SEED_FILES[0]], out, cache_dir=TEST_CACHE)
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_pipeline_build_outdir_inside_the_corpus_is_not_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SMALL_CORPUS["c_krus.txt"], encoding="utf-8")
    first = build_corpus([corpus], corpus / "out", cache_dir=tmp_path / "cache")
    second = build_corpus([corpus], corpus / "out", cache_dir=tmp_path / "cache", formats=("ttl", "html", "csv"))
    assert first.files_found == second.files_found == 1
    assert second.articles == [str(corpus / "a.txt")]


def test_pipeline_build_new_outdir_is_created(tmp_path):
    out = tmp_path / "a" / "b" / "out"
    build_corpus([SEED_FILES[0]], out, cache_dir=TEST_CACHE)
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.ttl", "report.json"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"jobs": 0}, "E507"),
        ({"formats": ("ttl", "pdf")}, "E507"),
    ],
)
def test_pipeline_build_rejects_bad_options(tmp_path, kwargs, code):
    with pytest.raises(BuildError) as err:
        build_corpus([SEED_FILES[0]], tmp_path / "out", cache_dir=TEST_CACHE, **kwargs)
    assert err.value.code == code
    assert not (tmp_path / "out").exists()


def test_pipeline_build_missing_input_and_file_as_outdir(tmp_path):
    with pytest.raises(InputError) as err:
        build_corpus([tmp_path / "nope"], tmp_path / "out")
    assert err.value.code == "E105"
    (tmp_path / "file").write_text("x")
    with pytest.raises(BuildError) as err:
        build_corpus([SEED_FILES[0]], tmp_path / "file")
    assert err.value.code == "E508"


def test_pipeline_build_unwritable_cache_still_builds(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SMALL_CORPUS["b_jpkr.txt"], encoding="utf-8")
    report = build_corpus([corpus], tmp_path / "out", cache_dir=blocker / "cache")
    assert report.counts["articles"] == 1 and report.skipped == []
    assert report.cache["parsed_blocks"] == 2


def test_pipeline_build_corrupt_cache_entries_are_rebuilt(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SMALL_CORPUS["a_jpus.txt"], encoding="utf-8")
    cache = tmp_path / "cache"
    first = build_corpus([corpus], tmp_path / "one", cache_dir=cache)
    graph = (tmp_path / "one" / "graph.ttl").read_bytes()
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    assert len(entries) == first.cache["parsed_blocks"] + 1  # one per block + the facts
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:7])  # truncated, as after a crash mid-copy

    report = build_corpus([corpus], tmp_path / "two", cache_dir=cache)
    assert (tmp_path / "two" / "graph.ttl").read_bytes() == graph
    assert report.cache["facts_cache_misses"] == 1
    assert report.cache["parsed_blocks"] == first.cache["parsed_blocks"]
    again = build_corpus([corpus], tmp_path / "three", cache_dir=cache)
    assert (again.cache["facts_cache_hits"], again.cache["parsed_blocks"]) == (1, 0)
