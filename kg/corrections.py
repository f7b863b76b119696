"""Corrections a reader made in the explorer, applied to the graph on every build.

A corrections file (``corrections.yaml`` beside the articles, or ``kg build --corrections``)
lists facts marked wrong; the format is in docs/corrections.md. Each one that still matches
the graph is applied, and recorded in the graph as a ``kgo:Correction`` (its kind, the file,
the reader's note, a description) that ``kgo:corrects`` the nodes it changed, so queries and
the explorer show what was corrected and by what. One that no longer matches (the fact is
gone or was never there) is reported, not an error: new articles may have fixed it.

Kinds:

- ``wrong-side``: the representation's side is wrong; with ``correct_side`` (an ISO code of
  a country in the graph) the side is replaced, without it the representation is removed.
- ``not-a-participant``: the person did not take part in the meeting: every representation
  of the person at the meeting is removed, and the person's ``kgo:attendedMeeting`` link.
- ``not-same``: a person node merges two people; ``name`` (one of its names) is another
  person: that name, and the representations read from sentences that use it and not the
  node's own label, move to a person node of that name.
- ``same``: ``nodes`` are one thing: the others are merged into the first (their labels
  become other spellings of it).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.errors import BuildError
from kg.namespace import KGO, NIF, iri

E_CORRECTIONS = "E520"
FILE_NAMES = ("corrections.yaml", "corrections.yml", "corrections.json")
KINDS = {
    "wrong-side": ("representation",),
    "not-a-participant": ("person", "meeting"),
    "not-same": ("person", "name"),
    "same": ("nodes",),
}
DESCRIPTIONS = {  # (ja, en) of what was done, with the labels of the nodes involved
    "wrong-side": ("{a}の側を訂正 ({b})", "side of {a} corrected ({b})"),
    "not-a-participant": ("{a}は{b}に出席していない", "{a} did not take part in {b}"),
    "not-same": ("{a}から別人「{b}」を分離", "{b} split off {a} as another person"),
    "same": ("{b}を{a}に統合 (同一)", "{b} merged into {a} (one and the same)"),
}


@dataclass(frozen=True)
class Outcome:
    """What applying a file did: corrections applied, and those that matched nothing."""

    source: str
    applied: tuple[dict[str, Any], ...]
    unmatched: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.source, "applied": len(self.applied), "unmatched": list(self.unmatched)}


def find_corrections(inputs: list[Path]) -> Optional[Path]:
    """The corrections file beside the corpus: in the first input folder (or a file's folder) that has one."""
    for path in inputs:
        folder = path if path.is_dir() else path.parent
        for name in FILE_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def load_corrections(path: Path) -> list[dict[str, Any]]:
    """The corrections of ``path`` (YAML or JSON), checked; BuildError E520 when unreadable or invalid."""
    import yaml

    def invalid(reason: str) -> BuildError:
        return BuildError(f"invalid corrections file {path}: {reason}; see docs/corrections.md for the format",
                          code=E_CORRECTIONS)

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise invalid(err.strerror or str(err)) from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise invalid(str(err).splitlines()[0]) from None
    if data is None:
        return []
    entries = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise invalid("the file is not a mapping with a 'corrections' list")
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or entry.get("kind") not in KINDS:
            raise invalid(f"correction {number} has no kind among {', '.join(KINDS)}")
        missing = [key for key in KINDS[entry["kind"]] if not entry.get(key)]
        if missing:
            raise invalid(f"correction {number} ({entry['kind']}) lacks {', '.join(missing)}")
        if entry["kind"] == "same" and (not isinstance(entry["nodes"], list) or len(entry["nodes"]) < 2):
            raise invalid(f"correction {number} (same) needs a list of two or more nodes")
    return entries


def apply_corrections(graph: Graph, entries: list[dict[str, Any]], source: str) -> Outcome:
    """Apply ``entries`` to ``graph`` in order (in place) and record each applied one."""
    applied, unmatched = [], []
    for number, entry in enumerate(entries, 1):
        touched = _APPLY[entry["kind"]](graph, entry)
        if not touched:
            unmatched.append({"number": number, **{k: v for k, v in entry.items() if isinstance(v, (str, list))}})
            continue
        _record(graph, number, entry, touched, source)
        applied.append(entry)
    return Outcome(source, tuple(applied), tuple(unmatched))


def _label(graph: Graph, node: URIRef) -> str:
    labels = sorted(str(v) for v in graph.objects(node, RDFS.label) if getattr(v, "language", None) == "ja")
    return labels[0] if labels else str(node).rsplit("/", 1)[-1]


def _record(graph: Graph, number: int, entry: dict, touched: list[URIRef], source: str) -> None:
    digest = hashlib.sha256(repr(sorted(entry.items(), key=str)).encode("utf-8")).hexdigest()[:10]
    node = iri("correction", f"{number}-{entry['kind']}-{digest}")
    graph.add((node, RDF.type, KGO.Correction))
    graph.add((node, KGO.correctionKind, Literal(entry["kind"])))
    graph.add((node, KGO.correctionSource, Literal(source)))
    if entry.get("note"):
        graph.add((node, RDFS.comment, Literal(str(entry["note"]))))
    a = _label(graph, touched[0])
    b = {"wrong-side": lambda: f"{entry.get('side', '?')} → {entry.get('correct_side') or '—'}",
         "not-same": lambda: str(entry["name"])}.get(entry["kind"], lambda: _label(graph, touched[-1]))()
    if entry["kind"] == "same":
        b = "、".join(str(n) for n in entry.get("labels", [])) or b
    ja, en = DESCRIPTIONS[entry["kind"]]
    graph.add((node, RDFS.label, Literal(ja.format(a=a, b=b), lang="ja")))
    graph.add((node, RDFS.label, Literal(en.format(a=a, b=b), lang="en")))
    for target in touched:
        graph.add((node, KGO.corrects, target))


def _remove_representation(graph: Graph, rep: URIRef) -> None:
    for evidence in list(graph.objects(rep, KGO.evidence)):
        if not any(s != rep for s in graph.subjects(KGO.evidence, evidence)):
            graph.remove((evidence, None, None))
    graph.remove((rep, None, None))
    graph.remove((None, None, rep))


def _wrong_side(graph: Graph, entry: dict) -> list[URIRef]:
    rep = URIRef(entry["representation"])
    person, meeting = graph.value(rep, KGO.official), graph.value(rep, KGO.meeting)
    if person is None or meeting is None:
        return []
    code = entry.get("correct_side")
    country = next(iter(graph.subjects(KGO.isoCode, Literal(str(code)))), None) if code else None
    if country is not None:
        old, new = _label(graph, graph.value(rep, KGO.side)), _label(graph, country)
        graph.set((rep, KGO.side, country))
        for label in list(graph.objects(rep, RDFS.label)):  # "person（side）@meeting" names the new side
            graph.remove((rep, RDFS.label, label))
            graph.add((rep, RDFS.label, Literal(str(label).replace(f"（{old}）", f"（{new}）"), lang=label.language)))
        return [person, meeting, rep]
    _remove_representation(graph, rep)
    if not any(graph.value(r, KGO.meeting) == meeting for r in graph.subjects(KGO.official, person)):
        graph.remove((person, KGO.attendedMeeting, meeting))
    return [person, meeting]


def _not_a_participant(graph: Graph, entry: dict) -> list[URIRef]:
    person, meeting = URIRef(entry["person"]), URIRef(entry["meeting"])
    reps = [r for r in graph.subjects(KGO.official, person) if graph.value(r, KGO.meeting) == meeting]
    if not reps and (person, KGO.attendedMeeting, meeting) not in graph:
        return []
    for rep in reps:
        _remove_representation(graph, rep)
    graph.remove((person, KGO.attendedMeeting, meeting))
    return [person, meeting]


def _not_same(graph: Graph, entry: dict) -> list[URIRef]:
    person, name = URIRef(entry["person"]), str(entry["name"])
    names = [v for p in (RDFS.label, SKOS.altLabel) for v in graph.objects(person, p) if str(v) == name]
    own = _label(graph, person)
    if not names or own == name:
        return []
    other = iri("person", name)
    for value in names:
        graph.remove((person, None, value))
    graph.add((other, RDFS.label, Literal(name, lang="ja")))
    for kind in graph.objects(person, RDF.type):
        graph.add((other, RDF.type, kind))
    for rep in list(graph.subjects(KGO.official, person)):
        sentences = [str(graph.value(e, NIF.anchorOf) or "") for e in graph.objects(rep, KGO.evidence)]
        if sentences and all(name in s and own not in s for s in sentences):
            graph.set((rep, KGO.official, other))
            meeting = graph.value(rep, KGO.meeting)
            graph.add((other, KGO.attendedMeeting, meeting))
            if not any(graph.value(r, KGO.meeting) == meeting for r in graph.subjects(KGO.official, person)):
                graph.remove((person, KGO.attendedMeeting, meeting))
    for country in graph.objects(person, KGO.country):
        graph.add((other, KGO.country, country))
    return [person, other]


def _same(graph: Graph, entry: dict) -> list[URIRef]:
    keep, *others = [URIRef(n) for n in entry["nodes"]]
    others = [o for o in others if o != keep and (o, None, None) in graph]
    if (keep, None, None) not in graph or not others:
        return []
    entry.setdefault("labels", [_label(graph, o) for o in others])
    for other in others:
        for _, p, o in list(graph.triples((other, None, None))):
            graph.remove((other, p, o))
            if p == RDFS.label:
                if Literal(str(o), lang=getattr(o, "language", None)) not in set(graph.objects(keep, RDFS.label)):
                    graph.add((keep, SKOS.altLabel, o))
            else:
                graph.add((keep, p, o))
        for s, p, _ in list(graph.triples((None, None, other))):
            graph.remove((s, p, other))
            graph.add((s, p, keep))
    return [keep]


_APPLY = {"wrong-side": _wrong_side, "not-a-participant": _not_a_participant, "not-same": _not_same, "same": _same}
