"""A meeting modified by a clause of planning (「開催予定の首脳会議」「同日夕方に予定される会談」
「来週に予定されている外相会合」) is planned, whatever the sentence's own verb did; a later
mention in the genitive of another noun (「首脳会議の成果文書について議論した」) does not make it
held; two people facing each other (「AはBと会談を行った」) hold talks of their own, not the wider
planned meeting the article names after them. Made-up pages (kg.ingest.load_article, real GiNZA)."""
from __future__ import annotations

import pytest

from conftest import reps_of

SOM = """第5回日印韓高級事務レベル協議の開催
令和9年2月2日
2月2日、東京において、第5回日印韓高級事務レベル協議が開催され、木下真一外務審議官が議長を務めました。本協議は、本年秋にソウルで開催予定の日印韓首脳会議に向けた準備として行われたものです。
各国の代表は、首脳会議の成果文書の構成について議論しました。
協議終了後、木下外務審議官主催のワーキング・ランチが行われました。
"""

DEFENCE = """日豪防衛相会談について
令和9年6月3日
6月3日、シンガポールを訪問中の村田亘防衛大臣は、ジョン・パーカー豪国防大臣と会談を行いました。
両大臣は、同日夕方に予定される日米豪比防衛相会談に向けて、4か国の協力を深めていくことを確認しました。
"""

FOREIGN = """日加外相会談
令和9年7月8日
7月8日、ローマを訪問中の中西聡外務大臣は、エマ・ブラウン・カナダ外務大臣と会談を行いました。
両大臣は、来週に予定されている日加英外相会合を見据え、引き続き意思疎通を図ることを申し合わせました。
"""

CASES = [
    (SOM, "2027-02-02", "日印韓首脳会議", {("木下真一", "JP")}),
    (DEFENCE, "2027-06-03", "日米豪比防衛相会談", {("村田亘", "JP"), ("ジョン・パーカー", "AU")}),
    (FOREIGN, "2027-07-08", "日加英外相会合", {("中西聡", "JP"), ("エマ・ブラウン", "CA")}),
]


@pytest.mark.parametrize("page, published, planned, reps", CASES)
def test_extract_meeting_planned_clause(facts_of_page, page, published, planned, reps):
    facts = facts_of_page(page, published=published)
    statuses = {m.forum: m.status for m in facts.meetings}
    assert statuses.get(planned) == "planned"
    got = reps_of(facts)
    assert {(n, s) for n, s, _ in got} == reps
    assert len({f for _, _, f in got}) == 1 and planned not in {f for _, _, f in got}


def test_extract_meeting_planned_clause_not_every_planning_word(facts_of):
    """「政策調整の会合を開き」: a noun of adjusting before の is the meeting's subject, no plan."""
    facts = facts_of("日米両政府は5日、東京で政策調整の会合を開き、外務省の山田一郎北米局長と米国務省のジョン・スミス次官補が出席した。",
                     published="2027-07-06")
    assert [m.status for m in facts.meetings] == ["held"]
    assert {(n, s) for n, s, _ in reps_of(facts)} == {("山田一郎", "JP"), ("ジョン・スミス", "US")}
