"""Typed blocks (kg.structure via kg.ingest.load_article): headline, dateline, numbered
headings, rosters labelled by side, captions and body, each with the heading or headline in
whose scope it stands. Made-up layouts."""
from __future__ import annotations

from kg.ingest import load_article

PAGE = """外交ニュース
日本・ペルー外相会談と夕食会について
2024年5月3日 配信
1 外相会談
 5月2日、山川一郎外務大臣は、来日中のペルーのルイス・ソト外務大臣と会談を行いました。両大臣は、二国間関係について意見交換を行いました。
2 夕食会
 会談に続き、山川大臣はソト大臣との夕食会を行いました。日本側から佐藤三郎外務副大臣が同席しました。
(参考)出席者
日本:山川一郎外務大臣 ペルー:ルイス・ソト外務大臣
このページのトップへ戻る
"""


def _blocks(tmp_path, text):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    article = load_article(path)
    return article, [(b.kind, b.level, b.scope, article.text[b.start : b.end][:12]) for b in article.blocks]


def test_ingest_structure_blocks_and_scopes(tmp_path):
    article, blocks = _blocks(tmp_path, PAGE)
    kinds = [(kind, text) for kind, _, _, text in blocks]
    expected = [("headline", "日本・ペルー"), ("dateline", "2024年5月3日"), ("heading", "1 外相会談"),
                ("body", "5月2日、"), ("heading", "2 夕食会"), ("body", "会談に続き、")]
    assert [(k, t[: len(e)]) for (k, t), (_, e) in zip(kinds, expected)] == expected
    assert ("heading", "(参考)出席者") in kinds and any(k == "roster" and t.startswith("日本:山川") for k, t in kinds)
    # paragraphs stand under their heading; the headings under the headline
    assert blocks[3][2] == 2 and blocks[5][2] == 4 and blocks[2][2] == 0
    roster = next(b for b in blocks if b[0] == "roster" and b[3].startswith("日本"))
    assert blocks[roster[2]][3] == "(参考)出席者"  # the list heading closes the numbered sections
    # headings and rosters are parsed (in body); the headline and dateline are not
    parsed = [article.text[s:e] for s, e in article.body]
    assert "2 夕食会" in parsed and "日本:山川一郎外務大臣 ペルー:ルイス・ソト外務大臣" in parsed
    assert not any(t.startswith("2024年") for t in parsed)


def test_ingest_structure_numbered_prose_is_body(tmp_path):
    text = "見出しのない記事の本文です\n1 本日、山川一郎外務大臣は、記者会見を行い、今後の外交日程について説明しました。\n2 また、質疑応答も行いました。\n"
    _, blocks = _blocks(tmp_path, text)
    assert [k for k, *_ in blocks if k != "headline"] == ["body", "body"]


def test_ingest_structure_colon_line_without_side_is_no_roster(tmp_path):
    text = "本文の段落です。山川一郎外務大臣は、本日、記者会見を行いました。\n問い合わせ:外務省報道課\n"
    _, blocks = _blocks(tmp_path, text)
    assert "roster" not in [k for k, *_ in blocks]


def test_ingest_structure_rosters_join_the_lead_to_the_body(tmp_path):
    # two short paragraphs with roster lines between them are one run of article text
    text = ("ホーム > 外交ニュース\n日英外務・防衛閣僚会合の開催について\n"
            " 1日、標記会合が開催されたところ、概要以下のとおり。\n"
            " 英側出席者:ジョン・ブラウン外務大臣他\n 日本側出席者:山川一郎外務大臣他\n"
            " 会合後、共同声明が発出された。\n")
    article, blocks = _blocks(tmp_path, text)
    assert [k for k, *_ in blocks] == ["headline", "body", "roster", "roster", "body"]
    assert article.title == "日英外務・防衛閣僚会合の開催について"


def test_ingest_structure_menu_with_one_long_item_is_no_headline(tmp_path):
    text = "アジア 北米 中南米 欧州(旧ソ連諸国を含む) 中東 アフリカ\n 1日、山川一郎外務大臣は記者会見を行い、外交日程について説明しました。\n"
    article, _ = _blocks(tmp_path, text)
    assert article.title is None


def test_ingest_structure_numbered_headline_list_is_not_read_through(tmp_path):
    # long numbered lines are other articles' headlines, not section headings: not parsed
    text = ("山川一郎外務大臣は2日、来日したペルーのルイス・ソト外務大臣と会談し、両国の経済協力や地域情勢について幅広く意見を交わした。両大臣は協力の強化で一致した。\n"
            "1 森二郎防衛大臣が来月に欧州を訪問する方向で調整していることが分かった\n"
            "防衛相が訪欧を調整。\n"
            "2 川上三郎経済産業大臣が中東の産油国を歴訪する日程を発表したと報じられた\n"
            "経産相が中東へ。\n")
    article, blocks = _blocks(tmp_path, text)
    assert "heading" not in [k for k, *_ in blocks]
    assert not any(article.text[s:e].startswith(("1 ", "2 ")) for s, e in article.body)
