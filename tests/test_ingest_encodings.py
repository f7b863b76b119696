"""Every supported encoding loads to exactly the text of the UTF-8 file."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import decode_bytes, load_article

# Representable in every supported encoding (JIS X 0208 only: ISO-2022-JP has no more).
ARTICLE = (
    "韓米の外交・国防当局は4日、ワシントンで第5回拡大抑止戦略協議体(EDSCG)会議を開いた。\n"
    "韓国側からは外交部の第1次官が、米国側からは国務次官が出席した。\n"
    "\n"
    "双方は「危機状況シナリオに基づいた討議を初めて行った」と明らかにした。\n"
)

ENCODINGS = [
    # (how the file is written, encoding recorded on the Article)
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),  # BOM + native order
    ("utf-16-le-bom", "utf-16"),
    ("utf-16-be-bom", "utf-16"),
    ("shift_jis", "shift_jis"),
    ("cp932", "shift_jis"),  # same bytes as Shift_JIS for this text
    ("euc_jp", "euc_jp"),
    ("iso2022_jp", "iso2022_jp"),
]


def encode(text: str, how: str) -> bytes:
    if how == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if how == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(how)


@pytest.mark.parametrize("how, recorded", ENCODINGS)
def test_ingest_encoding_gives_utf8_text(tmp_path: Path, how: str, recorded: str):
    reference = tmp_path / "ref.txt"
    reference.write_bytes(ARTICLE.encode("utf-8"))
    legacy = tmp_path / f"article_{how}.txt"
    legacy.write_bytes(encode(ARTICLE, how))
    expected = load_article(reference)
    article = load_article(legacy)
    assert article.text == expected.text == ARTICLE
    assert article.body == expected.body
    assert article.sha256 == expected.sha256
    assert article.encoding == recorded


@pytest.mark.parametrize("how", ["utf-8", "shift_jis", "euc_jp", "utf-16"])
def test_ingest_encoding_crlf_becomes_lf(tmp_path: Path, how: str):
    path = tmp_path / "crlf.txt"
    path.write_bytes(encode(ARTICLE.replace("\n", "\r\n"), how))
    assert load_article(path).text == ARTICLE


def test_ingest_encoding_cp932_only_characters(tmp_path: Path):
    # ① and ㈱ exist in CP932 (NEC/IBM extensions) but not in JIS Shift_JIS.
    text = "①韓米会議は㈱関係者も参加して開かれた。\n"
    path = tmp_path / "cp932.txt"
    path.write_bytes(text.encode("cp932"))
    article = load_article(path)
    assert (article.text, article.encoding) == (text, "cp932")


@pytest.mark.parametrize("text, expected", [
    # 0x8160 is 〜 (U+301C) in JIS Shift_JIS and ～ (U+FF5E) in CP932: the JIS reading wins
    # unless the file has a CP932-only character (documented in docs/ingest.md).
    ("会議は18〜19日に開かれた。", "会議は18〜19日に開かれた。"),
    ("会議は18～19日に開かれた。", "会議は18〜19日に開かれた。"),
    ("①会議は18～19日に開かれた。", "①会議は18～19日に開かれた。"),
])
def test_ingest_encoding_wave_dash_ambiguity(text: str, expected: str):
    data = text.encode("cp932" if "～" in text else "shift_jis")
    assert decode_bytes(data)[0] == expected


def test_ingest_encoding_truncated_utf8_drops_tail_with_warning(tmp_path: Path):
    data = ARTICLE.encode("utf-8") + "会".encode("utf-8")[:2]
    path = tmp_path / "truncated.txt"
    path.write_bytes(data)
    article = load_article(path)
    assert article.text == ARTICLE
    assert article.warnings == (
        "[W105] truncated UTF-8: dropped an incomplete 2-byte sequence at the end of the file",
    )


def test_ingest_encoding_invalid_utf8_in_middle_is_undecodable(tmp_path: Path):
    # Not a truncation: a lone continuation byte inside Latin text, no Japanese reading.
    path = tmp_path / "broken.txt"
    path.write_bytes(b"caf\xa9 au lait " * 3 + "です。".encode("utf-8") + b"\xff\xfe\xfd\xfc" * 30)
    with pytest.raises(InputError) as info:
        load_article(path)
    assert info.value.code == "E103"
    assert str(info.value) == (
        f"[E103] {path}: not valid UTF-8 (byte 0xa9 at offset 3) and no supported encoding gives plausible text; "
        "re-save it in one of: UTF-8, UTF-8 with BOM, UTF-16 with BOM, Shift_JIS/CP932, EUC-JP, ISO-2022-JP"
    )


def test_ingest_encoding_bad_utf16_after_bom(tmp_path: Path):
    path = tmp_path / "bad16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "会議".encode("utf-16-le") + b"\x00\xd8")  # lone high surrogate
    with pytest.raises(InputError) as info:
        load_article(path)
    assert info.value.code == "E103"
    assert "byte-order mark but is not valid UTF-16" in str(info.value)


def test_ingest_encoding_euc_not_taken_for_korean():
    # charset-normalizer alone guesses cp949 for short EUC-JP; the Japanese check must not.
    text = "会議は開かれた。"
    assert decode_bytes(text.encode("euc_jp")) == (text, "euc_jp")


# ---------------------------------------------------------------- property: round trip

# JIS X 0208 characters where Shift_JIS and CP932 agree (the wave dash family differs,
# see test_ingest_encoding_wave_dash_ambiguity).
KANA = "".join(chr(c) for c in range(0x3041, 0x3094)) + "".join(chr(c) for c in range(0x30A1, 0x30F7))
KANJI = "会議韓米日国防外交部次官長協議体核抑止戦略第回開催参加首脳声明朝鮮半島北大統領政府同盟強化確認合意年月時間"
PUNCT = "、。「」()・ー"
ASCII = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789 "
JAPANESE_TEXT = st.text(alphabet=KANA + KANJI + PUNCT + ASCII + "\n", min_size=1, max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=JAPANESE_TEXT, how=st.sampled_from([h for h, _ in ENCODINGS]))
def test_ingest_encoding_round_trip_property(text: str, how: str):
    """Japanese text with some kana comes back unchanged from every encoding that holds it."""
    assume(text.strip() and sum(ch in KANA for ch in text) >= 3)
    assert decode_bytes(encode(text, how))[0] == text


@pytest.mark.parametrize("codec", ["shift_jis", "euc_jp"])
def test_ingest_encoding_truncated_legacy_drops_tail_with_warning(tmp_path: Path, codec: str):
    path = tmp_path / "cut.txt"
    path.write_bytes((ARTICLE + "会").encode(codec)[:-1])
    article = load_article(path)
    assert (article.text, article.encoding) == (ARTICLE, codec)
    assert article.warnings == (
        f"[W105] truncated {codec}: dropped an incomplete 1-byte sequence at the end of the file",
    )
