"""Person linkage never merges what the cannot-link rules keep apart (docs/resolution.md,
People: constraints): tables of made-up officials, none a row of the reference list, each
reported in articles of their own. Two different full names of one surname are two people;
a surname never absorbs a longer different surname (大川 is not 大川原); a bare surname links
only when one person of that surname fits its post and years."""
from __future__ import annotations

import pytest

from kg.resolve import resolve
from test_resolve_entities import facts, person
from test_resolve_linkage import dated

# one report per article: (name, title, country, published); then the groups of articles
# that must be one person each (every article in exactly one group)
CASES = [
    # two full names of one surname, one post, one year: two people, whatever the post says
    ([("谷口一郎", "官房長官", "JP", "2020-05-01"), ("谷口良三", "官房長官", "JP", "2020-06-01")], [{0}, {1}]),
    # ... and a bare surname under that post then fits both: it stays apart
    ([("谷口一郎", "官房長官", "JP", "2020-05-01"), ("谷口良三", "官房長官", "JP", "2020-06-01"),
      ("谷口", "官房長官", "JP", "2020-05-20")], [{0}, {1}, {2}]),
    # a bare surname under the post only one of them held joins that one
    ([("谷口一郎", "官房長官", "JP", "2020-05-01"), ("谷口良三", "駐米大使", "JP", "2020-06-01"),
      ("谷口", "官房長官", "JP", "2020-05-20")], [{0, 2}, {1}]),
    # a bare surname with no post is the one person of that surname, not one of two
    ([("谷口一郎", "官房長官", "JP", "2020-05-01"), ("谷口", None, "JP", "2020-05-20")], [{0, 1}]),
    ([("谷口一郎", "官房長官", "JP", "2020-05-01"), ("谷口良三", "駐米大使", "JP", "2020-06-01"),
      ("谷口", None, "JP", "2020-05-20")], [{0}, {1}, {2}]),
    # a surname that begins a longer surname the corpus writes is another surname, even under
    # the same post and year
    ([("大川原一郎", "防衛大臣", "JP", "2019-03-01"), ("大川", "防衛大臣", "JP", "2019-04-01"),
      ("大川原", "防衛大臣", "JP", "2019-05-01")], [{0, 2}, {1}]),
    ([("大川原一郎", "防衛大臣", "JP", "2019-03-01"), ("大川花子", "外務報道官", "JP", "2019-04-01"),
      ("大川", "外務報道官", "JP", "2019-05-01"), ("大川原", "防衛大臣", "JP", "2019-05-02")], [{0, 3}, {1, 2}]),
    # two full names, the shorter surname a prefix of the longer: two people
    ([("大川原一郎", "防衛大臣", "JP", "2019-03-01"), ("大川一郎", "防衛大臣", "JP", "2019-04-01")], [{0}, {1}]),
    # katakana: a one-part name is not the longer one-part name it begins
    ([("ハンス・ベーカー", "国務次官", "US", "2020-01-10"), ("ベーカーソン", "国務次官", "US", "2020-02-10")], [{0}, {1}]),
    # the same full name twice, two posts of one career: one person
    ([("大川原一郎", "防衛大臣", "JP", "2019-03-01"), ("大川原一郎", "官房長官", "JP", "2021-03-01")], [{0, 1}]),
]


@pytest.mark.parametrize(("reports", "groups"), CASES)
def test_resolve_linkage_constraints_hold(reports, groups):
    corpus = [
        dated(facts(f"d{i}", people=[person("p1", name, title=title, country=country)]), published)
        for i, (name, title, country, published) in enumerate(reports)
    ]
    found = sorted(sorted({int(e.doc_id[1:]) for e in p.evidence})
                   for p in resolve(corpus).people)
    assert found == sorted(sorted(g) for g in groups), [(p.slug, p.titles) for p in resolve(corpus).people]


# in ONE article: (full name, title), (bare surname, title), one person?
IN_ARTICLE = [
    # a minister, then an ambassador of that surname: posts of two kinds, two people
    (("谷口一郎", "官房長官"), ("谷口", "駐米大使"), False),
    # a surname that is a prefix of the full name's: another surname
    (("大川原一郎", "防衛大臣"), ("大川", "外務報道官"), False),
    # the writer's short form of the full name, the same post
    (("谷口一郎", "官房長官"), ("谷口", "長官"), True),
]


@pytest.mark.parametrize(("full", "bare", "same"), IN_ARTICLE)
def test_resolve_linkage_constraints_hold_in_one_article(full, bare, same):
    corpus = [dated(facts("d0", people=[person("p1", full[0], title=full[1], country="JP"),
                                        person("p2", bare[0], title=bare[1], country="JP")]), "2020-05-01")]
    people = resolve(corpus).people
    assert (len(people) == 1) is same, [(p.slug, p.titles) for p in people]
