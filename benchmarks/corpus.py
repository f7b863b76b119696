"""Generated articles and facts for benchmarks: templates filled from the domain lexicons.

Nothing here is committed data: every article is built from ``kg.lexicon`` (forums,
countries, titles, institutions) and a seeded random generator, so the same ``seed``
gives the same corpus. Articles are clean news prose (no page furniture), which is what
the "overhead on clean text" benchmark needs; ``generate_document_facts`` gives the
matching per-article records for measuring resolve/rdf at 10,000 articles without
parsing them.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg import lexicon
from kg.records import (
    Article,
    DocumentFacts,
    Evidence,
    InstitutionMention,
    MeetingMention,
    PersonMention,
    RepresentationFact,
)

# Katakana syllables for made-up foreign names, kanji for made-up East Asian names.
_KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
_SURNAMES = "山川田中村松井森林高橋木本石原小野金李朴崔鄭趙尹張"
_GIVEN = "一二三太郎花子健明誠浩之博和美恵真由紀昌洙哲英"
SESSIONS_PER_FORUM = 200
_PLACES = ["東京", "ソウル", "ワシントン", "ハワイ", "シンガポール", "キャンベラ", "マニラ", "ロンドン"]
_TOPICS = ["北朝鮮の核・ミサイル開発", "拡大抑止の強化", "インド太平洋地域の安全保障", "サイバー分野の協力",
           "宇宙分野の協力", "経済安全保障", "防衛装備品の共同開発"]


@dataclass(frozen=True)
class GeneratedArticle:
    name: str  # file stem
    text: str
    meta: dict
    facts: DocumentFacts  # what a perfect extractor would find (offsets into ``text``)


@lru_cache(maxsize=1)
def _vocabulary():
    forums = sorted({f.name: f for f in lexicon.forums().values() if len(f.countries) >= 2}.values(),
                    key=lambda f: f.name)
    titles = sorted(t.word for t in lexicon.titles().values() if t.official and t.kind in {"minister", "vice_minister", "senior"})
    institutions: dict[str, list[str]] = {}
    for entry in lexicon.institutions().values():
        if entry.country:
            institutions.setdefault(entry.country, [])
            if entry.name not in institutions[entry.country]:
                institutions[entry.country].append(entry.name)
    return forums, titles, institutions


def _name(rng: random.Random, country: str) -> str:
    if country in {"JP", "KR", "CN", "TW"}:
        return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
    part = lambda: "".join(rng.choice(_KANA) for _ in range(rng.randint(2, 4)))  # noqa: E731
    return f"{part()}・{part()}"


def generate_article(index: int, seed: int = 0) -> GeneratedArticle:
    """One clean article about one meeting of a lexicon forum, with its ideal facts."""
    rng = random.Random(f"{seed}:{index}")
    forums, titles, institutions = _vocabulary()
    forum = rng.choice(forums)
    sides = list(forum.countries[:2])
    label = {c: lexicon.country(c).label_ja for c in sides}
    # A numbered session is held once, on one day: the day follows from forum and ordinal
    # (sessions 1-200 of each forum, about eight a year from 2000); reports of it are
    # published that day or up to three days later.
    ordinal = rng.randint(1, SESSIONS_PER_FORUM)
    when = random.Random(f"{seed}:{forum.name}:{ordinal}")
    year, month, day = 2000 + (ordinal - 1) * 25 // SESSIONS_PER_FORUM, when.randint(1, 12), when.randint(1, 25)
    place = rng.choice(_PLACES)
    acronym = f"（{forum.acronym}）" if forum.acronym else ""
    people = []
    for c in sides:
        for _ in range(rng.randint(1, 2)):
            inst = rng.choice(institutions.get(c) or [f"{label[c]}政府"])
            people.append((c, inst, _name(rng, c), rng.choice(titles)))

    sentences = [
        f"{label[sides[0]]}と{label[sides[1]]}は{day}日、{place}で第{ordinal}回{forum.name}{acronym}会合を開いた。",
    ]
    for c in sides:
        who = "、".join(f"{inst}の{name}{title}" for cc, inst, name, title in people if cc == c)
        sentences.append(f"{label[c]}側からは{who}が出席した。")
    topic = rng.choice(_TOPICS)
    sentences.append(f"双方は{topic}について意見を交わし、次回会合を来年{rng.choice(_PLACES)}で開くことで一致した。")
    sentences.append(f"{people[0][2]}{people[0][3]}は会合後の記者会見で「緊密な連携を続ける」と述べた。")

    name = f"gen_{seed}_{index:05d}"
    text, spans = "", []
    for sentence in sentences:
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence + "\n\n"
    published = f"{year}-{month:02d}-{day + rng.randint(0, 3):02d}"
    article = Article(doc_id=name, path=f"{name}.txt", text=text, body=tuple(spans), published=published,
                      title=sentences[0][:30], source="generated")
    ev = [Evidence(name, s, e, text[s:e]) for s, e in spans]
    meeting = MeetingMention(
        key="m1", forum=forum.name, acronym=forum.acronym, kind=forum.kind, ordinal=ordinal,
        date=f"{year}-{month:02d}-{day:02d}", place=place, countries=tuple(sides), evidence=(ev[0],))
    persons, insts, reps = [], {}, []
    for k, (c, inst, pname, title) in enumerate(people, start=1):
        sentence = ev[1 + sides.index(c)]
        persons.append(PersonMention(key=f"p{k}", name=pname, title=title, institution=inst, country=c,
                                     is_official=True, evidence=(sentence,)))
        insts.setdefault(inst, InstitutionMention(key=f"i{len(insts) + 1}", name=inst, country=c, evidence=(sentence,)))
        reps.append(RepresentationFact(person=f"p{k}", meeting="m1", side=c, title=title, institution=inst,
                                       evidence=(sentence,), rule="generated"))
    facts = DocumentFacts(article=article, people=tuple(persons), institutions=tuple(insts.values()),
                          meetings=(meeting,), representations=tuple(reps))
    meta = {"published": published, "source": "generated", "title": article.title}
    return GeneratedArticle(name=name, text=text, meta=meta, facts=facts)


def generate_articles(n: int, seed: int = 0) -> list[GeneratedArticle]:
    """``n`` generated articles (deterministic for a given ``seed``)."""
    return [generate_article(i, seed) for i in range(n)]


def write_corpus(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` generated articles (``.txt`` + ``.meta.json``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for art in generate_articles(n, seed):
        path = folder / f"{art.name}.txt"
        path.write_text(art.text, encoding="utf-8")
        (folder / f"{art.name}.meta.json").write_text(json.dumps(art.meta, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def generate_document_facts(n: int, seed: int = 0) -> list[DocumentFacts]:
    """The ideal facts of ``n`` generated articles (for resolve/rdf at scale)."""
    return [generate_article(i, seed).facts for i in range(n)]
