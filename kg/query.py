"""SPARQL over a graph file with pyoxigraph; the bundled queries in ``kg/queries/*.rq``.

Never imports spaCy. Results come back as a plain ``QueryResult`` (column names and rows
of Python values) that ``format_table`` / ``format_csv`` / ``format_json`` print.

Error codes (``kg.errors.QueryError``):
E301 graph file missing, E302 graph file unreadable or not valid RDF, E303 SPARQL syntax
error, E304 unknown bundled query name, E305 query file unreadable, E306 SPARQL Update
refused, E307 SERVICE refused, E308 query failed while running, E309 unknown output
format, E313 a --bind that does not fit the query, E320 query nested too deep, E324 query
too long. ``kg.serve`` adds E310–E312 and E321–E323.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import re
import sys
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional

import pyoxigraph as ox
import wcwidth

from kg.errors import QueryError
from kg.namespace import PREFIXES, curie

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
}
_FLOAT_TYPES = {XSD + "double", XSD + "float"}

# Graph file extension → RDF format; anything else is read as Turtle (kg build's output).
_GRAPH_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}

OUTPUT_FORMATS = ("table", "vertical", "csv", "json")
_QUERY_NAME = re.compile(r"[A-Za-z][\w-]*")
_SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)

# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query: column names and rows of Python values.

    ``kind`` is ``"select"``, ``"ask"`` (one column ``ask``, one row with a bool) or
    ``"graph"`` (CONSTRUCT/DESCRIBE: columns ``subject``, ``predicate``, ``object`` in
    N-Triples syntax). Unbound values are ``None``; literals become ``int``, ``float``,
    ``Decimal``, ``bool``, ``datetime.date`` or ``str``; IRIs become ``str``.
    """

    kind: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column name (e.g. for ``pandas.DataFrame``)."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """All values of column ``name``, in row order."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]


# ---------------------------------------------------------------- bundled queries


@lru_cache(maxsize=None)
def bundled_queries() -> dict[str, tuple[str, str]]:
    """Bundled query name → (one-line description, SPARQL text), sorted by name."""
    folder = resources.files("kg") / "queries"
    found: dict[str, tuple[str, str]] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        found[entry.name[: -len(".rq")]] = (first.lstrip("#").strip(), text)
    return found


def resolve_query(query_text_or_name: str) -> tuple[Optional[str], str]:
    """(bundled name or None, SPARQL text) for a bundled query name or SPARQL text."""
    candidate = query_text_or_name.strip()
    queries = bundled_queries()
    if candidate in queries:
        return candidate, queries[candidate][1]
    if _QUERY_NAME.fullmatch(candidate):
        close = difflib.get_close_matches(candidate.lower(), list(queries), n=CLOSE_MATCHES, cutoff=0.6)
        hint = f"did you mean {' or '.join(repr(name) for name in close)}? " if close else ""
        raise QueryError(
            f"unknown query name {candidate!r}; {hint}valid names: {', '.join(queries)} "
            "(or give a .rq file, or SPARQL text with -e)",
            code="E304",
        )
    return None, query_text_or_name


# ---------------------------------------------------------------- graph loading

# Stores of the most recently queried graph files (a 1M-triple store takes ~1 GB).
STORE_CACHE_SIZE = 4
_store_cache: "OrderedDict[Path, tuple[tuple[int, int], ox.Store]]" = OrderedDict()
_store_lock = threading.Lock()


def load_store(graph_path: str | Path) -> ox.Store:
    """An in-memory pyoxigraph Store of the graph file, cached per path and mtime.

    A changed file (new mtime or size) is read again; the ``STORE_CACHE_SIZE`` most
    recently used paths stay in memory.
    """
    path = Path(graph_path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise QueryError(
            f"graph file not found: '{path}'; build one with `kg build` or give the path "
            "of an existing Turtle file",
            code="E301",
        ) from None
    except OSError as err:
        raise QueryError(f"cannot read graph file '{path}': {err.strerror}; check the path and its permissions", code="E302") from None
    if path.is_dir():
        raise QueryError(
            f"graph path '{path}' is a directory; give the Turtle file inside it "
            f"(e.g. '{path / 'graph.ttl'}')",
            code="E301",
        )
    key = path.resolve()
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _store_lock:
        cached = _store_cache.get(key)
        if cached and cached[0] == stamp:
            _store_cache.move_to_end(key)
            return cached[1]
        _store_cache.pop(key, None)  # free the outdated store before loading the new one
        store = ox.Store()
        fmt = _GRAPH_FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)
        try:
            store.bulk_load(path=str(path), format=fmt)
        except SyntaxError as err:
            raise QueryError(
                f"graph file '{path}' is not valid {fmt.name}: {' '.join(str(err).split())}; fix the file or "
                "rebuild it with `kg build`",
                code="E302",
            ) from None
        except (OSError, ValueError) as err:
            raise QueryError(f"cannot read graph file '{path}': {err}; check the file", code="E302") from None
        _store_cache[key] = (stamp, store)
        while len(_store_cache) > STORE_CACHE_SIZE:
            _store_cache.popitem(last=False)
        return store


# ---------------------------------------------------------------- running queries


def strip_literals(query: str, *, iris: bool = True) -> str:
    """``query`` with comments, strings and (unless ``iris=False``) IRIs blanked out, for
    keyword and position checks. A comment ends at CR or LF, as pyoxigraph ends it."""
    pattern = _LITERALS if iris else _STRINGS_AND_COMMENTS
    # Same length, newlines kept: positions in the result are positions in ``query``.
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), query)


_STRING_PATTERNS = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n\r]|\\.)*"',
    r"'(?:[^'\\\n\r]|\\.)*'",
)
_LITERALS = re.compile("|".join((*_STRING_PATTERNS, r'<[^<>"{}|^`\\\s]*>', r"#[^\n\r]*")), re.S)
_STRINGS_AND_COMMENTS = re.compile("|".join((*_STRING_PATTERNS, r"#[^\n\r]*")), re.S)


def _has_keyword(query: str, words: Iterable[str]) -> bool:
    alternatives = "|".join(words)
    return re.search(rf"(?<![\w?$:])(?:{alternatives})(?![\w:])", strip_literals(query), re.I) is not None


def is_update(query: str) -> bool:
    """True if ``query`` contains a SPARQL Update operation keyword."""
    return _has_keyword(query, ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"))


# Deeper nesting than this is refused before parsing: pyoxigraph's parser overflows its stack
# (killing the process) a few hundred to a few thousand levels down depending on the
# construct, rdflib's a few hundred; real queries stay under ten. Nested collections
# ("((( ... )))" as terms) also take time that grows as the cube of their depth.
MAX_QUERY_DEPTH = 64
# Longer queries are refused before parsing: flat chains (a/b/c/... paths, OPTIONAL after
# OPTIONAL, 1+1+1...) also recurse once per link in pyoxigraph; at this length none comes
# near the stack every query runs on (QUERY_STACK_BYTES). The bundled queries are < 3 KB.
MAX_QUERY_CHARS = 32_000
# Every query runs on a thread with this much stack (reserved, touched only as used): on
# the main thread's 8 MiB, a chain of 404 path steps or 1,356 OPTIONALs overflows it.
QUERY_STACK_BYTES = 512 << 20
_OPENERS, _CLOSERS = "({[", ")}]"
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PARSE_RECURSION_LIMIT = 10_000  # enough for rdflib's parser at MAX_QUERY_DEPTH
_parse_lock = threading.Lock()
_stack_lock = threading.Lock()


def unescape_codepoints(query: str) -> str:
    """``query`` with SPARQL's ``\\uXXXX`` / ``\\UXXXXXXXX`` escapes replaced, as a parser does
    before reading it (repeated until none is left, so no layering hides a keyword)."""
    def replace(match: re.Match) -> str:
        code = int(match[1] or match[2], 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""

    previous = None
    while previous != query:
        previous, query = query, _CODEPOINT_ESCAPE.sub(replace, query)
    return query


def _readings(query: str) -> Iterable[str]:
    """``query`` as differently lenient lexers could read it, literals blanked out.

    A check that takes the worst over all of them cannot be talked down by text that one
    lexer reads as a string, IRI or comment and another as code: escapes expanded or not
    (rdflib expands ``\\u0022`` before lexing, pyoxigraph does not), ``<...>`` taken as an
    IRI or as the operators ``<`` and ``>``.
    """
    for text in dict.fromkeys((query, unescape_codepoints(query))):
        yield strip_literals(text)
        yield strip_literals(text, iris=False)


def _depth_of(text: str) -> int:
    depth = deepest = run = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char in _OPENERS or text.startswith("<<", index):
            depth += 1
            deepest = max(deepest, depth)
            index += 2 if char == "<" else 1
            continue
        if char in _CLOSERS or text.startswith(">>", index):
            depth = max(depth - 1, 0)
            index += 2 if char == ">" else 1
            continue
        if char == "!":  # "!!!!x": pyoxigraph nests one level per operator
            run += 1
            deepest = max(deepest, depth + run)
        elif not char.isspace():
            run = 0
        index += 1
    return deepest


def nesting_depth(query: str) -> int:
    """The deepest nesting of ``{}``, ``()``, ``[]``, ``<< >>`` and chained ``!`` outside
    strings and comments: the worst over every way of lexing the query (``_readings``)."""
    return max(_depth_of(text) for text in _readings(query))


def check_depth(query: str) -> None:
    """Raise ``QueryError`` E324 if ``query`` is longer than ``MAX_QUERY_CHARS``, E320 if it
    nests deeper than ``MAX_QUERY_DEPTH``."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query is {len(query):,} characters long, over the limit of {MAX_QUERY_CHARS:,}; "
            "shorten it (a long VALUES list or FILTER chain can often be a pattern on the graph)",
            code="E324",
        )
    depth = nesting_depth(query)
    if depth > MAX_QUERY_DEPTH:
        raise QueryError(
            f"query nested {depth} levels deep, over the limit of {MAX_QUERY_DEPTH}; "
            "flatten the nested groups, sub-queries, parentheses or chains of '!'",
            code="E320",
        )


def on_query_stack(function, *args, **kwargs):
    """``function(*args, **kwargs)`` run on a thread with ``QUERY_STACK_BYTES`` of stack.

    pyoxigraph parses and evaluates recursively, in native code: a query that overflows
    the stack kills the whole process, which no ``except`` can catch. Every call that
    parses a query or reads a lazy result goes through here.
    """
    outcome: list = []

    def target() -> None:
        try:
            outcome.append((True, function(*args, **kwargs)))
        except BaseException as err:  # handed over to the caller's thread
            outcome.append((False, err))

    with _stack_lock:  # the stack size is process-wide: set it for this one thread only
        for size in (QUERY_STACK_BYTES, QUERY_STACK_BYTES // 8, 0):
            previous = threading.stack_size(size)
            try:
                thread = threading.Thread(target=target, name="kg-query", daemon=True)
                thread.start()
                break
            except (RuntimeError, MemoryError):  # no address space for it (ulimit -v): smaller
                continue
            finally:
                threading.stack_size(previous)
        else:
            raise QueryError("cannot start a thread to run the query on; free memory or raise ulimit -v", code="E308")
    thread.join()
    ok, value = outcome[0]
    if ok:
        return value
    raise value


# ---------------------------------------------------------------- no network

# Set by ``kg.serve.isolate_network`` once this process has been cut off from the network.
_network_isolated = False


def mark_network_isolated() -> None:
    """Record that this process can reach no address (see ``kg.serve.isolate_network``)."""
    global _network_isolated
    _network_isolated = True


def network_isolated() -> bool:
    """True if this process runs where no network address can be reached."""
    return _network_isolated


_SERVICE_WORD = re.compile(r"(?<![?$])service")


def mentions_service(query: str) -> bool:
    """True if pyoxigraph could possibly read a SERVICE keyword in ``query``.

    No parse at all, so no disagreement between parsers to exploit: the text, with and
    without its ``\\u`` escapes expanded, case-folded and with look-alike letters (ſ, ｓ,
    İ ...) reduced to ASCII, spells "service" anywhere (in a string, an IRI or a comment
    too) other than as the name of a variable (``?service``).
    """
    for text in dict.fromkeys((query, unescape_codepoints(query))):
        folded = text.casefold()
        ascii_form = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
        if _SERVICE_WORD.search(folded) or _SERVICE_WORD.search(ascii_form):
            return True
    return False


def _parse_tree_names(node) -> Iterable[str]:
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item.name
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or hasattr(item, "asList"):
            stack.extend(item)


def service_check(query: str) -> Optional[str]:
    """Why ``query`` may call SERVICE, or None when it certainly does not.

    Decided on the parse tree (rdflib's SPARQL grammar), not on the text: a query whose
    text, codepoint escapes expanded, never spells "service" in any case cannot reach
    SERVICE; any other is parsed, and one that has a SERVICE pattern, or that cannot be
    parsed to make sure, is answered with a reason.
    """
    text = unescape_codepoints(query)
    # Case folding and compatibility decomposition both: no Unicode look-alike of the
    # keyword (ſ, ｓ, İ, ...) slips past the fast path.
    ascii_form = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    if "service" not in text.casefold() and "service" not in ascii_form:
        return None
    from rdflib.plugins.sparql.parser import parseQuery

    with _parse_lock:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, _PARSE_RECURSION_LIMIT))
        try:
            # pyoxigraph ends a comment at CR as well as LF; rdflib only at LF, so a "comment"
            # "# x\r SERVICE <...>" would hide the SERVICE from rdflib alone.
            tree = parseQuery(query.replace("\r", "\n"))
        except Exception as err:  # any parser failure means "not proven safe"
            reason = " ".join(str(err).split())[:120]
            return f"the query spells SERVICE and could not be parsed to check it ({reason})"
        finally:
            sys.setrecursionlimit(limit)
    if "ServiceGraphPattern" in set(_parse_tree_names(tree)):
        return "the query has a SERVICE pattern"
    return None


def uses_service(query: str) -> bool:
    """True if ``query`` may call SERVICE (a federated call to another endpoint)."""
    return service_check(query) is not None


def service_refusal(query: str) -> Optional[str]:
    """Why ``query`` may not run in this process, or None.

    Where the process is cut off from the network (``kg serve``'s workers, each in a
    namespace of its own), nothing can leave whatever the engine reads, and a SERVICE
    pattern on the parse tree is refused only for a clear message. Anywhere else (``kg
    query``, the library, a server without the namespace) a query that so much as spells
    "service" is refused (``mentions_service``): it fails closed instead of trusting a
    second parser to read the query as pyoxigraph will.
    """
    if not network_isolated():
        if not mentions_service(query):
            return None
        # Decided above; the parse only picks the clearer message.
        return service_check(query) or (
            "the query spells 'service' (inside a string, IRI or comment too, which this process, "
            "able to reach the network, does not tell apart); spell such text another way, "
            "e.g. CONCAT(\"serv\", \"ice\")")
    return service_check(query)


def execute(store: ox.Store, query: str, *, allow_service: bool = False):
    """Run ``query`` on ``store``: the raw pyoxigraph result; errors as ``QueryError``.

    SERVICE (a request to another endpoint, made by pyoxigraph itself) is refused unless
    ``allow_service`` (see ``service_refusal``); queries longer than ``MAX_QUERY_CHARS`` or
    nested deeper than ``MAX_QUERY_DEPTH`` always are. Call it, and read its lazy result,
    inside ``on_query_stack``.
    """
    check_depth(query)
    reason = None if allow_service else service_refusal(query)
    if reason:
        raise QueryError(
            f"SERVICE (federated query) is disabled: {reason}; queries here only read the "
            "graph file and never make network requests; remove the SERVICE clause",
            code="E307",
        )
    try:
        return ox_query(store, query)
    except SyntaxError as err:
        if is_update(query):
            raise QueryError(
                "SPARQL Update is refused: the graph is read-only; use SELECT, ASK, "
                "CONSTRUCT or DESCRIBE (rebuild the graph with `kg build` to change it)",
                code="E306",
            ) from None
        raise QueryError(syntax_message(str(err), query), code="E303") from None
    except (OSError, ValueError, RuntimeError) as err:
        raise QueryError(f"query failed while running: {err}; simplify or fix the query", code="E308") from None


def ox_query(store: ox.Store, query: str):
    """``store.query`` with the project's prefixes (``kgo:``, ``rdfs:``...) predeclared."""
    return store.query(query, prefixes=PREFIXES)


def syntax_message(parser_message: str, query: str = "") -> str:
    """A one-line message for a pyoxigraph syntax error, with line, column and context.

    pyoxigraph reports how far its parser got (often the end of the query), so the
    position shown is where rdflib's parser stopped, when it also rejects the query.
    """
    match = _SYNTAX_POSITION.match(parser_message)
    line, column, detail = (int(match[1]), int(match[2]), match[3]) if match else (0, 0, parser_message)
    prefix = undeclared_prefix(query)
    if "Prefix not found" in detail and prefix:
        name, line, column = prefix
        known = ", ".join(sorted(PREFIXES))
        return (
            f"SPARQL syntax error at line {line}, column {column}: unknown prefix '{name}:'; "
            f"declare it with PREFIX {name}: <IRI> (predeclared: {known})"
        )
    earlier = _rdflib_position(query)
    if earlier:
        line, column = earlier
    detail = " ".join(detail.split())
    if len(detail) > 160:
        detail = detail[:160].rsplit(",", 1)[0] + ", …"
    where = f" at line {line}, column {column}" if line else ""
    near = _near(query, line, column)
    return f"SPARQL syntax error{where}{near}: {detail}; fix the query (see docs/sparql.md for examples)"


def _rdflib_position(query: str) -> Optional[tuple[int, int]]:
    try:
        from pyparsing import ParseException
        from rdflib.plugins.sparql.parser import parseQuery
    except ImportError:
        return None
    try:
        parseQuery(query)
    except ParseException as err:
        return err.lineno, err.col
    except Exception:  # rdflib's parser has its own failure modes; keep pyoxigraph's position
        return None
    return None


def _near(query: str, line: int, column: int) -> str:
    lines = query.splitlines()
    if not 0 < line <= len(lines):
        return ""
    snippet = lines[line - 1][max(column - 1, 0):].strip()[:30]
    return f" (near {snippet!r})" if snippet else " (at the end of the line)"


def undeclared_prefix(query: str) -> Optional[tuple[str, int, int]]:
    """(prefix, line, column) of the first prefixed name whose prefix is neither declared
    in ``query`` nor predeclared, or None."""
    text = strip_literals(query)
    declared = set(PREFIXES) | set(re.findall(r"PREFIX\s+([\w.-]*):", text, re.I))
    for match in re.finditer(r"(?<![\w?$.:-])([A-Za-z][\w.-]*)?:(?=[\w%\\])", text):
        name = match[1] or ""
        if name not in declared:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            return name, line, column
    return None


_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "date"),
    (re.compile(r"\d{4}-\d{2}"), "gYearMonth"),
    (re.compile(r"\d{4}"), "gYear"),
)


def binding_terms(value: str) -> list[str]:
    """SPARQL terms a ``--bind`` value stands for.

    ``<IRI>`` and ``"text"@lang`` / ``"text"^^<type>`` are taken as written; plain text
    matches both the plain string and the ``@ja`` label (labels are ``@ja``, codes and
    acronyms plain); digits and ISO dates also match the typed literal.
    """
    text = value.strip()
    if re.fullmatch(r"<[^<>\"{}|^`\\\s]*>", text) or re.fullmatch(r'"(?:[^"\\]|\\.)*"(?:@[A-Za-z-]+|\^\^<[^<>\s]*>)?', text):
        return [text]
    literal = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    terms = [literal, literal + "@ja"]
    if re.fullmatch(r"[+-]?\d+", text):
        terms.insert(0, text)
    for pattern, datatype in _DATE_FORMS:
        if pattern.fullmatch(text):
            terms.append(f"{literal}^^<{XSD}{datatype}>")
            break
    return terms


def with_bindings(query: str, bindings: dict[str, str], index: Optional["NameIndex"] = None) -> str:
    """``query`` with ``VALUES ?name { ... }`` added at the top of its WHERE clause.

    Standard SPARQL: rows must have the value in that variable. Bind variables every row
    has (not ones only bound in an OPTIONAL); each bundled query lists its own. With the
    graph's ``index``, a value also stands for every name of the node it names.
    """
    if not bindings:
        return query
    stripped = strip_literals(query)
    variables = sorted(set(re.findall(r"[?$]([A-Za-z_][\w]*)", stripped)))
    for name in bindings:
        if name not in variables:
            raise QueryError(
                f"cannot bind {name!r}: the query has no variable ?{name}; its variables: "
                f"{', '.join(variables) or '(none)'}",
                code="E313",
            )
    where = re.search(r"\bWHERE\s*\{", stripped, re.I)
    if where is None and re.match(r"\s*(?:(?:PREFIX|BASE)\b[^{]*?)*\s*(?:SELECT|ASK)\b", stripped, re.I):
        where = re.search(r"\{", stripped)
    if where is None:
        raise QueryError(
            "cannot bind variables: the query has no WHERE clause; add WHERE { ... } or drop --bind",
            code="E313",
        )
    values = "".join(
        f"\n  VALUES ?{name} {{ {' '.join(expanded_terms(value, index))} }}" for name, value in bindings.items()
    )
    return query[: where.end()] + values + query[where.end():]


def run_query(
    graph_path: str | Path,
    query_text_or_name: str,
    *,
    bindings: Optional[dict[str, str]] = None,
    allow_service: bool = False,
) -> QueryResult:
    """Run a bundled query (by name) or SPARQL text against a graph file.

    ``bindings`` (variable → value, see ``binding_terms``) restricts the rows; a value may
    be any name of a node (label, ``skos:altLabel``, acronym, ISO code), e.g.
    ``run_query(path, "forum-timeline", bindings={"forum": "EDSCG"})``. A value that no
    row has raises E314 with close matches instead of giving no rows.
    SERVICE is refused (E307) unless ``allow_service=True``: this process can reach the
    network, so any query that spells "service" is (see ``service_refusal``).
    """
    _, text = resolve_query(query_text_or_name)
    store = load_store(graph_path)
    index = name_index(store) if bindings else None
    bound = with_bindings(text, bindings or {}, index)

    def answer() -> QueryResult:
        result = to_result(execute(store, bound, allow_service=allow_service))
        if bindings and not result.rows:
            check_bindings(store, text, bindings, index, allow_service=allow_service)
        return result

    try:
        return on_query_stack(answer)
    except (OSError, ValueError, RuntimeError) as err:
        raise QueryError(f"query failed while running: {err}; simplify or fix the query", code="E308") from None


# ---------------------------------------------------------------- --bind by name, alias or acronym

# Literals that name a node: a --bind value equal to one of them (after NFKC, case and
# space folding) stands for every name of that node, so ``forum=EDSCG`` finds the rows
# whose ?forum is the label 拡大抑止戦略協議体.
NAME_PROPERTIES = tuple(
    PREFIXES[prefix] + local
    for prefix, local in (("rdfs", "label"), ("skos", "prefLabel"), ("skos", "altLabel"), ("kgo", "acronym"), ("kgo", "isoCode"))
)
_NAME_QUERY = (
    "SELECT ?node ?name WHERE { VALUES ?property { "
    + " ".join(f"<{p}>" for p in NAME_PROPERTIES)
    + " } ?node ?property ?name FILTER(isLiteral(?name)) }"
)
CLOSE_MATCHES = 5


@dataclass(frozen=True)
class NameIndex:
    """Every node's names: folded name → nodes, node → names (N-Triples terms)."""

    nodes_by_name: dict[str, tuple[str, ...]]
    names_by_node: dict[str, tuple[str, ...]]

    def nodes(self, text: str) -> tuple[str, ...]:
        """IRIs of the nodes that have ``text`` as a name (folded comparison)."""
        return self.nodes_by_name.get(fold_name(text), ())

    def names(self, node: str) -> tuple[str, ...]:
        """Lexical forms of the names of ``node``."""
        return tuple(literal_text(term) for term in self.names_by_node.get(node, ()))


def fold_name(text: str) -> str:
    """``text`` as names are compared: NFKC (full-width → ASCII), case-folded, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def literal_text(term: str) -> str:
    """The text of an N-Triples term: a literal's lexical form (``"x"@ja`` → ``x``), an
    ``<IRI>``'s IRI; anything else unchanged."""
    match = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(?:@[A-Za-z-]+|\^\^<[^<>\s]*>)?', term)
    if not match:
        return term[1:-1] if term.startswith("<") and term.endswith(">") else term
    return json.loads(f'"{match[1]}"') if "\\" in match[1] else match[1]


_name_indexes: dict[int, tuple[ox.Store, NameIndex]] = {}


def name_index(store: ox.Store) -> NameIndex:
    """The ``NameIndex`` of ``store`` (built once per store; stores are cached by path)."""
    with _store_lock:
        cached = _name_indexes.get(id(store))
        if cached and cached[0] is store:
            return cached[1]
    by_name: dict[str, list[str]] = {}
    by_node: dict[str, list[str]] = {}
    for solution in ox_query(store, _NAME_QUERY):
        node, name = solution["node"], solution["name"]
        if not isinstance(node, ox.NamedNode):
            continue
        by_node.setdefault(node.value, []).append(str(name))
        nodes = by_name.setdefault(fold_name(name.value), [])
        if node.value not in nodes:
            nodes.append(node.value)
    index = NameIndex(
        {k: tuple(sorted(v)) for k, v in by_name.items()},
        {k: tuple(sorted(set(v))) for k, v in by_node.items()},
    )
    with _store_lock:
        live = {id(s) for _, (_, s) in _store_cache.items()} | {id(store)}
        for key in [k for k in _name_indexes if k not in live]:
            del _name_indexes[key]  # its store left the cache
        _name_indexes[id(store)] = (store, index)
    return index


def expanded_terms(value: str, index: Optional[NameIndex]) -> list[str]:
    """``binding_terms(value)`` plus, for each node named ``value`` (label, alias, acronym,
    ISO code, or the node's ``<IRI>`` itself), the node's IRI and all its names."""
    terms = binding_terms(value)
    if index is None or (value.strip().startswith('"')):
        return terms
    text = value.strip()
    nodes = [text[1:-1]] if text.startswith("<") else list(index.nodes(text))
    for node in nodes:
        for term in (f"<{node}>", *index.names_by_node.get(node, ())):
            if term not in terms:
                terms.append(term)
    return terms


def check_bindings(
    store: ox.Store, query: str, bindings: dict[str, str], index: NameIndex, *, allow_service: bool = True
) -> None:
    """Raise E314 for a bound value that no row of the unbound ``query`` has in that column.

    Called when a bound query gave no rows: an unknown name is then an error naming the
    value with close matches, while known values that simply never occur together (e.g.
    a side that did not attend that forum) keep their honest empty answer.
    """
    full = to_result(execute(store, query, allow_service=allow_service))
    if not full.rows:
        return
    for name, value in bindings.items():
        if name not in full.columns:
            continue  # not projected: no column to compare with
        wanted = {fold_name(literal_text(term)) for term in expanded_terms(value, index)}
        column = {_text(v) for v in full.column(name) if v is not None}
        if any(fold_name(v) in wanted for v in column):
            continue
        raise QueryError(unknown_value_message(name, value, sorted(column), index), code="E314")


def unknown_value_message(name: str, value: str, column: list[str], index: NameIndex) -> str:
    """The E314 message: the value, the column, close matches (or some valid values), the fix."""
    candidates: dict[str, str] = {}  # folded → shown, column values first
    for shown in column:
        candidates.setdefault(fold_name(shown), shown)
    for shown in column:
        for node in index.nodes(shown):
            for alias in index.names(node):
                candidates.setdefault(fold_name(alias), alias)
    folded = fold_name(value)
    close = [shown for key, shown in candidates.items() if folded and (folded in key or key in folded)]
    close += [
        candidates[key]
        for key in difflib.get_close_matches(folded, list(candidates), n=CLOSE_MATCHES, cutoff=0.6)
        if candidates[key] not in close
    ]
    head = (
        f"no row has {name} {value!r}: it is not a value, label, alias or acronym of any "
        f"{name} in the answer"
    )
    if close:
        return f"{head}; close matches: {', '.join(close[:CLOSE_MATCHES])}"
    shown = ", ".join(column[:CLOSE_MATCHES]) + (f", … ({len(column)} in all)" if len(column) > CLOSE_MATCHES else "")
    return f"{head}; its values include: {shown} (run the query without --bind to see them all)"


def to_result(result) -> QueryResult:
    """Turn a pyoxigraph result (solutions, boolean or triples) into a ``QueryResult``."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", ("ask",), ((bool(result),),))
    if isinstance(result, ox.QuerySolutions):
        names = tuple(v.value for v in result.variables)
        rows = tuple(tuple(term_value(solution[i]) for i in range(len(names))) for solution in result)
        return QueryResult("select", names, rows)
    rows = tuple((str(t.subject), str(t.predicate), str(t.object)) for t in result)
    return QueryResult("graph", ("subject", "predicate", "object"), rows)


def term_value(term) -> Any:
    """A Python value for an RDF term: IRI → str, literal → int/float/bool/date/str."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        value = term.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(value)
            if datatype == XSD + "decimal":
                return Decimal(value)
            if datatype in _FLOAT_TYPES:
                return float(value)
            if datatype == XSD + "boolean":
                return value in ("true", "1")
            if datatype == XSD + "date":
                return dt.date.fromisoformat(value)
        except ValueError:
            return value  # ill-typed literal: keep the lexical form rather than fail
        return value
    return str(term)


# ---------------------------------------------------------------- formatting


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide characters 2, combining marks 0."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    return max(wcwidth.wcwidth(ch), 0)


# A line may not start with these (Japanese line-breaking rule, 行頭禁則): the character
# before them moves down with them.
_NO_LINE_START = set("、。，．,.)）」』】〕〉》]｝・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々!?！？:;：；")


def wrap_cell(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` terminal columns (nothing dropped).

    Latin words break at spaces when they can; Japanese text, which has no spaces,
    breaks between any two characters except before closing punctuation.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for ch in paragraph:
            w = _char_width(ch)
            if used + w > width and line:
                head, tail = _break_point(line, ch)
                if display_width(tail) + w > width:
                    head, tail = line, ""  # carrying would overflow the next line
                lines.append(head.rstrip(" ") or head)
                line = tail.lstrip(" ") if head.strip(" ") else tail
                used = display_width(line)
                if ch == " " and not line:
                    continue  # the space the line broke at
            line += ch
            used += w
        lines.append(line)
    return lines


def _break_point(line: str, next_char: str) -> tuple[str, str]:
    """Where to break ``line`` before ``next_char`` is appended: (this line, carried over)."""
    if next_char != " " and line[-1:] != " " and next_char.isascii() and line[-1:].isascii():
        space = line.rfind(" ")
        if space > 0:
            return line[: space + 1], line[space + 1:]
    if next_char in _NO_LINE_START and len(line) > 1:
        return line[:-1], line[-1]
    comma = max(line.rfind("、"), line.rfind("。"))
    if comma >= len(line) // 2 and comma < len(line) - 1:
        return line[: comma + 1], line[comma + 1:]  # items of a 「、」 list stay whole
    return line, ""


_SEPARATORS = {"|", "/", "·", "-", "→"}


def wrap_words(line: str, width: int, indent: int = 4) -> list[str]:
    """A line of a report broken at spaces into lines of at most ``width`` columns.

    Continuation lines are indented ``indent`` columns past the line's own indentation; a
    word is never split unless it alone is wider than a line (then :func:`wrap_cell` breaks it).
    """
    if display_width(line) <= width:
        return [line]
    lead = len(line) - len(line.lstrip(" "))
    pad = " " * min(lead + indent, width // 2)
    lines: list[str] = []
    current = ""
    for word in line[lead:].split(" "):
        if not current:
            current = line[:lead] + word
        elif current == pad and not word:
            continue  # a double space at a break
        elif display_width(f"{current} {word}") <= width:
            current = f"{current} {word}"
        else:
            head, _, last = current.rstrip(" ").rpartition(" ")
            carried = f"{last} " if last in _SEPARATORS and head.strip() else ""  # "| meetings", not "… |"
            lines.append(head.rstrip(" ") if carried else current.rstrip(" "))
            current = pad + carried + word
    lines.append(current)
    out: list[str] = []
    for text in lines:  # a word wider than a whole line is broken as a cell would be
        if display_width(text) <= width:
            out.append(text)
        else:
            lead_text = text[: len(text) - len(text.lstrip(" "))]
            out += [lead_text + part for part in wrap_cell(text.lstrip(" "), width - len(lead_text))]
    return out


TABLE_GAP = "  "
MIN_COLUMN_WIDTH = 8
# Columns this narrow (dates, codes, counts) are never wrapped.
UNWRAPPED_WIDTH = 12


def column_widths(natural: list[int], headers: list[int], width: Optional[int]) -> Optional[list[int]]:
    """Column widths that fit ``width`` terminal columns, or None if the columns cannot fit.

    Columns keep their natural width when everything fits; otherwise the widest column
    gives up one column at a time (the rightmost of equals first), none narrower than its
    header or ``MIN_COLUMN_WIDTH``, and columns of at most ``UNWRAPPED_WIDTH`` not at all.
    """
    available = None if width is None else width - len(TABLE_GAP) * (len(natural) - 1)
    if available is None or sum(natural) <= available:
        return list(natural)
    floors = [n if n <= UNWRAPPED_WIDTH else max(h, MIN_COLUMN_WIDTH) for n, h in zip(natural, headers)]
    if sum(floors) > available:
        return None
    widths = list(natural)
    for _ in range(sum(natural) - available):
        widest = max((i for i in range(len(widths)) if widths[i] > floors[i]), key=lambda i: (widths[i], i))
        widths[widest] -= 1
    return widths


def _cells(result: QueryResult) -> list[list[str]]:
    if result.kind == "graph":  # N-Triples terms: prefixed names read better in a terminal
        return [[_short_term(v) for v in row] for row in result.rows]
    return [[_text(v) for v in row] for row in result.rows]


def _short_term(term: str) -> str:
    if term.startswith("<") and term.endswith(">"):
        return curie(term[1:-1])
    if term.endswith(">") and "^^<" in term:
        lexical, _, datatype = term.rpartition("^^<")
        return f"{lexical}^^{curie(datatype[:-1])}"
    return term


def _rows_footer(result: QueryResult) -> str:
    return f"({len(result.rows)} {'row' if len(result.rows) == 1 else 'rows'})"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(result: QueryResult, *, width: Optional[int] = None) -> str:
    """An aligned text table that fits ``width`` terminal columns (None: no limit).

    Wide characters count as two columns; long cells wrap onto more lines, never cut.
    When the columns cannot fit, or wrapping would take more lines than one record per
    column would, the answer is printed by ``format_vertical`` instead.
    """
    header = list(result.columns)
    cells = _cells(result)
    natural = [display_width(h) for h in header]
    for row in cells:
        for i, cell in enumerate(row):
            natural[i] = max(natural[i], *(display_width(part) for part in cell.split("\n")))
    widths = column_widths(natural, [display_width(h) for h in header], width)
    if widths is None:
        return format_vertical(result, width=width)
    wrapped = [[wrap_cell(cell, widths[i]) for i, cell in enumerate(row)] for row in cells]
    table_lines = sum(max(len(c) for c in row) for row in wrapped)
    if widths != natural and table_lines > _vertical_line_count(result, cells, width):
        return format_vertical(result, width=width)

    def line(values: list[str]) -> str:
        return TABLE_GAP.join(_pad(v, widths[i]) for i, v in enumerate(values)).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    for row in wrapped:
        for k in range(max(len(c) for c in row)):
            out.append(line([c[k] if k < len(c) else "" for c in row]))
    out.append(_rows_footer(result))
    return "\n".join(out) + "\n"


def _label_width(result: QueryResult) -> int:
    return max((display_width(c) for c in result.columns), default=0)


def _value_width(result: QueryResult, width: Optional[int]) -> Optional[int]:
    return None if width is None else max(width - _label_width(result) - len(TABLE_GAP), MIN_COLUMN_WIDTH)


def _vertical_line_count(result: QueryResult, cells: list[list[str]], width: Optional[int]) -> int:
    value_width = _value_width(result, width)
    return sum(
        1 + sum(len(wrap_cell(cell, value_width)) if value_width else cell.count("\n") + 1 for cell in row)
        for row in cells
    )


def format_vertical(result: QueryResult, *, width: Optional[int] = None) -> str:
    """One record per row, one line per column (``column  value``), values wrapped to ``width``.

    For answers with many or long columns, such as ``representations`` with its evidence
    sentence, in a narrow terminal.
    """
    label_width = _label_width(result)
    value_width = _value_width(result, width)
    rule_width = width if width is not None else 40
    out = []
    for number, row in enumerate(_cells(result), 1):
        title = f"-[ row {number} ]"
        out.append(title + "-" * max(rule_width - len(title), 0))
        for name, cell in zip(result.columns, row):
            lines = wrap_cell(cell, value_width) if value_width else cell.split("\n")
            out.append((_pad(name, label_width) + TABLE_GAP + lines[0]).rstrip())
            out.extend((" " * (label_width + len(TABLE_GAP)) + more).rstrip() for more in lines[1:])
    out.append(_rows_footer(result))
    return "\n".join(out) + "\n"


def format_csv(result: QueryResult) -> str:
    """CSV with a header row; unbound values are empty cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([_text(v) for v in row] for row in result.rows)
    return buffer.getvalue()


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value


def format_json(result: QueryResult) -> str:
    """A JSON array of objects, one per row, keyed by column name (UTF-8, not escaped)."""
    rows = [{c: _json_value(v) for c, v in zip(result.columns, row)} for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


# Characters a terminal acts on instead of showing: C0/C1 controls (ESC starts colour, cursor
# and title sequences, CR overwrites the line) and the bidi overrides that reorder text.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """``text`` with every character a terminal would act on written as ``\\xNN`` or
    ``\\uNNNN`` (newline and tab kept)."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def for_terminal(result: QueryResult) -> QueryResult:
    """``result`` with its text values and column names passed through ``terminal_text``:
    what ``kg query`` prints on a terminal, so graph text (articles are untrusted) cannot
    drive it."""
    def safe(value: Any) -> Any:
        return terminal_text(value) if isinstance(value, str) else value

    return QueryResult(result.kind, tuple(safe(c) for c in result.columns),
                       tuple(tuple(safe(v) for v in row) for row in result.rows))


def format_result(result: QueryResult, output_format: str, *, width: Optional[int] = None) -> str:
    """``result`` in ``output_format`` (one of ``OUTPUT_FORMATS``); ``width`` limits the
    table and vertical formats to that many terminal columns."""
    formatters = {
        "table": lambda r: format_table(r, width=width),
        "vertical": lambda r: format_vertical(r, width=width),
        "csv": format_csv,
        "json": format_json,
    }
    if output_format not in formatters:
        raise QueryError(
            f"unknown output format {output_format!r}; valid formats: {', '.join(OUTPUT_FORMATS)}",
            code="E309",
        )
    return formatters[output_format](result)
