"""Release list items with their facts in brackets (kg.ingest.DATED_ITEM, sentences.facts_bracket,
labels.bracketed_attendees): 「令和9年5月28日　X協議の開催(5月27日、サンティアゴ、AとB)」 — the bracket right
after the meeting (maybe after 「の開催」, cues ``facts_bracket_tail``) opening with a date and a 読点 gives
the meeting's day (not the release's) and the people who took part (for the side a label before them
names); an item 「…会談の予定(…)」 stays planned and gives nobody. Made-up page (real GiNZA)."""
from __future__ import annotations

from conftest import reps_of

LISTING = """外務省　報道発表一覧（令和9年5月）
ホーム ＞ 報道・広報 ＞ 報道発表
令和9年5月28日　日・チリ外務次官協議の開催（5月27日、サンティアゴ、山田真一外務事務次官とパブロ・ロハス・チリ外務次官）
令和9年5月21日　日・ケニア外相電話会談（5月20日、中野外務大臣とアミナ・ワンジク・ケニア外務大臣）
令和9年5月15日　日・カナダ外相会談の予定（5月30日、オタワ）
令和9年5月9日　日・ウズベキスタン政策協議の開催（5月8日、タシケント、日本側首席代表：石川健欧州局長、ウズベキスタン側首席代表：ルスタム・カリモフ外務次官）
※ 各項目の詳細は、リンク先をご覧ください。
"""


def test_extract_release_list_items(facts_of_page):
    facts = facts_of_page(LISTING, published="2027-05-31")
    assert reps_of(facts) == {
        ("山田真一", "JP", "日・チリ外務次官協議"), ("パブロ・ロハス", "CL", "日・チリ外務次官協議"),
        ("中野", "JP", "日・ケニア外相電話会談"), ("アミナ・ワンジク", "KE", "日・ケニア外相電話会談"),
        ("石川健", "JP", "日・ウズベキスタン政策協議"), ("ルスタム・カリモフ", "UZ", "日・ウズベキスタン政策協議"),
    }
    days = {m.forum: (m.status, m.date) for m in facts.meetings}
    assert days["日・チリ外務次官協議"] == ("held", "2027-05-27")
    assert days["日・ウズベキスタン政策協議"] == ("held", "2027-05-08")
    assert days["日・カナダ外相会談"][0] == "planned"
