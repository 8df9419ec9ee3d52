"""The dashboard's table and first-screen reads: the filtered events in the table's order (the store's sort keys),
optionally only those the map cannot show, each listed event's first source, and the header figures — all over
the store's own event filters, so every number counts exactly the events the list and the map show."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marsad.api import sql
from marsad.api.core import EventFilters
from marsad.describe import describe_fields
from marsad.store.queries import order_by
from marsad.store.rows import Figures
from marsad.store.views import figures

__all__ = ["COLUMNS", "headline", "sources", "table"]

#: the table's sortable columns → the store's sort key (descending first: newest, deadliest, best)
COLUMNS: dict[str, str] = {"date": "-date", "published": "-published", "killed": "-killed", "reports": "-reports",
                           "confidence": "-confidence"}  # fmt: skip


def headline(db: Any, f: EventFilters) -> Figures:
    """Events, fatalities, injured, located and unlocated events and the date span of the events matching ``f``."""
    return figures(db, **f.as_kwargs())


def sources(db: Any, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Each event's first report: article id, source name, original URL and publication date."""
    if not event_ids:
        return {}
    marks = ", ".join("?" for _ in event_ids)
    rows = db.query(
        "SELECT m.event_id, a.id AS article_id, a.source, a.url, a.published, a.title"
        " FROM event_mentions m JOIN articles a ON a.id = m.article_id"
        f" WHERE m.event_id IN ({marks}) ORDER BY a.published NULLS LAST, a.id", list(event_ids))  # fmt: skip
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        out.setdefault(str(r["event_id"]), r)
    return out


def table(db: Any, f: EventFilters, *, sort: str | None = None, unlocated: bool = False, limit: int = 50,
          offset: int = 0) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
    """The matching events in ``sort`` order (a store sort key such as ``-killed``; ``ValueError`` if unknown),
    only those without coordinates when ``unlocated`` (the ones the map cannot show), and how many match."""
    order = order_by(sort)
    where, params = sql.event_where(f)
    if unlocated:
        where = (where + " AND" if where else " WHERE") + " (lat IS NULL OR lon IS NULL)"
    total = int(db.execute("SELECT COUNT(*) FROM events" + where, params)[0][0])
    rows = db.query(f"SELECT * FROM events{where}{order} LIMIT ? OFFSET ?", [*params, int(limit), int(offset)])
    for r in rows:  # the one-line description the API serves, in both languages
        r["description_ar"], r["description_en"] = describe_fields(r, "ar"), describe_fields(r, "en")
    return rows, total
