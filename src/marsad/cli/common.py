"""Helpers shared by the CLI modules: one-line errors, exit codes, settings, date options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.console import Console

from marsad.config import Settings, load_settings
from marsad.errors import MarsadError
from marsad.pipeline import Pipeline

__all__ = ["EXIT_CONFIG", "EXIT_INPUT", "EXIT_OK", "EXIT_SOME_FAILED", "build_pipeline", "err", "fail", "iter_paths",
           "parse_cli_date"]  # fmt: skip

EXIT_OK = 0
EXIT_SOME_FAILED = 1  # the run completed, some items could not be read
EXIT_INPUT = 2  # usage or input error: nothing was done
EXIT_CONFIG = 3  # configuration invalid

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
