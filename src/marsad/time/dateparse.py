"""The :mod:`dateparser` fallback for a date string the Arabic grammar does not read (French and
English strings, odd formats). A leaf below :mod:`marsad.time.find` (one expression) and
:mod:`marsad.time.published` (publication dates, which re-exports it).
"""

from __future__ import annotations

import datetime as dt
import logging

__all__ = ["dateparser_parse"]

logger = logging.getLogger(__name__)

_MAX_DATEPARSER_CHARS = 120
_PERIODS = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}


def dateparser_parse(expr: str, base: dt.date | None) -> tuple[dt.date, str] | None:
    """``(date, precision)`` from dateparser (ar, en, fr), relative to ``base``, or None.

    Without ``base`` only complete dates (day, month and year) are accepted, so the result never
    depends on today's date.
    """
    if not expr.strip() or len(expr) > _MAX_DATEPARSER_CHARS:
        return None
    # start-up time: dateparser takes about a second to import, and most texts never need it
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(12))
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    try:
        data = DateDataParser(languages=["ar", "en", "fr"], settings=settings).get_date_data(expr)
    except Exception:  # dateparser raises assorted errors on odd input; fall through to None
        logger.debug("dateparser failed on %r", expr, exc_info=True)
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), _PERIODS.get(data.period or "day", "day")
