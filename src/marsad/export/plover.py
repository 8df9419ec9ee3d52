"""PLOVER JSON: one record per merged event, with every mention as its evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from marsad.store.sqlstore import SqlStore

__all__ = ["export_plover", "plover_records"]


def _actor(code: str | None, name: str | None) -> dict[str, Any] | None:
    if not code and not name:
        return None
    return {"code": code, "name": name, "country": code if code and len(code) == 3 and code.isupper() else None}


def plover_records(store: SqlStore) -> list[dict[str, Any]]:
    out = []
    for e in store.db.query("SELECT * FROM events ORDER BY date_value NULLS LAST, id"):
        ments = store.db.query(
            "SELECT m.*, a.source, a.url FROM event_mentions m JOIN articles a ON a.id = m.article_id"
            " WHERE m.event_id = ? ORDER BY a.published NULLS LAST, m.article_id, m.local_id", (e["id"],))  # fmt: skip
        out.append({
            "id": e["id"], "event_type": e["type"], "mode": e["mode"], "context": [], "status": e["status"],
            "date": e["date_value"].isoformat() if e["date_value"] else None,
            "date_end": e["date_end"].isoformat() if e["date_end"] else None, "date_resolution": e["date_precision"],
            "actor": _actor(e["actor_code"], e["actor_name"]),
            "recipient": _actor(e["recipient_code"], e["recipient_name"]),
            "location": {"name": e["place_name"], "name_ar": e["place_name_ar"], "geonames_id": e["geonames_id"],
                         "lat": e["lat"], "lon": e["lon"], "country": e["country"], "admin1": e["admin1"],
                         "precision": e["place_precision"]},
            "counts": {"people": e["people"], "killed": e["killed"], "injured": e["injured"]},
            "acled": {"event_type": e["acled_event_type"], "sub_event_type": e["acled_sub_event_type"]}
            if e["acled_event_type"] else None,
            "confidence": e["confidence"], "n_reports": e["n_reports"], "continues": e["continues"],
            "mentions": [{"article_id": m["article_id"], "event": m["local_id"], "source": m["source"], "url": m["url"],
                          "published": m["published"].isoformat() if m["published"] else None,
                          "text": m["evidence_text"], "start": m["evidence_start"], "end": m["evidence_end"],
                          "confidence": m["confidence"], "from_duplicate": bool(m["from_duplicate"])} for m in ments],
        })  # fmt: skip
    return out


def export_plover(store: SqlStore, out: Path) -> int:
    records = plover_records(store)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(records)
