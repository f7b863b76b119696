"""A search excerpt cut inside a polite ending (「…とテレビ会談をしま」) is read in the page's
reporting tense: completed in the past when the page before it reports in the past, left alone
otherwise. Made-up pages."""
from __future__ import annotations

import pytest

from conftest import reps_of
from kg.normalise import complete_cut_ending

PAST = "5月2日、山田太郎防衛大臣は、カナダのアン・ミラー国防大臣と会談を行いました。"
PLANNED = "山田太郎防衛大臣は、来週カナダを訪問する予定です。現地では国防大臣と会談します。"


@pytest.mark.parametrize("text, page_before, expected", [
    ("9日、A大臣はB大臣とテレビ会談をしま", PAST, "9日、A大臣はB大臣とテレビ会談をした"),
    ("9日、A大臣はB大臣と会談を行いま", PAST, "9日、A大臣はB大臣と会談を行いた"),
    ("9日、A大臣はB大臣と会談を行いまし", PAST, "9日、A大臣はB大臣と会談を行いた。"),
    ("9日、A大臣はB大臣とテレビ会談をしま\n", PAST, "9日、A大臣はB大臣とテレビ会談をした\n"),
    # the page reports what is to come: the cut ending may be 「します」
    ("9日、A大臣はB大臣とテレビ会談をしま", PLANNED, "9日、A大臣はB大臣とテレビ会談をしま"),
    # the page before has no polite predicate to take the tense from
    ("9日、A大臣はB大臣とテレビ会談をしま", "大臣の動静", "9日、A大臣はB大臣とテレビ会談をしま"),
    # not a cut polite ending: a word ending in ま, a cut inside the stem
    ("9日、A大臣はB大臣と島を訪れ、いま", PAST, "9日、A大臣はB大臣と島を訪れ、いま"),
    ("9日、A大臣はB大臣と会談を行", PAST, "9日、A大臣はB大臣と会談を行"),
    ("9日、A大臣はB大臣と会談しました", PAST, "9日、A大臣はB大臣と会談しました"),
])
def test_normalise_cut_polite_ending(text, page_before, expected):
    completed = complete_cut_ending(text, page_before)
    assert completed == expected
    assert len(completed) == len(text)


@pytest.mark.parametrize("page, expected", [
    # a listing page in the past whose last item the excerpt cut inside its ending: the partner is found
    ("大臣の動静\n" + PAST + "\n9日、山田太郎防衛大臣は、フランスのピエール・ルロワ軍事大臣とテレビ会談をしま\n",
     {("ピエール・ルロワ", "FR"), ("山田太郎", "JP"), ("アン・ミラー", "CA")}),
    # the same cut item on a page that announces what is to come stays unreported
    ("大臣の予定\n" + PLANNED + "\n9日、山田太郎防衛大臣は、フランスのピエール・ルロワ軍事大臣とテレビ会談をしま\n",
     set()),
])
def test_extract_cut_excerpt_item_in_the_page_tense(facts_of_page, page, expected):
    assert {(person, side) for person, side, _ in reps_of(facts_of_page(page, published="2024-05-10"))} == expected
