"""Rosters in the forms pages write them: one a line or all on one line, labels with a colon,
a tab or in brackets (「(日本側)A大臣」「【先方】B大臣」), a list word opening the line
(「出席者 日本:A ペルー:B」) or a bracketed list word before country-and-blank labels
(「(出席者)日本 A ペルー B」), 我が方/先方 on a page of no known outlet (the person's own
country, when it is a party of the meeting), and the meeting named 「日・ペルー外相会談」 (a
one-character country form joined by 「・」 to another country is that country). Made-up pages
read through kg.ingest.load_article."""
from __future__ import annotations

import pytest
from conftest import reps_of

HEAD = "日・ペルー外相会談\n 5月2日、東京で日・ペルー外相会談が行われました。\n"
WANT = {("木下一郎", "JP"), ("ルイス・ソト", "PE")}

PAGES = [
    "(出席者)\n日本側:木下一郎外務大臣\nペルー側:ルイス・ソト外務大臣\n",
    "出席者\n日本\t木下一郎外務大臣\nペルー\tルイス・ソト外務大臣\n",
    "【出席者】\n(日本側)木下一郎外務大臣\n(ペルー側)ルイス・ソト外務大臣\n",
    "出席者\n【日本側】木下一郎外務大臣\n【ペルー側】ルイス・ソト外務大臣\n",
    "出席者 日本:木下一郎外務大臣 ペルー:ルイス・ソト外務大臣\n",
    "出席者\n日本：木下一郎外務大臣\nペルー：ルイス・ソト外務大臣\n",
    "出席者\n我が方:木下一郎外務大臣\n先方:ルイス・ソト外務大臣\n",
    "出席者\n先方:ルイス・ソト外務大臣\n当方:木下一郎外務大臣\n",
    # a bracketed list word, then country and a blank as the label (no colon), all on one line
    "(出席者)日本 木下一郎外務大臣　ペルー ルイス・ソト外務大臣\n",
    "【出席者】ペルー ルイス・ソト外務大臣　日本 木下一郎外務大臣\n",
    "（出席者）日本　木下一郎外務大臣　ペルー　ルイス・ソト外務大臣\n",
]




@pytest.mark.parametrize("text,codes", [
    ("東京で日・ペルー外相会談が行われた。", ("JP", "PE")),
    ("東京で日・カナダ次官協議が行われた。", ("JP", "CA")),
    ("ジャカルタで日・ASEAN首脳会議が開かれた。", ("JP", "ASEAN")),
    ("東京で日・米・豪防衛相会談が行われた。", ("JP", "US", "AU")),
])
def test_extract_roster_forms_dot_joined_country_pair(nlp, text, codes):
    meeting = next(m for m in nlp(text)._.kg_mentions if m.label == "MEETING")
    assert tuple(meeting.countries) == codes


def test_extract_roster_forms_a_bracketed_word_is_no_label(facts_of_page):
    # a bracket that holds no side word labels nobody: the person keeps his own country
    page = HEAD + "出席者\n(参考)木下一郎外務大臣\n"
    assert {(name, side) for name, side, _ in reps_of(facts_of_page(page, published="2024-06-01"))} <= {("木下一郎", "JP")}


# a list in a sentence: without a verb (「日本側からの出席者は A、ペルー側からの出席者は B。」
# 「出席者は、日本側が A、ペルー側が B。」), and labels sharing out the parties (「我が国から」
# in a text of no known home stands for the one party no other label names)
SENTENCES = [
    "5月2日、日ペルー外相会談が行われた。日本側からの出席者は木下一郎外務大臣、ペルー側からの出席者はルイス・ソト外務大臣。",
    "5月2日、日ペルー外相会談が行われた。出席者は、日本側が木下一郎外務大臣、ペルー側がルイス・ソト外務大臣。",
    "5月2日、日ペルー外相会談が行われた。会談には、我が国から木下一郎外務大臣が、ペルーからルイス・ソト外務大臣が参加した。",
    "5月2日、日ペルー外相会談が行われた。会談には、ペルーからルイス・ソト外務大臣が、当方から木下一郎外務大臣が同席した。",
    # 「X側の」 before a conjunct keeps the list together (constructions.tsv conjunct_gap)
    "5月2日、日ペルー外相会談が行われた。会談は、日本側の木下一郎外務大臣とペルー側のルイス・ソト外務大臣の間で行われた。",
    "5月2日、日ペルー外相会談が行われ、日本側の木下一郎外務大臣、ペルー側のルイス・ソト外務大臣が出席した。",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_extract_roster_forms_list_sentences(facts_of, text):
    assert {(name, side) for name, side, _ in reps_of(facts_of(text, published="2024-06-01"))} == WANT


def test_extract_roster_forms_list_sentence_planned(facts_of):
    facts = facts_of("日ペルー外相会談は来月行われる。出席者は、日本側が木下一郎外務大臣、ペルー側がルイス・ソト外務大臣の予定。",
                     published="2024-06-01")
    assert not facts.representations


# a list announced by a short sentence (「出席者は以下のとおりです。」: a list word and a readout
# formula of furniture.tsv ``prose_end``): the unpunctuated lines under it are its roster, side
# labels on a line of their own or before each name, the post after the name and a blank
INTRO_HEAD = "日・ペルー次官協議の開催\n1　5月2日、東京で日・ペルー次官協議が開催されました。\n"
INTRO_WANT = {("木下一郎", "JP"), ("ダニエル・オルコット", "PE")}
INTRO_PAGES = tuple(INTRO_HEAD + roster for roster in ("2　出席者は以下のとおりです。\n（日本側）\n　木下一郎　外務省北米局参事官\n（ペルー側）\n　ダニエル・オルコット　国防省政策担当次官補代理\n", "なお、出席者は以下の通りです。\n日本　木下一郎外務審議官\nペルー　ダニエル・オルコット国防次官\n", "参加者は次のとおり。\n（日本側）\n　木下一郎　防衛省審議官\n（ペルー側）\n　ダニエル・オルコット　国防省次官補\n"))


@pytest.mark.parametrize("page, want", [(HEAD + r, WANT) for r in PAGES] + [(page, INTRO_WANT) for page in INTRO_PAGES])
def test_extract_roster_forms(facts_of_page, page, want):
    facts = facts_of_page(page, published="2024-06-01")
    assert {(name, side) for name, side, _ in reps_of(facts)} == want
    assert {tuple(m.countries) for m in facts.meetings} == {("JP", "PE")}
