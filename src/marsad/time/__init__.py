"""Arabic time expressions resolved against the publication date, with a precision.

Public API::

    find_time_expressions(text, published) -> list[TimeRef]   # every expression, by offset
    resolve_expression(expr, published) -> TimeRef | None    # one expression
    parse_published(value) -> date | None                     # publication-date strings

See :mod:`marsad.time.find` for the method and :mod:`marsad.time.calendar` for the precision
conventions (week → Monday, month → the 1st, year → 1 January).
"""

from marsad.time.find import find_time_expressions, resolve_expression
from marsad.time.published import parse_published

__all__ = ["find_time_expressions", "parse_published", "resolve_expression"]
