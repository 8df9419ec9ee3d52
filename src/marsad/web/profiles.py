"""Actor and country profiles (``/actors/{code}``, ``/countries/{iso3}``): the same data as the API's
``/api/actors/{code}`` and ``/api/countries/{code}`` (figures, events, statements, relation partners), read
through the store's views, plus the counterparts the actor's events name."""

from __future__ import annotations

from typing import Any

from marsad.api import sql
from marsad.api.core import EventFilters
from marsad.names import actor_codes, actor_names
from marsad.store.views import figures, quotes_by

__all__ = ["profile"]


def profile(store: Any, code: str, *, country: bool, limit: int = 30) -> dict[str, Any]:
    """Figures, latest events, statements, partners with their cooperation index and counterparts of ``code``
    (a country: the events on its soil; an actor, a state with its agencies: the events it acts in or on)."""
    events = EventFilters(country=code) if country else EventFilters(actor=code)
    codes = [c for c in actor_codes(code) if c in actor_names() or c == code]
    head = figures(store.db, **events.as_kwargs())
    partners = []
    for d in sql.dyads(store.db, events):
        if code in (d.a, d.b):
            partners.append({"partner": d.b if d.a == code else d.a, "n": d.n, "pos": d.n_positive,
                             "neg": d.n_negative, "idx": d.index})  # fmt: skip
    marks = ", ".join("?" * len(codes)) or "NULL"
    counterparts = store.db.query(
        "SELECT other, MAX(other_name) AS name, COUNT(*) AS n FROM ("
        f" SELECT recipient_code AS other, recipient_name AS other_name FROM events WHERE actor_code IN ({marks})"
        f" UNION ALL SELECT actor_code, actor_name FROM events WHERE recipient_code IN ({marks})) t"
        f" WHERE other IS NOT NULL AND other NOT IN ({marks}) GROUP BY other ORDER BY n DESC, other LIMIT 15",
        [*codes, *codes, *codes]) if codes else []  # fmt: skip
    types = store.db.query("SELECT type, COUNT(*) AS n FROM events" + sql.event_where(events)[0]
                           + " GROUP BY type ORDER BY n DESC, type", sql.event_where(events)[1])  # fmt: skip
    return {"n_events": head.events, "killed": head.killed, "first": head.first_date, "last": head.last_date,
            "events": store.events(**events.as_kwargs(), limit=limit), "quotes": quotes_by(store.db, codes, limit),
            "partners": partners, "counterparts": counterparts, "types": types}  # fmt: skip
