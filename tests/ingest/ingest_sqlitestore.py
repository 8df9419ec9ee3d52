"""A file-backed store with marsad.store's methods (sqlite), so a killed subprocess leaves real state."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ingest_fakestore import AddResult, QuarantineRow


class SqliteStore:
    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, origin TEXT, record TEXT);"
            "CREATE TABLE IF NOT EXISTS attempts (id TEXT);"
            "CREATE TABLE IF NOT EXISTS quarantine (id TEXT PRIMARY KEY, source TEXT, locator TEXT, code TEXT,"
            " message TEXT, raw BLOB, retried INTEGER DEFAULT 0);"
            "CREATE TABLE IF NOT EXISTS checkpoints (key TEXT PRIMARY KEY, value TEXT);"
        )

    def add_records(self, records: Iterable[dict[str, Any]]) -> list[AddResult]:
        out = []
        self.db.execute("BEGIN")
        for r in records:
            self.db.execute("INSERT INTO attempts VALUES (?)", (r["id"],))
            cur = self.db.execute(
                "INSERT OR IGNORE INTO articles VALUES (?, ?, ?)",
                (r["id"], r.get("origin"), json.dumps(r, ensure_ascii=False)),
            )
            out.append(AddResult(r["id"], cur.rowcount == 1))
        self.db.execute("COMMIT")
        return out

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def quarantine(self, source: str, locator: str, code: str, message: str, raw: bytes,
                   kind: str | None = None) -> str:  # fmt: skip
        qid = hashlib.sha256(repr((source, locator, code, raw)).encode()).hexdigest()[:12]
        self.db.execute(
            "INSERT OR IGNORE INTO quarantine (id, source, locator, code, message, raw) VALUES (?, ?, ?, ?, ?, ?)",
            (qid, source, locator, code, message, raw),
        )
        return qid

    def list_quarantine(self, code: str | None = None, limit: int = 100) -> list[QuarantineRow]:
        rows = self.db.execute(
            "SELECT id, source, locator, code, message, raw, retried FROM quarantine"
            " WHERE ? IS NULL OR code = ? ORDER BY locator LIMIT ?",
            (code, code, limit),
        )
        return [QuarantineRow(*r[:6], bool(r[6])) for r in rows]

    def get_quarantine(self, qid: str) -> QuarantineRow | None:
        rows = [r for r in self.list_quarantine(limit=10**9) if r.id == qid]
        return rows[0] if rows else None

    def mark_retried(self, qid: str) -> None:
        self.db.execute("UPDATE quarantine SET retried = 1 WHERE id = ?", (qid,))

    def get_checkpoint(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM checkpoints WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_checkpoint(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO checkpoints VALUES (?, ?)", (key, value))

    def close(self) -> None:
        self.db.close()
