"""Every bundled query answers the hand-written fixture graph with exactly the expected rows."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from kg.query import bundled_queries, run_query

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"

EVIDENCE_1 = "李正民第1次官とハリス国務次官が第1回戦略協議会に出席した。"
EVIDENCE_2 = "第2回協議会には李正民次官と朴東洙室長が出席した。"
EVIDENCE_3 = "抑止対話には山川一郎審議官とハリス次官補が臨んだ。"
EVIDENCE_4 = "首脳会談に李正民次官が同席した。"
DOC_1 = "doc1"
DOC_2 = "doc2"

EXPECTED = {
    "representations": (
        ("official", "side", "forum", "meeting", "date", "title", "institution", "evidence", "document"),
        [
            ("李正民", "KR", "戦略協議会", "第1回戦略協議会", dt.date(2023, 9, 15), "外務部第1次官", "外務部", EVIDENCE_1, DOC_1),
            ("ハリス", "US", "戦略協議会", "第1回戦略協議会", dt.date(2023, 9, 15), "国務次官", "国務庁", EVIDENCE_1, DOC_1),
            ("朴東洙", "KR", "戦略協議会", "第2回戦略協議会", "2024-10", "防衛政策室長", "防衛部", EVIDENCE_2, DOC_2),
            ("李正民", "KR", "戦略協議会", "第2回戦略協議会", "2024-10", "次官", None, EVIDENCE_2, DOC_2),
            ("山川一郎", "JP", "抑止対話", "抑止対話（2024年）", "2024", "外務審議官", None, EVIDENCE_3, DOC_2),
            ("ハリス", "US", "抑止対話", "抑止対話（2024年）", "2024", "国務次官補", None, EVIDENCE_3, DOC_2),
            ("李正民", "KR", "韓米首脳会談", "韓米首脳会談（2024年7月11日）", dt.date(2024, 7, 11), None, None, EVIDENCE_4, DOC_2),
        ],
    ),
    "forum-timeline": (
        ("forum", "acronym", "ordinal", "date", "place", "status", "meeting", "side", "attendee"),
        [
            ("戦略協議会", "SCG", 1, dt.date(2023, 9, 15), "ソウル", "held", "第1回戦略協議会", "KR", "李正民"),
            ("戦略協議会", "SCG", 1, dt.date(2023, 9, 15), "ソウル", "held", "第1回戦略協議会", "US", "ハリス"),
            ("戦略協議会", "SCG", 2, "2024-10", "ワシントン", "held", "第2回戦略協議会", "KR", "朴東洙"),
            ("戦略協議会", "SCG", 2, "2024-10", "ワシントン", "held", "第2回戦略協議会", "KR", "李正民"),
            ("抑止対話", "DD", None, "2024", None, "held", "抑止対話（2024年）", "JP", "山川一郎"),
            ("抑止対話", "DD", None, "2024", None, "held", "抑止対話（2024年）", "US", "ハリス"),
            # a meeting with no named attendee still appears, once
            ("抑止対話", "DD", None, dt.date(2025, 6, 5), "空軍基地", "held", "抑止対話（2025年）", None, None),
            ("韓米首脳会談", None, None, dt.date(2024, 7, 11), None, "held", "韓米首脳会談（2024年7月11日）", "KR", "李正民"),
        ],
    ),
    "cross-forum": (
        ("official", "forums", "forum_names", "meetings"),
        [
            ("ハリス", 2, {"戦略協議会", "抑止対話"}, 2),
            ("李正民", 2, {"戦略協議会", "韓米首脳会談"}, 3),
        ],
    ),
    "officials": (
        ("official", "country", "titles", "institutions", "meetings"),
        [
            ("ハリス", "US", {"国務次官", "国務次官補"}, {"国務庁"}, 2),
            ("山川一郎", "JP", {"外務審議官"}, set(), 1),
            ("朴東洙", "KR", {"防衛政策室長"}, {"防衛部"}, 1),
            ("李正民", "KR", {"外務部第1次官"}, {"外務部"}, 3),
        ],
    ),
    "institutions": (
        ("country", "country_name", "institution", "official"),
        [
            (None, None, "平和研究所", None),
            ("KR", "韓国", "外務部", "李正民"),
            ("KR", "韓国", "防衛部", "朴東洙"),
            ("US", "米国", "国務庁", "ハリス"),
        ],
    ),
    "co-attendance": (
        ("official_a", "official_b", "meetings", "meeting_names"),
        [
            ("ハリス", "山川一郎", 1, {"抑止対話（2024年）"}),
            ("ハリス", "李正民", 1, {"第1回戦略協議会"}),
            ("朴東洙", "李正民", 1, {"第2回戦略協議会"}),
        ],
    ),
}


def _normalise(expected_row, actual_row):
    # GROUP_CONCAT lists have no defined order in SPARQL: compare them as sets.
    out = []
    for want, got in zip(expected_row, actual_row):
        if isinstance(want, set):
            out.append(set(filter(None, (got or "").split("、"))))
        else:
            out.append(got)
    return tuple(out)


def test_query_bundled_names_are_the_documented_six():
    assert set(bundled_queries()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_bundled_rows_on_fixture(name):
    columns, rows = EXPECTED[name]
    result = run_query(FIXTURE, name)
    assert result.kind == "select"
    assert result.columns == columns
    assert [_normalise(want, got) for want, got in zip(rows, result.rows)] == rows
    assert len(result.rows) == len(rows)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_bundled_text_documents_itself_and_orders(name):
    description, text = bundled_queries()[name]
    lines = text.splitlines()
    assert lines[0].startswith("# ") and description == lines[0][2:].strip()
    assert lines[1].startswith("# Columns:")
    assert lines[2].startswith("# Bind: ")
    # every SELECT variable is named in the column comment, in order
    columns = EXPECTED[name][0]
    positions = [lines[1].find(f" {c}") for c in columns]
    assert all(p > 0 for p in positions) and positions == sorted(positions)
    assert re.search(r"^ORDER BY ", text, re.M)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_bundled_same_rows_after_reload(name, tmp_path):
    # A fresh copy is a different cache entry: a new store, same answer in the same order.
    copy = tmp_path / "graph.ttl"
    shutil.copyfile(FIXTURE, copy)
    assert run_query(copy, name).rows == run_query(FIXTURE, name).rows


def test_query_bundled_picks_the_ja_label():
    # 李正民 also has an @en label; only the @ja one may reach the table.
    officials = run_query(FIXTURE, "officials").column("official")
    assert "Lee Jeong-min" not in officials and "李正民" in officials
    sides = run_query(FIXTURE, "institutions").column("country_name")
    assert "South Korea" not in sides


def test_query_bundled_officials_excludes_non_officials():
    assert "ヤン・ミンス" not in run_query(FIXTURE, "officials").column("official")


def test_query_bundled_works_on_ntriples_export(tmp_path):
    import pyoxigraph as ox

    ntriples = tmp_path / "graph.nt"
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    store.dump(output=str(ntriples), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    assert run_query(ntriples, "representations").rows == run_query(FIXTURE, "representations").rows
