"""Getting news in: files, web pages, feeds and archives, with progress, checkpoints and a quarantine.

Sources (:class:`Source`, found by :func:`open_source`, plugins via the ``marsad.sources`` entry
points) yield keyed entries; :func:`ingest` checks the script, analyses and stores them in batches
with a resumable checkpoint, and quarantines everything unreadable with a coded reason.
"""

from __future__ import annotations

from marsad.ingest.base import ENTRY_POINT_GROUP, Entry, Item, Source, SourceOptions, open_source, source_registry
from marsad.ingest.fetch import Fetched, Fetcher, FetchSettings
from marsad.ingest.language import check_language, looks_french
from marsad.ingest.mapping import ColumnMapping
from marsad.ingest.run import IngestOptions, IngestSummary, count_entries, ingest, ingest_inputs, run_key

__all__ = [
    "ENTRY_POINT_GROUP", "ColumnMapping", "Entry", "FetchSettings", "Fetched", "Fetcher", "IngestOptions",
    "IngestSummary", "Item", "Source", "SourceOptions", "check_language", "count_entries", "ingest",
    "ingest_inputs", "looks_french", "open_source", "run_key", "source_registry",
]  # fmt: skip
