"""Resolvers: turn the groups of a grammar match into ``(value, end_value, precision)``.

Relative expressions are resolved against the publication date; without one they come back
unresolved ``(None, None, None)``. Day-precision results have no ``end_value``; week, month and
year results carry the period's first day (Monday, the 1st, 1 January) and its last day.
Spans («خلال السنوات القليلة الماضية») run from the start of the earliest period to the
publication date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from marsad.datafiles import read_tsv
from marsad.time import calendar as cal
from marsad.time import lexicon as lx
from marsad.time.grammar import UNITS

__all__ = ["UNRESOLVED", "Resolved", "direction", "resolve"]

Resolved = tuple[dt.date | None, dt.date | None, str | None]
Groups = Mapping[str, str | None]
UNRESOLVED: Resolved = (None, None, None)

_RELDAY_OFFSETS = {r["word"]: int(r["offset"]) for r in read_tsv("marsad.time", "data/relative_days.tsv")}
_HIJRI_ERAS = frozenset({"ه", "هجري", "هجريه", "للهجره"})
_SPAN_UNITS = {
    "الايام": "day", "الاسابيع": "week", "الاشهر": "month", "الشهور": "month",
    "السنوات": "year", "الاعوام": "year", "السنين": "year",
}  # fmt: skip
#: duals: «خلال اليومين الأخيرين» is the two days before the publication date
_DUAL_UNITS = {"اليومين": "day", "الاسبوعين": "week", "الشهرين": "month", "العامين": "year", "السنتين": "year"}


def _words(s: str | None) -> str:
    return " ".join(s.split()) if s else ""


def direction(mod: str | None) -> str | None:
    """'past', 'future', 'present' or None for a folded modifier word."""
    if not mod:
        return None
    if mod in lx.PAST_MODIFIERS or mod in ("الاخيره", "الاخيرين", "الماضيين"):
        return "past"
    if mod in ("المقبلين", "القادمين"):  # the dual: «خلال الشهرين المقبلين»
        return "future"
    if mod in lx.FUTURE_MODIFIERS:
        return "future"
    return "present" if mod in lx.PRESENT_MODIFIERS else None


def _day_number(g: Groups) -> int:
    if g.get("dn"):
        return int(g["dn"] or 0)
    return lx.ORDINAL_DAYS[_words(g.get("do"))]


def _pick(cands: list[cal.Period], pub: dt.date, way: str | None) -> cal.Period | None:
    """The candidate period the modifier points to: past, future, or the one nearest ``pub``
    (a future candidate counts twice as far away as a past one)."""
    if way == "past":
        before = [c for c in cands if c[1] < pub]
        return max(before) if before else None
    if way == "future":
        after = [c for c in cands if c[0] > pub]
        return min(after) if after else None

    def distance(c: cal.Period) -> tuple[int, dt.date]:
        if c[0] <= pub <= c[1]:
            return 0, c[0]
        if c[1] < pub:
            return (pub - c[1]).days, c[0]
        return 2 * (c[0] - pub).days, c[0]  # news reports the past more than the future

    return min(cands, key=distance) if cands else None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _hijri_year_of(pub: dt.date) -> int:
    return cal.hijri_today(pub)[0]


def _date(g: Groups, pub: dt.date | None) -> Resolved:
    day, name, way = _day_number(g), _words(g.get("mon")), direction(g.get("mod"))
    year = int(g["y"] or 0) if g.get("y") else None
    if name in lx.HIJRI_MONTHS:
        month = lx.HIJRI_MONTHS[name]
        if year is not None:
            value = cal.hijri_date(year, month, day)
            return (value, None, "day") if value else UNRESOLVED
        if pub is None:
            return UNRESOLVED
        hy = _hijri_year_of(pub)
        cands = [(d, d) for y in (hy - 1, hy, hy + 1) if (d := cal.hijri_date(y, month, day))]
    else:
        month = lx.GREGORIAN_MONTHS[name]
        if year is not None:
            value = _safe_date(year, month, day)
            ok = value is not None and g.get("era") not in _HIJRI_ERAS
            return (value, None, "day") if ok else UNRESOLVED
        if pub is None:
            return UNRESOLVED
        years = (pub.year - 1, pub.year, pub.year + 1)
        cands = [(d, d) for y in years if (d := _safe_date(y, month, day))]
    chosen = _pick(cands, pub, way)
    return (chosen[0], None, "day") if chosen else UNRESOLVED


def _hijri_months_around(hy: int, month: int) -> list[cal.Period]:
    return [p for y in (hy - 1, hy, hy + 1) if (p := cal.hijri_month(y, month))]


def _month_year(g: Groups, pub: dt.date | None) -> Resolved:
    name, year = _words(g.get("mon")), int(g["y"] or 0)
    if name in lx.HIJRI_MONTHS:
        month = lx.HIJRI_MONTHS[name]
        if year >= 1800:  # «رمضان 2025»: the Hijri month that begins in that Gregorian year
            mid = _hijri_year_of(dt.date(year, 7, 1))
            found = [p for p in _hijri_months_around(mid, month) if p[0].year == year]
            return (found[0][0], found[0][1], "month") if found else UNRESOLVED
        period = cal.hijri_month(year, month)
        return (period[0], period[1], "month") if period else UNRESOLVED
    if g.get("era") in _HIJRI_ERAS or year < 1800:
        return UNRESOLVED
    first, last = cal.month_period(year, lx.GREGORIAN_MONTHS[name])
    return first, last, "month"


def _month_rel(g: Groups, pub: dt.date | None) -> Resolved:
    if pub is None:
        return UNRESOLVED
    name, way = _words(g.get("mon")), direction(g.get("mod"))
    if name in lx.HIJRI_MONTHS:
        cands = _hijri_months_around(_hijri_year_of(pub), lx.HIJRI_MONTHS[name])
    else:
        month = lx.GREGORIAN_MONTHS[name]
        cands = [cal.month_period(y, month) for y in (pub.year - 1, pub.year, pub.year + 1)]
    chosen = _pick(cands, pub, way)
    return (chosen[0], chosen[1], "month") if chosen else UNRESOLVED


def _numeric(g: Groups, pub: dt.date | None) -> Resolved:
    if g.get("y"):
        y, m, d = int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0)
        if m > 12 >= d:  # month-first (US) order
            m, d = d, m
    else:
        y, m, d = int(g["y2"] or 0), int(g["m2"] or 0), int(g["d2"] or 0)
    value = _safe_date(y, m, d) if 1800 <= y <= 2100 else None
    return (value, None, "day") if value else UNRESOLVED


def _year(g: Groups, pub: dt.date | None) -> Resolved:
    raw = g.get("y") or g.get("ye") or g.get("yf") or g.get("yd") or "0"
    year, era = int(raw), g.get("era") or g.get("era2")
    if era in _HIJRI_ERAS or year < 1600:
        first = cal.hijri_date(year, 1, 1)
        last_month = cal.hijri_month(year, 12)
        return (first, last_month[1], "year") if first and last_month else UNRESOLVED
    last = int(g.get("y2") or g.get("yd2") or year)
    last = max(last, year)
    return dt.date(year, 1, 1), dt.date(last, 12, 31), "year"


def _relday(g: Groups, pub: dt.date | None) -> Resolved:
    if pub is None:
        return UNRESOLVED
    offset = _RELDAY_OFFSETS[_words(g.get("rel"))]
    day = pub + dt.timedelta(days=offset)
    if g.get("wd"):
        wd = lx.WEEKDAYS[g["wd"] or ""]
        if offset < 0:  # «أمس الثلاثاء»: that weekday, on or before the day named
            day -= dt.timedelta(days=(day.weekday() - wd) % 7)
        elif offset > 0:  # «غدا الخميس»: on or after
            day += dt.timedelta(days=(wd - day.weekday()) % 7)
        else:  # «اليوم الأربعاء»: the Wednesday of the publication week (nearest)
            day = cal.nearest_weekday(day, wd)
    return day, None, "day"


def _weekday(g: Groups, pub: dt.date | None) -> Resolved:
    if pub is None:
        return UNRESOLVED
    wd, way = lx.WEEKDAYS[g["wd"] or ""], direction(g.get("mod"))
    if way == "future":
        delta = (wd - pub.weekday()) % 7 or 7
        return pub + dt.timedelta(days=delta), None, "day"
    back = (pub.weekday() - wd) % 7
    if way == "past" and back == 0:
        back = 7
    if way == "present":
        return cal.nearest_weekday(pub, wd), None, "day"
    return pub - dt.timedelta(days=back), None, "day"


def _shifted(unit: str, pub: dt.date, n: int) -> tuple[dt.date, dt.date | None, str]:
    """The period ``n`` units away from ``pub`` (negative: before), at the unit's precision."""
    if unit == "day":
        return pub + dt.timedelta(days=n), None, "day"
    if unit == "week":
        first, last = cal.week_period(pub + dt.timedelta(days=7 * n))
        return first, last, "week"
    if unit == "month":
        first, last = cal.month_period(*cal.shift_month(pub.year, pub.month, n))
        return first, last, "month"
    if unit == "year":
        first, last = cal.year_period(pub.year + n)
        return first, last, "year"
    return pub, None, "day"  # hours


def _relspan(g: Groups, pub: dt.date | None) -> Resolved:
    if pub is None:
        return UNRESOLVED
    unit, count = UNITS[g["unit"] or ""]
    raw = g.get("n")
    if raw:
        count = int(raw) if raw.isdigit() else lx.CARDINALS[raw]
    sign = 1 if g.get("dir") == "بعد" else -1
    if count == 0:  # «قبل أيام»: a few days; «قبل أسابيع»: a few weeks
        if unit == "day":
            first, last = cal.week_period(pub + dt.timedelta(days=3 * sign))
            return first, last, "week"
        if unit == "week":
            first, last = cal.week_period(pub + dt.timedelta(days=14 * sign))
            return first, last, "week"
        return (pub, None, "day") if unit == "hour" else UNRESOLVED
    if unit == "hour":
        return pub + dt.timedelta(hours=count * sign), None, "day"
    return _shifted(unit, pub, count * sign)


def _lastspan(g: Groups, pub: dt.date | None) -> Resolved:
    if pub is None:
        return UNRESOLVED
    sign = 1 if direction(g.get("mod")) == "future" else -1
    if (g["unit"] or "") in _DUAL_UNITS:
        return _dual_span(_DUAL_UNITS[g["unit"] or ""], pub, sign)
    unit = _SPAN_UNITS[g["unit"] or ""]
    if unit == "day":  # «خلال الأيام الماضية»: the past few days, at week precision
        monday = cal.week_period(pub + dt.timedelta(days=3 * sign))[0]
        return (monday, pub, "week") if sign < 0 else (pub, pub + dt.timedelta(days=7), "week")
    far, near = _shifted(unit, pub, sign * 3), _shifted(unit, pub, 0)
    if sign < 0:
        return far[0], pub, far[2]
    return near[0], far[1] or far[0], far[2]


def _dual_span(unit: str, pub: dt.date, sign: int) -> Resolved:
    """«اليومين الأخيرين»: from two units before the publication date to it (after it: «المقبلين»);
    two days are a week-precision span (its Monday first, as the calendar's weeks are)."""
    far = _shifted(unit, pub, 2 * sign)
    if unit == "day":
        first = cal.week_period(pub - dt.timedelta(days=1))[0] if sign < 0 else pub
        return first, pub if sign < 0 else far[0], "week"
    return (far[0], pub, far[2]) if sign < 0 else (pub, far[1] or far[0], far[2])


def _period(g: Groups, pub: dt.date | None) -> Resolved:
    if pub is None:
        return UNRESOLVED
    unit = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year"}[g["per"] or ""]
    way = direction(g.get("mod"))
    return _shifted(unit, pub, {"past": -1, "future": 1}.get(way or "", 0))


def _day_of_period(g: Groups, pub: dt.date | None) -> Resolved:
    if pub is None:
        return UNRESOLVED
    way = direction(g.get("mod"))
    y, m = cal.shift_month(pub.year, pub.month, {"past": -1, "future": 1}.get(way or "", 0))
    value = _safe_date(y, m, _day_number(g))
    return (value, None, "day") if value else UNRESOLVED


_RESOLVERS: Mapping[str, Callable[[Groups, dt.date | None], Resolved]] = {
    "date": _date, "month_year": _month_year, "month_rel": _month_rel, "numeric": _numeric,
    "year": _year, "relday": _relday, "weekday": _weekday, "relspan": _relspan,
    "lastspan": _lastspan, "period": _period, "day_of_period": _day_of_period,
}  # fmt: skip


def resolve(kind: str, groups: Groups, published: dt.date | None) -> Resolved:
    """Resolve one match; anything out of calendar range comes back unresolved."""
    try:
        return _RESOLVERS[kind](groups, published)
    except (ValueError, OverflowError, KeyError):
        return UNRESOLVED
