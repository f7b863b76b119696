"""Wire-report forms of a meeting lead (made-up sentences, real GiNZA): a dateline in 【】,
a session of a counted round (「第N回…の第M次会合」) and attendance in the progressive."""
import pytest

_ROSTER = "{word}には、日本の{jp}、米国の{us}、豪州の{au}の三人が代表として出席している。"


@pytest.mark.parametrize(
    "lead, word, people, ordinal, date",
    [
        ("【2019年4月12日】海洋安全保障をめぐる第4回日米豪協議の第2次会合が11日、東京の外務省で始まった。", "会合",
         ("山田一郎外務審議官", "ジョン・スミス国務次官補", "ピーター・グリーン外務次官"), 4, "2019-04-11"),
        ("【2021年9月3日】第7回日米豪防衛実務者協議の第3次会合が2日、キャンベラで開幕した。", "協議",
         ("森川健太防衛審議官", "マイケル・ブラウン国防次官補代理", "サラ・ホワイト国防次官"), 7, "2021-09-02"),
        ("【2016年11月20日】第2回日米豪サイバー対話が19日、ワシントンの国務省で始まった。", "対話",
         ("川田真一サイバー政策担当大使", "ロバート・キング国務省調整官", "デビッド・ヤング外務次官補"), 2, "2016-11-19"),
    ],
)
def test_extract_wire_lead_session_dateline_progressive(facts_of, lead, word, people, ordinal, date):
    text = lead + "\n" + _ROSTER.format(word=word, jp=people[0], us=people[1], au=people[2])
    facts = facts_of(text, published=date[:8] + str(int(date[8:]) + 1).zfill(2))
    held = [m for m in facts.meetings if m.status == "held"]
    assert len(held) == 1, facts.meetings
    assert held[0].ordinal == ordinal and held[0].date == date, held[0]
    sides = sorted(r.side for r in facts.representations if r.meeting == held[0].key)
    assert sides == ["AU", "JP", "US"], facts.representations


# the progressive of a reporting verb (「…と聞いている」「…と報告を受けている」) is the reporter's
# state: the meeting it reports keeps the tense of its own clause
@pytest.mark.parametrize(
    "text, forum",
    [
        ("日豪外相会談は、明日の午後に開かれると聞いています。", "日豪外相会談"),
        ("日比防衛相会談については、来週行われる方向で調整していると報告を受けています。", "日比防衛相会談"),
        ("来週の日英外相会談には、林大臣が出席すると聞いている。", "日英外相会談"),
    ],
)
def test_extract_reported_plan_in_the_progressive_stays_planned(facts_of, text, forum):
    assert [m.status for m in facts_of(text, published="2030-04-10").meetings if m.forum == forum] == ["planned"]
