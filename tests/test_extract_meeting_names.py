"""Meeting names and who is in them, on made-up sentences (real GiNZA, the real extractor)."""
import pytest


def _reps(facts):
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations}


@pytest.mark.parametrize(
    "text, published, expected, absent",
    [
        # talks with an organisation's head at the occasion of its summit are talks of their own
        # (an organisation has no one-kanji form: the parties are written out)
        (
            "6月29日、NATO首脳会合出席のためスペインを訪問中の山川一郎内閣総理大臣は、ハンス・ミュラー北大西洋条約機構(NATO)事務総長と会談を行ったところ、概要は以下のとおりです。",
            "2022-06-29",
            {("山川一郎", "JP", "日本・北大西洋条約機構会談"), ("ハンス・ミュラー", "NATO", "日本・北大西洋条約機構会談")},
            {("山川一郎", "JP", "NATO首脳会合")},
        ),
        (
            "10日、EU首脳会議に出席するためブリュッセルを訪問中の川田二郎外務大臣は、アンナ・シュミット欧州連合(EU)外交安全保障上級代表と会談を行いました。",
            "2023-03-10",
            {("川田二郎", "JP", "日本・欧州連合会談"), ("アンナ・シュミット", "EU", "日本・欧州連合会談")},
            set(),
        ),
        # 「…して以来、N か月ぶりとなる M を開催した」: M is held now; the partners written before
        # the clause of the last time are M's (the parser hangs them on that clause)
        (
            "4月28日、山川一郎外務大臣は、ジョン・スミス米国務長官及び朴大成韓国外交部長官との間で、本年2月のG20外相会合の際に開催して以来、約2か月ぶりとなる日米韓外相会合を開催したところ、概要以下のとおり。",
            "2017-04-28",
            {("山川一郎", "JP", "日米韓外相会合"), ("ジョン・スミス", "US", "日米韓外相会合"), ("朴大成", "KR", "日米韓外相会合")},
            set(),
        ),
        (
            "9月3日、川田二郎防衛大臣は、ピーター・ブラウン豪国防大臣との間で、昨年の会談以来、初めてとなる日豪防衛相会談を行いました。",
            "2020-09-03",
            {("川田二郎", "JP", "日豪防衛相会談"), ("ピーター・ブラウン", "AU", "日豪防衛相会談")},
            set(),
        ),
        # a contact between officials of two states is a meeting, named as written (接触)
        (
            "本日、会議出席のため中国訪問中の森田健一アジア大洋州局長は、北朝鮮の朴成哲外務省米州局副局長とも接触し、厳重に抗議しました。",
            "2016-06-22",
            {("森田健一", "JP", "日朝接触"), ("朴成哲", "KP", "日朝接触")},
            set(),
        ),
    ],
)
def test_meeting_names(facts_of, text, published, expected, absent):
    reps = _reps(facts_of(text, published=published))
    assert expected <= reps, reps
    assert not (absent & reps)


@pytest.mark.parametrize(
    "text, published",
    [
        # a person in the genitive before a common noun acts in nothing (「A大臣の指示に基づき」)
        (
            "本22日、山川一郎外務大臣は抗議した。さらに、山川大臣の指示に基づき、北京で開催中の「北東アジア協力対話(NEACD)」の場を通じて、改めて厳重に抗議を行ったほか、関係国と意見交換を行いました。",
            "2016-06-22",
        ),
        (
            "5日、川田首相の要請を受けて、外務省は東京で日米韓局長級協議を行いました。",
            "2021-07-05",
        ),
    ],
)
def test_genitive_person_takes_no_part(facts_of, text, published):
    assert not _reps(facts_of(text, published=published))
