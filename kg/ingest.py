"""Ingest: article files → :class:`kg.records.Article` (decoded text, metadata, body spans).

Three jobs, in the order a file goes through them:

1. read and decode the bytes (BOM and ISO-2022-JP escape sniffing, strict UTF-8, then
   the Japanese legacy encodings validated by how Japanese the result looks);
   HTML pages are reduced to their article text first;
2. read the optional ``NAME.meta.json`` sidecar (a bad sidecar is a warning, never a loss);
3. find the body: split the text into paragraphs and keep the ones that read as article
   prose, dropping page furniture and verbatim repeats. Offsets point into ``text``.

Every failure raises :class:`kg.errors.InputError` with a code from :data:`ERROR_CODES`
and a one-line message ``"<path>: <what failed>; <fix>"``. See ``docs/ingest.md``.
"""
from __future__ import annotations

import ast
import codecs
import errno
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, Union

from kg.cache import read_regular
from kg.dates import CAPTION_DATELINE, date_line
from kg.errors import InputError
from kg.lexicon import furniture_terms
from kg.records import Article
from kg.structure import document_blocks, is_list_heading, is_section_heading, roster_rows

# ---------------------------------------------------------------- constants

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_KEYS = ("published", "url", "source", "title")
# Other sidecar keys that mean something, kept as document metadata under the Dublin Core
# term they name (``Article.metadata``; kg.rdf writes ``dcterms:<term>``). Any other key is
# ignored with W102 (a build says it once per key, with the number of files).
SIDECAR_METADATA_KEYS = {
    "license": "license", "licence": "license", "license_note": "rights", "rights": "rights",
    "author": "creator", "creator": "creator", "language": "language", "lang": "language",
}
METADATA_TERMS = tuple(sorted(set(SIDECAR_METADATA_KEYS.values())))
# A sidecar is a few hundred bytes; a larger one (or a FIFO, a device) is not read (W104).
MAX_SIDECAR_BYTES = 64 * 1024
# Metadata values longer than these are cut (W103): a 10-million-character title would be
# copied into every page and export.
MAX_FIELD_CHARS = {"published": 40, "url": 2_000, "source": 200, "title": 300,
                   "license": 2_000, "rights": 1_000, "creator": 300, "language": 35}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a news article is KBs; 20 MB is a dump, not an article
# Body characters parsed per article (the longest real articles are ~30,000): parse memory
# and time grow with the body, so a page that lost its line breaks or a dump of many
# articles in one file is read up to here (warning W107), keeping each worker's memory
# bounded whatever the file size.
DEFAULT_MAX_BODY_CHARS = 100_000
# A body paragraph longer than this (real ones are under 300 characters; a page that lost
# its line breaks is one paragraph of megabytes) becomes several body blocks, cut after
# sentence ends, so parsing and extraction work on blocks of bounded size: memory stays
# flat and time linear whatever the paragraph's length.
MAX_BLOCK_CHARS = 2_000

E_EMPTY = "E101"
E_BINARY = "E102"
E_UNDECODABLE = "E103"
E_UNREADABLE = "E104"
E_NOT_FOUND = "E105"
E_TOO_LARGE = "E106"
E_LINK_LOOP = "E107"
ERROR_CODES = {
    E_EMPTY: "empty or whitespace-only file (or an HTML page without text)",
    E_BINARY: "binary file (NUL bytes or mostly control bytes)",
    E_UNDECODABLE: "text in none of the supported encodings",
    E_UNREADABLE: "cannot be read (permissions, a directory, not a regular file, I/O error)",
    E_NOT_FOUND: "no such file or folder (missing input, dangling symlink, vanished file)",
    E_TOO_LARGE: "file larger than the size limit",
    E_LINK_LOOP: "symbolic link loop (a link that points back to itself, directly or through others)",
}

W_SIDECAR_JSON = "W101"
W_SIDECAR_SHAPE = "W102"
W_SIDECAR_VALUE = "W103"
W_SIDECAR_UNREADABLE = "W104"
W_TRUNCATED = "W105"
W_NUL_BYTES = "W106"
W_BODY_TRIMMED = "W107"

SUPPORTED_ENCODINGS = "UTF-8, UTF-8 with BOM, UTF-16 with BOM, Shift_JIS/CP932, EUC-JP, ISO-2022-JP"
# Tried in this order after strict UTF-8; on equal scores the earlier wins, so bytes that
# are both valid Shift_JIS and CP932 decode with the JIS mapping (0x8160 → U+301C 〜).
LEGACY_JAPANESE = ("shift_jis", "cp932", "euc_jp", "euc_jis_2004")
# Web charset labels (WHATWG) that Python's codec registry does not know.
CHARSET_ALIASES = {
    "x-sjis": "shift_jis", "windows-31j": "cp932", "ms_kanji": "shift_jis", "x-euc-jp": "euc_jp",
    "cseucpkdfmtjapanese": "euc_jp", "csiso2022jp": "iso2022_jp",
}
ISO2022_VARIANTS = ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3")
BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that do not occur in text (tab, LF, FF, CR and ESC do: ESC is ISO-2022-JP).
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
MAX_CONTROL_SHARE = 0.05
MIN_PLAUSIBLE_SHARE = 0.8  # share of non-ASCII characters that must look like real text
SCORE_SAMPLE_CHARS = 200_000
DETECTOR_SAMPLE_BYTES = 1_000_000
HTML_CHARSET_SNIFF_BYTES = 4096

# Body detection thresholds (characters).
GOOD_PARAGRAPH_CHARS = 80  # prose this long is article body on its own
UNPUNCTUATED_PROSE_CHARS = 80  # a paragraph without 。 counts as prose only when this long
CUT_OFF_PROSE_CHARS = 25  # ...or, as the text's last line after prose, an excerpt cut mid-sentence this long
HEADING_MAX_CHARS = 16  # a furniture heading is short
HEADING_EXTRA_CHARS = 12  # ...and starts or ends with its lexicon word (アクセス+ランキング)
LEAD_LIST_MAX_LINES = 16  # lines of an attendee list between a page's short lead and its body
LONE_PARAGRAPH_GAP = 3  # furniture lines (captions, players) a short paragraph may sit behind
FURNITURE_LINE_MAX_CHARS = 60
HEADLINE_MIN_CHARS = 10
HEADLINE_MAX_CHARS = 120
DATELINE_MAX_CHARS = 50
HEADLINE_WINDOW = 4  # lines above the body searched for the headline (byline, credits between)
LINK_LINE_MAX_CHARS = 120
HARD_WRAP_MIN_COLUMNS = 40  # wrapped lines are at least this wide (display columns)
HARD_WRAP_MIN_LINES = 3  # ...and at least this many lines are long
HARD_WRAP_MIN_SHARE = 0.6  # share of long lines that end at the wrap width
HARD_WRAP_MAX_LONGER = 0.05  # share of lines allowed past the wrap width

SENTENCE_END = ("。", "｡")
CLOSING_BRACKETS = "」』)）】"
BULLETS = "•‣◦・●○■□◆◇▶►▷▸▹★☆※→⇒-*·✓✔➤➡"  # not dashes: ―― opens interview questions
HEADING_DECORATION = re.compile(r"[\s\d\[\]【】〔〕()（）<>＜＞《》〈〉「」■□◆◇●○▼▽▲△★☆▶►▷・•|｜:：\-—–_=＝…‥.。、!?！？#＃/／]+")
URL_OR_EMAIL = re.compile(r"https?://|www\.|[\w.+-]+@[\w-]+\.[\w.-]+")
CONTINUATION_TITLE = re.compile(r"[(（]\s*\d{1,2}\s*[)）]$")
# an item of a dated activity list (NFKC): 「12月19日　統幕長、A司令官とテレビ会談」 — a date
# opening the line, a blank, then a clause (a topic and its 読点) without a sentence end
DATED_ITEM = re.compile(
    r"^[" + re.escape(BULLETS) + r"＊\s]*(?:(?:令和|平成)?\d{1,4}年)?\d{1,2}月\d{1,2}日(?:\s+[^\s、]{2,}、\S{6,}"
    # 「令和9年3月2日　日・ペルー外相会談(3月1日、リマ、A大臣とB大臣)」: a release list item with its facts in brackets
    r"|\s+\S{4,}?[(]\d{1,2}月\d{1,2}日、[^()]{2,}[)]$"
    # 「○1月14日(水)陸幕長のインド訪問」: a dated item with its weekday heads what is reported under it
    r"|\s*[(][月火水木金土日](?:曜日?)?[)]\s*(?:\S{4,}|$))"  # (「■9月2日(水)」 alone: the item's text is the line under it)
)
KANA = re.compile(r"[\u3040-\u30ff]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})(?!\d)")
DATE_OR_TIME = re.compile(r"\d{1,4}\s*[年/.\-]\s*\d{1,2}\s*[月/.\-]\s*\d{1,2}|\d{1,2}:\d{2}|\d{1,2}/\d{1,2}\(")
ISO2022_ESCAPE = re.compile(rb"\x1b[\$\(][@BJDI]|\x1b\$\([@BDOPQ]")
HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
HIDDEN_OR_LANDMARK = (
    '//*[@hidden or @aria-hidden="true" or @role="navigation" or @role="banner" or @role="contentinfo"'
    ' or contains(translate(@style, " ", ""), "display:none")'
    ' or contains(translate(@style, " ", ""), "visibility:hidden")]'
)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

# Page metadata read from HTML when the sidecar lacks it (first match wins).
HTML_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "dc.date.issued", "dcterms.issued", "dc.date", "date", "parsely-pub-date",
    "sailthru.date",
)
HTML_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "nav", "header", "footer", "aside", "form", "button", "select", "menu", "dialog",
)
HTML_BLOCK_TAGS = (
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
    "blockquote", "pre", "tr", "td", "th", "figcaption", "table", "ul", "ol", "br", "hr",
)

PathLike = Union[str, os.PathLike]


# ---------------------------------------------------------------- listing


def iter_input_files(inputs: Iterable[PathLike]) -> list[Path]:
    """The article files of ``inputs``: folders expanded (recursively, sorted) to
    ``*.txt|*.html|*.htm`` (hidden entries skipped), files kept as given; sidecars
    (``*.meta.json``) never listed; each file once. Raises ``InputError`` (E105) for a
    missing input.

    >>> iter_input_files([Path("seeds")])[:1]
    [PosixPath('seeds/000_94789be653804502.txt')]
    """
    files: list[Path] = []
    seen: set[Path] = set()
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                (p for p in path.rglob("*") if _is_article_file(p, path)),
                key=lambda p: p.relative_to(path).as_posix(),
            )
        elif path.name.lower().endswith(SIDECAR_SUFFIX) and path.exists():
            found = []  # `kg build seeds/*` lists sidecars too: they are read with their article
        elif path.exists() or path.is_symlink():
            found = [path]  # dangling links too: load_article names the reason
        else:
            raise _input_error(path, E_NOT_FOUND, "input path not found", "pass an existing file or folder")
        for file in found:
            key = Path(os.path.abspath(file))
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files


def _is_article_file(path: Path, root: Path) -> bool:
    # A folder named like an article (x.txt/) is listed too, so that it is named in the
    # report (E104) instead of vanishing; its files are listed on their own.
    parts = path.relative_to(root).parts
    if any(part.startswith(".") for part in parts):
        return False
    return path.suffix.lower() in ARTICLE_SUFFIXES


def printable_path(path: PathLike) -> str:
    r"""``path`` as text any output can hold (UTF-8 JSON, Turtle, a one-line message).

    Escaped losslessly (two different names never give the same text): each byte that is
    not UTF-8 (held by Python as a surrogate escape) and each control character becomes
    ``\xNN``, and a backslash ``\\``. In a name that is not in Unicode NFC, each
    character NFC would change (a combining accent, a compatibility ideograph) becomes
    ``\uNNNN``: NFC and NFD spellings of one name, two files on Linux, stay two (IRIs are
    NFC). Names without any of these are returned unchanged.

    >>> printable_path(os.fsdecode(b"caf\xe9\n.txt"))
    'caf\\xe9\\x0a.txt'
    >>> printable_path("cafe\u0301.txt")
    'cafe\\u0301.txt'
    """
    text = os.fsdecode(path)
    decomposed = not unicodedata.is_normalized("NFC", text.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    if not decomposed and not any(_needs_escape(ch) for ch in text):
        return text
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch == "\\":
            out.append("\\\\")
        elif decomposed and _not_nfc_stable(ch):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        elif _needs_escape(ch):
            out.append("".join(f"\\x{b:02x}" for b in ch.encode("utf-8", "surrogatepass")))
        else:
            out.append(ch)
    return "".join(out)


def _not_nfc_stable(ch: str) -> bool:
    # Characters NFC composes with their neighbours or replaces: combining marks, Hangul
    # conjoining jamo, and singletons such as compatibility ideographs (U+F91D → U+6B04).
    return bool(unicodedata.combining(ch)) or 0x1100 <= ord(ch) <= 0x11FF or unicodedata.normalize("NFC", ch) != ch


def _needs_escape(ch: str) -> bool:
    return ch == "\\" or 0xD800 <= ord(ch) <= 0xDFFF or unicodedata.category(ch) == "Cc"


# ---------------------------------------------------------------- loading


def load_article(path: PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_body_chars: Optional[int] = None) -> Article:
    """Read one article file (``.txt`` or ``.html``/``.htm``) and its sidecar into an Article.

    Raises ``InputError`` (E101–E107, see :data:`ERROR_CODES`) when the file is empty,
    binary, undecodable, unreadable, missing, larger than ``max_bytes`` or a link loop.
    A body longer than ``max_body_chars`` (default :data:`DEFAULT_MAX_BODY_CHARS`) is cut
    at a sentence end (warning W107).
    ``Article.path`` and ``doc_id`` are :func:`printable_path` forms of the name.

    >>> load_article(Path("seeds/000_94789be653804502.txt")).published
    '2024-10-05'
    """
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    warnings: list[str] = []
    is_html = path.suffix.lower() in HTML_SUFFIXES
    text, encoding = decode_bytes(data, path, warnings, declared=_declared_html_charset(data) if is_html else None)
    page_meta: dict[str, Optional[str]] = {}
    if is_html:
        text, page_meta = html_to_text(text)
        if not text.strip():
            raise _input_error(path, E_EMPTY, "HTML page has no text outside scripts, styles and menus",
                               "save the article page itself, or its text as .txt")
    page_meta = {key: _capped_field(key, value, "page", warnings) if value else value for key, value in page_meta.items()}
    sidecar = read_sidecar(path, warnings)
    meta = _merge_metadata(sidecar, page_meta)
    verdicts = classify_paragraphs(text)
    limit = DEFAULT_MAX_BODY_CHARS if max_body_chars is None else max_body_chars
    blocks = document_blocks(verdicts, headline_index(verdicts, meta.get("title")), dateline_index(verdicts))
    # parsed: the kept paragraphs and the headings and rosters among the dropped lines
    parsed = {(b.start, b.end) for b in blocks if b.kind in ("heading", "roster")}
    parsed |= {(v.paragraph.start, v.paragraph.end) for v in verdicts if v.kept}
    spans = [piece for start, end in sorted(parsed) for piece in split_span(text, start, end)]
    body = _cap_body(text, spans, limit, warnings)
    return Article(
        doc_id=_doc_id(path),
        path=printable_path(path),
        text=text,
        body=body,
        title=meta.get("title") or headline(verdicts),
        published=meta.get("published") or dateline(verdicts),
        url=meta.get("url"),
        source=meta.get("source"),
        encoding=encoding,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        warnings=tuple(warnings),
        blocks=blocks,
        metadata=tuple((term, sidecar[term]) for term in METADATA_TERMS if sidecar.get(term)),
    )


# A year in a page's address: a path segment that is the year (「/2030/」) or the year and
# the month (「2030_04」「2030-04」, the page of that month), as web sites file their pages.
_URL_YEAR = re.compile(r"/((?:19|20)\d\d)(?:[_-](?:0[1-9]|1[0-2]))?(?=[/._-]|$)")


def url_year(url: Optional[str]) -> Optional[int]:
    """The year a page's address files it under, or None: only the path counts, not the
    host or the query, and only a segment that is the year, or the year then the month.

    >>> url_year("https://example.go.jp/j/minister/2030_04.html"), url_year("https://example.org/news/2031/05/item")
    (2030, 2031)
    >>> url_year("https://example.org/list?page=2030"), url_year("https://example.org/item/20301")
    (None, None)
    """
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[1] if "://" in path else path
    path = path[path.find("/"):] if "/" in path else ""
    found = _URL_YEAR.search(path)
    return int(found.group(1)) if found else None


def _doc_id(path: Path) -> str:
    return printable_path(path.name[: -len(path.suffix)] if path.suffix else path.name)


def split_span(text: str, start: int, end: int, max_chars: int = MAX_BLOCK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` cut into consecutive spans of about ``max_chars`` characters at
    most, each ending after the window's last sentence end (。 and the closing brackets
    right after it) or line break, else at ``max_chars``; spaces between spans dropped.

    >>> split_span("一。二。三。", 0, 6, max_chars=4)
    [(0, 4), (4, 6)]
    """
    spans: list[tuple[int, int]] = []
    while end - start > max_chars:
        window_end = start + max_chars
        cut = max(text.rfind(mark, start, window_end) for mark in (*SENTENCE_END, "\n")) + 1
        if cut <= start:
            cut = window_end  # no sentence end at all: a hard cut
        while cut < end and text[cut] in CLOSING_BRACKETS:  # 。」 stays whole (a few characters over)
            cut += 1
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():  # spans are stripped, like paragraphs
            start += 1
    if end > start:
        spans.append((start, end))
    return spans


def _cap_body(text: str, spans: list[tuple[int, int]], limit: int, notes: list[str]) -> tuple[tuple[int, int], ...]:
    """The body spans cut after ``limit`` characters, at the last sentence end before it
    when there is one in the span (else at the limit), with a W107 note when cut."""
    total = sum(end - start for start, end in spans)
    if total <= limit:
        return tuple(spans)
    kept: list[tuple[int, int]] = []
    room = limit
    for start, end in spans:
        if end - start <= room:
            kept.append((start, end))
            room -= end - start
            continue
        cut = max(text.rfind(mark, start, start + room) for mark in SENTENCE_END) + 1
        end = cut if cut > start else start + room
        if end > start:
            kept.append((start, end))
        break
    read = sum(end - start for start, end in kept)
    notes.append(f"[{W_BODY_TRIMMED}] body too long ({total:,} characters > limit {limit:,}): only the first "
                 f"{read:,} characters are read; split it into one file per article")
    return tuple(kept)


def _input_error(path: Path, code: str, what: str, fix: str) -> InputError:
    shown = printable_path(path)
    err = InputError(f"{shown}: {what}; {fix}", code=code)
    err.path, err.reason = shown, what  # for callers that list skipped files
    return err


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, after checking it is a readable regular file within the limit."""
    try:
        info = path.stat()
    except FileNotFoundError:
        what = "dangling symlink (its target does not exist)" if path.is_symlink() else "file not found (missing or removed)"
        raise _input_error(path, E_NOT_FOUND, what, "check the path or rebuild the file list") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _input_error(path, E_LINK_LOOP, "symbolic link loop (following the link leads back to it)",
                               "remove the link or point it at the article file") from None
        raise _input_error(path, E_UNREADABLE, f"cannot read file ({exc.strerror or exc})",
                           "check the file's permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise _input_error(path, E_UNREADABLE, "is a directory, not a file",
                           "pass the folder itself as an input, or rename it")
    if not stat.S_ISREG(info.st_mode):
        # FIFOs, sockets and devices could block or never end.
        raise _input_error(path, E_UNREADABLE, "not a regular file (pipe, socket or device)",
                           "copy the text into a regular .txt file")
    if info.st_size > max_bytes:
        raise _input_error(path, E_TOO_LARGE, f"file too large ({info.st_size:,} bytes > limit {max_bytes:,} bytes)",
                           "split it into one file per article or raise max_bytes")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise _input_error(path, E_NOT_FOUND, "file vanished before it could be read",
                           "check the path or rebuild the file list") from None
    except OSError as exc:
        raise _input_error(path, E_UNREADABLE, f"cannot read file ({exc.strerror or exc})",
                           "check the file's permissions") from None
    if len(data) > max_bytes:  # grew after stat
        raise _input_error(path, E_TOO_LARGE, f"file too large (more than limit {max_bytes:,} bytes)",
                           "split it into one file per article or raise max_bytes")
    if not data.strip():
        what = "empty file (0 bytes)" if not data else "whitespace-only file"
        raise _input_error(path, E_EMPTY, what, "remove it or put the article text in it")
    return data


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes, path: PathLike = "<bytes>", warnings: Optional[list[str]] = None,
                 declared: Optional[str] = None) -> tuple[str, str]:
    """Decode article bytes to ``(text, encoding)``; newlines become ``\\n``.

    Order: BOM, ISO-2022-JP escapes, a declared charset (HTML) if it decodes, strict
    UTF-8 (an incomplete sequence at the very end is dropped with a warning), then the
    Japanese legacy encodings and charset-normalizer's guess, ranked by how plausible the
    result is as Japanese text. Raises ``InputError`` E101, E102 or E103.
    """
    path = Path(path)
    notes = warnings if warnings is not None else []
    text, encoding = _decode(data, path, notes, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _input_error(path, E_EMPTY, f"whitespace-only text (decoded as {encoding})",
                           "remove it or put the article text in it")
    # The documented share is of bytes: a Japanese character is 2-3 bytes but one character,
    # so counting characters rejected a text with a few control bytes from 1.8 %.
    sample = text[:SCORE_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\f")
    sample_bytes = len(data) if len(sample) == len(text) else len(sample.encode("utf-8", "surrogatepass"))
    if controls > MAX_CONTROL_SHARE * sample_bytes:
        raise _input_error(path, E_BINARY, f"binary file (mostly control characters once decoded as {encoding})",
                           "pass text or HTML files only")
    if "\x00" in text:  # NULs that a byte-order mark's decoding kept (UTF-8-BOM, UTF-16)
        notes.append(f"[{W_NUL_BYTES}] removed {text.count(chr(0))} NUL character(s) from the text")
        text = text.replace("\x00", "")
    return text, encoding


def _decode(data: bytes, path: Path, notes: list[str], declared: Optional[str]) -> tuple[str, str]:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise _input_error(path, E_UNDECODABLE, f"starts with a {codec.upper()} byte-order mark but is not valid "
                                   f"{codec.upper()} (byte {exc.start})", f"re-save it in one of: {SUPPORTED_ENCODINGS}") from None
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(data):
        what = "NUL bytes" if b"\x00" in data else f"{controls / len(data):.0%} control bytes"
        raise _input_error(path, E_BINARY, f"binary file ({what})", "pass text or HTML files only")
    if b"\x00" in data:
        # A few NULs in text are noise (a bad copy, a scraper's padding), not a binary file.
        nuls = data.count(b"\x00")
        data = data.replace(b"\x00", b"")
        notes.append(f"[{W_NUL_BYTES}] removed {nuls} NUL byte(s) from the text")
    if data.isascii() and ISO2022_ESCAPE.search(data):
        for codec in ISO2022_VARIANTS:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                continue
    if declared:
        # A saved page may keep a stale <meta charset>: trust it only if the text reads as text.
        found = _most_plausible(data, _declared_codecs(declared))
        if found:
            return found
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            text = data[: exc.start].decode("utf-8")  # the rest was valid up to here
            notes.append(f"[{W_TRUNCATED}] truncated UTF-8: dropped an incomplete "
                         f"{len(data) - exc.start}-byte sequence at the end of the file")
            return text, "utf-8"
        return _decode_legacy(data, path, notes, exc)
    if not data.isascii() and not KANA.search(text):
        # A few bytes of Shift_JIS or EUC-JP can happen to be valid UTF-8 (年 in EUC-JP is
        # C7 AF, "ǯ" in UTF-8); real Japanese text has kana, so a kana-less UTF-8 reading
        # gives way to a legacy reading that has kana and scores higher.
        legacy = _most_plausible(data, LEGACY_JAPANESE)
        if legacy and KANA.search(legacy[0]) and text_plausibility(legacy[0])[1] > text_plausibility(text)[1]:
            return legacy
    return text, "utf-8"


def _declared_codecs(label: str) -> tuple[str, ...]:
    label = label.strip().lower()
    try:
        name = codecs.lookup(CHARSET_ALIASES.get(label, label)).name
    except LookupError:
        return ()
    if name in ("shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"):
        return ("shift_jis", "cp932")
    if name in ("euc_jp", "euc_jis_2004", "euc_jisx0213"):
        return ("euc_jp", "euc_jis_2004")
    if name.startswith("iso2022_jp"):
        return ISO2022_VARIANTS
    return (name,)


def _decode_legacy(data: bytes, path: Path, notes: list[str], utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    """The most plausible Japanese legacy decoding; the detector's guess only when none is.

    A file cut inside its last character (at most 2 bytes missing in Shift_JIS/EUC-JP)
    loses that character with a warning, as for UTF-8.
    """
    best = _most_plausible(data, LEGACY_JAPANESE)
    for cut in (1, 2):
        if best is not None or len(data) <= cut:
            break
        best = _most_plausible(data[:-cut], LEGACY_JAPANESE)
        if best is not None:
            notes.append(f"[{W_TRUNCATED}] truncated {best[1]}: dropped an incomplete "
                         f"{cut}-byte sequence at the end of the file")
    if best is None:
        guess = _detector_guess(data)
        best = _most_plausible(data, (guess,)) if guess else None
    if best is None:
        bad = data[utf8_error.start]
        raise _input_error(path, E_UNDECODABLE, f"not valid UTF-8 (byte 0x{bad:02x} at offset {utf8_error.start}) "
                           "and no supported encoding gives plausible text",
                           f"re-save it in one of: {SUPPORTED_ENCODINGS}")
    return best


def _most_plausible(data: bytes, codecs_to_try: Sequence[str]) -> Optional[tuple[str, str]]:
    """``(text, codec)`` of the best-scoring strict decoding that looks like text; ties go to the earlier codec."""
    best: Optional[tuple[float, str, str]] = None
    for codec in codecs_to_try:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        plausible, score = text_plausibility(text[:SCORE_SAMPLE_CHARS])
        if plausible >= MIN_PLAUSIBLE_SHARE and (best is None or score > best[0]):
            best = (score, text, codec)
    return (best[1], best[2]) if best else None


def _detector_guess(data: bytes) -> Optional[str]:
    from charset_normalizer import from_bytes

    match = from_bytes(data[:DETECTOR_SAMPLE_BYTES]).best()
    if match is None:
        return None
    try:
        return codecs.lookup(match.encoding).name
    except LookupError:
        return None


def text_plausibility(text: str) -> tuple[float, float]:
    """``(plausible share, score)`` of decoded text's non-ASCII characters.

    The plausible share counts characters real text is made of (kana, CJK ideographs,
    CJK/full-width punctuation, Latin letters); mis-decodings produce Hangul, private-use,
    control or stray Latin-1 characters instead. The score also rewards kana, which
    Japanese prose is never without (so a Japanese decoding outranks a Chinese one), and
    discounts half-width katakana, which is what EUC-JP bytes read as CP932 turn into.
    """
    total = plausible = kana = half_width = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80 or ch.isspace():
            continue
        total += 1
        if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
            kana += 1
        elif 0xFF61 <= code <= 0xFF9F:
            half_width += 1
        elif not _is_plausible_char(code):
            continue
        plausible += 1
    if total == 0:
        return 1.0, 1.0
    share = plausible / total
    kana_share = (kana + half_width) / total
    return share, share * (0.5 + 0.5 * min(1.0, kana_share / 0.1)) * (1 - 0.5 * half_width / total)


def _is_plausible_char(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF  # ideographs
        or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF60 or 0xFFE0 <= code <= 0xFFEE  # CJK/full-width
        or 0x2010 <= code <= 0x206F or 0x2100 <= code <= 0x27BF or 0x3200 <= code <= 0x33FF  # punct, symbols
        or 0x0370 <= code <= 0x04FF  # Greek, Cyrillic (in JIS X 0208)
        or 0x00C0 <= code <= 0x024F or code in (0xA7, 0xA8, 0xB0, 0xB1, 0xB4, 0xB6)  # Latin letters, JIS signs
    )


# ---------------------------------------------------------------- sidecar


def sidecar_path(path: PathLike) -> Path:
    """``NAME.meta.json`` beside ``NAME.txt`` / ``NAME.html``: the article's real name, byte
    for byte (not its escaped ``doc_id``: ``caf\\xe9`` is another file's name)."""
    path = Path(path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(stem + SIDECAR_SUFFIX)


def read_sidecar(path: PathLike, warnings: Optional[list[str]] = None) -> dict[str, Optional[str]]:
    """The valid metadata of ``path``'s sidecar (``{}`` when there is none): the
    :data:`SIDECAR_KEYS`, and the :data:`SIDECAR_METADATA_KEYS` under their term.

    Never raises for a bad sidecar: each problem becomes a one-line note in ``warnings``
    and the bad part (or, for unreadable JSON, the whole sidecar) is ignored.
    """
    notes = warnings if warnings is not None else []
    side = sidecar_path(path)
    if not os.path.lexists(side):
        return {}
    shown = printable_path(side.name)
    try:
        raw = read_regular(side, MAX_SIDECAR_BYTES).decode("utf-8-sig")
    except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else " ".join(str(exc).split())[:160]
        notes.append(f"[{W_SIDECAR_UNREADABLE}] sidecar {shown} unreadable ({reason}); loaded without metadata")
        return {}
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        notes.append(f"[{W_SIDECAR_JSON}] sidecar {shown} is not valid JSON ({exc.msg} at line {exc.lineno} "
                     f"column {exc.colno}); loaded without metadata")
        return {}
    if not isinstance(data, dict):
        notes.append(f"[{W_SIDECAR_SHAPE}] sidecar {shown} holds a JSON {type(data).__name__}, expected an object "
                     f"with keys {', '.join(SIDECAR_KEYS)}; loaded without metadata")
        return {}
    meta: dict[str, Optional[str]] = {}
    # a term's own key first: "language" wins over "lang", "license" over "licence"
    for key in sorted(data, key=lambda k: (SIDECAR_METADATA_KEYS.get(k, k) != k, k)):
        value = data[key]
        term = SIDECAR_METADATA_KEYS.get(key, key)
        if term not in SIDECAR_KEYS and term not in METADATA_TERMS:
            notes.append(unknown_key_note(shown, key))
        elif term in meta:
            continue  # "lang" beside "language": the term's own key is kept
        elif value is None:
            continue
        elif not isinstance(value, str):
            notes.append(f"[{W_SIDECAR_VALUE}] sidecar {shown}: {key} must be a string or null, "
                         f"got {json.dumps(value, ensure_ascii=False)}; ignored")
        elif key == "published":
            iso = iso_date(value)
            if iso is None:
                notes.append(f"[{W_SIDECAR_VALUE}] sidecar {shown}: published {value!r} is not an ISO date "
                             f"(YYYY-MM-DD); ignored")
            else:
                meta[key] = iso
        elif value.strip():
            meta[term] = _capped_field(key, value.strip(), f"sidecar {shown}", notes)
    return meta


def unknown_key_note(shown: str, key: str) -> str:
    """The W102 note for an unknown key ``key`` in the sidecar ``shown``."""
    return (f"[{W_SIDECAR_SHAPE}] sidecar {shown}: unknown key {key!r} ignored; "
            f"valid keys: {', '.join(SIDECAR_KEYS)}")


_UNKNOWN_KEY_NOTE = re.compile(rf"\[{W_SIDECAR_SHAPE}\] sidecar .*: unknown key (?P<key>'.*'|\".*\") ignored; "
                               rf"valid keys: {re.escape(', '.join(SIDECAR_KEYS))}\Z", re.S)


def unknown_sidecar_key(note: str) -> Optional[str]:
    """The key of a :func:`unknown_key_note` (None for any other note): a build reports
    each unknown key once, with the number of files, not once per file."""
    found = _UNKNOWN_KEY_NOTE.match(note)
    try:
        return ast.literal_eval(found.group("key")) if found else None
    except (ValueError, SyntaxError):  # a file name that looks like the note's tail
        return None


def _capped_field(key: str, value: str, where: str, notes: list[str]) -> str:
    """``value`` cut to ``MAX_FIELD_CHARS[key]`` characters (with a W103 note when cut)."""
    limit = MAX_FIELD_CHARS.get(SIDECAR_METADATA_KEYS.get(key, key), MAX_FIELD_CHARS["url"])
    if len(value) <= limit:
        return value
    notes.append(f"[{W_SIDECAR_VALUE}] {where}: {key} of {len(value):,} characters cut to {limit:,}")
    return value[:limit]


def iso_date(value: str) -> Optional[str]:
    """``YYYY-MM-DD`` from an ISO date or date-time string, else None."""
    value = value.strip()
    try:
        return date.fromisoformat(value[:10]).isoformat() if len(value) == 10 else (
            datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
        )
    except ValueError:
        return None


def _merge_metadata(sidecar: dict[str, Optional[str]], page: dict[str, Optional[str]]) -> dict[str, Optional[str]]:
    """The sidecar wins; the page fills what it lacks."""
    return {key: sidecar.get(key) or page.get(key) for key in SIDECAR_KEYS}


# ---------------------------------------------------------------- HTML


def _declared_html_charset(data: bytes) -> Optional[str]:
    found = HTML_CHARSET.search(data[:HTML_CHARSET_SNIFF_BYTES])
    return found.group(1).decode("ascii", "replace") if found else None


def html_to_text(markup: str) -> tuple[str, dict[str, Optional[str]]]:
    """The article text of an HTML page (paragraphs on their own lines) and its metadata.

    Scripts, styles, comments, menus, headers, footers and forms are removed before
    trafilatura takes the main text out; when it finds none, the remaining block
    elements' text is used. Metadata: ``title``, ``published``, ``url``, ``source``.
    """
    import lxml.etree
    import lxml.html

    markup = XML_DECLARATION.sub("", markup, count=1)
    if not markup.strip():
        return "", {}
    try:
        tree = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return "", {}
    meta = _html_metadata(tree)
    for element in list(tree.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _drop(element)
    for element in list(tree.iter(*HTML_DROP_TAGS)):
        _drop(element)
    for element in list(tree.xpath(HIDDEN_OR_LANDMARK)):
        _drop(element)
    text = _trafilatura_text(lxml.html.tostring(tree, encoding="unicode"))
    if not text.strip():
        widget_tokens = set(furniture_terms().get("html", ()))
        for element in list(tree.iter()):
            if isinstance(element.tag, str) and widget_tokens & _class_tokens(element):
                _drop(element)
        text = _block_text(tree)
    return text, meta


def _class_tokens(element) -> set[str]:
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return set(re.split(r"[\s_\-]+", names)) - {""}


def _drop(element) -> None:
    """Remove an element but keep its tail text (which belongs to the parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _trafilatura_text(markup: str) -> str:
    import trafilatura

    extracted = trafilatura.extract(
        markup, output_format="txt", include_comments=False, include_tables=True,
        include_images=False, include_links=False, deduplicate=False,
    )
    return _tidy_lines(extracted or "")


def _block_text(tree) -> str:
    """Text of the page with a line break after every block element."""
    for element in tree.iter(*HTML_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    body = tree.find("body")
    return _tidy_lines((body if body is not None else tree).text_content())


def _tidy_lines(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in (_untable(line) for line in lines) if line)


def _untable(line: str) -> str:
    """A table row as trafilatura writes it (``| a | b |``) without the pipes."""
    if len(line) > 1 and line.startswith("|") and line.endswith("|"):
        return " ".join(cell.strip() for cell in line[1:-1].split("|") if cell.strip())
    return line


def _html_metadata(tree) -> dict[str, Optional[str]]:
    metas: dict[str, str] = {}
    for element in tree.iter("meta"):
        name = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if name and content:
            metas.setdefault(name, content)
    published = None
    for name in HTML_DATE_META:
        if name in metas and iso_date(metas[name]):
            published = iso_date(metas[name])
            break
    if published is None:
        for element in tree.xpath('//*[@itemprop="datePublished"]'):
            published = iso_date(element.get("datetime") or element.get("content") or element.text_content())
            if published:
                break
    if published is None:
        published = _json_ld_date(tree)
    title_element = tree.find(".//title")
    title = metas.get("og:title") or (title_element.text_content().strip() if title_element is not None else None)
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    return {
        "title": title or None,
        "published": published,
        "url": (canonical[0].strip() if canonical else None) or metas.get("og:url"),
        "source": metas.get("og:site_name"),
    }


def _json_ld_date(tree) -> Optional[str]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except (json.JSONDecodeError, TypeError):
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                found = iso_date(item["datePublished"])
                if found:
                    return found
    return None


# ---------------------------------------------------------------- body spans


@dataclass(frozen=True)
class Paragraph:
    """A paragraph candidate: a block of whole lines of the text, stripped."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ParagraphVerdict:
    """Why a paragraph is kept or dropped (``kind``: good | near | furniture)."""

    paragraph: Paragraph
    kind: str
    reason: str
    kept: bool = False


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraph candidates: each non-blank line, stripped; in a hard-wrapped text, a full
    line that does not end a sentence is joined with the line after it."""
    lines: list[tuple[int, Paragraph]] = []  # (line number, stripped line)
    offset = 0
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            lines.append((number, Paragraph(start, start + len(stripped), stripped)))
        offset += len(line) + 1
    wrap = _wrap_width([p.text for _, p in lines])
    paragraphs: list[Paragraph] = []
    previous: Optional[tuple[int, Paragraph]] = None  # the previous physical line
    for number, line in lines:
        if wrap and previous and previous[0] == number - 1 and _continues(previous[1].text, line.text, *wrap):
            joined = paragraphs.pop()
            paragraphs.append(Paragraph(joined.start, line.end, text[joined.start:line.end]))
        else:
            paragraphs.append(line)
        previous = (number, line)
    return paragraphs


def _wrap_width(lines: Sequence[str]) -> Optional[tuple[Callable[[str], int], int]]:
    """``(measure, width)`` when the text is hard-wrapped: most long lines end at the same
    width (in display columns, or in characters), and hardly any line is longer."""
    for measure, minimum, slack in ((_display_width, HARD_WRAP_MIN_COLUMNS, 2), (len, HARD_WRAP_MIN_COLUMNS // 2, 1)):
        widths = Counter(measure(line) for line in lines)
        long = sum(count for w, count in widths.items() if w >= minimum)
        if long < HARD_WRAP_MIN_LINES:
            continue
        ending_at = {w: sum(widths[w - k] for k in range(slack + 1)) for w in widths if w >= minimum}
        width = max(ending_at, key=lambda w: (ending_at[w], w))
        longer = sum(count for w, count in widths.items() if w > width)
        if ending_at[width] >= HARD_WRAP_MIN_SHARE * long and longer <= HARD_WRAP_MAX_LONGER * len(lines):
            return measure, width - slack
    return None


def _continues(line: str, next_line: str, measure: Callable[[str], int], full_width: int) -> bool:
    return (
        measure(line) >= full_width
        and not line.endswith(SENTENCE_END)
        and line[0] not in BULLETS
        and next_line[0] not in BULLETS
    )


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def classify_paragraphs(text: str) -> list[ParagraphVerdict]:
    """Every paragraph candidate of ``text`` with its verdict (kept or not, and why).

    Per paragraph: prose (has 。, or is long and ends in a closing bracket) of at least
    ``GOOD_PARAGRAPH_CHARS`` is *good*, shorter prose *near*, anything else furniture.
    Then: an end-of-page heading (ランキング, コメント, …) after article prose drops the
    rest of the page; a box heading (関連記事, …) drops lines until prose resumes; a paragraph
    already kept once is a repeat; near paragraphs stay when next to good ones or to each
    other (a lone teaser between headlines does not), or when the text has no anchor.
    """
    terms = furniture_terms()
    paragraphs = split_paragraphs(text)
    first = [_classify(p.text, terms) for p in paragraphs]
    if _cut_off_ending(paragraphs, first):
        first[-1] = ("near", "prose cut off where the excerpt ends")
    # Section pass: headings open furniture sections. Modes: body; box (an in-article box,
    # transparent to the context rule below); menu (an end heading before the article: a
    # menu item, opaque); cut (an end heading after article prose: the rest of the page).
    kinds: list[tuple[str, str]] = []
    in_box: list[bool] = []
    mode, prose_seen, good_seen = "body", 0, False
    for kind, reason in first:
        if kind.startswith("heading:"):
            heading = kind.split(":", 1)[1]
            if mode != "cut":
                # "Article prose" is a long paragraph or two short ones; one short line
                # before it may be a news ticker.
                if heading == "box":
                    mode = "box"
                else:
                    mode = "cut" if good_seen or prose_seen >= 2 else "menu"
            kinds.append(("furniture", f"{heading} heading: {reason}"))
            in_box.append(mode == "box")
            continue
        if mode in ("box", "menu") and kind in ("good", "near"):
            mode = "body"
        if mode != "body":
            kinds.append(("furniture", "after an end-of-page heading" if mode == "cut"
                          else f"in a {mode} after a heading ({reason})"))
            in_box.append(mode == "box")
            continue
        prose_seen += kind in ("good", "near")
        good_seen = good_seen or kind == "good"
        kinds.append((kind, reason))
        in_box.append(False)
    # Context: which short paragraphs belong to the body (a box inside the article is skipped,
    # and so are a readout's own structure lines, numbered headings and rosters labelled by
    # side, so that the paragraphs around them are read as one run).
    rows = roster_rows([p.text for p in paragraphs])
    structure = [kinds[i][0] == "furniture" and (is_section_heading(p.text) or i in rows)
                 for i, p in enumerate(paragraphs)]
    context = [index for index, boxed in enumerate(in_box) if not boxed and not structure[index]]
    keep = [False] * len(paragraphs)
    context_kinds = ["heading" if first[index][0].startswith("heading:") else kinds[index][0] for index in context]
    list_heads = [is_list_heading(paragraphs[index].text) for index in context]
    for index, kept in zip(context, _keep_flags(context_kinds, list_heads)):
        keep[index] = kept
    _keep_listing_items(paragraphs, kinds, keep)
    # Repeats: the first kept copy of a paragraph stays. They count as body for the context
    # above, so an article printed twice keeps its last paragraphs too.
    seen: set[str] = set()
    for index, (kind, _) in enumerate(kinds):
        if kind in ("good", "near"):
            key = _dedup_key(paragraphs[index].text)
            if key in seen:
                kinds[index] = ("furniture", "verbatim repeat of an earlier paragraph")
                keep[index] = False
            elif keep[index]:
                seen.add(key)
    return [ParagraphVerdict(p, kind, reason, kept) for p, (kind, reason), kept in zip(paragraphs, kinds, keep)]


# a field's label after its number: a short word in Japanese (「2 日時」「3 出席者」), not 「12.3 C」
FIELD_LABEL = re.compile(r"[\s.．、)）]\s*[\u3040-\u30ff\u4e00-\u9fff・]{1,8}\s*$")
LISTING_TITLE_LINES = 1  # lines (an item's title) between an item's date line and its text


def _dated_item_text(paragraphs: Sequence[Paragraph], index: int) -> bool:
    """Whether paragraph ``index`` stands right under a line that is only a full date (「2030年5月4日」),
    maybe with the item's title line between: the text of an item of a dated listing."""
    for above in range(index - 1, max(-1, index - 2 - LISTING_TITLE_LINES), -1):
        if date_line(paragraphs[above].text):
            return True
    return False


def _keep_listing_items(paragraphs: Sequence[Paragraph], kinds: Sequence[tuple[str, str]], keep: list[bool]) -> None:
    """A listing page of dated items (「2030年5月4日」, the item's title, its text): when the first
    kept prose of the page is such an item's text, the short texts of the items after it are body
    too (each under its own date line), up to the page's end furniture."""
    first = next((i for i, k in enumerate(keep) if k), None)
    if first is None or not _dated_item_text(paragraphs, first):
        return
    for index in range(first + 1, len(paragraphs)):
        kind, reason = kinds[index]
        if reason.startswith("after an end-of-page"):
            break
        if kind in ("good", "near") and not keep[index] and _dated_item_text(paragraphs, index):
            keep[index] = True


def _cut_off_ending(paragraphs: Sequence[Paragraph], first: Sequence[tuple[str, str]]) -> bool:
    """Whether the text's last paragraph is a sentence the excerpt cut off (「4月13日、A大臣は、
    B大臣とテレビ会談をしま」): no sentence end, but a clause mark and the length of prose, right
    after a paragraph of article prose (or after the numbered heading of its section that follows
    one: 「(2)協力の現状」)."""
    before = len(paragraphs) - 2
    if before >= 1 and is_section_heading(paragraphs[before].text):
        before -= 1
    if len(paragraphs) < 2 or first[-1][0] != "furniture" or first[before][0] not in ("good", "near"):
        return False
    text = unicodedata.normalize("NFKC", paragraphs[-1].text)
    return (
        len(text) >= CUT_OFF_PROSE_CHARS and ("、" in text or "," in text)
        and not _is_menu(text) and not URL_OR_EMAIL.search(text)
        and first[-1][1].startswith("no sentence punctuation")
    )


def _keep_flags(kinds: Sequence[str], list_heads: Sequence[bool] = ()) -> list[bool]:
    """Which paragraphs stay, given each one's kind (good, near, furniture, heading).

    Good paragraphs stay; a run of near ones stays when it is two or more long (body
    prose comes in runs), when it touches a good one, or when the text has no such anchor
    (a short article). A lone near paragraph stays when kept prose is a few furniture lines
    away (a caption or a video widget in between); a chain of lone ones a few lines apart
    stays only between kept prose, since hanging off the body it is a headline/teaser list."""
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(kinds):
        if kinds[index] == "near":
            end = index
            while end < len(kinds) and kinds[end] == "near":
                end += 1
            runs.append((index, end))
            index = end
        else:
            index += 1
    has_anchor = "good" in kinds or any(end - start >= 2 for start, end in runs)
    keep = [kind == "good" for kind in kinds]
    lone: list[int] = []
    for start, end in runs:
        touches_good = (start > 0 and kinds[start - 1] == "good") or (end < len(kinds) and kinds[end] == "good")
        if end - start >= 2 or touches_good or not has_anchor:
            keep[start:end] = [True] * (end - start)
        else:
            lone.append(start)
    for chain in _chains(lone, kinds):
        before = _kept_prose_near(chain[0], -1, kinds, keep)
        after = _kept_prose_near(chain[-1], 1, kinds, keep)
        # One lone paragraph needs body on one side; a chain needs it on both (inside the
        # article, between captions); a chain hanging off the body is a teaser list.
        if (before or after) if len(chain) == 1 else (before and after):
            for index in chain:
                keep[index] = True
    lead = _lead_above_list(lone, kinds, keep, list_heads)
    if lead is not None:
        keep[lead] = True
    return keep


def _lead_above_list(lone: list[int], kinds: Sequence[str], keep: Sequence[bool],
                     list_heads: Sequence[bool]) -> Optional[int]:
    """「…協議が開催されました。」 then 「【出席者】」 and a table of names, then the body: the
    first prose of a page, a lone short paragraph, is its lead when nothing but lines of a list
    (no heading, no other prose) stand between it and the kept body below, and the list is
    announced by a list word right under it (other short lines there are page furniture: a
    teaser above links is no lead)."""
    if not lone or any(kind in ("good", "near") for kind in kinds[: lone[0]]):
        return None
    index = lone[0]
    if not (index + 1 < len(list_heads) and list_heads[index + 1]):
        return None
    other = index + 1
    while other < len(kinds) and other - index <= LEAD_LIST_MAX_LINES + 1 and kinds[other] == "furniture":
        other += 1
    return index if other < len(kinds) and other - index <= LEAD_LIST_MAX_LINES + 1 and keep[other] else None


def _chains(lone: list[int], kinds: Sequence[str]) -> list[list[int]]:
    """Lone paragraphs grouped when only a few furniture lines separate them."""
    chains: list[list[int]] = []
    for index in lone:
        previous = chains[-1][-1] if chains else None
        if (previous is not None and index - previous - 1 <= LONE_PARAGRAPH_GAP
                and all(kind in ("furniture", "heading") for kind in kinds[previous + 1:index])):
            chains[-1].append(index)
        else:
            chains.append([index])
    return chains


def _kept_prose_near(index: int, step: int, kinds: Sequence[str], keep: Sequence[bool]) -> bool:
    """Whether the nearest prose from ``index`` in direction ``step`` is kept, close, and
    not behind a heading (a heading starts another section of the page)."""
    other = index + step
    while 0 <= other < len(kinds) and abs(other - index) <= LONE_PARAGRAPH_GAP + 1:
        if kinds[other] == "heading":
            return False
        if kinds[other] != "furniture":
            return keep[other]
        other += step
    return False


def find_body_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of the paragraphs of ``text`` kept as article body, in order."""
    return tuple((v.paragraph.start, v.paragraph.end) for v in classify_paragraphs(text) if v.kept)


def headline(verdicts: Sequence[ParagraphVerdict]) -> Optional[str]:
    """The article's headline as printed above its body, or None when no line looks like one.

    The first of the few lines just above the body that is long enough, has no sentence
    punctuation and is not a date, a menu or breadcrumb, a source or a byline (used when
    no sidecar or page metadata gives the title). Lines further up are page headers and
    may be other articles' headlines.
    """
    at = headline_index(verdicts)
    return verdicts[at].paragraph.text if at is not None else None


def headline_index(verdicts: Sequence[ParagraphVerdict], title: Optional[str] = None) -> Optional[int]:
    """The index of the headline line among ``verdicts`` (see :func:`headline`), or None. A line
    above the body that is the title the page's metadata gives is the headline; a line of a
    table (cells parted by tabs) never is."""
    suffixes = furniture_terms().get("source", ())
    first_kept = next((i for i, verdict in enumerate(verdicts) if verdict.kept), None)
    if first_kept is None:
        return None
    if title:
        named = unicodedata.normalize("NFKC", title).strip()
        for at in range(first_kept):
            if not verdicts[at].kept and unicodedata.normalize("NFKC", verdicts[at].paragraph.text).strip() == named:
                return at
    for at in _headline_window(verdicts, first_kept):
        verdict = verdicts[at]
        line = unicodedata.normalize("NFKC", verdict.paragraph.text)
        if (
            verdict.reason.startswith("no sentence punctuation")
            and HEADLINE_MIN_CHARS <= len(line) <= HEADLINE_MAX_CHARS
            and "\n" not in line and "\t" not in line
            and len(CJK.findall(line)) >= HEADLINE_MIN_CHARS // 2
            and not DATE_OR_TIME.search(line)
            and not any(mark in line for mark in "|>»")
            and not _is_menu(line)
            and not line.rstrip(")）】] ").endswith(suffixes)
        ):
            return at
    return None


def _headline_window(verdicts: Sequence[ParagraphVerdict], first_kept: int) -> list[int]:
    """The lines above the body searched for the headline, top first: the ``HEADLINE_WINDOW``
    lines above it, not counting the page's own structure between (numbered field sections
    「1 日時」「2 場所」「3 出席者」, the short line each heads, roster rows: a readout's fields may
    stand between its headline and its prose)."""
    texts = [v.paragraph.text for v in verdicts[:first_kept]]
    rows = roster_rows(texts)
    structure = set(rows)
    for i, text in enumerate(texts):
        if is_section_heading(text) or is_list_heading(text):
            structure.add(i)
            if i + 1 < len(texts) and i + 1 not in rows and len(texts[i + 1]) <= FURNITURE_LINE_MAX_CHARS \
                    and not is_section_heading(texts[i + 1]) and FIELD_LABEL.search(text):
                structure.add(i + 1)  # (the field's value: 「令和8年5月8日(金)」「外務省」)
    window, at = [], first_kept - 1
    while at >= 0 and len(window) < HEADLINE_WINDOW:
        if at not in structure:
            window.append(at)
        at -= 1
    return sorted(window)


def dateline(verdicts: Sequence[ParagraphVerdict]) -> Optional[str]:
    """The ISO publication date printed above the body, or None.

    Only a short line that says what the date is (配信, 入力, 登録, 公開, …: kind
    ``dateline`` in ``furniture.tsv``) and gives the year counts: a bare date at the top of
    a page is often the day the page was viewed, not the day the article was published.
    """
    at = dateline_index(verdicts)
    if at is None:
        return None
    found = FULL_DATE.search(unicodedata.normalize("NFKC", verdicts[at].paragraph.text))
    return date(*(int(part) for part in found.groups())).isoformat()


def dateline_index(verdicts: Sequence[ParagraphVerdict]) -> Optional[int]:
    """The index of the dateline among ``verdicts`` (see :func:`dateline`), or None."""
    cues = furniture_terms().get("dateline", ())
    for at, verdict in enumerate(verdicts):
        if verdict.kept:
            return None
        line = unicodedata.normalize("NFKC", verdict.paragraph.text)
        if len(line) > DATELINE_MAX_CHARS or "現在" in line or not any(cue in line for cue in cues):
            continue
        found = FULL_DATE.search(line)
        if found:
            try:
                date(*(int(part) for part in found.groups()))
            except ValueError:
                continue
            return at
    return None


def _is_menu(line: str) -> bool:
    """Many short words: a menu (one longer item, 「欧州(NIS諸国を含む)」, does not make it a headline)."""
    words = line.split()
    if len(words) == 3 and max(len(word) for word in words) <= 4:
        return True  # a breadcrumb of three short words: 「トップ 外交政策 欧州」
    return len(words) >= 4 and sum(len(word) <= 6 for word in words) >= 0.75 * len(words)


def _dedup_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _classify(text: str, terms: dict[str, tuple[str, ...]]) -> tuple[str, str]:
    """``(kind, reason)`` of one paragraph on its own: good | near | furniture | heading:<end|box>."""
    normal = unicodedata.normalize("NFKC", text)
    heading = _heading_kind(text, normal, terms)
    if heading:
        return f"heading:{heading[0]}", heading[1]
    if DATED_ITEM.match(normal) and not _is_prose(text):
        return "near", "dated item of an activity list"
    if (text[0] in BULLETS or normal[0] in BULLETS) and not (_is_prose(text) and len(text) >= GOOD_PARAGRAPH_CHARS):
        return "furniture", "bulleted line"  # a menu item; readouts bullet their prose too
    credit = _credit_word(normal, terms)
    if credit:
        return "furniture", f"credit line ({credit})"
    if len(text) <= LINK_LINE_MAX_CHARS and URL_OR_EMAIL.search(normal):
        return "furniture", "link or e-mail line"
    if len(text) <= FURNITURE_LINE_MAX_CHARS:
        for word in terms.get("line", ()):
            if word in normal:
                return "furniture", f"furniture word {word!r}"
    if not _is_prose(text):
        if CONTINUATION_TITLE.search(normal):
            return "furniture", "page-continuation title"
        return "furniture", "no sentence punctuation (title, menu, date or byline)"
    if len(text) >= GOOD_PARAGRAPH_CHARS:
        return "good", "prose"
    return "near", "short prose"


def _is_prose(text: str) -> bool:
    if any(mark in text for mark in SENTENCE_END):
        return True
    if CAPTION_DATELINE.search(unicodedata.normalize("NFKC", text)):
        return True  # a dated photo caption says what happened: 「…に臨むA大統領(2018年4月27日撮影)」
    if "、" in text and text.rstrip().endswith(furniture_terms().get("prose_end", ())):
        return True  # a readout's lead without 。: 「…を行ったところ、概要以下のとおり」
    return len(text) >= UNPUNCTUATED_PROSE_CHARS and text[-1] in CLOSING_BRACKETS and "、" in text


def _heading_kind(text: str, normal: str, terms: dict[str, tuple[str, ...]]) -> Optional[tuple[str, str]]:
    if any(mark in text for mark in SENTENCE_END):
        return None
    bare = HEADING_DECORATION.sub("", normal)
    if not bare or len(bare) > HEADING_MAX_CHARS:
        return None
    for word, kind, written in _heading_words():
        if (bare.startswith(word) or bare.endswith(word)) and len(bare) - len(word) <= HEADING_EXTRA_CHARS:
            return kind, written
    return None


@lru_cache(maxsize=None)
def _heading_words() -> tuple[tuple[str, str, str], ...]:
    """(word as compared, kind, word as written) of every heading word, longest first;
    compared like the lines are (NFKC, no decoration), so 特集・連載 matches 【特集・連載】."""
    terms = furniture_terms()
    words = {(HEADING_DECORATION.sub("", unicodedata.normalize("NFKC", word)), kind, word)
             for kind in ("end", "box") for word in terms.get(kind, ())}
    return tuple(sorted((w for w in words if w[0]), key=lambda w: (-len(w[0]), w)))


def _credit_word(normal: str, terms: dict[str, tuple[str, ...]]) -> Optional[str]:
    for word in terms.get("credit", ()):
        if normal.startswith(word):
            rest = normal[len(word):].lstrip()
            if rest[:1] in (":", "=", "/", "|"):
                return word
    return None
