"""The actor and country pages' data (``/api/actors/{code}``, ``/api/countries/{code}``) and the outlets
reporting the filtered events (``/api/sources``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from marsad.api import sql
from marsad.api.core import READ, ApiError, EventFilters, FiltersDep, StateDep, parse_code, parse_iso3
from marsad.api.models import Profile, Source
from marsad.names import actor_codes, actor_names
from marsad.store import views

__all__ = ["router"]

router = APIRouter(prefix="/api", dependencies=[READ])
_404: dict[int | str, dict[str, Any]] = {404: {"description": "not in the actor KB and in no event"}}
Items = Annotated[int, Query(ge=1, le=200, description="events and statements at most")]


def _profile(store: Any, code: str, events: EventFilters, partners: EventFilters, limit: int) -> dict[str, Any]:
    """The page's data: ``events`` select its events, ``partners`` its statements about relations."""
    known = actor_names().get(code)
    codes = [c for c in actor_codes(code) if c in actor_names() or c == code]
    figures = views.figures(store.db, **events.as_kwargs())
    if known is None and figures.events == 0:
        raise ApiError(404, "not_found", f"no actor or country {code[:40]!r} in the actor KB or in an event")
    return {
        "code": code, "name_ar": known.ar if known else None, "name_en": known.en if known else None,
        "kind": known.kind if known else None, "country": known.country if known else None, "figures": figures,
        "events": store.events(**events.as_kwargs(), limit=limit), "quotes": views.quotes_by(store.db, codes, limit),
        "partners": sql.dyads(store.db, partners), "index": views.cooperation_of(store.db, codes),
    }  # fmt: skip


@router.get("/actors/{code}", tags=["entities"], response_model=Profile, responses=_404,
            summary="An actor's page: figures, events, statements, partners, cooperation index")  # fmt: skip
def actor_profile(state: StateDep, code: str, limit: Items = 20) -> Any:
    """Events where the actor (a state: or one of its agencies) acts or is acted on, newest first; its
    statements; every state it has relations with, and its monthly cooperation index with all of them."""
    key = parse_code(code, "code") or ""
    with state.use() as store:
        return _profile(store, key, EventFilters(actor=key), EventFilters(actor=key), limit)


@router.get("/countries/{code}", tags=["entities"], response_model=Profile, responses=_404,
            summary="A country's page: figures, events there, statements, partners, cooperation index")  # fmt: skip
def country_profile(state: StateDep, code: str, limit: Items = 20) -> Any:
    """Events that happened in the country (ISO3), newest first; the statements of its state and agencies;
    every state it has relations with (all its partners), and its monthly cooperation index."""
    iso3 = parse_iso3(code, "code") or ""
    with state.use() as store:
        return _profile(store, iso3, EventFilters(country=iso3), EventFilters(country=iso3), limit)


@router.get("/sources", tags=["articles"], response_model=list[Source],
            summary="The outlets reporting the filtered events, with a link to one of their articles")  # fmt: skip
def list_sources(state: StateDep, filters: FiltersDep,
                 limit: Annotated[int, Query(ge=1, le=1000, description="outlets at most")] = 100) -> Any:
    """The same filters as ``/api/events``; ``/api/articles?source=…`` lists an outlet's articles with their
    links, and each mention of ``/api/events/{id}`` carries its article's ``url``."""
    with state.use() as store:
        return views.sources(store.db, limit=limit, **filters.as_kwargs())
