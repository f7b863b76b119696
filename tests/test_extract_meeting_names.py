"""Meeting names and who is in them, on made-up sentences (real GiNZA, the real extractor)."""
import pytest

from conftest import reps_of as _reps


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
        # the noun-phrase form of talks is named like the verbal form, medium kept
        (
            "5日、山田一郎外務大臣とジョン・スミス英国外務大臣との電話会談が行われました。",
            "2024-02-05",
            {("山田一郎", "JP", "日英外相電話会談"), ("ジョン・スミス", "GB", "日英外相電話会談")},
            set(),
        ),
        (
            "5日、山田一郎外務大臣は、ジョン・スミス英国外務大臣と電話会談を行いました。",
            "2024-02-05",
            {("山田一郎", "JP", "日英外相電話会談"), ("ジョン・スミス", "GB", "日英外相電話会談")},
            set(),
        ),
        (
            "12日、川田二郎内閣総理大臣とアンリ・デュボワ仏大統領とのテレビ会談が行われた。",
            "2023-06-12",
            {("川田二郎", "JP", "日仏首脳テレビ会談"), ("アンリ・デュボワ", "FR", "日仏首脳テレビ会談")},
            set(),
        ),
        # a courtesy call joined to the meeting sentence adds nobody to the meeting
        (
            "10日、山田一郎防衛大臣は、マニラでホセ・サントス比国防大臣と会談を行い、続いて同日、山田大臣はマリア・ロペス比大統領への表敬を行った。",
            "2023-07-10",
            {("山田一郎", "JP", "日比会談"), ("ホセ・サントス", "PH", "日比会談")},
            {("マリア・ロペス", "PH", "日比会談")},
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


@pytest.mark.parametrize(
    "text, meeting",
    [
        # 「19日会談」: the 日 of a date is not Japan
        ("ジョン・スミス米国務長官は、ポール・ロペス仏外相と19日会談した。", "米仏外相会談"),
        ("米国のジョン・スミス国務長官とフランスのポール・ロペス外相が19日会談し、協力を確認した。", "米仏外相会談"),
    ],
)
def test_day_before_meeting_word_is_no_country(facts_of, text, meeting):
    reps = _reps(facts_of(text, published="2024-03-20"))
    assert {side for _, side, forum in reps if forum == meeting} == {"US", "FR"}, reps
    assert all("日" not in forum for _, _, forum in reps)


@pytest.mark.parametrize(
    "text",
    [
        # a G7 foreign ministers' meeting is not the G7 summit
        "8日、G7外相会合がローマで開かれ、山田一郎外務大臣が出席した。",
        "先進7カ国(G7)外相会合が8日、ローマで開かれ、山田一郎外務大臣が出席した。",
    ],
)
def test_group_ministers_meeting_is_not_its_summit(facts_of, text):
    facts = facts_of(text, published="2024-04-09")
    reps = _reps(facts)
    assert ("山田一郎", "JP") in {(p, s) for p, s, _ in reps}, reps
    assert all("外相" in forum and "首脳" not in forum for _, _, forum in reps)
