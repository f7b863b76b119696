"""An Official serves a government: without a country the evidence allows, a person with a
post stays a kgo:Person (titles kept), so every build is SHACL-valid (made-up text, real GiNZA)."""
import pytest

from kg.resolve import resolve


@pytest.mark.parametrize(
    "text, name, official",
    [
        # nothing says whom the general serves: a Person with the post, not an Official
        ("昨年のボロジン地上軍総司令官の訪日を歓迎した。", "ボロジン", False),
        # a country written with the post: an Official of it
        ("ロシアのボロジン地上軍総司令官が来日した。", "ボロジン", True),
    ],
)
def test_official_needs_a_country(facts_of, text, name, official):
    people = {p.label: p for p in resolve([facts_of(text, published="2020-01-01")]).people}
    person = people[name]
    assert person.is_official is official
    assert (person.country is not None) is official
    assert person.titles
