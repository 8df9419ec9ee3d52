"""One ingest's counts: what the store wrote, what a run read and what a load merged.

The store (:func:`marsad.store.ingest_records`), an ingest run (:func:`marsad.ingest.ingest`,
``marsad watch``) and ``marsad store load`` (:mod:`marsad.scale.load`) all count into one
:class:`IngestSummary`. It lives in this leaf module (it imports nothing from marsad) rather than in
``store/`` or ``ingest/`` so that each of those can import it without importing the other: ingest keeps
the store optional, and analysis workers never load a database driver.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["IngestSummary"]

_JSON_FIELDS = ("new", "duplicate", "near_duplicate", "quarantined", "events_created", "events_merged")


@dataclass
class IngestSummary:
    """Counts of one ingest (a run over sources, a load of records, or one write to the store).

    Store writes: ``new`` and ``near_duplicate`` articles were written (together: :attr:`stored`),
    ``duplicate`` ones were stored already; ``events_created``/``events_merged`` count the events;
    ``quarantined`` items were kept aside (their ids in ``quarantine_ids`` where the store gave them).
    A run over sources also counts ``seen`` items (``total`` when known beforehand), ``skipped_old``
    (published before ``--since``), ``resumed`` (skipped by ``--resume``) and ``by_code`` (quarantined
    items by error code), with ``seen == stored + duplicate + quarantined + skipped_old``; a load of
    records counts ``partitions`` and ``records`` read.
    """

    seen: int = 0
    total: int | None = None
    partitions: int = 0
    records: int = 0
    new: int = 0
    near_duplicate: int = 0
    duplicate: int = 0
    quarantined: int = 0
    skipped_old: int = 0
    resumed: int = 0
    events_created: int = 0
    events_merged: int = 0
    interrupted: bool = False
    quarantine_ids: list[str] = field(default_factory=list)
    by_code: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)

    @property
    def stored(self) -> int:
        """Articles written: new ones and near-duplicates (linked to the article they copy)."""
        return self.new + self.near_duplicate

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        return self.seen / self.elapsed if self.elapsed > 0 else 0.0

    def add_writes(self, other: IngestSummary) -> None:
        """Add what ``other`` wrote (articles by status, events) to these counts; its quarantine is not added."""
        self.new += other.new
        self.near_duplicate += other.near_duplicate
        self.duplicate += other.duplicate
        self.events_created += other.events_created
        self.events_merged += other.events_merged

    def to_json(self) -> dict[str, Any]:
        """The counts of a store write, as ``marsad.store.ingest_records`` has always reported them."""
        return {name: getattr(self, name) for name in _JSON_FIELDS} | {"quarantine_ids": list(self.quarantine_ids)}
