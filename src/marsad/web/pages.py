"""The dashboard's pages: ``/`` (first screen, map, timeline, network, table), ``/events/{id}``, ``/articles/{id}``,
``/actors/{code}``, ``/countries/{iso3}``, and the map's offline labels and actor names (``/ui/*.json``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from marsad.api import sql
from marsad.api.core import TOKEN_COOKIE, ApiError, ApiState, EventFilters, event_filters, require_read
from marsad.records import EVENT_TYPES, STATUSES
from marsad.store import views
from marsad.store.queries import order_by
from marsad.web import figures
from marsad.web.geo import labels
from marsad.web.i18n import (
    ACTORS,
    COUNTRIES,
    MODES,
    PRECISIONS,
    STRINGS,
    TYPES,
    Lang,
    actor_name,
    country_name,
    mode_name,
    precision_name,
    type_name,
)
from marsad.web.profiles import profile
from marsad.web.text import inert, plain, segments

__all__ = ["mount_dashboard"]

HERE = Path(__file__).parent
LANG_COOKIE = "marsad_lang"
_FILTER_KEYS = ("country", "type", "actor", "since", "until", "text", "mode", "near", "min_confidence")
_VIEW_KEYS = ("sort", "unlocated")  # the table's own view of the filtered events
_LATEST = 6  # events on the first screen
_CORRECTIONS = "/api/events/{event_id}/corrections"  # the API's analyst corrections, where the server has them


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)  # fmt: skip
    env.filters["inert"] = inert
    env.filters["plain"] = plain
    env.filters["pct"] = lambda v: f"{round(float(v or 0) * 100)}%"
    return Jinja2Templates(env=env)


def _lang(request: Request) -> Lang:
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or "ar"
    return "en" if asked == "en" else "ar"


def _url(request: Request, **changes: Any) -> str:
    params = dict(request.query_params)
    params.pop("lang", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + ("?" + query if query else "")


def _context(request: Request, lang: Lang, **extra: Any) -> dict[str, Any]:
    state: ApiState = request.app.state.marsad
    t = STRINGS[lang]
    i = 0 if lang == "ar" else 1
    client = {"lang": lang, "t": t, "types": {k: v[i] for k, v in TYPES.items()},
              "countries": {k: v[i] for k, v in COUNTRIES.items()}, "modes": {k: v[i] for k, v in MODES.items()},
              "precisions": {k: v[i] for k, v in PRECISIONS.items()},
              "tile_url": state.settings.tile_url, "tile_attribution": state.settings.tile_attribution}  # fmt: skip
    return {"request": request, "lang": lang, "dir": "rtl" if lang == "ar" else "ltr", "t": t,
            "other_lang": "en" if lang == "ar" else "ar", "type_name": lambda c: type_name(c, lang),
            "country_name": lambda c: country_name(c, lang), "actor": lambda c, n: actor_name(c, n, lang),
            "mode_name": lambda c: mode_name(c, lang), "precision_name": lambda c: precision_name(c, lang),
            "url_with": lambda **kw: _url(request, **kw),
            "client": client, **extra}  # fmt: skip


def _render(request: Request, name: str, lang: Lang, status: int = 200, **extra: Any) -> Response:
    response = templates().TemplateResponse(request, name, _context(request, lang, **extra), status_code=status)
    if request.query_params.get("lang") in ("ar", "en"):
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data: *; style-src 'self'; script-src 'self'; object-src 'none';"
        " base-uri 'none'; frame-ancestors 'none'")  # fmt: skip
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _filters(request: Request) -> tuple[EventFilters, str | None]:
    q = request.query_params
    try:
        return event_filters(**{k: q.get(k) or None for k in _FILTER_KEYS}), None
    except ApiError as exc:
        return EventFilters(), exc.message


def _view(request: Request) -> tuple[str | None, bool, str | None]:
    """The table's sort key and unlocated-only switch from the URL (and a problem, if any)."""
    sort: str | None = request.query_params.get("sort") or None
    error: str | None = None
    try:
        order_by(sort)
    except ValueError as exc:
        sort, error = None, str(exc)
    return sort, request.query_params.get("unlocated") == "1", error


def _dashboard(request: Request) -> Response:
    state: ApiState = request.app.state.marsad
    lang = _lang(request)
    filters, error = _filters(request)
    sort, unlocated, view_error = _view(request)
    error = error or view_error
    try:
        offset = max(0, int(request.query_params.get("offset") or 0))
    except ValueError:
        offset, error = 0, "offset: not a number"
    limit = min(state.settings.default_limit, state.settings.max_limit)
    with state.use() as store:
        stats = state.cached("stats", store.stats)
        head = figures.headline(store.db, filters)
        latest, _ = figures.table(store.db, filters, limit=_LATEST)
        rows, total = figures.table(store.db, filters, sort=sort, unlocated=unlocated, limit=limit, offset=offset)
        srcs = figures.sources(store.db, [str(r["id"]) for r in [*latest, *rows]])
        outlets = views.sources(store.db, limit=12, **filters.as_kwargs())
        countries = state.cached("countries", lambda: sql.event_countries(store.db))
        actors = state.cached("actors", lambda: store.actors(limit=60))
    values = {k: request.query_params.get(k, "") for k in (*_FILTER_KEYS, *_VIEW_KEYS)}
    return _render(request, "dashboard.html", lang, 400 if error else 200, stats=stats, head=head, latest=latest,
                   events=rows, sources=srcs, outlets=outlets, total=total, offset=offset, limit=limit,
                   countries=countries, actors=actors, types=EVENT_TYPES, modes=sorted(MODES), values=values,
                   error=error, sort=sort or "-date", unlocated=unlocated, columns=figures.COLUMNS,
                   filtered=filters.active())  # fmt: skip


def _article_view(record: dict[str, Any], marks: dict[str, str], kind: str) -> list[Any]:
    """Segments of the article text with the evidence of the events in ``marks`` (local id → event id)."""
    text = str(record.get("text") or "")
    spans = []
    for ev in record.get("events") or []:
        if ev.get("id") in marks and isinstance(ev.get("evidence"), dict):
            e = ev["evidence"]
            spans.append((int(e.get("start", 0)), int(e.get("end", 0)), kind, marks[ev["id"]]))
    return segments(text, spans)


#: How many of an event's reports its page shows with their whole text (the others: their evidence and a link).
FULL_TEXT_REPORTS = 8


def _event_page(request: Request, event_id: str) -> Response:
    state: ApiState = request.app.state.marsad
    lang = _lang(request)
    with state.use() as store:
        detail = store.event(event_id)
        if detail is None:
            return _render(request, "missing.html", lang, 404, what=event_id)
        articles: list[dict[str, Any]] = []
        ids = list(dict.fromkeys(m.article_id for m in detail.mentions))
        records = {**store.articles(ids[:FULL_TEXT_REPORTS]), **store.articles(ids[FULL_TEXT_REPORTS:], whole=False)}
        for article_id in ids:
            record = records.get(article_id)
            if record is None:
                continue
            local = {m.local_id: event_id for m in detail.mentions if m.article_id == article_id}
            # the first reports in full; later ones by their evidence, the text a click away (an event
            # reported forty times would otherwise be a page of forty articles)
            full = "text" in record
            articles.append({"record": record, "segments": _article_view(record, local, "evidence") if full else None,
                             "mentions": [m for m in detail.mentions if m.article_id == article_id]})  # fmt: skip
    correctable = _CORRECTIONS in request.app.openapi().get("paths", {})  # the schema is built once, then cached
    return _render(request, "event.html", lang, detail=detail, ev=detail.event, articles=articles, types=EVENT_TYPES,
                   statuses=STATUSES, correctable=correctable)  # fmt: skip


def _article_page(request: Request, article_id: str) -> Response:
    state: ApiState = request.app.state.marsad
    lang = _lang(request)
    with state.use() as store:
        record = store.article(article_id)
    if record is None:
        return _render(request, "missing.html", lang, 404, what=article_id)
    links: dict[str, str] = dict(record.get("store", {}).get("events") or {})
    return _render(request, "article.html", lang, record=record, segments=_article_view(record, links, "evidence"),
                   links=links)  # fmt: skip


def _profile_page(request: Request, code: str, country: bool) -> Response:
    state: ApiState = request.app.state.marsad
    lang = _lang(request)
    code = code.strip()[:40]
    with state.use() as store:
        data = profile(store, code, country=country)
    known = code in (COUNTRIES if country else ACTORS)
    if not known and not data["n_events"]:
        return _render(request, "missing.html", lang, 404, what=code)
    name = country_name(code, lang) if country else actor_name(code, None, lang)
    other = (ACTORS.get(code) or COUNTRIES.get(code) or (code, code))[1 if lang == "ar" else 0]
    listing = "/?" + urlencode({"country": code} if country else {"actor": code})
    return _render(request, "profile.html", lang, code=code, title_name=name, other_name=other, is_country=country,
                   is_state=code in COUNTRIES, p=data, listing=listing)  # fmt: skip


def mount_dashboard(app: FastAPI) -> None:
    """Add the pages and ``/static`` to ``app`` (whose ``state.marsad`` is an :class:`ApiState`)."""
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def guarded(request: Request) -> Response | None:
        token = request.query_params.get("token")
        if token is not None:  # ?token=… once: kept in an HttpOnly cookie, then dropped from the URL
            response = RedirectResponse(_url(request, token=None), 303)
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
            return response
        require_read(request, request.app.state.marsad)
        return None

    @app.get("/ui/labels.json", include_in_schema=False)
    def place_labels(request: Request, lang: str = "ar") -> Response:
        """The base map's offline place labels: ``[name, lat, lon, rank]`` (0 capital, 1 a million people, 2 other)."""
        require_read(request, request.app.state.marsad)
        key = 0 if lang == "ar" else 1
        body = [[r["ar"] if key == 0 else r["en"], r["lat"], r["lon"], 0 if r["capital"] else 1 if r["pop"] >= 1_000_000
                 else 2] for r in labels()]  # fmt: skip
        return JSONResponse(body, headers={"Cache-Control": "max-age=86400"})

    @app.get("/ui/names.json", include_in_schema=False)
    def actor_names(request: Request, lang: str = "ar") -> Response:
        """Every KB actor's name in ``lang`` by code (popups name actors as the page's language does)."""
        require_read(request, request.app.state.marsad)
        key = 0 if lang == "ar" else 1
        return JSONResponse({code: names[key] for code, names in ACTORS.items()},
                            headers={"Cache-Control": "max-age=86400"})  # fmt: skip

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request) -> Response:
        return guarded(request) or _dashboard(request)

    @app.get("/actors/{code}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, code: str) -> Response:
        return guarded(request) or _profile_page(request, code, country=False)

    @app.get("/countries/{code}", response_class=HTMLResponse, include_in_schema=False)
    def country_page(request: Request, code: str) -> Response:
        return guarded(request) or _profile_page(request, code.upper(), country=True)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> Response:
        return guarded(request) or _event_page(request, event_id)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> Response:
        return guarded(request) or _article_page(request, article_id)
