"""Delivery state of fired alerts, in the store's ``alert_deliveries`` table (schema migration 3).

An alert is written for every channel (``pending``) in one transaction before anything is sent, and each row is
marked ``delivered`` as soon as its channel accepted it; a ``dashboard`` row is delivered at once (it *is* the
dashboard's list). So a restart, even after ``kill -9``, finds what is still to send and never sends what was
marked. Parameterised SQL only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from marsad.store.db import Db

__all__ = ["DASHBOARD", "Pending", "fired", "known", "mark", "pending", "record_alerts"]

DASHBOARD = "dashboard"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class Pending:
    alert_id: str
    channel: str
    payload: dict[str, Any]
    attempts: int


def record_alerts(db: Db, alerts: Sequence[dict[str, Any]], channels: Sequence[str]) -> int:
    """Store the alerts not stored yet, one row per channel plus the dashboard's; returns how many were new."""
    now, new = _now(), 0
    db.begin()
    try:
        for alert in alerts:
            if db.execute("SELECT 1 FROM alert_deliveries WHERE alert_id = ? LIMIT 1", (alert["id"],)):
                continue
            new += 1
            text = json.dumps(alert, ensure_ascii=False, sort_keys=True)
            for channel in (DASHBOARD, *channels):
                status = "delivered" if channel == DASHBOARD else "pending"
                db.execute("INSERT INTO alert_deliveries (alert_id, channel, watch, subject, payload, status,"
                           " attempts, last_error, created_at, updated_at, delivered_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?)"
                           " ON CONFLICT (alert_id, channel) DO NOTHING",
                           (alert["id"], channel, alert["watch"], alert["subject"], text, status, now, now,
                            now if channel == DASHBOARD else None))  # fmt: skip
        db.commit()
    except Exception:
        db.rollback()
        raise
    return new


def known(db: Db, alert_ids: Sequence[str]) -> set[str]:
    """Those of ``alert_ids`` already recorded (fired before): their payloads need not be built again."""
    out: set[str] = set()
    for i in range(0, len(alert_ids), 500):
        chunk = list(alert_ids[i:i + 500])
        marks = ", ".join("?" for _ in chunk)
        rows = db.execute(f"SELECT DISTINCT alert_id FROM alert_deliveries WHERE alert_id IN ({marks})", chunk)
        out |= {str(r[0]) for r in rows}
    return out


def pending(db: Db, channels: Sequence[str]) -> list[Pending]:
    """Rows still to send on ``channels``, oldest first."""
    if not channels:
        return []
    marks = ", ".join("?" for _ in channels)
    rows = db.execute(f"SELECT alert_id, channel, payload, attempts FROM alert_deliveries WHERE status = 'pending'"
                      f" AND channel IN ({marks}) ORDER BY created_at, alert_id, channel", list(channels))  # fmt: skip
    return [Pending(str(a), str(c), json.loads(p), int(n)) for a, c, p, n in rows]


def mark(db: Db, alert_id: str, channel: str, status: str, error: str | None = None) -> None:
    """Record the outcome of one try: ``delivered``, ``pending`` (to retry) or ``failed`` (given up)."""
    now = _now()
    db.execute("UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, last_error = ?, updated_at = ?,"
               " delivered_at = ? WHERE alert_id = ? AND channel = ?",
               (status, error, now, now if status == "delivered" else None, alert_id, channel))  # fmt: skip


def fired(db: Db, *, limit: int = 100, offset: int = 0, watch: str | None = None) -> list[dict[str, Any]]:
    """The fired alerts (the dashboard's list), newest first, each with its delivery status per channel."""
    if not db.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'alert_deliveries'"
                      " AND table_schema = current_schema()"):
        return []  # a store made before alerts, opened read-only (not migrated): nothing fired yet
    where, params = ("WHERE d.watch = ?", [watch]) if watch else ("", [])
    rows = db.execute(f"SELECT d.alert_id, d.payload, d.created_at FROM alert_deliveries d {where}"
                      f"{' AND' if where else ' WHERE'} d.channel = ? ORDER BY d.created_at DESC, d.alert_id"
                      " LIMIT ? OFFSET ?", [*params, DASHBOARD, int(limit), int(offset)])  # fmt: skip
    if not rows:
        return []
    ids = [str(r[0]) for r in rows]
    marks = ", ".join("?" for _ in ids)
    status: dict[str, dict[str, Any]] = {}
    for alert_id, channel, state, attempts, error in db.execute(
            f"SELECT alert_id, channel, status, attempts, last_error FROM alert_deliveries WHERE alert_id IN ({marks})"
            " AND channel <> ? ORDER BY channel", [*ids, DASHBOARD]):  # fmt: skip
        status.setdefault(str(alert_id), {})[str(channel)] = {"status": state, "attempts": int(attempts),
                                                               "error": error}  # fmt: skip
    out = []
    for alert_id, payload, created in rows:
        alert = json.loads(payload)
        alert["fired_at"] = created.isoformat() if isinstance(created, dt.datetime) else str(created)
        alert["deliveries"] = status.get(str(alert_id), {})
        out.append(alert)
    return out
