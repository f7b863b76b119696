"""A page whose short lead sentence stands above an attendee list, the body under the list: the
lead is kept (it reports the meeting) and the line the page's metadata gives as its title is the
headline, not a row of the table (made-up pages)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import load_article

BODY = "双方は、海洋安全保障、防衛装備・技術協力及び地域情勢について幅広く意見交換を行い、次回協議を来年東京で開催することで一致しました。"

PAGES = [
    ("ホーム ＞ 報道資料\n第７回日加防衛当局間協議の結果について\n令和５年３月２日\n"
     "　令和５年３月１日、防衛省において第７回日加防衛当局間協議が開催されました。\n【出席者】\n日本側\n"
     "　防衛政策局次長　　　川村一郎\n加側\n　国防省政策担当次官補　　アン・ミラー\n【概要】\n", "第７回日加防衛当局間協議の結果について"),
    ("新着情報 | 例示ミラー\nホーム › 新着\n第２回日比次官級対話の開催\n"
     "　５月８日、マニラにおいて第２回日比次官級対話が開催され、出席者は以下のとおり。\n【日本側】\n"
     "　首席代表\t　森田健\t　外務審議官\n【比側】\n　首席代表\t　マリア・サントス\t　外務次官\n", "第２回日比次官級対話の開催"),
]


def _blocks(tmp_path: Path, page: str, title: str, body: str) -> list[tuple[str, str]]:
    """The (kind, text) blocks of ``page`` + ``body`` saved with ``title`` as its metadata title."""
    path = tmp_path / "a.txt"
    path.write_text(page + body + "\nページの先頭へ\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "%s", "published": "2024-05-09"}' % title, encoding="utf-8")
    article = load_article(path)
    return [(b.kind, article.text[b.start : b.end].strip()) for b in article.blocks]


@pytest.mark.parametrize("page, title", PAGES)
def test_ingest_lead_above_list_is_kept(tmp_path: Path, page: str, title: str):
    kinds = _blocks(tmp_path, page, title, BODY)
    assert ("headline", title) in kinds, kinds
    lead = next(line.strip() for line in page.split("\n") if line.strip().endswith(("ました。", "とおり。")))
    assert ("body", lead) in kinds, kinds


LONG_BODY = ("協議では、双方の防衛当局が地域の安全保障環境について認識を共有するとともに、共同訓練の拡充、"
             "装備品の共同研究、人的交流の促進など、今後の協力の具体的な進め方について率直な議論を交わした。")

TEASERS = [
    # a teaser sentence above a row of links, no list word under it: page furniture
    ("ホーム ＞ ニュース\n第４回日豪協議を開催\n"
     "　山田次郎防衛審議官、来週キャンベラで豪国防次官と協議へ。\n"
     "防衛白書を公表\n夏の観閲式の日程\n採用案内\n統合演習の写真集\n音楽隊の演奏会\n", "第４回日豪協議を開催"),
]


@pytest.mark.parametrize("page, title", TEASERS)
def test_ingest_teaser_above_links_is_no_lead(tmp_path: Path, page: str, title: str):
    kinds = _blocks(tmp_path, page, title, BODY + "\n" + LONG_BODY)
    assert ("body", page.split("\n")[2].strip()) not in kinds, kinds
