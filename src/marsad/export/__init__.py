"""Exports of the store: each table as CSV/JSONL/Parquet, an ACLED-shaped CSV, PLOVER JSON."""

from __future__ import annotations

from marsad.export.acled import ACLED_COLUMNS, MARSAD_COLUMNS, acled_rows, export_acled
from marsad.export.plover import export_plover, plover_records
from marsad.export.tables import FORMATS, export_table, write_rows

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "MARSAD_COLUMNS",
    "acled_rows",
    "export_acled",
    "export_plover",
    "export_table",
    "plover_records",
    "write_rows",
]
