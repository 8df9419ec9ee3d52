"""The writer's in-memory view of what coreference reads: articles' hashes, events and their mentions.

Loaded from the database once per store instance (lazily, on the first write, like the near-duplicate
LSH index; again when another process wrote to the same PostgreSQL store: see ``SqlStore._lock_writes``),
kept current by the writer, and written back in bulk at the end of each batch: new rows
as multi-row inserts, changed events deleted and re-inserted, moved mentions updated. The database
stays the one source of truth: after a failed batch the store drops this view and reloads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from marsad.store.coref import content_words
from marsad.store.db import Db
from marsad.store.records_sql import EVENT_FIELDS, MENTION_COLUMNS

__all__ = ["EVENT_COLUMNS", "WriteState"]

#: Every column of ``events``, in the order :meth:`WriteState.flush` inserts them.
EVENT_COLUMNS = ("id", *EVENT_FIELDS, "confidence", "n_mentions", "n_reports", "first_published", "day_min",
                 "day_max", "merge", "continues", "created_at", "updated_at")  # fmt: skip
_CHUNK = 500


class WriteState:
    """Articles by hash and id, events by id and type, mentions by event and by article; pending writes."""

    def __init__(self) -> None:
        self.by_hash: dict[str, tuple[str, str | None]] = {}
        self.cluster_of: dict[str, str | None] = {}
        self.events: dict[str, dict[str, Any]] = {}
        self.by_type: dict[str, dict[str, dict[str, Any]]] = {}
        #: type → day (ordinal of the date, else of the first publication) → event ids: the date window's index
        self._by_day: dict[str, dict[int, set[str]]] = {}
        self.mentions_by_event: dict[str, list[dict[str, Any]]] = {}
        self.mentions_by_article: dict[str, list[dict[str, Any]]] = {}
        self._stored_events: set[str] = set()
        self._stored_mentions: set[tuple[str, str]] = set()
        self._dirty_events: set[str] = set()
        self._new_mentions: list[dict[str, Any]] = []
        self._moved_mentions: dict[tuple[str, str], dict[str, Any]] = {}
        self.pending: dict[str, list[tuple[Any, ...]]] = {}
        self._words: dict[str, frozenset[str]] = {}

    @classmethod
    def load(cls, db: Db) -> WriteState:
        state = cls()
        for art_id, chash, cluster in db.execute("SELECT id, content_hash, cluster_id FROM articles"):
            state.by_hash[str(chash)] = (str(art_id), cluster)
            state.cluster_of[str(art_id)] = cluster
        for row in db.query("SELECT * FROM events"):
            state._put_event(row)
            state._stored_events.add(row["id"])
        for row in db.query("SELECT * FROM event_mentions"):
            state._index_mention(row)
            state._stored_mentions.add((row["article_id"], row["local_id"]))
        return state

    # -- articles ---------------------------------------------------------------------------------
    def find_article(self, chash: str) -> tuple[str, str | None] | None:
        """The id and cluster of the article stored with this content hash (same content, same article)."""
        return self.by_hash.get(chash)

    def add_article(self, art_id: str, chash: str, cluster: str) -> None:
        self.by_hash[chash] = (art_id, cluster)
        self.cluster_of[art_id] = cluster

    def queue(self, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
        self.pending.setdefault(table, []).extend(rows)

    # -- events -----------------------------------------------------------------------------------
    @staticmethod
    def _day(row: dict[str, Any]) -> int | None:
        when = row["date_value"] if row["date_value"] is not None else row["first_published"]
        return when.toordinal() if isinstance(when, dt.date) else None

    def _unindex(self, row: dict[str, Any]) -> None:
        day = self._day(row)
        if day is not None:
            ids = self._by_day.get(row["type"], {}).get(day)
            if ids is not None:
                ids.discard(row["id"])

    def _put_event(self, row: dict[str, Any]) -> None:
        old = self.events.get(row["id"])
        if old is not None:
            self._unindex(old)
            if old["type"] != row["type"]:
                self.by_type[old["type"]].pop(row["id"], None)
        self.events[row["id"]] = row
        self.by_type.setdefault(row["type"], {})[row["id"]] = row
        day = self._day(row)
        if day is not None:
            self._by_day.setdefault(row["type"], {}).setdefault(day, set()).add(row["id"])

    def events_dated(self, type_: str, lo: dt.date, hi: dt.date) -> list[dict[str, Any]]:
        """Events of ``type_`` whose date, else first publication, falls in [lo, hi]: a superset of the
        writer's date window, found through the day index instead of a scan of every event of the type."""
        days = self._by_day.get(type_, {})
        first, last = lo.toordinal(), hi.toordinal()
        if last - first + 1 > len(days):  # fewer days with events than days in the window: walk those
            found = [e for day, ids in days.items() if first <= day <= last for e in ids]
        else:
            found = [e for day in range(first, last + 1) for e in days.get(day, ())]
        return [self.events[e] for e in found]

    def set_event(self, row: dict[str, Any]) -> None:
        """Insert or replace an event row (always a new dict: rows handed out earlier stay as they were)."""
        self._put_event(row)
        self._dirty_events.add(row["id"])

    def delete_event(self, event_id: str) -> None:
        row = self.events.pop(event_id, None)
        if row is not None:
            self._unindex(row)
            self.by_type[row["type"]].pop(event_id, None)
        self._dirty_events.add(event_id)

    def repoint_continues(self, old: str, new: str) -> None:
        """``UPDATE events SET continues = new WHERE continues = old``."""
        for row in [r for r in self.events.values() if r["continues"] == old]:
            self.set_event({**row, "continues": new})

    # -- mentions ---------------------------------------------------------------------------------
    def _index_mention(self, row: dict[str, Any]) -> None:
        self.mentions_by_event.setdefault(row["event_id"], []).append(row)
        self.mentions_by_article.setdefault(row["article_id"], []).append(row)

    def add_mention(self, row: dict[str, Any]) -> None:
        self._index_mention(row)
        self._new_mentions.append(row)

    def move_mentions(self, drop: str, keep: str, merge: str) -> None:
        """``UPDATE event_mentions SET event_id = keep, merge = … WHERE event_id = drop``."""
        moved = self.mentions_by_event.pop(drop, [])
        for row in moved:
            row["event_id"], row["merge"] = keep, merge
            key = (row["article_id"], row["local_id"])
            if key in self._stored_mentions:
                self._moved_mentions[key] = row
        if moved:
            self.mentions_by_event.setdefault(keep, []).extend(moved)

    def mentions_of(self, event_id: str) -> list[dict[str, Any]]:
        """An event's mentions ordered by (article id, local id)."""
        return sorted(self.mentions_by_event.get(event_id, []), key=lambda r: (r["article_id"], r["local_id"]))

    def words(self, norm: str) -> frozenset[str]:
        """:func:`~marsad.store.coref.content_words` of a folded evidence text, computed once."""
        found = self._words.get(norm)
        if found is None:
            found = self._words[norm] = content_words(norm)
        return found

    # -- write back -------------------------------------------------------------------------------
    def flush(self, db: Db, columns: dict[str, tuple[str, ...]]) -> None:
        """Write the pending rows (``columns``: table → column names of the queued tuples)."""
        for table, rows in self.pending.items():
            _insert(db, table, columns[table], rows)
        new = [tuple(r[c] for c in MENTION_COLUMNS) for r in self._new_mentions]
        _insert(db, "event_mentions", MENTION_COLUMNS, new)
        if self._moved_mentions:
            moved = [(r["event_id"], r["merge"], a, lo) for (a, lo), r in self._moved_mentions.items()]
            db.executemany("UPDATE event_mentions SET event_id = ?, merge = ? WHERE article_id = ? AND local_id = ?",
                           moved)  # fmt: skip
        gone = sorted(self._dirty_events & self._stored_events)
        for i in range(0, len(gone), _CHUNK):
            part = gone[i : i + _CHUNK]
            db.execute(f"DELETE FROM events WHERE id IN ({', '.join('?' * len(part))})", part)
        live = [self.events[e] for e in sorted(self._dirty_events) if e in self.events]
        _insert(db, "events", EVENT_COLUMNS, [tuple(r[c] for c in EVENT_COLUMNS) for r in live])
        self._stored_events -= self._dirty_events
        self._stored_events |= {r["id"] for r in live}
        self._stored_mentions |= {(r["article_id"], r["local_id"]) for r in self._new_mentions}
        self._dirty_events.clear()
        self._new_mentions.clear()
        self._moved_mentions.clear()
        self.pending.clear()


def _insert(db: Db, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if rows:
        db.insert_many(table, columns, rows)
