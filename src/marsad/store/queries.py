"""Read queries over the store, shared by both backends (parameterised SQL only)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from marsad.describe import describe_fields
from marsad.names import actor_codes
from marsad.store.db import Db
from marsad.store.rows import (
    ActorRow,
    EventDetail,
    EventRow,
    IndexPoint,
    MentionRow,
    QuoteRow,
    RelationRow,
)
from marsad.store.schema import TABLES
from marsad.text.fold import fold

__all__ = [
    "DEFAULT_SORT", "SORTS", "actors", "article", "articles", "cooperation_index", "event", "event_where", "events",
    "monthly_index", "order_by",
    "quotes", "relations", "stats",
]  # fmt: skip

_EVENT_ROW_FIELDS = [f.name for f in dataclasses.fields(EventRow)]
_MENTION_FIELDS = [f.name for f in dataclasses.fields(MentionRow)]
_HAVERSINE = ("2 * 6371.0 * asin(sqrt(power(sin(radians(lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(lat))"
              " * power(sin(radians(lon - ?) / 2), 2)))")  # fmt: skip


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` literally anywhere (``%``, ``_`` and ``\\`` escaped)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _event_row(row: dict[str, Any]) -> EventRow:
    values: dict[str, Any] = {k: row.get(k) for k in _EVENT_ROW_FIELDS}
    values["confidence"] = float(values["confidence"] or 0.0)
    values["corrected"] = tuple(json.loads(row["corrected"])) if row.get("corrected") else ()
    values["description_ar"] = describe_fields(values, "ar")
    values["description_en"] = describe_fields(values, "en")
    return EventRow(**values)


#: the orders of an event list: a column, ascending, or ``-`` before it, descending; nulls last, then id
SORTS: dict[str, str] = {
    "date": "date_value", "published": "first_published", "confidence": "confidence", "killed": "killed",
    "injured": "injured", "people": "people", "reports": "n_reports", "mentions": "n_mentions", "country": "country",
    "type": "type",
}  # fmt: skip
DEFAULT_SORT = "-date"


def order_by(sort: str | None = None) -> str:
    """`` ORDER BY …`` for ``sort`` (a key of :data:`SORTS`, ``-`` first for descending); ``ValueError`` else."""
    key = sort or DEFAULT_SORT
    column = SORTS.get(key.removeprefix("-"))
    if column is None:
        raise ValueError(f"sort: one of {', '.join(SORTS)}, '-' before it for descending; got {key[:40]!r}")
    way = "DESC" if key.startswith("-") else "ASC"
    tie = ", n_reports DESC" if column == "date_value" else ""
    return f" ORDER BY {column} {way} NULLS LAST{tie}, id"


def _actor_clause(actor: str) -> tuple[str, list[Any]]:
    """Events whose actor or recipient is one the filter names (:func:`marsad.names.actor_codes`), or whose
    stored name holds the filter's words."""
    codes = list(actor_codes(actor))
    marks = ", ".join("?" * len(codes))
    clause = (f"(actor_code IN ({marks}) OR recipient_code IN ({marks}) OR actor_name ILIKE ? ESCAPE '\\'"
              " OR recipient_name ILIKE ? ESCAPE '\\')")  # fmt: skip
    return clause, [*codes, *codes, like_pattern(actor), like_pattern(actor)]


def event_where(*, country: str | None = None, type: str | None = None, mode: str | None = None,
                since: dt.date | str | None = None, until: dt.date | str | None = None, actor: str | None = None,
                near: tuple[float, float, float] | None = None, text: str | None = None,
                min_confidence: float | None = None) -> tuple[str, list[Any]]:  # fmt: skip
    """The ``WHERE …`` clause (or ``""``) and its parameters for the event filters (parameterised SQL)."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("country", country), ("type", type), ("mode", mode)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if since:
        where.append("date_value >= ?")
        params.append(_as_date(since))
    if until:
        where.append("date_value <= ?")
        params.append(_as_date(until))
    if actor:
        clause, values = _actor_clause(actor)
        where.append(clause)
        params += values
    if min_confidence is not None:
        where.append("confidence >= ?")
        params.append(float(min_confidence))
    if near is not None:
        lat, lon, km = near
        where.append(f"lat IS NOT NULL AND lon IS NOT NULL AND {_HAVERSINE} <= ?")
        params += [lat, lat, lon, km]
    if text:
        where.append("id IN (SELECT event_id FROM event_mentions WHERE evidence_norm LIKE ? ESCAPE '\\')")
        params.append(like_pattern(fold(text)))
    return (" WHERE " + " AND ".join(where) if where else ""), params


def events(db: Db, *, limit: int = 100, offset: int = 0, sort: str | None = None, **filters: Any) -> list[EventRow]:
    """Merged events matching every given filter (see :func:`event_where`), newest first or by ``sort``."""
    where, params = event_where(**filters)
    sql = "SELECT * FROM events" + where + order_by(sort) + " LIMIT ? OFFSET ?"
    return [_event_row(r) for r in db.query(sql, [*params, int(limit), int(offset)])]


def count_events(db: Db, **filters: Any) -> int:
    """How many merged events match the filters of :func:`events`."""
    where, params = event_where(**filters)
    return int(db.query("SELECT COUNT(*) AS n FROM events" + where, params)[0]["n"])


def event(db: Db, event_id: str) -> EventDetail | None:
    """One event with every mention, its evidence and the source article."""
    rows = db.query("SELECT * FROM events WHERE id = ?", (event_id,))
    if not rows:
        return None
    mentions = db.query(
        "SELECT m.*, a.source, a.url, a.title FROM event_mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE m.event_id = ? ORDER BY m.published NULLS LAST, m.article_id, m.local_id", (event_id,))  # fmt: skip
    out = []
    for m in mentions:
        values: dict[str, Any] = {k: m.get(k) for k in _MENTION_FIELDS}
        values["merge"] = json.loads(m["merge"]) if m.get("merge") else None
        values["from_duplicate"] = bool(values["from_duplicate"])
        values["confidence"] = float(values["confidence"])
        out.append(MentionRow(**values))
    merge = json.loads(rows[0]["merge"]) if rows[0].get("merge") else None
    return EventDetail(_event_row(rows[0]), out, merge)


def quote_where(speaker: str | None = None) -> tuple[str, list[Any]]:
    """The ``WHERE …`` clause (or ``""``) and parameters for the quote filter: name words or actor code."""
    if not speaker:
        return "", []
    return (" WHERE (speaker_norm LIKE ? ESCAPE '\\' OR speaker_code = ? OR speaker_entity = ?)",
            [like_pattern(fold(speaker)), speaker, speaker])  # fmt: skip


def quotes(db: Db, *, speaker: str | None = None, limit: int = 100, offset: int = 0) -> list[QuoteRow]:
    where, params = quote_where(speaker)
    sql = ("SELECT article_id, local_id, speaker, speaker_entity, speaker_code, cue, kind, evidence_text,"
           " evidence_start, evidence_end, confidence, published, source FROM quotes" + where +
           " ORDER BY published DESC NULLS LAST, article_id, local_id LIMIT ? OFFSET ?")  # fmt: skip
    return [QuoteRow(**r) for r in db.query(sql, [*params, int(limit), int(offset)])]


def _pair_clause(pair: tuple[str, str] | None) -> tuple[str, list[Any]]:
    if pair is None:
        return "", []
    a, b = pair
    return "((a = ? AND b = ?) OR (a = ? AND b = ?))", [a, b, b, a]


def relation_where(pair: tuple[str, str] | None = None, type: str | None = None,
                   since: dt.date | str | None = None, until: dt.date | str | None = None) -> tuple[str, list[Any]]:
    """The ``WHERE …`` clause (or ``""``) and parameters for the relation filters."""
    clause, params = _pair_clause(pair)
    where = [clause] if clause else []
    if type:
        where.append("type = ?")
        params.append(type)
    if since:
        where.append("published >= ?")
        params.append(_as_date(since))
    if until:
        where.append("published <= ?")
        params.append(_as_date(until))
    return (" WHERE " + " AND ".join(where) if where else ""), params


def relations(db: Db, *, pair: tuple[str, str] | None = None, type: str | None = None,
              since: dt.date | str | None = None, until: dt.date | str | None = None,
              limit: int = 100, offset: int = 0) -> list[RelationRow]:  # fmt: skip
    where, params = relation_where(pair, type, since, until)
    sql = ("SELECT article_id, local_id, a, b, type, polarity, domain, attributed_to, evidence_text, evidence_start,"
           " evidence_end, confidence, published FROM relations" + where +
           " ORDER BY published DESC NULLS LAST, article_id, local_id LIMIT ? OFFSET ?")  # fmt: skip
    return [RelationRow(**r) for r in db.query(sql, [*params, int(limit), int(offset)])]


def cooperation_index(db: Db, a: str, b: str) -> list[IndexPoint]:
    """Per month: Σ polarity·confidence / Σ confidence over statements about the pair, with counts."""
    clause, params = _pair_clause((a, b))
    return monthly_index(db, clause, params)


def monthly_index(db: Db, clause: str, params: Sequence[Any]) -> list[IndexPoint]:
    """Per month, over the dated statements ``clause`` selects (a SQL condition on ``relations`` with
    ``params``): Σ polarity·confidence / Σ confidence, the count and the weight; copies count once."""
    rows = db.execute(
        "SELECT date_trunc('month', published) AS m, SUM(polarity * confidence), SUM(confidence), COUNT(*)"
        f" FROM relations WHERE ({clause}) AND published IS NOT NULL"
        " AND article_id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)"
        " GROUP BY m ORDER BY m", list(params))  # fmt: skip
    out = []
    for month, num, den, n in rows:
        den_f = float(den or 0.0)
        month_s = (month.date() if isinstance(month, dt.datetime) else month).isoformat()[:7]
        out.append(IndexPoint(month_s, round(float(num) / den_f, 4) if den_f else 0.0, int(n), round(den_f, 4)))
    return out


def actors(db: Db, *, limit: int = 100, offset: int = 0) -> list[ActorRow]:
    """Actors by the number of events they take part in (as actor or recipient)."""
    rows = db.execute(
        "SELECT code, MAX(name), COUNT(*), SUM(is_actor), SUM(1 - is_actor) FROM ("
        " SELECT actor_code AS code, actor_name AS name, 1 AS is_actor FROM events WHERE actor_code IS NOT NULL"
        " UNION ALL"
        " SELECT recipient_code, recipient_name, 0 FROM events WHERE recipient_code IS NOT NULL) t"
        " GROUP BY code ORDER BY COUNT(*) DESC, code LIMIT ? OFFSET ?", (int(limit), int(offset)))  # fmt: skip
    return [ActorRow(str(c), n, int(total), int(x or 0), int(y or 0)) for c, n, total, x, y in rows]


def stats(db: Db, schema_version: int) -> dict[str, Any]:
    counts = {t: int(db.execute(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in TABLES}
    near = int(db.execute("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL")[0][0])
    multi = int(db.execute("SELECT COUNT(*) FROM events WHERE n_reports > 1")[0][0])
    by_type = dict(db.execute("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY COUNT(*) DESC, type"))
    span = db.execute("SELECT MIN(date_value), MAX(date_value) FROM events")[0]
    return {
        "location": db.location, "backend": db.dialect, "schema_version": schema_version, "tables": counts,
        "near_duplicate_articles": near, "events_with_several_reports": multi,
        "events_by_type": {str(k): int(v) for k, v in by_type.items()},
        "event_dates": [str(span[0]) if span[0] else None, str(span[1]) if span[1] else None],
    }  # fmt: skip


def article(db: Db, article_id: str) -> dict[str, Any] | None:
    """The stored record of one article, with its cluster and near-duplicate link."""
    return articles(db, [article_id]).get(article_id)


def articles(db: Db, article_ids: list[str], *, whole: bool = True) -> dict[str, dict[str, Any]]:
    """The stored records of several articles by id (two queries per 500 ids; unknown ids are left out).
    ``whole=False``: only the metadata (id, title, source, url, published) and the store links, without
    the text and the analysis (a big record is slow to read: 100 KB of JSON for a long article)."""
    out: dict[str, dict[str, Any]] = {}
    columns = "text, record" if whole else "title, source, url, published"
    for k in range(0, len(article_ids), 500):
        chunk = list(dict.fromkeys(article_ids[k : k + 500]))
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT id, {columns}, cluster_id, duplicate_of, similarity FROM articles WHERE id IN ({marks})"
        for row in db.query(sql, chunk):
            if whole:
                record: dict[str, Any] = json.loads(row["record"]) if row["record"] else {"id": row["id"]}
                record["text"] = row["text"]
            else:
                published = row["published"]
                record = {"id": row["id"], "title": row["title"], "source": row["source"], "url": row["url"],
                          "published": published.isoformat() if published is not None else None}  # fmt: skip
            record["store"] = {"cluster_id": row["cluster_id"], "duplicate_of": row["duplicate_of"],
                               "similarity": row["similarity"], "events": {}}  # fmt: skip
            out[str(row["id"])] = record
        for aid, local, eid in db.execute(f"SELECT article_id, local_id, event_id FROM event_mentions"
                                          f" WHERE article_id IN ({marks})", chunk):  # fmt: skip
            if str(aid) in out:
                out[str(aid)]["store"]["events"][str(local)] = str(eid)
    return out
