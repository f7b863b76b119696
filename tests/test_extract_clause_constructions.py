"""Clause constructions of participation, posts and discourse (made-up sentences, real GiNZA):
a verb of joining (加わる), a cleft with no meeting argument (「出席したのは、…」), a meeting topic
whose verb is a continuative clause before a nominal predicate, a name before a compound post
(「林内閣官房長官」), a country between a name and a post before 「ら」, a visit carried forward
to a partner written with a post and no country, and made-up names of talks with a party
that has no one-kanji form (alias 日・インドネシア)."""
from __future__ import annotations

import pytest

from conftest import reps_of


# 「…にはAも加わった」: joining the meeting is taking part in it (cues participation/attend 加わる)
@pytest.mark.parametrize("text, expected", [
    (
        "日米安全保障協議が4日、東京で開かれた。日本側から川村一郎外務省北米局長が出席した。"
        "協議には米側からロバート・ヘイズ国防次官補も加わった。",
        {("川村一郎", "JP", "日米安全保障協議"), ("ロバート・ヘイズ", "US", "日米安全保障協議")},
    ),
    (
        "日加外相会談が4日、オタワで開かれた。会談にはカナダ側からエミリー・ロス国防次官も加わり、"
        "北極海の安全保障について意見を交わした。",
        {("エミリー・ロス", "CA", "日加外相会談")},
    ),
])
def test_extract_joining_verb_takes_part(facts_of, text, expected):
    assert expected <= reps_of(facts_of(text, published="2026-02-05"))


# 「出席したのは、日本側がA、米側がBだった」: the cleft with no meeting argument before it is
# about the meeting just reported, each person for the side written before him
@pytest.mark.parametrize("text, expected", [
    (
        "日米外務当局間協議が4日、ワシントンで開かれた。出席したのは、日本側が川村一郎北米局長、"
        "米側がロバート・ヘイズ国務次官補だった。",
        {("川村一郎", "JP", "日米外務当局間協議"), ("ロバート・ヘイズ", "US", "日米外務当局間協議")},
    ),
    (
        "日加防衛当局間協議は4日、オタワで開かれ、参加したのは、日本側が森田健防衛政策局長、"
        "カナダ側がエミリー・ロス国防省次官補だった。",
        {("森田健", "JP", "日加防衛当局間協議"), ("エミリー・ロス", "CA", "日加防衛当局間協議")},
    ),
])
def test_extract_cleft_of_the_reported_meeting(facts_of, text, expected):
    assert expected <= reps_of(facts_of(text, published="2026-02-05"))


# 「協議は4日に…開かれ、出席したのは…だった」: the meeting, topic of the sentence, is the
# subject of the continuative verb written first after it (held, on the day of its clause),
# not of the nominal predicate the parser hangs it on
@pytest.mark.parametrize("text, date", [
    ("日加防衛当局間協議は4日、オタワで開かれ、出席したのは、日本側が森田健防衛政策局長だった。", "2026-02-04"),
    ("防衛省は日加防衛当局間協議を開催したと6日に発表した。協議は4日にオタワで開かれ、出席したのは森田健防衛政策局長だった。", "2026-02-04"),
])
def test_extract_meeting_topic_of_a_continuative_clause(facts_of, text, date):
    facts = facts_of(text, published="2026-02-07")
    held = [m for m in facts.meetings if m.status == "held"]
    assert [m.date for m in held] == [date]


# a one-kanji family name before a post that opens with the first word of a known institution or
# post running on into it (内閣 + 官房長官: 内閣官房) is the name; the word is the post's
@pytest.mark.parametrize("text, name, title", [
    ("林内閣官房長官は4日の記者会見で、日加外相会談について説明した。", "林", "内閣官房長官"),
    ("森内閣府副大臣は4日、カナダのエミリー・ロス国防次官と会談した。", "森", "内閣府副大臣"),
])
def test_extract_name_before_a_compound_post(facts_of, text, name, title):
    people = {p.name: p for p in facts_of(text, published="2026-02-05").people}
    assert name in people and people[name].title == title and people[name].country == "JP", people


# 「ロウ豪国防大臣らとともに」: a one-character country between a name and a post stays a
# country when 「ら」 closes the chunk
@pytest.mark.parametrize("text, name, country", [
    ("森田防衛大臣は4日、ピーター・ロウ豪国防大臣らとともに日豪防衛相会談に出席した。", "ピーター・ロウ", "AU"),
    ("川村一郎外務審議官は4日、ロバート・ヘイズ米国務次官らとともに日米戦略対話に臨んだ。", "ロバート・ヘイズ", "US"),
])
def test_extract_country_before_post_and_plural(facts_of, text, name, country):
    facts = facts_of(text, published="2026-02-05")
    assert {p.name: p.country for p in facts.people}.get(name) == country
    assert any(side == country for person, side, _ in reps_of(facts) if person == name)


# a partner written with a post and no country, met during a visit the sentence or the two before
# tell (a country, or a capital: 「訪問先のパリで」), is the host
@pytest.mark.parametrize("text, expected", [
    (
        "石田首相は4日、フランスを訪問した。石田首相はパリでルノー大統領と首脳会談を行った。",
        {("石田", "JP", "日仏首脳会談"), ("ルノー", "FR", "日仏首脳会談")},
    ),
    (
        "森田外務大臣は4日からインドネシアを訪問している。森田大臣は4日、スハルディ外相と外相会談を行った。",
        {("森田", "JP", "日本・インドネシア外相会談"), ("スハルディ", "ID", "日本・インドネシア外相会談")},
    ),
    (
        "石田首相は4日、訪問先のパリでルノー大統領と会談した。",
        {("石田", "JP", "日仏首脳会談"), ("ルノー", "FR", "日仏首脳会談")},
    ),
])
def test_extract_visited_country_carried_to_partner(facts_of, text, expected):
    assert expected <= reps_of(facts_of(text, published="2026-02-05"))


# a former official or the subject of a sentence after a planned visit is nobody's host
@pytest.mark.parametrize("text, name", [
    ("尹長官は今月下旬、ワシントンを訪れる予定だ。前任のパク・ソンホ前長官は昨年、計5回の電話会談を行った。", "パク・ソンホ"),
])
def test_extract_visit_gives_no_country_to_others(facts_of, text, name):
    facts = facts_of(text, published="2026-02-05")
    assert {p.name: p.country for p in facts.people}.get(name) != "US"


# talks with a party that has no one-kanji form are also named the foreign ministry's way (日・X)
@pytest.mark.parametrize("text, forum, alias", [
    ("森田外務大臣は4日、インドネシアのスハルディ外相と外相会談を行った。", "日本・インドネシア外相会談", "日・インドネシア外相会談"),
    ("石田首相は4日、ラオスのシサワット首相と首脳会談を行った。", "日本・ラオス首脳会談", "日・ラオス首脳会談"),
])
def test_extract_talks_named_with_a_country_without_one_kanji_form(facts_of, text, forum, alias):
    meetings = [m for m in facts_of(text, published="2026-02-05").meetings if m.forum == forum]
    assert meetings and alias in meetings[0].forum_aliases


# 「両大臣は…一致した」 in a sentence naming no meeting, right after the meeting was reported: the two
# people of different countries named last before, when they are its two parties, took part
@pytest.mark.parametrize("text, expected", [
    (
        "日豪防衛相会談が4日、東京で開かれた。森田防衛大臣はピーター・ロウ豪国防大臣を防衛省に迎えた。"
        "両大臣は共同訓練の拡大で一致した。",
        {("森田", "JP", "日豪防衛相会談"), ("ピーター・ロウ", "AU", "日豪防衛相会談")},
    ),
    (
        "日加首脳会談が4日、オタワで行われた。石田首相は到着後、ジャン・ラモー加首相の出迎えを受けた。"
        "両首脳は北極海の安全保障について意見を交わした。",
        {("石田", "JP", "日加首脳会談"), ("ジャン・ラモー", "CA", "日加首脳会談")},
    ),
])
def test_extract_pair_at_the_reported_meeting(facts_of, text, expected):
    assert expected <= reps_of(facts_of(text, published="2026-02-05"))


# the pair of another country's people, or a meeting reported further back, is not at the meeting
@pytest.mark.parametrize("text", [
    "日豪防衛相会談が4日、東京で開かれた。森田防衛大臣はロバート・ヘイズ米国防長官と電話で話した。両大臣は連携を確認した。",
])
def test_extract_pair_of_other_parties_not_at_the_meeting(facts_of, text):
    assert not reps_of(facts_of(text, published="2026-02-05"))


# an identified speaker reporting in the first person a meeting he held: a named meeting as the
# object of a verb of taking part, talks with a partner closed (「…との会談を終えた」), or talks
# under the speaker's own 「私は」
@pytest.mark.parametrize("text, expected", [
    (
        "森田外務大臣は4日、記者団に「本日、日英外相会談を行い、協力の強化で一致した」と語った。",
        {("森田", "JP", "日英外相会談")},
    ),
    (
        "森田外務大臣は4日、記者団に対し、「先ほど、英国のロウ外相との会談を終えた。両国の協力を確認した」と述べた。",
        {("森田", "JP", "日英外相会談"), ("ロウ", "GB", "日英外相会談")},
    ),
    (
        "森田外務大臣は4日、「私はロウ英外相と会談し、協力を確認した」と述べた。",
        {("森田", "JP", "日英外相会談"), ("ロウ", "GB", "日英外相会談")},
    ),
])
def test_extract_first_person_report_of_a_meeting(facts_of, text, expected):
    assert expected <= reps_of(facts_of(text, published="2026-02-05"))


# a quote giving the meeting a subject of its own, or planning it, reports nothing of the speaker
@pytest.mark.parametrize("text", [
    "森田外務大臣は4日、「両国の首相が日英首脳会談を行い、協力を確認した」と述べた。",
    "森田外務大臣は4日、「来月、日英外相会談を行いたい」と述べた。",
])
def test_extract_quote_of_others_or_plans_reports_nothing(facts_of, text):
    assert not reps_of(facts_of(text, published="2026-02-05"))


# a side phrase's list ends with the clause that closes it: a person in the next clause of the
# sentence is not on that side (「豪側からBが出席し、防衛省のCも同席した」: C is Japan's)
@pytest.mark.parametrize("text, name, side", [
    (
        "4日に東京で開かれた日豪外務・防衛当局間協議では、日本側から川村一郎総合外交政策局長、"
        "豪側からサラ・ウィルキンス国防省次官が出席し、防衛省の森田健防衛政策局長も同席した。",
        "森田健", "JP",
    ),
])
def test_extract_side_phrase_ends_with_its_clause(facts_of, text, name, side):
    facts = facts_of(text, published="2026-02-05")
    assert {(person, s) for person, s, _ in reps_of(facts) if person == name} == {(name, side)}


# 「外務省は15日、…協議を12日に開催したと発表した」: a date right after the topic of a verb of
# announcing that quotes the meeting's clause is the announcement's day, not the meeting's
@pytest.mark.parametrize("text, date", [
    ("外務省は6日、日・フィリピン外務当局間協議を4日にマニラで開催したと発表した。", "2026-02-04"),
    ("防衛省は6日、日英防衛当局間協議を開催したと発表した。協議は4日、ロンドンで開かれた。", "2026-02-04"),
])
def test_extract_announcement_day_is_not_the_meeting_day(facts_of, text, date):
    held = [m for m in facts_of(text, published="2026-02-07").meetings if m.status == "held"]
    assert [m.date for m in held] == [date]


# a group named with its acronym, then の, then a meeting word: the group's meeting
@pytest.mark.parametrize("text, forum", [
    ("日本、豪州、ニュージーランド、韓国のインド太平洋パートナー4カ国(IP4)の首脳会合が4日、ワシントンで開かれた。"
     "石田首相はアルバート豪首相らとともに出席した。", "インド太平洋パートナー4カ国首脳会合"),
    ("森田外務大臣は4日、G7の外相会合に出席した。", "G7外相会合"),
])
def test_extract_group_meeting_after_acronym_and_no(facts_of, text, forum):
    assert any(f == forum and person in ("石田", "森田") for person, _, f in reps_of(facts_of(text, published="2026-02-05")))


# 「…A国防次官、インドネシア国防省のB局長が出席した」: the next conjunct's own institution before の
# does not break the list; 「インド太平洋」 (a region word opening with a country) names no country
@pytest.mark.parametrize("text, expected", [
    (
        "第1回インド太平洋海洋協議が4日、ロンドンで開かれた。協議には、タイ国防省のソムサク・ウォン国防次官、"
        "インドネシア国防省のデウィ・サリ国防政策総局長が出席した。",
        {("ソムサク・ウォン", "TH", "インド太平洋海洋協議"), ("デウィ・サリ", "ID", "インド太平洋海洋協議")},
    ),
])
def test_extract_conjunct_with_own_institution(facts_of, text, expected):
    facts = facts_of(text, published="2026-02-05")
    assert expected <= reps_of(facts)
    assert all("IN" not in m.countries for m in facts.meetings)


# 「日本からはAが、英国からはBが共同議長として議事を進めた」: acting in a meeting role is taking part
@pytest.mark.parametrize("text, expected", [
    (
        "第1回海洋安全保障会議が4日、ロンドンで開かれた。会議は日本と英国が共同議長を務め、日本からは森田健防衛副大臣が、"
        "英国からはトム・ベイカー国防担当閣外大臣が共同議長として議事を進めた。",
        {("森田健", "JP", "海洋安全保障会議"), ("トム・ベイカー", "GB", "海洋安全保障会議")},
    ),
])
def test_extract_acting_in_a_meeting_role(facts_of, text, expected):
    assert expected <= reps_of(facts_of(text, published="2026-02-05"))


# talks with an organisation are also named with its Latin acronym and the post's common name
# (日EU外相会談), each of two posts joined by 兼 naming them
@pytest.mark.parametrize("text, alias", [
    ("ブリュッセルを訪問中の森田外務大臣は4日、アンナ・ホルムEU外務・安全保障政策上級代表兼欧州委員会副委員長と会談した。", "日EU外相会談"),
])
def test_extract_talks_named_with_an_organisation_acronym(facts_of, text, alias):
    meetings = [m for m in facts_of(text, published="2026-02-05").meetings if m.status == "held"]
    assert meetings and alias in meetings[0].forum_aliases


# 「同じ4閣僚による…会合も開かれ」: the same people, counted, take part in the next meeting too
@pytest.mark.parametrize("text, forum, count", [
    (
        "日米安全保障協議委員会が4日、東京都内で開かれた。出席したのは、日本側が山田一郎外務大臣と川上次郎防衛大臣、"
        "米側がジョン・スミス国務長官とボブ・ジョーンズ国防長官だった。\n"
        "同日には、同じ4閣僚による日米拡大抑止に関する閣僚会合も開かれ、抑止力について協議した。",
        "日米拡大抑止に関する閣僚会合", 4,
    ),
])
def test_extract_same_counted_people_at_the_next_meeting(facts_of, text, forum, count):
    assert len({p for p, _, f in reps_of(facts_of(text, published="2026-02-05")) if f == forum}) == count


# a quote of several sentences: each sentence writes its own subject; 「私は先週、…と会談し」 is
# the speaker's talks, in the month of the day a week before the report
@pytest.mark.parametrize("text, expected, date", [
    (
        "カナダのエマ・グレイ国防相は次のように述べた。\n"
        "「本日、日本の防衛大臣と電話で話し、準備が順調であることを確かめました。私は先週、オタワでニュージーランドの"
        "トム・ハリス国防相と会談し、協力を深めることで合意しました」",
        {("エマ・グレイ", "CA"), ("トム・ハリス", "NZ")}, "2026-11",
    ),
])
def test_extract_quoted_talks_in_a_later_sentence_of_the_quote(facts_of, text, expected, date):
    facts = facts_of(text, published="2026-12-04")
    people = {p.key: p.name for p in facts.people}
    held = {m.key: m for m in facts.meetings if m.status == "held"}
    reps = {(people[r.person], r.side) for r in facts.representations if r.meeting in held}
    assert expected <= reps and {m.date for m in held.values()} == {date}


# 「中西幸英　アジア大洋州局長」: one blank between a name and a post opening with a region word;
# 「同特別代表は」: the pointer 同 before a post names its holder named before
@pytest.mark.parametrize("text, expected", [
    (
        "日米韓協議が4日、東京で開かれた。協議には、日本から川村一郎　アジア大洋州局長、米国からロバート・ヘイズ北朝鮮担当特別代表が出席した。",
        {("川村一郎", "JP", "日米韓協議"), ("ロバート・ヘイズ", "US", "日米韓協議")},
    ),
    (
        "ロバート・ヘイズ北朝鮮担当特別代表は4日から東京を訪問した。同特別代表は5日、川村局長と日米協議を行った。",
        {("ロバート・ヘイズ", "US", "日米協議")},
    ),
])
def test_extract_blank_before_region_post_and_pointer_to_holder(facts_of, text, expected):
    assert expected <= reps_of(facts_of(text, published="2026-02-06"))


# talks named from posts are also named with every spelling of the post that names talks
# (国防相会談 … 防衛相会談) and a Latin country form (豪NZ)
@pytest.mark.parametrize("text, alias", [
    ("フィリピンを訪問中の森田健防衛相は4日、マニラでホセ・サントス国防長官と会談した。", "日比防衛相会談"),
])
def test_extract_talks_named_with_every_spelling_of_the_post(facts_of, text, alias):
    held = [m for m in facts_of(text, published="2026-02-05").meetings if m.status == "held"]
    assert held and (alias == held[0].forum or alias in held[0].forum_aliases)


# an activity page: items that write no subject (「Bと会談（於：防衛省）。」, 「…Bと…会談を実施。」)
# are the acts of the one person holding the post the page's headline names; an earlier item's
# subject does not carry past the next item's dateline
ACTIVITY_PAGE = (
    "防衛省\n"
    "防衛大臣の主な活動（令和8年5月）\n"
    "■5月2日（土）\n"
    "タイ国防省のソムサク・ウォン国防次官が森田防衛大臣を表敬。\n"
    "■5月4日（月）\n"
    "英国のトム・ベイカー国防担当閣外大臣と会談（於：防衛省）。\n"
    "■5月8日（金）\n"
    "韓国を訪問。ソウルにおいて朴成浩国防部長官と日韓防衛相会談を実施。\n"
)


def test_extract_activity_page_items_are_the_page_holders(facts_of_page):
    facts = facts_of_page(ACTIVITY_PAGE, published="2026-05-30")
    found = reps_of(facts)
    assert {("森田", "JP"), ("トム・ベイカー", "GB"), ("朴成浩", "KR")} <= {(p, s) for p, s, _ in found}
    assert not any(p == "ソムサク・ウォン" for p, _, _ in found)
    assert {f for p, _, f in found if p == "森田"} >= {"日韓防衛相会談"}


# a minister met on a visit made to attend a conference may be any other guest's: no host country
@pytest.mark.parametrize("text, name", [
    ("森田外務大臣は4日、ASEAN関連外相会議に出席するためラオスを訪れた。森田大臣はマナロ外相と会談した。", "マナロ"),
])
def test_extract_visit_for_a_conference_gives_no_host(facts_of, text, name):
    facts = facts_of(text, published="2026-02-05")
    assert {p.name: p.country for p in facts.people}.get(name) != "LA"


# 「キーン米国防長官と」: a katakana name the tagger reads as an adverb, before a country and a post
@pytest.mark.parametrize("text, name, country", [
    ("森田防衛大臣は4日、キーン米国防長官と電話会談を行った。", "キーン", "US"),
])
def test_extract_katakana_adverb_before_country_and_post_is_a_name(facts_of, text, name, country):
    assert {p.name: p.country for p in facts_of(text, published="2026-02-05").people}.get(name) == country


# a mission abroad before a person with の (mission_name: 在 + host + sender + 大使館) is the sender's
@pytest.mark.parametrize("text, name, country", [
    ("日仏協議が4日、東京で開かれた。このほか、在日フランス大使館のアラン・ルブラン国防武官も協議に参加した。", "アラン・ルブラン", "FR"),
    ("日仏協議が4日、パリで開かれた。このほか、在フランス日本国大使館の川村一郎公使も協議に参加した。", "川村一郎", "JP"),
])
def test_extract_mission_abroad_gives_its_sender(facts_of, text, name, country):
    assert {p.name: p.country for p in facts_of(text, published="2026-02-05").people}.get(name) == country
