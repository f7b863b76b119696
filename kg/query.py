"""SPARQL over a graph file with pyoxigraph; the bundled queries in ``kg/queries/*.rq``.

Never imports spaCy. Results come back as a plain ``QueryResult`` (column names and rows
of Python values) that ``format_table`` / ``format_csv`` / ``format_json`` print.

Error codes (``kg.errors.QueryError``):
E301 graph file missing, E302 graph file unreadable or not valid RDF, E303 SPARQL syntax
error, E304 unknown bundled query name, E305 query file unreadable, E306 SPARQL Update
refused, E307 SERVICE refused, E308 query failed while running, E309 unknown output
format, E313 a --bind that does not fit the query, E320 query nested too deep.
``kg.serve`` adds E310–E312 and E321–E323.
"""
from __future__ import annotations

import csv
import datetime as dt
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

from kg.errors import QueryError
from kg.namespace import PREFIXES

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

OUTPUT_FORMATS = ("table", "csv", "json")
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
        raise QueryError(
            f"unknown query name {candidate!r}; valid names: {', '.join(queries)} "
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


def strip_literals(query: str) -> str:
    """``query`` with comments, strings and IRIs blanked out (for keyword and position checks)."""
    pattern = re.compile(
        r'"""(?:[^"\\]|\\.|"(?!""))*"""'
        r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
        r'|"(?:[^"\\\n]|\\.)*"'
        r"|'(?:[^'\\\n]|\\.)*'"
        r'|<[^<>"{}|^`\\\s]*>'
        r"|#[^\n]*",
        re.S,
    )
    # Same length, newlines kept: positions in the result are positions in ``query``.
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), query)


def _has_keyword(query: str, words: Iterable[str]) -> bool:
    alternatives = "|".join(words)
    return re.search(rf"(?<![\w?$:])(?:{alternatives})(?![\w:])", strip_literals(query), re.I) is not None


def is_update(query: str) -> bool:
    """True if ``query`` contains a SPARQL Update operation keyword."""
    return _has_keyword(query, ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"))


# Deeper nesting than this is refused before parsing: pyoxigraph's parser overflows its stack
# (killing the process) a few thousand levels down, rdflib's a few hundred; real queries
# stay under ten.
MAX_QUERY_DEPTH = 64
_OPENERS, _CLOSERS = "({[", ")}]"
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PARSE_RECURSION_LIMIT = 10_000  # enough for rdflib's parser at MAX_QUERY_DEPTH
_parse_lock = threading.Lock()


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


def nesting_depth(query: str) -> int:
    """The deepest nesting of ``{}``, ``()`` and ``[]`` outside strings, IRIs and comments."""
    depth = deepest = 0
    for char in strip_literals(unescape_codepoints(query)):
        if char in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
    return deepest


def check_depth(query: str) -> None:
    """Raise ``QueryError`` E320 if ``query`` nests deeper than ``MAX_QUERY_DEPTH``."""
    depth = nesting_depth(query)
    if depth > MAX_QUERY_DEPTH:
        raise QueryError(
            f"query nested {depth} levels deep, over the limit of {MAX_QUERY_DEPTH}; "
            "flatten the nested groups, sub-queries or parentheses",
            code="E320",
        )


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


def execute(store: ox.Store, query: str, *, allow_service: bool = False):
    """Run ``query`` on ``store``: the raw pyoxigraph result; errors as ``QueryError``.

    SERVICE (a request to another endpoint, made by pyoxigraph itself) is refused unless
    ``allow_service``; queries nested deeper than ``MAX_QUERY_DEPTH`` always are.
    """
    check_depth(query)
    reason = None if allow_service else service_check(query)
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


def with_bindings(query: str, bindings: dict[str, str]) -> str:
    """``query`` with ``VALUES ?name { ... }`` added at the top of its WHERE clause.

    Standard SPARQL: rows must have the value in that variable. Bind variables every row
    has (not ones only bound in an OPTIONAL); each bundled query lists its own.
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
    values = "".join(f"\n  VALUES ?{name} {{ {' '.join(binding_terms(value))} }}" for name, value in bindings.items())
    return query[: where.end()] + values + query[where.end():]


def run_query(
    graph_path: str | Path,
    query_text_or_name: str,
    *,
    bindings: Optional[dict[str, str]] = None,
    allow_service: bool = False,
) -> QueryResult:
    """Run a bundled query (by name) or SPARQL text against a graph file.

    ``bindings`` (variable → value, see ``binding_terms``) restricts the rows, e.g.
    ``run_query(path, "forum-timeline", bindings={"forum": "日中韓首脳会議"})``.
    SERVICE is refused (E307) unless ``allow_service=True``.
    """
    _, text = resolve_query(query_text_or_name)
    text = with_bindings(text, bindings or {})
    store = load_store(graph_path)
    result = execute(store, text, allow_service=allow_service)
    try:
        return to_result(result)
    except (OSError, ValueError, RuntimeError) as err:
        raise QueryError(f"query failed while running: {err}; simplify or fix the query", code="E308") from None


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


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    if _display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def format_table(result: QueryResult, *, max_width: int = 48) -> str:
    """An aligned text table (wide characters count double; long cells clipped with …)."""
    header = list(result.columns)
    cells = [[_clip(_text(v).replace("\n", " "), max_width) for v in row] for row in result.rows]
    widths = [_display_width(h) for h in header]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], _display_width(cell))

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (widths[i] - _display_width(v)) for i, v in enumerate(values)).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    noun = "row" if len(result.rows) == 1 else "rows"
    out.append(f"({len(result.rows)} {noun})")
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


def format_result(result: QueryResult, output_format: str) -> str:
    """``result`` in ``output_format`` (one of ``OUTPUT_FORMATS``)."""
    formatters = {"table": format_table, "csv": format_csv, "json": format_json}
    if output_format not in formatters:
        raise QueryError(
            f"unknown output format {output_format!r}; valid formats: {', '.join(OUTPUT_FORMATS)}",
            code="E309",
        )
    return formatters[output_format](result)
