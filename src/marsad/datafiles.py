"""Packaged TSV data files (lexicons, letter tables), read through :mod:`importlib.resources`.

A data file lives in the ``data/`` folder of the package that uses it: UTF-8, ``#`` comment lines
first (what the file is, which module reads it, and a ``# folded: <columns>`` line naming the
columns stored folded by :func:`marsad.text.fold.fold`, or ``none``), then a header row and one
entry per line. This module imports nothing of marsad, so that :mod:`marsad.text.fold` itself can
read its letter table.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

__all__ = ["read_tsv", "word_sets", "write_or_check"]


def read_tsv(package: str, name: str) -> Iterator[dict[str, str]]:
    """Rows of a packaged TSV data file (``#`` lines are comments), as column → value."""
    text = resources.files(package).joinpath(name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t")
    for row in reader:
        yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


@cache
def word_sets(package: str, name: str, column: str = "word") -> Mapping[str, tuple[str, ...]]:
    """The ``column`` values of a data file with a ``set`` column, by set, each set in file order."""
    sets: dict[str, list[str]] = {}
    for row in read_tsv(package, name):
        sets.setdefault(row["set"], []).append(row[column])
    return MappingProxyType({k: tuple(v) for k, v in sets.items()})


def write_or_check(outputs: Iterable[tuple[Path, str]], check: bool) -> list[Path]:
    """Write generated data files; with ``check``, write nothing and return those whose content differs."""
    if check:
        return [path for path, content in outputs if not path.exists() or path.read_text("utf-8") != content]
    for path, content in outputs:
        path.write_text(content, "utf-8")
    return []
