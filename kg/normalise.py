"""Text normalisation before parsing: same length, so every offset stays an offset into
``Article.text``.

Ministry pages write the 読点 as 「,」 or 「，」 about a third of the time; GiNZA reads those as
symbols and cuts clauses wrongly. The parser sees 「、」 where a comma separates Japanese
words; the article text (and every evidence sentence) keeps what was written.

An excerpt cut inside a polite ending (「…とテレビ会談をしま」 at the very end of a search
excerpt) is read in the page's reporting tense: the parser sees 「…をした」 when the page
reports in the past (its last complete polite predicate is 「ました」).

English glosses in brackets after a Japanese name or post (「…外務大臣(Ms. Jane Doe,
Foreign Minister)と」) are parsed as a run of English nouns that swallows the
sentence; the parser sees blanks of the same length instead.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.records import Article

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


# A polite ending cut after its first mora or two: a verb's continuative kana (after a stem or a
# particle) + 「ま」 or 「まし」 (「をしま」「行いま」「述べまし」); a complete sentence never ends so.
_CONTINUATIVE_KANA = "いきぎしじちにびみりえけげせぜてでねべめれ"  # い- and え-row: a verb's 連用形 ending
_CUT_POLITE_ENDING = re.compile(
    rf"(?<=[\u3400-\u9fff\u3041-\u3096][{_CONTINUATIVE_KANA}])(まし|ま)\s*$")
_POLITE_PREDICATE = re.compile(r"ま(した|す)(?=[。」』）)、,，\s]|$)")


def complete_cut_ending(text: str, page_before: str) -> str:
    """``text`` (the last block of a page that ends without a sentence end) with a polite ending
    the excerpt cut (「しま」, 「しまし」) completed in the past (「した」, 「た。」) when the page
    before it reports in the past: its last complete polite predicate is 「ました」. Same length."""
    match = _CUT_POLITE_ENDING.search(text)
    if not match:
        return text
    tenses = _POLITE_PREDICATE.findall(page_before)
    if not tenses or tenses[-1] != "した":
        return text
    completion = "た" if match.group(1) == "ま" else "た。"
    return text[: match.start(1)] + completion + text[match.end(1):]


def parse_texts(article: "Article") -> list[str]:
    """The texts of ``article``'s body blocks as the parser should see them
    (``normalise_for_parse``; the page's last block, when it ends the text inside a cut polite
    ending, completed by ``complete_cut_ending``)."""
    blocks = article.body_blocks()
    texts = [normalise_for_parse(text) for _, text in blocks]
    if blocks:
        start, text = blocks[-1]
        if not article.text[start + len(text):].strip():
            texts[-1] = complete_cut_ending(texts[-1], article.text[:start])
    return texts
