"""What a report covers: a scope (a country, a region group, the whole store) and a period of days."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from marsad.errors import MarsadError

__all__ = ["REGIONS", "Period", "ReportError", "Scope", "parse_period", "parse_scope"]

#: Region groups a report may cover, by name (lower case): ISO 3166 alpha-3 codes, in a fixed order.
REGIONS: dict[str, tuple[str, ...]] = {
    "maghreb": ("MAR", "DZA", "TUN", "LBY", "MRT", "ESH"),
    "sahel": ("MRT", "MLI", "BFA", "NER", "TCD"),
}
_WEEK = re.compile(r"^(?P<year>\d{4})-?W(?P<week>\d{1,2})$", re.IGNORECASE)
_CODE = re.compile(r"^[A-Za-z]{3}$")


class ReportError(MarsadError):
    """A report that cannot be made as asked (a bad week, an unknown region): one readable line."""

    code = "E070"


@dataclass(frozen=True, slots=True)
class Scope:
    """``key`` names the scope in file names and URLs (``MAR``, ``maghreb``, ``all``); ``countries`` is empty
    for the whole store."""

    key: str
    countries: tuple[str, ...]

    @property
    def whole_store(self) -> bool:
        return not self.countries


@dataclass(frozen=True, slots=True)
class Period:
    """The days ``start`` … ``until``, both included."""

    start: dt.date
    until: dt.date

    @property
    def days(self) -> int:
        return (self.until - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one (what the headline figures compare with)."""
        return Period(self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1))

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.until

    def label(self) -> str:
        iso = self.start.isocalendar()
        if self.days == 7 and iso.weekday == 1:
            return f"{iso.year}-W{iso.week:02d}"
        return f"{self.start.isoformat()}..{self.until.isoformat()}"


def parse_scope(value: str | None) -> Scope:
    """``MAR`` (a country code), ``Maghreb`` / ``Sahel`` (a region group) or ``all`` / nothing (the store)."""
    text = (value or "all").strip()
    if text.lower() in ("all", "*", ""):
        return Scope("all", ())
    if text.lower() in REGIONS:
        return Scope(text.lower(), REGIONS[text.lower()])
    if _CODE.match(text):
        return Scope(text.upper(), (text.upper(),))
    raise ReportError(f"unknown scope {text!r}: give a country code (MAR), a region ({', '.join(REGIONS)}) or all")


def _week(value: str) -> Period:
    m = _WEEK.match(value.strip())
    if not m:
        raise ReportError(f"not an ISO week (YYYY-Www, e.g. 2025-W09): {value!r}")
    try:
        start = dt.date.fromisocalendar(int(m["year"]), int(m["week"]), 1)
    except ValueError:
        raise ReportError(f"no such ISO week: {value!r}") from None
    return Period(start, start + dt.timedelta(days=6))


def _day(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ReportError(f"--{what} is not a date (YYYY-MM-DD): {value!r}") from None


def parse_period(week: str | None = None, since: str | None = None, until: str | None = None,
                 today: dt.date | None = None) -> Period:  # fmt: skip
    """A week (``2025-W09``), or ``since``/``until`` days; neither: the last complete ISO week before ``today``."""
    if week and (since or until):
        raise ReportError("give --week or --since/--until, not both")
    if week:
        return _week(week)
    if since or until:
        end = _day(until, "until") if until else (today or dt.date.today())
        start = _day(since, "since") if since else end - dt.timedelta(days=6)
        if start > end:
            raise ReportError(f"--since {start} is after --until {end}")
        return Period(start, end)
    day = today or dt.date.today()
    monday = day - dt.timedelta(days=day.weekday())
    return Period(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1))
