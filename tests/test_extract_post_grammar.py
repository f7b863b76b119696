"""Posts read by their grammar ([modifier]* HEAD, kg/data/post_grammar.tsv), on made-up
sentences (real GiNZA, the domain component)."""
import pytest


def _people(nlp, text):
    doc = nlp(text)
    return {m.name: m for m in doc._.kg_mentions if m.label == "PERSON"}


@pytest.mark.parametrize(
    "text, name, title, country",
    [
        # a region word the tokenizer cuts in pieces (大洋 + 州) is part of the bureau, not the name
        ("北京訪問中の森田健一アジア大洋州局長は、先方と協議した。", "森田健一", "アジア大洋州局長", None),
        ("上田誠二アジア大洋州局長は、ソウルで記者団に語った。", "上田誠二", "アジア大洋州局長", None),
        ("小川智之北米局長と会談した。", "小川智之", "北米局長", None),
        # a family name Sudachi tags as a place, right before a given name, is a name
        ("原田親仁政府代表は、モスクワで協議した。", "原田親仁", "政府代表", None),
        # shortened posts stand for the full post (統幕長 = 統合幕僚長), a post only Japan has
        ("河野統幕長は、来日した米軍幹部と会談した。", "河野", "統幕長", "JP"),
        ("山崎陸幕長が視察した。", "山崎", "陸幕長", "JP"),
        # a country inside a portfolio is what the post deals with, not whom it serves
        ("ソン・キム北朝鮮政策担当特別代表は、ソウルに到着した。", "ソン・キム", "北朝鮮政策担当特別代表", None),
        ("ジョン・ドウ・イラン問題担当特使が協議した。", "ジョン・ドウ", "イラン問題担当特使", None),
        ("ジョン・ドウ米国イラン担当特使が協議した。", "ジョン・ドウ", "イラン担当特使", "US"),
        # a name ending in a kanji that is also a one-character country form is not cut
        ("高米中国大使は、外相と会談した。", "高米", "大使", "CN"),
        ("李明英韓国外交部長官は、記者会見を開いた。", "李明英", "外交部長官", "KR"),
        # 駐 opens a post and names its station, not the holder's country, nor the end of a name
        ("大川修駐チリ大使が同席した。", "大川修", "駐チリ大使", None),
        ("ジョン・スミス駐日米国大使が出席した。", "ジョン・スミス", "駐日米国大使", "US"),
        # a name in katakana ends at the first kanji word: a portfolio joined by 「・」 opens the post
        ("米国防総省のトム・ベイカー核・ミサイル防衛政策担当国防次官補代理が出席した。",
         "トム・ベイカー", "核・ミサイル防衛政策担当国防次官補代理", None),
        ("アン・ミラー海洋・宇宙政策担当国務次官補が出席した。", "アン・ミラー", "海洋・宇宙政策担当国務次官補", "US"),
    ],
)
def test_post_grammar_names_and_posts(nlp, text, name, title, country):
    people = _people(nlp, text)
    assert name in people, sorted(people)
    assert people[name].title == title
    assert people[name].country == country


@pytest.mark.parametrize(
    "text, name, kind",
    [
        # 「…代表」 after a modifier is a representative of a government, not a party leader
        ("原田親仁政府代表は、モスクワで協議した。", "原田親仁", "diplomat"),
        ("ジョン・スミス国連常駐代表は、演説した。", "ジョン・スミス", "diplomat"),
        ("山田一郎立憲民主党代表は、記者団に語った。", "山田一郎", "legislator"),
        ("河野統幕長は、来日した米軍幹部と会談した。", "河野", "military"),
    ],
)
def test_post_grammar_head_kind(nlp, text, name, kind):
    people = _people(nlp, text)
    assert people[name].title_kind == kind


@pytest.mark.parametrize(
    "text, name, title",
    [
        # a roster's post first, then a rank, then the name, apart by (full-width) spaces
        ("日本：陸上幕僚長　陸将　西田大輔", "西田大輔", "陸上幕僚長"),
        ("英国：国防参謀長　空軍大将　デビッド・ムーア", "デビッド・ムーア", "国防参謀長"),
        ("韓国：合同参謀本部議長 陸軍大将 朴成浩", "朴成浩", "合同参謀本部議長"),
        ("豪州：国防軍司令官 空軍大将 マーク・テイラー、国防次官　ジェーン・リー", "ジェーン・リー", "国防次官"),
        # a post, then its holder's name and rank in brackets
        ("海幕長（田中一郎海将）は、来日した仏海軍参謀長と会談した。", "田中一郎", "海幕長"),
        ("空幕長（森本健二空将）が視察した。", "森本健二", "空幕長"),
        # cells of a table row apart by tabs: label, post, name
        ("日本\t防衛政策局長\t山田太郎\t米国\t国防次官補\tジョン・ドウ", "ジョン・ドウ", "国防次官補"),
        ("日本\t防衛政策局長\t山田太郎\t米国\t国防次官補\tジョン・ドウ", "山田太郎", "防衛政策局長"),
        # 副主任 heads a post after a bureau
        ("中国側から、王小明国防部国際軍事協力弁公室副主任が出席した。", "王小明", "国防部国際軍事協力弁公室副主任"),
    ],
)
def test_post_grammar_post_rank_name(nlp, text, name, title):
    people = _people(nlp, text)
    assert name in people, sorted(people)
    assert people[name].title == title
    assert not any(_rank_only(n) for n in people)  # a rank is never a name


def _rank_only(name):
    from kg.components import _is_rank

    return _is_rank(name)
