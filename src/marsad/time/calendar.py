"""Calendar arithmetic for the resolvers: weeks, month shifts, Hijri ⇄ Gregorian.

Conventions (``../shared/docs/annotation-guide.md``, scoring section): a week-precision date is
the Monday of that week, a month-precision date the 1st, a year-precision date the 1st of
January. Each helper returns ``(value, end_value)`` where ``end_value`` is the last day of the
period.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt

from hijridate import Gregorian, Hijri

__all__ = [
    "Period",
    "hijri_date",
    "hijri_month",
    "hijri_today",
    "month_period",
    "nearest_weekday",
    "shift_month",
    "week_period",
    "year_period",
]

Period = tuple[dt.date, dt.date]


def week_period(day: dt.date) -> Period:
    """The Monday-to-Sunday week containing ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_period(year: int, month: int) -> Period:
    """The first and last day of a Gregorian month."""
    last = _cal.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def year_period(year: int) -> Period:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def nearest_weekday(anchor: dt.date, weekday: int) -> dt.date:
    """The day with Python weekday ``weekday`` closest to ``anchor`` (within ±3 days)."""
    delta = (weekday - anchor.weekday()) % 7
    if delta > 3:
        delta -= 7
    return anchor + dt.timedelta(days=delta)


def _plain(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, day.day)


def hijri_today(day: dt.date) -> tuple[int, int, int]:
    """The Umm al-Qura Hijri (year, month, day) of a Gregorian date (raises OverflowError)."""
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    return h.year, h.month, h.day


def hijri_date(year: int, month: int, day: int) -> dt.date | None:
    """A Hijri date as a Gregorian ``date``, or None outside the calendar's range or month."""
    try:
        first = Hijri(year, month, 1)
        if not 1 <= day <= first.month_length():
            return None
        return _plain(Hijri(year, month, day).to_gregorian())
    except (OverflowError, ValueError):
        return None


def hijri_month(year: int, month: int) -> Period | None:
    """The Gregorian first and last day of a Hijri month, or None outside the range."""
    try:
        first = Hijri(year, month, 1)
        last = Hijri(year, month, first.month_length())
        return _plain(first.to_gregorian()), _plain(last.to_gregorian())
    except (OverflowError, ValueError):
        return None
