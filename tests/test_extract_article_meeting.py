"""The low-confidence fallback ``article_meeting`` (made-up pages, real GiNZA): in an article
that reports exactly one held meeting, a delegate of one of its sides named in a body sentence
of that meeting's stretch, whom no other construction put at a meeting, took part in it for that
side. Not read so: former officials, people of no side, quoted remarks, sentences of another meeting,
a visit, a courtesy call, a plan or a day of their own, and pages about two meetings or a press
conference."""
from __future__ import annotations

import pytest

FIRES = [
    (
        """日比外相会談の結果
5月9日、マニラで日比外相会談が行われた。
会談では、南シナ海情勢をめぐり意見交換が行われた。
フィリピンのマリア・サントス外相は、海上保安能力の強化への支援に謝意を示した。
日本の川村悠外務大臣は、引き続き支援を行う考えを示した。
米国のジョン・ミラー国務長官も、この海域の情勢に関心を寄せている。
""",
        {("マリア・サントス", "PH"), ("川村悠", "JP")},  # the US is no side of these talks
    ),
    (
        """日加防衛相会談について
5月14日、オタワにおいて日加防衛相会談が実施された。
カナダのジェームズ・ウォン国防相と日本の高木聡防衛大臣は、防衛協力の深化で一致した。
""",
        {("ジェームズ・ウォン", "CA"), ("高木聡", "JP")},
    ),
    (
        """日伊首脳会談
5月3日、ローマで日伊首脳会談が行われた。
イタリアのマルコ・ロッシ首相は、防衛産業での協力を提案した。
日本の小野寺昭内閣総理大臣は、この提案を歓迎した。
2年前には、当時の田中実首相がイタリアを訪問している。
""",
        {("マルコ・ロッシ", "IT"), ("小野寺昭", "JP")},
    ),
    (
        """日韓外相会談の開催
5月6日、ソウルで日韓外相会談が行われた。
韓国の李成民外交部長官は、北朝鮮の核・ミサイル開発への懸念を表明した。
日本の青木大輔外務大臣は、日米韓の連携を一層強化していく考えを示した。
元駐韓国大使の高田修氏は「関係改善の流れを確かなものにすべきだ」と話す。
""",
        {("李成民", "KR"), ("青木大輔", "JP")},  # a remark of a delegate, not of a former envoy
    ),
]


def _fallback(facts) -> set[tuple[str, str]]:
    people = {p.key: p.name for p in facts.people}
    return {(people[r.person], r.side) for r in facts.representations if r.rule == "article_meeting"}


@pytest.mark.parametrize("text, expected", FIRES)
def test_extract_article_meeting_fires(facts_of_page, text, expected):
    assert _fallback(facts_of_page(text, published="2026-05-20")) == expected


SILENT = [
    # another meeting in the article (a phone call of its own): no single meeting to fall back on
    """日仏外相会談
5月7日、パリで日仏外相会談が行われた。
フランスのルイ・ベルナール外相は、インド太平洋戦略の重要性を示した。
フランスのマリー・デュボワ国防相は同日、ドイツの国防相と電話会談を行った。
""",
    # a press conference page reporting on talks
    """記者会見（5月11日）
報道官は、日中外相会談について説明した。
日本の松井一郎外務大臣は、会談で懸念を伝えた。
中国の陳建華外交部長は、協力の強化に前向きな姿勢を示した。
""",
    # a courtesy call, a plan of the next session, a day of its own: other events
    """日独外相会談
5月2日、ベルリンで日独外相会談が開催された。
会談に先立ち、日本の小松健一外務大臣はドイツのカール・シュミット首相を表敬訪問した。
次回の会談は秋に東京で開く予定で、ドイツのアンナ・ミュラー外相を招く。
""",
]


@pytest.mark.parametrize("text", SILENT)
def test_extract_article_meeting_silent(facts_of_page, text):
    assert _fallback(facts_of_page(text, published="2026-05-20")) == set()
