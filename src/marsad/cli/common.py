"""Helpers shared by the CLI modules: one-line errors, exit codes, settings, date options."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from marsad.config import Settings, load_settings
from marsad.errors import MarsadError
from marsad.pipeline import Pipeline

__all__ = ["EXIT_CONFIG", "EXIT_INPUT", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_SOME_FAILED", "build_pipeline", "err",
           "fail", "iter_paths", "open_store_or_exit", "parse_cli_date", "store_open_error"]  # fmt: skip

EXIT_OK = 0
EXIT_SOME_FAILED = 1  # the run completed, some items could not be read
EXIT_INPUT = 2  # usage or input error: nothing was done
EXIT_CONFIG = 3  # configuration invalid
EXIT_INTERRUPTED = 130  # stopped by SIGINT (Ctrl-C) or SIGTERM after committing what it had

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")

err = Console(stderr=True, highlight=False)

_SUFFIXES = {".txt", ".text", ".jsonl", ".ndjson", ".md"}


def fail(message: str, code: int = EXIT_INPUT) -> typer.Exit:
    """Print one readable error line and return the exit to raise."""
    err.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    return typer.Exit(code)


def parse_cli_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"not a date (YYYY-MM-DD): {value!r}") from None


def load_cli_settings(config: Path | None) -> Settings:
    try:
        return load_settings(config)
    except MarsadError as exc:
        raise fail(str(exc), EXIT_CONFIG) from None


def build_pipeline(config: Path | None = None) -> Pipeline:
    settings = load_cli_settings(config)
    try:
        return Pipeline.build(settings)
    except MarsadError as exc:
        raise fail(str(exc), EXIT_CONFIG) from None


def iter_paths(paths: list[Path]) -> Iterator[Path]:
    """Files as given; directories walked in sorted order for known suffixes. Missing → error."""
    for path in paths:
        if str(path) == "-":
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
        elif path.exists():
            yield path
        else:
            raise fail(f"no such file or directory: {path}")


def store_open_error(db: str, exc: BaseException) -> str | None:
    """One readable line for a store that cannot be opened (a DuckDB file locked by another process, an
    unreachable server, an unreadable file); None for an exception that is a bug, not a situation."""
    text = str(exc)
    if "Could not set lock on file" in text:
        found = _LOCK_HOLDER.search(text)
        holder = f" ({found['program']}, PID {found['pid']})" if found else ""
        return (f"the store {db} is in use by another process{holder}; stop that process or wait for it to "
                "finish, or use another --db, then run this command again")  # fmt: skip
    module = exc.__class__.__module__.split(".")[0]
    if module in {"duckdb", "_duckdb", "psycopg"} or isinstance(exc, (MarsadError, OSError)):
        return f"cannot open the store {db}: {text.splitlines()[0] if text else type(exc).__name__}"
    return None


def open_store_or_exit(db: str, **options: Any) -> Any:
    """:func:`marsad.store.open_store`, or one error line and exit 2 when the store cannot be opened."""
    # start-up time: each command imports what it runs
    from marsad.store import open_store

    try:
        return open_store(db, **options)
    except Exception as exc:
        message = store_open_error(db, exc)
        if message is None:
            raise
        raise fail(escape(message)) from None
