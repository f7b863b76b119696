"""The government a publisher speaks for (kg/data/publishers.tsv), from a sidecar's url/source."""
import pytest

from kg import lexicon


@pytest.mark.parametrize(
    "url, source, expected",
    [
        ("https://www.mofa.go.jp/mofaj/press/x.html", None, "JP"),
        ("https://jp.usembassy.gov/ja/x/", "在日米国大使館", "US"),
        ("https://www.gov.uk/government/news/x", None, "GB"),
        ("https://mirror.example.org/2023/01/07/1", "mirror.example.org (mirror of 外務省・新着情報)", "JP"),
        (None, "防衛省 (mod.go.jp)", "JP"),
        ("https://ja.wikinews.org/wiki/x", "ウィキニュース", None),  # a news outlet speaks for nobody
        ("https://news.example.com/x", None, None),
        ("not a url", "", None),
    ],
)
def test_lexicon_publisher_country(url, source, expected):
    assert lexicon.publisher_country(url, source) == expected
