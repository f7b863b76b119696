"""The ontology namespace ``KGO``, the other vocabularies used, and instance IRIs.

``KGO`` lists every term declared in ``ontology/kg.ttl`` (a test keeps the two equal);
``_fail = True`` makes a misspelt term (``KGO.Meting``) an ``AttributeError`` at once.
"""
from __future__ import annotations

import unicodedata
from importlib import resources
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.errors import GraphError

ONTOLOGY_IRI = "https://w3id.org/kaigi-kg/ontology"
INSTANCE_BASE = "https://w3id.org/kaigi-kg/id/"


class KGO(DefinedNamespace):
    """kaigi-kg ontology terms (``https://w3id.org/kaigi-kg/ontology#``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Document: URIRef
    Person: URIRef
    Official: URIRef
    Institution: URIRef
    Country: URIRef
    Forum: URIRef
    Meeting: URIRef
    Representation: URIRef
    Evidence: URIRef
    Correction: URIRef

    # object properties
    country: URIRef
    memberCountry: URIRef
    forum: URIRef
    participant: URIRef
    partOf: URIRef
    official: URIRef
    side: URIRef
    meeting: URIRef
    institution: URIRef
    serves: URIRef
    attendedMeeting: URIRef
    evidence: URIRef
    document: URIRef
    corrects: URIRef

    # datatype properties
    isoCode: URIRef
    acronym: URIRef
    kind: URIRef
    ordinal: URIRef
    date: URIRef
    place: URIRef
    status: URIRef
    title: URIRef
    rule: URIRef
    headOfDelegation: URIRef
    confidence: URIRef
    correctionKind: URIRef
    correctionSource: URIRef


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
# A plain Namespace (not rdflib's SDO DefinedNamespace): same IRIs, no warnings when test
# collectors probe module attributes.
SCHEMA = Namespace("https://schema.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")  # owl:sameAs targets of reference officials
ID = Namespace(INSTANCE_BASE)  # instance base; use iri(kind, slug) to mint IRIs

INSTANCE_KINDS = (
    "person",
    "institution",
    "country",
    "forum",
    "meeting",
    "representation",
    "document",
    "evidence",
    "correction",
)

# Prefix → namespace bound in every graph the project writes. Instances get one prefix
# per kind (``person:崔成民``) because a Turtle local name cannot contain "/".
PREFIXES: dict[str, str] = {
    "kgo": str(KGO._NS),
    **{kind: f"{INSTANCE_BASE}{kind}/" for kind in INSTANCE_KINDS},
    "nif": str(NIF),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "xsd": str(XSD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "org": str(ORG),
    "prov": str(PROV),
    "sem": str(SEM),
    "owl": "http://www.w3.org/2002/07/owl#",
    "wd": str(WIKIDATA),
}

# RFC 3987 ipchar minus "%" (always re-encoded so a slug never decodes to something else)
# and "/" (a slug is one path segment). Non-ASCII letters stay as they are.
_SAFE_ASCII = "-._~!$&'()*+,;=:@"


def _encode_char(ch: str) -> str:
    if ch.isascii():
        return ch if ch.isalnum() or ch in _SAFE_ASCII else quote(ch, safe="")
    # Spaces, controls, format and private-use characters are legal in no IRI or are
    # invisible; letters, marks, digits, punctuation and symbols (kana, kanji, ・) stay.
    if unicodedata.category(ch)[0] in "ZC" or not _is_ucschar(ord(ch)):
        # A lone surrogate is a byte of a non-UTF-8 file name (surrogateescape): encode
        # that byte, so the slug stays lossless and the IRI valid.
        return quote(ch.encode("utf-8", "surrogateescape" if 0xDC80 <= ord(ch) <= 0xDCFF else "surrogatepass"),
                     safe="")
    return ch


# RFC 3987 ucschar: the non-ASCII code points an IRI path may hold as they are (the
# tag block U+E0000–E0FFF and each plane's last two code points are not among them).
_UCSCHAR = ((0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF),
            *((plane + 0x0000, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
            (0xE1000, 0xEFFFD))


def _is_ucschar(code: int) -> bool:
    return any(low <= code <= high for low, high in _UCSCHAR)


def encode_slug(slug: str) -> str:
    """The IRI path segment for ``slug``: NFC, unsafe characters percent-encoded."""
    text = unicodedata.normalize("NFC", slug)
    if text and not text.strip("."):
        # "." and ".." would vanish under IRI path normalisation.
        return "%2E" * len(text)
    return "".join(_encode_char(ch) for ch in text)


def iri(kind: str, slug: str) -> URIRef:
    """The instance IRI ``https://w3id.org/kaigi-kg/id/{kind}/{slug}``.

    >>> iri("forum", "拡大抑止 協議")
    rdflib.term.URIRef('https://w3id.org/kaigi-kg/id/forum/拡大抑止%20協議')
    """
    if kind not in INSTANCE_KINDS:
        raise GraphError(
            f"unknown IRI kind {kind!r}; valid kinds: {', '.join(INSTANCE_KINDS)}; "
            "use one of them as the first argument of kg.namespace.iri",
            code="E401",
        )
    if not slug or not slug.strip():
        raise GraphError(
            f"empty slug for a {kind} IRI; every {kind} needs a non-empty slug "
            "derived from its canonical name (fix the resolver)",
            code="E402",
        )
    return URIRef(f"{INSTANCE_BASE}{kind}/{encode_slug(slug)}")


def curie(node) -> str:
    """``person:崔成民`` for an IRI under a project prefix, else ``<full IRI>`` (for messages)."""
    text = str(node)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        rest = text[len(ns):]
        if text.startswith(ns) and rest and "/" not in rest and "#" not in rest:
            return f"{prefix}:{rest}"
    return f"<{text}>"


def ontology_path():
    """The packaged ``ontology/kg.ttl`` (an importlib Traversable)."""
    return resources.files("kg") / "ontology" / "kg.ttl"


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes (``kgo``, ``person``, ``meeting``..., ``nif``...) on ``graph``."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
