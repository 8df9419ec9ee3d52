"""The store: one class over a :class:`~marsad.store.db.Db`, for DuckDB and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import Any

from marsad.store import corrections, queries, writer
from marsad.store.coref import CorefSettings
from marsad.store.db import Db, DuckDb, PostgresDb
from marsad.store.dedup import NearDupIndex
from marsad.store.rows import (
    ActorRow,
    AddResult,
    CorrectionRow,
    EventDetail,
    EventRow,
    IndexPoint,
    QuarantineRow,
    QuoteRow,
    RelationRow,
)
from marsad.store.schema import MIGRATIONS, VERSION_TABLE, render
from marsad.store.state import WriteState

__all__ = ["DEFAULT_DB", "RAW_KEEP", "SqlStore", "open_store", "store_options"]

log = logging.getLogger(__name__)
DEFAULT_DB = "marsad.duckdb"
#: Raw bytes the quarantine keeps of one item (the size and SHA-256 of the whole are kept beside them).
RAW_KEEP = 65_536


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class SqlStore:
    """The store over one connection. Writes go through one instance (one writer); readers may
    open the same database with ``read_only=True``."""

    def __init__(self, db: Db, *, near_threshold: float = 0.6, coref: CorefSettings | None = None,
                 batch_size: int = 200) -> None:  # fmt: skip
        self.db = db
        self.coref = coref or CorefSettings()
        self.near_threshold = near_threshold
        self.batch_size = batch_size
        self._index: NearDupIndex | None = None
        self._state: WriteState | None = None
        #: The store's write count (PostgreSQL) when the in-memory views were last current.
        self._seen_writes: int | None = None

    # -- schema -------------------------------------------------------------------------------
    def migrate(self) -> int:
        """Apply pending migrations in order; returns the schema version."""
        self.db.begin()
        try:
            self.db.lock_writes()  # two first writers of a fresh PostgreSQL schema migrate one after the other
            self.db.execute(VERSION_TABLE)
            done = {int(r[0]) for r in self.db.execute("SELECT version FROM schema_version")}
            for mig in MIGRATIONS:
                if mig.version in done:
                    continue
                for statement in mig.statements:
                    self.db.execute(render(statement, self.db.dialect))
                self.db.execute("INSERT INTO schema_version VALUES (?, ?, ?)", (mig.version, mig.description, _now()))
            self.db.commit()
        except Exception:
            self.db.rollback()
            raise
        return self.schema_version()

    def schema_version(self) -> int:
        rows = self.db.execute("SELECT MAX(version) FROM schema_version")
        return int(rows[0][0] or 0)

    # -- writes -------------------------------------------------------------------------------
    def _near_index(self) -> NearDupIndex:
        if self._index is None:
            rows = self.db.execute("SELECT id, minhash FROM articles WHERE minhash IS NOT NULL")
            self._index = NearDupIndex.from_rows(((str(i), bytes(b)) for i, b in rows), self.near_threshold)
        return self._index

    def _write_state(self) -> WriteState:
        if self._state is None:
            self._state = WriteState.load(self.db)
        return self._state

    def add_record(self, record: dict[str, Any]) -> AddResult:
        """Store one analysis record; the same content twice changes nothing."""
        return self.add_records([record])[0]

    def add_records(self, records: Iterable[dict[str, Any]]) -> list[AddResult]:
        """Store records in batches of ``batch_size``, one transaction per batch."""
        out: list[AddResult] = []
        it = iter(records)
        while batch := list(islice(it, self.batch_size)):
            out += self._add_batch(batch)
        return out

    def _lock_writes(self) -> None:
        """Take the writers' lock (PostgreSQL: other ingests of the same store wait for this batch) and
        drop the in-memory views when another writer committed since they were current: coreference then
        reads what the other writer stored, so concurrent ingests merge events as sequential ones do."""
        seen = self.db.lock_writes()
        if seen is not None and seen != self._seen_writes:
            self._index, self._state = None, None

    def _count_write(self) -> None:
        self._seen_writes = self.db.count_write()

    def _add_batch(self, batch: list[dict[str, Any]]) -> list[AddResult]:
        results = []
        self.db.begin()
        try:
            self._lock_writes()
            index = self._near_index()
            state = self._write_state()
            now = _now()
            for record in batch:
                result, sig = writer.add_article(state, record, index, self.coref, now)
                if sig is not None:
                    index.add(*sig)
                results.append(result)
            state.flush(self.db, writer.QUEUED_COLUMNS)
            self._count_write()
            corrections.apply_all(self.db)  # the writer rebuilt some events from their mentions
            self.db.commit()
        except Exception:
            self.db.rollback()
            # the in-memory views may hold uncommitted rows: rebuild them from the database
            self._index, self._state = None, None
            raise
        return results

    def has_article(self, article_id: str) -> bool:
        return bool(self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def unmerge(self, event_id: str, mention: tuple[str, str] | None = None) -> list[str]:
        """Split a mention (article id, local event id), or all but the first, out of a merged event."""
        self._state = None  # written directly: the writer's view reloads on the next batch
        self.db.begin()
        try:
            self.db.lock_writes()
            new_ids = writer.unmerge(self.db, event_id, _now(), mention)
            self.db.count_write()
            corrections.apply_all(self.db)
            self.db.commit()
        except Exception:
            self.db.rollback()
            raise
        return new_ids

    def correct(self, event_id: str, *, author: str, note: str | None = None, values: dict[str, Any] | None = None,
                flag: str | None = None, unflag: bool = False) -> list[CorrectionRow]:  # fmt: skip
        """An analyst's corrections of an event's fields and/or flag, kept with an audit trail and applied
        again after every later write (:mod:`marsad.store.corrections`); ``CorrectionError`` if refused."""
        self._state = None  # written directly: the writer's view reloads on the next batch
        self.db.begin()
        try:
            self.db.lock_writes()  # PostgreSQL: one writer at a time, like a batch or an unmerge
            rows = corrections.correct(self.db, event_id, author=author, note=note, values=values, flag=flag,
                                       unflag=unflag, now=_now())  # fmt: skip
            self.db.count_write()
            self.db.commit()
        except Exception:
            self.db.rollback()
            raise
        return rows

    def corrections(self, event_id: str) -> list[CorrectionRow]:
        """The audit trail of an event's corrections, oldest first."""
        return corrections.history(self.db, event_id)

    def quarantine(self, source: str, locator: str, code: str, message: str, raw: bytes,
                   kind: str | None = None) -> str:  # fmt: skip
        """Keep an item that could not be processed; the same item twice is kept once.

        At most :data:`RAW_KEEP` bytes of ``raw`` are kept, with the size and SHA-256 of the whole (a zip of
        blank members must not become gigabytes of blobs); ``kind`` names the reader that failed it."""
        raw = bytes(raw)
        sha = hashlib.sha256(raw).hexdigest()
        qid = hashlib.sha256("\x00".join([source, locator, code, sha]).encode()).hexdigest()[:16]
        self.db.execute("INSERT INTO quarantine (id, source, locator, code, message, raw, created_at, retried,"
                        " raw_size, raw_sha256, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        " ON CONFLICT (id) DO NOTHING",
                        (qid, source, locator, code, message, raw[:RAW_KEEP], _now(), False, len(raw), sha,
                         kind))  # fmt: skip
        return qid

    def _quarantine_row(self, r: tuple[Any, ...]) -> QuarantineRow:
        extra = (r[8], r[9], r[10]) if len(r) > 10 else (None, None, None)
        return QuarantineRow(str(r[0]), r[1], r[2], r[3], r[4], bytes(r[5] or b""), r[6], bool(r[7]),
                             int(extra[0]) if extra[0] is not None else None, extra[1], extra[2])  # fmt: skip

    def list_quarantine(self, code: str | None = None, limit: int = 100) -> list[QuarantineRow]:
        sql = "SELECT * FROM quarantine" + (" WHERE code = ?" if code else "") + " ORDER BY created_at, id LIMIT ?"
        params: list[Any] = [code] if code else []
        return [self._quarantine_row(r) for r in self.db.execute(sql, [*params, int(limit)])]

    def get_quarantine(self, qid: str) -> QuarantineRow | None:
        rows = self.db.execute("SELECT * FROM quarantine WHERE id = ?", (qid,))
        return self._quarantine_row(rows[0]) if rows else None

    def mark_retried(self, qid: str) -> None:
        self.db.execute("UPDATE quarantine SET retried = ? WHERE id = ?", (True, qid))

    def get_checkpoint(self, key: str) -> str | None:
        rows = self.db.execute("SELECT value FROM checkpoints WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_checkpoint(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO checkpoints VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                        " value = excluded.value,"
                        " updated_at = excluded.updated_at", (key, value, _now()))  # fmt: skip

    # -- reads --------------------------------------------------------------------------------
    def events(
        self, *, country: str | None = None, type: str | None = None, mode: str | None = None,
        since: dt.date | str | None = None, until: dt.date | str | None = None, actor: str | None = None,
        near: tuple[float, float, float] | None = None, text: str | None = None, limit: int = 100, offset: int = 0,
        min_confidence: float | None = None, sort: str | None = None,
    ) -> list[EventRow]:  # fmt: skip
        """Merged events matching every filter given; ``near`` is (lat, lon, km); ``text`` searches the
        folded evidence; ``actor`` is a code or a name, Arabic or English (:func:`marsad.names.actor_codes`);
        ``sort`` a key of :data:`marsad.store.queries.SORTS` (``-`` first: descending), newest first by default."""
        return queries.events(self.db, country=country, type=type, mode=mode, since=since, until=until, actor=actor,
                              near=near, text=text, limit=limit, offset=offset, min_confidence=min_confidence,
                              sort=sort)  # fmt: skip

    def event(self, event_id: str) -> EventDetail | None:
        return queries.event(self.db, event_id)

    def quotes(self, *, speaker: str | None = None, limit: int = 100, offset: int = 0) -> list[QuoteRow]:
        return queries.quotes(self.db, speaker=speaker, limit=limit, offset=offset)

    def relations(self, *, pair: tuple[str, str] | None = None, type: str | None = None,
                  since: dt.date | str | None = None, until: dt.date | str | None = None,
                  limit: int = 100, offset: int = 0) -> list[RelationRow]:  # fmt: skip
        return queries.relations(self.db, pair=pair, type=type, since=since, until=until, limit=limit, offset=offset)

    def cooperation_index(self, a: str, b: str) -> list[IndexPoint]:
        return queries.cooperation_index(self.db, a, b)

    def actors(self, *, limit: int = 100, offset: int = 0) -> list[ActorRow]:
        return queries.actors(self.db, limit=limit, offset=offset)

    def stats(self) -> dict[str, Any]:
        return queries.stats(self.db, self.schema_version())

    def article(self, article_id: str) -> dict[str, Any] | None:
        return queries.article(self.db, article_id)

    def articles(self, article_ids: list[str], *, whole: bool = True) -> dict[str, dict[str, Any]]:
        """The stored records of several articles by id, in two queries (unknown ids are left out);
        ``whole=False``: their metadata and store links only."""
        return queries.articles(self.db, article_ids, whole=whole)

    def table_rows(self, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and every row of one of :data:`~marsad.store.schema.TABLES` (for exports)."""
        from marsad.store.schema import TABLES

        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; one of {', '.join(TABLES)}")
        rows = self.db.query(f"SELECT * FROM {table} ORDER BY 1, 2")
        names = list(rows[0]) if rows else self._columns(table)
        return names, [tuple(r.values()) for r in rows]

    def _columns(self, table: str) -> list[str]:
        rows = self.db.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                               " AND table_schema = current_schema() ORDER BY ordinal_position", (table,))  # fmt: skip
        return [str(r[0]) for r in rows]

    def reader(self) -> SqlStore:
        """The same store over a connection of its own, for reads from another thread (the API's readers)."""
        return SqlStore(self.db.reader(), near_threshold=self.near_threshold, coref=self.coref,
                        batch_size=self.batch_size)  # fmt: skip

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def store_options(settings: Any) -> dict[str, Any]:
    """:func:`open_store` options from :class:`marsad.config.StoreSettings`."""
    coref = CorefSettings(
        date_tolerance_days=settings.date_tolerance_days, near_km=settings.near_km,
        continues_days=settings.continues_days, min_overlap=settings.min_overlap, same_wording=settings.same_wording,
    )  # fmt: skip
    return {"near_threshold": settings.near_duplicate_threshold, "coref": coref, "batch_size": settings.batch_size}


def open_store(url: str | Path = DEFAULT_DB, *, read_only: bool = False, **options: Any) -> SqlStore:
    """Open (and migrate) a store: a path or ``duckdb:///path`` → DuckDB, ``postgresql://…`` → PostgreSQL.

    ``options`` go to :class:`SqlStore` (``near_threshold``, ``coref``, ``batch_size``).
    """
    text = str(url)
    db: Db
    if text.startswith(("postgresql://", "postgres://")):
        db = PostgresDb(text, read_only=read_only)
    else:
        path = Path(text.removeprefix("duckdb://")) if text.startswith("duckdb://") else Path(text)
        if path.is_dir():
            path = path / DEFAULT_DB
        db = DuckDb(path, read_only=read_only)
    store = SqlStore(db, **options)
    if not read_only:
        store.migrate()
    return store
