"""No vocabulary or construction written as a Japanese literal in the extraction code.

Words and constructions of the language live in kg/data (constructions.tsv, cues.tsv,
post_grammar.tsv …) and are read through kg.lexicon. What may stay in the code, checked
here on the source of kg/components.py and kg/extract/*.py (comments and docstrings aside):
- a test on a Sudachi tag (「人名」「名詞-普通名詞-一般」): its parts are POS categories;
- punctuation, brackets, script ranges and numerals, with at most one function word or affix
  (の, は, を, する, 第, 氏 …: FUNCTION_WORDS): after removing character classes ([…]) from a
  literal, the kana and kanji left are nothing or one function word;
- a description in English with a Japanese example (the RULES table of frames.py);
and never a tuple, list or set of two or more Japanese words: a choice of words is data.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import kg

PACKAGE = Path(kg.__file__).resolve().parent
SOURCES = [PACKAGE / "components.py"] + sorted((PACKAGE / "extract").glob("*.py"))

TAG_PARTS = {"名詞", "普通名詞", "一般", "固有名詞", "人名", "姓", "名", "地名", "組織名", "助動詞", "助詞",
             "形状詞", "接尾辞", "接頭辞", "動詞", "副詞", "副詞可能", "格助詞", "係助詞", "副助詞", "接続助詞"}
FUNCTION_WORDS = {"の", "は", "が", "も", "と", "で", "を", "から", "とも", "する", "た", "第", "元", "氏"}
_LETTER = re.compile(r"[\u3041-\u3096\u30A1-\u30FA\u3400-\u9FFF]")
_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
_PROSE = re.compile(r"[A-Za-z]{3,} [A-Za-z]{2,}")


def _is_tag(value: str) -> bool:
    """A Sudachi tag or tag prefix (「名詞-普通名詞-一般」)."""
    return all(part in TAG_PARTS for part in value.split("-"))


def _literals(path: Path):
    """(line, value, inside a tuple/list/set of ≥2 Japanese strings) of the Japanese string
    constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    grouped = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            japanese = [
                e for e in node.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str) and _LETTER.search(e.value) and not _is_tag(e.value)
            ]
            if len(japanese) >= 2:
                grouped |= {id(e) for e in japanese}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings and _LETTER.search(node.value):
            yield node.lineno, node.value, id(node) in grouped


def _allowed(value: str) -> bool:
    if _is_tag(value) or _PROSE.search(value):
        return True
    left = "".join(_LETTER.findall(_CLASS.sub("", value)))
    return left == "" or left in FUNCTION_WORDS


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_no_vocabulary_literal_in_code(path):
    found = [f"{path.name}:{line}: {value!r}" + (" (a choice of words)" if grouped else "")
             for line, value, grouped in _literals(path) if grouped or not _allowed(value)]
    assert found == [], "move these to kg/data (constructions.tsv, read through kg.lexicon):\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source, offending",
    [
        ('WORDS = ("会談", "会合")\n', True),  # a choice of words
        ('X = re.compile(r"(?:訪問|訪れ)")\n', True),  # a construction regex
        ('if token.tag_.startswith("名詞-普通名詞"): pass\n', False),  # a tag test
        ('if doc[i].text == "の": pass\n', False),  # one function word
        ('X = re.compile(r"[\\u30A0-\\u30FF・]+")\n', False),  # a script range
        ('PARTICLES = ("は", "が")\n', True),  # a choice of particles
        ('X = re.compile(r"[^の]{1,6}の")\n', False),  # one function word after a class
        ('X = re.compile(r"[^、。]{0,6}ている")\n', True),  # an auxiliary construction
        ('if t.tag_.startswith(("接頭辞", "接尾辞")): pass\n', False),  # tags, not words
        ('RULES = {"x": "a topic (は) whose clause says it"}\n', False),  # a description
    ],
)
def test_the_check_tells_vocabulary_from_grammar(tmp_path, source, offending):
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert any(grouped or not _allowed(v) for _, v, grouped in _literals(path)) is offending
