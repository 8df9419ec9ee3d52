"""The write path others call: analysis records → the store, failure records → quarantine.

The store never analyses: raw inputs are analysed by :mod:`marsad.ingest` (``ingest_inputs``), which
writes the records through :func:`ingest_records`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from itertools import islice
from typing import TYPE_CHECKING, Any

from marsad.errors import CODES
from marsad.ingest_summary import IngestSummary

if TYPE_CHECKING:
    from marsad.store.rows import AddResult
    from marsad.store.sqlstore import SqlStore

__all__ = ["IngestSummary", "failure_code", "ingest_records"]

log = logging.getLogger(__name__)


def failure_code(record: dict[str, Any]) -> str | None:
    """The error code of a record that stands for an unreadable input (empty text + an error), else None."""
    if record.get("text"):
        return None
    for diag in record.get("diagnostics") or []:
        if diag.get("severity") == "error":
            return str(diag.get("code"))
    return "E001"


def ingest_records(store: SqlStore, records: Iterable[dict[str, Any]], *, source: str = "records",
                   batch_size: int | None = None) -> IngestSummary:  # fmt: skip
    """Write analysis records in batches; failure records go to quarantine instead of the articles."""
    summary = IngestSummary()
    it = iter(records)
    size = batch_size or store.batch_size
    while batch := list(islice(it, size)):
        good = []
        for record in batch:
            code = failure_code(record) if isinstance(record, dict) else "E060"
            if code is None:
                good.append(record)
                continue
            summary.quarantine_ids.append(_keep_aside(store, record, source, code))
            summary.quarantined += 1
            summary.by_code[code] += 1
        for result in _add_keeping_failures(store, good, source, summary):
            setattr(summary, result.status, getattr(summary, result.status) + 1)
            summary.events_created += len(result.created)
            summary.events_merged += len(result.merged)
    return summary


def _keep_aside(store: SqlStore, record: Any, source: str, code: str) -> str:
    """Quarantine a failure record, or anything that is not a record at all."""
    raw = json.dumps(record, ensure_ascii=False, default=str).encode("utf-8")
    if not isinstance(record, dict):
        return store.quarantine(source, "?", code, f"{CODES['E060']}: not a JSON object", raw)
    message = next((str(d.get("message")) for d in record.get("diagnostics") or []), "unreadable input")
    locator = str(record.get("origin") or record.get("source") or record.get("id"))
    return store.quarantine(source, locator, code, message, raw)


def _add_keeping_failures(store: SqlStore, records: list[dict[str, Any]], source: str,
                          summary: IngestSummary) -> list[AddResult]:  # fmt: skip
    """Add a batch; if it fails, add one by one and keep the records that fail aside (E060)."""
    try:
        return store.add_records(records)
    except Exception:  # the batch was rolled back: find the bad record(s) one by one
        log.exception("batch of %d records failed; retrying one by one", len(records))
    results = []
    for record in records:
        try:
            results.append(store.add_record(record))
        except Exception as exc:  # never lose a record: quarantine it with its bytes
            raw = json.dumps(record, ensure_ascii=False, default=str).encode("utf-8")
            locator = str(record.get("origin") or record.get("id") or "?")
            summary.quarantine_ids.append(store.quarantine(source, locator, "E060", f"{CODES['E060']}: {exc}", raw))
            summary.quarantined += 1
            summary.by_code["E060"] += 1
    return results
