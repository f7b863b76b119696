"""立ち話 with no subject written: 「Aは…Bと会談した。会場ではCとも立ち話をし、…」 goes on with the
topic of the sentence before (a は after a case particle, 「会場では」, topicalises a place, not a
subject), and the talks are the meeting the text names by its own word (立ち話), one meeting.
Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, subject, partner", [
    ("山川一郎首相は１５日、ブラジルのカルロス・メンデス大統領と会談した。会場ではチリのマリア・ソト大統領とも立ち話をし、協力の強化で一致した。",
     ("山川一郎", "JP"), ("マリア・ソト", "CL")),
    ("森田三郎外相は３日、ペルーのホセ・ルイス外相と会談した。夕食会の席ではカナダのエマ・グレイ外相とも立ち話をした。",
     ("森田三郎", "JP"), ("エマ・グレイ", "CA")),
    ("谷口和夫防衛相は、米国のジョン・ミラー国防長官と会談した。その後、会議場ではドイツのペーター・ハント国防相と立ち話をし、"
     "装備協力について意見を交わした。", ("谷口和夫", "JP"), ("ペーター・ハント", "DE")),
])
def test_extract_brief_talks_with_omitted_subject(facts_of, text, subject, partner):
    facts = facts_of(text, published="2024-06-16")
    names = {p.key: p.name for p in facts.people}
    brief = [m.key for m in facts.meetings if m.forum == "立ち話"]
    assert len(brief) == 1
    assert {(names[r.person], r.side) for r in facts.representations if r.meeting == brief[0]} == {subject, partner}
