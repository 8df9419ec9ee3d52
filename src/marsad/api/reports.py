"""``/reports/{scope}/{period}.{html|pdf}`` (situation reports, :mod:`marsad.report`) and ``/api/alerts`` (the
fired alerts: the dashboard's list, :mod:`marsad.alerts`)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from marsad.api.core import READ, ApiError, StateDep, bad
from marsad.errors import MarsadError

__all__ = ["router"]

router = APIRouter(dependencies=[READ])
_PERIOD = re.compile(r"^(?P<week>\d{4}-W\d{1,2})$|^(?P<since>\d{4}-\d\d-\d\d)\.\.(?P<until>\d{4}-\d\d-\d\d)$",
                     re.IGNORECASE)  # fmt: skip


@router.get("/reports/{scope}/{period}.{fmt}", tags=["reports"], summary="A situation report (HTML or PDF)",
            responses={200: {"content": {"text/html": {}, "application/pdf": {}}}, 404: {"description": "no store"}})
def report(state: StateDep, scope: str, period: str, fmt: str,
           lang: Annotated[str, Query(pattern="^(ar|en)$", description="ar (right to left) or en")] = "ar",
           min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.3) -> Response:  # fmt: skip
    """``scope``: a country code (MAR), ``maghreb``, ``sahel`` or ``all``; ``period``: an ISO week (2025-W09) or
    ``2025-02-01..2025-02-28``; ``fmt``: html or pdf. The same store and period give the same bytes."""
    # start-up time: the report's plotting and layout libraries load on the first report
    from marsad.report import make_report, parse_period, parse_scope

    m = _PERIOD.match(period)
    if m is None or fmt not in ("html", "pdf"):
        raise bad("expected /reports/SCOPE/PERIOD.html or .pdf, PERIOD an ISO week (2025-W09) or DAY..DAY")
    try:
        target, days = parse_scope(scope), parse_period(m["week"], m["since"], m["until"])
    except MarsadError as exc:
        raise bad(str(exc)) from None
    if days.days > 366:
        raise bad("a report covers at most 366 days")

    def build() -> Any:
        with state.use() as store:
            return make_report(store, target, days, lang=lang, fmt=fmt, min_confidence=min_confidence)

    rendered = state.cached(f"report:{target.key}:{days.label()}:{lang}:{fmt}:{min_confidence}", build)
    name = f"marsad-{target.key}-{days.label()}-{lang}.{fmt}"
    return Response(rendered.content, media_type=rendered.media_type,
                    headers={"Content-Disposition": f'inline; filename="{name}"'})  # fmt: skip


@router.get("/api/alerts", tags=["alerts"], summary="Fired alerts, newest first, with their delivery status")
def alerts(state: StateDep, watch: Annotated[str | None, Query(max_length=80)] = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 50,
           offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:  # fmt: skip
    """What `marsad alerts check` (or `marsad watch --alerts`) fired: each alert's watch, description, event or
    statement, evidence, link and per-channel delivery status."""
    from marsad.alerts import fired

    with state.use() as store:
        try:
            items = fired(store, limit=limit, offset=offset, watch=watch)
        except MarsadError as exc:
            raise ApiError(500, "alerts", str(exc)) from None
    return {"limit": limit, "offset": offset, "items": items}
