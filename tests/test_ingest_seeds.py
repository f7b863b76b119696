"""The seeds and the generality corpus: bodies kept, repeats and site furniture dropped.

Names are read from the gold files at run time; none is written here.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from kg.dates import CAPTION_DATELINE
from kg.ingest import iter_input_files, load_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus"


def gold_cases() -> list[tuple[Path, dict]]:
    cases = []
    for folder, gold_dir in ((SEEDS, ROOT / "tests" / "gold"), (CORPUS, CORPUS / "gold")):
        for gold in sorted(gold_dir.glob("*.yaml")):
            data = yaml.safe_load(gold.read_text(encoding="utf-8"))
            cases.append((folder / data["document"], data))
    return cases


CASES = gold_cases()
IDS = [path.stem for path, _ in CASES]


def body_text(path: Path) -> list[str]:
    return [block for _, block in load_article(path).body_blocks()]


@pytest.mark.parametrize("path, gold", CASES, ids=IDS)
def test_ingest_seeds_every_gold_official_is_in_the_body(path: Path, gold: dict):
    body = "\n".join(body_text(path))
    for official in gold.get("officials") or []:
        spellings = [official["name"], *(official.get("aliases") or [])]
        assert any(name in body for name in spellings), official["name"]


@pytest.mark.parametrize("path, gold", CASES, ids=IDS)
def test_ingest_seeds_no_furniture_name_in_the_body(path: Path, gold: dict):
    body = "\n".join(body_text(path))
    assert [name for name in gold.get("must_not_extract") or [] if name in body] == []


@pytest.mark.parametrize("path", iter_input_files([SEEDS, CORPUS]), ids=lambda p: p.stem)
def test_ingest_seeds_no_paragraph_twice_and_no_continuation_title(path: Path):
    blocks = body_text(path)
    assert blocks
    assert len(set(blocks)) == len(blocks)
    assert not [b for b in blocks if re.search(r"[(（]\d+[)）]$", b)]
    assert all("。" in block or CAPTION_DATELINE.search(unicodedata.normalize("NFKC", block)) for block in blocks)


@pytest.mark.parametrize("stem, paragraphs, lines", [
    # (seed, body paragraphs kept, non-blank lines in the file): the repeated halves go
    ("000_94789be653804502", 8, 18),
    ("001_dee43af3f68150f5", 9, 18),
])
def test_ingest_seeds_repeated_half_dropped(stem: str, paragraphs: int, lines: int):
    article = load_article(SEEDS / f"{stem}.txt")
    assert len([line for line in article.text.splitlines() if line.strip()]) == lines
    assert len(article.body) == paragraphs
    # every kept paragraph is a first occurrence: it comes before the repeat starts
    first_copy_end = max(article.text.index(block) + len(block) for _, block in article.body_blocks())
    assert article.body[-1][1] == first_copy_end


@pytest.mark.parametrize("stem", ["002_c442a03b54bc27f0", "003_26e43bb3e9f556d6", "004_cf99e9a4bac44907"])
def test_ingest_seeds_body_ends_before_widgets(stem: str):
    article = load_article(SEEDS / f"{stem}.txt")
    widget = re.search(r"^.*(ランキング|コメント).*$", article.text, flags=re.MULTILINE)
    assert widget is not None
    assert article.body and article.body[-1][1] < widget.start()


def test_ingest_seeds_metadata_and_hash():
    import hashlib

    article = load_article(SEEDS / "000_94789be653804502.txt")
    assert (article.doc_id, article.published, article.encoding) == ("000_94789be653804502", "2024-10-05", "utf-8")
    assert article.sha256 == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert article.text == (SEEDS / "000_94789be653804502.txt").read_text(encoding="utf-8")
