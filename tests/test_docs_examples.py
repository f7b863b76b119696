"""Docs that cannot drift: every command, SPARQL and Python example in README.md and
docs/*.md runs against a build of the seeds, and the output it shows must still match.

Examples run in a scratch folder laid out like the repository (``seeds/``, ``tests/``,
``kg/``... linked, ``out/`` a copy of the session's seed build), with ``.venv/bin`` first
on PATH and ``COLUMNS=80``, so the tables shown are what an 80-column terminal shows.

- ```console blocks: ``$ command`` lines run in bash; the lines after them, up to the next
  ``$``, must be its output (stdout and stderr); a line ``...`` stands for any lines.
- ```sh blocks and inline `kg ...` commands: each command must exit 0.
- ```sparql blocks: must run on the seed graph and give at least one row.
- ```python blocks: run top to bottom; ``expr  # value`` checks ``repr(expr)`` against the
  value (``...`` stands for anything).
- ```text blocks (diagrams, synopses, file layouts) are not run; a block with no language
  is an error, so every new example is classified.

Commands and Python that talk to ``kg serve`` at 127.0.0.1:8000 go to a ``kg serve`` the
test starts on a free port. What cannot run here is listed in ``SKIPPED`` with the reason.
"""
from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
VENV_BIN = Path(sys.executable).parent
LINKED = ("seeds", "tests", "kg", "ontology", "notebooks", "benchmarks", "docs", "scripts", "Makefile", "pyproject.toml")

# Commands (by their first words) that are not run, and why.
SKIPPED = {
    "make": "runs the set-up or the whole suite (this test is part of it)",
    ". .venv/bin/activate": "changes the shell, not the graph; .venv/bin is already first on PATH",
    "kg build path/to/articles/": "a placeholder folder",
    "kg build corpus/": "a placeholder folder",
    "kg build corpus/*": "a placeholder folder",
    "kg build --no-cache": "parses every seed again with GiNZA (a minute); the cold build is tested in test_cli_build.py",
    "kg build tests/regression tests/corpus --no-cache": "parses 113 articles cold (minutes); test_extract_generality.py builds them",
    "kg build tests/corpus": "parses the 70-article test corpus (minutes cold); test_extract_generality.py builds it",
    "kg eval out/corpus/graph.ttl": "needs the test-corpus build skipped above",
    "kg build -j 2": "starts two GiNZA worker processes (a minute of model loading); -j is tested in test_pipeline_build.py",
    "kg build corpus/ -o out/ --scheduler": "needs a Dask cluster on other hosts",
    "kg serve": "runs until stopped; the `endpoint` fixture starts it on a free port for the curl and SPARQLWrapper examples",
    "curl -G http://127.0.0.1:7878/query": "talks to an Oxigraph server (not installed)",
    "curl http://127.0.0.1:3030/kaigi/sparql": "talks to a Fuseki server (not installed)",
    "python -m venv": "creates a new environment",
    "dask-scheduler": "a cluster on other hosts",
    "dask-worker": "a cluster on other hosts",
    "oxigraph": "Oxigraph server is not installed (an external triple store)",
    "fuseki-server": "Apache Jena Fuseki is not installed (an external triple store)",
    "tdb2.tdbloader": "Apache Jena is not installed (an external triple store)",
    "xdg-open": "opens a desktop browser",
    ".venv/bin/jupyter lab": "an interactive server",
    "KG_NOTEBOOK_OUT=/tmp/kg KG_NOTEBOOK_REBUILD=1 .venv/bin/jupyter lab": "an interactive server",
    "KG_NOTEBOOK_GRAPH=out/many/graph.ttl .venv/bin/jupyter lab": "an interactive server",
    ".venv/bin/jupyter execute notebooks/explore.ipynb": "runs the notebook, which test_notebook_explore.py does with a real kernel",
    ".venv/bin/python -m benchmarks": "benchmarks take minutes (make bench)",
    ".venv/bin/python -m benchmarks.bench_build": "benchmarks take minutes (make bench)",
    ".venv/bin/python -m benchmarks.bench_memory": "benchmarks take minutes (make bench)",
    "kg query …": "prose shorthand for a kg query command, not a command",
    "kg eval …": "prose shorthand for a kg eval command, not a command",
    "kg build ../shared/seeds ../shared/realdev/articles": "builds 74 articles (minutes); test_resolve_identity_union.py builds them",
    "kg eval union/graph.ttl": "needs the union build skipped above; test_resolve_identity_union.py runs it",
    ".venv/bin/python -m pytest": "runs tests of the suite this test belongs to",
    "KG_HELDOUT_CORPUS=/data/unseen": "a placeholder folder of unseen articles",
}
SKIPPED_PYTHON = {
    ("docs/distributed.md", 'Client("tcp://hostA:8786")'): "needs a Dask scheduler on hostA",
}
DOC_ENDPOINT = "127.0.0.1:8000"  # where the docs say `kg serve` listens; examples go to the fixture's port


@dataclass(frozen=True)
class Example:
    doc: str  # path relative to the repository
    line: int
    kind: str  # console, sh, sparql, python, text, inline
    text: str

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"


def _examples() -> list[Example]:
    found = []
    fence = re.compile(r"^```(\S*)\n(.*?)^```", re.S | re.M)
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        doc = str(path.relative_to(ROOT))
        for match in fence.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(Example(doc, line, match[1] or "(none)", match[2]))
        prose = fence.sub(lambda m: "\n" * m[0].count("\n"), text)
        for match in re.finditer(r"(?<!`)`(kg [^`]+)`(?!`)", prose):
            command = match[1]
            # `kg eval GRAPH GOLD_DIR`, `kg build`: names of commands and synopses, not examples
            if len(command.split()) > 2 and not re.search(r"\b[A-Z][A-Z_]{2,}\b", command):
                found.append(Example(doc, prose.count("\n", 0, match.start()) + 1, "inline", command))
    return found


EXAMPLES = _examples()


def _of_kind(*kinds: str) -> list[Example]:
    return [e for e in EXAMPLES if e.kind in kinds]


def test_docs_examples_every_code_block_has_a_known_language():
    unknown = [e.id for e in EXAMPLES if e.kind not in ("console", "sh", "sparql", "python", "text", "inline")]
    assert unknown == [], "give these blocks a language: console, sh, sparql, python or text"


# ---------------------------------------------------------------- the scratch repository


@pytest.fixture(scope="module")
def workdir(seed_build, tmp_path_factory):
    """A folder laid out like the repository with ``out/`` = a copy of the seed build."""
    out, _ = seed_build
    work = tmp_path_factory.mktemp("docs-examples")
    for name in LINKED:
        (work / name).symlink_to(ROOT / name)
    shutil.copytree(out, work / "out")
    # README: "Save it as q.rq and run kg query out/graph.ttl q.rq"; docs/sparql.md runs my-query.rq
    saved = next(e.text for e in EXAMPLES if e.kind == "sparql" and e.doc == "README.md")
    for name in ("q.rq", "my-query.rq"):
        (work / name).write_text(saved, encoding="utf-8")
    return work


@pytest.fixture(scope="module")
def endpoint(workdir):
    """``kg serve out/graph.ttl`` of the scratch repository on a free port: "127.0.0.1:PORT"."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(VENV_BIN / "kg"), "serve", "out/graph.ttl", "--port", str(port), "-q"],
        cwd=workdir, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"kg serve did not start: {server.stderr.read() if server.poll() is not None else 'timeout'}")
                time.sleep(0.2)
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
        COLUMNS="80",
        KG_CACHE_DIR=str(ROOT / ".kg-cache" / "tests"),
    )
    return env


def _skip_reason(command: str) -> str | None:
    words = command.split()
    for prefix, reason in SKIPPED.items():
        if reason and words[: len(prefix.split())] == prefix.split():
            return reason
    return None


def _missing_program(command: str) -> str | None:
    """A program of the pipeline that is not installed (e.g. jq on a bare machine), or None."""
    for part in command.split("|"):
        program = part.split()[0]
        if "=" not in program and shutil.which(program, path=_env()["PATH"]) is None:
            return program
    return None


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=300
    )


def _sh_commands(text: str) -> list[str]:
    """The commands of a shell block: comments dropped, ``\\`` continuations and ``;`` lists split."""
    commands = []
    for line in text.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|<>")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        try:
            tokens = list(lexer)
        except ValueError as err:
            raise AssertionError(f"cannot read shell line {line!r}: {err}") from None
        part: list[str] = []
        for token in [*tokens, ";"]:
            if token == ";":
                if part:
                    commands.append(" ".join(part))
                part = []
            else:
                part.append(token if re.fullmatch(r"[;&|<>]+", token) else shlex.quote(token))
    return commands


# ---------------------------------------------------------------- console: output must match


def _console_sessions(text: str) -> list[tuple[str, list[str]]]:
    sessions: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            sessions.append((line[2:], []))
        elif sessions:
            sessions[-1][1].append(line)
        else:
            raise AssertionError(f"console block must start with a '$ ' command, got {line!r}")
    return sessions


def _matches(shown: list[str], actual: list[str]) -> bool:
    """``actual`` lines equal ``shown``; a shown ``...`` line stands for any lines."""
    pattern = "".join(r"(?:.*\n)*?" if line.strip() == "..." else re.escape(line) + r"\n" for line in shown)
    return re.fullmatch(pattern, "".join(line + "\n" for line in actual)) is not None


@pytest.mark.slow
@pytest.mark.parametrize("example", _of_kind("console"), ids=lambda e: e.id)
def test_docs_examples_console_output_matches(example, workdir):
    for command, shown in _console_sessions(example.text):
        while shown and not shown[-1].strip():
            shown.pop()  # a blank line between two commands
        if _skip_reason(command) or _missing_program(command):
            continue
        done = _run(command, workdir)
        actual = (done.stdout + done.stderr).rstrip("\n").splitlines()
        assert _matches(shown, actual), (
            f"{example.id}: `{command}` no longer prints what the doc shows.\n"
            "--- doc ---\n" + "\n".join(shown) + "\n--- now ---\n" + "\n".join(actual)
        )


# ---------------------------------------------------------------- sh and inline: must succeed


def _query_help_examples() -> list[tuple[str, str]]:
    """The examples of ``kg query --help`` (its epilog and each option) and of the bundled
    queries' ``# Bind:`` lines: documentation too."""
    from kg.cli.query import query_command

    found = [("kg query --help", c.strip()) for c in (query_command.help or "").splitlines() if c.strip().startswith("kg query")]
    for param in query_command.params:
        found += [(f"kg query --help {param.name}", c) for c in re.findall(r"Example: (kg query .*)$", param.help or "")]
    for path in sorted((ROOT / "kg" / "queries").glob("*.rq")):
        found += [(f"kg/queries/{path.name}", c) for c in re.findall(r"e\.g\. (kg query [^)]*)\)", path.read_text("utf-8"))]
    return found


def _commands() -> list[tuple[str, str]]:
    found = []
    for example in _of_kind("sh", "inline"):
        commands = _sh_commands(example.text) if example.kind == "sh" else [example.text]
        found += [(f"{example.id} {c[:60]}", c) for c in commands]
    return found + [(f"{where} {c[:60]}", c) for where, c in _query_help_examples()]


@pytest.mark.slow
@pytest.mark.parametrize(("where", "command"), _commands(), ids=[w for w, _ in _commands()])
def test_docs_examples_commands_succeed(where, command, workdir, request):
    reason = _skip_reason(command)
    if reason:
        pytest.skip(reason)
    program = _missing_program(command)
    if program:
        pytest.fail(f"{where}: `{program}` is not installed; add it to SKIPPED with the reason")
    served = DOC_ENDPOINT in command
    if served:
        command = command.replace(DOC_ENDPOINT, request.getfixturevalue("endpoint"))
    done = _run(command, workdir)
    if served:
        assert done.stdout.strip(), f"{where}: `{command}` got no answer from kg serve"
    assert done.returncode == 0, f"{where}: `{command}` failed ({done.returncode}):\n{done.stderr[-2000:]}"
    if command.startswith("kg query"):
        assert "(0 rows)" not in done.stdout, f"{where}: `{command}` finds nothing on the seed graph"


# ---------------------------------------------------------------- sparql


@pytest.mark.slow
@pytest.mark.parametrize("example", _of_kind("sparql"), ids=lambda e: e.id)
def test_docs_examples_sparql_runs_on_the_seeds(example, workdir):
    from kg.query import run_query

    result = run_query(workdir / "out" / "graph.ttl", example.text)
    assert result.rows, f"{example.id}: the query gives no rows on the seed graph"


# ---------------------------------------------------------------- python


def _shown_value(source_line: str, end_col: int) -> str | None:
    rest = source_line.encode("utf-8")[end_col:].decode("utf-8")  # ast offsets count UTF-8 bytes
    comment = rest.partition("#")[2].strip()
    return comment if re.match(r"[\[\(\{'\"\d-]|True|False|None|datetime\.", comment) else None


@pytest.mark.slow
@pytest.mark.parametrize("example", _of_kind("python"), ids=lambda e: e.id)
def test_docs_examples_python_runs_and_shows_the_right_values(example, workdir, monkeypatch, request):
    for (doc, marker), reason in SKIPPED_PYTHON.items():
        if example.doc == doc and marker in example.text:
            pytest.skip(reason)
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("COLUMNS", "80")
    text = example.text
    if DOC_ENDPOINT in text:
        text = text.replace(DOC_ENDPOINT, request.getfixturevalue("endpoint"))
    lines = text.splitlines()
    tree = ast.parse(text)
    namespace: dict = {"__name__": "__doc_example__"}
    for statement in tree.body:
        code = compile(ast.Module([statement], []), f"{example.id}", "exec")
        shown = None
        if isinstance(statement, ast.Expr) and statement.end_lineno == statement.lineno:
            shown = _shown_value(lines[statement.lineno - 1], statement.end_col_offset)
        if shown is None:
            exec(code, namespace)
            continue
        value = eval(compile(ast.Expression(statement.value), example.id, "eval"), namespace)
        pattern = re.escape(shown).replace(re.escape("..."), ".*")
        assert re.fullmatch(pattern, repr(value), re.S), (
            f"{example.id} line {statement.lineno}: the doc shows {shown}, now {value!r}"
        )


# ---------------------------------------------------------------- the test itself


def test_docs_examples_finds_the_examples():
    kinds = {e.kind for e in EXAMPLES}
    assert {"console", "sh", "sparql", "python", "inline"} <= kinds
    assert len(_commands()) >= 30
    assert _matches(["a", "...", "d"], ["a", "b", "c", "d"]) and not _matches(["a", "d"], ["a", "b", "d"])
    assert _sh_commands("kg a b   # note\nkg c; kg d 'x y' \\\n  --e && kg f > g") == ["kg a b", "kg c", "kg d 'x y' --e && kg f > g"]
