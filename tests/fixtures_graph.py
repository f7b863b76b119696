"""A small, realistic ResolvedGraph built by hand: the 5th meeting of a strategic
consultation forum, two officials per side, one earlier meeting mentioned in passing.

The people are invented (no seed or gold names). ``tests/data/sample_graph.ttl`` is this
graph as written by ``kg.export``; regenerate it with ``python tests/fixtures_graph.py``
(``tests/test_rdf_sample_graph.py`` fails when the file is out of date). Query and viz
tests read that file.
"""
from __future__ import annotations

import sys
from pathlib import Path

from kg.records import (
    Country,
    Document,
    Evidence,
    Forum,
    Institution,
    Meeting,
    Person,
    Representation,
    ResolvedGraph,
)

SAMPLE_TTL = Path(__file__).resolve().parent / "data" / "sample_graph.ttl"

DOC_ID = "sample_edscg_20241005"
SENTENCES = (
    "韓国と米国は4日（現地時間）、米ワシントンで第5回拡大抑止戦略協議体（EDSCG）会合を開いた。",
    "韓国側からは崔成民（チェ・ソンミン）外交部第1次官と呉正浩国防部国防政策室長が出席した。",
    "米国側からはマーガレット・ホール国務次官とダニエル・リード国防次官代理が出席した。",
    "崔次官とホール次官が首席代表を務めた。",
    "前回の第4回会合は2023年9月にソウルで開かれた。",
)
TEXT = "サンプル通信\n\n韓米、拡大抑止協議を開催\n\n" + "\n".join(SENTENCES) + "\n"


def _ev(i: int) -> Evidence:
    """Evidence for ``SENTENCES[i]`` with its real offsets in ``TEXT``."""
    start = TEXT.index(SENTENCES[i])
    return Evidence(doc_id=DOC_ID, start=start, end=start + len(SENTENCES[i]), sentence=SENTENCES[i])


def sample_resolved_graph() -> ResolvedGraph:
    """The hand-built ResolvedGraph (deterministic; a fresh copy each call)."""
    forum = Forum(
        slug="拡大抑止戦略協議体",
        label="拡大抑止戦略協議体",
        aliases=("EDSCG", "韓米拡大抑止戦略協議体"),
        acronym="EDSCG",
        kind="forum",
        member_countries=("KR", "US"),
    )
    m5 = Meeting(
        slug="拡大抑止戦略協議体-5",
        forum=forum.slug,
        label="第5回拡大抑止戦略協議体",
        ordinal=5,
        date="2024-10-04",
        place="ワシントン",
        participants=("KR", "US"),
        status="held",
        evidence=(_ev(0),),
        confidence=0.95,
    )
    m4 = Meeting(
        slug="拡大抑止戦略協議体-4",
        forum=forum.slug,
        label="第4回拡大抑止戦略協議体",
        ordinal=4,
        date="2023-09",
        place="ソウル",
        participants=("KR", "US"),
        status="mentioned",
        evidence=(_ev(4),),
        confidence=0.8,
    )
    institutions = (
        Institution(slug="KR-外交部", label="外交部", country="KR", kind="ministry", evidence=(_ev(1),)),
        Institution(slug="KR-国防部", label="国防部", country="KR", kind="ministry", evidence=(_ev(1),)),
        Institution(slug="US-国務省", label="国務省", aliases=("米国務省",), country="US", kind="ministry", evidence=(_ev(2),)),
        Institution(slug="US-国防総省", label="国防総省", country="US", kind="ministry"),
    )
    people = (
        Person(
            slug="崔成民",
            label="崔成民",
            aliases=("チェ・ソンミン", "Choi Sung-min"),
            titles=("外交部第1次官",),
            institutions=("KR-外交部",),
            country="KR",
            is_official=True,
            evidence=(_ev(1), _ev(3)),
            confidence=0.9,
        ),
        Person(
            slug="呉正浩",
            label="呉正浩",
            titles=("国防政策室長",),
            institutions=("KR-国防部",),
            country="KR",
            is_official=True,
            evidence=(_ev(1),),
        ),
        Person(
            slug="マーガレット・ホール",
            label="マーガレット・ホール",
            aliases=("ホール",),
            titles=("国務次官",),
            institutions=("US-国務省",),
            country="US",
            is_official=True,
            evidence=(_ev(2), _ev(3)),
        ),
        Person(
            slug="ダニエル・リード",
            label="ダニエル・リード",
            titles=("国防次官代理",),
            institutions=("US-国防総省",),
            country="US",
            is_official=True,
            evidence=(_ev(2),),
            confidence=0.85,
        ),
    )

    def rep(person: Person, side: str, head: bool | None, evidence: tuple[Evidence, ...], confidence: float):
        return Representation(
            slug=f"{m5.slug}--{person.slug}--{side}",
            person=person.slug,
            meeting=m5.slug,
            side=side,
            title=person.titles[0],
            institution=person.institutions[0],
            head_of_delegation=head,
            evidence=evidence,
            confidence=confidence,
        )

    choi, oh, hall, reed = people
    representations = (
        rep(choi, "KR", True, (_ev(1), _ev(3)), 0.9),
        rep(oh, "KR", None, (_ev(1),), 0.85),
        rep(hall, "US", True, (_ev(2), _ev(3)), 0.9),
        rep(reed, "US", None, (_ev(2),), 0.8),
    )
    return ResolvedGraph(
        documents=(
            Document(
                doc_id=DOC_ID,
                title="韓米、拡大抑止協議を開催",
                published="2024-10-05",
                url="https://news.example.jp/articles/2024/10/05/edscg",
                source="サンプル通信",
                path=f"corpus/{DOC_ID}.txt",
            ),
        ),
        countries=(
            Country(code="KR", label_ja="韓国", label_en="South Korea"),
            Country(code="US", label_ja="米国", label_en="United States"),
        ),
        people=people,
        institutions=institutions,
        forums=(forum,),
        meetings=(m5, m4),
        representations=representations,
    )


def write_sample_ttl(path: Path = SAMPLE_TTL) -> Path:
    """Write ``sample_resolved_graph()`` as Turtle to ``path`` (atomic, deterministic)."""
    from kg.export import write_turtle
    from kg.rdf import to_graph

    path.parent.mkdir(parents=True, exist_ok=True)
    write_turtle(to_graph(sample_resolved_graph()), path)
    return path


if __name__ == "__main__":
    sys.stdout.write(f"wrote {write_sample_ttl()}\n")
