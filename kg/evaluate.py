"""Score a built graph against gold annotations (``shared/gold/README.md``, docs/evaluation.md).

``evaluate(graph_path, gold_dir)`` reads the Turtle with rdflib and the gold YAML files and
returns a plain dict. Every headline figure (representation TP/FP/FN, P/R/F1, duplicates,
officials found and with the right country, required meetings found, must_not_extract
names in the graph) follows the reference scorer ``shared/tools/score.py`` rule for rule;
the dict adds what the reference only prints: per-document figures, misses, false alarms
and duplicates with their documents, the officials and meetings not found. Never imports
spaCy.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Optional

import rdflib
import yaml
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import BuildError
from kg.namespace import KGO
from kg.rdf import load_graph

_LABELS = (RDFS.label, SKOS.altLabel, SKOS.prefLabel)
# The reference scorer's normal form: NFKC, no spaces or name separators, lower case.
_DROP = re.compile(r"[\s・･=＝·\u3000]")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".yaml")


def normalise(text: Any) -> str:
    """A name or forum as compared: NFKC, spaces and 「・」「･」「=」「＝」「·」 dropped, lower case."""
    return _DROP.sub("", unicodedata.normalize("NFKC", str(text))).lower()


def _normal_set(spellings: Iterable[Any]) -> set[str]:
    return {normalise(s) for s in spellings}


def parse_date(value: Any) -> Optional[tuple[int, ...]]:
    """``2024-10-04`` → (2024, 10, 4), ``2024-10`` → (2024, 10), ``2024`` → (2024,); else None."""
    if value is None:
        return None
    match = _ISO_DATE.match(str(value))
    return tuple(int(x) for x in match.groups() if x) if match else None


def dates_agree(a: Any, b: Any) -> bool:
    """Two dates agree at the coarser precision; a missing or unreadable date agrees with any."""
    pa, pb = parse_date(a), parse_date(b)
    if not pa or not pb:
        return True
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def forum_match(extracted: Iterable[str], gold: Iterable[str]) -> bool:
    """Some extracted spelling equals a gold one, contains it (gold ≥ 2 characters) or is
    contained in it (extracted ≥ 3 characters). Spellings are already normalised."""
    gold = [t for t in gold if t]
    for s in extracted:
        if not s:
            continue
        for t in gold:
            if s == t or (len(t) >= 2 and t in s) or (len(s) >= 3 and s in t):
                return True
    return False


def _ordinals_agree(a: Any, b: Any) -> bool:
    return a is None or b is None or a == b


def document_stem(value: Any) -> str:
    """The file stem a document IRI or literal names (``…/h01.txt``, ``…/document/h01`` → ``h01``)."""
    tail = re.split(r"[/#]", str(value).rstrip("/"))[-1]
    return os.path.splitext(tail)[0] if tail.endswith(_DOCUMENT_SUFFIXES) else tail


# ---------------------------------------------------------------- gold records


@dataclass
class GoldOfficial:
    name: str
    # Shared (not copied) with the official's facts: merging facts across files widens the
    # set, and the officials figure is computed on the widened set, as the reference does.
    names: set[str]
    country: Any  # as loaded, compared as the reference does
    document: str


@dataclass(frozen=True)
class GoldMeeting:
    forum: str  # as written
    forum_names: frozenset[str]  # forum, acronym and aliases, normalised
    acronym: Optional[str]
    ordinal: Any
    date: Any  # as loaded from YAML (a date, "YYYY-MM", a year, or None)
    optional: bool
    document: str


@dataclass
class GoldFact:
    """One gold (official, side, meeting) triple; after merging, one fact of the corpus."""

    official: str
    names: set[str]
    side: Any
    meeting: GoldMeeting
    documents: set[str]  # file stems
    optional: bool


@dataclass(frozen=True)
class GoldFile:
    """One article's gold annotations, names already normalised for matching."""

    document: str  # file stem
    officials: tuple[GoldOfficial, ...] = ()
    meetings: tuple[GoldMeeting, ...] = ()
    facts: tuple[GoldFact, ...] = ()
    must_not_extract: tuple[str, ...] = ()


_NO_MEETING = GoldMeeting("?", frozenset(), None, None, None, False, "")


def _text(value: Any) -> Optional[str]:
    """A YAML scalar as display text: dates → ISO, numbers → digits, null/empty → None."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    text = str(value).strip()
    return text or None


def _required(entry: dict, key: str, what: str) -> Any:
    value = entry[key]
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(f"{what} has an empty {key!r}")
    return value


def _gold_meeting(entry: dict, document: str) -> GoldMeeting:
    forum = _required(entry, "forum", f"meeting {entry.get('id')!r}")
    acronym = entry.get("acronym")
    names = {normalise(forum)} | ({normalise(acronym)} if acronym else set())
    names |= {normalise(a) for a in entry.get("aliases") or () if a}
    return GoldMeeting(
        forum=str(forum),
        forum_names=frozenset(names),
        acronym=_text(acronym) if acronym else None,
        ordinal=entry.get("ordinal"),
        date=entry.get("date"),
        optional=bool(entry.get("optional")),
        document=document,
    )


def load_gold_file(path: Path) -> GoldFile:
    """Parse one gold YAML file; raises BuildError (E555) naming the file when it is malformed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the file is not a YAML mapping")
        document = os.path.splitext(str(data.get("document") or path.name))[0]
        officials, names_by_official = [], {}
        for o in data.get("officials") or ():
            name = _required(o, "name", "an official")
            names = {normalise(name)} | _normal_set(o.get("aliases") or ())
            names_by_official[normalise(name)] = names  # a repeated official: the last entry's names
            officials.append(GoldOfficial(str(name), names, o.get("country"), document))
        meetings = {}
        for m in data.get("meetings") or ():
            meetings[_required(m, "id", "a meeting")] = _gold_meeting(m, document)
        facts = []
        for r in data.get("representations") or ():
            name = _required(r, "official", "a representation")
            if r["meeting"] not in meetings:
                raise ValueError(
                    f"representation of {name} names meeting {r['meeting']!r}, not one of {sorted(map(str, meetings))}"
                )
            facts.append(GoldFact(
                official=str(name),
                names=names_by_official.get(normalise(name), {normalise(name)}),
                side=r["side"],
                meeting=meetings[r["meeting"]],
                documents={document},
                optional=bool(r.get("optional")),
            ))
        must_not = tuple(str(n) for n in data.get("must_not_extract") or () if n is not None)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, KeyError, TypeError, AttributeError) as err:
        if isinstance(err, KeyError):
            reason = f"an entry lacks the key {err}"
        else:
            reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise BuildError(
            f"invalid gold file {path}: {reason}; see shared/gold/README.md for the format",
            code="E555",
        ) from None
    return GoldFile(document, tuple(officials), tuple(meetings.values()), tuple(facts), must_not)


def load_gold(gold_dir: Path) -> list[GoldFile]:
    """Every ``*.yaml`` gold file of ``gold_dir``, by file name (README files and the like are skipped)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise BuildError(
            f"gold directory not found: {gold_dir}; pass the folder that holds the NAME.yaml gold files",
            code="E553",
        )
    paths = sorted(gold_dir.glob("*.yaml"))
    if not paths:
        raise BuildError(
            f"no gold files (*.yaml) in {gold_dir}; pass the folder that holds the NAME.yaml gold files",
            code="E554",
        )
    return [load_gold_file(p) for p in paths]


def merge_gold_facts(facts: Iterable[GoldFact]) -> list[GoldFact]:
    """Gold facts repeated across files as one: each joins the first earlier fact with a
    shared name, the same side, a matching forum and agreeing dates and ordinals; the merged
    fact takes the union of names and documents and is optional only if both are."""
    merged: list[GoldFact] = []
    for r in facts:
        for q in merged:
            if (r.names & q.names and r.side == q.side
                    and forum_match(r.meeting.forum_names, q.meeting.forum_names)
                    and dates_agree(r.meeting.date, q.meeting.date)
                    and _ordinals_agree(r.meeting.ordinal, q.meeting.ordinal)):
                q.names |= r.names  # in place: the set is the official's too (see GoldOfficial)
                q.documents |= r.documents
                q.optional = q.optional and r.optional
                break
        else:
            merged.append(replace(r))
    return merged


# ---------------------------------------------------------------- graph records


@dataclass(frozen=True)
class ExtractedFact:
    """One kgo:Representation of the graph, as the scorer sees it."""

    node: str
    official: str  # display
    names: frozenset[str]
    side: Optional[str]
    forum: str  # display
    forum_names: frozenset[str]
    acronym: Optional[str]
    ordinal: Optional[int]
    date: Optional[str]
    documents: frozenset[str]  # file stems of its evidence
    rules: frozenset[str] = frozenset()  # kgo:rule: the constructions that found it

    def matches(self, gold: GoldFact) -> bool:
        """The reference rule: evidence in one of the fact's articles (or no evidence), a
        shared name, the same side, a matching forum, agreeing ordinals and dates."""
        if self.documents and not (self.documents & gold.documents):
            return False
        return bool(self.names & gold.names and self.side == gold.side
                    and forum_match(self.forum_names, gold.meeting.forum_names)
                    and _ordinals_agree(self.ordinal, gold.meeting.ordinal)
                    and dates_agree(self.date, gold.meeting.date))


@dataclass(frozen=True)
class ExtractedMeeting:
    node: str
    names: frozenset[str]
    ordinal: Optional[int]
    date: Optional[str]

    def matches(self, gold: GoldMeeting) -> bool:
        return (forum_match(self.names, gold.forum_names) and _ordinals_agree(self.ordinal, gold.ordinal)
                and dates_agree(self.date, gold.date))


@dataclass
class GraphView:
    """The parts of a built graph the scorer needs, in the graph's own order."""

    facts: list[ExtractedFact] = field(default_factory=list)
    meetings: list[ExtractedMeeting] = field(default_factory=list)
    people: list[tuple[frozenset[str], frozenset[str]]] = field(default_factory=list)  # (names, country codes)
    literals: list[tuple[str, str, str]] = field(default_factory=list)  # (subject, value, normalised value)


def _names_of(g: rdflib.Graph, node) -> set[str]:
    return {n for n in (normalise(o) for p in _LABELS for o in g.objects(node, p)) if n}


def _display(g: rdflib.Graph, node, fallback: str = "?") -> str:
    if node is None:
        return fallback
    label = g.value(node, RDFS.label)
    if label is not None:
        return str(label)
    names = sorted(str(o) for p in _LABELS for o in g.objects(node, p))
    return names[0] if names else str(node)


def _optional_str(value) -> Optional[str]:
    return str(value) if value is not None else None


def _meeting_names(g: rdflib.Graph, meeting, forum) -> set[str]:
    names = _names_of(g, meeting) if meeting is not None else set()
    if forum is not None:
        names |= _names_of(g, forum) | {normalise(a) for a in g.objects(forum, KGO.acronym)}
    return names


def _extracted_fact(g: rdflib.Graph, rep, person, side, meeting) -> ExtractedFact:
    forum = g.value(meeting, KGO.forum) if meeting is not None else None
    ordinal = g.value(meeting, KGO.ordinal) if meeting is not None else None
    acronym = g.value(forum, KGO.acronym) if forum is not None else None
    return ExtractedFact(
        node=str(rep),
        official=_display(g, person),
        names=frozenset(_names_of(g, person)) if person is not None else frozenset(),
        side=str(g.value(side, KGO.isoCode)) if side is not None else None,
        forum=_display(g, forum if forum is not None else meeting),
        forum_names=frozenset(_meeting_names(g, meeting, forum)),
        acronym=_optional_str(acronym),
        ordinal=int(ordinal) if ordinal is not None else None,
        date=_optional_str(g.value(meeting, KGO.date)) if meeting is not None else None,
        documents=frozenset(
            document_stem(d) for ev in g.objects(rep, KGO.evidence) for d in g.objects(ev, KGO.document)
        ),
        rules=frozenset(str(r) for r in g.objects(rep, KGO.rule)),
    )


def read_graph(graph_path: Path) -> GraphView:
    """Load a Turtle graph; raises GraphError E450 (missing) or E451 (not Turtle)."""
    g = load_graph(graph_path)
    view = GraphView()
    seen = set()
    # The graph's own order, not a sorted one: the one-to-one crediting is greedy, and the
    # reference scorer takes the representations in the order rdflib gives them.
    for rep in g.subjects(RDF.type, KGO.Representation):
        key = (g.value(rep, KGO.official), g.value(rep, KGO.side), g.value(rep, KGO.meeting))
        if key in seen:  # two nodes for one (official, side, meeting) are one extracted fact
            continue
        seen.add(key)
        view.facts.append(_extracted_fact(g, rep, *key))
    for meeting in g.subjects(RDF.type, KGO.Meeting):
        ordinal = g.value(meeting, KGO.ordinal)
        view.meetings.append(ExtractedMeeting(
            node=str(meeting),
            names=frozenset(_meeting_names(g, meeting, g.value(meeting, KGO.forum))),
            ordinal=int(ordinal) if ordinal is not None else None,
            date=_optional_str(g.value(meeting, KGO.date)),
        ))
    people = dict.fromkeys(list(g.subjects(RDF.type, KGO.Person)) + list(g.subjects(RDF.type, KGO.Official)))
    for person in people:
        countries = frozenset(str(g.value(c, KGO.isoCode)) for c in g.objects(person, KGO.country))
        view.people.append((frozenset(_names_of(g, person)), countries))
    view.literals = sorted(
        {(str(s), str(o), normalise(o)) for s, _, o in g if not isinstance(o, URIRef)}
    )
    return view


# ---------------------------------------------------------------- scoring


def _prf(tp: int, fp: int, required: int, nothing_extracted: float = 0.0) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else nothing_extracted
    recall = tp / required if required else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": required - tp,
    }


def credit(facts: list[GoldFact], extracted: list[ExtractedFact]) -> list[tuple[str, Optional[int]]]:
    """For each extracted fact in turn: ("credited", i) when it takes gold fact i (a required
    one before an optional one), ("duplicate", None) when every gold fact it matches is
    taken already, ("false_alarm", None) when it matches none."""
    taken: set[int] = set()
    outcomes = []
    for fact in extracted:
        hits = [i for i, gold in enumerate(facts) if fact.matches(gold)]
        free = sorted((i for i in hits if i not in taken), key=lambda i: facts[i].optional)
        if not hits:
            outcomes.append(("false_alarm", None))
        elif not free:
            outcomes.append(("duplicate", None))
        else:
            taken.add(free[0])
            outcomes.append(("credited", free[0]))
    return outcomes


def _gold_summary(fact: GoldFact) -> dict[str, Any]:
    m = fact.meeting
    return {"official": fact.official, "side": _text(fact.side), "forum": m.forum, "acronym": m.acronym,
            "ordinal": m.ordinal, "date": _text(m.date), "documents": sorted(fact.documents)}


def _miss_summary(fact: GoldFact, extracted: list[ExtractedFact]) -> dict[str, Any]:
    """A miss, with the triples that match it but credited another gold fact (one to one:
    a triple two articles report under names the gold merge keeps apart credits one)."""
    summary = _gold_summary(fact)
    summary["credited_elsewhere"] = [e.node for e in extracted if e.matches(fact)]
    return summary


def _extracted_summary(fact: ExtractedFact) -> dict[str, Any]:
    return {"official": fact.official, "side": fact.side, "forum": fact.forum, "acronym": fact.acronym,
            "ordinal": fact.ordinal, "date": fact.date, "documents": sorted(fact.documents), "node": fact.node}


def _score_representations(gold: list[GoldFile], graph: GraphView) -> dict[str, Any]:
    facts = merge_gold_facts(f for g in gold for f in g.facts)
    outcomes = credit(facts, graph.facts)
    credited = {i for kind, i in outcomes if kind == "credited"}
    required = [i for i, f in enumerate(facts) if not f.optional]
    tp = sum(1 for i in required if i in credited)
    false_alarms = [fact for fact, (kind, _) in zip(graph.facts, outcomes) if kind == "false_alarm"]
    duplicates = [fact for fact, (kind, _) in zip(graph.facts, outcomes) if kind == "duplicate"]
    overall = _prf(tp, len(false_alarms), len(required))
    overall.update(gold_required=len(required), extracted=len(graph.facts), duplicates=len(duplicates))
    required_set = set(required)

    per_document = {}
    for document in sorted({g.document for g in gold}):
        doc_required = [i for i in required if document in facts[i].documents]
        doc_tp = sum(1 for i in doc_required if i in credited)
        doc_fp = sum(1 for f in false_alarms if document in f.documents)
        # the corpus precision of nothing extracted is 0 (the reference's); an article with
        # nothing wrong in it reads 1 so that it is not mistaken for a bad one
        per_document[document] = _prf(doc_tp, doc_fp, len(doc_required), nothing_extracted=1.0)
    return {
        "overall": overall,
        "per_document": per_document,
        "misses": sorted((_miss_summary(facts[i], graph.facts) for i in required if i not in credited), key=_sort_key),
        "false_alarms": sorted(map(_extracted_summary, false_alarms), key=_sort_key),
        "duplicates": sorted(map(_extracted_summary, duplicates), key=_sort_key),
        "by_rule": _score_by_rule(graph.facts, outcomes, required_set),
    }


NO_RULE = "(none)"  # facts of a graph that names no kgo:rule for them (built before rules were recorded)


def _score_by_rule(extracted: list[ExtractedFact], outcomes: list[tuple[str, Optional[int]]],
                   required: set[int]) -> dict[str, dict[str, Any]]:
    """Precision and recall of each construction (kgo:rule), from the one-to-one crediting
    of the whole graph: a fact found by two constructions counts for both. TP: credited a
    required gold fact; FP: a false alarm; duplicates and facts credited an optional gold
    fact are neither. Recall is over all required gold facts, so it is the share of the
    gold each construction finds."""
    counts: dict[str, dict[str, int]] = {}
    for fact, (kind, i) in zip(extracted, outcomes):
        for rule in sorted(fact.rules) or [NO_RULE]:
            c = counts.setdefault(rule, {"extracted": 0, "tp": 0, "fp": 0, "duplicates": 0})
            c["extracted"] += 1
            c["tp"] += kind == "credited" and i in required
            c["fp"] += kind == "false_alarm"
            c["duplicates"] += kind == "duplicate"
    by_rule = {}
    for rule, c in sorted(counts.items()):
        scores = _prf(c["tp"], c["fp"], len(required))
        scores.update(extracted=c["extracted"], duplicates=c["duplicates"])
        by_rule[rule] = scores
    return by_rule


def _sort_key(summary: dict) -> tuple:
    return (summary["documents"], summary["forum"], summary["official"], str(summary["side"]))


def _score_officials(gold: list[GoldFile], graph: GraphView) -> dict[str, Any]:
    officials = [o for g in gold for o in g.officials]
    found = with_country = 0
    missing = []
    for o in officials:
        countries = [cs for names, cs in graph.people if names & o.names]
        codes = set().union(*countries)
        found += bool(countries)
        if countries and o.country in codes:
            with_country += 1
        else:
            reason = "not in the graph" if not countries else f"country {', '.join(sorted(codes)) or 'missing'}"
            missing.append({"name": o.name, "country": o.country, "document": o.document, "found": reason})
    total = len(officials)
    return {
        "total": total,
        "found_by_name": found,
        "with_right_country": with_country,
        "recall": round(found / total, 3) if total else 1.0,
        "rate": round(with_country / total, 3) if total else 1.0,
        "missing": missing,
    }


def _score_meetings(gold: list[GoldFile], graph: GraphView) -> dict[str, Any]:
    required = [m for g in gold for m in g.meetings if not m.optional]
    missing = [
        {"forum": m.forum, "acronym": m.acronym, "ordinal": m.ordinal, "date": _text(m.date), "document": m.document}
        for m in required
        if not any(e.matches(m) for e in graph.meetings)
    ]
    found = len(required) - len(missing)
    return {
        "required": len(required),
        "found": found,
        "rate": round(found / len(required), 3) if required else 1.0,
        "system": len(graph.meetings),
        "missing": missing,
    }


def _must_not_extract(gold: list[GoldFile], graph: GraphView) -> dict[str, Any]:
    """Names listed in ``must_not_extract`` found in any literal of the graph (labels,
    aliases, evidence sentences, titles…), after normalisation."""
    violations, names = [], set()
    for g in gold:
        for name in g.must_not_extract:
            key = normalise(name)
            for node, value, norm in graph.literals:
                if key in norm:
                    names.add(name)
                    violations.append({"name": name, "document": g.document, "node": node, "label": value})
    return {"count": len(names), "names": sorted(names), "violations": violations}


def evaluate(graph_path: Path | str, gold_dir: Path | str) -> dict[str, Any]:
    """Score the Turtle graph at ``graph_path`` against the gold YAML files in ``gold_dir``.

    >>> report = evaluate("out/graph.ttl", "tests/gold")  # doctest: +SKIP
    >>> report["representations"]["f1"]                   # doctest: +SKIP
    """
    graph = read_graph(Path(graph_path))
    gold = load_gold(Path(gold_dir))
    reps = _score_representations(gold, graph)
    # after the representations: merging gold facts widens the officials' name sets
    officials = _score_officials(gold, graph)
    return {
        "graph": str(graph_path),
        "gold_dir": str(gold_dir),
        "documents": sorted(g.document for g in gold),
        "representations": reps["overall"],
        "per_document": reps["per_document"],
        "misses": reps["misses"],
        "false_alarms": reps["false_alarms"],
        "duplicates": reps["duplicates"],
        "by_rule": reps["by_rule"],
        "officials": officials,
        "meetings": _score_meetings(gold, graph),
        "must_not_extract": _must_not_extract(gold, graph),
    }


def reference_line(report: dict[str, Any]) -> str:
    """The report's headline figures as the last line ``shared/tools/score.py`` prints."""
    reps, officials, meetings = report["representations"], report["officials"], report["meetings"]
    return (
        f"rep F1={reps['f1']:.3f} P={reps['precision']:.3f} R={reps['recall']:.3f} "
        f"(tp={reps['true_positives']} fp={reps['false_positives']} fn={reps['false_negatives']}) "
        f"| officials R={officials['recall']:.3f} country={officials['with_right_country']}/{officials['total']} "
        f"| meetings R={meetings['rate']:.3f} "
        f"| noise={report['must_not_extract']['count']} dup={reps['duplicates']}"
    )


def format_report(report: dict[str, Any]) -> str:
    """The evaluation dict as readable text (what ``kg eval`` prints)."""
    reps, officials, meetings = report["representations"], report["officials"], report["meetings"]
    noise = report["must_not_extract"]
    lines = [
        f"Evaluation of {report['graph']} against {report['gold_dir']} ({len(report['documents'])} gold files)",
        "",
        f"Representations   {_prf_text(reps)}",
        f"                  {reps['gold_required']} required in gold, {reps['extracted']} in graph,"
        f" {reps['duplicates']} duplicate(s)",
        f"Officials         {officials['found_by_name']}/{officials['total']} found ({officials['recall'] * 100:.1f} %),"
        f" {officials['with_right_country']} with the right country",
        f"Meetings          {meetings['found']}/{meetings['required']} required meetings found"
        f" ({meetings['rate'] * 100:.1f} %)",
        f"must_not_extract  {noise['count']} name(s) in the graph",
        "",
        "Per document",
    ]
    width = max((len(d) for d in report["per_document"]), default=0)
    lines += [f"  {doc:<{width}}  {_prf_text(s)}" for doc, s in report["per_document"].items()]
    sections = (("Misses", report["misses"]), ("False alarms", report["false_alarms"]),
                ("Duplicates", report["duplicates"]))
    for title, items in sections:
        lines += ["", f"{title} ({len(items)})"]
        lines += [f"  - {_triple_text(i)}" for i in items] or ["  (none)"]
    if officials["missing"]:
        lines += ["", f"Officials without the right country ({len(officials['missing'])})"]
        lines += [f"  - {o['name']} ({o['country']}): {o['found']}  [{o['document']}]" for o in officials["missing"]]
    if meetings["missing"]:
        lines += ["", f"Required meetings not found ({len(meetings['missing'])})"]
        lines += [f"  - {_meeting_text(m)}  [{m['document']}]" for m in meetings["missing"]]
    if noise["violations"]:
        lines += ["", "must_not_extract names in the graph"]
        lines += [f"  - {v['name']} in {v['label']!r} ({v['node']})  [{v['document']}]" for v in noise["violations"]]
    lines += ["", "Reference figures (as shared/tools/score.py prints them)", reference_line(report)]
    return "\n".join(lines)


def format_by_rule(report: dict[str, Any], width: int = 80) -> str:
    """Precision and recall per construction (``kg eval --by-rule``): one row a kgo:rule,
    then the whole graph (the reference scorer's figures); no line wider than ``width``."""
    reps, by_rule = report["representations"], report["by_rule"]
    name_width = min(max([len(r) for r in by_rule] + [len("all constructions")]), width - 50)
    header = f"{'construction':<{name_width}}  {'facts':>5} {'TP':>5} {'FP':>5} {'dup':>5}  {'P':>5}  {'R':>5}  {'F1':>5}"

    def row(name: str, s: dict) -> str:
        name = name if len(name) <= name_width else name[: name_width - 1] + "…"
        return (f"{name:<{name_width}}  {s['extracted']:>5} {s['true_positives']:>5} {s['false_positives']:>5} "
                f"{s['duplicates']:>5}  {precision(s):>5}  {s['recall']:.3f}  {s['f1']:.3f}")

    def precision(s: dict) -> str:  # no credited or false fact (only duplicates): no precision to show
        return f"{s['precision']:.3f}" if s["true_positives"] + s["false_positives"] else "-"

    lines = [
        f"Per construction (kgo:rule) against {reps['gold_required']} required gold facts;",
        "a fact found by two constructions counts for both (P = TP / (TP + FP)).",
        "",
        header,
        "-" * len(header),
        *(row(rule, s) for rule, s in by_rule.items()),
        "-" * len(header),
        row("all constructions", reps),
    ]
    return "\n".join(lines)


def _prf_text(s: dict) -> str:
    return (
        f"P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
        f"  (TP {s['true_positives']}, FP {s['false_positives']}, FN {s['false_negatives']})"
    )


def _meeting_text(m: dict) -> str:
    parts = [str(m["forum"])]
    if m.get("acronym") and m["acronym"] != m["forum"]:
        parts.append(f"[{m['acronym']}]")
    if m.get("ordinal") is not None:
        parts.append(f"第{m['ordinal']}回")
    if m.get("date"):
        parts.append(str(m["date"]))
    return " ".join(parts)


def _triple_text(item: dict) -> str:
    text = f"{item['official']} ({item['side']}) @ {_meeting_text(item)}  [{', '.join(item['documents'])}]"
    if item.get("credited_elsewhere"):
        text += "\n      (matched by a triple that credited another gold fact)"
    return text
