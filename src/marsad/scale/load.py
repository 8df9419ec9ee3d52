"""``marsad store load``: Parquet partitions → the store, in input order, through ``add_records``.

With manifests (written by :func:`marsad.scale.dask_run.run_on_dask`) only complete partitions are
loaded, in the order of their first input position, each partition's rows sorted by position, so
the store sees the records in the same order as a local ingest and its dedup and event merging
give the same result. Without manifests (Parquet from elsewhere) every ``part-*.parquet`` is loaded
in path order. The store's writes are idempotent, so loading twice adds nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from marsad.scale.dask_run import MANIFESTS
from marsad.scale.parquet import read_rows, row_to_record

__all__ = ["LoadSummary", "iter_records", "load_parquet"]

log = logging.getLogger(__name__)


@dataclass
class LoadSummary:
    """What ``load_parquet`` did."""

    partitions: int = 0
    records: int = 0
    new: int = 0
    duplicate: int = 0
    quarantined: int = 0


def _partition_files(root: Path) -> Iterator[list[Path]]:
    manifests = sorted((root / MANIFESTS).glob("part-*.json")) if (root / MANIFESTS).is_dir() else []
    if manifests:
        entries = [json.loads(m.read_text("utf-8")) for m in manifests]
        for entry in sorted(entries, key=lambda e: int(e["start"])):
            yield [root / f for f in entry["files"]]
        return
    for path in sorted(root.rglob("part-*.parquet")):
        yield [path]


def iter_records(root: Path | str) -> Iterator[list[dict[str, Any]]]:
    """The records under ``root``, one list per partition, in input order."""
    for files in _partition_files(Path(root)):
        rows = [row for f in files for row in read_rows(f)]
        rows.sort(key=lambda r: int(r["position"]))
        yield [row_to_record(r) for r in rows]


def _status(result: Any) -> str:
    for name in ("status", "outcome", "kind"):
        value = getattr(result, name, None)
        if isinstance(value, str):
            return value
    for name in ("inserted", "added", "created", "new", "is_new"):
        value = getattr(result, name, None)
        if isinstance(value, bool):
            return "new" if value else "duplicate"
    return "new"


def load_parquet(store: Any, root: Path | str, batch_size: int = 500) -> LoadSummary:
    """Merge the Parquet partitions under ``root`` into ``store`` (idempotent, deduplicated)."""
    summary = LoadSummary()
    for records in iter_records(root):
        summary.partitions += 1
        summary.records += len(records)
        it = iter(records)
        while batch := list(islice(it, batch_size)):
            _write(store, batch, summary)
    return summary


def _write(store: Any, batch: list[dict[str, Any]], summary: LoadSummary) -> None:
    try:
        from marsad.store import ingest_records  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        ingest_records = None
    if ingest_records is not None:
        got = ingest_records(store, batch)
        summary.new += int(getattr(got, "new", 0)) + int(getattr(got, "near_duplicate", 0))
        summary.duplicate += int(getattr(got, "duplicate", 0))
        summary.quarantined += int(getattr(got, "quarantined", 0))
        return
    for result in store.add_records(batch):
        if _status(result) in ("duplicate", "exists", "existing", "skipped"):
            summary.duplicate += 1
        else:
            summary.new += 1
