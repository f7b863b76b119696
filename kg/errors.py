"""Errors raised by the library; only the CLI prints them and exits.

Every error has a stable code (``E1xx`` input, ``E2xx`` nlp/extraction, ``E3xx`` query and
serve, ``E4xx`` graph/validation/export, ``E5xx`` build and evaluation) and a message
that says what failed, the bad value, the valid options and the fix.
"""
from __future__ import annotations


class KGError(Exception):
    """Base class: ``code`` is stable and documented; ``str(err)`` is one line."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None):
        if code:
            self.code = code
        super().__init__(message)

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class InputError(KGError):
    """An input file cannot be read as an article (E1xx)."""

    code = "E100"


class PipelineError(KGError):
    """The NLP pipeline cannot be loaded or run (E2xx)."""

    code = "E200"


class QueryError(KGError):
    """A SPARQL query is invalid or cannot be run (E3xx)."""

    code = "E300"


class GraphError(KGError):
    """A graph cannot be loaded, validated or exported (E4xx)."""

    code = "E400"


class BuildError(KGError):
    """A build or an evaluation cannot proceed (E5xx)."""

    code = "E500"
