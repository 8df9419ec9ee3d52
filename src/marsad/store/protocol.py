"""The store interface the ingest (issue 7) and API (issue 8) code programs against.

:class:`~marsad.store.sqlstore.SqlStore` implements it for DuckDB and PostgreSQL; a test double
only needs these methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol

from marsad.store.rows import (
    ActorRow,
    AddResult,
    EventDetail,
    EventRow,
    IndexPoint,
    QuarantineRow,
    QuoteRow,
    RelationRow,
)

__all__ = ["Store"]


class Store(Protocol):
    def add_record(self, record: dict[str, Any]) -> AddResult: ...
    def add_records(self, records: Iterable[dict[str, Any]]) -> list[AddResult]: ...
    def has_article(self, article_id: str) -> bool: ...
    def unmerge(self, event_id: str, mention: tuple[str, str] | None = None) -> list[str]: ...
    def quarantine(self, source: str, locator: str, code: str, message: str, raw: bytes,
                   kind: str | None = None) -> str: ...  # fmt: skip
    def list_quarantine(self, code: str | None = None, limit: int = 100) -> list[QuarantineRow]: ...
    def get_quarantine(self, qid: str) -> QuarantineRow | None: ...
    def mark_retried(self, qid: str) -> None: ...
    def get_checkpoint(self, key: str) -> str | None: ...
    def set_checkpoint(self, key: str, value: str) -> None: ...
    def events(
        self, *, country: str | None = None, type: str | None = None, mode: str | None = None,
        since: dt.date | str | None = None, until: dt.date | str | None = None, actor: str | None = None,
        near: tuple[float, float, float] | None = None, text: str | None = None, limit: int = 100, offset: int = 0,
        min_confidence: float | None = None, sort: str | None = None,
    ) -> list[EventRow]: ...  # fmt: skip
    def event(self, event_id: str) -> EventDetail | None: ...
    def quotes(self, *, speaker: str | None = None, limit: int = 100, offset: int = 0) -> list[QuoteRow]: ...
    def relations(
        self, *, pair: tuple[str, str] | None = None, type: str | None = None,
        since: dt.date | str | None = None, until: dt.date | str | None = None, limit: int = 100, offset: int = 0,
    ) -> list[RelationRow]: ...  # fmt: skip
    def cooperation_index(self, a: str, b: str) -> list[IndexPoint]: ...
    def actors(self, *, limit: int = 100, offset: int = 0) -> list[ActorRow]: ...
    def stats(self) -> dict[str, Any]: ...
    def article(self, article_id: str) -> dict[str, Any] | None: ...
    def close(self) -> None: ...
