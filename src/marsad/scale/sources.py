"""Ingest sources as a stream of items for :func:`marsad.scale.run_on_dask` (``marsad ingest --cluster``).

The client reads the sources with :mod:`marsad.ingest` (its sources, column mapping, fetcher and
language check, in ingest's order), so the workers need no access to them; unreadable and
non-Arabic entries travel as :class:`~marsad.inputs.InputFailure` and become quarantine rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from marsad.analyze import parse_date
from marsad.config import Settings
from marsad.ingest import ColumnMapping, Fetcher, FetchSettings, SourceOptions, check_language
from marsad.ingest.run import _entries
from marsad.scale.dask_run import DaskRunResult, run_on_dask
from marsad.scale.pool import Item

__all__ = ["ingest_on_cluster", "items_from_sources"]


def items_from_sources(locations: Sequence[str], source_options: SourceOptions, min_arabic_ratio: float = 0.3,
                       since: dt.date | None = None) -> Iterator[Item]:  # fmt: skip
    """Every entry of ``locations`` loaded and language-checked; ``since`` drops older dated articles."""
    for _location, entry in _entries(locations, source_options):
        item = check_language(entry.load(), min_arabic_ratio)
        published = getattr(item, "published", None)
        if since is not None and (pub := parse_date(published)) is not None and pub < since:
            continue
        yield item


def ingest_on_cluster(locations: Sequence[str], cluster: str | Any, out_dir: Path, settings: Settings,
                      mapping: ColumnMapping | None = None, since: dt.date | None = None) -> DaskRunResult:  # fmt: skip
    """``marsad ingest … --cluster``: read here, analyse on Dask (an address or a Client), write Parquet.

    Load the result into the store with ``marsad store load`` (:func:`marsad.scale.load_parquet`).
    """
    with Fetcher(FetchSettings.from_settings(settings.ingest)) as fetcher:
        options = SourceOptions(mapping, settings.input.max_bytes, fetcher)
        items = items_from_sources(locations, options, settings.input.min_arabic_ratio, since)
        return run_on_dask(items, cluster, out_dir, settings)
