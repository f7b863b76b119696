"""An excerpt cut mid-sentence: the text's last line, after article prose, with clause marks and
the length of prose but no sentence end, is body (「…岸田大臣は、Bとテレビ会談をしま」); a short
trailing line, a menu or a line after furniture stays furniture. Made-up texts."""
from __future__ import annotations

import pytest

from kg.ingest import find_body_spans

PROSE = "5月2日、山田太郎防衛大臣は、オーストラリアのジョン・スミス国防大臣と会談を行いました。両大臣は防衛協力の強化を確認しました。"


def body(text: str) -> list[str]:
    return [text[s:e] for s, e in find_body_spans(text)]


@pytest.mark.parametrize("last", [
    "5月9日、山田太郎防衛大臣は、カナダのアン・ミラー国防大臣とテレビ会談をしま",
    "また、同日午後には、フランスのピエール・ルロワ軍事大臣と電話で意見を交換し、今後の協",
])
def test_ingest_excerpt_ending_cut_sentence_is_body(last):
    assert body("大臣の動静\n" + PROSE + "\n" + last + "\n")[-1] == last


@pytest.mark.parametrize("last", [
    "ページの先頭へ戻る",  # short: a link line
    "トップ 防衛省 大臣の動静 令和4年 4月",  # a menu
])
def test_ingest_excerpt_ending_trailing_furniture_stays_out(last):
    assert last not in body("大臣の動静\n" + PROSE + "\n" + last + "\n")


@pytest.mark.parametrize("heading", ["(2)防衛協力の今後", "2 地域情勢", "3.経済関係"])
def test_ingest_excerpt_ending_cut_sentence_after_its_section_heading_is_body(heading):
    last = "議長国より、昨年の会合以降の進展について説明があった後、各国から協力分野につ"
    assert body("大臣の動静\n" + PROSE + "\n" + heading + "\n" + last + "\n")[-1] == last


@pytest.mark.parametrize("lead", [
    "3月4日、パリにおいて、日仏外相会談が行われたところ、概要以下のとおり",
    "10日、山田太郎外務大臣は、来日中のカナダ外相と会談を行ったところ、概要は次のとおり",
    "5日、ジャカルタにおいて、東アジア首脳会議参加国外相会議が開催されたところ、概要以下の通り",
])
def test_ingest_readout_lead_without_full_stop_is_body(lead):
    assert lead in body("日仏外相会談\n" + lead + "\n" + PROSE + "\n")
