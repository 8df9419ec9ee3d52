"""Read queries the dashboard needs that the store does not offer (counts, aggregates, lists).

Parameterised SQL only, valid in DuckDB and PostgreSQL alike. Event filters are the store's own
(:func:`marsad.store.queries.event_where`), so totals match the pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.api.core import EventFilters
from marsad.api.models import ArticleSummary, Dyad, Entity
from marsad.describe import describe_fields
from marsad.names import actor_codes
from marsad.store.queries import event_where as store_event_where
from marsad.store.queries import like_pattern as like
from marsad.store.queries import quote_where, relation_where

__all__ = [
    "articles", "count", "count_events", "count_quotes", "count_relations", "dyads", "entities", "event_countries",
    "event_where", "geo_events", "relation_filter",
]  # fmt: skip

_NOT_COPY = "article_id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)"


def event_where(f: EventFilters) -> tuple[str, list[Any]]:
    """`` WHERE …`` (or ``""``) and its parameters for the events table: the store's own filters."""
    return store_event_where(**f.as_kwargs())


def count(db: Any, sql: str, params: list[Any]) -> int:
    return int(db.execute(f"SELECT COUNT(*) FROM ({sql}) t", params)[0][0])


def count_events(db: Any, f: EventFilters) -> int:
    where, params = event_where(f)
    return int(db.execute("SELECT COUNT(*) FROM events" + where, params)[0][0])


_GEO_COLS = ("id, type, mode, status, actor_code, actor_name, recipient_code, recipient_name, place_name,"
             " place_name_ar, country, place_precision, lat, lon, date_value, date_precision, people, killed, injured,"
             " n_reports, confidence")  # fmt: skip


def geo_events(db: Any, f: EventFilters, limit: int) -> tuple[list[dict[str, Any]], int]:
    """GeoJSON features of located events (newest first, at most ``limit``) and how many match."""
    where, params = event_where(f)
    where = (where + " AND" if where else " WHERE") + " lat IS NOT NULL AND lon IS NOT NULL"
    total = int(db.execute("SELECT COUNT(*) FROM events" + where, params)[0][0])
    rows = db.query(f"SELECT {_GEO_COLS} FROM events{where}"
                    " ORDER BY date_value DESC NULLS LAST, n_reports DESC, id LIMIT ?", [*params, limit])  # fmt: skip
    features = []
    for r in rows:
        props = {k: v for k, v in r.items() if k not in {"lat", "lon", "id"} and v is not None}
        props["description_ar"] = describe_fields(r, "ar")
        props["description_en"] = describe_fields(r, "en")
        props["date_value"] = r["date_value"].isoformat() if r["date_value"] else None
        props["confidence"] = round(float(r["confidence"]), 3)
        point = [round(float(r["lon"]), 5), round(float(r["lat"]), 5)]
        features.append({"type": "Feature", "id": r["id"], "properties": props,
                         "geometry": {"type": "Point", "coordinates": point}})  # fmt: skip
    return features, total


def relation_filter(f: EventFilters) -> tuple[list[str], list[Any]]:
    """The event filters that apply to statements about relations, as conditions on the relations table:
    the dates (of publication), the type, the country (one side of the pair), the actor (either side,
    by any of its names) and the confidence floor. Mode, place and words have no meaning there."""
    where: list[str] = [_NOT_COPY]
    params: list[Any] = []
    for cond, value in (("published >= ?", f.since), ("published <= ?", f.until), ("type = ?", f.type),
                        ("confidence >= ?", f.min_confidence)):  # fmt: skip
        if value is not None:
            where.append(cond)
            params.append(value)
    if f.country:
        where.append("(a = ? OR b = ?)")
        params += [f.country, f.country]
    if f.actor:
        codes = list(actor_codes(f.actor))
        marks = ", ".join("?" * len(codes))
        where.append(f"(a IN ({marks}) OR b IN ({marks}))")
        params += [*codes, *codes]
    return where, params


def dyads(db: Any, f: EventFilters) -> list[Dyad]:
    """Every unordered pair of states with statements about their relations (copies counted once) under
    the filters (:func:`relation_filter`): with a country, every partner of that country."""
    where, params = relation_filter(f)
    rows = db.execute(
        "SELECT LEAST(a, b) AS x, GREATEST(a, b) AS y, COUNT(*), SUM(CASE WHEN polarity > 0 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN polarity < 0 THEN 1 ELSE 0 END), SUM(polarity * confidence), SUM(confidence), MAX(published)"
        " FROM relations WHERE " + " AND ".join(where) + " GROUP BY x, y ORDER BY COUNT(*) DESC, x, y", params)
    out = []
    for a, b, n, pos, neg, num, den, last in rows:
        index = round(float(num) / float(den), 4) if den else 0.0
        out.append(Dyad(a=a, b=b, n=int(n), n_positive=int(pos or 0), n_negative=int(neg or 0), index=index, last=last))
    return out


def entities(db: Any, q: str | None, kind: str | None, limit: int, offset: int) -> tuple[list[Entity], int]:
    where: list[str] = ["canonical_id IS NOT NULL"]
    params: list[Any] = []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if q:
        where.append("(name_ar LIKE ? ESCAPE '\\' OR name_en ILIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\'"
                     " OR canonical_id = ?)")  # fmt: skip
        params += [like(q), like(q), like(q), q]
    sql = ("SELECT canonical_id, MAX(name_ar) AS name_ar, MAX(name_en) AS name_en, MAX(kind) AS kind,"
           " MAX(country) AS country, COUNT(*) AS n_mentions, COUNT(DISTINCT article_id) AS n_articles"
           " FROM entities WHERE " + " AND ".join(where) + " GROUP BY canonical_id")  # fmt: skip
    total = count(db, sql, params)
    rows = db.query(sql + " ORDER BY n_mentions DESC, canonical_id LIMIT ? OFFSET ?", [*params, limit, offset])
    return [Entity(**r) for r in rows], total


def articles(db: Any, q: str | None, source: str | None, since: dt.date | None, until: dt.date | None,
             limit: int, offset: int) -> tuple[list[ArticleSummary], int]:  # fmt: skip
    where: list[str] = []
    params: list[Any] = []
    if q:
        where.append("(title ILIKE ? ESCAPE '\\' OR id = ?)")
        params += [like(q), q]
    if source:
        where.append("source = ?")
        params.append(source)
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("published <= ?")
        params.append(until)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(db.execute("SELECT COUNT(*) FROM articles" + clause, params)[0][0])
    rows = db.query(
        "SELECT a.id, a.title, a.source, a.url, a.published, a.cluster_id, a.duplicate_of,"
        " COALESCE(m.n, 0) AS n_events FROM (SELECT id, title, source, url, published, cluster_id, duplicate_of"
        " FROM articles" + clause + " ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?) a"
        " LEFT JOIN (SELECT article_id, COUNT(*) AS n FROM event_mentions GROUP BY article_id) m"
        " ON m.article_id = a.id ORDER BY a.published DESC NULLS LAST, a.id", [*params, limit, offset])  # fmt: skip
    return [ArticleSummary(**r) for r in rows], total


def event_countries(db: Any) -> list[tuple[str, int]]:
    rows = db.execute("SELECT country, COUNT(*) FROM events WHERE country IS NOT NULL GROUP BY country"
                      " ORDER BY COUNT(*) DESC, country")  # fmt: skip
    return [(str(c), int(n)) for c, n in rows]


def count_quotes(db: Any, speaker: str | None) -> int:
    where, params = quote_where(speaker)
    return int(db.execute("SELECT COUNT(*) FROM quotes" + where, params)[0][0])


def count_relations(db: Any, pair: tuple[str, str] | None, type_: str | None, since: dt.date | None,
                    until: dt.date | None) -> int:  # fmt: skip
    where, params = relation_where(pair, type_, since, until)
    return int(db.execute("SELECT COUNT(*) FROM relations" + where, params)[0][0])
