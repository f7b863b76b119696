"""NAME.meta.json sidecars: valid keys are read; a bad sidecar is a warning, never a lost article."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import load_article

TEXT = "韓国と米国は4日、ワシントンで第5回会議を開いた。\n"


def write(tmp_path: Path, sidecar: str | None, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_text(TEXT, encoding="utf-8")
    if sidecar is not None:
        (tmp_path / (path.stem + ".meta.json")).write_text(sidecar, encoding="utf-8")
    return path


def test_ingest_sidecar_all_keys(tmp_path: Path):
    meta = {"published": "2024-10-05", "url": "https://example.com/a", "source": "中央日報", "title": "韓米会議"}
    article = load_article(write(tmp_path, json.dumps(meta, ensure_ascii=False)))
    assert (article.published, article.url, article.source, article.title) == (
        "2024-10-05", "https://example.com/a", "中央日報", "韓米会議")
    assert article.warnings == ()
    assert article.doc_id == "a"


def test_ingest_sidecar_absent_and_nulls(tmp_path: Path):
    assert load_article(write(tmp_path, None)).published is None
    article = load_article(write(tmp_path, '{"published": null, "url": null}', name="b.txt"))
    assert (article.published, article.url, article.warnings) == (None, None, ())


def test_ingest_sidecar_beside_html(tmp_path: Path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>韓国と米国は4日、会議を開いた。</p></body></html>", encoding="utf-8")
    (tmp_path / "p.meta.json").write_text('{"published": "2024-01-02"}', encoding="utf-8")
    assert load_article(page).published == "2024-01-02"


@pytest.mark.parametrize("sidecar, published, warning", [
    ('{"published": "2024-10-05"', None,
     "[W101] sidecar a.meta.json is not valid JSON (Expecting ',' delimiter at line 1 column 27); "
     "loaded without metadata"),
    ("[1, 2]", None,
     "[W102] sidecar a.meta.json holds a JSON list, expected an object with keys published, url, source, title; "
     "loaded without metadata"),
    ('{"published": "2024/10/05"}', None,
     "[W103] sidecar a.meta.json: published '2024/10/05' is not an ISO date (YYYY-MM-DD); ignored"),
    ('{"published": "2024-02-30"}', None,
     "[W103] sidecar a.meta.json: published '2024-02-30' is not an ISO date (YYYY-MM-DD); ignored"),
    ('{"published": 20241005}', None,
     "[W103] sidecar a.meta.json: published must be a string or null, got 20241005; ignored"),
    ('{"published": "2024-10-05", "pubished": "x"}', "2024-10-05",
     "[W102] sidecar a.meta.json: unknown key 'pubished' ignored; valid keys: published, url, source, title"),
    ('{"published": "2024-10-05T09:30:00+09:00"}', "2024-10-05", None),
    ('\ufeff{"published": "2024-10-05"}', "2024-10-05", None),
])
def test_ingest_sidecar_problems_are_warnings(tmp_path: Path, sidecar: str, published, warning):
    article = load_article(write(tmp_path, sidecar))
    assert article.text == TEXT  # the article is never lost
    assert article.body == ((0, len(TEXT) - 1),)
    assert article.published == published
    assert article.warnings == ((warning,) if warning else ())


def test_ingest_sidecar_undecodable(tmp_path: Path):
    path = write(tmp_path, None)
    (tmp_path / "a.meta.json").write_bytes('{"title": "会議"}'.encode("shift_jis"))
    article = load_article(path)
    assert article.title is None
    assert len(article.warnings) == 1
    assert article.warnings[0].startswith("[W104] sidecar a.meta.json unreadable (")
    assert article.warnings[0].endswith("); loaded without metadata")
