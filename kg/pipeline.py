"""The whole build: ingest → parse + extract per article → resolve → rdf → validate → write.

The per-article stage (:func:`process_article`) is a pure function of one ``Article`` and
runs in-process, in a ``ProcessPoolExecutor`` (``jobs=N``, one model load per worker) or
on a Dask cluster (``scheduler="tcp://…"``, one model load per worker process). Parsed
blocks and per-article facts are cached (:mod:`kg.cache`), so an unchanged rebuild loads
no model and parses nothing. Every output is written into a temporary folder beside
OUTDIR and moved into place only when the whole build has succeeded.
"""
from __future__ import annotations

import dataclasses
import errno
import glob
import hashlib
import json
import multiprocessing
import os
import select
import stat
import shutil
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

from kg.cache import BuildCache, atomic_write_bytes, content_key, default_cache_dir, umask
from kg.errors import BuildError, InputError, KGError
from kg.ingest import (SIDECAR_KEYS, SIDECAR_METADATA_KEYS, W_SIDECAR_SHAPE, printable_path,
                       unknown_sidecar_key)
from kg.records import Article, DocumentFacts, SkippedFile

# Output file of every format; "ttl" is always written (the explorer is built from it).
OUTPUT_FILES = {
    "ttl": "graph.ttl",
    "html": "graph.html",
    "nt": "graph.nt",
    "jsonld": "graph.jsonld",
    "csv": "representations.csv",
}
DEFAULT_FORMATS = ("ttl", "html")
# Installed packages whose versions change parses or outputs (part of every cache key).
VERSIONED_PACKAGES = ("spacy", "ginza", "ja-ginza", "sudachipy", "sudachidict-core", "rdflib", "pyshacl", "pyvis")
REPORT_FILE = "report.json"

# Build error and skip codes (documented in docs/performance.md, "Build errors").
E_NO_ARTICLE = "E501"
E_STRICT_SKIPPED = "E502"
E_STRICT_INVALID = "E503"
E_DUPLICATE_CONTENT = "E504"
E_DUPLICATE_ID = "E505"
E_DOCUMENT_FAILED = "E506"
E_BAD_OPTION = "E507"
E_OUTDIR = "E508"
E_SCHEDULER = "E509"
E_WORKER = "E510"
E_INTERNAL_FATAL = "E511"
# Set (to anything but "" or "0") to make an internal error in any article fatal (E511), as
# --strict does; the test suite sets it so that a rule bug can never pass as a skipped file.
FAIL_ON_INTERNAL_ERROR_ENV = "KG_FAIL_ON_INTERNAL_ERROR"

MessageCallback = Callable[[str], None]


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class InternalError:
    """An exception inside parsing or extraction of one article: a bug of kaigi-kg, not
    bad input (reported apart from skipped files, with the traceback)."""

    path: str
    error: str  # "ValueError: offset out of range", one line
    traceback: str
    code: str = E_DOCUMENT_FAILED


@dataclass(frozen=True)
class DocumentResult:
    """What the per-article stage returns: facts or the internal error, and counters."""

    path: str
    facts: Optional[DocumentFacts] = None
    error: Optional[InternalError] = None
    parsed_blocks: int = 0  # blocks run through GiNZA
    block_cache_hits: int = 0  # blocks read back from the parse cache


@dataclass
class BuildReport:
    """Everything a build did: read, skipped, counted, timed, validated and written."""

    inputs: list[str]
    outdir: str
    articles: list[str] = field(default_factory=list)  # paths of the articles built
    skipped: list[SkippedFile] = field(default_factory=list)  # bad input, one reason each
    internal_errors: list[InternalError] = field(default_factory=list)  # bugs of ours, with tracebacks
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    validation: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)  # format → path written
    files_found: int = 0  # article files listed, before any was read
    jobs: int = 1
    scheduler: Optional[str] = None
    versions: dict[str, str] = field(default_factory=dict)
    up_to_date: bool = False  # True: inputs, code and options unchanged, outputs kept as they were
    build_key: str = ""  # digest of everything the outputs depend on ("" when not reusable)
    output_sha256: dict[str, str] = field(default_factory=dict)  # file name → digest, to detect edits
    corrections: dict[str, Any] = field(default_factory=dict)  # file, applied, unmatched (kg.corrections)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (what ``report.json`` holds)."""
        return dataclasses.asdict(self)


# ---------------------------------------------------------------- per-article stage


def _pipeline_version() -> str:
    from kg.nlp import PIPELINE_VERSION

    return PIPELINE_VERSION


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """Digest of every file of the package but the CLI (code, lexicons, shapes, assets).

    Hashing the files (rather than trusting a hand-bumped version) means an edited rule,
    lexicon or template never serves stale facts or outputs; the CLI cannot change them.
    """
    import kg

    root = Path(kg.__file__).resolve().parent
    digest = hashlib.sha256(kg.__version__.encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("cli/") or "__pycache__" in rel or path.suffix == ".pyc":
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=None)
def build_versions() -> dict[str, str]:
    """What a build's results depend on besides the input: kaigi-kg, its code digest and
    the installed versions of the packages that shape parses and outputs (read from
    package metadata, so nothing heavy is imported)."""
    from importlib import metadata

    import kg

    versions = {"kaigi-kg": kg.__version__, "code": code_fingerprint()[:16]}
    for name in VERSIONED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def facts_key(article: Article) -> str:
    """Cache key of an article's facts: its full record, the code and the package versions."""
    return content_key("facts", json.dumps(build_versions(), sort_keys=True), repr(article))


_MODEL_LOCK = threading.Lock()


def _load_model():
    from kg.nlp import load_pipeline

    return load_pipeline()


def _warm_worker(build_pid: int) -> None:
    """Process-pool initializer: end with the build process, then load the model once."""
    _exit_with(build_pid)
    _load_model()


def _exit_with(pid: int) -> None:
    """End this process as soon as process ``pid`` ends, however it ends.

    A pool worker's parent is the forkserver, not the build, and its task queue never
    reaches end-of-file (every worker holds the writing end), so a build killed by
    SIGTERM or SIGKILL would leave its workers parsing for minutes; a watcher thread
    waiting on a pidfd of the build ends them (and then the forkserver sees its last
    client go and ends too).
    """
    try:
        pidfd = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)
    except (OSError, AttributeError):  # no pidfd (old kernel): poll
        pidfd = None

    def watch() -> None:
        if pidfd is not None:
            select.select([pidfd], [], [])
        else:
            while _alive(pid):
                time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="kg-exit-with-build", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def process_article(article: Article, cache_root: Optional[str] = None, use_cache: bool = True) -> DocumentResult:
    """Parse one article's body blocks (through the parse cache) and extract its facts.

    An exception while parsing or extracting is a bug of ours (ingest has already turned
    every bad file into an ``InputError``): it is returned as ``error``, with the
    traceback. A model that cannot be loaded raises, since no other article could be
    processed either.
    """
    from kg.extract import extract_facts
    from kg.nlp import iter_parsed_blocks
    from kg.normalise import parse_texts

    nlp = _load_model()
    cache = BuildCache(Path(cache_root) if cache_root else None, _pipeline_version()) if use_cache else None
    try:
        # One spaCy pipeline per process is not safe to share between threads (a Dask
        # worker with several threads): one article at a time per process.
        with _MODEL_LOCK:
            texts = parse_texts(article)
            docs: list[Any] = [cache.load_doc(t, nlp) if cache else None for t in texts]
            missing = [i for i, doc in enumerate(docs) if doc is None]
            if missing:
                for i, doc in zip(missing, iter_parsed_blocks(nlp, (texts[i] for i in missing))):
                    docs[i] = doc
                    if cache:
                        cache.store_doc(texts[i], doc)
            facts = extract_facts(article, docs)
    except Exception as exc:  # one article's bug must not stop the build (the model loaded above)
        error = InternalError(article.path, f"{type(exc).__name__}: {_one_line(str(exc))}",
                              traceback.format_exc())
        return DocumentResult(article.path, error=error)
    return DocumentResult(article.path, facts=facts, parsed_blocks=len(missing), block_cache_hits=len(texts) - len(missing))


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "(no message)"


# ---------------------------------------------------------------- build


def build_corpus(
    inputs: Sequence[os.PathLike | str],
    outdir: os.PathLike | str,
    *,
    jobs: int = 1,
    cache_dir: Optional[os.PathLike | str] = None,
    use_cache: bool = True,
    strict: bool = False,
    progress: bool = False,
    scheduler: Any = None,
    formats: Iterable[str] = DEFAULT_FORMATS,
    on_message: Optional[MessageCallback] = None,
    on_files: Optional[Callable[[list[Path]], None]] = None,
    corrections: Optional[os.PathLike | str] = None,
    stream_turtle: bool = False,
    facts_on_workers: bool = False,
) -> BuildReport:
    """Build the graph of ``inputs`` into ``outdir`` and return the report.

    ``on_message`` receives one line per skipped file and per warning (the CLI prints
    them on stderr); ``on_files`` receives the article files found, before any is read.
    With ``jobs > 1`` workers start from a forkserver, so a calling script needs the usual
    ``if __name__ == "__main__":`` guard.
    ``corrections`` is a corrections file (docs/corrections.md) applied to the graph; by
    default a ``corrections.yaml`` beside the articles (in the first input folder) is.
    ``stream_turtle`` writes graph.ttl partition by partition (``kg.scale.write_turtle``:
    the same bytes) without an rdflib graph of the corpus, for corpora whose graph does not
    fit in memory; what needs that graph is then not done: SHACL validation (the report
    says so), graph.html and the other formats, corrections (asking for them, or
    ``strict``, is an error).
    ``facts_on_workers`` (with ``scheduler``) keeps the articles' facts on the cluster's
    workers in partitions (docs/distributed.md): less memory in this process, more CPU.
    Raises ``BuildError`` (nothing in ``outdir`` is touched) when no article can be read,
    an option is invalid, or ``strict`` meets a skipped file or a SHACL violation.
    """
    started = time.perf_counter()
    say = on_message or (lambda line: None)
    input_paths = [Path(p) for p in inputs]
    out = Path(outdir)
    wanted = _check_options(input_paths, out, jobs, formats)
    from kg.corrections import find_corrections, load_corrections

    corrections_path = Path(corrections) if corrections is not None else find_corrections(input_paths)
    correction_entries = load_corrections(corrections_path) if corrections_path else []
    if stream_turtle:
        _check_streamed(wanted, strict, corrections_path)
    report = BuildReport(
        inputs=[printable_path(p) for p in input_paths], outdir=printable_path(out), jobs=jobs,
        scheduler=scheduler if isinstance(scheduler, str) or scheduler is None else repr(scheduler),
        versions=build_versions(),
    )

    with _timed(report.timings, "ingest"):
        articles = _ingest(input_paths, out, report, say, on_files)
    _check_strict_skipped(strict, report)
    if not articles:
        raise BuildError(_no_article_message(input_paths, report), code=E_NO_ARTICLE)

    keys = [facts_key(a) for a in articles] if use_cache else None
    if keys:
        report.build_key = content_key(
            "build", *keys, json.dumps([dataclasses.asdict(s) for s in report.skipped], sort_keys=True),
            ",".join(wanted), f"strict={strict}", f"stream={stream_turtle}",
            json.dumps([str(corrections_path), correction_entries], sort_keys=True, ensure_ascii=False, default=str))
        previous = _reusable_report(out, report.build_key)
        if previous is not None:
            _clean_stale_staging(Path(os.path.realpath(out)))
            _refresh_report(previous, report, articles, out, cache_dir, say, started)
            return report

    # the Dask client (if any) serves both parsing and person linkage
    with _dask_client(scheduler) as client:
        with _timed(report.timings, "parse_extract"):
            sink_client = client if facts_on_workers else None
            facts = _document_stage(articles, keys, report, say, jobs, cache_dir, progress, client, sink_client)
        _check_internal_errors(strict, report)
        _check_strict_skipped(strict, report)
        if not facts:
            raise BuildError(_no_article_message(input_paths, report), code=E_NO_ARTICLE)
        # with a cluster, ``facts`` are partitions held on its workers (kg.scale.FactPartitions)
        report.articles = facts.paths if sink_client is not None else [f.article.path for f in facts]
        del articles  # their texts: the facts keep what resolution reads (kg.scale.without_text)
        if report.internal_errors:
            report.build_key = ""  # a failure may be transient or fixed by new code: never reuse

        from kg.rdf import to_graph
        from kg.resolve import resolve
        from kg import scale

        with _timed(report.timings, "resolve"):
            # with a cluster, the facts stay on its workers: their mentions are resolved here
            # without evidence (person linkage and sessions on the workers, block by block)
            resolved = (scale.resolve_parts(client, facts) if sink_client is not None
                        else scale.resolve_on(client, facts) if client is not None else resolve(facts))
            resolved = dataclasses.replace(resolved, skipped=tuple(report.skipped))
        n_facts = len(facts)
        parts = facts if sink_client is not None else None  # partitions on the workers: the evidence
        del facts  # the resolved records hold all the graph needs: not both at once
        if stream_turtle:
            report.validation = {"skipped": "graph.ttl streamed without a graph of the corpus (--stream-turtle)"}
            report.counts = _counts(resolved, n_facts, len(report.skipped), len(report.internal_errors))
            with _timed(report.timings, "rdf_write"):
                _write_outputs(lambda ttl: scale.write_turtle(resolved, ttl, client) if parts is None
                               else scale.write_turtle_parts(resolved, parts, ttl, client), out, wanted, report)
            report.timings["total"] = round(time.perf_counter() - started, 4)
            return report
        with _timed(report.timings, "rdf"):
            # with a cluster, triples are made per partition on its workers (the records', and
            # each fact partition's documents and evidence) and merged here
            graph = (scale.graph_parts(client, resolved, parts) if parts is not None
                     else scale.graph_on(client, resolved) if client is not None else to_graph(resolved))
        del parts
        if corrections_path:
            _apply_corrections(graph, corrections_path, correction_entries, report, say)
        with _timed(report.timings, "validate"):
            report.validation = _validate(graph)
        violations = report.validation.get("violations", [])
        if violations:
            _say_violations(say, violations)
            if strict:
                raise BuildError(
                    f"strict: the graph has {len(violations)} SHACL violation(s), first: {violations[0]}; "
                    "the previous outputs were kept. Fix the data or build without --strict.",
                    code=E_STRICT_INVALID,
                )
        report.counts = _counts(resolved, n_facts, len(report.skipped), len(report.internal_errors))
        report.timings["total"] = round(time.perf_counter() - started, 4)  # refined after writing
        with _timed(report.timings, "write"):
            _write_outputs(graph, out, wanted, report)
        report.timings["total"] = round(time.perf_counter() - started, 4)
        return report


def _check_streamed(wanted: list[str], strict: bool, corrections_path: Optional[Path]) -> None:
    """What ``stream_turtle`` cannot do, since it needs the whole graph: an error up front."""
    needs_graph = [OUTPUT_FILES[fmt] for fmt in wanted if fmt != "ttl"]
    if strict:
        needs_graph.append("--strict (SHACL validation)")
    if corrections_path:
        needs_graph.append(f"corrections ({printable_path(corrections_path)})")
    if needs_graph:
        raise BuildError(
            f"--stream-turtle writes graph.ttl only, without a graph of the corpus; {', '.join(needs_graph)} "
            "need(s) that graph: build without --stream-turtle for them", code=E_BAD_OPTION)


def _apply_corrections(graph, path: Path, entries: list, report: BuildReport, say: MessageCallback) -> None:
    """Apply a corrections file to the graph; a correction that matches nothing is a warning."""
    from kg.corrections import apply_corrections

    with _timed(report.timings, "corrections"):
        outcome = apply_corrections(graph, entries, path.name)
    report.corrections = outcome.to_dict() | {"file": printable_path(path)}
    for entry in outcome.unmatched:
        _warn(report, say, f"correction {entry['number']} ({entry['kind']}) in {printable_path(path)} matches "
                           "nothing in the graph (fixed or gone); it was not applied")


def _say_violations(say: MessageCallback, violations: list[str]) -> None:
    say(f"warning: SHACL validation found {len(violations)} violation(s); first: {violations[0]}")


@contextmanager
def _timed(sink: dict[str, float], name: str):
    t0 = time.perf_counter()
    try:
        yield
    finally:
        sink[name] = round(time.perf_counter() - t0, 4)


def _check_options(inputs: list[Path], out: Path, jobs: int, formats: Iterable[str]) -> list[str]:
    if not inputs:
        raise BuildError("no input given; pass article files or folders, e.g. `kg build seeds/`", code=E_BAD_OPTION)
    if not isinstance(jobs, int) or jobs < 1:
        raise BuildError(f"jobs must be a whole number ≥ 1, got {jobs!r}; e.g. -j 2", code=E_BAD_OPTION)
    wanted = ["ttl"]
    for fmt in formats:
        if fmt not in OUTPUT_FILES:
            raise BuildError(
                f"unknown output format {fmt!r}; valid formats: {', '.join(OUTPUT_FILES)}", code=E_BAD_OPTION
            )
        if fmt not in wanted:
            wanted.append(fmt)
    if out.exists() and not out.is_dir():
        raise BuildError(f"output path is not a folder: {out}; pass a folder with -o", code=E_OUTDIR)
    return wanted


def _ingest(inputs: list[Path], out: Path, report: BuildReport, say: MessageCallback, on_files) -> list[Article]:
    from kg.ingest import iter_input_files, load_article

    # OUTDIR may sit inside an input folder: its graph.html is an output, not an article.
    # realpath, unlike Path.resolve, does not raise on a symlink loop (ingest names it).
    out_dir = os.path.realpath(out) + os.sep
    files = [f for f in iter_input_files(inputs) if not os.path.realpath(f).startswith(out_dir)]
    report.files_found = len(files)
    if on_files:
        on_files(list(files))
    articles: list[Article] = []
    by_sha: dict[str, str] = {}
    by_id: dict[str, str] = {}
    unknown_keys: dict[str, list[str]] = {}  # W102 said once per key, not once per file
    for path in files:
        shown = printable_path(path)
        try:
            article = load_article(path)
        except InputError as exc:
            _skip(report, say, SkippedFile(shown, _reason(exc, shown), exc.code))
            continue
        except OSError as exc:  # ingest maps I/O errors to InputError; this is a last resort
            _skip(report, say, SkippedFile(shown, f"cannot read file: {exc.strerror or exc}", "E104"))
            continue
        sha = article.sha256 or hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        if sha in by_sha:
            _skip(report, say, SkippedFile(shown, f"duplicate of {by_sha[sha]} (same text)", E_DUPLICATE_CONTENT))
            continue
        if article.doc_id in by_id:
            _skip(report, say, SkippedFile(
                shown, f"same document id {article.doc_id!r} as {by_id[article.doc_id]}; rename one file",
                E_DUPLICATE_ID))
            continue
        by_sha[sha] = by_id[article.doc_id] = shown
        for note in article.warnings:
            key = unknown_sidecar_key(note)
            if key is None:
                _warn(report, say, f"{shown}: {note}")
            else:
                unknown_keys.setdefault(key, []).append(shown)
        if not article.body:
            _warn(report, say, f"{shown}: no article body kept (every paragraph looked like page furniture)")
        articles.append(article)
    for key, paths in sorted(unknown_keys.items()):
        _warn(report, say, f"[{W_SIDECAR_SHAPE}] unknown sidecar key {key!r} ignored in {len(paths)} file(s) "
                           f"(first: {paths[0]}); valid keys: {', '.join(SIDECAR_KEYS)}, "
                           f"and {', '.join(SIDECAR_METADATA_KEYS)} kept as document metadata")
    return articles


def _reason(exc: KGError, path: str) -> str:
    """The reason part of an InputError (ingest sets ``reason``; else the message)."""
    reason = getattr(exc, "reason", None)
    if reason:
        return reason
    message = str(exc.args[0]) if exc.args else str(exc)
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _skip(report: BuildReport, say: MessageCallback, skipped: SkippedFile) -> None:
    report.skipped.append(skipped)
    say(f"skipped: {skipped.path}: {skipped.reason} [{skipped.code}]")


def _warn(report: BuildReport, say: MessageCallback, line: str) -> None:
    report.warnings.append(line)
    say(f"warning: {line}")


def _check_internal_errors(strict: bool, report: BuildReport) -> None:
    errors = report.internal_errors
    if not errors or not (strict or os.environ.get(FAIL_ON_INTERNAL_ERROR_ENV, "") not in ("", "0")):
        return
    why = "strict" if strict else FAIL_ON_INTERNAL_ERROR_ENV
    err = BuildError(
        f"{why}: {len(errors)} article(s) hit an internal error (a bug of kaigi-kg, not bad input), first: "
        f"{errors[0].path}: {errors[0].error}; the previous outputs were kept. Please report it with the traceback.",
        code=E_INTERNAL_FATAL,
    )
    for error in errors:
        err.add_note(f"{error.path}:\n{error.traceback}")
    raise err


def _check_strict_skipped(strict: bool, report: BuildReport) -> None:
    if strict and report.skipped:
        first = report.skipped[0]
        raise BuildError(
            f"strict: {len(report.skipped)} file(s) skipped, first: {first.path}: {first.reason}; "
            "the previous outputs were kept. Fix or remove them, or build without --strict.",
            code=E_STRICT_SKIPPED,
        )


def _no_article_message(inputs: list[Path], report: BuildReport) -> str:
    where = ", ".join(str(p) for p in inputs)
    if not report.files_found:
        return f"no article files (*.txt, *.html, *.htm) found in {where}; pass a folder of articles"
    return (f"no readable article in {where}: all {len(report.skipped)} file(s) were skipped (reasons above); "
            "the previous outputs were kept")


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reusable_report(out: Path, build_key: str) -> Optional[dict[str, Any]]:
    """The previous report in ``out`` when it was built from exactly this input, code and
    options and every output it lists is still there, unedited; else None."""
    try:
        data = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("build_key") != build_key or not data.get("output_sha256"):
        return None
    try:
        if any(_sha256_file(out / name) != digest for name, digest in data["output_sha256"].items()):
            return None
    except (OSError, TypeError, AttributeError):
        return None
    return data


def _refresh_report(previous: dict, report: BuildReport, articles: list[Article], out: Path, cache_dir,
                    say: MessageCallback, started: float) -> None:
    """Fill ``report`` from the still-valid previous build and rewrite only report.json."""
    report.up_to_date = True
    report.articles = [a.path for a in articles]
    report.counts = previous["counts"]
    report.validation = previous["validation"]
    report.corrections = previous.get("corrections", {})
    report.output_sha256 = previous["output_sha256"]
    report.outputs = {fmt: printable_path(out / OUTPUT_FILES[fmt]) for fmt in OUTPUT_FILES
                      if OUTPUT_FILES[fmt] in report.output_sha256}
    report.outputs["report"] = printable_path(out / REPORT_FILE)
    violations = report.validation.get("violations") or []
    if violations:
        _say_violations(say, violations)
    report.cache.update(enabled=True, dir=printable_path(Path(cache_dir) if cache_dir else default_cache_dir()),
                        facts_cache_hits=0, facts_cache_misses=0, parsed_blocks=0, block_cache_hits=0)
    report.timings["total"] = round(time.perf_counter() - started, 4)
    _write_report(report, out)


def _write_report(report: BuildReport, folder: Path) -> Path:
    """report.json in ``folder``, written atomically."""
    target = folder / REPORT_FILE
    text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        atomic_write_bytes(target, text.encode("utf-8"))
    except OSError as exc:
        raise BuildError(f"cannot write {target}: {exc.strerror or exc}; check that {folder} is writable",
                         code=E_OUTDIR) from exc
    return target


def _document_stage(articles, keys, report, say, jobs, cache_dir, progress, client, sink_client=None):
    """Facts of every article, in input order: cached ones read here, the rest computed.
    ``keys`` are the articles' facts-cache keys, or None to use no cache at all.

    With ``sink_client`` (a Dask client) the facts are sent to its workers in partitions as they come
    (``kg.scale.FactSink``; a cached article's as it is read, a parsed one's once cached
    here) and a ``kg.scale.FactPartitions`` is returned: this process holds one partition
    at a time, the articles' paths and the document ids."""
    use_cache = keys is not None
    cache = BuildCache(Path(cache_dir) if cache_dir else None) if use_cache else None
    cache_root = str(cache.root) if cache else None
    results: list[Optional[DocumentResult]] = [None] * len(articles)
    keys = keys or [None] * len(articles)
    todo: list[int] = []
    from kg.scale import FactSink, without_text

    sink = FactSink(sink_client) if sink_client is not None else None
    kept = [False] * len(articles)

    def sent(i: int, result: DocumentResult) -> DocumentResult:
        """``result`` without its facts once they are on the workers (with a client)."""
        if sink is None or result.facts is None:
            return result
        sink.append(without_text(result.facts))
        kept[i] = True
        return dataclasses.replace(result, facts=None)

    for i, (article, key) in enumerate(zip(articles, keys)):
        cached = cache.load_facts(key) if cache else None
        if isinstance(cached, DocumentFacts) and cached.article == article:
            results[i] = sent(i, DocumentResult(article.path, facts=cached))
        else:
            todo.append(i)

    from tqdm import tqdm

    bar = tqdm(total=len(articles), initial=len(articles) - len(todo), unit="article", desc="kg build",
               file=sys.stderr, disable=not progress)
    try:
        for i, result in _run_tasks([articles[i] for i in todo], todo, jobs, cache_root, use_cache, client):
            if cache and result.facts is not None:
                cache.store_facts(keys[i], result.facts)
            results[i] = sent(i, result)
            bar.update(1)
    finally:
        bar.close()

    report.cache.update(
        enabled=bool(cache),
        dir=printable_path(cache_root) if cache_root else None,
        facts_cache_hits=len(articles) - len(todo),
        facts_cache_misses=len(todo),
        parsed_blocks=sum(r.parsed_blocks for r in results if r),
        block_cache_hits=sum(r.block_cache_hits for r in results if r),
    )
    facts: list[DocumentFacts] = []
    paths: list[str] = []
    for i, result in enumerate(results):
        assert result is not None
        if result.error:
            report.internal_errors.append(result.error)
            say(f"internal error: {result.error.path}: {result.error.error} [{result.error.code}] "
                "(a bug of kaigi-kg, not of the file; traceback in report.json)")
        elif kept[i]:
            paths.append(articles[i].path)
        elif result.facts is not None:
            facts.append(without_text(result.facts))  # resolution never reads the text
        results[i] = None
    if sink is None:
        return facts
    parts = sink.done()
    parts.paths = paths
    return parts


def _run_tasks(todo_articles, indices, jobs, cache_root, use_cache, client):
    """Yield ``(index, DocumentResult)`` for every article, as they finish."""
    if not todo_articles:
        return
    if client is not None:
        yield from _run_dask(todo_articles, indices, cache_root, use_cache, client)
    elif jobs > 1 and len(todo_articles) > 1:
        yield from _run_pool(todo_articles, indices, min(jobs, len(todo_articles)), cache_root, use_cache)
    else:
        for i, article in zip(indices, todo_articles):
            yield i, process_article(article, cache_root, use_cache)


def _run_pool(todo_articles, indices, workers, cache_root, use_cache):
    # forkserver: workers fork from a clean server process (no inherited threads or model)
    # that has already imported spaCy and the stages; each loads the model in the initializer.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kg.pipeline", "kg.nlp", "kg.extract"])
    # Longest articles first so the last worker is not left with the biggest one.
    order = sorted(range(len(todo_articles)), key=lambda k: -len(todo_articles[k].text))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_worker,
                             initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(process_article, todo_articles[k], cache_root, use_cache): indices[k] for k in order}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BrokenProcessPool as exc:
            raise BuildError(
                f"a worker process died ({exc}); rerun with -j 1 to see the error, or with fewer jobs if "
                "memory ran out", code=E_WORKER) from exc
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM, an error): stop the workers now rather than
            # wait for the articles they are parsing. The executor has no public way.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)
            raise


@contextmanager
def _dask_client(scheduler):
    """A connected Dask client for ``scheduler`` (an address or a Client), or None."""
    if scheduler is None or not isinstance(scheduler, str):
        yield scheduler
        return
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise BuildError(
            f"--scheduler needs dask.distributed, which is not installed ({exc}); "
            "install it with `pip install 'kaigi-kg[dask]'`", code=E_SCHEDULER) from exc
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise BuildError(
            f"cannot connect to the Dask scheduler at {scheduler}: {_one_line(str(exc))}; "
            "start one with `dask-scheduler` or pass its address, e.g. tcp://host:8786", code=E_SCHEDULER) from exc
    try:
        yield client
    finally:
        client.close()


def _run_dask(todo_articles, indices, cache_root, use_cache, client):
    from dask.distributed import as_completed as dask_completed

    # pure=False: the cache may change between builds, so never reuse a past result.
    futures = client.map(process_article, todo_articles, cache_root=cache_root, use_cache=use_cache, pure=False)
    position = {future.key: i for future, i in zip(futures, indices)}
    for future in dask_completed(futures):
        yield position[future.key], future.result()
        future.release()


def _validate(graph) -> dict[str, Any]:
    from kg.validate import validate

    result = validate(graph)
    errors = [v.describe() for v in result.violations if v.severity == "Violation"]
    return {
        "conforms": result.conforms,
        "violations": errors,
        "warnings": [v.describe() for v in result.violations if v.severity != "Violation"],
    }


def _counts(resolved, articles: int, skipped: int, internal_errors: int) -> dict[str, int]:
    return {
        "articles": articles,
        "skipped": skipped,
        "internal_errors": internal_errors,
        "people": len(resolved.people),
        "officials": sum(1 for p in resolved.people if p.is_official),
        "institutions": len(resolved.institutions),
        "forums": len(resolved.forums),
        "meetings": len(resolved.meetings),
        "representations": len(resolved.representations),
    }


def _write_outputs(graph, out: Path, formats: list[str], report: BuildReport) -> None:
    """Write every output into a staging folder beside ``out``, then swap it in whole.
    ``graph`` is an rdflib graph, or a function writing graph.ttl to a path (``formats``
    then only ``ttl``)."""
    # A symlinked OUTDIR stays a link: the folder it points to is the one swapped.
    target = Path(os.path.realpath(out))
    with _staging_folder(target) as staging:
        try:
            written = _write_staged(graph, staging, formats)
            report.outputs = {fmt: printable_path(out / path.name) for fmt, path in written.items()}
            report.outputs["report"] = printable_path(out / REPORT_FILE)
            report.output_sha256 = {path.name: _sha256_file(path) for path in written.values()}
            _write_report(report, staging)
        except (OSError, KGError) as exc:
            cause = exc if isinstance(exc, OSError) else exc.__cause__
            if not isinstance(cause, OSError):
                raise
            raise _outdir_error("write the outputs into", out, cause) from exc
        try:
            _swap_in(staging, target, [path.name for path in written.values()] + [REPORT_FILE])
        except OSError as exc:
            raise _outdir_error("move the outputs into", out, exc) from exc


def _write_staged(graph, staging: Path, formats: list[str]) -> dict[str, Path]:
    from kg import export

    written: dict[str, Path] = {}
    ttl = staging / OUTPUT_FILES["ttl"]
    if callable(graph):
        graph(ttl)
        return {"ttl": ttl}
    export.write_turtle(graph, ttl)
    written["ttl"] = ttl
    for fmt in formats:
        path = staging / OUTPUT_FILES[fmt]
        if fmt == "html":
            from kg.viz import write_html

            write_html(ttl, path, graph=graph)
        elif fmt == "nt":
            export.write_ntriples(graph, path)
        elif fmt == "jsonld":
            export.write_jsonld(graph, path)
        elif fmt == "csv":
            export.write_representations_csv(graph, path)
        else:
            continue
        written[fmt] = path
    return written


_FULL_DISK = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _outdir_error(action: str, out: Path, exc: OSError) -> BuildError:
    """One line naming OUTDIR (never the staging folder beside it) and the cause."""
    if exc.errno in _FULL_DISK:
        fix = "free space on its disk (or raise the quota or file size limit) or choose another folder with -o"
    else:
        fix = "check that it is a writable folder"
    return BuildError(f"cannot {action} {printable_path(out)}: {exc.strerror or exc}; the previous outputs were "
                      f"kept; {fix}", code=E_OUTDIR)


STAGING_INFIX = ".build-"  # staging folder of OUTDIR "out": ".out.build-XXXXXXXX" beside it


@contextmanager
def _staging_folder(target: Path):
    """A new empty folder beside ``target``, removed afterwards whatever happens.

    Every build holds a shared ``flock`` on the parent folder while its staging folder
    exists; a build that gets the lock exclusively knows no other build is writing there,
    so staging folders left by killed builds are removed then (never a live one).
    """
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        lock = os.open(parent, os.O_RDONLY)
    except OSError as exc:
        raise BuildError(f"cannot create a temporary folder in {parent}: {exc.strerror or exc}; "
                         "check that the folder of OUTDIR is writable", code=E_OUTDIR) from exc
    try:
        _lock_and_clean(lock, parent, f".{target.name}{STAGING_INFIX}")
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING_INFIX}", dir=parent))
        except OSError as exc:
            raise BuildError(f"cannot create a temporary folder in {parent}: {exc.strerror or exc}; "
                             "check that the folder of OUTDIR is writable", code=E_OUTDIR) from exc
        try:
            yield staging
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        os.close(lock)  # releases the flock


def _clean_stale_staging(target: Path) -> None:
    """Remove the staging folders killed builds left beside ``target`` (an up-to-date
    build writes no staging folder of its own, but cleans like any other build)."""
    try:
        lock = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return  # no parent folder: nothing was left there
    try:
        _lock_and_clean(lock, target.parent, f".{target.name}{STAGING_INFIX}")
    finally:
        os.close(lock)


def _lock_and_clean(lock: int, parent: Path, prefix: str) -> None:
    import fcntl

    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # another build is writing beside us (or no flock here): leave its folders
        pass
    else:
        for stale in parent.glob(glob.escape(prefix) + "*"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
    try:
        fcntl.flock(lock, fcntl.LOCK_SH)
    except OSError:
        pass  # a file system without flock: no cleaning, and nothing to protect


def _swap_in(staging: Path, target: Path, produced: list[str]) -> None:
    """Make ``staging`` (the new outputs) the content of ``target`` in one step.

    Other entries of ``target`` (a user's notes, an earlier build's extra formats) are
    linked into ``staging`` first, then the two folders are exchanged atomically
    (``renameat2(RENAME_EXCHANGE)``); a reader sees every old file or every new one. Where
    the kernel or file system cannot exchange, or ``target`` is more than an output folder
    (it holds folders or many other files, or is the current folder), the files are
    replaced one by one and, on any failure, the ones already replaced are put back.
    """
    try:  # the new folder takes the old one's permissions (mkdtemp makes it 0700)
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o777 & ~umask()
    os.chmod(staging, mode)
    try:
        os.rename(staging, target)  # no OUTDIR yet (or an empty one): one atomic rename
        return
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR, errno.EISDIR):
            raise
    if not _is_output_folder(target, set(produced)):
        _replace_each(staging, target, produced)
        return
    _carry_over(target, staging, set(produced))
    try:
        _exchange(staging, target)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EBUSY, errno.EPERM, errno.ENOTSUP):
            raise
        _replace_each(staging, target, produced)


MAX_CARRIED_OVER = 32  # other files an OUTDIR may hold and still be swapped as a folder


def _is_output_folder(target: Path, produced: set[str]) -> bool:
    """Whether ``target`` holds only files (outputs, a few others): a folder of a user's
    project (``-o .``, subfolders, a .git) is never swapped, only its outputs replaced."""
    if Path(os.path.realpath(os.getcwd())) == target:
        return False
    others = 0
    with os.scandir(target) as entries:
        for entry in entries:
            if entry.name in produced:
                continue
            others += 1
            if others > MAX_CARRIED_OVER or entry.is_dir(follow_symlinks=False) or not (
                    entry.is_file(follow_symlinks=False) or entry.is_symlink()):
                return False
    return True


def _carry_over(target: Path, staging: Path, produced: set[str]) -> None:
    with os.scandir(target) as entries:
        for entry in entries:
            if entry.name in produced:
                continue
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), staging / entry.name)
            else:
                _link_or_copy(entry.path, staging / entry.name)


def _link_or_copy(source, copy) -> None:
    try:
        os.link(source, copy)
    except OSError:
        shutil.copy2(source, copy)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Swap the folders ``a`` and ``b`` atomically (Linux ``renameat2``); OSError if not possible."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        raise OSError(errno.ENOSYS, "renameat2 is not available") from None
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(b))


def _replace_each(staging: Path, target: Path, produced: list[str]) -> None:
    """``os.replace`` every produced file into ``target``; on failure put the old ones back."""
    previous = staging / ".previous"
    previous.mkdir()
    for name in produced:
        if (target / name).exists():
            _link_or_copy(target / name, previous / name)
    done: list[str] = []
    try:
        for name in produced:
            os.replace(staging / name, target / name)
            done.append(name)
    except OSError:
        for name in done:
            try:
                if (previous / name).exists():
                    os.replace(previous / name, target / name)
                else:
                    os.unlink(target / name)
            except OSError:
                pass  # the same fault again; nothing better to do
        raise
