"""Actor and country profiles (``/actors/{code}``, ``/countries/{iso3}``): their events, statements, partners and
cooperation index, read with parameterised SQL from the store's tables."""

from __future__ import annotations

from typing import Any

from marsad.describe import describe_fields

__all__ = ["profile"]

_NOT_COPY = "article_id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)"


def _event_clause(code: str, country: bool) -> tuple[str, list[Any]]:
    """The events an actor takes part in; for a country also the events on its soil and its agencies' events."""
    if not country:
        return "(actor_code = ? OR recipient_code = ?)", [code, code]
    agencies = code + "\\_%"
    return ("(country = ? OR actor_code = ? OR recipient_code = ? OR actor_code LIKE ? ESCAPE '\\'"
            " OR recipient_code LIKE ? ESCAPE '\\')", [code, code, code, agencies, agencies])  # fmt: skip


def profile(db: Any, code: str, *, country: bool, limit: int = 30) -> dict[str, Any]:
    """Figures, latest events, statements, partners (with the cooperation index) and counterparts of ``code``."""
    clause, params = _event_clause(code, country)
    n, killed, first, last = db.execute(
        f"SELECT COUNT(*), COALESCE(SUM(killed), 0), MIN(date_value), MAX(date_value) FROM events WHERE {clause}",
        params)[0]  # fmt: skip
    events = db.query(f"SELECT * FROM events WHERE {clause} ORDER BY date_value DESC NULLS LAST, n_reports DESC, id"
                      " LIMIT ?", [*params, int(limit)])  # fmt: skip
    for r in events:
        r["description_ar"], r["description_en"] = describe_fields(r, "ar"), describe_fields(r, "en")
    speakers = "(speaker_code = ? OR speaker_code LIKE ? ESCAPE '\\')" if country else "speaker_code = ?"
    quote_params = [code, code + "\\_%"] if country else [code]
    quotes = db.query(f"SELECT speaker, speaker_code, cue, kind, evidence_text, published, source, article_id"
                      f" FROM quotes WHERE {speakers} ORDER BY published DESC NULLS LAST LIMIT ?",
                      [*quote_params, int(limit)])  # fmt: skip
    # partners in statements on relations (states): how often, and the cooperation index Σ polarity·conf / Σ conf
    partners = db.query(
        "SELECT CASE WHEN a = ? THEN b ELSE a END AS partner, COUNT(*) AS n,"
        " SUM(polarity * confidence) / NULLIF(SUM(confidence), 0) AS idx,"
        " SUM(CASE WHEN polarity > 0 THEN 1 ELSE 0 END) AS pos, SUM(CASE WHEN polarity < 0 THEN 1 ELSE 0 END) AS neg"
        f" FROM relations WHERE (a = ? OR b = ?) AND {_NOT_COPY} GROUP BY partner ORDER BY n DESC, partner LIMIT 20",
        [code, code, code])  # fmt: skip
    # counterparts in events: who acts on it, whom it acts on
    counterparts = db.query(
        "SELECT other, MAX(other_name) AS name, COUNT(*) AS n FROM ("
        " SELECT recipient_code AS other, recipient_name AS other_name FROM events WHERE actor_code = ?"
        " UNION ALL SELECT actor_code, actor_name FROM events WHERE recipient_code = ?) t"
        " WHERE other IS NOT NULL AND other <> ? GROUP BY other ORDER BY n DESC, other LIMIT 15",
        [code, code, code])  # fmt: skip
    types = db.query(f"SELECT type, COUNT(*) AS n FROM events WHERE {clause} GROUP BY type ORDER BY n DESC, type",
                     params)  # fmt: skip
    return {"n_events": int(n), "killed": int(killed), "first": first, "last": last, "events": events,
            "quotes": quotes, "partners": partners, "counterparts": counterparts, "types": types}  # fmt: skip
