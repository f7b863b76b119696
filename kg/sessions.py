"""Sessions: which meeting mentions of one forum, across articles, are one real session.

``cluster_sessions`` is used by ``kg.resolve``; the rules are documented in
``docs/resolution.md`` (Meetings). A session is identified by its forum and its ordinal or
date; a mention without either attaches to a session only on strong evidence (the same
article, the article's publication date within days of the session, or two of the same
people attending), and never across years.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import Hashable, Optional

from kg.linkage import UnionFind, normalise_name
from kg.records import MeetingMention

MentionId = tuple[str, str]  # (doc_id, mention key)

# An undated report published this many days from a session of its forum reports that session.
WINDOW_DAYS = 7
# A session named as held shortly before the report (「先般の…」) was held at most this many days before it.
RECENT_DAYS = 31
# An undated report and a session with at least this many of the same people attending are one.
SHARED_ATTENDEES = 2


def dates_agree(a: Optional[str], b: Optional[str]) -> bool:
    """True when two ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) agree at the coarser precision."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def _day(value: Optional[str]) -> Optional[dt.date]:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def cluster_sessions(
    meetings: dict[MentionId, MeetingMention],
    forum_of: dict[MentionId, str],
    published: dict[str, Optional[str]],
    attendees: dict[MentionId, frozenset[str]],
    map_blocks=None,
) -> list[list[MentionId]]:
    """Group the mentions of each forum into sessions: same ordinal, or agreeing dates
    (a date known to the day or month; two mentions known only to the year are not one
    session for that), then undated mentions on strong evidence.

    Mentions of two forums are never one session, so each forum is a block clustered on
    its own (``cluster_block``), by ``map_blocks(blocks)`` when given (``kg.scale`` runs
    the blocks on a Dask cluster), else here; the groups are the same either way."""
    blocks = session_blocks(meetings, forum_of, published, attendees)
    results = map_blocks(blocks) if map_blocks is not None else [cluster_block(*block) for block in blocks]
    return sorted(group for groups in results for group in groups)


SessionBlock = tuple[dict, dict, dict]  # (meetings, published, attendees) of one forum's mentions


def session_blocks(
    meetings: dict[MentionId, MeetingMention],
    forum_of: dict[MentionId, str],
    published: dict[str, Optional[str]],
    attendees: dict[MentionId, frozenset[str]],
) -> list[SessionBlock]:
    """The mentions of each forum with what clustering reads about them, forums in slug order."""
    by_forum: dict[str, list[MentionId]] = defaultdict(list)
    for mid in sorted(meetings):
        by_forum[forum_of[mid]].append(mid)
    return [
        ({m: meetings[m] for m in mids}, {m[0]: published.get(m[0]) for m in mids},
         {m: attendees[m] for m in mids if m in attendees})
        for _, mids in sorted(by_forum.items())
    ]


def cluster_block(
    meetings: dict[MentionId, MeetingMention],
    published: dict[str, Optional[str]],
    attendees: dict[MentionId, frozenset[str]],
) -> list[list[MentionId]]:
    """The sessions of one forum's mentions (``meetings``), sorted."""
    uf = UnionFind(meetings)
    mids = sorted(meetings)
    anchored = [m for m in mids if meetings[m].ordinal is not None or meetings[m].date]
    sessions = _Sessions(uf, meetings, anchored)
    # The ordinal names the session even when reports differ on the day (time zones).
    sessions.merge_equal(lambda m: meetings[m].ordinal, check=False)
    sessions.merge_equal(lambda m: meetings[m].date if len(meetings[m].date or "") >= len("2024-07") else None, check=True)
    sessions.merge_adjacent_days()
    sessions.merge_coarser_dates()
    anchored_set = set(anchored)
    _Undated(uf, meetings, anchored, published, attendees).attach([m for m in mids if m not in anchored_set])
    return uf.groups()


class _Sessions:
    """The sessions of one forum while they are merged: a union-find that also keeps the
    ordinals and dates of every session, so two sessions with different ordinals or
    disagreeing dates are never joined."""

    def __init__(self, uf: UnionFind, meetings: dict[MentionId, MeetingMention], mids: list[MentionId]):
        self.uf, self.mids, self.meetings = uf, mids, meetings
        self.ordinals: dict[MentionId, set[int]] = defaultdict(set)
        self.dates: dict[MentionId, set[str]] = defaultdict(set)
        for mid in mids:
            root = uf.find(mid)
            if meetings[mid].ordinal is not None:
                self.ordinals[root].add(meetings[mid].ordinal)
            if meetings[mid].date:
                self.dates[root].add(meetings[mid].date)

    def agree(self, a: MentionId, b: MentionId) -> bool:
        a, b = self.uf.find(a), self.uf.find(b)
        oa, ob = self.ordinals[a], self.ordinals[b]
        return not (oa and ob and oa != ob) and all(dates_agree(x, y) for x in self.dates[a] for y in self.dates[b])

    def merge(self, a: MentionId, b: MentionId) -> None:
        a, b = self.uf.find(a), self.uf.find(b)
        if a == b:
            return
        self.uf.union(a, b)
        root, other = (a, b) if self.uf.find(a) == a else (b, a)
        self.ordinals[root] |= self.ordinals.pop(other, set())
        self.dates[root] |= self.dates.pop(other, set())

    def merge_equal(self, value, *, check: bool) -> None:
        """Join mentions with the same non-empty ``value(mention)`` (if ``check``: only
        when their sessions agree)."""
        owner: dict = {}
        for mid in self.mids:
            v = value(mid)
            if v is None or v == "":
                continue
            if v in owner and (not check or self.agree(owner[v], mid)):
                self.merge(owner[v], mid)
            owner.setdefault(v, mid)

    def merge_adjacent_days(self) -> None:
        """Two sessions dated a day apart are one (time zones, a conference over two days)
        unless one article reports both days as two sessions of the forum."""
        days: dict[MentionId, set[dt.date]] = defaultdict(set)
        docs: dict[dt.date, set[str]] = defaultdict(set)
        for mid in self.mids:
            day = _day(self.meetings[mid].date)
            if day is not None:
                days[self.uf.find(mid)].add(day)
                docs[day].add(mid[0])
        roots = sorted(days)
        for i, a in enumerate(roots):
            for b in roots[i + 1:]:
                ra, rb = self.uf.find(a), self.uf.find(b)
                if ra == rb or not self.agree_ordinals(ra, rb):
                    continue
                pairs = [(x, y) for x in days[a] for y in days[b] if abs((x - y).days) == 1]
                if pairs and not any(docs[x] & docs[y] for x, y in pairs):
                    self.merge(ra, rb)

    def agree_ordinals(self, a: MentionId, b: MentionId) -> bool:
        oa, ob = self.ordinals[self.uf.find(a)], self.ordinals[self.uf.find(b)]
        return not (oa and ob and oa != ob)

    def precision(self, root: MentionId) -> int:
        return max((len(d) for d in self.dates[root]), default=0)

    def merge_coarser_dates(self) -> None:
        """A session known only to the month (or year) joins the single finer session it
        agrees with; months are settled before years so 2024 can join 2024-07 + 2024-07-11."""
        by_year: dict[str, set[MentionId]] = defaultdict(set)
        for mid in self.mids:
            root = self.uf.find(mid)
            for d in self.dates[root]:
                by_year[d[:4]].add(root)
        for year in sorted(by_year):
            for level in (len("2024-07"), len("2024")):
                for root in sorted(by_year[year]):
                    if self.uf.find(root) != root or self.precision(root) != level:
                        continue
                    finer = {
                        self.uf.find(r) for r in by_year[year]
                        if self.uf.find(r) != root and self.precision(self.uf.find(r)) > level
                    }
                    candidates = [r for r in sorted(finer) if self.agree(root, r)]
                    if len(candidates) == 1:
                        self.merge(root, candidates[0])


class _Undated:
    """Attaches the mentions of one forum that have neither ordinal nor date."""

    def __init__(self, uf: UnionFind, meetings, anchored: list[MentionId], published, attendees):
        self.uf, self.meetings, self.anchored = uf, meetings, anchored
        self.published, self.attendees = published, attendees

    def sessions(self) -> dict[Hashable, list[MentionId]]:
        found: dict[Hashable, list[MentionId]] = defaultdict(list)
        for mid in self.anchored:
            found[self.uf.find(mid)].append(mid)
        return found

    def attach(self, undated: list[MentionId]) -> None:
        first_loose: dict[Hashable, MentionId] = {}
        for mid in undated:
            target = self.target(mid)
            if target is not None:
                self.uf.union(target, mid)
            else:  # a session of its own, shared with the article's other such mentions
                # (but another session told as such, 「前回の…」, is never the one reported)
                self.uf.union(first_loose.setdefault(mid if self.meetings[mid].other_session else mid[0], mid), mid)
        # undated sessions of two articles: one when the same people attend both
        loose: dict[Hashable, list[MentionId]] = defaultdict(list)
        for mid in undated:
            if self.uf.find(mid) in {self.uf.find(m) for m in first_loose.values()}:
                loose[self.uf.find(mid)].append(mid)
        roots = sorted(loose)
        for i, a in enumerate(roots):
            for b in roots[i + 1:]:
                if self.uf.find(a) != self.uf.find(b) and self._same_people(loose[a], loose[b]):
                    self.uf.union(a, b)

    def _people(self, members: list[MentionId]) -> frozenset[str]:
        return frozenset().union(*(self.attendees.get(m, frozenset()) for m in members))

    def _same_people(self, a: list[MentionId], b: list[MentionId]) -> bool:
        """Two undated sessions of different articles of one year with the same people."""
        years = {(self.published.get(m[0]) or "")[:4] for m in a + b} - {""}
        docs_a, docs_b = {m[0] for m in a}, {m[0] for m in b}
        return (not docs_a & docs_b and len(years) <= 1
                and len(self._people(a) & self._people(b)) >= SHARED_ATTENDEES)

    def target(self, mid: MentionId) -> Optional[MentionId]:
        """The one session an undated mention reports, on strong evidence, else None."""
        doc, status = mid[0], self.meetings[mid].status
        sessions = self.sessions()
        if self.meetings[mid].other_session:
            # another session than the article reports (「前回の」「先般の」): never the article's
            # own, nor the one its publication dates; 「先般の」 is the forum's one session of the
            # weeks before the report
            others = {r: members for r, members in sessions.items() if all(m[0] != doc for m in members)}
            if self.meetings[mid].other_session == "recent":
                recent = self._near_publication(mid, others, -RECENT_DAYS, -1)
                if recent is not None:
                    return recent
            return self._by_attendees(mid, others)
        in_article = sorted(r for r, members in sessions.items() if any(m[0] == doc for m in members))
        if in_article:
            # the article reports the forum with a date elsewhere: the undated mention is that
            # session when it is the article's only one in the same state, else another one
            same = [r for r in in_article if any(m[0] == doc and self.meetings[m].status == status for m in sessions[r])]
            return same[0] if len(in_article) == 1 and len(same) == 1 else None
        by_window = self._by_publication(mid, sessions)
        if by_window is not None:
            return by_window
        return self._by_attendees(mid, sessions)

    def _dates(self, members: list[MentionId]) -> list[str]:
        return [self.meetings[m].date for m in members if self.meetings[m].date]

    def _by_publication(self, mid: MentionId, sessions) -> Optional[MentionId]:
        """The one session held within ``WINDOW_DAYS`` of the article's publication."""
        return self._near_publication(mid, sessions, -WINDOW_DAYS, WINDOW_DAYS)

    def _near_publication(self, mid: MentionId, sessions, first: int, last: int) -> Optional[MentionId]:
        """The one session held from ``first`` to ``last`` days after the article's publication."""
        published = _day(self.published.get(mid[0]))
        if published is None:
            return None
        near = []
        for root, members in sorted(sessions.items()):
            days = [_day(d) for d in self._dates(members)]
            if any(d is not None and first <= (d - published).days <= last for d in days):
                near.append(root)
        return near[0] if len(near) == 1 else None

    def _by_attendees(self, mid: MentionId, sessions) -> Optional[MentionId]:
        """The one session with ``SHARED_ATTENDEES`` of the same people, in the article's year."""
        people = self.attendees.get(mid, frozenset())
        if len(people) < SHARED_ATTENDEES:
            return None
        year = (self.published.get(mid[0]) or "")[:4]
        found = []
        for root, members in sorted(sessions.items()):
            if year and not any(abs(int(d[:4]) - int(year)) <= 1 for d in self._dates(members)):
                continue
            shared = people & self._people(members)
            if len(shared) >= SHARED_ATTENDEES:
                found.append(root)
        return found[0] if len(found) == 1 else None


# ---------------------------------------------------------------- parts of a meeting


@lru_cache(maxsize=1)
def part_words() -> tuple[str, ...]:
    """Words naming a session inside a meeting (``kg/data/session_parts.tsv``), longest first."""
    text = resources.files("kg").joinpath("data", "session_parts.tsv").read_text(encoding="utf-8")
    words = {normalise_name(line.split("\t")[0]) for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return tuple(sorted(words - {""}, key=lambda w: (-len(w), w)))


def part_of_name(forum: str, kind: Optional[str]) -> Optional[tuple[str, str]]:
    """(head, part word) when a meeting name names a part of a meeting:
    「G7広島サミット・アウトリーチ会合」 → (G7広島サミット, アウトリーチ会合), 「拡大会合」 → ("", 拡大会合)."""
    name = normalise_name(forum)
    word = next((w for w in part_words() if name.endswith(w)), None)
    if word is None:
        return None
    head = name[: -len(word)]
    head = head[:-1] if head.endswith("の") else head
    return head, word


def find_parents(meetings: dict[MentionId, MeetingMention]) -> dict[MentionId, tuple[MentionId, str]]:
    """Part mention → (the meeting of its article it is part of, part word).

    The parent is a meeting of the same article, not itself a part, whose date agrees; when
    the part's name begins with a name (「G7広島サミット」), a meeting of that name; among
    several, the held one; none when still several or none (the mention stays a meeting).
    """
    by_doc: dict[str, list[MentionId]] = defaultdict(list)
    for mid in sorted(meetings):
        by_doc[mid[0]].append(mid)
    parts = {mid: part_of_name(m.forum, m.kind) for mid, m in meetings.items()}
    parents = {}
    for mid, found in sorted(parts.items(), key=lambda kv: kv[0]):
        if found is None:
            continue
        head, word = found
        mention = meetings[mid]
        cands = [o for o in by_doc[mid[0]] if parts[o] is None and dates_agree(meetings[o].date, mention.date)]
        if head:
            named = [o for o in cands if _names_overlap(head, meetings[o])]
            cands = named
        else:
            # 「G7東京サミットのアウトリーチ会合では」: the meeting its own sentence names before it
            written = [o for o in cands if _written_before(meetings[o], word, mention)]
            cands = written or cands
        if len(cands) > 1:
            cands = [o for o in cands if meetings[o].status == "held"] or cands
        if len(cands) > 1 and mention.date:
            cands = [o for o in cands if meetings[o].date == mention.date] or cands
        if len(cands) == 1:
            parents[mid] = (cands[0], word)
    return parents


def _written_before(mention: MeetingMention, word: str, part: MeetingMention) -> bool:
    """Whether a sentence of the part writes a name of ``mention`` right before the part word
    (「G7東京サミットのアウトリーチ会合」)."""
    names = {normalise_name(n) for n in (mention.forum, *mention.forum_aliases, mention.acronym or "")} - {""}
    sentences = {normalise_name(ev.sentence) for ev in part.evidence}
    return any(n + joiner + word in s for n in names for s in sentences for joiner in ("", "の"))


def _names_overlap(head: str, mention: MeetingMention) -> bool:
    names = [normalise_name(n) for n in (mention.forum, *mention.forum_aliases, mention.acronym or "")]
    return any(n and len(n) >= 2 and (n in head or head in n) for n in names)
