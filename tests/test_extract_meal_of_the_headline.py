"""A page whose headline names a meal with its guests (「A副大臣と各国大使との昼食会」), the body
telling it (「…各国の駐日大使等との昼食会を主催し」) and a roster under it, with no meeting around the
meal: the meal is the meeting the page reports (made-up pages, real GiNZA)."""
import pytest
from conftest import reps_of

PAGES = [
    ("森川外務副大臣と中南米諸国の駐日大使との昼食会\n　５月９日正午から，森川一郎外務副大臣は，飯倉公館において，中南米諸国の駐日大使等との昼食会を主催し，経済関係について意見交換を行いました。\n"
     "【出席者】\nペルー：ルイス・ソト駐日ペルー大使\nチリ：アナ・ロハス駐日チリ大使\n（日本側）森川副大臣\n",
     {("ルイス・ソト", "PE"), ("アナ・ロハス", "CL"), ("森川一郎", "JP")}),
    ("川井外務大臣政務官とASEAN各国大使とのワーキング・ランチ\n　３月２日，川井二郎外務大臣政務官は，ASEAN各国の駐日大使とのワーキング・ランチを主催しました。\n"
     "【出席者】\nタイ：ソムチャイ・ウォン駐日タイ大使\nベトナム：グエン・ヴァン・ナム駐日ベトナム大使\n（日本側）川井政務官\n",
     {("ソムチャイ・ウォン", "TH"), ("グエン・ヴァン・ナム", "VN"), ("川井二郎", "JP")}),
]


@pytest.mark.parametrize("page, want", PAGES)
def test_extract_meal_of_the_headline(facts_of_page, page, want):
    facts = facts_of_page(page, published="2024-05-10")
    assert {(name, side) for name, side, _ in reps_of(facts)} == want
