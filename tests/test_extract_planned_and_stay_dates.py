"""Tense and dates of meetings inside an article: a meeting a relative clause of planning
describes (「同日夜に予定される X」「今週末に予定されている X」) is still to come, and talks
held before it by two of its parties are theirs; talks during a stay whose range of days is
the visit's (「5日から8日までの間、…を訪問し、Bと会談」) fall on one day of it, not on its first.
Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest

PLANNED = [
    ("６月８日、国際会議に出席するためマニラを訪問中の川口誠防衛大臣は、同会議の機会に、米国のジョン・ブラウン国防長官と"
     "会談を行いました。両閣僚は、同日夜に予定される日米比防衛相会談に向け、連携を深めることを確認しました。",
     "日米比防衛相会談"),
    ("森田一郎外務大臣は、８日、ペルーのマリア・ロペス外相と会談した。両外相は、今週末に予定されている日米ペルー外相会合での"
     "協力についても意見を交わした。", "日米ペルー外相会合"),
    ("谷口和夫外務大臣は８日、カナダのエマ・グレイ外相と会談し、来月に予定される日米加外相会合に向けた連携を確認した。",
     "日米加外相会合"),
]


@pytest.mark.parametrize("text, planned", PLANNED)
def test_extract_planned_by_relative_clause(facts_of, text, planned):
    facts = facts_of(text, published="2024-06-09")
    meetings = {m.key: m for m in facts.meetings}
    assert [m.status for m in facts.meetings if m.forum == planned] == ["planned"]
    # the talks before it are a held meeting of their own, with both people
    held = {r.meeting for r in facts.representations}
    assert len(held) == 1 and meetings[held.pop()].forum != planned
    assert len(facts.representations) == 2


@pytest.mark.parametrize("text, published, date", [
    ("海上幕僚長の山川一郎海将は、５月３日から７日までの間、タイを訪問し、タイ海軍司令官のソムチャイ・ウォン大将と会談した。",
     "2024-05-09", "2024-05"),
    ("川上次郎外務副大臣は３月３０日から４月２日までペルーに滞在し、滞在中にペルーのマリア・ロペス外務次官と会談しました。",
     "2024-04-03", "2024"),
    ("森田三郎防衛大臣は、６月１１日から１３日まで、ドイツのペーター・ハント国防大臣と会談した。", "2024-06-14", "2024-06-11"),
])
def test_extract_talks_in_a_stay(facts_of, text, published, date):
    facts = facts_of(text, published=published)
    assert [m.date for m in facts.meetings if m.status == "held"] == [date]
    assert len(facts.representations) == 2


@pytest.mark.parametrize("text, partner, date", [
    ("ジョン・ミラー国務副長官は１７日、東京で山川一郎外務事務次官と会談した。ミラー副長官は、前日にソウルで韓国のキム・ミンス"
     "外交部第1次官と会談している。", "キム・ミンス", "2024-03-16"),
    ("エマ・グレイ豪外相は１０日、森田三郎外相と会談した。グレイ外相は先月、ペルーのマリア・ロペス外相とも会談している。",
     "マリア・ロペス", "2024-02"),
    ("エマ・グレイ豪外相は１０日、森田三郎外相と会談した。グレイ外相は毎年、ペルーのマリア・ロペス外相と会談している。",
     "マリア・ロペス", None),
])
def test_extract_talks_in_the_perfect(facts_of, text, partner, date):
    # 〜ている of talks with a time before the story (前日, 先月) is a perfect: they happened;
    # a habit (毎年) reports no meeting
    facts = facts_of(text, published="2024-03-18")
    names = {p.key: p.name for p in facts.people}
    meetings = {m.key: m for m in facts.meetings}
    theirs = [meetings[r.meeting] for r in facts.representations if names[r.person] == partner]
    assert [m.date for m in theirs] == ([date] if date else [])


@pytest.mark.parametrize("text, forum", [
    ("５月２日、東京において第５回日加防衛当局間協議が行われ、山川一郎防衛政策局長とカナダのエマ・グレイ国防次官補が共同議長を務めました。"
     "なお、協議前日の１日夜には、グレイ次官補主催の夕食会が開かれました。", "日加防衛当局間協議"),
    ("９月９日、リマにおいて第２回日・ペルー政策協議が開催され、森田三郎欧州局長とペルーのカルロス・ベガ外務次官が出席した。"
     "協議翌日の１０日には、ベガ次官の案内で港湾施設を視察した。", "日・ペルー政策協議"),
])
def test_extract_day_counted_from_a_meeting_is_no_session(facts_of, text, forum):
    # 「協議前日の1日夜には」: a day counted from the meeting dates something else
    facts = facts_of(text, published="2024-09-12")
    assert len([m for m in facts.meetings if m.forum == forum]) == 1
