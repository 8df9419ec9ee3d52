"""The dashboard's own read queries: header figures for the current filter, each listed event's first source,
the events left off the map. Parameterised SQL over the store's event filters (the API's ``event_where``),
so every figure counts exactly the events the list and the map show."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marsad.api import sql
from marsad.api.core import EventFilters
from marsad.describe import describe_fields

__all__ = ["SORTS", "headline", "sources", "table"]

#: the table's sort keys → ORDER BY (a fixed list: the URL never reaches the SQL text)
SORTS: dict[str, str] = {
    "date": "date_value DESC NULLS LAST, n_reports DESC, id",
    "date_asc": "date_value ASC NULLS LAST, n_reports DESC, id",
    "killed": "killed DESC NULLS LAST, date_value DESC NULLS LAST, id",
    "reports": "n_reports DESC, date_value DESC NULLS LAST, id",
    "confidence": "confidence DESC, date_value DESC NULLS LAST, id",
    "published": "first_published DESC NULLS LAST, date_value DESC NULLS LAST, id",
}


def headline(db: Any, f: EventFilters, min_confidence: float | None = None) -> dict[str, Any]:
    """Events, fatalities, injured, located events and the date span of the events matching ``f``."""
    where, params = _where(f, min_confidence, False)
    row = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(killed), 0), COALESCE(SUM(injured), 0),"
        " COUNT(*) FILTER (WHERE lat IS NOT NULL AND lon IS NOT NULL), MIN(date_value), MAX(date_value)"
        " FROM events" + where, params)[0]  # fmt: skip
    events, killed, injured, located, first, last = row
    return {"events": int(events), "killed": int(killed), "injured": int(injured), "located": int(located),
            "unlocated": int(events) - int(located), "first": first, "last": last}  # fmt: skip


def sources(db: Any, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Each event's first report: article id, source name, original URL and publication date."""
    if not event_ids:
        return {}
    marks = ", ".join("?" for _ in event_ids)
    rows = db.query(
        "SELECT m.event_id, a.id AS article_id, a.source, a.url, a.published, a.title,"
        " (SELECT COUNT(DISTINCT m2.article_id) FROM event_mentions m2 WHERE m2.event_id = m.event_id) AS n_articles"
        " FROM event_mentions m JOIN articles a ON a.id = m.article_id"
        f" WHERE m.event_id IN ({marks}) ORDER BY a.published NULLS LAST, a.id", list(event_ids))  # fmt: skip
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        out.setdefault(str(r["event_id"]), r)
    return out


def _where(f: EventFilters, min_confidence: float | None, unlocated: bool) -> tuple[str, list[Any]]:
    where, params = sql.event_where(f)
    extra = []
    if min_confidence:
        extra.append("confidence >= ?")
        params = [*params, float(min_confidence)]
    if unlocated:
        extra.append("(lat IS NULL OR lon IS NULL)")
    if extra:
        where = (where + " AND " if where else " WHERE ") + " AND ".join(extra)
    return where, params


def table(db: Any, f: EventFilters, *, sort: str = "date", min_confidence: float | None = None, unlocated: bool = False,
          limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
    """The matching events in the table's order (a key of :data:`SORTS`), at or above ``min_confidence``, only those
    without coordinates when ``unlocated`` (the ones the map cannot show), and how many match."""
    where, params = _where(f, min_confidence, unlocated)
    total = int(db.execute("SELECT COUNT(*) FROM events" + where, params)[0][0])
    order = SORTS.get(sort, SORTS["date"])
    rows = db.query(f"SELECT * FROM events{where} ORDER BY {order} LIMIT ? OFFSET ?",
                    [*params, int(limit), int(offset)])  # fmt: skip
    for r in rows:  # the one-line description the API serves, in both languages
        r["description_ar"], r["description_en"] = describe_fields(r, "ar"), describe_fields(r, "en")
    return rows, total
