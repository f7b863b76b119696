"""Text normalisation before parsing: same length, so every offset stays an offset into
``Article.text``.

Ministry pages write the 読点 as 「,」 or 「，」 about a third of the time; GiNZA reads those as
symbols and cuts clauses wrongly. The parser sees 「、」 where a comma separates Japanese
words; the article text (and every evidence sentence) keeps what was written.

English glosses in brackets after a Japanese name or post (「…外務大臣(Ms. Jane Doe,
Foreign Minister)と」) are parsed as a run of English nouns that swallows the
sentence; the parser sees blanks of the same length instead.
"""
from __future__ import annotations

import re
from functools import lru_cache

# a comma with Japanese on at least one side and not between two digits (「5月18,19日」)
_JA = r"\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ー」』）)】"
_COMMA = re.compile(rf"(?<=[{_JA}])[,，](?!\d)|(?<=[{_JA}])[,，](?=\d)|(?<!\d)[,，](?=[\u3040-\u30ff\u3400-\u9fff「『（(])")


# a bracketed group written in Latin script (letters, digits, spaces, punctuation)
_LATIN_GLOSS = re.compile(r"[(（]([A-Za-z0-9 .,'’&/\-–—:;]{6,})[)）]")


def _blank_gloss(match: re.Match) -> str:
    inner = match.group(1)
    if sum(ch.isalpha() for ch in inner) < 4 or " " not in inner.strip():
        return match.group(0)  # 「(NCG)」「(EDSCG)」: an acronym is read, not masked
    following = match.string[match.end() : match.end() + 1]
    if following and _NOUN_START.match(following):
        return match.group(0)  # 「ラブロフ(Sergei Lavrov)外相」: a reading inside the name + post
    return "\u3000" * len(match.group(0))


_NOUN_START = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaff々]")


def normalise_for_parse(text: str) -> str:
    """``text`` as the parser should see it: commas used as 読点 written 「、」, English glosses
    in brackets blanked, and an honorific of address after a post (「A外務大臣閣下及びB国防大臣
    閣下は」, constructions.tsv ``honorific_of_address``) blanked too: it adds nothing to who is
    named, and the particle or coordinator after it then follows the post (same length, so
    offsets are unchanged)."""
    text = _LATIN_GLOSS.sub(_blank_gloss, _COMMA.sub("、", text))
    return _honorific_of_address().sub(lambda m: "\u3000" * len(m.group(0)), text)


@lru_cache(maxsize=1)
def _honorific_of_address() -> re.Pattern:
    from kg import lexicon

    words = "|".join(map(re.escape, lexicon.construction_words("honorific_of_address")))
    return re.compile(rf"(?<=[\u3400-\u9fff\u30a0-\u30ff])(?:{words})")
