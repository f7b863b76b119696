"""kg.lexicon: the reference list of officials (kg/data/officials_reference.tsv) and its lookup."""
from __future__ import annotations

import re
from importlib import resources

import pytest

from kg import lexicon
from kg.errors import PipelineError

FIRST_YEAR, LAST_YEAR = 1990, 2026


def _data_lines() -> list[str]:
    text = resources.files("kg").joinpath("data", "officials_reference.tsv").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_lexicon_reference_loads_every_data_line():
    officials = lexicon.known_officials()
    assert len(officials) == len(_data_lines())
    assert len(officials) >= 200  # cabinet-level scope (docs/reference-data.md)


def test_lexicon_reference_rows_have_five_tab_separated_columns():
    bad = [line for line in _data_lines() if line.count("\t") != 4]
    assert bad == []


def test_lexicon_reference_rows_are_well_formed():
    countries = lexicon.countries()
    for official in lexicon.known_officials():
        assert official.name_ja and official.name_ja == official.name_ja.strip(), official
        assert official.country in countries, official
        assert official.qid is None or re.fullmatch(r"Q[1-9][0-9]*", official.qid), official
        assert official.posts, official
        for post, start, end in official.posts:
            assert post and ":" not in post and ";" not in post, official
            assert FIRST_YEAR <= start <= LAST_YEAR, official
            assert end is None or start <= end <= LAST_YEAR, official


def test_lexicon_reference_qids_and_names_are_unique():
    qids = [o.qid for o in lexicon.known_officials() if o.qid]
    assert len(qids) == len(set(qids))
    people = [(o.name_ja, o.country) for o in lexicon.known_officials()]
    assert len(people) == len(set(people))


def test_lexicon_reference_every_post_ends_in_a_known_title():
    """Each post is one the title lexicon recognises (a title core, maybe followed by 代行/代理)."""
    cores = [t for t in lexicon.titles() if len(t) >= 2]
    modifiers = sorted(lexicon.title_modifiers(), key=len, reverse=True)
    unknown = set()
    for official in lexicon.known_officials():
        for post, _, _ in official.posts:
            bare = next((post[: -len(m)] for m in modifiers if post.endswith(m)), post)
            if not any(bare.endswith(core) for core in cores):
                unknown.add(post)
    assert unknown == set()


def test_lexicon_reference_east_asian_names_carry_their_readings():
    """Kanji names of Korean and Chinese officials have a katakana reading among their aliases."""
    katakana = re.compile(r"^[ァ-ヴー・]+$")
    for official in lexicon.known_officials():
        if official.country in {"KR", "KP", "CN"}:
            assert any(katakana.match(a) for a in official.aliases), official
        if official.country == "CN":
            assert any(re.match(r"^[ぁ-ん・]+$", a) for a in official.aliases), official


@pytest.mark.parametrize(
    "spelling, name_ja, country",
    [
        ("李在明", "李在明", "KR"),  # kanji
        ("イ・ジェミョン", "李在明", "KR"),  # katakana reading
        ("イ＝ジェミョン", "李在明", "KR"),  # another separator
        ("李 在明", "李在明", "KR"),  # a space inside
        ("尹錫悦", "尹錫悦", "KR"),
        ("ユン・ソンニョル", "尹錫悦", "KR"),
        ("王毅", "王毅", "CN"),
        ("ワン・イー", "王毅", "CN"),  # pinyin katakana
        ("おう・き", "王毅", "CN"),  # Japanese reading
        ("蔡奇", "蔡奇", "CN"),
        ("リ・ヨンホ", "李容浩", "KP"),  # North Korean 李 read リ
        ("ブリンケン", "アントニー・ブリンケン", "US"),  # western surname only
        ("アントニー・ブリンケン", "アントニー・ブリンケン", "US"),
        ("Antony Blinken", "アントニー・ブリンケン", "US"),  # Latin
        ("ANTONY BLINKEN", "アントニー・ブリンケン", "US"),  # full-width capitals
        ("ﾙﾄﾞﾘｱﾝ", "ジャンイブ・ルドリアン", "FR"),  # half-width katakana
        ("ジャンイブ＝ルドリアン", "ジャンイブ・ルドリアン", "FR"),
        ("ストルテンベルグ", "イェンス・ストルテンベルグ", "NATO"),
        ("グテーレス", "アントニオ・グテーレス", "UN"),
        ("カラス", "カヤ・カラス", "EU"),
        ("石破茂", "石破茂", "JP"),
    ],
)
def test_lexicon_reference_lookup_finds_one_person(spelling, name_ja, country):
    found = lexicon.lookup_official(spelling)
    assert [(o.name_ja, o.country) for o in found] == [(name_ja, country)]


@pytest.mark.parametrize(
    "spelling, expected",
    [
        ("シン", {("マンモハン・シン", "IN"), ("ラジナート・シン", "IN")}),
    ],
)
def test_lexicon_reference_ambiguous_lookup_returns_every_candidate(spelling, expected):
    assert {(o.name_ja, o.country) for o in lexicon.lookup_official(spelling)} == expected


@pytest.mark.parametrize("spelling", ["", " ・ ", "山田一郎", "キム", "金", "大統領"])
def test_lexicon_reference_lookup_of_unlisted_spelling_is_empty(spelling):
    assert lexicon.lookup_official(spelling) == []


@pytest.mark.parametrize(
    "name, year, posts",
    [
        ("王毅", 2020, ("外相", "国務委員")),
        ("王毅", 2024, ("政治局委員", "外相")),
        ("尹錫悦", 2021, ()),
        ("尹錫悦", 2023, ("大統領",)),
        ("ドナルド・トランプ", 2023, ()),
        ("ドナルド・トランプ", 2025, ("大統領",)),
        ("鄭義溶", 2021, ("外相",)),
    ],
)
def test_lexicon_reference_posts_in_a_year(name, year, posts):
    (official,) = lexicon.lookup_official(name)
    assert official.posts_in(year) == posts


@pytest.mark.parametrize(
    "cell",
    ["外相:20xx-2017", "外相", ":2013-2017", "外相:2013-17x"],
)
def test_lexicon_reference_malformed_post_raises_numbered_error(cell):
    with pytest.raises(PipelineError) as err:
        lexicon._official_posts(cell, "山田一郎")
    assert err.value.code == "E220"
    assert cell in str(err.value) or "post" in str(err.value)


def test_lexicon_reference_is_part_of_the_data_hash():
    """Editing the reference list invalidates cached extraction (it is in ``DATA_FILES``)."""
    assert "officials_reference.tsv" in lexicon.DATA_FILES


@pytest.mark.parametrize(
    "country, post",
    [("KR", "大統領"), ("US", "大統領"), ("RU", "大統領"), ("JP", "首相"), ("KR", "首相"), ("GB", "首相"),
     ("CN", "国家主席"), ("US", "国務長官"), ("US", "国防長官")],
)
def test_lexicon_reference_rosters_cover_the_period(country, post):
    # a roster, not a list of answers: every year of 2013-2025 has a listed holder of the post
    years = set()
    for official in lexicon.known_officials():
        if official.country == country:
            for name, start, end in official.posts:
                if name == post:
                    years |= set(range(start or 2013, (end or 2025) + 1))
    assert [y for y in range(2013, 2026) if y not in years] == []
