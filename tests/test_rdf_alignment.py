"""The alignments in ontology/kg.ttl work: a reasoner over graph + ontology finds the data
through W3C ORG, SEM, PROV-O, schema.org and NIF terms, and re-derives kgo:attendedMeeting."""
from __future__ import annotations

import owlrl
from owlrl.Namespaces import ERRNS
import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import ORG, PROV, RDF

import kg.namespace as ns
from kg.namespace import KGO, NIF, SEM, iri, ontology_path
from kg.rdf import to_graph
from tests.fixtures_graph import sample_resolved_graph

REP = iri("representation", "拡大抑止戦略協議体-5--崔成民--KR")
MEETING = iri("meeting", "拡大抑止戦略協議体-5")
FORUM = iri("forum", "拡大抑止戦略協議体")
PERSON = iri("person", "崔成民")
INSTITUTION = iri("institution", "KR-外交部")
KR = iri("country", "KR")
EVIDENCE = iri("evidence", "sample_edscg_20241005-71-115")
DOCUMENT = iri("document", "sample_edscg_20241005")


def _with_ontology() -> Graph:
    g = to_graph(sample_resolved_graph())
    g.parse(ontology_path().read_bytes(), format="turtle")
    return g


@pytest.fixture(scope="module")
def rdfs_closure() -> Graph:
    g = _with_ontology()
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(g)
    return g


@pytest.mark.parametrize(
    "triple",
    [
        (MEETING, RDF.type, SEM.Event),
        (MEETING, RDF.type, ns.SCHEMA.Event),
        (MEETING, RDF.type, PROV.Activity),
        (PERSON, RDF.type, ns.SCHEMA.Person),
        (PERSON, RDF.type, SEM.Actor),
        (INSTITUTION, RDF.type, ORG.Organization),
        (KR, RDF.type, ns.SCHEMA.Country),
        (REP, RDF.type, PROV.Delegation),
        (REP, RDF.type, SEM.Role),
        (EVIDENCE, RDF.type, NIF.String),
        (DOCUMENT, RDF.type, ns.SCHEMA.NewsArticle),
        (PERSON, ORG.memberOf, INSTITUTION),
        (REP, PROV.agent, KR),
        (REP, PROV.hadActivity, MEETING),
        (MEETING, SEM.hasActor, KR),
        (MEETING, ns.SCHEMA.superEvent, FORUM),
        (EVIDENCE, PROV.wasQuotedFrom, DOCUMENT),
    ],
    ids=lambda t: " ".join(str(n).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for n in t),
)
def test_rdf_alignment_entailed_under_rdfs(rdfs_closure, triple):
    assert triple in rdfs_closure


def test_rdf_alignment_meeting_date_is_a_sem_timestamp(rdfs_closure):
    assert str(rdfs_closure.value(MEETING, SEM.hasTimeStamp)) == "2024-10-04"


def test_rdf_alignment_attended_meeting_follows_from_property_chain():
    g = _with_ontology()
    g.remove((None, KGO.attendedMeeting, None))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert (PERSON, KGO.attendedMeeting, MEETING) in g
    # ...and only where a Representation says so: the earlier meeting had no representations.
    assert (PERSON, KGO.attendedMeeting, iri("meeting", "拡大抑止戦略協議体-4")) not in g
    # The OWL-RL rules found no inconsistency between the data and the ontology.
    errors = [t for t in g if any(str(n).startswith(str(ERRNS)) for n in t)]
    assert errors == []


def test_rdf_alignment_place_literal_is_not_made_a_sem_place(rdfs_closure):
    assert not list(rdfs_closure.subjects(RDF.type, Namespace(str(SEM))["Place"]))


def test_rdf_alignment_disjoint_kinds_flagged_by_reasoner():
    g = _with_ontology()
    g.add((PERSON, RDF.type, KGO.Institution))  # a person merged into a ministry
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    messages = [str(o) for s, p, o in g if str(p).startswith(str(ERRNS))]
    assert any("Disjoint classes" in m and str(PERSON) in m for m in messages)
