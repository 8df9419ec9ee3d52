"""Situation reports: a scope (country, region group, the store) over a period, from the store's evidence.

``make_report(store, scope, period, lang, fmt)`` gathers the figures (:mod:`marsad.report.figures`), draws the
map and timeline (:mod:`marsad.report.charts`) and renders HTML, PDF or Markdown (:mod:`marsad.report.render`).
The same store and period give the same bytes.
"""

from __future__ import annotations

from typing import Any

from marsad.report.figures import Figures, ReportData, build_report
from marsad.report.period import REGIONS, Period, ReportError, Scope, parse_period, parse_scope
from marsad.report.render import FORMATS, Rendered, render

__all__ = ["FORMATS", "REGIONS", "Figures", "Period", "Rendered", "ReportData", "ReportError", "Scope",
           "build_report", "make_report", "parse_period", "parse_scope", "render"]  # fmt: skip


def make_report(store: Any, scope: Scope, period: Period, *, lang: str = "ar", fmt: str = "html",
                min_confidence: float = 0.3, stem: str = "report") -> Rendered:  # fmt: skip
    """The report of ``scope`` over ``period`` from ``store`` (a :class:`marsad.store.Store`), rendered."""
    from marsad.describe import describe

    if fmt not in FORMATS:
        raise ReportError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    data = build_report(store, scope, period, lang=lang, min_confidence=min_confidence,
                        describe=describe)  # type: ignore[arg-type]
    return render(data, fmt, stem)
