"""「AはBと…会談を行い」 after a wider meeting is in focus: when A and B are two of its
parties (fewer than all), the bare talk word is talks of their own, not the wider meeting
again; with the same parties it is still the meeting in focus. Made-up sentences."""
from __future__ import annotations

import pytest

TRILATERAL = "6月4日、山田総理は、第5回日中韓サミット等に出席しました。\n総理は、午前、首相官邸で中国の王小明国務院総理と韓国の朴正民大統領と共に日中韓サミットに出席しました。その後、3首脳は共同記者発表を行いました。\n"

CASES = [
    (TRILATERAL + "昼には、総理は、朴韓国大統領と首相官邸で会談を行いました。\n午後には、総理は、王中国国務院総理と迎賓館で会談を行いました。",
     {("山田", "JP", "日中韓首脳会議"), ("王小明", "CN", "日中韓首脳会議"), ("朴正民", "KR", "日中韓首脳会議"),
      ("山田", "JP", "日韓首脳会談"), ("朴正民", "KR", "日韓首脳会談"),
      ("山田", "JP", "日中首脳会談"), ("王小明", "CN", "日中首脳会談")}),
    ("3月2日、米国のジョン・ドウ大統領、韓国の李成民大統領と佐藤花子総理は日米韓首脳会議を開いた。\n"
     "会議の後、佐藤総理は、李韓国大統領と同じホテルで会談を行いました。",
     {("佐藤花子", "JP", "日米韓首脳会議"), ("ジョン・ドウ", "US", "日米韓首脳会議"), ("李成民", "KR", "日米韓首脳会議"),
      ("佐藤花子", "JP", "日韓首脳会談"), ("李成民", "KR", "日韓首脳会談")}),
    # a bare 会談 refers back to a meeting named before only if the people are of its parties
    ("6月4日、山田総理は、第5回日中韓サミット、日韓首脳会談及び日中首脳会談等に出席しました。\n"
     "総理は、午前、首相官邸で中国の李明哲国務院総理と韓国の朴正民大統領と共に日中韓サミットに出席しました。\n"
     "昼には、総理は、朴韓国大統領と首相官邸で会談を行いました。\n"
     "午後には、総理は、李中国国務院総理と迎賓館で歓迎行事に続き会談を行い、その後、共同記者発表を行いました。",
     {("山田", "JP", "日中韓首脳会議"), ("李明哲", "CN", "日中韓首脳会議"), ("朴正民", "KR", "日中韓首脳会議"),
      ("山田", "JP", "日韓首脳会談"), ("朴正民", "KR", "日韓首脳会談"),
      ("山田", "JP", "日中首脳会談"), ("李明哲", "CN", "日中首脳会談")}),
    ("2日、佐藤外務大臣は日米外相会談及び日豪外相会談に臨んだ。\n"
     "佐藤大臣は、まず米国のジョン・ドウ国務長官と会談を行った。\n"
     "続いて、大臣は、オーストラリアのアン・ミラー外務大臣と会談を行った。",
     {("佐藤", "JP", "日米外相会談"), ("ジョン・ドウ", "US", "日米外相会談"),
      ("佐藤", "JP", "日豪外相会談"), ("アン・ミラー", "AU", "日豪外相会談")}),
    # the same two parties: the meeting in focus
    ("5日、山田一郎首相は韓国の朴正民大統領と日韓首脳会談に臨んだ。\n首相は朴大統領と首相官邸で会談を行い、協力を確認した。",
     {("山田一郎", "JP", "日韓首脳会談"), ("朴正民", "KR", "日韓首脳会談")}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_talks_within_meeting_are_their_own(facts_of, text, expected):
    from conftest import reps_of

    assert reps_of(facts_of(text, published="2024-06-10")) == expected
