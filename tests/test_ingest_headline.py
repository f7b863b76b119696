"""The headline and dateline printed above a plain-text article fill a missing title and date."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import classify_paragraphs, dateline, headline, load_article

BODY = "日本と米国の両政府は3日、東京都内で外務・防衛担当閣僚による安全保障協議委員会を開き、同盟の抑止力を強化する方針を確認した。\n" \
       "会合には日本側から外相と防衛相、米国側から国務長官と国防長官が出席し、在日米軍の指揮統制の見直しについても意見を交わした。"
TITLE = "日米2プラス2、同盟の抑止力強化を確認　指揮統制の見直しも協議"


@pytest.mark.parametrize("header, expected", [
    (f"{TITLE}\n", TITLE),
    (f"2024年 11月 3日 (日曜日)\n12.3 C\n{TITLE}\n", TITLE),
    (f"{TITLE}\n11/3(日) 18:02配信\n地方新聞デジタル\n", TITLE),
    (f"{TITLE}\nワシントン=佐藤二郎特派員\n引用:外務省\n", TITLE),
    # menus, breadcrumbs, dates, sources and bylines are never headlines
    ("トップ　速報　ライブ　オリジナル　特集　ランキング\n", None),
    ("地方新聞日本語版　|　政治・国際\n", None),
    ("記事入力 : 2024/11/03 09:15\n", None),
    ("ワシントン=佐藤二郎特派員\n", None),
    ("", None),
    # a headline far above the body (page header of other articles) is not trusted
    (f"{TITLE}\nホーム\nニュース\n政治\n国際\n経済\n", None),
])
def test_ingest_headline_above_body(header: str, expected):
    assert headline(classify_paragraphs(header + BODY)) == expected


def test_ingest_headline_fills_missing_title_only(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(f"{TITLE}\n{BODY}\n", encoding="utf-8")
    assert load_article(path).title == TITLE
    (tmp_path / "a.meta.json").write_text('{"title": "見出し(サイドカー)"}', encoding="utf-8")
    assert load_article(path).title == "見出し(サイドカー)"


@pytest.mark.parametrize("header, expected", [
    ("記事入力 : 2024/10/30 09:15\n", "2024-10-30"),
    ("登録:2024-06-11 06:50　修正:2024-06-11 07:12\n", "2024-06-11"),
    (f"{TITLE}\n2024年11月3日 18時02分配信\n", "2024-11-03"),
    # a bare date (often the day the page was viewed), a clock, a date without a year
    ("2025年 12月 10日 (水曜日)\n9.7 C\n", None),
    ("現在 2026.11.21 (土) 08:41 KST 配信中\n", None),
    ("11/3(日) 18:02配信\n", None),
    ("2024/02/30 配信\n", None),
])
def test_ingest_headline_dateline_above_body(header: str, expected):
    assert dateline(classify_paragraphs(header + BODY)) == expected


def test_ingest_headline_dateline_fills_missing_published_only(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(f"記事入力 : 2024/10/30 09:15\n{BODY}\n", encoding="utf-8")
    assert load_article(path).published == "2024-10-30"
    (tmp_path / "a.meta.json").write_text('{"published": "2024-10-31"}', encoding="utf-8")
    assert load_article(path).published == "2024-10-31"
