"""Retrying quarantined items: read them again (refetch a URL, re-parse the kept raw bytes).

A retry is worth it after a transient HTTP error, a fixed column mapping or a changed setting.
An item that now reads is analysed and stored and its row marked retried; one that still fails is
quarantined again (the store keeps one row per source, locator, code and raw bytes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from marsad.analyze import analyze
from marsad.ingest.base import Item, SourceOptions
from marsad.ingest.feeds import load_page
from marsad.ingest.files import file_kind, read_bytes
from marsad.ingest.language import check_language
from marsad.ingest.run import write_records
from marsad.inputs import InputFailure
from marsad.pipeline import Pipeline

__all__ = ["RetryResult", "reread", "retry"]


class QuarantineStore(Protocol):
    def get_quarantine(self, qid: str) -> Any: ...
    def mark_retried(self, qid: str) -> None: ...
    def quarantine(self, source: str, locator: str, code: str, message: str, raw: bytes) -> str: ...
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


def reread(locator: str, raw: bytes, options: SourceOptions) -> Item:
    """Read a quarantined item again from its URL or its kept bytes."""
    if locator.startswith(("http://", "https://")):
        return load_page(locator, options)
    name = _member_name(locator)
    if "#" in locator or (file_kind(name) in ("jsonl", "json") and ":" in locator.rsplit("::", 1)[-1]):
        name = "item.json"  # one JSON object kept from an array or a JSONL line
    elif file_kind(name) == "csv":
        name = "item.txt"  # a CSV row cannot be re-read without its header
    items = list(read_bytes(raw, name, locator, options))
    return items[0] if items else InputFailure(locator, "E001", "nothing left to read", raw)


def retry(store: QuarantineStore, qid: str, pipeline: Pipeline, options: SourceOptions) -> RetryResult:
    """Re-read one quarantined item; store it if it now reads, else quarantine it again."""
    row = store.get_quarantine(qid)
    if row is None:
        return RetryResult(qid, False, None, "no such quarantine id")
    locator, source = str(row.locator), str(row.source)
    item = check_language(reread(locator, bytes(row.raw or b""), options), pipeline.settings.input.min_arabic_ratio)
    store.mark_retried(qid)
    if isinstance(item, InputFailure):
        store.quarantine(source, locator, item.code, item.message, item.raw)
        return RetryResult(qid, False, item.code, item.message)
    write_records(store, list(analyze([item], pipeline)), source)  # type: ignore[arg-type]
    return RetryResult(qid, True, None, "stored")
