"""Discourse in transcripts and names with military ranks. A sentence of talks with no subject
written under a speaker's turn label (「A大臣：…。先ほど、Bと会談を行いました。」) goes on with
the speaker; a whole name followed by a military rank (「A・B・C海軍大将」「川上次郎空将」)
introduces an officer, while a rank after a surname alone still only points back (like 氏).
Made-up sentences, real GiNZA."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, pair", [
    ("防衛大臣記者会見\n発言者：森田防衛大臣\n森田大臣：冒頭、私から一点ご報告します。先ほど、来日中のペルーのカルロス・メンデス"
     "国防大臣と会談を行いました。", {("森田", "JP"), ("カルロス・メンデス", "PE")}),
    ("外務大臣会見\n発言者：山川外務大臣\n山川大臣：本日午前、訪日中のチリのマリア・ソト外相と会談しました。両国の協力を確認いたしました。",
     {("山川", "JP"), ("マリア・ソト", "CL")}),
])
def test_extract_turn_speaker_is_the_subject(facts_of, text, pair):
    facts = facts_of(text, published="2024-05-24")
    names = {p.key: p.name for p in facts.people}
    assert {(names[r.person], r.side) for r in facts.representations} == pair


def test_extract_turn_speaker_plans_nothing(facts_of):
    facts = facts_of("記者：来月の会議への出席予定について伺います。\n川口大臣：日程が許せば出席し、各国の国防大臣と会談を行いたいと"
                     "考えております。", published="2024-05-24")
    assert not facts.representations


@pytest.mark.parametrize("text, expected", [
    ("２月３日、山川一郎防衛大臣は、来日したピーター・グラント豪国防大臣との間で防衛相会談を実施しました。本会談には、日本側から"
     "統合幕僚副長の川上次郎空将が、豪側から統合作戦司令部のジョン・ロウ陸軍中将が同席しました。",
     {("山川一郎", "JP"), ("ピーター・グラント", "AU"), ("川上次郎", "JP"), ("ジョン・ロウ", "AU")}),
    ("５月８日、森田三郎防衛大臣は、来日したインドのラジェシュ・アナンド・クマール海軍大将と会談した。会談には、日本側から"
     "海上幕僚副長の谷口和夫海将が同席した。",
     {("森田三郎", "JP"), ("ラジェシュ・アナンド・クマール", "IN"), ("谷口和夫", "JP")}),
])
def test_extract_ranked_whole_names_are_officers(facts_of, text, expected):
    facts = facts_of(text, published="2024-05-24")
    names = {p.key: p.name for p in facts.people}
    assert {(names[r.person], r.side) for r in facts.representations} == expected


def test_extract_rank_after_surname_points_back(facts_of):
    facts = facts_of("会談には、統合幕僚監部の川上陸将補が陪席した。", published="2024-05-24")
    assert not facts.people
