"""「翌N日」 counts from the story's day, not back from publication: the N-th after the day
last narrated, in its month or the next. Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, published, forum, date", [
    ("5月10日、東京において第3回日加安保対話が開催された。翌11日には、同じく東京において日加海洋協議が開催され、森田局長が出席した。",
     "2027-05-12", "日加海洋協議", "2027-05-11"),
    ("5月31日、オタワにおいて日加安保対話が開催された。翌1日には、同じくオタワにおいて日加海洋協議が開催された。",
     "2027-06-03", "日加海洋協議", "2027-06-01"),
])
def test_extract_following_day(facts_of, text, published, forum, date):
    meetings = {m.forum: m for m in facts_of(text, published=published).meetings}
    assert meetings[forum].date == date
