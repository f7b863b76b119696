"""Resolve Japanese date expressions (「4日」, 「昨年9月」, 「来年6月」) against a publication date.

Results are ISO strings of the precision the text gives: ``YYYY-MM-DD``, ``YYYY-MM`` or
``YYYY``. What cannot be anchored stays ``None`` or coarser; nothing is invented.
"""
from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta
from typing import Optional

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# a kanji number of 1 to 99: 「三」「十一」「二十三」「二〇」 (not 「十十」)
_K = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[〇一二三四五六七八九]{1,2})"
# Era names, square forms (㍻) included; the year before 元年 (year 1) of each.
ERA_BASE_YEARS = {"令和": 2018, "㋿": 2018, "平成": 1988, "㍻": 1988, "昭和": 1925, "㍼": 1925, "大正": 1911, "㍽": 1911}
_ERA = "|".join(ERA_BASE_YEARS)
_DASH = "~〜～\\-－―ー‐"
# One pattern for every form: an optional year part, an optional month part, an optional
# day part. At least one part must be present. A range keeps its first day: 「5~6日」,
# 「4・5日」, 「4、5両日」, 「18,19日」, and with a second 日 「4日～6日」「3月4日から6日まで」.
# Kanji numerals (「十一月三日」, 「平成三十年」, 「二〇二四年」) only where they cannot be a
# count: a year, a month after a year or before a kanji day, a day after a kanji month.
_DAY_BLOCKERS = "(?!本|米|韓|中|間|目|付|前|後|ぶり)"
DATE_PATTERN = re.compile(
    r"(?P<rel_day>一昨日|おととい|昨日|きのう|今日|きょう|本日|明後日|あさって|明日|あす(?=[、,の]))"
    rf"|(?:(?P<era>{_ERA})(?P<era_year>元|\d{{1,2}}|{_K})年"
    r"|(?P<year>\d{4}|[〇一二三四五六七八九]{4})年|(?<!\d)(?P<short_year>\d{2})年(?=\d{1,2}月)"
    r"|(?P<rel_year>昨年|去年|今年|本年|来年|翌年|前年|一昨年|再来年))?"
    rf"(?:(?P<month>\d{{1,2}})月|(?P<kanji_month>{_K})月(?(era)|(?(year)|(?={_K}日{_DAY_BLOCKERS})))"
    r"|(?P<rel_month>先月|今月|来月|翌月|前月))?"
    rf"(?:(?P<day>\d{{1,2}}|(?(kanji_month){_K}|(?!)))(?:[{_DASH}・、,，]\d{{1,2}})?両?日{_DAY_BLOCKERS}"
    rf"(?:\s*(?:[{_DASH}]|から)\s*(?:\d{{1,2}}月)?\d{{1,2}}日{_DAY_BLOCKERS}(?:まで)?)?)?"
)
# The dateline of a photo caption, which says the scene happened then: 「…=2日、ソウル」
# 「…=3日(現地時間)、東京」「…(2031年6月9日撮影)」 (read on NFKC text or raw, either width).
CAPTION_DATELINE = re.compile(
    r"[=＝]\s*(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:[(（]現地時間[)）])?[、,，]"
    r"|[(（]\s*(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日\s*撮影\s*[)）]"
)
_RELATIVE_YEARS = {"昨年": -1, "去年": -1, "前年": -1, "一昨年": -2, "今年": 0, "本年": 0, "来年": 1, "再来年": 2}
_RELATIVE_DAYS = {"一昨日": -2, "おととい": -2, "昨日": -1, "きのう": -1, "今日": 0, "きょう": 0, "本日": 0, "明日": 1, "あす": 1, "明後日": 2, "あさって": 2}
_RELATIVE_MONTHS = {"先月": -1, "前月": -1, "今月": 0, "来月": 1, "翌月": 1}
_PARTS = ("rel_day", "era", "year", "short_year", "rel_year", "month", "kanji_month", "rel_month", "day")


class _Fold(dict):
    """A str.translate table: each character to its NFKC form when that is one character
    (full-width digits and tildes to ASCII), else unchanged, so offsets stay those of the
    raw text."""

    def __missing__(self, char: int) -> int:
        folded = unicodedata.normalize("NFKC", chr(char))
        self[char] = ord(folded) if len(folded) == 1 else char
        return self[char]


_FOLD = _Fold()


def number(text: str) -> int:
    """Arabic or kanji numerals as an int: 「30」, 「３０」, 「三十」, 「二十三」, 「十一」, 「二〇」, 「元」 (1)."""
    text = text.translate(_FOLD)
    if text == "元":
        return 1
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)
    return int("".join(str(_KANJI_DIGITS[c]) for c in text))


def _published(published: Optional[str]) -> Optional[date]:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def find_dates(text: str) -> list[tuple[int, int, re.Match]]:
    """Every date expression in ``text``: (start, end, match), left to right."""
    found = []
    for match in DATE_PATTERN.finditer(text.translate(_FOLD)):
        if match.end() > match.start() and any(match.group(g) for g in _PARTS):
            found.append((match.start(), match.end(), match))
    return found


# The year of the page being read when it has no publication date but its address gives
# one (kg.ingest.url_year: 「…/2030_04.html」): the year of dates that give none, never of
# dates relative to a day (「4日」「先月」「きのう」 stay unanchored). Set by
# :func:`page_year` around one article's extraction.
_PAGE_YEAR: ContextVar[Optional[int]] = ContextVar("page_year", default=None)


@contextmanager
def page_year(year: Optional[int]):
    """Within the block, :func:`resolve` takes ``year`` for dates without a year when it is
    given no publication date."""
    token = _PAGE_YEAR.set(year)
    try:
        yield
    finally:
        _PAGE_YEAR.reset(token)


def resolve(expression: str, published: Optional[str], anchor_year: Optional[int] = None) -> Optional[str]:
    """ISO date of ``expression`` relative to ``published`` (ISO), or None if unanchored.

    ``anchor_year`` is the year most recently named in the same passage; it anchors
    「翌年」 and 「前年」 (which are relative to the story, not to the publication date).

    >>> resolve("4日", "2024-10-05")
    '2024-10-04'
    >>> resolve("昨年9月", "2024-06-18")
    '2023-09'
    >>> with page_year(2030):
    ...     resolve("今年3月", None), resolve("4月13日", None), resolve("13日", None)
    ('2030-03', '2030-04-13', None)
    """
    matches = find_dates(expression.strip())
    if not matches:
        return None
    match = matches[0][2]
    pub = _published(published)
    page = None if pub else _PAGE_YEAR.get()
    if match.group("rel_day"):
        # NHK style 「きのう」「きょう」: days counted from publication
        return (pub + timedelta(days=_RELATIVE_DAYS[match.group("rel_day")])).isoformat() if pub else None
    year = month = day = None
    if match.group("era"):
        year = ERA_BASE_YEARS[match.group("era")] + number(match.group("era_year"))
    elif match.group("year"):
        year = number(match.group("year"))
    elif match.group("short_year"):
        year = _full_year(int(match.group("short_year")), pub)
    elif match.group("rel_year"):
        word = match.group("rel_year")
        if word == "翌年":
            year = anchor_year + 1 if anchor_year else None
        elif word == "前年":
            year = anchor_year - 1 if anchor_year else (pub.year - 1 if pub else None)
        elif pub or page:
            year = (pub.year if pub else page) + _RELATIVE_YEARS[word]
        if year is None:
            return None
    if match.group("month") or match.group("kanji_month"):
        month = number(match.group("month") or match.group("kanji_month"))
        if not 1 <= month <= 12:
            return None
    elif match.group("rel_month"):
        if not pub:
            return None
        year, month = _shift_month(pub.year, pub.month, _RELATIVE_MONTHS[match.group("rel_month")])
    if match.group("day"):
        day = number(match.group("day"))
        if not 1 <= day <= 31:
            return None
    if year is None and month is not None:
        # 「9月」 alone: the most recent September not after publication.
        if anchor_year:
            year = anchor_year
        elif pub:
            year = pub.year if month <= pub.month else pub.year - 1
        elif page:
            year = page  # a page of that year (its address says so)
        else:
            return None
    if month is None and day is not None:
        # 「4日」 alone: that day of the published month, or of the month before when the
        # day is still ahead of the publication day (news reports what already happened).
        if year is not None or not pub:
            return None
        year, month = pub.year, pub.month
        if day > pub.day:
            year, month = _shift_month(year, month, -1)
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


def _full_year(short: int, pub: Optional[date]) -> int:
    """「19年2月」: the latest year ending in those two digits not after the year following
    publication (news writes two-digit years for the recent past)."""
    if pub is None:
        return (2000 if short <= 50 else 1900) + short  # no anchor: a fixed century split, never the clock
    ceiling = pub.year + 1
    year = ceiling - ceiling % 100 + short
    return year if year <= ceiling else year - 100


_ERA_YEAR = re.compile(rf"({_ERA})(元|\d{{1,2}}|{_K})年")


def explicit_year(expression: str) -> Optional[int]:
    """The year written in ``expression`` (「2016年10月」 → 2016, 「平成28年」 → 2016, 「19年2月」 → 2019), if any."""
    normal = unicodedata.normalize("NFKC", expression)
    match = _ERA_YEAR.search(expression.translate(_FOLD))
    if match:
        return ERA_BASE_YEARS[match.group(1)] + number(match.group(2))
    match = re.search(r"(\d{4})年", normal)
    if match:
        return int(match.group(1))
    match = re.search(r"(?<!\d)(\d{2})年(?=\d{1,2}月)", normal)
    return _full_year(int(match.group(1)), None) if match else None


# A line that is nothing but a full date (「2030.05.04」「2030年5月4日(月)」「2030/5/4」): the dateline
# heading of one item of a listing page, which dates the item below it.
_DATE_LINE = re.compile(
    r"\s*((?:19|20)\d{2})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?\s*(?:[(（][^)）]{1,3}[)）])?\s*"
)


def date_line(line: str) -> Optional[str]:
    """The ISO date of a line that is only a date, else None.

    >>> date_line("2030.05.04")
    '2030-05-04'
    >>> date_line("2030年5月4日、東京で") is None
    True
    """
    found = _DATE_LINE.fullmatch(unicodedata.normalize("NFKC", line))
    if not found:
        return None
    try:
        return date(*(int(part) for part in found.groups())).isoformat()
    except ValueError:
        return None


# An English photo caption that dates its scene: 「The two ministers shake hands in Oslo on March 4, 2031.」
# (pages of embassies and agencies keep the caption of their lead photo in English).
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ENGLISH_SCENE_DATE = re.compile(rf"\bon\s+({'|'.join(_MONTHS)})\s+(\d{{1,2}}),\s*((?:19|20)\d{{2}})\b")


def english_scene_date(text: str) -> Optional[str]:
    """The ISO day an English caption gives its scene (「… on March 4, 2031」), when the text
    gives exactly one such day, else None.

    >>> english_scene_date("The two ministers shake hands in Oslo on March 4, 2031. (Photo: pool)")
    '2031-03-04'
    >>> english_scene_date("on May 2, 2024 … on May 3, 2024") is None
    True
    """
    days = set()
    for found in _ENGLISH_SCENE_DATE.finditer(unicodedata.normalize("NFKC", text)):
        try:
            days.add(date(int(found.group(3)), _MONTHS.index(found.group(1)) + 1, int(found.group(2))).isoformat())
        except ValueError:
            continue
    return days.pop() if len(days) == 1 else None
