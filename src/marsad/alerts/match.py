"""Which stored events and relation statements match which watch: one alert per (watch, event) or (watch,
statement), with a stable id, its evidence and a link to the dashboard."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.alerts.rules import EventWatch, RelationWatch, Rules
from marsad.names import actor_codes
from marsad.store.coref import haversine_km
from marsad.store.rows import EventRow, RelationRow
from marsad.text.fold import fold

__all__ = ["Match", "alert_id", "alert_payload", "event_matches", "find_alerts", "find_matches", "relation_matches"]

_PAGE = 5000


@dataclass(frozen=True, slots=True)
class Match:
    """A watch matching an event or a relation statement (``subject``: ``event:ID`` or ``relation:ARTICLE:ID``)."""

    id: str
    watch: EventWatch | RelationWatch
    subject: str
    row: EventRow | RelationRow


def alert_id(watch: str, subject: str) -> str:
    """Stable id of the alert ``watch`` fires on ``subject`` (the same match always gets the same id)."""
    return hashlib.sha256(f"{watch}\x00{subject}".encode()).hexdigest()[:20]


@lru_cache(maxsize=256)
def _wanted_codes(wanted: tuple[str, ...]) -> frozenset[str]:
    """The actor codes a watch's names stand for, as the API's and the CLI's actor filter reads them
    (:func:`marsad.names.actor_codes`: «داعش» → ISIL; a state brings its agencies), upper-cased."""
    return frozenset(code.upper() for w in wanted for code in actor_codes(w))


def _actor_matches(event: EventRow, wanted: tuple[str, ...]) -> bool:
    codes = {c.upper() for c in (event.actor_code, event.recipient_code) if c}
    if codes & _wanted_codes(wanted):
        return True
    names = " | ".join(fold(n) for n in (event.actor_name, event.recipient_name) if n).casefold()
    return bool(names) and any(fold(w).casefold() in names for w in wanted)  # part of a stored name


def event_matches(watch: EventWatch, e: EventRow) -> bool:
    """Whether event ``e`` passes every condition ``watch`` sets."""
    checks = (
        not watch.countries or e.country in watch.countries,
        not watch.admin1 or (e.admin1 or "") in watch.admin1,
        watch.near is None or (e.lat is not None and e.lon is not None
                               and haversine_km(watch.near[0], watch.near[1], e.lat, e.lon) <= watch.near[2]),
        not watch.types or e.type in watch.types,
        not watch.modes or (e.mode or "") in watch.modes,
        not watch.statuses or (e.status or "") in watch.statuses,
        (e.people or 0) + (e.killed or 0) >= watch.min_count if watch.min_count else True,
        (e.killed or 0) >= watch.min_fatalities,
        e.confidence >= watch.min_confidence,
        not watch.actors or _actor_matches(e, watch.actors),
    )  # fmt: skip
    return all(checks)


def relation_matches(watch: RelationWatch, r: RelationRow) -> bool:
    pair_ok = {r.a, r.b} == set(watch.pair)
    polarity_ok = watch.polarity == "any" or (r.polarity < 0 if watch.polarity == "negative" else r.polarity > 0)
    type_ok = not watch.types or r.type in watch.types
    return pair_ok and polarity_ok and type_ok and r.confidence >= watch.min_confidence


def _events(store: Any, since: dt.date | None) -> Iterator[EventRow]:
    offset = 0
    while True:
        page: list[EventRow] = store.events(limit=_PAGE, offset=offset)
        for e in page:
            day = e.date_value or e.first_published
            if since is None or (day is not None and day >= since):
                yield e
        if len(page) < _PAGE:
            return
        offset += _PAGE


def _relations(store: Any, pair: tuple[str, str], since: dt.date | None) -> Iterator[RelationRow]:
    offset = 0
    while True:
        page: list[RelationRow] = store.relations(pair=pair, since=since, limit=_PAGE, offset=offset)
        yield from page
        if len(page) < _PAGE:
            return
        offset += _PAGE


def _event_alert(store: Any, watch: EventWatch, e: EventRow, link: str) -> dict[str, Any]:
    detail = store.event(e.id)
    mentions = detail.mentions if detail else []
    return {
        "id": alert_id(watch.name, f"event:{e.id}"), "watch": watch.name, "kind": "event", "subject": f"event:{e.id}",
        "description_ar": e.description_ar, "description_en": e.description_en,
        "event": e.to_json(), "link": f"{link}/events/{e.id}",
        "evidence": [{"text": m.evidence_text, "article_id": m.article_id, "source": m.source,
                      "published": m.published.isoformat() if m.published else None,
                      "link": f"{link}/articles/{m.article_id}"} for m in mentions[:5]],
    }  # fmt: skip


def _relation_alert(watch: RelationWatch, r: RelationRow, link: str) -> dict[str, Any]:
    subject = f"relation:{r.article_id}:{r.local_id}"
    sign = "negative" if r.polarity < 0 else "positive" if r.polarity > 0 else "neutral"
    return {
        "id": alert_id(watch.name, subject), "watch": watch.name, "kind": "relation", "subject": subject,
        "description_ar": f"تصريح {'سلبي' if r.polarity < 0 else 'إيجابي' if r.polarity > 0 else 'محايد'} "
                          f"عن العلاقة {r.a}–{r.b} ({r.type})",
        "description_en": f"A {sign} statement on {r.a}–{r.b} ({r.type})",
        "relation": r.to_json(), "link": f"{link}/articles/{r.article_id}",
        "evidence": [{"text": r.evidence_text, "article_id": r.article_id, "source": None,
                      "published": r.published.isoformat() if r.published else None,
                      "link": f"{link}/articles/{r.article_id}"}],
    }  # fmt: skip


def _match(watch: EventWatch | RelationWatch, subject: str, row: EventRow | RelationRow) -> Match:
    return Match(alert_id(watch.name, subject), watch, subject, row)


def find_matches(store: Any, rules: Rules, since: dt.date | None = None) -> list[Match]:
    """Every (watch, event) and (watch, statement) match on the store's events (day on or after ``since``) and
    relation statements (published on or after ``since``), in a stable order: by watch, then subject."""
    event_watches = [w for w in rules.watches if isinstance(w, EventWatch)]
    out: list[Match] = []
    if event_watches:
        for e in _events(store, since):
            out += [_match(w, f"event:{e.id}", e) for w in event_watches if event_matches(w, e)]
    for w in rules.watches:
        if isinstance(w, RelationWatch):
            rows = _relations(store, w.pair, since)
            out += [_match(w, f"relation:{r.article_id}:{r.local_id}", r) for r in rows if relation_matches(w, r)]
    return sorted(out, key=lambda m: (m.watch.name, m.subject))


def alert_payload(store: Any, match: Match, link: str) -> dict[str, Any]:
    """The alert a match sends: its description, the event or statement, the evidence and links."""
    if isinstance(match.watch, EventWatch) and isinstance(match.row, EventRow):
        return _event_alert(store, match.watch, match.row, link)
    if isinstance(match.watch, RelationWatch) and isinstance(match.row, RelationRow):
        return _relation_alert(match.watch, match.row, link)
    raise TypeError(f"a {type(match.watch).__name__} cannot match a {type(match.row).__name__}")


def find_alerts(store: Any, rules: Rules, since: dt.date | None = None) -> list[dict[str, Any]]:
    """:func:`find_matches` as alert payloads."""
    return [alert_payload(store, m, rules.link) for m in find_matches(store, rules, since)]
