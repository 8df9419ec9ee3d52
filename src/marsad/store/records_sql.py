"""Analysis record (output-contract dict) → rows of the store's tables."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from marsad.text.fold import fold

__all__ = [
    "EVENT_FIELDS",
    "MENTION_COLUMNS",
    "content_hash",
    "entity_rows",
    "event_fields",
    "quote_rows",
    "relation_rows",
    "stable_id",
    "to_date",
]

#: The per-report fields a mention carries and a merged event aggregates (same names in both tables).
EVENT_FIELDS = (
    "type", "mode", "status", "acled_event_type", "acled_sub_event_type",
    "actor_code", "actor_name", "recipient_code", "recipient_name",
    "place_name", "place_name_ar", "geonames_id", "lat", "lon", "country", "admin1", "place_precision",
    "date_value", "date_end", "date_precision", "people", "killed", "injured",
)  # fmt: skip
MENTION_COLUMNS = (
    "event_id", "article_id", "local_id", *EVENT_FIELDS,
    "evidence_text", "evidence_start", "evidence_end", "evidence_norm", "confidence", "from_duplicate", "merge",
    "cluster_id", "published",
)  # fmt: skip


def stable_id(*parts: object) -> str:
    """A short SHA-256 id over a structured tuple."""
    blob = json.dumps([str(p) if p is not None else None for p in parts], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def content_hash(record: dict[str, Any]) -> str:
    """SHA-256 over what makes an article the same article: its text, title, URL and source."""
    key = [record.get("text") or "", record.get("title"), record.get("url"), record.get("source")]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()


def to_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _d(obj: Any) -> dict[str, Any]:
    return obj if isinstance(obj, dict) else {}


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def event_fields(ev: dict[str, Any]) -> dict[str, Any]:
    """The :data:`EVENT_FIELDS` of one record event."""
    acled, actor, rec = _d(ev.get("acled")), _d(ev.get("actor")), _d(ev.get("recipient"))
    place, date, counts = _d(ev.get("place")), _d(ev.get("date")), _d(ev.get("counts"))
    return {
        "type": str(ev.get("type") or ""), "mode": ev.get("mode"), "status": ev.get("status"),
        "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
        "actor_code": actor.get("code"), "actor_name": actor.get("name"),
        "recipient_code": rec.get("code"), "recipient_name": rec.get("name"),
        "place_name": place.get("name"), "place_name_ar": place.get("name_ar"),
        "geonames_id": _int(place.get("geonames_id")), "lat": _float(place.get("lat")),
        "lon": _float(place.get("lon")), "country": place.get("country"), "admin1": place.get("admin1"),
        "place_precision": place.get("precision") if place else None,
        "date_value": to_date(date.get("value")), "date_end": to_date(date.get("end")),
        "date_precision": date.get("precision") if date.get("value") else None,
        "people": _int(counts.get("people")), "killed": _int(counts.get("killed")),
        "injured": _int(counts.get("injured")),
    }  # fmt: skip


def evidence(obj: Any) -> tuple[str, int, int]:
    ev = _d(obj)
    return str(ev.get("text") or ""), int(ev.get("start") or 0), int(ev.get("end") or 0)


def entity_rows(article_id: str, record: dict[str, Any]) -> list[tuple[Any, ...]]:
    rows = []
    for ent in record.get("entities") or []:
        can = _d(ent.get("canonical"))
        rows.append((article_id, str(ent.get("id")), ent.get("text"), _int(ent.get("start")), _int(ent.get("end")),
                     ent.get("label"), can.get("id"), can.get("name_ar"), can.get("name_en"), can.get("kind"),
                     can.get("country")))  # fmt: skip
    return rows


def _speaker_code(record: dict[str, Any], entity_id: str | None) -> str | None:
    for ent in record.get("entities") or []:
        if entity_id and ent.get("id") == entity_id:
            can = _d(ent.get("canonical"))
            return can.get("id") or can.get("country")
    return None


def quote_rows(article_id: str, record: dict[str, Any], published: dt.date | None) -> list[tuple[Any, ...]]:
    rows = []
    for q in record.get("quotes") or []:
        spk = _d(q.get("speaker"))
        text, start, end = evidence(q.get("evidence"))
        name = spk.get("text")
        rows.append((article_id, str(q.get("id")), name, fold(name) if name else None, spk.get("entity"),
                     _speaker_code(record, spk.get("entity")), q.get("cue"), q.get("kind") or "indirect",
                     text, start, end, float(q.get("confidence") or 0.5), published, record.get("source")))  # fmt: skip
    return rows


def relation_rows(article_id: str, record: dict[str, Any], published: dt.date | None) -> list[tuple[Any, ...]]:
    rows = []
    for r in record.get("relations") or []:
        text, start, end = evidence(r.get("evidence"))
        rows.append((article_id, str(r.get("id")), str(r.get("a")), str(r.get("b")), str(r.get("type")),
                     int(r.get("polarity") or 0), r.get("domain"), r.get("attributed_to"), text, start, end,
                     float(r.get("confidence") or 0.5), published))  # fmt: skip
    return rows
