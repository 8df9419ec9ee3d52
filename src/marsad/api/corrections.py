"""An analyst's corrections of an event: ``POST /api/events/{id}/corrections`` (the write token) and its
audit trail, ``GET /api/events/{id}/corrections`` (:mod:`marsad.store.corrections`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from marsad.api.core import READ, WRITE, ApiError, StateDep
from marsad.api.models import ApiErrorBody, Correction, CorrectionRequest
from marsad.store.corrections import CorrectionError

__all__ = ["router"]

router = APIRouter(prefix="/api")
_WRITE: dict[int | str, dict[str, Any]] = {
    400: {"model": ApiErrorBody, "description": "a field that cannot be corrected, or a value of the wrong kind"},
    401: {"model": ApiErrorBody, "description": "no bearer token"},
    403: {"model": ApiErrorBody, "description": "wrong token, or writes disabled (no MARSAD_API_TOKEN)"},
    404: {"model": ApiErrorBody, "description": "no such event"},
}  # fmt: skip


@router.post("/events/{event_id}/corrections", tags=["events"], response_model=list[Correction], responses=_WRITE,
             dependencies=[WRITE], summary="Correct an event's fields or flag it (write token)")
def correct_event(state: StateDep, event_id: str, body: CorrectionRequest) -> Any:
    """Stored with an audit trail (who, when, old, new, note), applied at once and again after every
    ingest (a re-ingest never loses it), and shown in the event lists and the exports."""
    with state.writing() as store:
        if store.event(event_id) is None:
            raise ApiError(404, "not_found", f"no event with id {event_id[:80]!r}")
        try:
            rows = store.correct(event_id, author=body.author, note=body.note, values=body.values, flag=body.flag,
                                 unflag=body.unflag)  # fmt: skip
        except CorrectionError as exc:
            raise ApiError(400, "bad_parameter", str(exc)) from None
    state.invalidate()
    return rows


@router.get("/events/{event_id}/corrections", tags=["events"], response_model=list[Correction],
            dependencies=[READ], summary="An event's audit trail of corrections")  # fmt: skip
def event_corrections(state: StateDep, event_id: str) -> Any:
    with state.use() as store:
        return store.corrections(event_id)
