"""Score a built graph against gold annotations (``shared/gold/README.md``, docs/evaluation.md).

``evaluate(graph_path, gold_dir)`` reads the Turtle with rdflib and the gold YAML files
and returns a plain dict: representation precision / recall / F1 over the corpus and per
document, misses and false alarms, officials found with the right country, required
meetings found, and ``must_not_extract`` violations. Never imports spaCy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import unquote

import rdflib
import yaml
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.errors import BuildError
from kg.namespace import KGO
from kg.rdf import load_graph
from kg.resolve import dates_agree, forum_key, normalise_name

_LABELS = (RDFS.label, SKOS.altLabel, SKOS.prefLabel)


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class MeetingRef:
    """What identifies a meeting for scoring: forum spellings (normalised), ordinal, date."""

    forum_names: frozenset[str]
    forum: str  # display name
    acronym: Optional[str] = None
    ordinal: Optional[int] = None
    date: Optional[str] = None
    forum_keys: frozenset = frozenset()  # kg.resolve.forum_key of every spelling

    def matches(self, other: "MeetingRef") -> bool:
        """Forum names equal or contain each other; ordinals equal and dates agree where both give them."""
        if not any(a == b or a in b or b in a for a in self.forum_names for b in other.forum_names):
            return False
        return self._session_agrees(other)

    def same_as(self, other: "MeetingRef") -> bool:
        """``matches``, or the two forum spellings are variants (韓米首脳会談 / 米韓首脳会議):
        used to merge two reports of one fact, never to credit an extraction."""
        return self.matches(other) or (bool(self.forum_keys & other.forum_keys) and self._session_agrees(other))

    def _session_agrees(self, other: "MeetingRef") -> bool:
        if self.ordinal is not None and other.ordinal is not None and self.ordinal != other.ordinal:
            return False
        return dates_agree(self.date, other.date)

    def describe(self) -> str:
        parts = [self.forum]
        if self.acronym and self.acronym != self.forum:
            parts.append(f"[{self.acronym}]")
        if self.ordinal is not None:
            parts.append(f"第{self.ordinal}回")
        if self.date:
            parts.append(self.date)
        return " ".join(parts)


@dataclass(frozen=True)
class RepresentationRef:
    """One (official, side, meeting) triple, from the gold or from the graph."""

    names: frozenset[str]  # normalised label and aliases
    official: str  # display name
    side: str
    meeting: MeetingRef
    documents: frozenset[str]  # file stems
    optional: bool = False

    def matches(self, other: "RepresentationRef") -> bool:
        """The scoring rule: a shared name, the same side, and matching meetings."""
        return bool(self.names & other.names) and self.side == other.side and self.meeting.matches(other.meeting)

    def same_fact(self, other: "RepresentationRef") -> bool:
        """Two reports of one fact (gold of two articles, or two extracted triples)."""
        return bool(self.names & other.names) and self.side == other.side and self.meeting.same_as(other.meeting)

    def describe(self) -> dict[str, Any]:
        return {
            "official": self.official,
            "side": self.side,
            "forum": self.meeting.forum,
            "acronym": self.meeting.acronym,
            "ordinal": self.meeting.ordinal,
            "date": self.meeting.date,
            "documents": sorted(self.documents),
        }


@dataclass(frozen=True)
class OfficialRef:
    names: frozenset[str]
    name: str
    country: Optional[str]
    document: str


@dataclass(frozen=True)
class GoldFile:
    """One article's gold annotations, names already normalised for matching."""

    document: str  # file stem
    officials: tuple[OfficialRef, ...] = ()
    meetings: tuple[tuple[MeetingRef, bool], ...] = ()  # (meeting, optional)
    representations: tuple[RepresentationRef, ...] = ()
    must_not_extract: tuple[str, ...] = ()


@dataclass
class GraphView:
    """The parts of a built graph the scorer needs."""

    representations: list[RepresentationRef] = field(default_factory=list)
    people: list[tuple[frozenset[str], frozenset[str]]] = field(default_factory=list)  # (names, country codes)
    meetings: list[MeetingRef] = field(default_factory=list)
    labels: list[tuple[str, str]] = field(default_factory=list)  # (node IRI, label or alias)


# ---------------------------------------------------------------- gold


def _text(value: Any) -> Optional[str]:
    """A YAML scalar as text: dates → ISO, numbers → digits, null/empty → None."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    text = str(value).strip()
    return text or None


def _names(*spellings: Any) -> frozenset[str]:
    return frozenset(n for n in (normalise_name(str(s)) for s in spellings if s is not None) if n)


def _gold_meeting(entry: dict) -> MeetingRef:
    forum, acronym = _text(entry.get("forum")), _text(entry.get("acronym"))
    ordinal = entry.get("ordinal")
    return MeetingRef(
        forum_names=_names(forum, acronym),
        forum=forum or acronym or "?",
        acronym=acronym,
        ordinal=int(ordinal) if ordinal is not None else None,
        date=_text(entry.get("date")),
        forum_keys=_forum_keys(forum),
    )


def _forum_keys(*spellings: Optional[str]) -> frozenset:
    return frozenset(forum_key(s) for s in spellings if s and normalise_name(s))


def load_gold_file(path: Path) -> GoldFile:
    """Parse one gold YAML file; raises BuildError (E555) naming the file when it is malformed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the file is not a YAML mapping")
        document = Path(_text(data.get("document")) or path.stem).stem
        officials = {}
        for o in data.get("officials") or ():
            name = _text(o["name"])
            names = _names(name, *(o.get("aliases") or ()))
            officials[normalise_name(name)] = OfficialRef(names, name, _text(o.get("country")), document)
        meetings = {}
        for m in data.get("meetings") or ():
            meetings[_text(m["id"])] = (_gold_meeting(m), bool(m.get("optional", False)))
        representations = []
        for r in data.get("representations") or ():
            name = _text(r["official"])
            meeting_id = _text(r["meeting"])
            if meeting_id not in meetings:
                raise ValueError(f"representation of {name} names meeting {meeting_id!r}, not one of {sorted(meetings)}")
            official = officials.get(normalise_name(name))
            representations.append(
                RepresentationRef(
                    names=official.names if official else _names(name),
                    official=name,
                    side=_text(r["side"]) or "?",
                    meeting=meetings[meeting_id][0],
                    documents=frozenset({document}),
                    optional=bool(r.get("optional", False)),
                )
            )
        must_not = tuple(n for n in (_text(x) for x in data.get("must_not_extract") or ()) if n)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, KeyError, TypeError, AttributeError) as err:
        if isinstance(err, KeyError):
            reason = f"an entry lacks the key {err}"
        else:
            reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise BuildError(
            f"invalid gold file {path}: {reason}; see shared/gold/README.md for the format",
            code="E555",
        ) from None
    return GoldFile(document, tuple(officials.values()), tuple(meetings.values()), tuple(representations), must_not)


def load_gold(gold_dir: Path) -> list[GoldFile]:
    """Every ``*.yaml`` gold file of ``gold_dir`` (README files and the like are skipped)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise BuildError(
            f"gold directory not found: {gold_dir}; pass the folder that holds the NAME.yaml gold files",
            code="E553",
        )
    paths = sorted(list(gold_dir.glob("*.yaml")) + list(gold_dir.glob("*.yml")))
    if not paths:
        raise BuildError(
            f"no gold files (*.yaml) in {gold_dir}; pass the folder that holds the NAME.yaml gold files",
            code="E554",
        )
    return [load_gold_file(p) for p in paths]


# ---------------------------------------------------------------- graph


def _node_names(g: rdflib.Graph, node) -> list[str]:
    return sorted({str(o) for p in _LABELS for o in g.objects(node, p)})


def _iso_code(g: rdflib.Graph, node) -> str:
    code = g.value(node, KGO.isoCode)
    return str(code) if code is not None else unquote(str(node).rstrip("/").rsplit("/", 1)[-1])


def _document_stem(g: rdflib.Graph, node) -> str:
    identifier = g.value(node, DCTERMS.identifier)
    text = str(identifier) if identifier is not None else unquote(str(node).rstrip("/").rsplit("/", 1)[-1])
    return Path(text).stem if text.endswith((".txt", ".html", ".htm")) else text


def _graph_meeting(g: rdflib.Graph, node) -> MeetingRef:
    forum = g.value(node, KGO.forum)
    names = _node_names(g, forum) if forum is not None else []
    acronym = g.value(forum, KGO.acronym) if forum is not None else None
    label = g.value(forum, RDFS.label) if forum is not None else None
    ordinal = g.value(node, KGO.ordinal)
    date = g.value(node, KGO.date)
    return MeetingRef(
        forum_names=_names(*names, acronym),
        forum=str(label) if label is not None else (names[0] if names else "?"),
        acronym=str(acronym) if acronym is not None else None,
        ordinal=int(ordinal) if ordinal is not None else None,
        date=str(date) if date is not None else None,
        forum_keys=_forum_keys(*names),
    )


def read_graph(graph_path: Path) -> GraphView:
    """Load a Turtle graph; raises GraphError E450 (missing) or E451 (not Turtle)."""
    g = load_graph(graph_path)

    view = GraphView()
    meetings = {m: _graph_meeting(g, m) for m in g.subjects(RDF.type, KGO.Meeting)}
    view.meetings = [meetings[m] for m in sorted(meetings)]
    for rep in sorted(g.subjects(RDF.type, KGO.Representation)):
        person, side, meeting = g.value(rep, KGO.official), g.value(rep, KGO.side), g.value(rep, KGO.meeting)
        if person is None or side is None or meeting is None:
            continue
        names = _node_names(g, person)
        label = g.value(person, RDFS.label)
        documents = {
            _document_stem(g, doc)
            for ev in g.objects(rep, KGO.evidence)
            for doc in g.objects(ev, KGO.document)
        }
        view.representations.append(
            RepresentationRef(
                names=_names(*names),
                official=str(label) if label is not None else (names[0] if names else str(person)),
                side=_iso_code(g, side),
                meeting=meetings.get(meeting) or _graph_meeting(g, meeting),
                documents=frozenset(documents),
            )
        )
    people = set(g.subjects(RDF.type, KGO.Person)) | set(g.subjects(RDF.type, KGO.Official))
    for person in sorted(people):
        countries = frozenset(_iso_code(g, c) for c in g.objects(person, KGO.country))
        view.people.append((_names(*_node_names(g, person)), countries))
    for predicate in _LABELS:
        for node, value in g.subject_objects(predicate):
            view.labels.append((str(node), str(value)))
    view.labels.sort()
    return view


# ---------------------------------------------------------------- scoring


def _merge_facts(refs: list[RepresentationRef]) -> list[list[RepresentationRef]]:
    """Group triples that are the same fact (names overlap, same side, meetings match)."""
    groups: list[list[RepresentationRef]] = []
    for ref in refs:
        joined = [grp for grp in groups if any(ref.same_fact(other) for other in grp)]
        merged = [ref] + [r for grp in joined for r in grp]
        groups = [grp for grp in groups if not any(grp is j for j in joined)] + [merged]
    return groups


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
    }


def _fact_summary(group: list[RepresentationRef]) -> dict[str, Any]:
    first = min(group, key=lambda r: (r.optional, r.official, sorted(r.documents)))
    summary = first.describe()
    summary["documents"] = sorted({d for r in group for d in r.documents})
    return summary


def _score_representations(gold: list[GoldFile], graph: GraphView) -> dict[str, Any]:
    gold_docs = {f.document for f in gold}
    facts = _merge_facts([r for f in gold for r in f.representations])
    required = {i for i, grp in enumerate(facts) if any(not r.optional for r in grp)}  # one required report suffices
    # Triples from articles without gold are not scored; triples without evidence are.
    scored = [r for r in graph.representations if not r.documents or r.documents & gold_docs]
    found: set[int] = set()
    false_alarms = []
    for rep in scored:
        hits = {i for i, grp in enumerate(facts) if any(rep.matches(g) for g in grp)}
        # Matching an optional report keeps a triple from being a false alarm, but only a
        # required report credits the fact: a generic optional forum (「会談」) merged into a
        # group must not let any 「…会談」 triple find the required one.
        found |= {i for i in hits & required if any(rep.matches(g) for g in facts[i] if not g.optional)}
        if not hits:
            false_alarms.append(rep)
    fa_groups = _merge_facts(false_alarms)
    misses = [facts[i] for i in sorted(required - found)]
    overall = _prf(len(found), len(fa_groups), len(misses))
    overall["gold_required"] = len(required)
    overall["extracted"] = len(scored)

    per_document = {}
    for f in sorted(gold, key=lambda f: f.document):
        mine = [r for r in scored if f.document in r.documents]
        doc_required = [r for r in f.representations if not r.optional]
        doc_tp = sum(1 for g in doc_required if any(r.matches(g) for r in mine))
        doc_fp = len(_merge_facts([r for r in false_alarms if f.document in r.documents]))
        per_document[f.document] = _prf(doc_tp, doc_fp, len(doc_required) - doc_tp)

    return {
        "overall": overall,
        "per_document": per_document,
        "misses": sorted((_fact_summary(g) for g in misses), key=_sort_key),
        "false_alarms": sorted((_fact_summary(g) for g in fa_groups), key=_sort_key),
    }


def _sort_key(summary: dict) -> tuple:
    return (summary["documents"], summary["forum"], summary["official"], summary["side"])


def _score_officials(gold: list[GoldFile], graph: GraphView) -> dict[str, Any]:
    merged: list[OfficialRef] = []
    for o in (o for f in gold for o in f.officials):
        if not any(o.names & m.names and o.country == m.country for m in merged):
            merged.append(o)
    with_country, by_name, missing = 0, 0, []
    for o in merged:
        countries = {c for names, cs in graph.people if names & o.names for c in cs}
        present = any(names & o.names for names, _ in graph.people)
        by_name += present
        if o.country in countries:
            with_country += 1
        else:
            reason = "not in the graph" if not present else f"country {', '.join(sorted(countries)) or 'missing'}"
            missing.append({"name": o.name, "country": o.country, "document": o.document, "found": reason})
    return {
        "total": len(merged),
        "with_right_country": with_country,
        "found_by_name": by_name,
        "rate": round(with_country / len(merged), 4) if merged else 1.0,
        "missing": missing,
    }


def _score_meetings(gold: list[GoldFile], graph: GraphView) -> dict[str, Any]:
    required: list[tuple[MeetingRef, str]] = []
    for f in gold:
        for meeting, optional in f.meetings:
            if not optional and not any(meeting.same_as(m) for m, _ in required):
                required.append((meeting, f.document))
    missing = []
    for meeting, document in required:
        if not any(_meeting_found(meeting, m) for m in graph.meetings):
            missing.append({**_meeting_summary(meeting), "document": document})
    return {
        "required": len(required),
        "found": len(required) - len(missing),
        "rate": round((len(required) - len(missing)) / len(required), 4) if required else 1.0,
        "missing": missing,
    }


def _meeting_found(gold: MeetingRef, extracted: MeetingRef) -> bool:
    """The forum matches, and the ordinal and date the gold gives are present and agree."""
    if gold.ordinal is not None and extracted.ordinal is None:
        return False
    if gold.date and not extracted.date:
        return False
    return gold.matches(extracted)


def _meeting_summary(m: MeetingRef) -> dict[str, Any]:
    return {"forum": m.forum, "acronym": m.acronym, "ordinal": m.ordinal, "date": m.date}


def _must_not_extract(gold: list[GoldFile], graph: GraphView) -> list[dict[str, str]]:
    normalised = [(node, label, normalise_name(label)) for node, label in graph.labels]
    violations = []
    for f in gold:
        for name in f.must_not_extract:
            key = normalise_name(name)
            for node, label, norm in normalised:
                if key and key in norm:
                    violations.append({"name": name, "document": f.document, "node": node, "label": label})
    return violations


def evaluate(graph_path: Path | str, gold_dir: Path | str) -> dict[str, Any]:
    """Score the Turtle graph at ``graph_path`` against the gold YAML files in ``gold_dir``.

    >>> report = evaluate("out/graph.ttl", "tests/gold")  # doctest: +SKIP
    >>> report["representations"]["f1"]                   # doctest: +SKIP
    """
    graph = read_graph(Path(graph_path))
    gold = load_gold(Path(gold_dir))
    reps = _score_representations(gold, graph)
    violations = _must_not_extract(gold, graph)
    return {
        "graph": str(graph_path),
        "gold_dir": str(gold_dir),
        "documents": sorted(f.document for f in gold),
        "representations": reps["overall"],
        "per_document": reps["per_document"],
        "misses": reps["misses"],
        "false_alarms": reps["false_alarms"],
        "officials": _score_officials(gold, graph),
        "meetings": _score_meetings(gold, graph),
        "must_not_extract": {"count": len(violations), "violations": violations},
    }


def format_report(report: dict[str, Any]) -> str:
    """The evaluation dict as readable text (what ``kg eval`` prints)."""
    reps, officials, meetings = report["representations"], report["officials"], report["meetings"]
    lines = [
        f"Evaluation of {report['graph']} against {report['gold_dir']} ({len(report['documents'])} gold files)",
        "",
        f"Representations   {_prf_text(reps)}   ({reps['gold_required']} required in gold, {reps['extracted']} scored in graph)",
        f"Officials         {officials['with_right_country']}/{officials['total']} with the right country"
        f" ({officials['rate'] * 100:.1f} %), {officials['found_by_name']} found by name",
        f"Meetings          {meetings['found']}/{meetings['required']} required meetings found ({meetings['rate'] * 100:.1f} %)",
        f"must_not_extract  {report['must_not_extract']['count']} violation(s)",
        "",
        "Per document",
    ]
    width = max((len(d) for d in report["per_document"]), default=0)
    lines += [f"  {doc:<{width}}  {_prf_text(s)}" for doc, s in report["per_document"].items()]
    for title, items in (("Misses", report["misses"]), ("False alarms", report["false_alarms"])):
        lines += ["", f"{title} ({len(items)})"]
        lines += [f"  - {_triple_text(i)}" for i in items] or ["  (none)"]
    if officials["missing"]:
        lines += ["", f"Officials without the right country ({len(officials['missing'])})"]
        lines += [f"  - {o['name']} ({o['country']}): {o['found']}  [{o['document']}]" for o in officials["missing"]]
    if meetings["missing"]:
        lines += ["", f"Required meetings not found ({len(meetings['missing'])})"]
        lines += [f"  - {_meeting_text(m)}  [{m['document']}]" for m in meetings["missing"]]
    if report["must_not_extract"]["violations"]:
        lines += ["", "must_not_extract violations"]
        lines += [
            f"  - {v['name']} in {v['label']!r} ({v['node']})  [{v['document']}]"
            for v in report["must_not_extract"]["violations"]
        ]
    return "\n".join(lines)


def _prf_text(s: dict) -> str:
    return (
        f"P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
        f"  (TP {s['true_positives']}, FP {s['false_positives']}, FN {s['false_negatives']})"
    )


def _meeting_text(m: dict) -> str:
    return MeetingRef(frozenset(), m["forum"], m.get("acronym"), m.get("ordinal"), m.get("date")).describe()


def _triple_text(item: dict) -> str:
    return f"{item['official']} ({item['side']}) @ {_meeting_text(item)}  [{', '.join(item['documents'])}]"
