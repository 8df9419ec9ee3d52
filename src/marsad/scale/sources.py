"""Ingest sources as a stream of items for :func:`marsad.scale.run_on_dask` (``marsad ingest --cluster``).

Uses :mod:`marsad.ingest` (its sources, column mapping and language check), imported at call time
so that the scale package does not depend on it being installed.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from marsad.analyze import parse_date
from marsad.config import Settings
from marsad.scale.dask_run import DaskRunResult, run_on_dask
from marsad.scale.pool import Item

__all__ = ["ingest_on_cluster", "items_from_sources"]


def items_from_sources(locations: Sequence[str], source_options: Any, min_arabic_ratio: float = 0.3,
                       since: dt.date | None = None) -> Iterator[Item]:  # fmt: skip
    """Every entry of ``locations`` loaded and language-checked, in ingest's order (``since`` filters by date).

    ``source_options`` is a :class:`marsad.ingest.SourceOptions`. Unreadable or non-Arabic entries come
    through as :class:`~marsad.inputs.InputFailure` (they become quarantine rows in the Parquet output).
    """
    run = importlib.import_module("marsad.ingest.run")
    language = importlib.import_module("marsad.ingest.language")
    for _location, entry in run._entries(locations, source_options):
        item = language.check_language(entry.load(), min_arabic_ratio)
        published = getattr(item, "published", None)
        if since is not None and (pub := parse_date(published)) is not None and pub < since:
            continue
        yield item


def ingest_on_cluster(locations: Sequence[str], cluster: str, out_dir: Path, settings: Settings,
                      mapping: Any = None, since: dt.date | None = None) -> DaskRunResult:  # fmt: skip
    """``marsad ingest … --cluster``: read the sources here, analyse on Dask, write Parquet under ``out_dir``.

    ``mapping`` is a :class:`marsad.ingest.ColumnMapping` (``--map``). Load the result with ``marsad store load``.
    """
    ingest = importlib.import_module("marsad.ingest")
    with ingest.Fetcher() as fetcher:
        options = ingest.SourceOptions(mapping, settings.input.max_bytes, fetcher)
        items = items_from_sources(locations, options, settings.input.min_arabic_ratio, since)
        return run_on_dask(items, cluster, out_dir, settings)
