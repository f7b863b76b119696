"""A military post written before a name that carries a rank (「統合幕僚長A陸将」「海上幕僚長海将
B」「参謀長C大将」) is that person's post: the person is an official of his side, not a name that
only points back like 「氏」; and 「…を表敬し、Dと懇談した」 is the talk of a courtesy call, no
meeting (made-up sentences, real GiNZA)."""
import pytest


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("統合幕僚長吉岡真一陸将は10日、米太平洋軍司令官ジョン・スミス海軍大将とテレビ会談を実施した。", "吉岡真一", "統合幕僚長"),
        ("　海上幕僚長海将　川村二郎は10日、インドを訪問し、インド海軍参謀長ラム・シン大将と会談した。", "川村二郎", "海上幕僚長"),
        ("航空幕僚長森田健空将は10日、豪空軍司令官マーク・グリーン空軍中将と会談した。", "森田健", "航空幕僚長"),
    ],
)
def test_extract_post_before_a_ranked_name(facts_of, text, name, title):
    facts = facts_of(text, published="2024-05-11")
    people = {p.name: p for p in facts.people}
    assert name in people and people[name].title.endswith(title), facts.people
    assert len(facts.representations) == 2, facts.representations


@pytest.mark.parametrize(
    "text",
    [
        "山本一郎陸将は11日、国防省を表敬し、ラム・シン国防次官と懇談した。",
        "同日、グリーン大将は、森田健防衛大臣を表敬し、大臣と懇談しました。",
    ],
)
def test_extract_talk_of_a_courtesy_call_is_no_meeting(facts_of, text):
    facts = facts_of(text, published="2024-05-12")
    assert not facts.representations, facts.representations


# A table row written 「POST　RANK　姓　名」: one blank between surname and given name ending the
# row (government pages set names that way); the two are one name, not a surname only.
SPACED_NAME_PAGES = [
    (
        "日加参謀総長等テレビ会談の実施について\n\n１　概要\n　統合幕僚長は、カナダ国防参謀総長とテレビ会談を実施した。\n"
        "２　参加者\n　統合幕僚長　　　　陸将　森下　健一\n　カナダ国防参謀総長　陸軍大将　ピーター・ハリス\n"
        "３　成果\n　両者は、北極圏における協力を深めることで一致した。\n",
        "森下健一",
    ),
    (
        "日比海軍種トップ会談\n\n１　概要\n　海上幕僚長は、フィリピン海軍司令官と会談を実施した。\n"
        "２　参加者\n　海上幕僚長　　海将　川原　修\n　フィリピン海軍司令官　海軍中将　ホセ・レイエス\n"
        "３　成果\n　両者は、共同訓練の拡充について確認した。\n",
        "川原修",
    ),
]


@pytest.mark.parametrize("page, name", SPACED_NAME_PAGES)
def test_extract_post_rank_then_spaced_name_in_a_table_row(facts_of_page, page, name):
    facts = facts_of_page(page, published="2030-02-02")
    names = {p.name for p in facts.people}
    assert name in names and name[:2] not in names, names


@pytest.mark.parametrize(
    "text, name, country",
    [
        # 「比国」「露国」「仏国」: a one-kanji country form with 国 (one word to the tagger) before a post
        ("統合幕僚長は同日、比国海軍司令官ホセ・レイエス中将と会談した。", "ホセ・レイエス", "PH"),
        ("統合幕僚長は同日、露国軍参謀総長イワン・ペトロフ上級大将と電話会談を行った。", "イワン・ペトロフ", "RU"),
        # (and 「比国防相」 still reads 比 + 国防相)
        ("山田一郎防衛大臣は同日、比国防相のホセ・クルス氏と会談した。", "ホセ・クルス", "PH"),
    ],
)
def test_extract_country_form_with_koku_before_a_post(facts_of, text, name, country):
    facts = facts_of(text, published="2030-03-03")
    people = {p.name: p.country for p in facts.people}
    assert people.get(name) == country, people
