"""The representations CSV: one row per (representation, evidence sentence)."""
from __future__ import annotations

import csv
import io
from dataclasses import replace

from kg.export import CSV_COLUMNS, serialize_representations_csv
from kg.rdf import to_graph
from tests.fixtures_graph import SENTENCES, TEXT, sample_resolved_graph


def _rows(resolved) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(serialize_representations_csv(to_graph(resolved)))))


def test_export_csv_header_is_the_documented_columns():
    header = serialize_representations_csv(to_graph(sample_resolved_graph())).splitlines()[0]
    assert header.split(",") == list(CSV_COLUMNS)
    assert CSV_COLUMNS == (
        "official", "side", "forum", "meeting", "ordinal", "date", "title", "institution",
        "head_of_delegation", "confidence", "document", "sentence", "begin", "end",
    )


def test_export_csv_one_row_per_representation_and_evidence():
    rows = _rows(sample_resolved_graph())
    # 4 representations; two of them are backed by two sentences each.
    assert len(rows) == 6
    assert {(r["official"], r["side"]) for r in rows} == {
        ("崔成民", "KR"), ("呉正浩", "KR"), ("マーガレット・ホール", "US"), ("ダニエル・リード", "US"),
    }


def test_export_csv_row_values():
    rows = [r for r in _rows(sample_resolved_graph()) if r["official"] == "崔成民"]
    head_row = next(r for r in rows if r["sentence"] == SENTENCES[3])
    assert head_row == {
        "official": "崔成民",
        "side": "KR",
        "forum": "拡大抑止戦略協議体",
        "meeting": "第5回拡大抑止戦略協議体",
        "ordinal": "5",
        "date": "2024-10-04",
        "title": "外交部第1次官",
        "institution": "外交部",
        "head_of_delegation": "true",
        "confidence": "0.9",
        "document": "sample_edscg_20241005",
        "sentence": SENTENCES[3],
        "begin": str(TEXT.index(SENTENCES[3])),
        "end": str(TEXT.index(SENTENCES[3]) + len(SENTENCES[3])),
    }


def test_export_csv_unstated_values_are_empty():
    rows = _rows(sample_resolved_graph())
    reed = next(r for r in rows if r["official"] == "ダニエル・リード")
    assert reed["head_of_delegation"] == ""


def test_export_csv_quotes_commas_in_sentences():
    resolved = sample_resolved_graph()
    rep = resolved.representations[0]
    sentence = "首脳は「抑止, 対話」を強調した。"
    ev = replace(rep.evidence[0], start=0, end=len(sentence), sentence=sentence)
    resolved = replace(resolved, representations=(replace(rep, evidence=(ev,)),))
    rows = _rows(resolved)
    assert [(r["sentence"], r["begin"]) for r in rows] == [(sentence, "0")]
    assert '"首脳は「抑止, 対話」を強調した。"' in serialize_representations_csv(to_graph(resolved))
