"""marsad's store: articles, merged events with every mention, quotes, relations, quarantine.

``open_store(url)`` gives a :class:`Store` over embedded DuckDB (a path, ``duckdb:///path``) or
PostgreSQL (``postgresql://…``). Writes are idempotent by content hash; near-duplicate articles
are linked (MinHash/LSH) and events reported by several articles merge into one with every
mention kept (:mod:`marsad.store.coref`).
"""

from __future__ import annotations

from marsad.ingest_summary import IngestSummary
from marsad.store.ingest import ingest_records
from marsad.store.protocol import Store
from marsad.store.rows import (
    ActorRow,
    AddResult,
    EventDetail,
    EventRow,
    IndexPoint,
    MentionRow,
    QuarantineRow,
    QuoteRow,
    RelationRow,
)
from marsad.store.sqlstore import DEFAULT_DB, SqlStore, open_store, store_options

__all__ = [
    "DEFAULT_DB",
    "ActorRow",
    "AddResult",
    "EventDetail",
    "EventRow",
    "IndexPoint",
    "IngestSummary",
    "MentionRow",
    "QuarantineRow",
    "QuoteRow",
    "RelationRow",
    "SqlStore",
    "Store",
    "ingest_records",
    "open_store",
    "store_options",
]
