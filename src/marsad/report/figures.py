"""A report's content, gathered from the store through its query API: figures, events, quotes, relations.

Every number here is computed from the store's rows in one place, so the golden tests check them against
the store. An event's day is its own date, or the publication date of its first report when the text gave
none (``first_published``). Headline figures count events that happened (status ``occurred`` or none) at
or above the confidence floor; planned, attempted or denied events are listed but not counted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from marsad.report.period import Period, Scope
from marsad.store.rows import EventDetail, EventRow, QuoteRow, RelationRow

__all__ = ["COUNTED_STATUSES", "EventItem", "Figures", "Movement", "ReportData", "SpeakerQuotes", "build_report",
           "event_day"]  # fmt: skip

COUNTED_STATUSES = frozenset({"occurred", None})
_PAGE = 5000


def event_day(event: EventRow) -> dt.date | None:
    """The day an event is reported under: its date, else the publication date of its first report."""
    return event.date_value or event.first_published


@dataclass(frozen=True, slots=True)
class Figures:
    """Headline figures of one period."""

    events: int
    by_type: dict[str, int]
    arrest_events: int
    arrested: int
    seizures: int
    fatalities: int

    @classmethod
    def of(cls, events: Iterable[EventRow]) -> Figures:
        counted = [e for e in events if e.status in COUNTED_STATUSES]
        arrests = [e for e in counted if e.mode == "arrest"]
        by_type = Counter(e.type for e in counted)
        return cls(len(counted), dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))), len(arrests),
                   sum(e.people or 0 for e in arrests), sum(1 for e in counted if e.mode == "seize"),
                   sum(e.killed or 0 for e in counted))  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventItem:
    """One of the period's most significant events, with what the report shows of it."""

    event: EventRow
    day: dt.date | None
    description: str
    sources: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    speaker: str
    code: str | None
    quotes: tuple[QuoteRow, ...]


@dataclass(frozen=True, slots=True)
class Movement:
    """How a bilateral relation moved: the cooperation index (Σ polarity·confidence / Σ confidence) of the
    period's statements beside the previous period's (None: no statement then)."""

    a: str
    b: str
    index: float
    previous: float | None
    n: int
    statements: tuple[RelationRow, ...]

    @property
    def direction(self) -> str:
        if self.previous is None:
            return "new"
        delta = self.index - self.previous
        return "up" if delta > 0.05 else "down" if delta < -0.05 else "flat"


@dataclass(frozen=True, slots=True)
class ReportData:
    scope: Scope
    period: Period
    lang: str
    min_confidence: float
    current: Figures
    previous: Figures
    events: tuple[EventRow, ...]  # the period's events in scope at or above the floor, by day then id
    top: tuple[EventItem, ...]
    speakers: tuple[SpeakerQuotes, ...]
    relations: tuple[Movement, ...]
    corpus: dict[str, Any] = field(default_factory=dict)


def scope_events(store: Any, scope: Scope, periods: Iterable[Period], min_confidence: float) -> list[EventRow]:
    """The scope's events whose day falls in one of ``periods``, at or above the confidence floor, by day and id."""
    periods = list(periods)
    rows: dict[str, EventRow] = {}
    for country in scope.countries or (None,):
        for e in _paged(partial(_events_page, store, country)):
            if e.confidence >= min_confidence and any(p.contains(event_day(e)) for p in periods):
                rows[e.id] = e
    return sorted(rows.values(), key=lambda e: (event_day(e) or dt.date.min, e.id))


def significance(event: EventRow) -> tuple[Any, ...]:
    """Sort key, most significant first: people killed, people involved, reports, counted status, confidence."""
    return (-(event.killed or 0), -(event.people or 0), -event.n_reports, event.status not in COUNTED_STATUSES,
            -event.confidence, event.id)  # fmt: skip


def _item(detail: EventDetail, describe: Callable[[EventRow, str], str], lang: str) -> EventItem:
    sources = sorted({m.source or m.article_id for m in detail.mentions})
    evidence = list(dict.fromkeys(m.evidence_text for m in detail.mentions))[:2]
    return EventItem(detail.event, event_day(detail.event), describe(detail.event, lang), tuple(sources),
                     tuple(evidence))  # fmt: skip


def _events_page(store: Any, country: str | None, offset: int) -> list[EventRow]:
    return list(store.events(country=country, limit=_PAGE, offset=offset))


def _paged(fetch: Callable[[int], list[Any]]) -> list[Any]:
    out: list[Any] = []
    while True:
        page = fetch(len(out))
        out += page
        if len(page) < _PAGE:
            return out


def _speakers(store: Any, period: Period, articles: set[str], limit: int) -> tuple[SpeakerQuotes, ...]:
    quotes = [q for q in _paged(lambda off: store.quotes(limit=_PAGE, offset=off))
              if q.article_id in articles and period.contains(q.published) and q.speaker]  # fmt: skip
    groups: dict[str, list[QuoteRow]] = {}
    for q in sorted(quotes, key=lambda q: (-q.confidence, q.article_id, q.local_id)):
        groups.setdefault(q.speaker_code or q.speaker, []).append(q)
    ranked = sorted(groups.values(), key=lambda qs: (-len(qs), -max(q.confidence for q in qs), qs[0].speaker or ""))
    return tuple(SpeakerQuotes(qs[0].speaker or "", qs[0].speaker_code, tuple(qs[:3])) for qs in ranked[:limit])


def _index(rows: list[RelationRow]) -> float | None:
    den = sum(r.confidence for r in rows)
    return round(sum(r.polarity * r.confidence for r in rows) / den, 4) if den else None


def _movements(store: Any, scope: Scope, period: Period) -> tuple[Movement, ...]:
    before = period.previous()
    rows = _paged(lambda off: store.relations(since=before.start, until=period.until, limit=_PAGE, offset=off))
    pairs: dict[tuple[str, str], tuple[list[RelationRow], list[RelationRow]]] = {}
    for r in rows:
        if scope.countries and r.a not in scope.countries and r.b not in scope.countries:
            continue
        now, then = pairs.setdefault((min(r.a, r.b), max(r.a, r.b)), ([], []))
        (now if period.contains(r.published) else then).append(r)
    out = []
    for (a, b), (now, then) in sorted(pairs.items()):
        index = _index(now)
        if index is None:
            continue
        ranked = sorted(now, key=lambda r: (-r.confidence, r.article_id, r.local_id))
        out.append(Movement(a, b, index, _index(then), len(now), tuple(ranked[:3])))
    return tuple(sorted(out, key=lambda m: (-m.n, m.a, m.b)))


def build_report(store: Any, scope: Scope, period: Period, *, lang: str = "ar", min_confidence: float = 0.3,
                 describe: Callable[[EventRow, str], str], top: int = 10, speakers: int = 6) -> ReportData:  # fmt: skip
    """Everything a report shows for ``scope`` over ``period``, from ``store`` (a :class:`marsad.store.Store`)."""
    before = period.previous()
    both = scope_events(store, scope, (period, before), min_confidence)
    now = tuple(e for e in both if period.contains(event_day(e)))
    then = [e for e in both if before.contains(event_day(e))]
    ranked = sorted(now, key=significance)
    details = [d for d in (store.event(e.id) for e in ranked[:top]) if d is not None]
    # quotes are taken from the articles reporting the 50 most significant events (a query per event)
    articles = {m.article_id for d in details for m in d.mentions}
    articles |= {m.article_id for d in (store.event(e.id) for e in ranked[top:50]) if d for m in d.mentions}
    stats = store.stats()
    corpus = {"articles": stats["tables"].get("articles", 0), "events": stats["tables"].get("events", 0),
              "event_dates": stats.get("event_dates"), "undated": sum(1 for e in now if e.date_value is None),
              "backend": stats.get("backend")}  # fmt: skip
    return ReportData(scope, period, lang, min_confidence, Figures.of(now), Figures.of(then), now,
                      tuple(_item(d, describe, lang) for d in details), _speakers(store, period, articles, speakers),
                      _movements(store, scope, period), corpus)  # fmt: skip
