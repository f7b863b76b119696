"""Discourse across sentences, on made-up articles (real GiNZA, the real extractor)."""
import pytest

from conftest import reps_of as _reps


def _people_sides(facts):
    people = {p.key: p.name for p in facts.people}
    return {(people[r.person], r.side) for r in facts.representations}


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # an omitted subject: the person marked は/が in the sentence before holds the talks
        (
            "米国のロバート・グリーン陸軍参謀総長が5月8日から10日の日程で来日し、日本の政府関係者と面会しました。"
            "安全保障分野の連携を深めるため、川田首相、森田外相、小島防衛相をはじめ、軍の幹部らとも会談しました。",
            "2021-05-11",
            {("ロバート・グリーン", "US"), ("川田", "JP"), ("森田", "JP"), ("小島", "JP")},
        ),
        (
            "安保理は、日本の山本和夫国連大使を特使として派遣した。山本国連大使は、3日間の日程で両国を訪問した。"
            "4日はケニアの首都ナイロビでケニアのオディアンボ外相をはじめとする政府高官と会談し、5日は隣国に移った。",
            "2006-03-06",
            {("山本和夫", "JP"), ("オディアンボ", "KE")},
        ),
        # the country visited in a sentence before is the host of talks with a bare-post partner
        (
            "川田二郎外務大臣は、ペルーの首都リマを訪れている。川田外務大臣は13日、ガルシア大統領と会談した。",
            "2019-08-14",
            {("川田二郎", "JP"), ("ガルシア", "PE")},
        ),
        # a post alone after an attribution phrase (「外務省によれば副大臣は」) points back to its holder
        (
            "日本の森田健一外務副大臣は支援について協議するためケニアを訪れている。外務省によれば副大臣は5日、オチエング外相と会談した。",
            "2019-08-06",
            {("森田健一", "JP"), ("オチエング", "KE")},
        ),
        # a capital as the venue gives the host's country (of a country the article names)
        (
            "日本の森田健一外務副大臣は、復興支援を話し合うためパキスタンに滞在している。副大臣は12日、イスラマバードでカーン首相らと会談した。",
            "2019-08-13",
            {("森田健一", "JP"), ("カーン", "PK")},
        ),
    ],
)
def test_subject_and_host_carried_from_before(facts_of, text, published, expected):
    assert expected <= _people_sides(facts_of(text, published=published))


@pytest.mark.parametrize(
    "text, published",
    [
        # a subject written in the sentence itself is not replaced by the one before
        (
            "米国のロバート・グリーン陸軍参謀総長が来日した。川田首相は、森田外相とともに、韓国の朴大成国防部長官とも会談を行いました。",
            "2021-05-11",
        ),
    ],
)
def test_written_subject_is_kept(facts_of, text, published):
    assert ("ロバート・グリーン", "US") not in _people_sides(facts_of(text, published=published))


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # 両大臣/両者/両首脳 whose people were introduced without the meeting (an invitation, a visit)
        (
            "山田一郎外務大臣は、来日したジョン・スミス英国外務大臣を夕食会に招待した。両大臣は、10日、東京で会談を行い、協力を確認した。",
            "2024-04-11",
            {("山田一郎", "JP", "日英外相会談"), ("ジョン・スミス", "GB", "日英外相会談")},
        ),
        (
            "ピエール・マルタン仏外相が9日から来日している。山田一郎外務大臣は、マルタン外相を歓迎した。10日、両者は東京で会談した。",
            "2024-04-11",
            {("山田一郎", "JP", "日仏外相会談"), ("ピエール・マルタン", "FR", "日仏外相会談")},
        ),
        (
            "ブラジルのカルロス・ソウザ大統領が国賓として来日した。川田二郎内閣総理大臣は、ソウザ大統領を官邸に迎えた。両首脳は首脳会談を行った。",
            "2024-04-11",
            {("川田二郎", "JP", "日本・ブラジル首脳会談"), ("カルロス・ソウザ", "BR", "日本・ブラジル首脳会談")},
        ),
    ],
)
def test_collective_subject_antecedents(facts_of, text, published, expected):
    reps = _reps(facts_of(text, published=published))
    assert expected <= reps, reps


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # an identified speaker reporting in the first person, in a quote, a meeting he held:
        # a fact, not a remark (speaker after 「次のように述べました」, or left unwritten after
        # the sentence that introduced him, or written with 「…」と(記者団に)語った)
        (
            "25日、山田一郎首相は次のように述べました。「日英首脳会談では、防衛協力の拡大で一致しました」",
            "2024-05-26",
            {("山田一郎", "JP", "日英首脳会談")},
        ),
        (
            "韓国の朴大成大統領が、4日間の米国訪問を終え、28日にソウルへ戻った。「韓米首脳会談では、同盟の信頼を再確認した」と評価した。",
            "2024-05-29",
            {("朴大成", "KR", "韓米首脳会談")},
        ),
        (
            "山田一郎首相は「日英首脳会談では、協力を確認した」と記者団に語った。",
            "2024-05-26",
            {("山田一郎", "JP", "日英首脳会談")},
        ),
        # a plan in a quote, or a meeting a quote only names, is no fact of the story
        ("山田一郎首相は「来月の日英首脳会談では、協力を確認したい」と述べた。", "2024-05-26", set()),
        ("山田一郎首相は「今後、日英首脳会談を継続的に開催し、協力を深める」と述べた。", "2024-05-26", set()),
    ],
)
def test_quoted_first_person_report(facts_of, text, published, expected):
    assert _reps(facts_of(text, published=published)) == expected
