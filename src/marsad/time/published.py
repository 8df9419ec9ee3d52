"""Publication dates as news sites print them, and the dateparser fallback.

Order of attempts in :func:`parse_published`: an ISO date or datetime; the Arabic grammar of
:mod:`marsad.time.find` (day-precision absolute dates: «الجمعة 02 أكتوبر 2020 - 19:37»,
«02/10/2020», «15 رمضان 1446 هـ», every month-name family, Eastern digits); an RFC 2822 date
(RSS feeds); then :mod:`dateparser` (French and English strings), which is imported lazily
because it takes about a second to load.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re

from marsad.text.fold import fold
from marsad.time.dateparse import dateparser_parse
from marsad.time.find import find_time_expressions

__all__ = ["dateparser_parse", "parse_published"]

logger = logging.getLogger(__name__)

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s]\d)")


def _iso(value: str) -> dt.date | None:
    m = _ISO.match(fold(value))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _rfc2822(value: str) -> dt.date | None:
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date() if parsed else None


def _grammar(value: str) -> dt.date | None:
    for ref in find_time_expressions(value, None):
        if ref.value is not None and ref.precision == "day":
            return ref.value
    return None


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """The publication date in ``value`` (a string as printed by a news site), or None.

    ``date`` and ``datetime`` values pass through (as a ``date``). Never raises.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    for attempt in (_iso, _grammar, _rfc2822):
        found = attempt(value)
        if found is not None:
            return found
    parsed = dateparser_parse(value, None)
    return parsed[0] if parsed else None
