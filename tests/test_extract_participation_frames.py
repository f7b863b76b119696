"""Participation read from the phrase structure, on made-up sentences (real GiNZA)."""
import pytest


def _reps(facts):
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m.forum for m in facts.meetings}
    return {(people[r.person], r.side, meetings[r.meeting]) for r in facts.representations}


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # the report formula: 「…を行ったところ、概要は以下のとおり」 is the sentence's own past predicate
        (
            "本5日、山田一郎外務大臣は、ジョン・スミス英国外務大臣との間で日英外相会談を行ったところ、その概要は次のとおりです。",
            "2024-05-05",
            {("山田一郎", "JP", "日英外相会談"), ("ジョン・スミス", "GB", "日英外相会談")},
        ),
        # commas written as 読点
        (
            "本5日,山田一郎外務大臣は,ジョン・スミス・オーストラリア連邦外務大臣と日豪外相会談を行ったところ,概要は以下のとおりです。",
            "2024-05-05",
            {("山田一郎", "JP", "日豪外相会談"), ("ジョン・スミス", "AU", "日豪外相会談")},
        ),
        # a subject closed by a comma is the main predicate's, not the relative clause's after it
        (
            "3月2日、日米韓防衛相会談が開かれた。\n会談では、山田防衛大臣、スミス米国防長官、キム韓国国防部長官が、2月の巡航ミサイル発射を含む地域情勢について議論を行った。",
            "2023-09-08",
            {("山田", "JP", "日米韓防衛相会談"), ("スミス", "US", "日米韓防衛相会談"), ("キム", "KR", "日米韓防衛相会談")},
        ),
        # every conjunct of a side-phrase list, each with its own side
        (
            "日米拡大抑止協議が東京で開かれた。協議には、日本側から山田一郎外務省北米局参事官、佐藤次郎防衛省防衛政策局次長ほか、米国側からジョン・スミス国務省次官補代理、ボブ・ジョーンズ国防省部長ほかが出席した。",
            "2021-05-01",
            {
                ("山田一郎", "JP", "日米拡大抑止協議"), ("佐藤次郎", "JP", "日米拡大抑止協議"),
                ("ジョン・スミス", "US", "日米拡大抑止協議"), ("ボブ・ジョーンズ", "US", "日米拡大抑止協議"),
            },
        ),
        # a continuative clause takes the tense of the predicate it joins, through 「…とともに、」
        (
            "5日、山田防衛大臣は、都内でスミス豪国防大臣と日豪防衛相会談を行い、共同訓練の拡充を確認するとともに、地域情勢について話し合ったところ、概要以下のとおり。",
            "2015-06-05",
            {("山田", "JP", "日豪防衛相会談"), ("スミス", "AU", "日豪防衛相会談")},
        ),
        # the host of a meeting, written as the subject of a relative clause on it, took part;
        # a meeting named by its subject keeps the subject in its name
        (
            "山田防衛大臣は26日、米国防総省のスミス長官が主催するサイバー防衛に関する多国間会議にビデオで参加した。",
            "2022-04-27",
            {("スミス", "US", "サイバー防衛に関する多国間会議"), ("山田", "JP", "サイバー防衛に関する多国間会議")},
        ),
    ],
)
def test_extract_participation_frames(facts_of, text, published, expected):
    assert expected <= _reps(facts_of(text, published=published))


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("山田防衛大臣、イ韓国国防部長官が会談した。", "イ", "KR"),  # a one-character name with its own country
    ],
)
def test_extract_one_character_name_with_country(facts_of, text, name, country):
    found = {p.name: p.country for p in facts_of(text, published="2024-01-01").people}
    assert found.get(name) == country, found


@pytest.mark.parametrize(
    "text, published, date",
    [
        # 「8月24日の発射」 is the launch's day, not the meeting's
        ("9月7日、日米韓防衛相会談を行い、8月24日の弾道ミサイル発射について議論した。", "2023-09-08", "2023-09-07"),
        ("5日の日米首脳会談で、両首脳は合意した。", "2024-03-06", "2024-03-05"),
    ],
)
def test_extract_meeting_date_not_of_another_noun(facts_of, text, published, date):
    dates = {m.date for m in facts_of(text, published=published).meetings}
    assert dates == {date}, dates


@pytest.mark.parametrize(
    "text, published, expected",
    [
        (
            "5日、山田外務大臣はスミス英国外務大臣と日英外相会談を行った(日本側同席者:佐藤外務審議官、鈴木欧州局長他、英国側:ジョーンズ駐日大使他)。",
            "2024-05-06",
            {("佐藤", "JP", "日英外相会談"), ("鈴木", "JP", "日英外相会談"), ("ジョーンズ", "GB", "日英外相会談")},
        ),
        (
            "5日、山田防衛大臣はスミス豪国防大臣と日豪防衛相会談を実施した(我が方:佐藤防衛審議官、先方:ジョーンズ国防次官)。",
            "2024-05-06",
            {("佐藤", "JP", "日豪防衛相会談"), ("ジョーンズ", "AU", "日豪防衛相会談")},
        ),
    ],
)
def test_extract_labelled_participant_lists(facts_of, text, published, expected):
    assert expected <= _reps(facts_of(text, published=published))


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("アメリカ合衆国のドナルド・ジョン・トランプ大統領は山田総理と会談した。", "ドナルド・ジョン・トランプ", "大統領"),  # 「トランプ大統領」 is one token,
    ],
)
def test_extract_name_and_post_in_one_token(facts_of, text, name, title):
    people = {p.name: p.title for p in facts_of(text, published="2024-01-01").people}
    assert people.get(name) == title, people


def test_extract_short_form_prefers_the_person_holding_the_post(facts_of):
    text = (
        "北朝鮮の金正男朝鮮労働党総書記の妹、金与花党副部長は談話を発表した。\n"
        "金総書記は、2018年6月にシンガポールでスミス大統領と米朝首脳会談を行った。"
    )
    facts = facts_of(text, published="2024-03-27")
    people = {p.key: p.name for p in facts.people}
    attended = {people[r.person] for r in facts.representations}
    assert "金与花" not in attended


def test_extract_session_is_its_own_meeting_and_part_of_the_meeting(facts_of):
    text = (
        "5日、山田外務大臣は、スミス英国外務大臣との間で日英外相戦略対話を実施しました。\n"
        "1. 少人数会合が行われ、山田大臣は、スミス外務大臣との間で意見交換を行いました。"
    )
    reps = _reps(facts_of(text, published="2024-05-05"))
    people = {p for p, _, m in reps if m == "少人数会合"}
    main = {p for p, _, m in reps if m == "日英外相戦略対話"}
    assert people and people <= main  # who sat in a session took part in the meeting


def test_extract_dated_photo_caption_with_new_parties(facts_of):
    text = (
        "韓国のキム・ミンス大統領は3日、フィリピンのサントス大統領と首脳会談を行った。\n"
        "首脳会談を行うキム大統領(右)とマレーシアのアフマド・ラザク首相=2日、クアラルンプール"
    )
    reps = _reps(facts_of(text, published="2026-03-04"))
    caption = {(p, s) for p, s, m in reps if m != "韓比首脳会談"}
    assert ("アフマド・ラザク", "MY") in caption  # a new party: a new meeting, not the last one
    assert ("アフマド・ラザク", "MY", "韓比首脳会談") not in reps


@pytest.mark.parametrize(
    "text, published, expected, absent",
    [
        # a held meeting written as the setting of the sentence
        (
            "チリのパブロ・ロハス大統領は、サンティアゴで開かれた南米投資フォーラムの全体会合において、山田首相に共同研究を持ちかけた。",
            "2018-09-13",
            {("パブロ・ロハス", "CL"), ("山田", "JP")},
            set(),
        ),
        # the partner named with との on the meeting noun of the setting
        (
            "国防総省の発表では、ジョン・スミス米国防長官は大阪で行われた山田首相との会談で、抑止力の強化を確認した。",
            "2017-02-04",
            {("ジョン・スミス", "US"), ("山田", "JP")},
            set(),
        ),
        # a topic is the subject of the clause of taking part written before it
        (
            "第2回の日仏外務・防衛閣僚会合を終え、ピエール・マルタン仏外相は記者団にこう語った。",
            "2016-01-22",
            {("ピエール・マルタン", "FR")},
            set(),
        ),
        # a post alone as topic refers back to the person holding it
        (
            "山田太郎外務副大臣は11日、パキスタンを訪問した。\n副大臣は12日、イスラマバードでパキスタンのカーン首相と会談した。",
            "2005-10-13",
            {("山田太郎", "JP"), ("カーン", "PK")},
            set(),
        ),
        # … the story's own holder, not one named as of another time
        (
            "山田一郎首相は10日、スミス米大統領と日米首脳会談を行った。首相の訪米は、佐藤次郎首相(当時)以来9年ぶり。\n首相は会談で、同盟の強化を訴えた。",
            "2024-04-11",
            {("山田一郎", "JP"), ("スミス", "US")},
            {("佐藤次郎", "JP")},
        ),
        # the other party of a two-state meeting: a foreign name the text gives no country
        (
            "山田一郎外務大臣及び佐藤次郎防衛大臣は、ジョン・スミス英国外務大臣及びボブ・ジョーンズ国防大臣と日英外務・防衛閣僚会合を行いました。",
            "2016-01-09",
            {("山田一郎", "JP"), ("佐藤次郎", "JP"), ("ジョン・スミス", "GB"), ("ボブ・ジョーンズ", "GB")},
            set(),
        ),
        # a topic is the subject of a later clause of taking part (its meeting an argument there)
        (
            "ボブ・ジョーンズ米国務副長官は8日、東京で山田外務大臣と会談し、9日には佐藤防衛大臣、鈴木官房長官と約1時間の会談を行った。",
            "2013-04-25",
            {("ボブ・ジョーンズ", "US"), ("山田", "JP"), ("佐藤", "JP"), ("鈴木", "JP")},
            set(),
        ),
        # the people spoken to in a meeting written as the setting (へ/に), the other party
        (
            "先月開かれた日ラオス外相会談で、佐藤外相は漁船の早期解放をソムサイ・ブンマ外相へ求めていた。",
            "2008-09-28",
            {("佐藤", "JP"), ("ソムサイ・ブンマ", "LA")},
            set(),
        ),
        # 「AとBの両大統領は電話会談し」: a post written once for the people listed with 氏
        (
            "フランスのデュボワ氏と、ドイツのミュラー氏の両首相は同日夜に電話会談し、支援策を協議した。",
            "2014-07-20",
            {("デュボワ", "FR"), ("ミュラー", "DE")},
            set(),
        ),
        # the head of state of the country visited is the host
        (
            "佐藤首相はケニアの首都ナイロビを訪れ、ジョゼフ・ムワンギ大統領と会談した。",
            "2006-06-27",
            {("佐藤", "JP"), ("ジョゼフ・ムワンギ", "KE")},
            set(),
        ),
    ],
)
def test_extract_who_took_part_for_which_side(facts_of, text, published, expected, absent):
    reps = {(p, s) for p, s, _ in _reps(facts_of(text, published=published))}
    assert expected <= reps
    assert not absent & reps


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("山田一郎日本国総理大臣及びジョン・スミス米国大統領は、共同声明を発表した。", "ジョン・スミス", "US"),  # 「米国大統領」 is one token
    ],
)
def test_extract_country_and_post_in_one_token(facts_of, text, name, country):
    found = {p.name: p.country for p in facts_of(text, published="2024-01-01").people}
    assert found.get(name) == country, found


def test_extract_session_of_a_named_forum_as_setting(facts_of):
    text = "チリのパブロ・ロハス大統領が、バルパライソで開かれた南太平洋経済フォーラムの全体会合において、山田一郎首相に新たな協力を提案した。"
    reps = _reps(facts_of(text, published="2018-09-12"))
    assert {("パブロ・ロハス", "CL", "南太平洋経済フォーラムの全体会合"), ("山田一郎", "JP", "南太平洋経済フォーラムの全体会合")} <= reps


@pytest.mark.parametrize(
    "text, meeting",
    [
        ("5日、山田外相はスミス英外相と会談を行なった。", "日英外相会談"),  # okurigana variant of 行う
        ("5日、山田外相はスミス英外相と立ち話をした。", "日英立ち話"),  # the text's own word
        ("5日、山田外相はスミス英外相と懇談した。", "日英懇談"),
        ("5日、山田外相はスミス英外相と電話会談を行った。", "日英外相電話会談"),  # medium kept in the talks word
    ],
)
def test_extract_talk_words_as_written(facts_of, text, meeting):
    reps = _reps(facts_of(text, published="2024-05-06"))
    assert {("山田", "JP", meeting), ("スミス", "GB", meeting)} <= reps, reps


@pytest.mark.parametrize(
    "text, published",
    [
        ("第3回東海国防相会議出席のためマニラに滞在中の鳥居防衛大臣は12日、スミス英国防大臣と会談を行った。", "2024-06-14"),
        ("5日、東海首脳会議の機会に、鳥居首相はスミス英首相との会談を行った。", "2024-05-05"),
    ],
)
def test_extract_talks_at_the_occasion_of_a_meeting_are_their_own_meeting(facts_of, text, published):
    facts = facts_of(text, published=published)
    talks = [m for m in facts.meetings if "東海" not in m.forum]
    assert len(talks) == 1 and set(talks[0].countries) == {"JP", "GB"}
    reps = {(p, s, f) for p, s, f in _reps(facts)}
    assert {("鳥居", "JP", talks[0].forum), ("スミス", "GB", talks[0].forum)} <= reps


def test_extract_topic_takes_part_in_each_later_clause_meeting(facts_of):
    facts = facts_of("ジョーンズ米国務長官は3日に訪日して山田首相と会談し、続いて佐藤外相、韓国の朴外相との日米韓3カ国会合に出席した。", published="2018-06-14")
    reps = _reps(facts)
    assert ("ジョーンズ", "US", "日米韓会合") in reps and ("ジョーンズ", "US", "日米会談") in reps
    assert {("佐藤", "JP", "日米韓会合"), ("朴", "KR", "日米韓会合")} <= reps
    assert ("山田", "JP", "日米韓会合") not in reps
    forum = next(m for m in facts.meetings if m.forum == "日米韓会合")
    assert "日米韓3カ国会合" in forum.forum_aliases  # the name as written, with the count of its parties


@pytest.mark.parametrize(
    "text, expected",
    [
        # 「AとBとの(初の)会談を終え」: the parties of a meeting someone has finished
        (
            "ボブ・ジョーンズ米大統領とキューバのラウル・ペレス議長との初の会談を終え、両国関係は新たな段階に入っている。",
            {("ボブ・ジョーンズ", "US"), ("ラウル・ペレス", "CU")},
        ),
        # a post the text shortens (委員長 for the reference list's 国務委員長): country and rank from the list
        (
            "ボブ・ジョーンズ米大統領と金正恩委員長との会談を終え、交渉は新たな段階に入っている。",
            {("ボブ・ジョーンズ", "US"), ("金正恩", "KP")},
        ),
    ],
)
def test_extract_parties_of_a_finished_meeting(facts_of, text, expected):
    facts = facts_of(text, published="2018-06-14")
    assert {(p, s) for p, s, _ in _reps(facts)} == expected
    if ("金正恩", "KP") in expected:
        assert [m.forum for m in facts.meetings] == ["米朝首脳会談"]


@pytest.mark.parametrize("text, expected", [
    # the chair written in a relative clause, a meeting named later in the sentence
    ("19日に首脳会議が開かれた。首脳会議の議長を務めたチリのフアン・ロハス大統領は閉幕時に演説し、6カ国協議での進展を歓迎した。",
     {("フアン・ロハス", "CL")}),
    ("5日に外相会合が開催された。会合の議長を務めたブラジルのカルロス・メンデス外相は、地域協議での合意を評価した。",
     {("カルロス・メンデス", "BR")}),
])
def test_extract_participation_frames_chair_in_relative_clause(facts_of, text, expected):
    facts = facts_of(text, published="2024-03-30")
    people = {p.key: p.name for p in facts.people}
    assert {(people[r.person], r.side) for r in facts.representations} == expected


@pytest.mark.parametrize("text", [
    # two items of a listing, each under its dated photo caption: the same talks word with a
    # head of another state is other talks
    "首脳会談を行うロハス大統領とペルーのルイス・ガルシア大統領=3日、リマ、共同通信 両首脳は協力を確認した。\n"
    "首脳会談を行うロハス大統領(左)とボリビアのマリア・キスペ大統領=2日、ラパス、共同通信 両首脳は貿易について話し合った。",
])
def test_extract_participation_frames_same_talks_word_other_partner(facts_of, text):
    facts = facts_of("チリのフアン・ロハス大統領が南米を歴訪した。\n" + text, published="2024-03-30")
    people = {p.key: p.name.split("・")[-1] for p in facts.people}
    partners: dict[str, set[str]] = {}
    for r in facts.representations:
        partners.setdefault(r.meeting, set()).add(people[r.person])
    assert len(partners) == 2 and all(len(group) == 2 for group in partners.values())
