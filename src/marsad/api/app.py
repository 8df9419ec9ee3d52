"""``create_app``: the FastAPI application (REST API + dashboard) over one store."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from marsad import __version__
from marsad.api.core import ApiError, ApiState
from marsad.api.guard import BodyLimit, SecurityHeaders
from marsad.config import ServeSettings
from marsad.errors import ConfigError
from marsad.pipeline import Pipeline

__all__ = ["TOKEN_ENV", "create_app"]

TOKEN_ENV = "MARSAD_API_TOKEN"

_TAGS = [
    {"name": "events", "description": "Merged events (one happening, every report), as pages, GeoJSON or counts."},
    {"name": "relations", "description": "State-to-state relations, the network of dyads, the cooperation index."},
    {"name": "entities", "description": "Actors of events and canonical entities named in articles."},
    {"name": "quotes", "description": "Statements attributed to speakers."},
    {"name": "articles", "description": "Stored articles with their full analysis record."},
    {"name": "analysis", "description": "Analyse one article with the server's pipeline."},
    {"name": "ingest", "description": "Add records to the store (bearer token `MARSAD_API_TOKEN`)."},
    {"name": "meta", "description": "The store's counts."},
]


def _message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:3]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "; ".join(parts)


def create_app(store: Any | None = None, *, store_factory: Callable[[], Any] | None = None,
               pipeline: Pipeline | None = None, settings: ServeSettings | None = None,
               token: str | None = None, dashboard: bool = True) -> FastAPI:  # fmt: skip
    """The app over ``store`` (kept open; the caller closes it) or ``store_factory`` (opened on first use,
    closed at shutdown). ``token`` defaults to ``$MARSAD_API_TOKEN``; without one, ingest is disabled.
    ``pipeline`` (built once by the caller) serves ``POST /api/analyze``; without it that answers 503."""
    if store is None and store_factory is None:
        raise ConfigError("create_app needs a store or a store_factory")
    settings = settings or ServeSettings()
    token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)
    if settings.read_requires_token and token is None:
        raise ConfigError(f"serve.read_requires_token is set but {TOKEN_ENV} is not")
    state = ApiState(settings=settings, store=store, store_factory=store_factory, pipeline=pipeline, token=token)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(title="marsad", version=__version__, openapi_tags=_TAGS, lifespan=lifespan, docs_url=None,
                  redoc_url=None,
                  description="Evidence-linked security events, quotes and state-to-state relations extracted from "
                              "Arabic news. Every event links to the verbatim sentence that justifies it.")  # fmt: skip
    app.state.marsad = state
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)  # inner: before routing, parsing and auth
    app.add_middleware(SecurityHeaders)  # outer: a 413 gets the headers too

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": exc.error, "message": exc.message}, exc.status, headers=exc.headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        word = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(exc.status_code, "http_error")
        return JSONResponse({"error": word, "message": f"{exc.detail}: {request.method} {request.url.path}"},
                            exc.status_code, headers=getattr(exc, "headers", None))  # fmt: skip

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        return JSONResponse({"error": "bad_parameter", "message": _message(exc), "detail": detail}, 422)

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        """Swagger UI from the package's own copy (no CDN: the docs work offline)."""
        return get_swagger_ui_html(openapi_url="/openapi.json", title="marsad API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/img/favicon.svg")  # fmt: skip

    from marsad.api import corrections, exports, profiles, routes, write

    app.include_router(routes.router)
    app.include_router(exports.router)
    app.include_router(profiles.router)
    app.include_router(corrections.router)
    app.include_router(write.router)
    if dashboard:
        from marsad.web import mount_dashboard

        mount_dashboard(app)
    return app
