"""A bare 「会談」 beside people who all held one earlier meeting together, none of whom took part
in the meeting mentioned last (a photo caption after a background paragraph), is their meeting
(made-up pages, real GiNZA)."""
import pytest

PAGES = [
    "日豪外相会談\n【東京=共同】森山一郎外相は8日、東京でオーストラリアのジェーン・ホワイト外相と会談した。\n"
    "大川首相とオーストラリアのピーター・グリーン首相は昨年10月、キャンベラで首脳会談を行っていた。\n"
    "(写真)会談に臨む森山外相(左)とホワイト外相=8日、東京で\n",
    "日加防衛相会談\n【オタワ=共同】川辺二郎防衛相は3日、カナダのマーク・テイラー国防相と会談した。\n"
    "防衛協力の拡大は、大川首相とカナダのアン・スミス首相が昨年5月にトロントで行った首脳会談で合意されていた。\n"
    "(写真)会談の冒頭、握手する川辺防衛相とテイラー国防相=3日、オタワで\n",
]


@pytest.mark.parametrize("page", PAGES)
def test_extract_caption_meeting_of_its_people(facts_of_page, page):
    facts = facts_of_page(page, published="2024-06-09" if "森山" in page else "2024-06-04")
    names = {p.key: p.name for p in facts.people}
    meetings = {m.key: m for m in facts.meetings}
    for r in facts.representations:
        if names[r.person] in ("森山一郎", "ジェーン・ホワイト", "川辺二郎", "マーク・テイラー"):
            assert meetings[r.meeting].kind != "summit", (names[r.person], meetings[r.meeting])
