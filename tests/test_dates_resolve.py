"""kg.dates: Japanese date expressions resolved against the publication date, never invented."""
from __future__ import annotations

import pytest

from kg.dates import explicit_year, find_dates, resolve

CASES = [
    # (expression, published, anchor_year, expected)
    ("4日", "2024-10-05", None, "2024-10-04"),
    ("15日(現地時間)", "2023-12-16", None, "2023-12-15"),
    ("20日", "2024-06-18", None, "2024-05-20"),  # a day ahead of publication: last month
    ("昨年9月", "2024-06-18", None, "2023-09"),
    ("来年6月", "2023-12-16", None, "2024-06"),
    ("先月", "2024-07-12", None, "2024-06"),
    ("今月", "2024-07-12", None, "2024-07"),
    ("2022年9月", "2025-06-10", None, "2022-09"),
    ("2016年10月", None, None, "2016-10"),
    ("2016年", None, None, "2016"),
    ("5~6日", "2025-06-10", None, "2025-06-05"),
    ("18〜19日", "2024-06-18", None, "2024-06-18"),
    ("7月", "2023-12-16", None, "2023-07"),
    ("12月", "2024-06-11", None, "2023-12"),  # a month ahead of publication: last year
    ("翌年6月", "2025-06-10", 2016, "2017-06"),
    ("２０２４年３月１日", None, None, "2024-03-01"),
    ("きのう", "2024-03-01", None, "2024-02-29"),  # NHK style, across a month end
    ("きょう", "2024-03-01", None, "2024-03-01"),
    ("おととい", "2024-03-01", None, "2024-02-28"),
    ("明日", "2024-02-29", None, "2024-03-01"),  # the day after publication
    ("あす、", "2031-12-31", None, "2032-01-01"),
    ("明後日", "2030-06-29", None, "2030-07-01"),
]

UNRESOLVABLE = [
    ("4日", None, None),  # no publication date: a bare day cannot be anchored
    ("翌年6月", "2025-06-10", None),  # 「翌年」 needs the year of the story, not of publication
    ("先月", None, None),
    ("13月", "2024-01-01", None),
    ("日本", "2024-01-01", None),
    ("きのう", None, None),
]


@pytest.mark.parametrize("expression, published, anchor, expected", CASES)
def test_dates_resolve_table(expression, published, anchor, expected):
    assert resolve(expression, published, anchor_year=anchor) == expected


@pytest.mark.parametrize("expression, published, anchor", UNRESOLVABLE)
def test_dates_resolve_unanchored_stays_none(expression, published, anchor):
    assert resolve(expression, published, anchor_year=anchor) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("韓国と米国が4日、11月の選挙を前に協議した", ["4日", "11月"]),
        ("2016年10月の韓米2プラス2対話で", ["2016年10月"]),
        ("日本と米国", []),  # 日 of 日本 is not a day
        ("5~6日に開催された", ["5~6日"]),
    ],
)
def test_dates_find_dates_in_text(text, expected):
    assert [m.group(0) for _, _, m in find_dates(text)] == expected


def test_dates_explicit_year():
    assert explicit_year("2016年10月") == 2016
    assert explicit_year("昨年9月") is None


TWO_DIGIT_YEARS = [
    # (expression, published, expected): news writes 「19年2月」 for 2019
    ("19年2月", "2024-06-01", "2019-02"),
    ("19年2月5日", "2024-06-01", "2019-02-05"),
    ("99年3月", "2024-06-01", "1999-03"),
    ("25年1月", "2024-12-20", "2025-01"),  # the year after publication at most
    ("19年2月", None, "2019-02"),
]


@pytest.mark.parametrize("expression, published, expected", TWO_DIGIT_YEARS)
def test_dates_resolve_two_digit_years(expression, published, expected):
    assert resolve(expression, published) == expected


@pytest.mark.parametrize("text", ["19年ぶりの会談", "在任19年の", "119年2月"])
def test_dates_resolve_two_digit_year_needs_a_month(text):
    assert not any(m.group("short_year") for _, _, m in find_dates(text))


def test_dates_explicit_year_two_digits():
    assert explicit_year("19年2月の会談") == 2019
    assert explicit_year("19年ぶり") is None


# (expression, published, the page's year from its address, expected): the page's year is
# the year of dates without one only when the page has no publication date, and never
# anchors a date relative to a day
PAGE_YEAR_CASES = [
    ("4月13日", None, 2031, "2031-04-13"),
    ("今年3月", None, 2031, "2031-03"),
    ("昨年11月", None, 2031, "2030-11"),
    ("7月", None, 2031, "2031-07"),
    ("13日", None, 2031, None),
    ("先月", None, 2031, None),
    ("きのう", None, 2031, None),
    ("2029年5月", None, 2031, "2029-05"),  # the text's year wins
    ("4月13日", "2030-06-01", 2031, "2030-04-13"),  # the publication date wins
    ("4月13日", None, None, None),
]


@pytest.mark.parametrize(("expression", "published", "year", "expected"), PAGE_YEAR_CASES)
def test_dates_resolve_takes_the_page_year_for_dates_without_one(expression, published, year, expected):
    from kg.dates import page_year

    with page_year(year):
        assert resolve(expression, published) == expected
    assert resolve("4月13日", None) is None  # only inside the block


@pytest.mark.parametrize(("url", "year"), [
    ("https://example.go.jp/j/minister/2031_04.html", 2031),
    ("https://example.go.jp/press/2031/0613a_item.html", 2031),
    ("https://example.org/2030/05/22/123456", 2030),
    ("https://example.org/news/item-2031-05-22", None),  # not a segment of its own
    ("https://example.org/list?year=2031", None),  # the query is no address
    ("https://2031.example.org/item", None),  # nor the host
    ("https://example.org/item/203112345", None),
    (None, None),
])
def test_dates_resolve_the_year_a_page_address_files_it_under(url, year):
    from kg.ingest import url_year

    assert url_year(url) == year
