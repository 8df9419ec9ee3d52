"""Retrying quarantined items: read them again (refetch a URL, re-parse the kept raw bytes).

A retry is worth it after a transient HTTP error, a fixed column mapping or a changed setting.
An item that now reads is analysed and stored and its row marked retried; one that still fails is
quarantined again (the store keeps one row per source, locator, code and raw bytes).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Protocol

from marsad.analyze import analyze
from marsad.ingest.base import Item, SourceOptions
from marsad.ingest.feeds import load_page
from marsad.ingest.files import file_kind, read_bytes
from marsad.ingest.language import check_language
from marsad.ingest.run import quarantine, write_records
from marsad.inputs import InputFailure
from marsad.pipeline import Pipeline

__all__ = ["RetryResult", "reread", "retry"]


class QuarantineStore(Protocol):
    def get_quarantine(self, qid: str) -> Any: ...
    def mark_retried(self, qid: str) -> None: ...
    def quarantine(self, source: str, locator: str, code: str, message: str, raw: bytes) -> str: ...  # (, kind=)
    def add_records(self, records: Any) -> list[Any]: ...


@dataclass(frozen=True)
class RetryResult:
    qid: str
    ok: bool
    code: str | None
    message: str


def _member_name(locator: str) -> str:
    """The file name an item came from: ``a.zip::b.json#3`` → ``b.json``; ``x.jsonl:4`` → ``x.jsonl``."""
    name = locator.rsplit("::", 1)[-1].split("#", 1)[0]
    head, sep, tail = name.rpartition(":")
    return head if sep and tail.isdigit() else name


def reread(locator: str, raw: bytes, options: SourceOptions, kind: str | None = None) -> Item:
    """Read a quarantined item again from its URL, or from its kept bytes by the reader that failed it.

    ``kind`` ``csv``/``tsv``: the kept bytes are the header and the row, re-read by the CSV reader (a row
    still malformed stays E039). A CSV row kept without its kind (before the store kept kinds) has no header
    to be re-read with, so it stays quarantined (E039) rather than come back as plain text."""
    if locator.startswith(("http://", "https://")):
        return load_page(locator, options)
    if kind in ("csv", "tsv"):
        rows = list(read_bytes(raw, f"item.{kind}", locator, options))
        if len(rows) != 1:
            return InputFailure(locator, "E039", "the kept CSV row no longer reads as one row", raw, kind)
        row = rows[0]
        return dataclasses.replace(row, origin=locator)
    name = _member_name(locator)
    if "#" in locator or (file_kind(name) in ("jsonl", "json") and ":" in locator.rsplit("::", 1)[-1]):
        name = "item.json"  # one JSON object kept from an array or a JSONL line
    elif file_kind(name) == "csv" and ":" in locator.rsplit("::", 1)[-1]:
        return InputFailure(locator, "E039", "a CSV row kept without its header cannot be re-read", raw, "csv")
    items = list(read_bytes(raw, name, locator, options))
    return items[0] if items else InputFailure(locator, "E001", "nothing left to read", raw)


def retry(store: QuarantineStore, qid: str, pipeline: Pipeline, options: SourceOptions) -> RetryResult:
    """Re-read one quarantined item; store it if it now reads, else quarantine it again."""
    row = store.get_quarantine(qid)
    if row is None:
        return RetryResult(qid, False, None, "no such quarantine id")
    locator, source = str(row.locator), str(row.source)
    raw, kind = bytes(row.raw or b""), getattr(row, "kind", None)
    size = getattr(row, "raw_size", None)
    if size is not None and size > len(raw):  # only a prefix was kept: re-reading it would store a torso
        store.mark_retried(qid)
        message = f"only {len(raw)} of {size} raw bytes were kept; ingest the source again"
        return RetryResult(qid, False, str(row.code), message)
    item = check_language(reread(locator, raw, options, kind), pipeline.settings.input.min_arabic_ratio)
    store.mark_retried(qid)
    if isinstance(item, InputFailure):
        quarantine(store, source, dataclasses.replace(item, origin=locator))
        return RetryResult(qid, False, item.code, item.message)
    write_records(store, list(analyze([item], pipeline)), source)  # type: ignore[arg-type]
    return RetryResult(qid, True, None, "stored")
