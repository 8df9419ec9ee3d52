"""Aggregates of the filtered events for the dashboard's views: the timeline at a chosen granularity and
the header figures. Parameterised SQL, valid in DuckDB and PostgreSQL alike; the filters are the event
list's own (:func:`marsad.store.queries.event_where`), so every figure matches the list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.store.db import Db
from marsad.store.queries import event_where
from marsad.store.rows import Figures, TimelinePoint

__all__ = ["GRANULARITIES", "figures", "timeline"]

GRANULARITIES = ("day", "week", "month")


def _day(value: Any) -> str:
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()[:10]


def timeline(db: Db, granularity: str = "month", **filters: Any) -> list[TimelinePoint]:
    """Events and fatalities per period of their date (``day``, ``week`` from Monday, ``month``) and per
    type; undated events are left out."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity: one of {', '.join(GRANULARITIES)}, got {granularity[:20]!r}")
    where, params = event_where(**filters)
    where = (where + " AND" if where else " WHERE") + " date_value IS NOT NULL"
    rows = db.execute(f"SELECT date_trunc('{granularity}', date_value) AS p, type, COUNT(*), SUM(COALESCE(killed, 0))"
                      f" FROM events{where} GROUP BY p, type ORDER BY p, type", params)  # fmt: skip
    return [TimelinePoint(_day(p), _day(p)[:7], str(t), int(n), int(k or 0)) for p, t, n, k in rows]


def figures(db: Db, **filters: Any) -> Figures:
    """How many events match the filters, their killed, injured and reports, how many are on the map, and
    the span of their dates."""
    where, params = event_where(**filters)
    row = db.execute("SELECT COUNT(*), SUM(COALESCE(killed, 0)), SUM(COALESCE(injured, 0)), SUM(n_reports),"
                     " SUM(CASE WHEN lat IS NOT NULL AND lon IS NOT NULL THEN 1 ELSE 0 END), MIN(date_value),"
                     " MAX(date_value) FROM events" + where, params)[0]  # fmt: skip
    n, killed, injured, reports, located, first, last = row
    return Figures(int(n), int(killed or 0), int(injured or 0), int(reports or 0), int(located or 0),
                   int(n) - int(located or 0), first, last)  # fmt: skip
