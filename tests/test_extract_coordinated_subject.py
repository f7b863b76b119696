"""「AとBは、CとDと…会合を行った」: the conjuncts of a は/が subject that faces a partner
group marked with と (or invited: 「CとDを迎え」) are one side; a mate whose side is known gives it to the others (a
second minister whose side nobody wrote is not put on the partner's side by elimination).
A list whose conjuncts each carry their own country written
before them without の (「日本国A大臣、大韓民国B長官及び…」) is one list too. Made-up sentences."""
from __future__ import annotations

import pytest

CASES = [
    ("10月3日,東京にて,山川外務大臣と森田防衛大臣はスミス外務大臣及びジョーンズ国防大臣と第3回日英外務・防衛閣僚会合を行った。",
     {("山川", "JP"), ("森田", "JP"), ("スミス", "GB"), ("ジョーンズ", "GB")}),
    ("2日,キャンベラにて,佐藤外務大臣と高木防衛大臣は,ブラウン外務大臣及びテイラー国防大臣と第2回日豪外務・防衛閣僚協議を行った。",
     {("佐藤", "JP"), ("高木", "JP"), ("ブラウン", "AU"), ("テイラー", "AU")}),
    # each conjunct with its own country written before it without の (a reading in brackets between)
    ("日本国山川一郎防衛大臣、大韓民国金正秀(キム・ジョンス)国防部長官及びアメリカ合衆国ジョン・ドウ国防長官は、10月9日にバンコクにおいて、"
     "東アジア首脳会議の際に、第5回日米韓防衛相会談を行った。",
     {("山川一郎", "JP"), ("金正秀", "KR"), ("ジョン・ドウ", "US")}),
    ("オーストラリア連邦ジョン・スミス国防大臣、日本国森田健防衛大臣及びインドネシア共和国アフマド・ワヒド国防大臣(Ahmad Wahid)は、"
     "3日、ジャカルタにおいて、第2回日豪インドネシア防衛相会談を開催した。",
     {("ジョン・スミス", "AU"), ("森田健", "JP"), ("アフマド・ワヒド", "ID")}),
    # the partner group invited (「…を迎え」「…を招いて」) faces the subject as well
    ("エミリー・クラーク外務大臣およびジェームズ・ホール国防大臣は本日、ロンドンにおいて、山内誠外務大臣、石田剛防衛大臣を迎え、"
     "第3回日英外務・防衛閣僚会合を主催しました。",
     {("エミリー・クラーク", "GB"), ("ジェームズ・ホール", "GB"), ("山内誠", "JP"), ("石田剛", "JP")}),
    ("ソフィー・ルノー外務大臣とピエール・ガルニエ国防大臣は本日、パリにおいて、原田光外務大臣と杉本翼防衛大臣を招いて、"
     "第2回日仏外務・防衛閣僚会合を開催しました。",
     {("ソフィー・ルノー", "FR"), ("ピエール・ガルニエ", "FR"), ("原田光", "JP"), ("杉本翼", "JP")}),
    # the partner is no person but a party named by its country or institution (「…の高官と」):
    # the subject's conjuncts are still one side (a post that says no country follows its mate)
    ("米国務省のトム・グレイ国務次官補とジョン・ベル国防次官補は、4日、ワシントンで日本の防衛省の代表団と日米防衛当局協議を開いた。",
     {("トム・グレイ", "US"), ("ジョン・ベル", "US")}),
    ("豪外務省のアン・リー局長とマーク・ホワイト国防省次官補は、8日、キャンベラで日本政府の代表団と日豪次官級協議を行った。",
     {("アン・リー", "AU"), ("マーク・ホワイト", "AU")}),
    # a subject pair of two countries without a partner group keeps each its own side
    ("5日,ワシントンにて,山田一郎首相とジョン・ドウ米大統領は日米首脳会談を行った。",
     {("山田一郎", "JP"), ("ジョン・ドウ", "US")}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_coordinated_subject_is_one_side(facts_of, text, expected):
    facts = facts_of(text, published="2024-06-01")
    people = {p.key: p.name for p in facts.people}
    assert {(people[r.person], r.side) for r in facts.representations} == expected
