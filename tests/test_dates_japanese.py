"""kg.dates: general rules of Japanese date writing — era years, full-width and kanji
numerals, day ranges — and offsets that stay those of the raw text."""
from __future__ import annotations

import pytest

from kg.dates import explicit_year, find_dates, number, resolve

ERA_DATES = [
    # (text, published, expected): 令和N年 = 2018+N, 平成N年 = 1988+N, 昭和N年 = 1925+N, 元年 = 1
    ("平成30年5月9日", "2018-06-01", "2018-05-09"),  # not 1930: the two-digit-year rule must not fire
    ("平成30年5月9日", None, "2018-05-09"),
    ("平成元年", None, "1989"),
    ("平成元年1月8日", None, "1989-01-08"),
    ("令和元年5月1日", None, "2019-05-01"),
    ("令和6年7月", "2024-08-01", "2024-07"),
    ("令和7年", None, "2025"),
    ("昭和64年1月7日", None, "1989-01-07"),
    ("昭和20年8月15日", "2024-08-15", "1945-08-15"),
    ("大正12年9月1日", None, "1923-09-01"),
    ("平成27年度", None, "2015"),
    ("平成３０年５月９日", None, "2018-05-09"),  # full-width digits
    ("平成三十年五月九日", None, "2018-05-09"),  # kanji numerals
    ("令和二年", None, "2020"),
    ("令和元年十月二十二日", None, "2019-10-22"),
    ("㍻30年5月9日", None, "2018-05-09"),  # the square era sign
    ("㋿元年", None, "2019"),
]


@pytest.mark.parametrize(("text", "published", "expected"), ERA_DATES)
def test_dates_era(text, published, expected):
    assert resolve(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("平成28年9月の会談", 2016), ("令和元年の", 2019), ("平成30年5月", 2018), ("昭和六十年", 1985),
     ("2016年10月", 2016), ("30年ぶり", None)],
)
def test_dates_explicit_year_of_era(text, expected):
    assert explicit_year(text) == expected


KANJI_AND_FULL_WIDTH = [
    ("十一月三日", "2024-11-10", "2024-11-03"),
    ("三月三十一日", "2024-04-02", "2024-03-31"),
    ("二〇二四年十月", None, "2024-10"),
    ("二〇二三年十二月十五日", None, "2023-12-15"),
    ("２０２３年１２月１５日", None, "2023-12-15"),
    ("１５日", "2023-12-16", "2023-12-15"),
]


@pytest.mark.parametrize(("text", "published", "expected"), KANJI_AND_FULL_WIDTH)
def test_dates_kanji_and_full_width_numerals(text, published, expected):
    assert resolve(text, published) == expected


@pytest.mark.parametrize("text", ["一日も早く", "三日間の日程", "五月雨", "十十日", "二十日鼠", "三十年来", "十月十日間"])
def test_dates_kanji_counts_are_not_dates(text):
    # a kanji day needs a kanji month before it; a kanji month needs an era year or a kanji day
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("三", 3), ("十", 10), ("十一", 11), ("二十", 20), ("三十一", 31), ("二〇", 20), ("元", 1), ("３０", 30), ("7", 7)],
)
def test_dates_number(text, expected):
    assert number(text) == expected


RANGES = [
    # (text, published, first day): one expression, resolved to its first day
    ("3月4日から6日まで", "2024-03-10", "2024-03-04"),
    ("3月4日から6日", "2024-03-10", "2024-03-04"),
    ("4日～6日", "2024-03-10", "2024-03-04"),
    ("4日〜6日", "2024-03-10", "2024-03-04"),
    ("4-6日", "2024-03-10", "2024-03-04"),
    ("4~6日", "2024-03-10", "2024-03-04"),
    ("４日～６日", "2024-03-10", "2024-03-04"),
    ("4・5日", "2024-03-10", "2024-03-04"),
    ("4、5両日", "2024-03-10", "2024-03-04"),
    ("4,5日", "2024-03-10", "2024-03-04"),
    ("11月7，8日", "2024-12-10", "2024-11-07"),
    ("3月30日から4月2日まで", "2024-04-05", "2024-03-30"),
    ("12日から19日", "2024-06-20", "2024-06-12"),
    ("2023年11月7日～8日", None, "2023-11-07"),
]


@pytest.mark.parametrize(("text", "published", "expected"), RANGES)
def test_dates_range_gives_first_day(text, published, expected):
    assert resolve(text, published) == expected
    ((start, end, _),) = find_dates(text)
    assert (start, end) == (0, len(text))  # the range is one date expression


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4日から6日間の日程で", ["4日"]),  # 6日間 is a duration, not the end of a range
        ("4日から訪問している", ["4日"]),
        ("1968年から毎年", ["1968年"]),
        ("4日と6日に会談した", ["4日", "6日"]),
        ("5日から日本を訪れ", ["5日"]),
    ],
)
def test_dates_range_does_not_swallow_the_next_words(text, expected):
    assert [text[s:e] for s, e, _ in find_dates(text)] == expected


OFFSETS = [
    # (raw text, the date as written): characters NFKC turns into two (㍻, ㍿) or composes
    # (ﾃﾞ) around the date must not shift its offsets
    ("㍻の5月9日、ﾃﾞﾓ", "5月9日"),
    ("ｶﾞｲﾄﾞﾗｲﾝ改定後の平成30年5月9日に", "平成30年5月9日"),
    ("㍻30年5月9日、ｿｳﾙで", "㍻30年5月9日"),
    ("ｷﾑ･ﾎﾝｷﾞｭﾝ氏は１５日に", "１５日"),
    ("㍿の会合は4日から6日まで開かれた", "4日から6日まで"),
    ("第Ⅲ回は令和元年十月二十二日", "令和元年十月二十二日"),
]


@pytest.mark.parametrize(("text", "written"), OFFSETS)
def test_dates_offsets_are_into_the_raw_text(text, written):
    (start, end, match) = find_dates(text)[-1]
    assert text[start:end] == written
    assert resolve(text[start:end], "2024-06-01") == resolve(match.group(0), "2024-06-01") is not None
