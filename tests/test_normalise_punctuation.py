"""The normaliser before parsing: commas used as 読点 become 「、」, length and offsets kept."""
import pytest

from kg.normalise import normalise_for_parse


@pytest.mark.parametrize(
    "text, expected",
    [
        ("本5日,山田外務大臣は,スミス外相と会談した。", "本5日、山田外務大臣は、スミス外相と会談した。"),
        ("大臣，外相及び長官", "大臣、外相及び長官"),
        ("3月18,19日に開催された", "3月18,19日に開催された"),  # a list of days stays
        ("1,000人が参加", "1,000人が参加"),  # a thousands separator stays
        ("Mr. John Smith, Minister", "Mr. John Smith, Minister"),  # English stays English
        ("会談を行い,共同声明を発表", "会談を行い、共同声明を発表"),
    ],
)
def test_normalise_commas_as_touten(text, expected):
    out = normalise_for_parse(text)
    assert out == expected
    assert len(out) == len(text)


@pytest.mark.parametrize(
    "text, masked",
    [
        ("部長(Mr. John Smith, Principal Director)ほかが参加", True),  # a gloss after the post
        ("大臣(The Hon Jane Doe, MP, Minister for Foreign Affairs)と会談", True),
        ("ジョン・スミス(John Smith)外相は", False),  # a reading between name and post stays
        ("核協議グループ(NCG)を", False),  # an acronym stays
        ("クレムリン(Kremlin)で", False),  # one word
    ],
)
def test_normalise_english_gloss_blanked(text, masked):
    out = normalise_for_parse(text)
    assert len(out) == len(text)
    assert (out != text) is masked
    if masked:
        assert "(" not in out and "Minister" not in out and "Director" not in out
