"""Records ⇄ Parquet rows, written hive-style and atomically.

A row is the full record (scalars as columns, every layer as a JSON text column) plus flat
columns for queries without JSON: ``position`` (the item's place in the input), ``n_events``,
``n_entities``, ``n_quotes``, ``n_relations``, ``error_code``. The partition keys ``month`` and
``country`` live in the directory names (``month=2015-07/country=SAU/part-<id>.parquet``), not in
the files, so DuckDB (``read_parquet('dir/**/*.parquet')``) and Spark (``spark.read.parquet(dir)``)
both read them as columns without a duplicate-column clash.

``month`` is the month of the article's first dated event, else its publication month;
``country`` is the country of its first placed event. Either may be missing: the directory then
takes Hive's null marker, which both engines read as NULL.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["NULL_PARTITION", "SCHEMA", "partition_keys", "read_rows", "record_to_row", "row_to_record",
           "write_partition"]  # fmt: skip

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
_SCALARS = ("id", "origin", "title", "url", "source", "author", "published", "text")
_LAYERS = ("entities", "events", "quotes", "relations", "provenance", "diagnostics")

SCHEMA = pa.schema(
    [pa.field("position", pa.int64(), nullable=False)]
    + [pa.field(name, pa.string()) for name in _SCALARS]
    + [pa.field(name, pa.string()) for name in _LAYERS]  # JSON text
    + [pa.field(f"n_{name}", pa.int32()) for name in ("events", "entities", "quotes", "relations")]
    + [pa.field("error_code", pa.string()), pa.field("extra", pa.string()), pa.field("raw", pa.binary())]
)


def _error_code(record: dict[str, Any]) -> str | None:
    for diag in record.get("diagnostics") or []:
        if diag.get("severity") == "error":
            return str(diag.get("code"))
    return None


def record_to_row(record: dict[str, Any], position: int, raw: bytes | None = None) -> dict[str, Any]:
    """The Parquet row of one record (the inverse of :func:`row_to_record`); ``raw``: an unreadable input's bytes."""
    row: dict[str, Any] = {"position": position, "raw": raw}
    for name in _SCALARS:
        row[name] = record.get(name)
    for name in _LAYERS:
        row[name] = json.dumps(record.get(name), ensure_ascii=False)
    for name in ("events", "entities", "quotes", "relations"):
        row[f"n_{name}"] = len(record.get(name) or [])
    row["error_code"] = _error_code(record)
    known = set(_SCALARS) | set(_LAYERS)
    extra = {k: v for k, v in record.items() if k not in known}
    row["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
    return row


def row_to_record(row: dict[str, Any]) -> dict[str, Any]:
    """The record a row was made from (keys absent from the original record stay absent)."""
    record: dict[str, Any] = {name: row.get(name) for name in _SCALARS if name != "origin"}
    for name in _LAYERS:
        value = row.get(name)
        record[name] = json.loads(value) if value is not None else None
    if row.get("origin") is not None:
        record["origin"] = row["origin"]
    if row.get("extra"):
        record.update(json.loads(row["extra"]))
    return record


def partition_keys(record: dict[str, Any]) -> tuple[str, str]:
    """(month, country) of a record: its first dated / placed event, else the publication month."""
    month = country = None
    for event in record.get("events") or []:
        value = ((event.get("date") or {}).get("value")) or None
        if month is None and value:
            month = str(value)[:7]
        code = (event.get("place") or {}).get("country")
        if country is None and code:
            country = str(code)
    if month is None and record.get("published"):
        month = str(record["published"])[:7]
    return month or NULL_PARTITION, country or NULL_PARTITION


def _safe(value: str) -> str:
    """A directory-name-safe partition value (no separators, no dot-names)."""
    cleaned = "".join(c if c.isalnum() or c in "-_" else "_" for c in value)
    return cleaned or NULL_PARTITION


def write_partition(out_dir: Path, partition_id: str,
                    rows: Iterable[tuple[dict[str, Any], int, bytes | None]]) -> list[str]:  # fmt: skip
    """Write (record, position, raw) triples under ``out_dir`` grouped by month/country; return the relative paths.

    Each file is written to a temporary name in its final directory and renamed into place, so a
    reader never sees half a file, and the same ``partition_id`` always overwrites the same files.
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record, position, raw in rows:
        month, country = partition_keys(record)
        groups[(_safe(month), _safe(country))].append(record_to_row(record, position, raw))
    written = []
    for (month, country), group in sorted(groups.items()):
        rel = Path(f"month={month}") / f"country={country}" / f"part-{partition_id}.parquet"
        final = out_dir / rel
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
        try:
            pq.write_table(pa.Table.from_pylist(group, schema=SCHEMA), tmp, compression="zstd")
            os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)
        written.append(rel.as_posix())
    return written


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of one part file, in position order."""
    table = pq.read_table(path, schema=SCHEMA)
    yield from sorted(table.to_pylist(), key=lambda r: int(r["position"]))
