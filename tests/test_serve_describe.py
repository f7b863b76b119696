"""`kg serve`'s describe pages (`/describe?iri=`): a resource's triples, IRIs as links."""
from __future__ import annotations

import http.client
import urllib.parse
from pathlib import Path

import pytest

from fixtures_serve import start_server, stop_server

FIXTURE = Path(__file__).parent / "data" / "query_fixture.ttl"


@pytest.fixture(scope="module")
def server():
    served, thread = start_server(FIXTURE, workers=1)
    yield served
    stop_server(served, thread)


def _get(server, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=20)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def test_serve_describe_page_lists_triples_and_links_iris(server):
    iri = "https://w3id.org/kaigi-kg/id/forum/抑止対話"
    status, body = _get(server, "/describe?" + urllib.parse.urlencode({"iri": iri}))
    assert status == 200
    assert "<h1>抑止対話</h1>" in body
    assert '<span class="literal">DD</span>' in body
    assert 'href="/describe?iri=https%3A%2F%2Fw3id.org%2Fkaigi-kg%2Fontology%23Forum"' in body


@pytest.mark.parametrize("iri", ["", "not an iri", "https://x/> } DROP ALL { <a:b", "<https://x/>"])
def test_serve_describe_refuses_what_is_not_an_iri(server, iri):
    status, body = _get(server, "/describe?" + urllib.parse.urlencode({"iri": iri}))
    assert status == 400 and body.startswith("give one absolute IRI as iri=")


def test_serve_describe_page_shows_evidence_sentences(server):
    iri = "https://w3id.org/kaigi-kg/id/document/doc1"
    status, body = _get(server, "/describe?" + urllib.parse.urlencode({"iri": iri}))
    assert status == 200
    # the evidence node that points at the document is shown by its sentence, whole
    assert '李正民第1次官とハリス国務次官が第1回戦略協議会に出席した。 <small>evidence:doc1-0-30</small></a>' in body
