"""A post written straight after the surname of a person named earlier with that post points back
at that person, also when the tagger reads the surname alone as a place name (made-up sentences,
real GiNZA)."""
import pytest


@pytest.mark.parametrize(
    "text, short, partner",
    [
        ("日本の長崎健司外務省欧州局長と北朝鮮の李東民外務次官が平壌入りした。\n長崎局長は協議の前日、李次官と非公式に接触した。",
         "長崎健司", "李東民"),
        ("日本の浦和真一防衛政策局長は9日、韓国の朴成民国防政策室長と会談した。\n浦和局長は翌日、国防部の金英洙次官とも会談した。",
         "浦和真一", "金英洙"),
        ("会合には日本の富良野健外務審議官、米国のジョン・ミラー国務次官が出席した。\n富良野審議官は会合後、ミラー次官と立ち話をした。",
         "富良野健", "ジョン・ミラー"),
    ],
)
def test_extract_surname_and_post_refer_back(facts_of, text, short, partner):
    facts = facts_of(text, published="2024-05-10")
    keys = {p.name: p.key for p in facts.people}
    together = {}
    for r in facts.representations:
        together.setdefault(r.meeting, set()).add(r.person)
    assert any({keys[short], keys[partner]} <= people for people in together.values()), facts.representations
