"""``marsad store load``: Parquet partitions → the store, in input order, through ``add_records``.

With manifests (written by :func:`marsad.scale.dask_run.run_on_dask`) only complete partitions are
loaded, in the order of their first input position, each partition's rows sorted by position, so
the store sees the records in the same order as a local ingest and its dedup and event merging
give the same result. Without manifests (Parquet from elsewhere) every ``part-*.parquet`` is loaded
in path order. Writes go through :func:`marsad.store.ingest_records` (idempotent by content hash,
near-duplicates linked, events merged); unreadable inputs go to the quarantine with their raw bytes.
Loading the same folder twice adds nothing. Both loaders count into an
:class:`~marsad.ingest_summary.IngestSummary` (``partitions``, ``records`` and the store's counts).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.ingest_summary import IngestSummary
from marsad.scale.dask_run import MANIFESTS
from marsad.scale.parquet import read_rows, row_to_record
from marsad.store import SqlStore, ingest_records

__all__ = ["iter_records", "iter_rows", "load_jsonl", "load_parquet"]

log = logging.getLogger(__name__)


def _partition_files(root: Path) -> Iterator[list[Path]]:
    folder = root / MANIFESTS
    manifests = sorted(folder.glob("part-*.json")) if folder.is_dir() else []
    if manifests:
        entries = [json.loads(m.read_text("utf-8")) for m in manifests]
        for entry in sorted(entries, key=lambda e: int(e["start"])):
            yield [root / f for f in entry["files"]]
        return
    for path in sorted(root.rglob("part-*.parquet")):
        yield [path]


def iter_rows(root: Path | str) -> Iterator[list[dict[str, Any]]]:
    """The Parquet rows under ``root``, one list per partition, in input order."""
    for files in _partition_files(Path(root)):
        rows = [row for f in files for row in read_rows(f)]
        rows.sort(key=lambda r: int(r["position"]))
        yield rows


def iter_records(root: Path | str) -> Iterator[list[dict[str, Any]]]:
    """The records under ``root``, one list per partition, in input order."""
    for rows in iter_rows(root):
        yield [row_to_record(r) for r in rows]


def load_parquet(store: SqlStore, root: Path | str, batch_size: int | None = None) -> IngestSummary:
    """Merge the Parquet partitions under ``root`` into ``store`` (idempotent, deduplicated)."""
    summary = IngestSummary()
    source = f"parquet:{Path(root).resolve()}"
    for rows in iter_rows(root):
        summary.partitions += 1
        summary.records += len(rows)
        records = []
        for row in rows:
            if row.get("raw") is not None and row.get("error_code"):
                message = next((str(d.get("message")) for d in json.loads(row["diagnostics"] or "[]")), "unreadable")
                store.quarantine(source, str(row.get("origin")), str(row["error_code"]), message, bytes(row["raw"]))
                summary.quarantined += 1
            else:
                records.append(row_to_record(row))
        got = ingest_records(store, records, source=source, batch_size=batch_size)
        summary.add_writes(got)
        summary.quarantined += got.quarantined
    return summary


def load_jsonl(store: SqlStore, path: Path | str, batch_size: int | None = None) -> IngestSummary:
    """Merge a JSONL file of analysis records (``marsad analyze`` output) into ``store``.

    A line that is not JSON is quarantined (E005) with its bytes; records of unreadable inputs
    (an error diagnostic and no text) go to the quarantine through :func:`ingest_records`.
    """
    summary = IngestSummary(partitions=1)
    source = f"records:{Path(path).resolve()}"
    records: list[dict[str, Any]] = []
    with Path(path).open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            summary.records += 1
            try:
                records.append(json.loads(raw))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                store.quarantine(source, f"{path}:{lineno}", "E005", f"malformed JSON line ({exc})"[:200], raw)
                summary.quarantined += 1
    got = ingest_records(store, records, source=source, batch_size=batch_size)
    summary.add_writes(got)
    summary.quarantined += got.quarantined
    return summary
