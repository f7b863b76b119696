"""Dated photo captions stay in the body: they say what happened (made-up lines)."""
import pytest

from kg.ingest import classify_paragraphs


@pytest.mark.parametrize(
    "line, kept",
    [
        ("第2回日韓首脳会談に臨む日本の山田一郎首相と韓国のキム・ミンス大統領(2024年4月27日撮影)", True),
        ("会談に臨むキム大統領(左)とタン首相=2日(現地時間)、シンガポール、大統領室", True),
        ("日英外相会談の様子", False),  # an undated caption stays out
    ],
)
def test_ingest_photo_caption_kept(line, kept):
    text = "ニュース\n\n" + line + "\n\n山田一郎首相は記者団に対し、会談の成果を強調した。首相は今後も協力を続ける考えを示した。両国は次回の会談を来年開くことで合意した。\n"
    verdicts = classify_paragraphs(text)
    caption = next(v for v in verdicts if v.paragraph.text == line)
    assert caption.kept is kept, caption
