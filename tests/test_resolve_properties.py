"""kg.resolve properties on generated corpora (hypothesis): the output never depends on the
order of the articles or of the mentions inside them, and every slug is unique."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.records import Article, DocumentFacts, Evidence, MeetingMention, PersonMention, RepresentationFact
from kg.resolve import resolve

# Small pools so that generated articles collide: shared full names, bare surnames, kanji
# and katakana pairs, forum spelling variants, dates of different precision.
NAMES = [
    ("ジョー・バイデン", ("バイデン",)), ("バイデン", ()), ("ハンター・バイデン", ()),
    ("キム・テヒョ", ("金泰孝",)), ("金泰孝", ()), ("キム・ホンギュン", ()), ("岸田文雄", ()), ("岸田", ()),
]
FORUMS = [("拡大抑止戦略協議体", "EDSCG"), ("拡張抑止戦略協議体", None), ("韓米首脳会談", None),
          ("米韓首脳会議", None), ("核協議グループ", "NCG"), ("日米首脳会談", None)]
DATES = [None, "2024", "2024-07", "2024-07-11", "2024-07-12", "2023-12-15"]
COUNTRIES = [None, "KR", "US", "JP"]

person_st = st.tuples(st.sampled_from(NAMES), st.sampled_from(COUNTRIES), st.floats(0.1, 1.0))
meeting_st = st.tuples(st.sampled_from(FORUMS), st.sampled_from([None, 1, 2, 5]), st.sampled_from(DATES),
                       st.sampled_from(["held", "planned", "mentioned"]))
article_st = st.tuples(st.lists(person_st, min_size=1, max_size=3), st.lists(meeting_st, min_size=1, max_size=3),
                       st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), st.sampled_from(["KR", "US"])), max_size=4))


def _facts(i: int, spec) -> DocumentFacts:
    people_spec, meeting_spec, rep_spec = spec
    doc = f"{i:03d}"
    ev = Evidence(doc, 0, 2, "本文")
    people = tuple(
        PersonMention(key=f"p{j}", name=n, aliases=a, country=c, confidence=conf, evidence=(ev,))
        for j, ((n, a), c, conf) in enumerate(people_spec)
    )
    meetings = tuple(
        MeetingMention(key=f"m{j}", forum=f, acronym=acr, ordinal=o, date=d, status=status, evidence=(ev,))
        for j, ((f, acr), o, d, status) in enumerate(meeting_spec)
    )
    reps = tuple(
        RepresentationFact(person=f"p{p % len(people)}", meeting=f"m{m % len(meetings)}", side=side, evidence=(ev,))
        for p, m, side in rep_spec
    )
    article = Article(doc_id=doc, path=f"{doc}.txt", text="本文", body=((0, 2),))
    return DocumentFacts(article=article, people=people, meetings=meetings, representations=reps)


@settings(max_examples=60, deadline=None)
@given(st.lists(article_st, min_size=1, max_size=5), st.randoms(use_true_random=False))
def test_resolve_output_is_independent_of_input_order(articles, rng: random.Random):
    corpus = [_facts(i, spec) for i, spec in enumerate(articles)]
    shuffled = []
    for f in corpus:
        people, meetings, reps = list(f.people), list(f.meetings), list(f.representations)
        for seq in (people, meetings, reps):
            rng.shuffle(seq)
        shuffled.append(DocumentFacts(f.article, tuple(people), f.institutions, tuple(meetings), tuple(reps)))
    rng.shuffle(shuffled)
    assert resolve(shuffled) == resolve(corpus)


@settings(max_examples=60, deadline=None)
@given(st.lists(article_st, min_size=1, max_size=5))
def test_resolve_slugs_are_unique_and_links_resolve(articles):
    graph = resolve([_facts(i, spec) for i, spec in enumerate(articles)])
    for records in (graph.people, graph.forums, graph.meetings, graph.representations):
        slugs = [r.slug for r in records]
        assert len(slugs) == len(set(slugs)) and slugs == sorted(slugs)
    people, meetings = {p.slug for p in graph.people}, {m.slug for m in graph.meetings}
    forums = {f.slug for f in graph.forums}
    assert all(m.forum in forums for m in graph.meetings)
    assert all(r.person in people and r.meeting in meetings for r in graph.representations)
