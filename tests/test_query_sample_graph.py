"""The bundled queries on the graph kg.rdf itself writes (tests/data/sample_graph.ttl): exact rows."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.query import run_query

SAMPLE = Path(__file__).parent / "data" / "sample_graph.ttl"
FORUM = "拡大抑止戦略協議体"
MEETING = "第5回拡大抑止戦略協議体"
DAY = dt.date(2024, 10, 4)
DOC = "sample_edscg_20241005"
KR_SENTENCE = "韓国側からは崔成民（チェ・ソンミン）外交部第1次官と呉正浩国防部国防政策室長が出席した。"
US_SENTENCE = "米国側からはマーガレット・ホール国務次官とダニエル・リード国防次官代理が出席した。"
HEADS_SENTENCE = "崔次官とホール次官が首席代表を務めた。"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "representations",
            [
                ("呉正浩", "KR", FORUM, MEETING, DAY, "国防政策室長", "国防部", KR_SENTENCE, DOC),
                ("崔成民", "KR", FORUM, MEETING, DAY, "外交部第1次官", "外交部", HEADS_SENTENCE, DOC),
                ("崔成民", "KR", FORUM, MEETING, DAY, "外交部第1次官", "外交部", KR_SENTENCE, DOC),
                ("ダニエル・リード", "US", FORUM, MEETING, DAY, "国防次官代理", "国防総省", US_SENTENCE, DOC),
                ("マーガレット・ホール", "US", FORUM, MEETING, DAY, "国務次官", "国務省", HEADS_SENTENCE, DOC),
                ("マーガレット・ホール", "US", FORUM, MEETING, DAY, "国務次官", "国務省", US_SENTENCE, DOC),
            ],
        ),
        (
            "forum-timeline",
            [
                (FORUM, "EDSCG", 4, "2023-09", "ソウル", "mentioned", "第4回拡大抑止戦略協議体", None, None),
                (FORUM, "EDSCG", 5, DAY, "ワシントン", "held", MEETING, "KR", "呉正浩"),
                (FORUM, "EDSCG", 5, DAY, "ワシントン", "held", MEETING, "KR", "崔成民"),
                (FORUM, "EDSCG", 5, DAY, "ワシントン", "held", MEETING, "US", "ダニエル・リード"),
                (FORUM, "EDSCG", 5, DAY, "ワシントン", "held", MEETING, "US", "マーガレット・ホール"),
            ],
        ),
        (
            "officials",
            [
                ("ダニエル・リード", "US", "国防次官代理", "国防総省", 1),
                ("マーガレット・ホール", "US", "国務次官", "国務省", 1),
                ("呉正浩", "KR", "国防政策室長", "国防部", 1),
                ("崔成民", "KR", "外交部第1次官", "外交部", 1),
            ],
        ),
        ("cross-forum", []),
        (
            "institutions",
            [
                ("KR", "韓国", "国防部", "呉正浩"),
                ("KR", "韓国", "外交部", "崔成民"),
                ("US", "米国", "国務省", "マーガレット・ホール"),
                ("US", "米国", "国防総省", "ダニエル・リード"),
            ],
        ),
        (
            "co-attendance",
            [
                ("ダニエル・リード", "マーガレット・ホール", 1, MEETING),
                ("ダニエル・リード", "呉正浩", 1, MEETING),
                ("ダニエル・リード", "崔成民", 1, MEETING),
                ("マーガレット・ホール", "呉正浩", 1, MEETING),
                ("マーガレット・ホール", "崔成民", 1, MEETING),
                ("呉正浩", "崔成民", 1, MEETING),
            ],
        ),
    ],
)
def test_query_sample_graph_rows(name, expected):
    assert list(run_query(SAMPLE, name).rows) == expected


def test_query_sample_graph_heads_of_delegation():
    query = """SELECT ?name WHERE { ?r kgo:headOfDelegation true ; kgo:official/rdfs:label ?name } ORDER BY ?name"""
    assert run_query(SAMPLE, query).column("name") == ["マーガレット・ホール", "崔成民"]
