"""Our components and the extractor do work proportional to the length of a block.

Timings belong in benchmarks (``benchmarks/bench_length.py``); this counts instead: the
function calls (Python and spaCy's, generator steps included) that ``kg_syntax``,
``kg_domain`` and ``extract_facts`` make on one-line articles of 2 KB and 8 KB. Counts are deterministic, so
the test is not noisy. Work that grows with the square of the length (reading
``Doc.text`` per chunk, a pass over every mention per sentence) makes the calls per token
at 8 KB several times those at 2 KB; linear work keeps them about equal.
"""
from __future__ import annotations

import cProfile
import pstats

import pytest

from benchmarks.bench_length import one_line_article
from kg.cache import BuildCache
from kg.components import COMPONENT_NAME
from kg.extract import extract_facts
from kg.nlp import PIPELINE_VERSION
from kg.syntax import COMPONENT_NAME as SYNTAX_COMPONENT

SMALL_KB, LARGE_KB = 2, 8
# Growth allowed in calls per token from 2 KB to 8 KB; a quadratic stage gives ≈ 4.
MAX_GROWTH = 1.3


def _parsed(nlp, article):
    """GiNZA's parse of the article's one block (cached across test runs), without kg_domain."""
    from tests.conftest import TEST_CACHE

    cache = BuildCache(TEST_CACHE / "length-scaling", PIPELINE_VERSION)
    doc = cache.load_doc(article.text, nlp)
    if doc is None:
        doc = nlp(article.text)
        cache.store_doc(article.text, doc)
    return doc


def _calls(work) -> int:
    """Function calls made by ``work()`` (second run: first-use caches filled)."""
    work()
    profiler = cProfile.Profile()
    profiler.runcall(work)
    return sum(calls for _, calls, _, _, _ in pstats.Stats(profiler).stats.values())


@pytest.fixture(scope="module")
def articles(nlp):
    """(article, parsed doc) for the small and the large one-line article."""
    domain = nlp.get_pipe(COMPONENT_NAME)
    pairs = []
    for size in (SMALL_KB, LARGE_KB):
        article = one_line_article(size)
        pairs.append((article, domain(_parsed(nlp, article))))
    return pairs


@pytest.mark.parametrize("stage", [SYNTAX_COMPONENT, COMPONENT_NAME, "extract_facts"])
def test_nlp_length_scaling_calls_per_token_stay_flat(nlp, articles, stage):
    per_token = []
    for article, doc in articles:
        # kg_syntax again on its own output: it checks the same brackets and clauses
        work = (lambda: extract_facts(article, [doc])) if stage == "extract_facts" else (lambda: nlp.get_pipe(stage)(doc))
        per_token.append(_calls(work) / len(doc))
    (small_article, small_doc), (large_article, large_doc) = articles
    assert len(large_doc) > 3.5 * len(small_doc)  # the sizes really differ by about 4×
    assert extract_facts(large_article, [large_doc]).representations  # the articles hold facts to find
    growth = per_token[1] / per_token[0]
    assert growth < MAX_GROWTH, f"{stage}: calls per token ×{growth:.2f} from {SMALL_KB} KB to {LARGE_KB} KB"
