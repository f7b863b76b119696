"""kg.components: the domain layer recognises what GiNZA's ENE labels get wrong here."""
from __future__ import annotations

import pytest


def _mentions(nlp, text, label):
    return [m for m in nlp(text)._.kg_mentions if m.label == label]


@pytest.mark.parametrize(
    "text, name, aliases, title, institution, country",
    [
        ("外交部の李在雄(イ・ジェウン)第1次官が出席した。", "李在雄", ("イ・ジェウン",), "第1次官", None, None),
        ("アンダーソン国防次官代理が参加した。", "アンダーソン", (), "国防次官代理", None, None),
        ("パク・ミンス国家安保室第1次長が説明した。", "パク・ミンス", (), "国家安保室第1次長", "国家安保室", "KR"),
        ("ジョン・ドウ(John Doe)米大統領は述べた。", "ジョン・ドウ", ("John Doe",), "大統領", None, "US"),
        ("中国の陳明共産党政治局員兼外相と会談した。", "陳明", (), "共産党政治局員兼外相", None, None),
        ("同国のハリス副首相兼国防相と会談した。", "ハリス", (), "副首相兼国防相", None, None),
        ("ロシアのペスコフ大統領報道官は述べた。", "ペスコフ", (), "大統領報道官", None, None),
        ("イ・ソンミン国家情報院長候補が指名された。", "イ・ソンミン", (), "国家情報院長候補", "国家情報院", None),
        ("韓国国防部の崔泰湜(チェ・テシク)長官は述べた。", "崔泰湜", ("チェ・テシク",), "長官", None, None),
        ("ポール・ラモント在韓米軍司令官が懸念を示した。", "ポール・ラモント", (), "在韓米軍司令官", "在韓米軍", "US"),
    ],
)
def test_nlp_components_person_with_title_and_readings(nlp, text, name, aliases, title, institution, country):
    people = _mentions(nlp, text, "PERSON")
    assert len(people) == 1, [p.text for p in people]
    person = people[0]
    assert person.name == name
    assert person.aliases == aliases
    assert person.title == title
    assert person.institution == institution
    assert person.country == country


@pytest.mark.parametrize(
    "text",
    [
        "韓米の外交・国防当局はこの日、会議を開いた。",  # 当局 is not a person
        "両国首脳が4月に合意した。",  # 両国 stands where a name would
        "韓国大統領と米大統領が会談した。",  # a title without a name
        "ワシントンDCの米国務省で開かれた。",  # GiNZA calls ワシントンDC a Person
    ],
)
def test_nlp_components_no_person_without_a_name(nlp, text):
    assert _mentions(nlp, text, "PERSON") == []


@pytest.mark.parametrize(
    "text, forum, acronym, ordinal, countries",
    [
        ("第5回拡大抑止戦略協議体(EDSCG)会議を開いた。", "拡大抑止戦略協議体", "EDSCG", "5", "KR,US"),
        ("核協議グループ(NCG)第3回会議を開き", "核協議グループ", "NCG", "3", "KR,US"),
        ("米韓首脳会議を開き", "米韓首脳会議", None, None, "US,KR"),
        ("日米韓の外務次官協議が開かれた。", "日米韓外務次官協議", None, None, "JP,US,KR"),
        ("第11回日豪外務・防衛閣僚協議(2プラス2)を開いた。", "日豪外務・防衛閣僚協議", None, "11", "JP,AU"),
        # a forum in no lexicon, discovered from its acronym definition
        ("日韓海洋安全保障対話(MSD)を開いた。", "日韓海洋安全保障対話", "MSD", None, "JP,KR"),
        ("北大西洋条約機構(NATO)首脳会議に参加した", "北大西洋条約機構首脳会議", None, None, "NATO"),
    ],
)
def test_nlp_components_meeting_phrases(nlp, text, forum, acronym, ordinal, countries):
    meetings = _mentions(nlp, text, "MEETING")
    assert len(meetings) == 1, [m.text for m in meetings]
    meeting = meetings[0]
    assert meeting.forum == forum
    assert meeting.acronym == acronym
    assert meeting.ordinal == (int(ordinal) if ordinal else None)
    assert meeting.countries == tuple(countries.split(","))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("韓国側からは次官が参加した。", [("SIDE", "KR")]),
        ("米側からスミス国務長官が出席した。", [("SIDE", "US")]),
        ("韓国側の首席代表を務める。", []),  # 「側の」 describes, it does not introduce a delegation
    ],
)
def test_nlp_components_side_phrases(nlp, text, expected):
    assert [(m.label, ",".join(m.codes)) for m in _mentions(nlp, text, "SIDE")] == expected


@pytest.mark.parametrize(
    "text, institution, country",
    [
        ("韓国外交部の発表によると", "韓国外交部", "KR"),
        ("米国務省東アジア・太平洋担当室が公開した", "米国務省東アジア・太平洋担当室", "US"),
        ("漢江政策研究院の研究委員", "漢江政策研究院", None),
        ("ホワイトハウスが発表した", "ホワイトハウス", "US"),
        ("外交部と国防部は", "国防部", "KR"),
    ],
)
def test_nlp_components_institutions(nlp, text, institution, country):
    found = {m.text: m.country for m in _mentions(nlp, text, "INSTITUTION")}
    assert institution in found, found
    assert found[institution] == country


def test_nlp_components_quoted_speech_and_spans(nlp):
    doc = nlp("金次官は「北朝鮮は挑発を続けている。」と述べた。EDSCGは協議体だ。")
    quotes = [m for m in doc._.kg_mentions if m.label == "QUOTE"]
    assert [q.text for q in quotes] == ["「北朝鮮は挑発を続けている。」"]
    # the domain labels override GiNZA's ENE on the span group
    labels = {span.text: span.label_ for span in doc.spans["kg"]}
    assert labels["EDSCG"] == "MEETING"


@pytest.mark.parametrize(
    "text, name",
    [
        ("大統領室の韓正浩国家安保室長は述べた。", "韓正浩"),  # 韓 as a family name, not Korea
        ("日本の森田浩介外務事務次官、米国のスミス国務副長官が出席した。", "スミス"),
        ("外交部の朴明洙第1次官が出席した。", "朴明洙"),  # the tokenizer glues 洙 and 第
    ],
)
def test_nlp_components_family_names_that_look_like_other_things(nlp, text, name):
    assert name in [m.name for m in _mentions(nlp, text, "PERSON")]


def test_nlp_components_leaders_meeting_of_a_forum_with_an_acronym(nlp):
    meetings = _mentions(nlp, "アジア太平洋経済協力会議(APEC)首脳会議が開かれた。", "MEETING")
    assert [(m.forum, "|".join(m.aliases), m.kind) for m in meetings] == [
        ("アジア太平洋経済協力会議首脳会議", "APEC首脳会議", "summit")
    ]


def test_nlp_components_full_width_acronyms_read_as_ascii(nlp):
    doc = nlp("日韓両政府は５日、日韓海洋安全保障対話（ＭＳＤ）を実施した。ＭＳＤは発足した。")
    meetings = [m for m in doc._.kg_mentions if m.label == "MEETING"]
    assert [(m.forum, m.acronym) for m in meetings] == [("日韓海洋安全保障対話", "MSD"), (None, "MSD")]
