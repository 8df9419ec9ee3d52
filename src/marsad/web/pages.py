"""The dashboard's pages: ``/`` (map, timeline, network, filtered events), ``/events/{id}``, ``/articles/{id}``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from marsad.api import sql
from marsad.api.core import TOKEN_COOKIE, ApiError, ApiState, EventFilters, event_filters, require_read
from marsad.records import EVENT_TYPES
from marsad.web.i18n import COUNTRIES, STRINGS, TYPES, Lang, country_name, type_name
from marsad.web.text import inert, plain, segments

__all__ = ["mount_dashboard"]

HERE = Path(__file__).parent
LANG_COOKIE = "marsad_lang"
_FILTER_KEYS = ("country", "type", "actor", "since", "until", "text", "mode", "near")


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


def _actor(code: str | None, name: str | None, lang: Lang) -> str:
    """A state's name in the page's language; other actors as the record names them."""
    if code and code in COUNTRIES:
        return country_name(code, lang)
    return name or code or STRINGS[lang]["none"]


def _context(request: Request, lang: Lang, **extra: Any) -> dict[str, Any]:
    state: ApiState = request.app.state.marsad
    t = STRINGS[lang]
    client = {"lang": lang, "t": t, "types": {k: v[0 if lang == "ar" else 1] for k, v in TYPES.items()},
              "countries": {k: v[0 if lang == "ar" else 1] for k, v in COUNTRIES.items()},
              "tile_url": state.settings.tile_url, "tile_attribution": state.settings.tile_attribution}  # fmt: skip
    return {"request": request, "lang": lang, "dir": "rtl" if lang == "ar" else "ltr", "t": t,
            "other_lang": "en" if lang == "ar" else "ar", "type_name": lambda c: type_name(c, lang),
            "country_name": lambda c: country_name(c, lang), "actor": lambda c, n: _actor(c, n, lang),
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


def _dashboard(request: Request) -> Response:
    state: ApiState = request.app.state.marsad
    lang = _lang(request)
    filters, error = _filters(request)
    try:
        offset = max(0, int(request.query_params.get("offset") or 0))
    except ValueError:
        offset, error = 0, "offset: not a number"
    limit = min(state.settings.default_limit, state.settings.max_limit)
    with state.use() as store:
        stats = state.cached("stats", store.stats)
        rows = store.events(**filters.as_kwargs(), limit=limit, offset=offset)
        total = stats["tables"]["events"] if not filters.active() else sql.count_events(store.db, filters)
        countries = state.cached("countries", lambda: sql.event_countries(store.db))
        actors = state.cached("actors", lambda: store.actors(limit=60))
    values = {k: request.query_params.get(k, "") for k in _FILTER_KEYS}
    return _render(request, "dashboard.html", lang, 400 if error else 200, stats=stats, events=rows, total=total,
                   offset=offset, limit=limit, countries=countries, actors=actors, types=EVENT_TYPES,
                   values=values, error=error, filtered=filters.active())  # fmt: skip


def _article_view(record: dict[str, Any], marks: dict[str, str], kind: str) -> list[Any]:
    """Segments of the article text with the evidence of the events in ``marks`` (local id → event id)."""
    text = str(record.get("text") or "")
    spans = []
    for ev in record.get("events") or []:
        if ev.get("id") in marks and isinstance(ev.get("evidence"), dict):
            e = ev["evidence"]
            spans.append((int(e.get("start", 0)), int(e.get("end", 0)), kind, marks[ev["id"]]))
    return segments(text, spans)


def _event_page(request: Request, event_id: str) -> Response:
    state: ApiState = request.app.state.marsad
    lang = _lang(request)
    with state.use() as store:
        detail = store.event(event_id)
        if detail is None:
            return _render(request, "missing.html", lang, 404, what=event_id)
        articles = []
        for article_id in dict.fromkeys(m.article_id for m in detail.mentions):
            record = store.article(article_id)
            if record is None:
                continue
            local = {m.local_id: event_id for m in detail.mentions if m.article_id == article_id}
            articles.append({"record": record, "segments": _article_view(record, local, "evidence"),
                             "mentions": [m for m in detail.mentions if m.article_id == article_id]})  # fmt: skip
    return _render(request, "event.html", lang, detail=detail, ev=detail.event, articles=articles)


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

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request) -> Response:
        return guarded(request) or _dashboard(request)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> Response:
        return guarded(request) or _event_page(request, event_id)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> Response:
        return guarded(request) or _article_page(request, article_id)
