"""kg.extract: people merged within an article — short forms, readings, countries."""
from __future__ import annotations

import pytest


def _person(facts, name):
    found = [p for p in facts.people if p.name == name]
    assert len(found) == 1, [p.name for p in facts.people]
    return found[0]


@pytest.mark.parametrize(
    "text, name, aliases, short_forms, country",
    [
        (
            "外交部の李在雄(イ・ジェウン)第1次官が出席した。\n李次官は記者会見で「成果があった」と述べた。",
            "李在雄", ("イ・ジェウン",), ("李",), "KR",
        ),
        (
            "国家安保室のパク・ミンス第1次長は説明した。\nパク次長は「協力を続ける」と話した。",
            "パク・ミンス", (), ("パク",), "KR",
        ),
        (  # the short form comes first, the full name later
            "プラウド大統領は18日に訪問する。\nエドワード・プラウド英大統領は声明を出した。",
            "エドワード・プラウド", ("プラウド",), ("プラウド",), "GB",
        ),
        (  # 氏 back-references resolve to the person, never create one
            "山田一郎外相は東京でマイケル・ブラウン米国務長官と会談した。\nブラウン氏は「同盟は強固だ」と述べた。",
            "マイケル・ブラウン", (), ("ブラウン",), "US",
        ),
    ],
)
def test_extract_people_short_forms_and_readings(facts_of, text, name, aliases, short_forms, country):
    facts = facts_of(text, "2024-06-18")
    person = _person(facts, name)
    assert person.aliases == aliases
    assert person.short_forms == short_forms
    assert person.country == country


def test_extract_people_unresolved_honorific_is_dropped(facts_of):
    facts = facts_of("佐藤氏は「よかった」と話した。", "2024-06-18")
    assert facts.people == ()


@pytest.mark.parametrize(
    "text, name, official, country",
    [
        ("漢江研究所のチェ・ミナ首席研究委員は指摘した。", "チェ・ミナ", False, None),
        ("トラスト前大統領は在任当時に否定的だった。", "トラスト", False, None),
        ("中国外務省の陳明報道官は反発した。", "陳明", True, "CN"),
        ("韓国のキム・ソンミン大統領は述べた。", "キム・ソンミン", True, "KR"),
        ("国防部のイ・ハヌル報道官は述べた。", "イ・ハヌル", True, "KR"),
    ],
)
def test_extract_people_officials_and_countries(facts_of, text, name, official, country):
    person = _person(facts_of(text, "2024-06-18"), name)
    assert person.is_official is official
    assert person.country == country


def test_extract_people_country_by_elimination_at_a_trilateral_meeting(facts_of):
    text = "山田一郎首相とジョン・ドウ米大統領、韓国の朴大成大統領は18日、日米韓首脳会議を開いた。"
    facts = facts_of(text, "2023-08-19")
    sides = {p.name: p.country for p in facts.people}
    assert sides == {"山田一郎": "JP", "ジョン・ドウ": "US", "朴大成": "KR"}
    assert {r.side for r in facts.representations} == {"JP", "US", "KR"}


def test_extract_people_title_in_apposition_before_a_san_name(facts_of):
    facts = facts_of("米国務省報道官のマーク・ブラウン氏は12日の記者会見で述べた。", "2024-06-13")
    person = _person(facts, "マーク・ブラウン")
    assert (person.title, person.country, person.is_official) == ("国務省報道官", "US", True)


@pytest.mark.parametrize(
    "text, published, name, country",
    [
        # a known official written with no country: the reference list (kg/data) fills it
        ("崔善姫外相は平壌で会談した。", "2024-06-18", "崔善姫", "KP"),
        ("ラブロフ外相は記者会見で述べた。", "2024-06-18", "ラブロフ", "RU"),
        # a country written in the article always wins
        ("中国のラブロフ外相は述べた。", "2024-06-18", "ラブロフ", "CN"),
        # the post must be one the official held: a surname alone names many people
        ("ラブロフ大統領は述べた。", "2024-06-18", "ラブロフ", None),
    ],
)
def test_extract_people_country_from_the_reference_list(facts_of, text, published, name, country):
    assert _person(facts_of(text, published), name).country == country
