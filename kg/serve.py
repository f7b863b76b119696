"""A read-only SPARQL 1.1 Protocol endpoint over one graph file, with a SPARQL page.

Routes: ``/`` (the SPARQL page: YASGUI's editor and result table, vendored in
``kg/serve_assets``), ``/sparql`` (GET ``?query=``; POST form-encoded or
``application/sparql-query``), ``/describe?iri=`` (one resource's triples as a page),
``/explorer`` (the ``graph.html`` beside the graph), ``/graph.ttl`` and ``/assets/*``.

Queries run in a small pool of worker *processes*, each holding the graph in a pyoxigraph
Store: pyoxigraph cannot cancel a running query, so a query that outlives ``timeout`` is
stopped by killing its worker (a fresh one replaces it) and answered with 503. Updates and
``update=`` are refused (403). Each worker runs in a network namespace of its own
(``isolate_network``), where no address can be reached; where that cannot be had, every
query that spells "service" is refused (403, see ``kg.query.service_refusal``): the
endpoint is read-only and never fetches from the network. Requests are bounded in size,
length, nesting and time to arrive, with one unambiguous body length and a Host this server
answers to; waiting connections give way to new ones; results are bounded in size.

Error codes (``kg.errors.QueryError``): E310 refusing a non-loopback address, E311 query
timed out or all workers busy, E312 the server cannot start (port in use, worker died),
E321 result over the size limit, E322 request not received in time, E323 bad --cors origin,
E325 ambiguous request framing (Transfer-Encoding, several Content-Length), E326 a Host this
server does not answer to (or a bad --allow-host).
"""
from __future__ import annotations

import ctypes
import errno
import html
import io
import os
import ipaddress
import json
import logging
import multiprocessing
import queue
import re
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qs, quote, urlsplit

from kg.errors import KGError, QueryError

log = logging.getLogger("kg.serve")

DEFAULT_GRAPH = Path("out/graph.ttl")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 2
DEFAULT_MAX_RESULT_MB = 32.0  # one answer; a browser table or a script rarely wants more
MAX_BODY_BYTES = 1 << 20  # a query, not a data upload
SOCKET_TIMEOUT = 30.0  # a send to a client that stopped reading gives up after this
REQUEST_DEADLINE = 10.0  # seconds for a whole request (line, headers, body) to arrive
LISTEN_BACKLOG = 1024  # connections the kernel queues while every thread is busy
MAX_CONNECTIONS = 512  # connections served at once (one thread each); more wait in the backlog
WORKER_START_GRACE = 30.0  # seconds a request may wait for a replacement worker to load
WORKER_RECURSION_LIMIT = 20_000  # rdflib's parser recurses deeply at kg.query.MAX_QUERY_DEPTH
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
# The HTML pages run only the files under /assets and fetch only from this server.
HTML_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
ASSETS = "serve_assets"
_ASSET_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?|\*")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*")

# Result formats: short name → (media types accepted, Content-Type sent).
SOLUTION_FORMATS = {
    "json": (("application/sparql-results+json", "application/json", "text/javascript"), "application/sparql-results+json"),
    "xml": (("application/sparql-results+xml", "application/xml", "text/xml"), "application/sparql-results+xml"),
    "csv": (("text/csv",), "text/csv; charset=utf-8"),
    "tsv": (("text/tab-separated-values",), "text/tab-separated-values; charset=utf-8"),
}
GRAPH_FORMATS = {
    "turtle": (("text/turtle", "application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3", "application/n3"), "text/turtle; charset=utf-8"),
    "ntriples": (("application/n-triples", "text/plain"), "application/n-triples"),
    "rdfxml": (("application/rdf+xml",), "application/rdf+xml"),
    "jsonld": (("application/ld+json",), "application/ld+json"),
}
_FORMAT_ALIASES = {"nt": "ntriples", "n-triples": "ntriples", "ttl": "turtle", "rdf": "rdfxml", "json-ld": "jsonld", "rdf+xml": "rdfxml"}


# ---------------------------------------------------------------- content negotiation


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for index, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((media, q, index))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges if q > 0]


def _format_by_param(values: list[str], table: dict) -> Optional[str]:
    for value in values:
        name = _FORMAT_ALIASES.get(value.lower().strip(), value.lower().strip())
        if name in table:
            return name
        for key, (media_types, _) in table.items():
            if name in media_types:
                return key
    return None


def negotiate(accept: Optional[str], format_params: list[str], table: dict, default: str) -> Optional[str]:
    """The format name to answer in, from the Accept header and ``format=`` values.

    An Accept header naming a supported media type wins; otherwise (no header, only
    wildcards, or a browser's header, which names text/html) the first recognised
    ``format=`` value; otherwise ``default`` if the header allows any type. None means
    nothing acceptable (406).
    """
    ranges = _parse_accept(accept or "*/*")
    browser = any(media in ("text/html", "application/xhtml+xml") for media, _ in ranges)
    if not (browser and format_params):
        for media, _ in ranges:
            for name, (media_types, _ctype) in table.items():
                if media in media_types:
                    return name
    by_param = _format_by_param(format_params, table)
    if by_param:
        return by_param
    for media, _ in ranges:
        if media == "*/*":
            return default
        if media.endswith("/*"):
            major = media[:-1]
            for name, (_media_types, content_type) in table.items():
                if content_type.startswith(major):
                    return name
    return None


# ---------------------------------------------------------------- worker processes


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, Content-Type and body."""

    status: int
    content_type: str
    body: bytes


def _text_reply(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


class ResultTooLarge(Exception):
    """Raised by ``CappedBuffer`` once the serialised result passes its limit."""


class CappedBuffer:
    """A write-only byte sink that raises ``ResultTooLarge`` past ``limit`` bytes."""

    def __init__(self, limit: int):
        self.limit, self.size, self.parts = limit, 0, []

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise ResultTooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


_STATUS_OF_CODE = {"E306": HTTPStatus.FORBIDDEN, "E307": HTTPStatus.FORBIDDEN, "E301": HTTPStatus.SERVICE_UNAVAILABLE, "E302": HTTPStatus.SERVICE_UNAVAILABLE}


def answer_query(graph_path: str, query: str, solution_format: Optional[str], graph_format: Optional[str], max_bytes: int) -> Reply:
    """Run ``query`` on the graph and serialise the result (runs inside a worker).

    Serialisation streams into a ``CappedBuffer``: a result over ``max_bytes`` is a 400
    (E321), never a full copy in memory.
    """
    from kg.query import load_store, on_query_stack

    try:
        store = load_store(graph_path)
    except QueryError as err:
        return _text_reply(_STATUS_OF_CODE.get(err.code, HTTPStatus.BAD_REQUEST), str(err))
    # Parse, evaluation and serialisation (which drives the lazy evaluation) on a deep stack.
    return on_query_stack(_answer, store, query, solution_format, graph_format, max_bytes)


def _answer(store, query: str, solution_format: Optional[str], graph_format: Optional[str], max_bytes: int) -> Reply:
    import pyoxigraph as ox

    from kg.query import execute

    try:
        result = execute(store, query, allow_service=False)
    except QueryError as err:
        return _text_reply(_STATUS_OF_CODE.get(err.code, HTTPStatus.BAD_REQUEST), str(err))
    is_graph = isinstance(result, ox.QueryTriples)
    chosen = graph_format if is_graph else solution_format
    if chosen is None:
        offered = GRAPH_FORMATS if is_graph else SOLUTION_FORMATS
        kind = "CONSTRUCT/DESCRIBE" if is_graph else "SELECT/ASK"
        types = ", ".join(media for media_types, _ in offered.values() for media in media_types[:1])
        return _text_reply(HTTPStatus.NOT_ACCEPTABLE, f"no acceptable format for {kind} results; the Accept header or format= may name: {types}")
    sink = CappedBuffer(max_bytes)
    try:
        if is_graph:
            fmt = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}[chosen]
            result.serialize(sink, format=fmt)
            return Reply(HTTPStatus.OK, GRAPH_FORMATS[chosen][1], sink.getvalue())
        fmt = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[chosen]
        result.serialize(sink, format=fmt)
        return Reply(HTTPStatus.OK, SOLUTION_FORMATS[chosen][1], sink.getvalue())
    except ResultTooLarge:
        return _text_reply(HTTPStatus.BAD_REQUEST, f"[E321] the result is over the {max_bytes / (1 << 20):g} MiB limit; add a LIMIT, narrow the query, or restart kg serve with a larger --max-result-mb")
    except (OSError, ValueError, RuntimeError) as err:
        return _text_reply(HTTPStatus.BAD_REQUEST, f"[E308] query failed while running: {err}; simplify or fix the query")


_CLONE_NEWNET, _CLONE_NEWUSER = 0x40000000, 0x10000000


def isolate_network() -> bool:
    """Move this process into a network namespace of its own, where no address is reachable.

    What lets a query worker run any query: whatever pyoxigraph reads as SERVICE finds
    "network unreachable". Linux only; as root, or in a user namespace of its own (mapped
    to the same user and group, so files read as before) where unprivileged ones are
    allowed. True only once a connection to the loopback address has been seen to fail;
    then ``kg.query.network_isolated()`` is True in this process. False if nothing worked
    (queries that spell "service" are then refused, see ``kg.query.service_refusal``).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    if libc.unshare(_CLONE_NEWNET) != 0:
        uid, gid = os.getuid(), os.getgid()
        if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
            return False
        try:
            for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
                with open(f"/proc/self/{name}", "w", encoding="ascii") as handle:
                    handle.write(text)
        except OSError:
            pass  # still isolated; files are then read as "other" users
    if not _network_unreachable():
        return False
    from kg.query import mark_network_isolated

    mark_network_isolated()
    return True


def _network_unreachable() -> bool:
    # The proof: not even this machine's own loopback address answers a connection.
    for family, address in ((socket.AF_INET, ("127.0.0.1", 9)), (socket.AF_INET6, ("::1", 9))):
        try:
            probe = socket.socket(family, socket.SOCK_STREAM)
        except OSError:
            continue  # no such address family at all
        try:
            probe.settimeout(1.0)
            probe.connect(address)
        except OSError as err:
            if err.errno not in (errno.ENETUNREACH, errno.EADDRNOTAVAIL, errno.EHOSTUNREACH):
                return False  # refused or timed out: the address was reached
        else:
            return False
        finally:
            probe.close()
    return True


def _worker_loop(connection, graph_path: str, network_namespace: bool = True) -> None:
    # Runs in a child process: requests in, Replies out, until the pipe closes.
    isolated = isolate_network() if network_namespace else False
    sys.setrecursionlimit(max(sys.getrecursionlimit(), WORKER_RECURSION_LIMIT))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            if request == "load":
                from kg.query import load_store

                load_store(graph_path)
                reply = Reply(HTTPStatus.OK, "text/plain", b"loaded; network isolated" if isolated else b"loaded")
            else:
                reply = answer_query(graph_path, *request)
        except KGError as err:
            reply = _text_reply(HTTPStatus.SERVICE_UNAVAILABLE, str(err))
        except Exception as err:  # a worker must answer, whatever went wrong
            reply = _text_reply(HTTPStatus.INTERNAL_SERVER_ERROR, f"[E312] internal error in query worker: {type(err).__name__}: {err}")
        connection.send(reply)


class _Worker:
    def __init__(self, context, graph_path: str, network_namespace: bool):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_loop, args=(child, graph_path, network_namespace), daemon=True, name="kg-serve-worker")
        self.process.start()
        child.close()

    def ask(self, request, timeout: Optional[float]) -> Reply:
        self.connection.send(request)
        if not self.connection.poll(timeout):
            raise TimeoutError
        return self.connection.recv()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


class WorkerPool:
    """Worker processes that each hold the graph; a query past its deadline kills its worker."""

    def __init__(self, graph_path: str | Path, *, size: int = DEFAULT_WORKERS, timeout: float = DEFAULT_TIMEOUT, max_result_bytes: int = int(DEFAULT_MAX_RESULT_MB * (1 << 20)), network_namespace: bool = True):
        self.graph_path = str(graph_path)
        self.network_namespace = network_namespace
        self.timeout = timeout
        self.max_result_bytes = max_result_bytes
        self.network_isolated = True  # every worker in a network namespace of its own (see warm_up)
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, size)):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.graph_path, self.network_namespace)
        with self._lock:
            self._all.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
            closed = self._closed
        if not closed:
            # Start and load the replacement off the request thread, so the 503 goes out now.
            threading.Thread(target=self._spawn_loaded, daemon=True).start()

    def _spawn_loaded(self) -> None:
        worker = self._spawn()
        try:
            worker.ask("load", None)  # a load error is answered again to each query
        except (EOFError, OSError):
            pass
        self._idle.put(worker)

    def warm_up(self) -> None:
        """Load the graph in every worker now; raises ``QueryError`` if it cannot be read."""
        workers = [self._idle.get() for _ in range(self._idle.qsize())]
        try:
            for worker in workers:
                reply = worker.ask("load", None)
                if reply.status != HTTPStatus.OK:
                    raise QueryError(reply.body.decode("utf-8").strip().split("] ", 1)[-1], code=_code_of(reply))
                self.network_isolated = self.network_isolated and reply.body.endswith(b"network isolated")
        finally:
            for worker in workers:
                self._idle.put(worker)

    def run(self, query: str, solution_format: Optional[str], graph_format: Optional[str]) -> Reply:
        """Answer one query within the pool's timeout (503 when it runs out)."""
        # Waiting for a free worker is not query time: a busy worker is freed (or replaced,
        # and loaded) within its own timeout plus start-up time.
        try:
            worker = self._idle.get(timeout=self.timeout + WORKER_START_GRACE)
        except queue.Empty:
            return _text_reply(HTTPStatus.SERVICE_UNAVAILABLE, f"[E311] all query workers stayed busy for {self.timeout + WORKER_START_GRACE:g} s; retry later or start kg serve with more --workers")
        try:
            reply = worker.ask((query, solution_format, graph_format, self.max_result_bytes), self.timeout)
        except TimeoutError:
            self._replace(worker)
            return _text_reply(HTTPStatus.SERVICE_UNAVAILABLE, f"[E311] query stopped after the {self.timeout:g} s time limit; narrow it (LIMIT, more specific patterns) or restart kg serve with a larger --timeout")
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            return _text_reply(HTTPStatus.INTERNAL_SERVER_ERROR, "[E312] the query worker died while answering; it has been restarted, retry the query")
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        """Stop every worker process."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            try:
                worker.connection.send(None)
            except OSError:
                pass
            worker.stop()


def _code_of(reply: Reply) -> str:
    text = reply.body.decode("utf-8", "replace")
    return text[1:5] if text.startswith("[E") else "E312"


# ---------------------------------------------------------------- HTTP


_DIGITS = re.compile(r"[0-9]{1,15}")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
        return True
    except ValueError:
        return False


def _host_name(header: str) -> Optional[str]:
    """The host of a Host header or a --host/--allow-host value, lower case, without port
    and trailing dot (``[::1]:8000`` → ``::1``); None if it is not one."""
    text = header.strip().lower()
    if text == "*":
        return "*"
    match = re.fullmatch(r"\[([0-9a-f:.]+)\](?::\d{1,5})?|([^\[\]:/@\s]+)(?::\d{1,5})?|([0-9a-f:]+)", text)
    if not match:
        return None
    return (match[1] or match[2] or match[3]).rstrip(".")


def page_policy(page: bytes) -> str:
    """The Content-Security-Policy to send with an explorer page: the page's own policy
    (its ``<meta>`` in the head, allowing its inline scripts by hash and nothing else) with
    what only a header can say; ``HTML_CSP`` when the page has no such policy."""
    head = page[: page.find(b"<title")] if b"<title" in page else b""
    match = re.search(rb'<meta http-equiv="Content-Security-Policy" content="([^"<>]*)">', head, re.I)
    if not match:
        return HTML_CSP
    policy = match[1].decode("ascii", "replace").strip().rstrip(";")
    scripts = re.search(r"(?:^|;)\s*script-src ([^;]*)", policy)
    if "default-src 'none'" not in policy or not scripts or not all(
            re.fullmatch(r"'sha(?:256|384|512)-[A-Za-z0-9+/=]+'", token) for token in scripts[1].split()):
        return HTML_CSP  # anything but hashes of the page's own scripts: the server's policy
    return f"{policy}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_allowed_host(name: str) -> str:
    """``name`` if it can be a Host header's host (or ``*``); raises ``QueryError`` E326."""
    if _host_name(name) != name.strip().lower().strip("[]").rstrip("."):
        raise QueryError(f"invalid --allow-host {name!r}; give a host name such as sparql.example.org "
                         "(no scheme, port or path), or * for any", code="E326")
    return name


def check_cors_origin(origin: str) -> str:
    """``origin`` if it is ``*`` or ``scheme://host[:port]``; raises ``QueryError`` E323."""
    if not _ORIGIN.fullmatch(origin):
        raise QueryError(
            f"invalid --cors origin {origin!r}; give an origin such as https://yasgui.example.org "
            "or http://localhost:3000 (scheme, host and port, no path), or * for any",
            code="E323",
        )
    return origin


# ---------------------------------------------------------------- pages


def asset_path(name: str) -> Optional[Path]:
    """The vendored or own file ``name`` under ``kg/serve_assets``, or None (no sub-folders)."""
    if "/" in name or name.startswith(".") or Path(name).suffix not in _ASSET_TYPES:
        return None
    path = Path(str(resources.files("kg") / ASSETS / name))
    return path if path.is_file() else None


def sparql_page(has_explorer: bool) -> bytes:
    """The SPARQL page: editor, bundled queries, result table; its data as inline JSON."""
    from kg.sparql_page import page_config

    config = page_config(has_explorer)
    # No "<" at all inside <script type="application/json">, so nothing can end it early.
    data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    template = (resources.files("kg") / ASSETS / "sparql.html").read_text(encoding="utf-8")
    return template.replace("{{config}}", data).encode("utf-8")


def _term_html(binding: Optional[dict], label: Optional[dict] = None) -> str:
    from kg.namespace import PREFIXES

    if not binding:
        return ""
    value = binding["value"]
    if binding["type"] == "uri":
        shown = value
        for prefix, namespace in PREFIXES.items():
            if value.startswith(namespace) and len(value) > len(namespace):
                shown = f"{prefix}:{value[len(namespace):]}"
                break
        text = f"{html.escape(label['value'])} <small>{html.escape(shown)}</small>" if label else html.escape(shown)
        return f'<a href="/describe?iri={html.escape(quote(value, safe=""))}">{text}</a>'
    if binding["type"] == "bnode":
        return f"<code>_:{html.escape(value)}</code>"
    suffix = f' <small>@{html.escape(binding["xml:lang"])}</small>' if "xml:lang" in binding else ""
    if "datatype" in binding and not binding["datatype"].endswith("#string"):
        suffix = f' <small>^^{html.escape(binding["datatype"].rsplit("#", 1)[-1])}</small>'
    return f'<span class="literal">{html.escape(value)}</span>{suffix}'


DESCRIBE_ROWS = 2000  # triples shown per resource page


def describe_query(iri: str) -> str:
    """SPARQL for the describe page: every triple with ``iri`` as subject or object, with
    each linked node's ``@ja`` label (an evidence node's sentence)."""
    return f"""SELECT ?dir ?p ?v (SAMPLE(COALESCE(?l, ?sentence)) AS ?label) WHERE {{
  {{ <{iri}> ?p ?v BIND("out" AS ?dir) }} UNION {{ ?v ?p <{iri}> BIND("in" AS ?dir) }}
  OPTIONAL {{ ?v rdfs:label ?l FILTER(lang(?l) = "ja") }}
  OPTIONAL {{ ?v nif:anchorOf ?sentence }}
}} GROUP BY ?dir ?p ?v ORDER BY ?dir ?p ?v LIMIT {DESCRIBE_ROWS}"""


def describe_page(iri: str, answer: Reply) -> Reply:
    """The describe page of ``iri`` from the JSON ``answer`` to ``describe_query``."""
    if answer.status != HTTPStatus.OK:
        return answer
    rows = json.loads(answer.body)["results"]["bindings"]
    outgoing = [r for r in rows if r["dir"]["value"] == "out"]
    incoming = [r for r in rows if r["dir"]["value"] == "in"]
    labels = [r["v"]["value"] for r in outgoing if r["p"]["value"].endswith("#label") and r["v"].get("xml:lang") == "ja"]
    title = labels[0] if labels else iri
    out_rows = "".join(f"<tr><td>{_term_html(r['p'])}</td><td>{_term_html(r['v'], r.get('label'))}</td></tr>" for r in outgoing)
    in_rows = "".join(f"<tr><td>{_term_html(r['v'], r.get('label'))}</td><td>{_term_html(r['p'])}</td></tr>" for r in incoming)
    sparql = quote(f"DESCRIBE <{iri}>", safe="")
    more = f"<p>Only the first {DESCRIBE_ROWS} triples are shown.</p>" if len(rows) >= DESCRIBE_ROWS else ""
    body = f"""<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>{html.escape(title)} — kaigi-kg</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/sparql.css"></head>
<body class="describe">
<nav><a href="/">SPARQL</a> <a href="/sparql?query={sparql}&amp;format=turtle">Turtle</a> <a href="/?query={sparql}">DESCRIBE をエディタで開く</a></nav>
<h1>{html.escape(title)}</h1>
<p class="iri"><code>{html.escape(iri)}</code></p>
{"<p>この IRI のトリプルはグラフにありません。</p>" if not rows else ""}
<h2>プロパティ ({len(outgoing)})</h2>
<table><thead><tr><th>述語</th><th>値</th></tr></thead><tbody>{out_rows}</tbody></table>
<h2>参照元 ({len(incoming)})</h2>
<table><thead><tr><th>主語</th><th>述語</th></tr></thead><tbody>{in_rows}</tbody></table>
{more}
</body></html>
"""
    return Reply(HTTPStatus.OK, "text/html; charset=utf-8", body.encode("utf-8"))


# ---------------------------------------------------------------- HTTP


class _DeadlineReader(io.RawIOBase):
    """Socket reads that give up at the handler's deadline, however slowly bytes trickle in."""

    def __init__(self, sock: socket.socket, handler: "SparqlHandler"):
        self._sock, self._handler = sock, handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        handler = self._handler
        remaining = handler.deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise TimeoutError
            self._sock.settimeout(remaining)
            if not handler.awaiting_request:
                return self._sock.recv_into(buffer)
            # Waiting for (more of) a request: the server may shed this connection for a new one.
            handler.server.waiting(handler, True)
            try:
                return self._sock.recv_into(buffer)
            finally:
                handler.server.waiting(handler, False)
        except TimeoutError:
            self._handler.request_timed_out()
            raise TimeoutError("request not received in time") from None


class SparqlHandler(BaseHTTPRequestHandler):
    """Routes ``/``, ``/sparql``, ``/describe``, ``/explorer``, ``/graph.ttl``, ``/assets/*``."""

    server: "SparqlServer"
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT
    server_version = "kaigi-kg"
    deadline = 0.0
    awaiting_request = True  # until the request line and headers have been read

    def setup(self) -> None:
        super().setup()
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, self))

    def handle_one_request(self) -> None:
        # The clock runs from the moment the server waits for a request: an idle keep-alive
        # connection or a client sending a byte at a time is closed after the deadline.
        self.deadline = time.monotonic() + self.server.request_deadline
        self.awaiting_request = True
        super().handle_one_request()

    def parse_request(self) -> bool:
        """http.server's parsing, then the checks no request may skip: one unambiguous body
        length (no request smuggling) and a Host this server answers to (no DNS rebinding)."""
        if not super().parse_request():
            return False
        self.awaiting_request = False
        problem = self._framing_problem() or self._host_problem()
        if problem:
            self.close_connection = True
            self._send(_text_reply(HTTPStatus.BAD_REQUEST, problem))
            return False
        return True

    def _framing_problem(self) -> Optional[str]:
        lengths = self.headers.get_all("Content-Length") or []
        if self.headers.get_all("Transfer-Encoding"):
            return ("[E325] Transfer-Encoding is not accepted (a body's length must be unambiguous); "
                    "send the body with one Content-Length header")
        if len(lengths) > 1:
            return f"[E325] {len(lengths)} Content-Length headers; send exactly one"
        if lengths and not _DIGITS.fullmatch(lengths[0].strip()):
            return f"[E325] Content-Length {lengths[0][:20]!r} is not a number of bytes; send one number"
        if lengths and int(lengths[0]) > 0 and self.command != "POST":
            self.close_connection = True  # a body this method does not read: never parse it as a request
        return None

    def _host_problem(self) -> Optional[str]:
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1:
            return "[E326] more than one Host header; send exactly one"
        if not hosts or self.server.serves_host(hosts[0]):
            return None
        shown = hosts[0].strip()[:80]
        return (f"[E326] Host {shown!r} is not served here (this server answers to "
                f"{', '.join(self.server.host_names)} and IP addresses); a page under another name "
                f"must not reach a local server. Start kg serve with --allow-host NAME to accept a name")

    def request_timed_out(self) -> None:
        """Tell a client whose request did not arrive by the deadline (408, E322); best effort."""
        message = (f"[E322] the request did not arrive within {self.server.request_deadline:g} s; "
                   "send the whole request at once (or reconnect: idle connections are closed)\n").encode("utf-8")
        head = (f"HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(message)}\r\nConnection: close\r\n\r\n").encode("ascii")
        try:
            self.connection.settimeout(1.0)
            self.connection.sendall(head + message)
        except OSError:
            pass

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (BaseHTTPRequestHandler's name)
        log.info("%s %s", self.address_string(), format % args)

    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        """Errors http.server raises itself (bad request line, 414, 501) as one plain-text line."""
        self.close_connection = True
        text = f"{code} {message or HTTPStatus(code).phrase}"
        try:
            self._send(_text_reply(code, text), head=getattr(self, "command", None) == "HEAD")
        except OSError:
            pass

    def _cors_headers(self) -> list[tuple[str, str]]:
        allowed = self.server.cors_origins
        headers = getattr(self, "headers", None)  # absent when the request line was bad
        origin = headers.get("Origin") if headers else None
        if not allowed or not origin:
            return []
        if "*" in allowed:
            return [("Access-Control-Allow-Origin", "*")]
        return [("Access-Control-Allow-Origin", origin)] if origin in allowed else []

    def _send(self, reply: Reply, *, head: bool = False, headers: tuple = (), csp: str = HTML_CSP) -> None:
        self.connection.settimeout(SOCKET_TIMEOUT)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Vary", "Accept, Origin" if self.server.cors_origins else "Accept")
        self.send_header("X-Content-Type-Options", "nosniff")
        if reply.content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", csp)
            self.send_header("Referrer-Policy", "no-referrer")
        for name, value in (*self._cors_headers(), *headers):
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self.wfile.write(reply.body)

    def _send_file(self, path: Path, content_type: str, head: bool, *, own_policy: bool = False) -> None:
        try:
            body = path.read_bytes()
        except OSError as err:
            self._send(_text_reply(HTTPStatus.NOT_FOUND, f"cannot read '{path.name}': {err.strerror}"), head=head)
            return
        self._send(Reply(HTTPStatus.OK, content_type, body), head=head, csp=page_policy(body) if own_policy else HTML_CSP)

    def _explorer(self) -> Path:
        return Path(self.server.pool.graph_path).with_name("graph.html")

    def _static(self, head: bool) -> bool:
        url = urlsplit(self.path)
        route = url.path
        if route in ("/", "/index.html") or (route == "/sparql" and not url.query):
            self._send(Reply(HTTPStatus.OK, "text/html; charset=utf-8", sparql_page(self._explorer().is_file())), head=head)
        elif route in ("/explorer", "/graph.html"):
            if self._explorer().is_file():
                # graph.html carries its own Content-Security-Policy (inline scripts by hash).
                self._send_file(self._explorer(), "text/html; charset=utf-8", head, own_policy=True)
            else:
                self._send(_text_reply(HTTPStatus.NOT_FOUND, f"no explorer: '{self._explorer()}' does not exist; `kg build` writes it beside graph.ttl"), head=head)
        elif route == "/graph.ttl":
            self._send_file(Path(self.server.pool.graph_path), "text/turtle; charset=utf-8", head)
        elif route.startswith("/assets/"):
            path = asset_path(route[len("/assets/"):])
            if path is None:
                self._send(_text_reply(HTTPStatus.NOT_FOUND, f"not found: {route}"), head=head)
            else:
                self._send_file(path, _ASSET_TYPES[path.suffix], head)
        elif route == "/describe":
            self._describe(parse_qs(url.query).get("iri", []), head)
        else:
            return False
        return True

    def _describe(self, iris: list[str], head: bool) -> None:
        if len(iris) != 1 or not _IRI.fullmatch(iris[0]):
            shown = iris[0][:80] if iris else "(none)"
            self._send(_text_reply(HTTPStatus.BAD_REQUEST, f"give one absolute IRI as iri=, e.g. /describe?iri=https://w3id.org/kaigi-kg/id/forum/...; got {shown!r}"), head=head)
            return
        answer = self.server.pool.run(describe_query(iris[0]), "json", None)
        self._send(describe_page(iris[0], answer), head=head)

    def _not_found(self, head: bool = False) -> None:
        route = urlsplit(self.path).path
        self._send(_text_reply(HTTPStatus.NOT_FOUND, f"not found: {route}; the SPARQL endpoint is /sparql, the SPARQL page /"), head=head)

    def do_HEAD(self) -> None:  # noqa: N802 (http.server naming)
        if not self._static(head=True):
            self._not_found(head=True)

    def do_GET(self) -> None:  # noqa: N802
        if self._static(head=False):
            return
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._not_found()
            return
        self._answer(parse_qs(url.query, keep_blank_values=True))

    def do_OPTIONS(self) -> None:  # noqa: N802
        # A CORS preflight (when --cors allows the Origin) or a plain question about methods.
        headers = [("Allow", ALLOWED_METHODS)]
        if self._cors_headers():
            headers += [("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                        ("Access-Control-Allow-Headers", "Accept, Content-Type"),
                        ("Access-Control-Max-Age", "600")]
        self.send_response(HTTPStatus.NO_CONTENT)
        for name, value in (*self._cors_headers(), *headers):
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _method_not_allowed(self) -> None:
        self.close_connection = True  # a body we do not read may follow
        self._send(_text_reply(HTTPStatus.METHOD_NOT_ALLOWED, f"method {self.command} is not allowed: the endpoint is read-only; use {ALLOWED_METHODS}"), headers=(("Allow", ALLOWED_METHODS),))

    do_PUT = do_DELETE = do_PATCH = do_TRACE = do_CONNECT = _method_not_allowed  # noqa: N815

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self.close_connection = True
            self._not_found()
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.close_connection = True
            self._send(_text_reply(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length header"))
            return
        if length > MAX_BODY_BYTES or length < 0:
            self.close_connection = True
            self._discard(length)
            self._send(_text_reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body of {length} bytes is over the {MAX_BODY_BYTES} byte limit"))
            return
        body = self.rfile.read(length)
        params = parse_qs(url.query, keep_blank_values=True)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type == "application/x-www-form-urlencoded":
            params.update(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))
        elif content_type == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        elif content_type == "application/sparql-update":
            params["update"] = [body.decode("utf-8", "replace")]
        else:
            self._send(_text_reply(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported Content-Type {content_type or '(none)'!r}; POST application/x-www-form-urlencoded (query=...) or application/sparql-query"))
            return
        self._answer(params)

    def _discard(self, length: int) -> None:
        # Read (and drop) a moderately oversized body so the client sees the 413 rather
        # than a broken pipe; a huge one is cut off by closing the connection.
        remaining = length if 0 < length <= 16 * MAX_BODY_BYTES else 0
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 16))
            if not chunk:
                break
            remaining -= len(chunk)

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._send(_text_reply(HTTPStatus.FORBIDDEN, "[E306] SPARQL Update is refused: this endpoint is read-only; send a query (SELECT, ASK, CONSTRUCT, DESCRIBE) instead"))
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._send(_text_reply(HTTPStatus.BAD_REQUEST, "[E303] give exactly one non-empty query= parameter"))
            return
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            self._send(_text_reply(HTTPStatus.BAD_REQUEST, "[E303] default-graph-uri and named-graph-uri are not supported: the endpoint serves one graph; drop these parameters"))
            return
        formats = params.get("format", []) + params.get("output", [])
        accept = self.headers.get("Accept")
        solution_format = negotiate(accept, formats, SOLUTION_FORMATS, "json")
        graph_format = negotiate(accept, formats, GRAPH_FORMATS, "turtle")
        self._send(self.server.pool.run(queries[0], solution_format, graph_format))


class SparqlServer(ThreadingHTTPServer):
    """ThreadingHTTPServer answering SPARQL from a ``WorkerPool``; ``close()`` stops all."""

    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], pool: WorkerPool, *, cors_origins: tuple[str, ...] = (), request_deadline: float = REQUEST_DEADLINE, max_connections: int = MAX_CONNECTIONS, backlog: int = LISTEN_BACKLOG, allowed_hosts: tuple[str, ...] = ()):
        self.pool = pool
        # A server on every address (0.0.0.0, ::) is also reached by this machine's own name.
        own = (socket.gethostname().lower(),) if address[0].strip("[]") in ("0.0.0.0", "::", "") else ()
        self.host_names = tuple(dict.fromkeys(
            name for name in (_host_name(address[0]), "localhost", *own, *(_host_name(h) for h in allowed_hosts))
            if name and not _is_ip(name)))
        self._waiting: dict = {}  # handler → when it started waiting for request bytes
        self._waiting_lock = threading.Lock()
        self.request_queue_size = backlog  # read by server_activate() below
        self.cors_origins = tuple(cors_origins)
        self.request_deadline = request_deadline
        self._slots = threading.BoundedSemaphore(max_connections)
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__((address[0].strip("[]"), address[1]), SparqlHandler)

    def serves_host(self, header: str) -> bool:
        """True if a request with this Host header is answered: an IP address, localhost,
        the bound name or one given with --allow-host (``*``: any)."""
        name = _host_name(header)
        return name is not None and (_is_ip(name) or name in self.host_names or "*" in self.host_names)

    def waiting(self, handler, waiting: bool) -> None:
        """Note that ``handler`` blocks waiting for request bytes (``waiting``), or no longer."""
        with self._waiting_lock:
            if waiting:
                self._waiting[handler] = time.monotonic()
            else:
                self._waiting.pop(handler, None)

    def _shed_waiting(self) -> bool:
        """Close the connection that has waited longest for a request; False if none waits."""
        with self._waiting_lock:
            if not self._waiting:
                return False
            handler = min(self._waiting, key=self._waiting.get)
            del self._waiting[handler]
        try:
            handler.connection.shutdown(socket.SHUT_RDWR)  # its read returns: the thread ends
        except OSError:
            pass
        return True

    def process_request(self, request, client_address) -> None:
        # At max_connections a connection that is only waiting (idle keep-alive, a request
        # trickling in) gives way to the new one; when every connection is busy with a
        # request, the accept loop waits here and new clients queue in the backlog.
        if not self._slots.acquire(blocking=False):
            self._shed_waiting()
            self._slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    @property
    def url(self) -> str:
        """The endpoint URL, e.g. ``http://127.0.0.1:8000/sparql``."""
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/sparql"

    def close(self) -> None:
        """Close the socket and stop the worker processes."""
        self.server_close()
        self.pool.close()


def make_server(
    graph_path: str | Path = DEFAULT_GRAPH,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = DEFAULT_WORKERS,
    allow_remote: bool = False,
    cors_origins: tuple[str, ...] = (),
    max_result_mb: float = DEFAULT_MAX_RESULT_MB,
    request_deadline: float = REQUEST_DEADLINE,
    backlog: int = LISTEN_BACKLOG,
    allowed_hosts: tuple[str, ...] = (),
    network_namespace: bool = True,
) -> SparqlServer:
    """A ready (bound, graph loaded) SPARQL server; call ``serve_forever()`` then ``close()``.

    ``cors_origins`` (e.g. ``("https://yasgui.example.org",)`` or ``("*",)``) lets pages of
    those origins query ``/sparql``; none by default. Workers are spawned processes, so a
    calling script needs the usual ``if __name__ == "__main__":`` guard.
    """
    if not is_loopback(host) and not allow_remote:
        raise QueryError(
            f"refusing to listen on {host!r}: it is reachable from other machines; use "
            f"{DEFAULT_HOST}, or pass allow_remote=True (`kg serve --host {host}`) to expose the graph",
            code="E310",
        )
    if timeout <= 0:
        raise QueryError(f"timeout must be positive, got {timeout!r}; give seconds, e.g. 10", code="E312")
    origins = tuple(check_cors_origin(origin) for origin in cors_origins)
    hosts = tuple(check_allowed_host(name) for name in allowed_hosts)
    path = Path(graph_path)
    if not path.is_file():
        from kg.query import load_store

        load_store(path)  # raises the E301 message for a missing file or a directory
    pool = WorkerPool(path, size=workers, timeout=timeout, max_result_bytes=int(max_result_mb * (1 << 20)), network_namespace=network_namespace)
    try:
        try:
            pool.warm_up()
        except (EOFError, OSError) as err:
            raise QueryError(
                f"the query worker process died while loading '{path}' ({err or type(err).__name__}); "
                "run from a script guarded by `if __name__ == \"__main__\":` (worker processes "
                "are spawned) and check memory",
                code="E312",
            ) from None
        if not pool.network_isolated:
            log.warning("query workers could not get a network namespace of their own: every query "
                        "that spells 'service' (even in a string) is refused with 403 (E307)")
        try:
            return SparqlServer((host, port), pool, cors_origins=origins, request_deadline=request_deadline, backlog=backlog, allowed_hosts=hosts)
        except OSError as err:
            raise QueryError(
                f"cannot listen on {host}:{port}: {err.strerror}; choose another --port (0 picks a free one)",
                code="E312",
            ) from None
    except BaseException:
        pool.close()
        raise
