"""HTML pages: the article text comes out, scripts/styles/menus/comments never do."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import html_to_text, load_article

BODY_1 = "韓国と米国は4日、ワシントンの米国務省で第5回拡大抑止戦略協議体会議を開き、北朝鮮の挑発への対応を協議した。"
BODY_2 = "韓国側からは外交部の第1次官と国防政策室長が、米国側からは国務次官と国防次官代理がそれぞれ出席した。"
BODY_3 = "双方は危機状況を想定したシナリオに基づく討議を初めて行い、次回会議を来年に開くことで合意した。"

HOSTILE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>韓米が拡大抑止協議 | テスト新聞</title>
<meta property="article:published_time" content="2024-10-05T09:00:00+09:00">
<meta property="og:site_name" content="テスト新聞">
<link rel="canonical" href="https://news.example.jp/articles/1">
<style>p {{ color: red }} .secret::after {{ content: "スタイル内の文字列" }}</style>
<script>document.write("スクリプト内の人物名");</script>
<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "2024-10-04"}}</script>
</head><body>
<header><ul><li>ホーム</li><li>政治</li><li><a href="/rank">ランキング</a></li></ul></header>
<nav><ul><li>国際<ul><li>北朝鮮</li><li>入れ子メニュー項目</li></ul></li></ul></nav>
<div role="navigation">ナビゲーション項目</div>
<p hidden>隠し属性の文字列。</p><div style="display: none">非表示スタイルの文字列。</div>
<span aria-hidden="true">読み上げ対象外の文字列。</span>
<main><article>
<h1>韓米が拡大抑止協議</h1>
<p>{BODY_1}<img src="x.png" onerror="alert('属性内の文字列')"></p>
<!-- コメント内の隠し文字列 -->
<p>{BODY_2}<script>var x = "段落内スクリプト";</script></p>
<p>{BODY_3}</p>
</article></main>
<aside><h2>人気ランキング</h2><ol><li>芸能人の話題の記事</li></ol></aside>
<form><input value="フォームの値"><button>送信ボタン</button></form>
<footer>Copyright テスト新聞 All rights reserved.</footer>
<noscript>ノースクリプト内の文字列</noscript>
</body></html>
"""

NEVER_IN_TEXT = [
    "スタイル内の文字列", "スクリプト内の人物名", "属性内の文字列", "コメント内の隠し文字列", "段落内スクリプト",
    "入れ子メニュー項目", "ナビゲーション項目", "芸能人の話題の記事", "フォームの値", "送信ボタン",
    "ノースクリプト内の文字列", "隠し属性の文字列", "非表示スタイルの文字列", "読み上げ対象外の文字列", "alert", "document.write", "color: red",
]


@pytest.fixture()
def hostile_page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_ingest_html_keeps_article_paragraphs_as_lines(hostile_page: Path):
    article = load_article(hostile_page)
    assert [block for _, block in article.body_blocks()] == [BODY_1, BODY_2, BODY_3]


@pytest.mark.parametrize("hidden", NEVER_IN_TEXT)
def test_ingest_html_hostile_content_never_reaches_text(hostile_page: Path, hidden: str):
    assert hidden not in load_article(hostile_page).text


def test_ingest_html_page_metadata(hostile_page: Path):
    article = load_article(hostile_page)
    assert (article.title, article.published, article.url, article.source) == (
        "韓米が拡大抑止協議 | テスト新聞", "2024-10-05", "https://news.example.jp/articles/1", "テスト新聞")


def test_ingest_html_sidecar_wins_over_page(hostile_page: Path):
    (hostile_page.parent / "page.meta.json").write_text('{"published": "2024-10-06", "title": "別題"}',
                                                        encoding="utf-8")
    article = load_article(hostile_page)
    assert (article.published, article.title, article.source) == ("2024-10-06", "別題", "テスト新聞")


@pytest.mark.parametrize("head, published", [
    ('<meta name="pubdate" content="2023-12-16">', "2023-12-16"),
    ('<script type="application/ld+json">{"datePublished": "2023-12-15T22:00:00Z"}</script>', "2023-12-15"),
    ('<meta name="date" content="not a date">', None),
])
def test_ingest_html_published_sources(head: str, published):
    _, meta = html_to_text(f"<html><head>{head}</head><body><p>{BODY_1}</p></body></html>")
    assert meta["published"] == published


@pytest.mark.parametrize("label, codec, recorded", [
    ("Shift_JIS", "shift_jis", "shift_jis"),
    ("x-sjis", "shift_jis", "shift_jis"),
    ("Windows-31J", "cp932", "shift_jis"),  # same bytes for this text: the JIS reading comes first
    ("EUC-JP", "euc_jp", "euc_jp"),
    ("x-euc-jp", "euc_jp", "euc_jp"),
])
def test_ingest_html_declared_legacy_charset(tmp_path: Path, label: str, codec: str, recorded: str):
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={label}"></head>' \
           f'<body><p>{BODY_1}</p><p>{BODY_2}</p></body></html>'
    path = tmp_path / "legacy.htm"
    path.write_bytes(page.encode(codec))
    article = load_article(path)
    assert article.encoding == recorded
    assert [block for _, block in article.body_blocks()] == [BODY_1, BODY_2]


@pytest.mark.parametrize("markup, blocks", [
    (f"<div>{BODY_1}<br>{BODY_2}</div>", [BODY_1, BODY_2]),
    (f"<table><tr><td>{BODY_1}</td></tr><tr><td>{BODY_2}</td></tr></table>", [BODY_1, BODY_2]),
    (f"<p>{BODY_1}</p><ul><li>{BODY_2}</li><li>{BODY_3}</li></ul>", [BODY_1]),  # list items are links/menus
])
def test_ingest_html_without_article_markup(tmp_path: Path, markup: str, blocks: list[str]):
    # Old table layouts and bare fragments: lines come out without table pipes.
    path = tmp_path / "bare.html"
    path.write_text(markup, encoding="utf-8")
    assert [block for _, block in load_article(path).body_blocks()] == blocks


def test_ingest_html_comment_widget_alone_is_not_an_article(tmp_path: Path):
    # trafilatura finds no article text; the fallback must not bring the comments back.
    path = tmp_path / "comments.html"
    path.write_text(f'<html><body><div class="comment-list"><p>{BODY_1}</p></div></body></html>', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_article(path)
    assert info.value.code == "E101"


@pytest.mark.parametrize("markup", [
    "<html><head><title>題</title><script>var a = 1;</script></head><body></body></html>",
    "<html><body><nav>メニュー</nav><!-- 空 --></body></html>",
])
def test_ingest_html_page_without_text(tmp_path: Path, markup: str):
    path = tmp_path / "empty.html"
    path.write_text(markup, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_article(path)
    assert str(info.value) == (
        f"[E101] {path}: HTML page has no text outside scripts, styles and menus; "
        "save the article page itself, or its text as .txt"
    )


def test_ingest_html_stale_charset_declaration(tmp_path: Path):
    # Saved as UTF-8 by a tool that kept the original <meta charset>: Latin-1 would decode
    # any byte, so only the plausibility check stops mojibake here.
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{BODY_1}</p><p>{BODY_2}</p></body></html>'
    path = tmp_path / "stale.html"
    path.write_text(page, encoding="utf-8")
    article = load_article(path)
    assert article.encoding == "utf-8"
    assert [block for _, block in article.body_blocks()] == [BODY_1, BODY_2]
