"""Aggregates of the filtered events for the dashboard's views: the timeline at a chosen granularity, the
header figures, the outlets reporting them, and an actor's or a country's statements and cooperation.
Parameterised SQL, valid in DuckDB and PostgreSQL alike; the filters are the event list's own
(:func:`marsad.store.queries.event_where`), so every figure matches the list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from marsad.store.db import Db
from marsad.store.queries import event_where, monthly_index
from marsad.store.rows import Figures, IndexPoint, QuoteRow, SourceRow, TimelinePoint

__all__ = ["GRANULARITIES", "cooperation_of", "figures", "quotes_by", "sources", "timeline"]

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


def quotes_by(db: Db, codes: Sequence[str], limit: int = 20) -> list[QuoteRow]:
    """The latest statements whose speaker is one of ``codes`` (a state's officials are its agencies)."""
    if not codes:
        return []
    marks = ", ".join("?" * len(codes))
    rows = db.query("SELECT article_id, local_id, speaker, speaker_entity, speaker_code, cue, kind, evidence_text,"
                    " evidence_start, evidence_end, confidence, published, source FROM quotes"
                    f" WHERE speaker_code IN ({marks}) ORDER BY published DESC NULLS LAST, article_id, local_id"
                    " LIMIT ?", [*codes, int(limit)])  # fmt: skip
    return [QuoteRow(**r) for r in rows]


def cooperation_of(db: Db, codes: Sequence[str]) -> list[IndexPoint]:
    """Per month: Σ polarity·confidence / Σ confidence over every statement about relations with one of
    ``codes`` on either side, whoever the partner (copies counted once)."""
    if not codes:
        return []
    marks = ", ".join("?" * len(codes))
    return monthly_index(db, f"a IN ({marks}) OR b IN ({marks})", [*codes, *codes])


def sources(db: Db, limit: int = 100, **filters: Any) -> list[SourceRow]:
    """The outlets whose articles report the filtered events: how many articles and events, when, and one
    article's link to open."""
    where, params = event_where(**filters)
    rows = db.query(
        "SELECT a.source, COUNT(DISTINCT a.id) AS n_articles, COUNT(DISTINCT m.event_id) AS n_events,"
        " MIN(a.published) AS first_published, MAX(a.published) AS last_published, MAX(a.url) AS example_url"
        " FROM event_mentions m JOIN articles a ON a.id = m.article_id"
        f" WHERE m.event_id IN (SELECT id FROM events{where}) AND a.source IS NOT NULL"
        " GROUP BY a.source ORDER BY n_events DESC, a.source LIMIT ?", [*params, int(limit)])  # fmt: skip
    return [SourceRow(**r) for r in rows]
