"""Cross-article event coreference: is this reported event one we already hold?

Two reports are the same happening when the PLOVER type matches, the modes do not conflict,
the actors overlap (or one side names none), the places are the same or nearby (or one is a
coarser container of the other), and the dates fall within each other's precision window.
The decision comes with an explanation (which fields matched, and how), stored as JSON, so a
merge can be read and undone. A later report that adds to an ongoing case (an update marker such
as «محجوزات إضافية», same actors and place, later date) is linked to that case with ``continues``
instead of being merged.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field, fields
from typing import Any

from marsad.text.fold import fold

__all__ = [
    "DATE_RANK",
    "PLACE_RANK",
    "CorefSettings",
    "Decision",
    "Mention",
    "compare",
    "content_words",
    "date_interval",
    "decide",
    "haversine_km",
    "is_update",
    "set_overlap",
    "word_overlap",
]

PLACE_RANK = {"town": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4, "unresolved": 5}
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_WORDS = re.compile(r"[\w\u0600-\u06FF]+")
_SPAN_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
#: Folded words that mark a report as an update of an ongoing case.
UPDATE_MARKERS = ("اضافي", "اضافيه", "جديده في قضيه", "مواصله", "استمرار", "تتمه", "في اطار نفس", "ضمن القضيه")


@dataclass(frozen=True, slots=True)
class CorefSettings:
    date_tolerance_days: int = 1
    near_km: float = 50.0
    continues_days: int = 120
    #: evidence word overlap that, with a shared province, makes two reports one happening
    min_overlap: float = 0.15
    #: evidence word overlap that alone (with compatible fields and dates) makes two reports one happening
    same_wording: float = 0.5


@dataclass(frozen=True, slots=True)
class Mention:
    """The fields of one event report (a mention row, or an event row's merged values)."""

    type: str
    mode: str | None = None
    actor_code: str | None = None
    recipient_code: str | None = None
    place_name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_precision: str | None = None
    date_value: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str | None = None
    published: dt.date | None = None
    #: earliest and latest day-precision dates among an event's reports (complete-link on dates)
    day_min: dt.date | None = None
    day_max: dt.date | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Mention:
        values: dict[str, Any] = {k: row.get(k) for k in _MENTION_KEYS}
        return cls(**values)


_MENTION_KEYS = tuple(f.name for f in fields(Mention))


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of comparing a mention with one stored event."""

    compatible: bool
    score: float
    matched: dict[str, str] = field(default_factory=dict)
    date_gap_days: int | None = None
    #: days between the earliest and latest day-precise report, were the two one event
    spread_days: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"score": round(self.score, 3), "matched": dict(self.matched), "date_gap_days": self.date_gap_days}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _last_day(start: dt.date, precision: str | None) -> dt.date:
    """The last day a date of this precision may denote (calendar month and year ends)."""
    if precision == "month":
        following = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return following - dt.timedelta(days=1)
    if precision == "year":
        return start.replace(month=12, day=31)
    return start + dt.timedelta(days=_SPAN_DAYS.get(precision or "day", 1) - 1)


def date_interval(m: Mention) -> tuple[dt.date, dt.date] | None:
    """The days a mention's date may denote; an undated report covers the two days before publication."""
    if m.date_value is not None:
        return m.date_value, m.date_end or _last_day(m.date_value, m.date_precision)
    if m.published is not None:
        return m.published - dt.timedelta(days=2), m.published
    return None


def _date_gap(a: Mention, b: Mention) -> int | None:
    ia, ib = date_interval(a), date_interval(b)
    if ia is None or ib is None:
        return None
    return max(0, (max(ia[0], ib[0]) - min(ia[1], ib[1])).days)


def _days(m: Mention) -> tuple[dt.date, dt.date] | None:
    if m.day_min is not None and m.day_max is not None:
        return m.day_min, m.day_max
    if m.date_value is not None and m.date_precision == "day" and m.date_end is None:
        return m.date_value, m.date_value
    return None


def _day_spread(a: Mention, b: Mention) -> int | None:
    """Days between the earliest and latest day-precise report if ``a`` and ``b`` were one event."""
    da, db = _days(a), _days(b)
    if da is None or db is None:
        return None
    return (max(da[1], db[1]) - min(da[0], db[0])).days


def _actors(m: Mention) -> set[str]:
    return {c for c in (m.actor_code, m.recipient_code) if c}


def _place(a: Mention, b: Mention, near_km: float) -> tuple[str, float] | None:  # noqa: PLR0911 - one exit per relation
    """How the places relate (label, score), or None when they conflict."""
    ra = PLACE_RANK.get(a.place_precision or "unresolved", 5)
    rb = PLACE_RANK.get(b.place_precision or "unresolved", 5)
    if a.country and b.country and a.country != b.country:
        return None
    if max(ra, rb) <= 1 and a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        if km <= 1.0:
            return "same", 1.0
        return ("near", 0.75) if km <= near_km else None
    if a.place_name and b.place_name and fold(a.place_name) == fold(b.place_name):
        return "same_name", 1.0
    if max(ra, rb) <= 2 and a.admin1 and b.admin1:
        return ("same_admin1", 0.5) if a.admin1 == b.admin1 else None
    if a.country and b.country:
        return "same_country", 0.25
    return "unknown", 0.0


def compare(m: Mention, e: Mention, cfg: CorefSettings) -> Decision:
    """Field-by-field comparison of a new report with a stored event, ignoring the date window."""
    if m.type != e.type:
        return Decision(False, 0.0, {"type": "differs"})
    matched: dict[str, str] = {"type": m.type}
    if m.mode and e.mode and m.mode != e.mode:
        return Decision(False, 0.0, {"mode": "differs"})
    matched["mode"] = "same" if m.mode == e.mode else "unspecified"
    score = 0.5 if m.mode and m.mode == e.mode else 0.0
    am, ae = _actors(m), _actors(e)
    if am and ae:
        common = am & ae
        if not common:
            return Decision(False, 0.0, {"actors": "disjoint"})
        matched["actors"] = ",".join(sorted(common))
        matched["actors_all"] = "yes" if common == am | ae and len(common) > 1 else "no"
        score += 1.0 + 0.5 * (common == am | ae)
    else:
        matched["actors"] = "unspecified"
    place = _place(m, e, cfg.near_km)
    if place is None:
        return Decision(False, 0.0, {"place": "differs"})
    matched["place"], place_score = place
    score += place_score
    gap = _date_gap(m, e)
    matched["date"] = "unknown" if gap is None else ("same" if gap == 0 else f"{gap}d apart")
    if gap == 0:
        score += 0.5
    return Decision(True, score, matched, gap, _day_spread(m, e))


def content_words(text: str) -> frozenset[str]:
    """The content words (three letters or more) of a folded text."""
    return frozenset(w for w in _WORDS.findall(text) if len(w) > 2)


def set_overlap(wa: frozenset[str], wb: frozenset[str]) -> float:
    """Jaccard overlap of two :func:`content_words` sets (0 when either is empty)."""
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def word_overlap(a: str, b: str) -> float:
    """Jaccard overlap of the content words (three letters or more) of two folded texts."""
    return set_overlap(content_words(a), content_words(b))


def _strong(d: Decision, overlap: float, cfg: CorefSettings) -> bool:
    """Enough shared detail to call two reports one happening (not just the same type and day):
    a specific shared place; a shared province with shared wording; near-identical wording; or both
    actors on the same day."""
    place = d.matched.get("place")
    if place in {"same", "near", "same_name"}:
        return True
    if place == "same_admin1" and overlap >= cfg.min_overlap:
        return True
    if overlap >= cfg.same_wording:
        return True
    return d.matched.get("actors_all") == "yes" and d.date_gap_days == 0


def decide(m: Mention, e: Mention, cfg: CorefSettings, *, sibling: bool = False,
           overlap: float = 0.0) -> tuple[str, Decision]:  # fmt: skip
    """``merge``, ``continues`` or ``distinct`` for report ``m`` against event ``e``.

    ``sibling``: ``e`` already holds a report from a near-duplicate of ``m``'s article, so type and
    compatible fields suffice. ``overlap``: :func:`word_overlap` of the evidence texts.
    """
    d = compare(m, e, cfg)
    if not d.compatible:
        return "distinct", d
    d = Decision(d.compatible, d.score + overlap, {**d.matched, "wording": f"{overlap:.2f}"}, d.date_gap_days,
                 d.spread_days)  # fmt: skip
    tol = cfg.date_tolerance_days
    within = (d.date_gap_days is None or d.date_gap_days <= tol) and (d.spread_days is None or d.spread_days <= tol)
    if within and (sibling or _strong(d, overlap, cfg)):
        return "merge", d
    gap = d.date_gap_days
    later = gap is not None and cfg.date_tolerance_days < gap <= cfg.continues_days
    if later and d.matched.get("actors", "unspecified") != "unspecified" and _strong(d, overlap, cfg):
        return "continues", d
    return "distinct", d


def is_update(text: str) -> bool:
    """Whether a report's words mark it as an update of an ongoing case («محجوزات إضافية»)."""
    norm = fold(text)
    return any(marker in norm for marker in UPDATE_MARKERS)
