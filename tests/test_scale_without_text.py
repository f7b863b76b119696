"""kg.scale.without_text, as ``kg build`` keeps each article's facts read back from the facts
cache (JSON): the same values without the text, equal evidence spans one object and equal
strings one string (the build process's memory), hence the same resolution."""
from __future__ import annotations

from dataclasses import replace

from benchmarks.corpus import generate_document_facts
from kg.cache import record_from_json, record_to_json
from kg.records import DocumentFacts
from kg.resolve import resolve
from kg.scale import without_text


def test_scale_without_text_same_values_shared():
    generated = generate_document_facts(30)
    read_back = [record_from_json(DocumentFacts, record_to_json(f)) for f in generated]
    kept = [without_text(f) for f in read_back]
    assert kept == [replace(f, article=replace(f.article, text="", body=(), blocks=())) for f in read_back]
    for f in kept:
        spans = [ev for group in (f.people, f.meetings, f.representations, f.institutions) for m in group for ev in m.evidence]
        assert len({id(ev) for ev in spans}) == len(set(spans)) < len(spans)  # each span repeats, one object
        assert len({id(ev.doc_id) for ev in spans}) == 1
    assert resolve(kept) == resolve(generated)
