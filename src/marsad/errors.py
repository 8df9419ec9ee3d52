"""Coded errors and diagnostics.

Codes are stable: ``E…`` for errors that stop an item (the item is kept aside with a record),
``W…`` for warnings about an item that was still analysed. The table :data:`CODES` documents them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["CODES", "ConfigError", "Diagnostic", "InputError", "MarsadError", "PipelineError"]

Severity = Literal["error", "warning", "info"]

CODES: dict[str, str] = {
    "E001": "input file is empty",
    "E002": "input is binary, not text",
    "E003": "input could not be decoded as text",
    "E004": "input is larger than the configured limit",
    "E005": "malformed JSON line",
    "E006": "JSON record has no text",
    "E007": "input file cannot be read",
    "E008": "input is not (mostly) Arabic-script text",
    "E010": "a pipeline stage failed on this article",
    "E011": "the article's analysis time budget ran out: the later stages did not run (partial analysis)",
    "E020": "configuration is invalid",
    "E021": "pipeline stage order is invalid",
    "E030": "HTTP error response",
    "E031": "network error or timeout while fetching",
    "E032": "robots.txt disallows fetching this URL",
    "E033": "too many redirects or a redirect loop",
    "E034": "response is larger than the configured limit",
    "E035": "not Arabic: French; French articles are set aside for a later French analysis",
    "E036": "no article text left after HTML extraction",
    "E037": "malformed or empty RSS/Atom feed",
    "E038": "unsupported file type",
    "E039": "malformed CSV row",
    "E040": "archive cannot be read",
    "E041": "source cannot be opened",
    "E042": "reading this item failed unexpectedly",
    "E043": "archive member path is unsafe ('..' or absolute); member not read",
    "E060": "analysis record could not be stored",
    "E070": "a report cannot be made as asked (scope, period, format)",
    "E071": "the alert rules file is invalid",
    "E072": "an alert could not be delivered (kept for a retry)",
    "W001": "bidi or zero-width control characters were removed",
    "W002": "text was decoded from a legacy encoding",
    "W003": "text was truncated to the configured limit",
    "W004": "lone surrogate code points were replaced (U+FFFD)",
    "W005": "text was decoded from UTF-16",
    "W006": "a few invalid UTF-8 bytes were replaced (U+FFFD)",
    "W007": "NUL characters were removed (from the text or the id, title and other fields)",
    "W010": "place mention could not be resolved",
    "W011": "time expression could not be resolved",
    "W012": "publication date could not be parsed",
    "W013": "actor could not be resolved",
    "W020": "text is mostly non-Arabic",
    "W030": "article id already names a different article; stored under a derived id (id~content hash)",
    "W021": "text looks like French",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A coded message attached to one article."""

    code: str
    message: str
    severity: Severity = "warning"
    stage: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code, "severity": self.severity, "message": self.message}
        if self.stage:
            out["stage"] = self.stage
        if self.start is not None:
            out["start"] = self.start
            out["end"] = self.end
        return out

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Diagnostic:
        start, end = data.get("start"), data.get("end")
        return cls(
            code=str(data["code"]),
            message=str(data.get("message", "")),
            severity=data.get("severity", "warning"),  # type: ignore[arg-type]
            stage=data.get("stage"),  # type: ignore[arg-type]
            start=start if isinstance(start, int) else None,
            end=end if isinstance(end, int) else None,
        )


class MarsadError(Exception):
    """Base class of marsad's errors; ``code`` is one of :data:`CODES`."""

    code = "E000"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {self.args[0]}"


class InputError(MarsadError):
    """An input item cannot be read as an article."""

    code = "E003"


class PipelineError(MarsadError):
    """A stage failed, or the stage chain is inconsistent."""

    code = "E010"


class ConfigError(MarsadError):
    """The configuration is invalid."""

    code = "E020"
