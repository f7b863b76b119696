"""The headline printed above a plain-text article fills a missing title, conservatively."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import classify_paragraphs, headline, load_article

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
