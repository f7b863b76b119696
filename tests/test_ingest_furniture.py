"""Body spans: page furniture of many news-site layouts is dropped, article prose kept.

The pages below are made up in the style of different outlets (none is a seed); each
case lists exactly the paragraphs that must come out as body, in order.
"""
from __future__ import annotations

import pytest

from kg.ingest import classify_paragraphs, find_body_spans

P_LONG_1 = "日本と米国の両政府は3日、東京都内で外務・防衛担当閣僚による安全保障協議委員会を開き、同盟の抑止力を強化する方針を確認した。"
P_LONG_2 = "会合には日本側から外相と防衛相、米国側から国務長官と国防長官が出席し、在日米軍の指揮統制の見直しについても意見を交わした。"
P_LONG_3 = "両国は共同発表で、地域の安全保障環境が戦後最も厳しいとの認識を共有し、同盟国との協力を多層的に広げることで一致した。"
P_SHORT_1 = "次回の協議は来年、ワシントンで開く予定だ。"
P_SHORT_2 = "防衛相は会見で「大きな前進だ」と述べた。"


def body(text: str) -> list[str]:
    return [text[s:e] for s, e in find_body_spans(text)]


LAYOUTS = [
    pytest.param(  # portal: service menu, header, comments and a ranking after the body
        "\n".join([
            "ポータルニュース",
            "トップ　速報　ライブ　オリジナル　特集　ランキング",
            "日米2プラス2、同盟の抑止力強化を確認",
            "11/3(日) 18:02配信",
            "地方新聞デジタル",
            P_LONG_1, P_SHORT_1, P_LONG_2,
            "地方新聞社",
            "最終更新:11/3(日) 18:40",
            "【関連記事】",
            "日米首脳が電話会談　来月の訪米で調整",
            "コメント 312件",
            "abc*****　3時間前　外交努力は評価できる。もっと説明してほしい。",
            "ランキング　エンタメ",
            "1　人気俳優が結婚を発表、相手は一般女性",
        ]),
        [P_LONG_1, P_SHORT_1, P_LONG_2], id="portal"),
    pytest.param(  # public broadcaster: date line, body, share buttons and "see also" list
        "\n\n".join([
            "日米の閣僚が協議　抑止力強化を確認",
            "2024年11月3日 19時15分",
            P_LONG_1, P_LONG_2, P_SHORT_2,
            "シェアする",
            "このニュースを見た人はこちらも見ています",
            "プロ野球　日本シリーズ第7戦は延長戦に",
        ]),
        [P_LONG_1, P_LONG_2, P_SHORT_2], id="broadcaster"),
    pytest.param(  # wire service: dateline lead, caption, e-mail, recommended list of teasers
        "\n".join([
            "日米閣僚が安保協議　抑止力強化で一致",
            "記事一覧",
            "2024.11.03 16:20",
            "【東京聯合ニュース】" + P_LONG_1,
            P_LONG_2,
            "協議に臨む両国の閣僚=3日、東京(聯合ニュース)",
            "kisha@example.co.kr",
            "おすすめ記事",
            "人気歌手が兵役を終えて復帰　来月にも新曲を発表。",
            "ソウルの地下鉄運賃、来年から値上げへ。",
        ]),
        # a dated photo caption says what happened: it stays
        ["【東京聯合ニュース】" + P_LONG_1, P_LONG_2, "協議に臨む両国の閣僚=3日、東京(聯合ニュース)"], id="wire"),
    pytest.param(  # daily with the article printed twice across "pages" and a reaction widget
        "\n".join([
            P_LONG_1, P_LONG_2, P_SHORT_1,
            "日米2プラス2、抑止力強化を確認(2)",
            P_LONG_2, P_SHORT_1, P_LONG_3,
            "日米2プラス2、抑止力強化を確認(3)",
            "この記事を読んで一言",
            "関連記事",
            "・日米首脳、来月に会談へ",
            "ⓒ 日報日本語版",
        ]),
        [P_LONG_1, P_LONG_2, P_SHORT_1, P_LONG_3], id="repeated-pages"),
    pytest.param(  # daily: input stamp, special-correspondent byline, copyright notice with 。
        "\n".join([
            "記事入力 : 2024/11/03 09:00",
            "日米が安保協議",
            P_LONG_1, P_LONG_3,
            "東京=山本一郎特派員",
            "日報日本語版",
            "＜記事、写真、画像の無断転載を禁じます。 Copyright (C) example.com＞",
        ]),
        [P_LONG_1, P_LONG_3], id="copyright"),
    pytest.param(  # a "read also" box inside the article: the body continues after it
        "\n".join([
            "【ワシントン=佐藤二郎】" + P_LONG_1,
            "あわせて読みたい",
            "・日米防衛相が電話会談",
            "・在日米軍の再編、来年にも",
            P_LONG_2, P_SHORT_2,
            "産業新聞ニュース",
        ]),
        ["【ワシントン=佐藤二郎】" + P_LONG_1, P_LONG_2, P_SHORT_2], id="box-inside"),
    pytest.param(  # paywalled daily: timestamp, scrap button, bureau byline, member notice
        "\n".join([
            "日米安保協議、抑止力の強化で一致",
            "2024/11/03 21:35",
            "スクラップ",
            P_LONG_1, P_SHORT_1,
            "(ワシントン支局 佐藤二郎)",
            "この記事は読者会員限定です。",
            "あなたへのおすすめ",
            "【独自】与党幹部が辞任の意向、週明けにも正式表明へ。",
        ]),
        [P_LONG_1, P_SHORT_1], id="paywall"),
    pytest.param(  # page-view header: weekday date, temperature, city; photo credit lines
        "\n\n".join([
            "2024年 11月 3日 (日曜日)",
            "12.3 C",
            "Seoul",
            "日米が安保協議　抑止力強化",
            "写真:外務省",
            "出典=防衛省",
            P_LONG_1, P_LONG_2,
            "人気ランキング",
            "俳優の熱愛報道、所属事務所が否定",
            "所属事務所は3日、一部報道について事実ではないと明らかにした。",
        ]),
        [P_LONG_1, P_LONG_2], id="page-header"),
    pytest.param(  # aggregator: source line, inline video player between paragraphs, "for you" list
        "\n".join([
            "ニュースアグリゲーター",
            "日米の閣僚が協議　抑止力強化で一致",
            "通信社 の意見",
            "•",
            "2時間",
            "【東京時事】" + P_LONG_1,
            P_SHORT_1,
            "関連ビデオ: 閣僚協議の冒頭映像 (テレビニュース)",
            "再生",
            "0:45",
            P_SHORT_2,
            "フィードバック",
            "このニュースを見た人にオススメ",
            "人気投手が今季20勝目を挙げる。",
        ]),
        ["【東京時事】" + P_LONG_1, P_SHORT_1, P_SHORT_2], id="aggregator-video"),
    pytest.param(  # foreign daily's Japanese edition: ▲ photo caption inside the article
        "\n".join([
            "記事入力 : 2024/10/30 09:15",
            "日米の閣僚が協議",
            "東京=山本一郎特派員",
            P_LONG_1, P_SHORT_1,
            "▲3日、東京で協議に臨む両国の閣僚(写真=外務省)",
            P_SHORT_2,
            "日報ドットコム/日報日本語版",
        ]),
        [P_LONG_1, P_SHORT_1, P_SHORT_2], id="caption-inside"),
]


@pytest.mark.parametrize("line, expected", [
    ("【今日のイチオシ記事】", ("end", "イチオシ記事")),
    ("多くの人が読んでいる記事", ("end", "読んでいる記事")),
    ("この記事の特集・連載", ("end", "特集・連載")),
    ("[ニュース] ランキング", ("end", "ランキング")),
    ("コメント 1,284件", ("end", "コメント")),
    ("■あわせて読みたい", ("box", "あわせて読みたい")),
    ("【PR】広告", ("box", "広告")),
    # article lines that merely contain such a word are not headings
    ("注目の会談", None),
    ("北朝鮮のミサイル発射についてのコメントを発表した。", None),
    ("日米首脳会談で「同盟の新時代」を確認、防衛協力の拡大を話題に", None),
])
def test_ingest_furniture_headings(line: str, expected):
    verdict = classify_paragraphs(f"{P_LONG_1}{P_LONG_2}\n{line}")[1]
    heading = verdict.reason.split(" heading: ")
    assert (tuple([heading[0], heading[1]]) if len(heading) == 2 else None) == expected


@pytest.mark.parametrize("text, expected", LAYOUTS)
def test_ingest_furniture_layouts(text: str, expected: list[str]):
    assert body(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a single short sentence is an article (no long paragraph to anchor on)
    ("韓国と米国は4日、会議を開いた。", ["韓国と米国は4日、会議を開いた。"]),
    (f"{P_SHORT_1}\n{P_SHORT_2}", [P_SHORT_1, P_SHORT_2]),
    # headline / one-sentence teaser pairs without a heading: the lone teasers go
    (f"{P_LONG_1}\n{P_LONG_2}\n芸能人が結婚を発表\n人気俳優が3日、結婚を発表した。\n与党が新人事\n与党は3日、新人事を決めた。",
     [P_LONG_1, P_LONG_2]),
    # short paragraphs between captions inside the article stay
    (f"{P_LONG_1}{P_SHORT_1}\n写真:外務省\n{P_SHORT_1}\n広告\n{P_SHORT_2}\n▲会談する両外相\n{P_LONG_2}{P_SHORT_2}",
     [P_LONG_1 + P_SHORT_1, P_SHORT_1, P_SHORT_2, P_LONG_2 + P_SHORT_2]),
    # a short paragraph next to long ones stays
    (f"見出しだけの行\n{P_SHORT_2}\n{P_LONG_1}", [P_SHORT_2, P_LONG_1]),
    # bulleted and numbered lines are lists, not prose
    (f"{P_LONG_1}\n・日米が協議した。\n● 防衛相が会見した。\n1\n2.", [P_LONG_1]),
    # e-mail, URL and credit lines
    (f"{P_LONG_1}\nreporter@example.jp\nhttps://example.jp/news/1\n引用:防衛省\n写真=共同", [P_LONG_1]),
    # an end-of-page heading before the article is a menu item, not the end of the page
    (f"ランキング\n{P_LONG_1}\n{P_LONG_2}", [P_LONG_1, P_LONG_2]),
    (f"【速報】北朝鮮が弾道ミサイルを発射。\n話題\n{P_LONG_1}\n{P_LONG_2}", [P_LONG_1, P_LONG_2]),
    # a long paragraph that ends in a quote without 。 is still prose
    ("外相は記者団に対し、同盟の抑止力と対処力を一層強化するため、あらゆる分野で協力を深めていく考えを示し、"
     "「日米の結束は揺るがない、地域の平和と安定のために引き続き緊密に連携していく」",
     ["外相は記者団に対し、同盟の抑止力と対処力を一層強化するため、あらゆる分野で協力を深めていく考えを示し、"
      "「日米の結束は揺るがない、地域の平和と安定のために引き続き緊密に連携していく」"]),
    # a news sentence that mentions a share-button word is still news
    ("大統領はツイートで「素晴らしい会談だった」と述べた。", ["大統領はツイートで「素晴らしい会談だった」と述べた。"]),
    # nothing but furniture
    ("ホーム\nニュース\nランキング\nログイン", []),
])
def test_ingest_furniture_rules(text: str, expected: list[str]):
    assert body(text) == expected


def wrap(paragraph: str, width: int) -> str:
    return "\n".join(paragraph[i:i + width] for i in range(0, len(paragraph), width))


@pytest.mark.parametrize("width", [24, 30, 38])
def test_ingest_furniture_hard_wrapped_paragraphs_are_one_block_each(width: int):
    paragraphs = [P_LONG_1 + P_SHORT_1, P_LONG_2, P_LONG_3 + P_SHORT_2]
    text = "日米が安保協議\n\n" + "\n\n".join(wrap(p, width) for p in paragraphs) + "\n\n(ワシントン支局)"
    assert [block.replace("\n", "") for block in body(text)] == paragraphs
    assert all(block == text[s:e] for block, (s, e) in zip(body(text), find_body_spans(text)))


def test_ingest_furniture_wrapped_text_does_not_join_past_a_short_line():
    # The short last line of a paragraph (here a quote without 。) ends the paragraph even
    # though it does not end a sentence; the byline after it stays a line of its own.
    quote = "「同盟の抑止力は揺るがない」"
    paragraphs = [P_LONG_1 + P_SHORT_1, P_LONG_2 + quote]
    text = "\n".join(wrap(p, 30) for p in paragraphs) + "\n(ワシントン支局 佐藤二郎)\n" + wrap(P_LONG_3, 30)
    spans = [text[s:e].replace("\n", "") for s, e in find_body_spans(text)]
    assert spans == [P_LONG_1 + P_SHORT_1, P_LONG_2 + quote, P_LONG_3]


def test_ingest_furniture_headline_teaser_pairs_are_not_wrapped_lines():
    pairs = [
        ("人気俳優が主演の新作ドラマ、初回視聴率が今年最高を記録して話題に", "初回の視聴率は18.2%で、今年放送のドラマで最も高かった。"),
        ("与党の幹事長、来月の党大会で新たな人事案を示す方針を明らかに", "幹事長は3日、記者団に対し党大会で人事案を示すと述べた。"),
        ("プロ野球の日本シリーズ、第7戦は延長十二回の末にサヨナラ決着", "第7戦は延長十二回、代打の適時打でサヨナラ勝ちとなった。"),
    ]
    text = "\n".join([P_LONG_1, P_LONG_2, ""] + [f"{head}\n{teaser}\n" for head, teaser in pairs])
    assert body(text) == [P_LONG_1, P_LONG_2]


def test_ingest_furniture_verdicts_explain_each_drop():
    text = f"{P_LONG_1}{P_SHORT_1}\n{P_SHORT_2}\n{P_LONG_1}{P_SHORT_1}\nコメント0\n{P_LONG_2}"
    verdicts = [(v.kept, v.reason) for v in classify_paragraphs(text)]
    assert verdicts == [
        (True, "prose"),
        (True, "short prose"),
        (False, "verbatim repeat of an earlier paragraph"),
        (False, "end heading: コメント"),
        (False, "after an end-of-page heading"),
    ]


@pytest.mark.parametrize("bullet", ["○", "□", "■", "◆"])
def test_ingest_furniture_bulleted_readout_sentences_are_body(bullet: str):
    """A readout bullets its own sentences (「○ 両外相は、…で一致した。」): short ones with a clause
    mark and a sentence end stay body beside its prose; a bulleted menu line does not."""
    page = (
        "ホーム > 報道資料\n"
        f"{bullet} {P_LONG_1}\n"
        f"{bullet} 両外相は、経済と安全保障の両分野で協力を拡大することで一致した。\n"
        f"{bullet} 翌日には、第三国の外相を交え、3か国の会合が行われた。\n"
        f"{bullet} 前の記事\n"
    )
    assert body(page) == [
        f"{bullet} {P_LONG_1}", f"{bullet} 両外相は、経済と安全保障の両分野で協力を拡大することで一致した。",
        f"{bullet} 翌日には、第三国の外相を交え、3か国の会合が行われた。",
    ]
