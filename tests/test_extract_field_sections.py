"""Pages laid out in fields and table rows (kg.structure, kg.extract.sections, kg.extract.labels,
kg.components): 「1 日時」「2 場所」「3 出席者」 field sections over a table of organisation / post /
rank / name cells (a full-width blank inside the name), the meeting the headline names when no
sentence names one, side labels alone on their line or opening a row before organisation cells,
roster labels in angle brackets (「＜日本側＞」) under each item of a listing page, side words
closed by a blank inside an inline 「出席者：…」 list, and a mission's own page (「在X Y大使館」:
its 当館 is Y's side, the officials it meets X's). Made-up pages read through kg.ingest.load_article."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import reps_of

FIELDS = """第3回日・フィリピン防衛当局間協議の開催について
防衛省
1 日時
 令和8年5月11日（月）14時00分～16時00分
2 場所
 防衛省（東京都新宿区）
3 出席者
 日本側
  防衛省　防衛政策局長　山川　一郎
  防衛省　国際政策課長　一等海佐　森田　健二
 フィリピン側
  国防省　次官　カルロス・サントス
  国防省　戦略局長　准将　マリア・レイエス
4 概要
 双方は、地域の安全保障環境について意見交換を行いました。
"""

TAB_FIELDS = (
    "第2回日・インドネシア海洋協議の開催について\n外務省\n1 日時\n 5月8日（金）\n2 場所\n 外務省\n3 出席者\n"
    "日本側\t外務省\t総合外交政策局\t局長\t北山　浩二\n\t防衛省\t防衛政策局\t次長\t南田　太一\n"
    "インドネシア側\t外務省\tアジア太平洋局\t局長\tアフマド・スハルト\n4 概要\n 両国は海洋安全保障について議論しました。\n"
)

LISTING = """大臣の活動（2026年4月）
4月3日　日米防衛相会談
 森田防衛大臣は、来日したロバート・ハリス米国防長官と防衛省で会談を行いました。
 ＜日本側＞森田防衛大臣、北村防衛審議官
 ＜米側＞ハリス国防長官、ジェーン・ミラー駐日米国大使
4月17日　日豪防衛相会談
 森田防衛大臣は、来日したオーストラリアのピーター・ワトソン国防大臣と会談を行いました。
 ＜日本側＞森田防衛大臣、南山二郎防衛政策局長
 ＜豪側＞ワトソン国防大臣、ジョン・ケリー駐日豪州大使
"""

INLINE = """日・モンゴル外相会談
 5月6日、山川一郎外務大臣は、来日中のバトボルド・ガンゾリグ・モンゴル外務大臣と会談を行いました。出席者：日本側　山川外務大臣、中島健欧州局長、モンゴル側　ガンゾリグ外務大臣、ボルド・エルデネ駐日大使。両大臣は、二国間関係の強化で一致しました。
"""

CASES = [
    (FIELDS, {("山川一郎", "JP"), ("森田健二", "JP"), ("カルロス・サントス", "PH"), ("マリア・レイエス", "PH")}),
    (TAB_FIELDS, {("北山浩二", "JP"), ("南田太一", "JP"), ("アフマド・スハルト", "ID")}),
    (INLINE, {("山川一郎", "JP"), ("バトボルド・ガンゾリグ", "MN"), ("中島健", "JP"), ("ボルド・エルデネ", "MN")}),
]


@pytest.mark.parametrize("page, expected", CASES, ids=["field-sections", "tab-fields", "inline-list"])
def test_extract_field_sections_people_and_sides(facts_of_page, page, expected):
    got = reps_of(facts_of_page(page, published="2026-05-20"))
    assert {(n, s) for n, s, _ in got} == expected


def test_extract_field_sections_headline_meeting_dated_by_field(facts_of_page):
    facts = facts_of_page(FIELDS, published="2026-05-20")
    (meeting,) = facts.meetings
    assert (meeting.forum, meeting.ordinal, meeting.date, meeting.status) == ("日・フィリピン防衛当局間協議", 3, "2026-05-11", "held")


def test_extract_field_sections_listing_rosters_go_to_their_item(facts_of_page):
    got = reps_of(facts_of_page(LISTING, published="2026-05-20"))
    by = {}
    for n, s, f in got:
        by.setdefault(f, set()).add((n, s))
    assert {("北村", "JP"), ("ジェーン・ミラー", "US")} <= next(v for f, v in by.items() if "米" in f)
    assert {("南山二郎", "JP"), ("ジョン・ケリー", "AU")} <= next(v for f, v in by.items() if "豪" in f)
    assert not any(s == "AU" for f, v in by.items() if "米" in f for _, s in v)


MISSION_PAGE = """大使館の活動
2026年3月5日
 中村一郎大使は、ケニア外務省においてジョセフ・ムワンギ外務次官と会談しました。会談には、当館から田村二郎参事官が、先方からメアリー・ワンジク局長が同席しました。
"""

US_MISSION_PAGE = """大使館の活動
2026年3月5日
 ジョン・ドウ大使は、外務省において小川太郎外務審議官と会談しました。会談には、当館からジェーン・ロウ公使が、日本側から西田修北米局長が同席しました。
"""


@pytest.mark.parametrize("page, source, expected", [
    (MISSION_PAGE, "在ケニア日本国大使館 (made-up page)",
     {("中村一郎", "JP"), ("ジョセフ・ムワンギ", "KE"), ("田村二郎", "JP"), ("メアリー・ワンジク", "KE")}),
    (US_MISSION_PAGE, "在日米国大使館 (made-up page)",
     {("ジョン・ドウ", "US"), ("小川太郎", "JP"), ("ジェーン・ロウ", "US"), ("西田修", "JP")}),
], ids=["japanese-embassy-abroad", "us-embassy-in-japan"])
def test_extract_field_sections_mission_page_sides(nlp, tmp_path, page, source, expected):
    from kg.extract import extract_facts
    from kg.ingest import load_article
    from kg.nlp import parse_blocks
    from kg.normalise import normalise_for_parse

    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    (tmp_path / "page.meta.json").write_text(json.dumps({"source": source, "url": "https://example.invalid/emb/page.html"}), encoding="utf-8")
    article = load_article(path)
    docs = parse_blocks(nlp, [normalise_for_parse(t) for _, t in article.body_blocks()])
    got = reps_of(extract_facts(article, docs))
    assert {(n, s) for n, s, _ in got} == expected


# a listing page of dated items: 「2026年5月12日」, the item's title, its text; the items after
# the first are short texts, each under its own date line
DATED_LISTING = """外務大臣の会談一覧（2026年5月）
2026年5月12日
日・ペルー外相会談
　山川外務大臣は、来日中のルイス・ソト・ペルー外務大臣と会談を行いました。先方からはアナ・ディアス駐日ペルー大使が、日本側からは牧原欧州局参事官が同席しました。
2026年5月8日
日・チリ外相電話会談
　山川一郎外務大臣は、チリのペドロ・ロハス外務大臣と電話会談を行いました。
2026年5月2日
日・ケニア外相会談
　山川大臣は、来日中のケニアのデビッド・キマニ外務大臣と会談しました。
"""


def test_extract_field_sections_dated_listing_items(facts_of_page):
    facts = facts_of_page(DATED_LISTING, published="2026-05-31")
    people = {p.key: p.name for p in facts.people}
    meetings = {m.key: m for m in facts.meetings}
    got = {(people[r.person], r.side, meetings[r.meeting].date) for r in facts.representations}
    assert {("ルイス・ソト", "PE", "2026-05-12"), ("アナ・ディアス", "PE", "2026-05-12"), ("牧原", "JP", "2026-05-12"),
            ("ペドロ・ロハス", "CL", "2026-05-08"), ("デビッド・キマニ", "KE", "2026-05-02")} <= got
    titled = {m.date: m for m in facts.meetings}
    assert "日・ペルー外相会談" in (titled["2026-05-12"].forum, *titled["2026-05-12"].forum_aliases)
    assert "日・チリ外相電話会談" in (titled["2026-05-08"].forum, *titled["2026-05-08"].forum_aliases)


WEEKDAY_ITEMS = """防衛大臣の主な活動（令和8年5月）
■5月7日（木）
　ノルウェーのラーシュ・ハンセン国防大臣が森田防衛大臣を表敬。
■5月12日（火）
　森田防衛大臣は、ペルーのルイス・ベガ国防大臣と電話会談を行った。
■5月20日（水）
　森田防衛大臣は、来日したチリのペドロ・ソト国防大臣と会談を行った。
"""


def test_extract_field_sections_item_lines_with_weekday_alone(facts_of_page):
    got = reps_of(facts_of_page(WEEKDAY_ITEMS, published="2026-05-31"))
    assert {("ルイス・ベガ", "PE"), ("ペドロ・ソト", "CL")} <= {(n, s) for n, s, _ in got}


@pytest.mark.parametrize("text, name, title", [
    ("日本側\n坂本　信一　外務審議官\n森　健二　防衛審議官", "坂本信一", "外務審議官"),
    ("米側\nケビン・マーシャル　国務次官（政治担当）", "ケビン・マーシャル", "国務次官"),
    ("韓国合同参謀本部　　議長　　　　陸軍大将　　　金　成浩（キム・ソンホ）", "金成浩", "議長"),
], ids=["blank-inside-kanji-name", "katakana-surname-tagged-as-place", "surname-given-cells-with-reading"])
def test_extract_field_sections_table_names(nlp, text, name, title):
    from kg.nlp import parse_blocks
    from kg.normalise import normalise_for_parse

    found = [m for line in text.split("\n") for doc in parse_blocks(nlp, [normalise_for_parse(line)])
             for m in doc._.kg_mentions if m.label == "PERSON"]
    assert any(m.name == name and title in (m.title or "") for m in found)
    assert not any(m.name and m.name.endswith("担当") for m in found)  # (「(政治担当)」 is the post's portfolio)


def test_extract_field_sections_bureau_suffix_is_part_of_the_post(nlp):
    from kg.nlp import parse_blocks

    (doc,) = parse_blocks(nlp, ["我が方からは牧原欧州局参事官が同席しました。"])
    people = [m for m in doc._.kg_mentions if m.label == "PERSON"]
    assert [(m.name, m.title) for m in people] == [("牧原", "欧州局参事官")]


@pytest.mark.parametrize("text, day", [
    ("国際連合の安全保障理事会は3日（米東部時間）、北国が1日に弾道ミサイルを発射したことを受けて、緊急の公開会合を開いた。", "2026-09-03"),
    ("ペルーのルイス・ソト外相は1日、議会の委員会に出席し、先月28日に行われたペルー・チリ外相会談の結果を報告した。", "2026-08-28"),
], ids=["day-of-another-event-in-a-noun-clause", "day-of-the-meeting-in-its-own-clause"])
def test_extract_field_sections_lead_day_over_an_embedded_event(facts_of_page, text, day):
    facts = facts_of_page(text + "\n", published="2026-09-04")
    assert any(m.date == day for m in facts.meetings if m.status == "held")


# an activity listing of one office-holder (「防衛大臣の主な活動」): items under 「■9月4日(金)」 write
# no subject; their talks are the holder's (named once on the page), news style 「…と会談(於:X)。」
PRINCIPAL_ITEMS = """防衛大臣の主な活動（令和8年9月）
■9月2日（水）
　ノルウェー国防省のラーシュ・ベルグ国防次官が森田防衛大臣を表敬。
■9月4日（金）
　英国のジェームズ・ホワイト国防担当閣外大臣と会談（於：防衛省）。
■9月9日（水）
　ブラント米国防長官と電話会談（約30分）。
"""


def test_extract_field_sections_activity_items_of_the_page_principal(facts_of_page):
    got = {(n, s) for n, s, _ in reps_of(facts_of_page(PRINCIPAL_ITEMS, published="2026-09-30"))}
    assert {("森田", "JP"), ("ジェームズ・ホワイト", "GB"), ("ブラント", "US")} <= got
    assert ("ラーシュ・ベルグ", "NO") not in got  # (a courtesy call is no meeting)


def test_extract_field_sections_name_blank_region_post(nlp):
    from kg.nlp import parse_blocks

    (doc,) = parse_blocks(nlp, ["協議には、日本から北川信之　アジア大洋州局長が出席した。"])
    assert [(m.name, m.title) for m in doc._.kg_mentions if m.label == "PERSON"] == [("北川信之", "アジア大洋州局長")]


SESSION_SECTION = """日米拡大抑止協議の開催について
1 全体会合
 5月20日、ワシントンにおいて日米拡大抑止協議が開催され、日本側から西田修北米局長、米側からジョン・カーター国務次官補が出席しました。
2 分科会
 同日午後には分科会が開かれ、日本からは北村三郎防衛政策課長、米国からはリサ・ハント国防次官補代理がそれぞれ参加しました。
"""


def test_extract_field_sections_session_heading_over_its_named_session(facts_of_page):
    facts = facts_of_page(SESSION_SECTION, published="2026-05-22")
    assert [m.forum for m in facts.meetings].count("分科会") == 1
    got = reps_of(facts)
    assert {(n, s) for n, s, f in got if f == "分科会"} == {("北村三郎", "JP"), ("リサ・ハント", "US")}
    assert {("西田修", "JP"), ("ジョン・カーター", "US")} <= {(n, s) for n, s, f in got if f == "日米拡大抑止協議"}


@pytest.mark.parametrize("row, name, institution", [
    ("日本側　警察庁　国際部長　大野　修", "大野修", "警察庁"),
    ("フィリピン国家警察　長官　ホセ・マルティネス", "ホセ・マルティネス", "フィリピン国家警察"),
], ids=["label-then-organisation-cells", "police-organisation-cell"])
def test_extract_field_sections_organisation_cells_are_no_person(nlp, row, name, institution):
    from kg.nlp import parse_blocks
    from kg.normalise import normalise_for_parse

    (doc,) = parse_blocks(nlp, [normalise_for_parse(row)])
    people = [m for m in doc._.kg_mentions if m.label == "PERSON"]
    assert [(m.name, m.institution) for m in people] == [(name, institution)]


MIRROR_PAGE = """官庁ニュース・ミラー　公表資料の転載
新着　｜　外務省　｜　防衛省
［外務省］日・ペルー外相会談
掲載日：2026年7月8日
1 7月7日、ペルーを訪問中の山川一郎外務大臣は、リマにおいて、ペルーのルイス・ソト外務大臣と外相会談を行いました。会談には我が方から北川信之中南米局長ほか、先方からアナ・ディアス外務次官ほかが同席しました。
"""


def test_extract_field_sections_mirror_tag_names_the_publisher(nlp, tmp_path):
    from kg.extract import extract_facts
    from kg.ingest import load_article
    from kg.nlp import parse_blocks
    from kg.normalise import normalise_for_parse

    path = tmp_path / "page.txt"
    path.write_text(MIRROR_PAGE, encoding="utf-8")
    meta = {"source": "官庁ニュース・ミラー (made-up mirror)", "published": "2026-07-08", "title": "日・ペルー外相会談"}
    (tmp_path / "page.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    article = load_article(path)
    docs = parse_blocks(nlp, [normalise_for_parse(t) for _, t in article.body_blocks()])
    got = {(n, s) for n, s, _ in reps_of(extract_facts(article, docs))}
    assert {("北川信之", "JP"), ("アナ・ディアス", "PE")} <= got


def test_extract_field_sections_cut_sentence_before_a_closing_caption():
    from kg.ingest import classify_paragraphs

    text = ("日・ペルー防衛相会談\n1 概要\n5月3日、森田防衛大臣は来日中のペルーのルイス・ベガ国防大臣と会談を行いました。"
            "両者は防衛協力の拡大で一致しました。\n2 昼食会\n同日午後、防衛省において、森田大臣主催の昼食会が行われ、\n"
            "［写真］会談に臨む両大臣（写真提供：防衛省）\n")
    kept = [v.paragraph.text for v in classify_paragraphs(text) if v.kept]
    assert kept[-1].startswith("同日午後") and not any(k.startswith("［写真］") for k in kept)
