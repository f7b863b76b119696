"""kg.cache: parsed blocks and facts survive a round trip; bad entries read as misses."""
from __future__ import annotations

import threading

import ginza
import pytest

from kg.cache import BuildCache, default_cache_dir
from kg.records import Article, DocumentFacts, Evidence, PersonMention

SENTENCES = [
    "韓米両国は4日、ワシントンで第5回協議体会合を開いた。",
    "韓国側からは外交部の第1次官が、米国側からは国務次官が出席した。",
    "日本政府は来年6月に東京で首脳会談を開催する方向で調整している。",
]


def _token_view(doc):
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph), t.ent_iob_, t.ent_type_) for t in doc]


@pytest.mark.parametrize("text", SENTENCES)
def test_cache_doc_roundtrip_keeps_parse(nlp, tmp_path, text):
    cache = BuildCache(tmp_path, "v1")
    doc = nlp(text)
    assert cache.load_doc(text, nlp) is None
    cache.store_doc(text, doc)
    back = cache.load_doc(text, nlp)
    assert back is not None
    assert _token_view(back) == _token_view(doc)
    assert [s.text for s in back.sents] == [s.text for s in doc.sents]
    # GiNZA's bunsetu helpers read doc.user_data: it must survive the DocBin.
    assert [s.text for s in ginza.bunsetu_spans(back)] == [s.text for s in ginza.bunsetu_spans(doc)]


@pytest.mark.parametrize("text", SENTENCES)
def test_cache_doc_roundtrip_restores_custom_extensions(nlp, tmp_path, text):
    """Extension values (e.g. domain mentions) are recomputed, equal to a fresh parse."""
    cache = BuildCache(tmp_path, "v1")
    doc = nlp(text)
    extension_names = [name for name in ("kg_mentions",) if doc.has_extension(name)]
    assert extension_names, "the pipeline should assign doc._.kg_mentions"
    cache.store_doc(text, doc)
    back = cache.load_doc(text, nlp)
    for name in extension_names:
        assert getattr(back._, name) == getattr(doc._, name)
    assert {k: [(s.start, s.end, s.label_) for s in g] for k, g in back.spans.items()} == {
        k: [(s.start, s.end, s.label_) for s in g] for k, g in doc.spans.items()}


def test_cache_doc_other_version_is_a_miss(nlp, tmp_path):
    text = SENTENCES[0]
    BuildCache(tmp_path, "v1").store_doc(text, nlp(text))
    assert BuildCache(tmp_path, "v2").load_doc(text, nlp) is None
    assert BuildCache(tmp_path, "v1").load_doc(text, nlp) is not None


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01not a docbin", b"\x93NUMPY junk" * 10])
def test_cache_corrupt_doc_entry_is_ignored_and_rebuilt(nlp, tmp_path, garbage):
    cache = BuildCache(tmp_path, "v1")
    text = SENTENCES[1]
    path = cache._doc_path(cache.block_key(text))
    path.parent.mkdir(parents=True)
    path.write_bytes(garbage)
    assert cache.load_doc(text, nlp) is None
    cache.store_doc(text, nlp(text))
    assert cache.load_doc(text, nlp).text == text


def test_cache_doc_entry_of_other_text_is_a_miss(nlp, tmp_path):
    """A hash collision or a misplaced file must not hand back the parse of other text."""
    cache = BuildCache(tmp_path, "v1")
    wrong = cache._doc_path(cache.block_key(SENTENCES[0]))
    cache.store_doc(SENTENCES[2], nlp(SENTENCES[2]))
    wrong.parent.mkdir(parents=True, exist_ok=True)
    wrong.write_bytes(cache._doc_path(cache.block_key(SENTENCES[2])).read_bytes())
    assert cache.load_doc(SENTENCES[0], nlp) is None


def _facts(text: str) -> DocumentFacts:
    article = Article(doc_id="a", path="a.txt", text=text, body=((0, len(text)),), sha256="x")
    ev = Evidence("a", 0, len(text), text)
    return DocumentFacts(article=article, people=(PersonMention(key="p1", name="某", evidence=(ev,)),))


def test_cache_facts_roundtrip_and_corruption(tmp_path):
    cache = BuildCache(tmp_path, "v1")
    facts = _facts(SENTENCES[0])
    assert cache.load_facts("k1") is None
    cache.store_facts("k1", facts)
    assert cache.load_facts("k1") == facts
    cache._facts_path("k1").write_bytes(b"\x80\x05truncated")
    assert cache.load_facts("k1") is None


def test_cache_concurrent_writers_leave_a_readable_entry(tmp_path):
    cache = BuildCache(tmp_path, "v1")
    payloads = [_facts(s) for s in SENTENCES] * 8
    threads = [threading.Thread(target=cache.store_facts, args=("same", p)) for p in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.load_facts("same") in payloads
    leftovers = [p.name for p in cache._facts_path("same").parent.iterdir() if p.name != "same.json"]
    assert leftovers == []


def test_cache_default_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    assert BuildCache(None, "v").root == tmp_path / "c"
    monkeypatch.delenv("KG_CACHE_DIR")
    assert default_cache_dir().parts[-2:] == (".cache", "kaigi-kg")


def test_cache_unwritable_root_is_not_an_error(nlp, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache = BuildCache(blocker / "cache", "v1")
    assert cache.store_facts("k", _facts(SENTENCES[0])) is False
    assert cache.store_doc(SENTENCES[0], nlp(SENTENCES[0])) is False
    assert cache.load_facts("k") is None
