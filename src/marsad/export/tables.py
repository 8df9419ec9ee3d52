"""Each store table to CSV, JSONL or Parquet."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.describe import describe_fields

if TYPE_CHECKING:
    from marsad.store.sqlstore import SqlStore

__all__ = ["FORMATS", "export_table", "plain_value", "with_descriptions", "write_rows"]

FORMATS = ("csv", "jsonl", "parquet")


def plain_value(value: Any) -> Any:
    """A JSON/CSV-safe form of a database value (dates ISO, bytes base64)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def write_rows(names: list[str], rows: list[tuple[Any, ...]], fmt: str, out: Path) -> int:
    """Write rows in ``fmt``; returns the number of rows written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(names)
            w.writerows([plain_value(v) for v in row] for row in rows)
    elif fmt == "jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for row in rows:
                obj = {n: plain_value(v) for n, v in zip(names, row, strict=True)}
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    elif fmt == "parquet":
        # optional dependency: pyarrow, for Parquet only
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = {n: [bytes(r[i]) if isinstance(r[i], memoryview) else r[i] for r in rows]
                   for i, n in enumerate(names)}  # fmt: skip
        pq.write_table(pa.table(columns) if rows else pa.table({n: pa.array([], pa.string()) for n in names}), out)
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return len(rows)


def with_descriptions(names: list[str], rows: list[tuple[Any, ...]]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The events table's columns plus each event's one-line description in Arabic and English."""
    out = []
    for row in rows:
        fields = dict(zip(names, row, strict=True))
        out.append((*row, describe_fields(fields, "ar"), describe_fields(fields, "en")))
    return [*names, "description_ar", "description_en"], out


def export_table(store: SqlStore, table: str, fmt: str, out: Path) -> int:
    """Write one store table (see :data:`marsad.store.schema.TABLES`) to ``out``; the events table
    gets two more columns, ``description_ar`` and ``description_en`` (:mod:`marsad.describe`)."""
    names, rows = store.table_rows(table)
    if table == "events":
        names, rows = with_descriptions(names, rows)
    return write_rows(names, rows, fmt, out)
