"""kg.nlp: the pipeline loads once with the domain component; long blocks keep their offsets."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import ginza
import pytest

from kg import nlp as kg_nlp
from kg.components import COMPONENT_NAME
from kg.nlp import MAX_BLOCK_BYTES, PIPELINE_VERSION, load_pipeline, parse_blocks, split_long_text

SENTENCE = "韓国側からは外交部の李在雄第1次官が、米国側からはスミス国務次官が参加した。"


def test_nlp_load_pipeline_is_cached_and_has_the_domain_component(nlp):
    assert load_pipeline() is nlp
    assert nlp.pipe_names[-1] == COMPONENT_NAME
    meta = nlp.get_pipe_meta(COMPONENT_NAME)
    assert "doc._.kg_mentions" in meta.assigns
    assert "token.dep" in meta.requires


def test_nlp_pipeline_version_names_model_code_and_lexicons():
    model, code, data = PIPELINE_VERSION.split("-", 2)[0], PIPELINE_VERSION.split("-")[1], PIPELINE_VERSION.split("-")[2]
    assert model.startswith("ja_ginza+kg")
    assert len(code) == 12 and len(data) == 12
    assert data == kg_nlp.lexicon.data_hash()


@pytest.mark.slow
def test_nlp_parse_blocks_splits_a_block_over_sudachi_limit_and_keeps_offsets(nlp):
    block = "\n".join([SENTENCE] * 460)  # ~52 KB of UTF-8, above Sudachi's 49,149 bytes
    assert len(block.encode("utf-8")) > 50_000
    short = "韓米は4日、第5回拡大抑止戦略協議体(EDSCG)会議を開いた。"
    long_doc, short_doc = parse_blocks(nlp, [block, short])
    assert long_doc.text == block
    assert short_doc.text == short
    # every token and every domain mention sits at its offset in the block text
    for token in list(long_doc)[::97]:
        assert block[token.idx : token.idx + len(token.text)] == token.text
    people = [m for m in long_doc._.kg_mentions if m.label == "PERSON"]
    assert len(people) == 2 * 460
    bunsetu = ginza.bunsetu_spans(long_doc)  # GiNZA's own data is rebuilt on the joined Doc
    assert len(bunsetu) > 460 and bunsetu[-1].end == len(long_doc)
    last = people[-1]
    assert block[last.start : last.end] == last.text == "スミス国務次官"
    assert last.start > MAX_BLOCK_BYTES // 3  # it comes from a later piece, shifted right


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="あ漢字。\n、A", min_size=0, max_size=400), st.integers(min_value=4, max_value=60))
def test_nlp_split_long_text_pieces_join_back_and_fit(text, limit):
    pieces = split_long_text(text, max_bytes=limit)
    assert "".join(pieces) == text
    assert all(len(p.encode("utf-8")) <= limit for p in pieces)


def test_nlp_parse_blocks_streams_texts_in_small_batches(nlp):
    """Docs come out while the input is still being read: at most a batch (and the
    pieces of one text) is held, not every piece of every text at once."""
    from kg.nlp import PIPE_BATCH_SIZE, iter_parsed_blocks

    texts = [f"日米両政府は{i % 28 + 1}日、東京で協議を開いた。" for i in range(3 * PIPE_BATCH_SIZE)]
    pulled: list[int] = []

    def source():
        for i, text in enumerate(texts):
            pulled.append(i)
            yield text

    stream = iter_parsed_blocks(nlp, source())
    first = next(stream)
    assert first.text == texts[0]
    assert len(pulled) <= 2 * PIPE_BATCH_SIZE < len(texts)
    rest = list(stream)
    assert [doc.text for doc in [first, *rest]] == texts
    assert [t.text for t in first] == [t.text for t in nlp(texts[0])]


def test_nlp_split_long_text_is_linear_on_a_long_line():
    """A 3 MB line (the shape of a scraped page without line breaks) splits into pieces
    that each fit, with each cut looking at one window only (no quadratic re-encoding)."""
    line = "日米両政府は3日、東京で外務・防衛担当閣僚協議を開き、拡大抑止の強化で一致した。" * 25_000
    pieces = split_long_text(line)
    assert "".join(pieces) == line
    assert all(len(p.encode("utf-8")) <= MAX_BLOCK_BYTES for p in pieces)
    assert all(p.endswith("。") for p in pieces)
    assert len(pieces) <= len(line.encode("utf-8")) // (MAX_BLOCK_BYTES - 200) + 1  # cuts close to the limit


# Sentences of our own with people, posts, places, dates and organisations, so that the
# named-entity recognizer opens, continues and closes entities of many types.
ANNOTATED = [
    "山川一郎外務大臣は12日、来日したブラジルのカルロス・メンデス外務大臣と東京で会談した。",
    "国連安全保障理事会は2030年5月4日、ニューヨークの本部で緊急会合を開いた。",
    "防衛省によると、中村健太統合幕僚長は訪問先のマニラでフィリピン軍の幹部と協議した。",
    "",
    "両首脳は、北大西洋条約機構(NATO)との連携を深めることで一致した。\n同日夜には夕食会も開かれた。",
    "ええと。",
    "ブラジル外務省の 報道官は　「協議は 有意義だった」と述べた。 \n\n 大阪府知事  も同席した。",
]


def _annotations(doc):
    tokens = [(t.idx, t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start,
               t.ent_iob_, t.ent_type_) for t in doc]
    return tokens, [(e.start_char, e.end_char, e.label_) for e in doc.ents], repr(doc._.kg_mentions)


def test_nlp_annotate_gives_exactly_what_nlp_gives(nlp):
    """kg.nlp.annotate runs the entity recognizer's greedy loop itself (cheaper): every
    token annotation, entity and domain mention equals spaCy's own ``nlp(text)``."""
    from kg.nlp import annotate

    ours = annotate(nlp, ANNOTATED)
    assert [d.text for d in ours] == ANNOTATED
    assert any(d.ents for d in ours)
    for text, doc in zip(ANNOTATED, ours):
        assert _annotations(doc) == _annotations(nlp(text)), text


def test_nlp_numpy_products_annotate_as_blis_does(nlp):
    """The layers' matrix products run on numpy's OpenBLAS (one thread) instead of thinc's
    blis (``kg.nlp._use_numpy_products``): the tensors agree to float32 rounding and every
    annotation, entity and mention is the one blis's products give."""
    import numpy
    from thinc.api import NumpyOps

    from kg.nlp import annotate

    nodes = [node for _, proc in nlp.pipeline if hasattr(getattr(proc, "model", None), "walk")
             for node in proc.model.walk()]
    assert {getattr(node.ops, "use_blis", None) for node in nodes} == {False}
    ours, numpy_ops = annotate(nlp, ANNOTATED), nodes[0].ops
    try:
        for node in nodes:
            node.ops = NumpyOps()
        theirs = annotate(nlp, ANNOTATED)
    finally:
        for node in nodes:
            node.ops = numpy_ops
    for text, doc, blis_doc in zip(ANNOTATED, ours, theirs):
        assert _annotations(doc) == _annotations(blis_doc), text
        assert numpy.allclose(doc.tensor, blis_doc.tensor, atol=1e-3), text


def test_nlp_entities_preset_before_the_recognizer_go_through_spacy(nlp):
    """A Doc that already has an entity (not what GiNZA's tokenizer gives, but possible)
    is decoded by spaCy's own transitions, which keep the preset entity."""
    from spacy.tokens import Span

    from kg.nlp import _recognise_entities

    text = ANNOTATED[0]
    ours, theirs = nlp.make_doc(text), nlp.make_doc(text)
    for doc in (ours, theirs):
        for name in ("tok2vec", "parser"):
            nlp.get_pipe(name)(doc)
        doc.ents = [Span(doc, 0, 2, label="Person")]
    _recognise_entities(nlp.get_pipe("ner"), [ours])
    nlp.get_pipe("ner")(theirs)
    assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in theirs.ents]
    assert (ours[0].ent_iob_, ours[0].ent_type_) == ("B", "Person")
