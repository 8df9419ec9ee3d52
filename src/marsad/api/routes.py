"""Read endpoints: events (list, GeoJSON, timeline, detail), relations, dyads, actors, entities, quotes,
articles, stats. Every one is open on localhost unless ``serve.read_requires_token`` is set."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from marsad.api import sql
from marsad.api.answer import reader
from marsad.api.core import (
    READ,
    ApiError,
    FiltersDep,
    PagingDep,
    SortDep,
    StateDep,
    bad,
    parse_code,
    parse_date,
    parse_iso3,
)
from marsad.api.models import (
    Actor,
    ArticleSummary,
    Dyad,
    Entity,
    Event,
    EventDetail,
    Figures,
    GeoFeatureCollection,
    IndexPoint,
    Page,
    Quote,
    Relation,
    TimelinePoint,
)
from marsad.store import views

__all__ = ["router"]

router = APIRouter(prefix="/api", dependencies=[READ])
read = reader(router)  # router.get, the answer validated in the endpoint's thread (marsad.api.answer)
Filters = FiltersDep
Paging = PagingDep
Sort = SortDep
_404: dict[int | str, dict[str, Any]] = {404: {"description": "no such id"}}


@read("/events", Page[Event], tags=["events"], summary="Merged events, filtered and paged")
def list_events(state: StateDep, filters: Filters, page: Paging, sort: Sort) -> dict[str, Any]:
    """Events newest first, or by ``sort``; ``total`` counts every match so a client can page with
    ``limit``/``offset``."""
    with state.use() as store:
        rows = store.events(**filters.as_kwargs(), limit=page.limit, offset=page.offset, sort=sort)
        total = sql.count_events(store.db, filters)
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": rows}


@router.get("/events.geojson", tags=["events"], response_model=GeoFeatureCollection,
            summary="Located events as GeoJSON points")  # fmt: skip
def events_geojson(state: StateDep, filters: Filters,
                   limit: Annotated[int | None, Query(description="features at most")] = None) -> JSONResponse:
    """The same filters as ``/api/events``; events without coordinates are left out. Newest first, at most
    ``serve.geojson_max`` features (``truncated`` says when more matched)."""
    top = state.settings.geojson_max
    limit = top if limit is None else limit
    if not 1 <= limit <= top:
        raise bad(f"limit: between 1 and {top} features, got {limit}")
    with state.use() as store:
        features, total = sql.geo_events(store.db, filters, limit)
    # Plain JSON built by the query (thousands of features): no second pass through the response model.
    body = {"type": "FeatureCollection", "features": features, "total": total, "truncated": total > len(features)}
    return JSONResponse(body)


@read("/timeline", list[TimelinePoint], tags=["events"],
            summary="Events and fatalities per day, week or month and type")  # fmt: skip
def timeline(state: StateDep, filters: Filters,
             granularity: Annotated[Literal["day", "week", "month"], Query(description="the period of a point")]
             = "month") -> Any:  # fmt: skip
    """The same filters as ``/api/events``; undated events are left out, weeks start on Monday."""
    with state.use() as store:
        return views.timeline(store.db, granularity, **filters.as_kwargs())


@read("/figures", Figures, tags=["events"],
            summary="Header figures: events, fatalities, reports, located or not, date span")  # fmt: skip
def figures(state: StateDep, filters: Filters) -> Any:
    """The same filters as ``/api/events``: the figures of exactly the events the list pages through."""
    with state.use() as store:
        return views.figures(store.db, **filters.as_kwargs())


@read("/events/{event_id}", EventDetail, tags=["events"], responses=_404,
            summary="One event with every mention and its evidence")  # fmt: skip
def get_event(state: StateDep, event_id: str) -> Any:
    with state.use() as store:
        detail = store.event(event_id)
    if detail is None:
        raise ApiError(404, "not_found", f"no event with id {event_id[:80]!r}")
    return detail


@read("/relations", Page[Relation], tags=["relations"],
            summary="Statements about relations between states")  # fmt: skip
def list_relations(state: StateDep, page: Paging,
                   a: Annotated[str | None, Query(description="one state of the pair (ISO3); needs b")] = None,
                   b: Annotated[str | None, Query(description="the other state (ISO3)")] = None,
                   type: Annotated[str | None, Query(description="PLOVER type, e.g. COOPERATE")] = None,
                   since: str | None = None, until: str | None = None) -> dict[str, Any]:  # fmt: skip
    x, y = parse_iso3(a, "a"), parse_iso3(b, "b")
    if (x is None) != (y is None):
        raise bad("a and b go together: give both states of the pair, e.g. a=MAR&b=DZA")
    pair = (x, y) if x and y else None
    start, end = parse_date(since, "since"), parse_date(until, "until")
    kind = type.upper() if type else None
    with state.use() as store:
        rows = store.relations(pair=pair, type=kind, since=start, until=end, limit=page.limit, offset=page.offset)
        total = sql.count_relations(store.db, pair, kind, start, end)
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": rows}


@read("/relations/index", list[IndexPoint], tags=["relations"],
            summary="A dyad's monthly cooperation index")  # fmt: skip
def cooperation_index(state: StateDep, a: Annotated[str, Query(description="ISO3, e.g. MAR")],
                      b: Annotated[str, Query(description="ISO3, e.g. DZA")]) -> Any:  # fmt: skip
    """Per month: Σ polarity·confidence / Σ confidence over statements about the pair, in [-1, 1], with counts."""
    x, y = parse_iso3(a, "a"), parse_iso3(b, "b")
    if x == y:
        raise bad("a and b must be two different states")
    with state.use() as store:
        return store.cooperation_index(x, y)


@read("/dyads", list[Dyad], tags=["relations"],
            summary="Every pair of states with their overall polarity (the network)")  # fmt: skip
def list_dyads(state: StateDep, filters: Filters) -> Any:
    """The event filters that apply to relations: dates (of publication), type, country (every pair with
    it: all its partners), actor (by any name) and the confidence floor; mode, near and text do not."""
    with state.use() as store:
        return sql.dyads(store.db, filters)


@read("/actors", Page[Actor], tags=["entities"], summary="Actors by number of events")
def list_actors(state: StateDep, page: Paging) -> dict[str, Any]:
    with state.use() as store:
        rows = store.actors(limit=page.limit, offset=page.offset)
        total = sql.count(store.db, "SELECT actor_code AS c FROM events WHERE actor_code IS NOT NULL UNION"
                          " SELECT recipient_code FROM events WHERE recipient_code IS NOT NULL", [])  # fmt: skip
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": rows}


@read("/entities", Page[Entity], tags=["entities"],
            summary="Canonical entities named in articles")  # fmt: skip
def list_entities(state: StateDep, page: Paging,
                  q: Annotated[str | None, Query(max_length=100, description="name (Arabic or English) or id")] = None,
                  kind: Annotated[str | None, Query(description="state, agency, group, media, person, org …")] = None,
                  ) -> dict[str, Any]:  # fmt: skip
    kind = parse_code(kind, "kind")
    with state.use() as store:
        rows, total = sql.entities(store.db, q or None, kind, page.limit, page.offset)
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": rows}


@read("/quotes", Page[Quote], tags=["quotes"], summary="Attributed statements")
def list_quotes(state: StateDep, page: Paging,
                speaker: Annotated[str | None, Query(max_length=100, description="name, code or entity id")] = None,
                ) -> dict[str, Any]:  # fmt: skip
    with state.use() as store:
        rows = store.quotes(speaker=speaker or None, limit=page.limit, offset=page.offset)
        total = sql.count_quotes(store.db, speaker or None)
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": rows}


@read("/articles", Page[ArticleSummary], tags=["articles"], summary="Stored articles")
def list_articles(state: StateDep, page: Paging,
                  q: Annotated[str | None, Query(max_length=200, description="words in the title, or an id")] = None,
                  source: str | None = None, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    start, end = parse_date(since, "since"), parse_date(until, "until")
    with state.use() as store:
        rows, total = sql.articles(store.db, q or None, source or None, start, end, page.limit, page.offset)
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": rows}


@read("/articles/{article_id:path}", dict[str, Any], tags=["articles"], responses=_404,
            summary="One article's output-contract record (text and analysis) with its store links")  # fmt: skip
def get_article(state: StateDep, article_id: str) -> dict[str, Any]:
    with state.use() as store:
        record: dict[str, Any] | None = store.article(article_id)
    if record is None:
        raise ApiError(404, "not_found", f"no article with id {article_id[:80]!r}")
    return record


@read("/stats", dict[str, Any], tags=["meta"], summary="Row counts, event types, date span, schema version")
def stats(state: StateDep) -> dict[str, Any]:
    with state.use() as store:
        out: dict[str, Any] = store.stats()
    out.pop("location", None)  # the server's file path is none of a client's business
    return out
