"""A read-only SPARQL 1.1 Protocol endpoint over one graph file, plus the explorer page.

Routes: ``/sparql`` (GET ``?query=``; POST form-encoded or ``application/sparql-query``),
``/`` (the ``graph.html`` beside the graph, or a small page linking to ``/sparql``) and
``/graph.ttl`` (the graph file itself).

Queries run in a small pool of worker *processes*, each holding the graph in a pyoxigraph
Store: pyoxigraph cannot cancel a running query, so a query that outlives ``timeout`` is
stopped by killing its worker (a fresh one replaces it) and answered with 503. Updates,
``update=`` and SERVICE are refused (403): the endpoint is read-only and never fetches
from the network. Requests and request bodies are bounded.

Error codes (``kg.errors.QueryError``): E310 refusing a non-loopback address, E311 query
timed out or all workers busy, E312 the server cannot start (port in use, worker died).
"""
from __future__ import annotations

import html
import ipaddress
import logging
import multiprocessing
import queue
import socket
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qs, urlsplit

from kg.errors import KGError, QueryError

log = logging.getLogger("kg.serve")

DEFAULT_GRAPH = Path("out/graph.ttl")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 2
MAX_BODY_BYTES = 1 << 20  # a query, not a data upload
SOCKET_TIMEOUT = 30.0  # a slow or idle client cannot hold a thread for longer
WORKER_START_GRACE = 30.0  # seconds a request may wait for a replacement worker to load

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


def answer_query(graph_path: str, query: str, solution_format: Optional[str], graph_format: Optional[str]) -> Reply:
    """Run ``query`` on the graph and serialise the result (runs inside a worker)."""
    import pyoxigraph as ox

    from kg.query import execute, load_store

    try:
        result = execute(load_store(graph_path), query, allow_service=False)
    except QueryError as err:
        status = HTTPStatus.FORBIDDEN if err.code in ("E306", "E307") else HTTPStatus.BAD_REQUEST
        if err.code in ("E301", "E302"):
            status = HTTPStatus.SERVICE_UNAVAILABLE
        return _text_reply(status, str(err))
    is_graph = isinstance(result, ox.QueryTriples)
    chosen = graph_format if is_graph else solution_format
    if chosen is None:
        offered = GRAPH_FORMATS if is_graph else SOLUTION_FORMATS
        kind = "CONSTRUCT/DESCRIBE" if is_graph else "SELECT/ASK"
        types = ", ".join(media for media_types, _ in offered.values() for media in media_types[:1])
        return _text_reply(HTTPStatus.NOT_ACCEPTABLE, f"no acceptable format for {kind} results; the Accept header or format= may name: {types}")
    try:
        if is_graph:
            fmt = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}[chosen]
            body = result.serialize(format=fmt)
            return Reply(HTTPStatus.OK, GRAPH_FORMATS[chosen][1], body)
        fmt = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[chosen]
        return Reply(HTTPStatus.OK, SOLUTION_FORMATS[chosen][1], result.serialize(format=fmt))
    except (OSError, ValueError, RuntimeError) as err:
        return _text_reply(HTTPStatus.BAD_REQUEST, f"[E308] query failed while running: {err}; simplify or fix the query")


def _worker_loop(connection, graph_path: str) -> None:
    # Runs in a child process: requests in, Replies out, until the pipe closes.
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
                reply = Reply(HTTPStatus.OK, "text/plain", b"loaded")
            else:
                reply = answer_query(graph_path, *request)
        except KGError as err:
            reply = _text_reply(HTTPStatus.SERVICE_UNAVAILABLE, str(err))
        except Exception as err:  # a worker must answer, whatever went wrong
            reply = _text_reply(HTTPStatus.INTERNAL_SERVER_ERROR, f"[E312] internal error in query worker: {type(err).__name__}: {err}")
        connection.send(reply)


class _Worker:
    def __init__(self, context, graph_path: str):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_loop, args=(child, graph_path), daemon=True, name="kg-serve-worker")
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

    def __init__(self, graph_path: str | Path, *, size: int = DEFAULT_WORKERS, timeout: float = DEFAULT_TIMEOUT):
        self.graph_path = str(graph_path)
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, size)):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.graph_path)
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
            reply = worker.ask((query, solution_format, graph_format), self.timeout)
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


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _landing_page() -> bytes:
    from kg.query import bundled_queries

    items = "".join(
        f'<li><a href="/sparql?query={_quote(text)}&amp;format=json"><code>{html.escape(name)}</code></a> — {html.escape(description)}</li>'
        for name, (description, text) in bundled_queries().items()
    )
    page = f"""<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>kaigi-kg SPARQL endpoint</title></head>
<body>
<h1>kaigi-kg SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol endpoint: <a href="/sparql"><code>/sparql</code></a> (read-only). The graph: <a href="/graph.ttl"><code>/graph.ttl</code></a>.</p>
<form action="/sparql" method="post">
<textarea name="query" rows="8" cols="80">SELECT ?forum ?acronym WHERE {{ ?f a kgo:Forum ; rdfs:label ?forum . OPTIONAL {{ ?f kgo:acronym ?acronym }} }} ORDER BY ?forum</textarea><br>
<select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option></select>
<button type="submit">Run</button>
</form>
<h2>Bundled queries</h2><ul>{items}</ul>
</body></html>
"""
    return page.encode("utf-8")


def _quote(text: str) -> str:
    from urllib.parse import quote

    return html.escape(quote(text, safe=""))


class SparqlHandler(BaseHTTPRequestHandler):
    """Routes ``/sparql``, ``/`` and ``/graph.ttl``; everything else is 404."""

    server: "SparqlServer"
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT
    server_version = "kaigi-kg"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (BaseHTTPRequestHandler's name)
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, reply: Reply, *, head: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Vary", "Accept")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(reply.body)

    def _send_file(self, path: Path, content_type: str, head: bool) -> None:
        try:
            body = path.read_bytes()
        except OSError as err:
            self._send(_text_reply(HTTPStatus.NOT_FOUND, f"cannot read '{path.name}': {err.strerror}"), head=head)
            return
        self._send(Reply(HTTPStatus.OK, content_type, body), head=head)

    def _static(self, head: bool) -> bool:
        route = urlsplit(self.path).path
        graph = Path(self.server.pool.graph_path)
        if route in ("/", "/index.html"):
            explorer = graph.with_name("graph.html")
            if explorer.is_file():
                self._send_file(explorer, "text/html; charset=utf-8", head)
            else:
                self._send(Reply(HTTPStatus.OK, "text/html; charset=utf-8", _landing_page()), head=head)
            return True
        if route == "/graph.ttl":
            self._send_file(graph, "text/turtle; charset=utf-8", head)
            return True
        return False

    def do_HEAD(self) -> None:  # noqa: N802 (http.server naming)
        if not self._static(head=True):
            self._send(_text_reply(HTTPStatus.NOT_FOUND, "not found"), head=True)

    def do_GET(self) -> None:  # noqa: N802
        if self._static(head=False):
            return
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._send(_text_reply(HTTPStatus.NOT_FOUND, f"not found: {url.path}; the SPARQL endpoint is /sparql"))
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if "query" not in params and "update" not in params:
            self._send(Reply(HTTPStatus.OK, "text/html; charset=utf-8", _landing_page()))
            return
        self._answer(params)

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._send(_text_reply(HTTPStatus.NOT_FOUND, f"not found: {url.path}; the SPARQL endpoint is /sparql"))
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
    request_queue_size = 16

    def __init__(self, address: tuple[str, int], pool: WorkerPool):
        self.pool = pool
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__((address[0].strip("[]"), address[1]), SparqlHandler)

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
) -> SparqlServer:
    """A ready (bound, graph loaded) SPARQL server; call ``serve_forever()`` then ``close()``.

    Workers are spawned processes, so a calling script needs the usual
    ``if __name__ == "__main__":`` guard.
    """
    if not is_loopback(host) and not allow_remote:
        raise QueryError(
            f"refusing to listen on {host!r}: it is reachable from other machines; use "
            f"{DEFAULT_HOST}, or pass allow_remote=True (`kg serve --host {host}`) to expose the graph",
            code="E310",
        )
    if timeout <= 0:
        raise QueryError(f"timeout must be positive, got {timeout!r}; give seconds, e.g. 10", code="E312")
    path = Path(graph_path)
    if not path.is_file():
        from kg.query import load_store

        load_store(path)  # raises the E301 message for a missing file or a directory
    pool = WorkerPool(path, size=workers, timeout=timeout)
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
        try:
            return SparqlServer((host, port), pool)
        except OSError as err:
            raise QueryError(
                f"cannot listen on {host}:{port}: {err.strerror}; choose another --port (0 picks a free one)",
                code="E312",
            ) from None
    except BaseException:
        pool.close()
        raise
