"""An in-memory store with the same methods as marsad.store's (for tests until the real one lands)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class AddResult:
    article_id: str
    inserted: bool


@dataclass(frozen=True)
class QuarantineRow:
    id: str
    source: str
    locator: str
    code: str
    message: str
    raw: bytes
    retried: bool = False
    kind: str | None = None


@dataclass
class FakeStore:
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    quarantined: dict[str, QuarantineRow] = field(default_factory=dict)
    checkpoints: dict[str, str] = field(default_factory=dict)

    def add_records(self, records: Iterable[dict[str, Any]]) -> list[AddResult]:
        out = []
        for record in records:
            new = record["id"] not in self.articles
            self.articles.setdefault(record["id"], record)
            out.append(AddResult(record["id"], new))
        return out

    def has_article(self, article_id: str) -> bool:
        return article_id in self.articles

    def quarantine(self, source: str, locator: str, code: str, message: str, raw: bytes,
                   kind: str | None = None) -> str:  # fmt: skip
        qid = hashlib.sha256(repr((source, locator, code, raw)).encode()).hexdigest()[:12]
        self.quarantined.setdefault(qid, QuarantineRow(qid, source, locator, code, message, raw, kind=kind))
        return qid

    def list_quarantine(self, code: str | None = None, limit: int = 100) -> list[QuarantineRow]:
        rows = [r for r in self.quarantined.values() if code is None or r.code == code]
        return rows[:limit]

    def get_quarantine(self, qid: str) -> QuarantineRow | None:
        return self.quarantined.get(qid)

    def mark_retried(self, qid: str) -> None:
        row = self.quarantined[qid]
        self.quarantined[qid] = QuarantineRow(row.id, row.source, row.locator, row.code, row.message, row.raw, True,
                                              row.kind)  # fmt: skip

    def get_checkpoint(self, key: str) -> str | None:
        return self.checkpoints.get(key)

    def set_checkpoint(self, key: str, value: str) -> None:
        self.checkpoints[key] = value
