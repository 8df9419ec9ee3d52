"""An ACLED-shaped CSV of the merged events: ACLED's public columns and value conventions first,
marsad's own columns after them.

Conventions followed: ``event_id_cnty`` = ISO3 + a running number; ``event_date`` YYYY-MM-DD;
``time_precision`` 1 = day, 2 = week, 3 = month or coarser; ``geo_precision`` 1 = town,
2 = district (admin2), 3 = region/province or coarser; ``inter1``/``inter2`` ACLED actor-type codes
(1 state forces, 2 rebel groups, 8 external/other); ``interaction`` the two codes joined, lower first;
``fatalities`` an integer (0 when none reported); ``notes`` the event's one-line English description
(:mod:`marsad.describe`), its Arabic one in ``notes_ar`` and the first report's evidence in ``evidence``.
Events ACLED would not code (no ACLED type) are left out unless ``include_all``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.describe import describe_fields

if TYPE_CHECKING:
    from marsad.store.sqlstore import SqlStore

__all__ = ["ACLED_COLUMNS", "MARSAD_COLUMNS", "acled_rows", "export_acled", "safe_cell"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
MARSAD_COLUMNS = (
    "marsad_event_id", "plover_type", "plover_mode", "status", "actor1_code", "actor2_code", "date_end",
    "date_precision", "place_precision", "confidence", "n_reports", "n_mentions", "continues", "article_ids",
    "notes_ar", "evidence", "flag", "corrected",
)  # fmt: skip

#: ISO 3166 alpha-3 → (ISO numeric, English name, ACLED region) for the states marsad covers.
_COUNTRIES: dict[str, tuple[int, str, str]] = {
    "MAR": (504, "Morocco", "Northern Africa"), "DZA": (12, "Algeria", "Northern Africa"),
    "TUN": (788, "Tunisia", "Northern Africa"), "LBY": (434, "Libya", "Northern Africa"),
    "EGY": (818, "Egypt", "Northern Africa"), "ESH": (732, "Western Sahara", "Northern Africa"),
    "MRT": (478, "Mauritania", "Western Africa"), "MLI": (466, "Mali", "Western Africa"),
    "NER": (562, "Niger", "Western Africa"), "BFA": (854, "Burkina Faso", "Western Africa"),
    "TCD": (148, "Chad", "Middle Africa"), "SDN": (729, "Sudan", "Northern Africa"),
    "SAU": (682, "Saudi Arabia", "Middle East"), "YEM": (887, "Yemen", "Middle East"),
    "IRQ": (368, "Iraq", "Middle East"), "SYR": (760, "Syria", "Middle East"), "KWT": (414, "Kuwait", "Middle East"),
    "BHR": (48, "Bahrain", "Middle East"), "ARE": (784, "United Arab Emirates", "Middle East"),
    "QAT": (634, "Qatar", "Middle East"), "OMN": (512, "Oman", "Middle East"), "JOR": (400, "Jordan", "Middle East"),
    "LBN": (422, "Lebanon", "Middle East"), "IRN": (364, "Iran", "Middle East"), "TUR": (792, "Turkey", "Middle East"),
    "PSE": (275, "Palestine", "Middle East"), "ISR": (376, "Israel", "Middle East"),
}  # fmt: skip
_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations", "Strategic developments": "Strategic developments",
}  # fmt: skip
_TIME_PRECISION = {"day": 1, "week": 2}
_GEO_PRECISION = {"neighbourhood": 1, "locality": 1, "town": 1, "admin2": 2}


def _inter(code: str | None) -> int | str:
    if not code:
        return ""
    return 1 if code in _COUNTRIES or (len(code) == 3 and code.isupper()) else 2


def safe_cell(text: str) -> str:
    """Keep spreadsheet programs from reading a cell of web text as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _row(n: int, e: dict[str, Any], sources: str, evidence: str, articles: str) -> dict[str, Any]:
    country = e["country"] or e["actor_code"] or ""
    iso, name, region = _COUNTRIES.get(country, ("", country, ""))
    date: dt.date | None = e["date_value"] or e["first_published"]
    i1, i2 = _inter(e["actor_code"]), _inter(e["recipient_code"])
    pair = sorted(x for x in (i1, i2) if x != "")
    updated: dt.datetime = e["updated_at"]
    return {
        "event_id_cnty": f"{country or 'XXX'}{n}", "event_date": date.isoformat() if date else "",
        "year": date.year if date else "", "time_precision": _TIME_PRECISION.get(e["date_precision"] or "", 3),
        "disorder_type": _DISORDER.get(e["acled_event_type"] or "", ""), "event_type": e["acled_event_type"] or "",
        "sub_event_type": e["acled_sub_event_type"] or "", "actor1": e["actor_name"] or e["actor_code"] or "",
        "assoc_actor_1": "", "inter1": i1, "actor2": e["recipient_name"] or e["recipient_code"] or "",
        "assoc_actor_2": "", "inter2": i2, "interaction": "".join(str(x) for x in pair),
        "civilian_targeting": "", "iso": iso, "region": region, "country": name, "admin1": e["admin1"] or "",
        "admin2": "", "admin3": "", "location": e["place_name"] or e["place_name_ar"] or "",
        "latitude": e["lat"] if e["lat"] is not None else "", "longitude": e["lon"] if e["lon"] is not None else "",
        "geo_precision": _GEO_PRECISION.get(e["place_precision"] or "", 3), "source": safe_cell(sources),
        "source_scale": "", "notes": safe_cell(describe_fields(e, "en")), "fatalities": int(e["killed"] or 0),
        "tags": "",
        "timestamp": int(updated.replace(tzinfo=dt.UTC).timestamp()) if updated else "",
        "marsad_event_id": e["id"], "plover_type": e["type"], "plover_mode": e["mode"] or "",
        "status": e["status"] or "", "actor1_code": e["actor_code"] or "", "actor2_code": e["recipient_code"] or "",
        "date_end": e["date_end"].isoformat() if e["date_end"] else "", "date_precision": e["date_precision"] or "",
        "place_precision": e["place_precision"] or "", "confidence": e["confidence"], "n_reports": e["n_reports"],
        "n_mentions": e["n_mentions"], "continues": e["continues"] or "", "article_ids": articles,
        "notes_ar": safe_cell(describe_fields(e, "ar")), "evidence": safe_cell(evidence),
        "flag": safe_cell(e.get("flag") or ""),
        "corrected": ",".join(json.loads(e["corrected"])) if e.get("corrected") else "",
    }  # fmt: skip


def acled_rows(store: SqlStore, *, include_all: bool = False, where: str = "", params: Sequence[Any] = (),
               limit: int | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """One ACLED-shaped row per merged event, oldest first; ``where``/``params`` (`` WHERE …`` of
    :func:`marsad.store.queries.event_where`) keep a filtered view's events, at most ``limit``."""
    conds = [where.removeprefix(" WHERE ")] if where else []
    if not include_all:
        conds.append("acled_event_type IS NOT NULL")
    sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(conds) if conds else "")
    sql += " ORDER BY date_value NULLS LAST, id"
    events = store.db.query(sql + (" LIMIT ?" if limit is not None else ""),
                            [*params, limit] if limit is not None else list(params))  # fmt: skip
    ments_by_event = _mentions(store, [e["id"] for e in events])
    out = []
    for n, e in enumerate(events, start=1):
        ments = ments_by_event.get(e["id"], [])
        sources = "; ".join(dict.fromkeys(str(m["source"]) for m in ments if m["source"]))
        evidence = ments[0]["evidence_text"] if ments else ""
        articles = json.dumps(sorted({m["article_id"] for m in ments}))
        out.append(_row(n, e, sources, evidence, articles))
    return out


def _mentions(store: SqlStore, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each event's mentions with their article's source, oldest article first (one query per 500 events)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = store.db.query(
            "SELECT m.event_id, m.article_id, m.evidence_text, a.source FROM event_mentions m JOIN articles a"
            f" ON a.id = m.article_id WHERE m.event_id IN ({', '.join('?' * len(chunk))})"
            " ORDER BY m.event_id, a.published NULLS LAST, m.article_id", chunk)  # fmt: skip
        for m in rows:
            out.setdefault(m["event_id"], []).append(m)
    return out


def export_acled(store: SqlStore, out: Path, *, include_all: bool = False) -> int:
    rows = acled_rows(store, include_all=include_all)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=[*ACLED_COLUMNS, *MARSAD_COLUMNS])
        w.writeheader()
        w.writerows(rows)
    return len(rows)
