"""`marsad store load`: merge analysed records (Parquet partitions of a Dask run, or the JSONL of
`marsad analyze`) into the store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli.common import fail, open_store_or_exit

if TYPE_CHECKING:
    from marsad.ingest_summary import IngestSummary

__all__ = ["load_records", "register"]


def _open_store(db: str) -> Any:
    return open_store_or_exit(db)


def load_records(parquet_dir: Path, db: str | None = None, batch_size: int | None = None) -> IngestSummary:
    """Merge the records of a Parquet folder or a JSONL file into the store at ``db``."""
    # start-up time: each command imports what it runs
    from marsad.scale.load import load_jsonl, load_parquet

    if not parquet_dir.exists():
        raise fail(f"no such file or folder: {parquet_dir}")
    load = load_parquet if parquet_dir.is_dir() else load_jsonl
    store = _open_store(db or os.environ.get("MARSAD_DB") or "marsad.duckdb")
    try:
        return load(store, parquet_dir, batch_size)
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()


def _load_table(summary: IngestSummary, parquet_dir: Path) -> Table:
    t = Table("", "count", title=f"store load {parquet_dir}", show_header=False)
    s = summary  # "new": every article written (summary.stored), near-duplicates included
    rows = {"partitions": s.partitions, "records": s.records, "new": s.stored, "duplicate": s.duplicate,
            "quarantined": s.quarantined, "events_created": s.events_created, "events_merged": s.events_merged}
    for name, value in rows.items():
        t.add_row(name, str(value))
    return t


def load_cmd(
    parquet_dir: Annotated[Path, typer.Argument(help="the --out folder of a `--cluster` run, or a JSONL "
                                                     "file of records from `marsad analyze`")],
    db: Annotated[str | None, typer.Option("--db", help="store URL (default $MARSAD_DB or marsad.duckdb)")] = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="records per store transaction")] = None,
) -> None:
    """Merge analysed records into the store, in input order (idempotent, deduplicated like ingest)."""
    Console().print(_load_table(load_records(parquet_dir, db, batch_size), parquet_dir))


def register(app: typer.Typer) -> None:
    """Add the `store` group (`store load`) to ``app``."""
    store_app = typer.Typer(help="Move data into the store.", no_args_is_help=True)
    app.add_typer(store_app, name="store")
    store_app.command("load")(load_cmd)
