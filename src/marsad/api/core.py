"""The API's shared pieces: its state (store behind a lock, pipeline, settings), errors, auth, parameters."""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import re
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import Depends, Query, Request

from marsad import names
from marsad.config import ServeSettings
from marsad.pipeline import Pipeline
from marsad.records import EVENT_TYPES
from marsad.store.queries import order_by

__all__ = [
    "READ", "TOKEN_COOKIE", "WRITE", "ApiError", "ApiState", "EventFilters", "FiltersDep", "PageParams", "PagingDep",
    "SortDep", "StateDep", "event_filters", "event_sort", "on_loop", "page_params", "parse_date", "parse_iso3",
    "require_read", "require_write", "state_of",
]  # fmt: skip

TOKEN_COOKIE = "marsad_token"
_ISO3 = re.compile(r"^[A-Z]{3}$")
_CODE = re.compile(r"^[A-Za-z0-9_.:-]{2,40}$")
P = ParamSpec("P")
T = TypeVar("T")


def on_loop(fn: Callable[P, T]) -> Callable[P, Awaitable[T]]:
    """``fn`` as an async dependency, with ``fn``'s parameters: FastAPI runs a plain ``def`` dependency in its
    thread pool, a hop to a worker thread and back (two thread wake-ups, GIL hand-overs) for each dependency of
    each request. The API's dependencies only parse parameters and check a token, in microseconds, so they run
    on the event loop; the plain functions stay plain for the dashboard's pages, which call them directly."""

    @functools.wraps(fn)  # FastAPI reads the parameters through __wrapped__
    async def dependency(*args: P.args, **kwargs: P.kwargs) -> T:
        return fn(*args, **kwargs)

    return dependency


class ApiError(Exception):
    """An answer other than 200, with a stable error word and a readable message."""

    def __init__(self, status: int, error: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers


def bad(message: str) -> ApiError:
    return ApiError(400, "bad_parameter", message)


@dataclass
class ApiState:
    """What every request reads: the store (written under a lock; read through a pool of connections of its
    own, since connections are not shared across threads), the pipeline, the settings."""

    settings: ServeSettings
    store: Any | None = None
    store_factory: Callable[[], Any] | None = None
    pipeline: Pipeline | None = None
    token: str | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)
    #: analyses running at once (the pipeline is CPU-bound: past the machine's cores, a request only
    #: slows the others), sized by ``serve.max_concurrent_analyses`` in ``__post_init__``
    analyses: threading.BoundedSemaphore = field(init=False)
    #: set when the server is stopping (SIGTERM, Ctrl-C): running analyses stop before their next stage
    stopping: threading.Event = field(default_factory=threading.Event)
    cache_s: float = 5.0  # the dashboard's header figures (stats, country and actor lists) are reused this long
    #: read connections at most (``use``); each request holds one while it reads
    max_readers: int = 8
    _cache: dict[str, tuple[float, Any]] = field(default_factory=dict)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: threading.Condition = field(default_factory=threading.Condition)
    _idle: list[Any] = field(default_factory=list)
    _opened: int = 0

    def __post_init__(self) -> None:
        self.analyses = threading.BoundedSemaphore(self.settings.max_concurrent_analyses)

    @contextmanager
    def analysing(self) -> Iterator[None]:
        """Hold one analysis slot, or answer 503 (``Retry-After: 1``) at once when all are taken."""
        if not self.analyses.acquire(blocking=False):
            raise ApiError(503, "busy", f"{self.settings.max_concurrent_analyses} analyses are running; retry shortly",
                           headers={"Retry-After": "1"})  # fmt: skip
        try:
            yield
        finally:
            self.analyses.release()

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, reused for ``cache_s`` seconds (cleared by every write through the API)."""
        now = time.monotonic()
        with self._cache_lock:
            hit = self._cache.get(key)
        if hit is not None and now - hit[0] < self.cache_s:
            return hit[1]
        value = compute()  # outside the lock: two readers may compute it at once, neither waits
        with self._cache_lock:
            self._cache[key] = (now, value)
        return value

    def invalidate(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    def _main(self) -> Any:
        """The store itself (opened on first use); under ``lock``."""
        if self.store is None:
            if self.store_factory is None:
                raise ApiError(503, "no_store", "the server has no store open")
            self.store = self.store_factory()
        return self.store

    @contextmanager
    def writing(self) -> Iterator[Any]:
        """The store itself, for writes: one writer at a time."""
        with self.lock:
            yield self._main()

    @contextmanager
    def use(self) -> Iterator[Any]:
        """A store to read from: a connection of its own from a pool of ``max_readers``, so that reads wait
        neither for one another nor for a write in progress (a store without ``reader()``: the store
        itself, under the writers' lock)."""
        reader = self._take_reader()
        if reader is None:
            with self.writing() as store:
                yield store
            return
        try:
            yield reader
        finally:
            with self._pool:
                self._idle.append(reader)
                self._pool.notify()

    def _take_reader(self) -> Any | None:
        with self._pool:
            while not self._idle and self._opened >= self.max_readers:
                self._pool.wait()
            if self._idle:
                return self._idle.pop()
            self._opened += 1
        reader = None
        try:
            reader = self._make_reader()
        finally:
            if reader is None:
                with self._pool:
                    self._opened -= 1
                    self._pool.notify()
        return reader

    def _make_reader(self) -> Any | None:
        """A new reader of the store. DuckDB's are cursors on the writer's connection, made under the writers'
        lock (the first reads wait for a write in progress); a PostgreSQL reader is a connection of its own,
        made without waiting for one (an ingest batch holds the lock for seconds, its first for the time it
        takes to load the writer's view of the store)."""
        main = self.store  # once open, it stays open until close()
        if main is None or getattr(getattr(main, "db", None), "dialect", None) != "postgres":
            with self.lock:
                make = getattr(self._main(), "reader", None)
                return make() if make is not None else None
        return main.reader()

    def close(self) -> None:
        with self.lock:
            with self._pool:
                idle, self._idle, self._opened = self._idle, [], 0
            for reader in idle:
                reader.close()
            if self.store is not None and self.store_factory is not None:
                self.store.close()
                self.store = None


def state_of(request: Request) -> ApiState:
    state: ApiState = request.app.state.marsad
    return state


StateDep = Annotated[ApiState, Depends(on_loop(state_of))]


def _check_token(request: Request, token: str | None, what: str, cookie: bool = False) -> None:
    if token is None:
        raise ApiError(403, "forbidden", f"{what} is disabled: start the server with MARSAD_API_TOKEN set")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if cookie and not header and request.cookies.get(TOKEN_COOKIE):  # the dashboard's reads (never writes)
        scheme, given = "bearer", request.cookies[TOKEN_COOKIE]
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "unauthorized", f"{what} needs 'Authorization: Bearer <MARSAD_API_TOKEN>'",
                       {"WWW-Authenticate": "Bearer"})  # fmt: skip
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(403, "forbidden", "the bearer token is not valid")


def require_read(request: Request, state: StateDep) -> None:
    """Reads are open unless ``serve.read_requires_token`` is set."""
    if state.settings.read_requires_token:
        _check_token(request, state.token, "reading", cookie=True)


def require_write(request: Request, state: StateDep) -> None:
    _check_token(request, state.token, "ingest")


def parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad(f"{name}: not a date (YYYY-MM-DD): {value[:40]!r}") from None


def parse_iso3(value: str | None, name: str = "country") -> str | None:
    if value is None or value == "":
        return None
    code = value.strip().upper()
    if not _ISO3.match(code):
        raise bad(f"{name}: expected an ISO 3166 alpha-3 code such as MAR, DZA or MLI, got {value[:40]!r}")
    return code


def parse_code(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not _CODE.match(value.strip()):
        raise bad(f"{name}: expected a code such as MAR or ISIL (letters, digits, _ . : -), got {value[:40]!r}")
    return value.strip()


#: the largest offset a list endpoint takes (a database's 64-bit integers overflow past 9.2e18)
MAX_OFFSET = 1_000_000_000


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    offset: int


def page_params(state: StateDep, limit: Annotated[int | None, Query(description="rows per page")] = None,
                offset: Annotated[int, Query(description="rows to skip")] = 0) -> PageParams:  # fmt: skip
    top = state.settings.max_limit
    if limit is None:
        limit = min(state.settings.default_limit, top)
    if limit < 1:
        raise bad(f"limit: must be at least 1, got {limit}")
    if limit > top:
        raise bad(f"limit: at most {top} rows per page, got {limit}; page with offset")
    if not 0 <= offset <= MAX_OFFSET:
        raise bad(f"offset: between 0 and {MAX_OFFSET}, got {str(offset)[:24]}")
    return PageParams(limit, offset)


@dataclass(frozen=True, slots=True)
class EventFilters:
    country: str | None = None
    type: str | None = None
    mode: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    actor: str | None = None
    near: tuple[float, float, float] | None = None
    text: str | None = None
    min_confidence: float | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return {"country": self.country, "type": self.type, "mode": self.mode, "since": self.since,
                "until": self.until, "actor": self.actor, "near": self.near, "text": self.text,
                "min_confidence": self.min_confidence}  # fmt: skip

    def active(self) -> bool:
        return any(v is not None for v in self.as_kwargs().values())


def parse_near(value: str | None) -> tuple[float, float, float] | None:
    """The README's forms, as the CLI's ``--near``: ``LAT,LON,KM``, ``LAT,LON:KMkm`` or ``PLACE:KMkm``."""
    if not value:
        return None
    if len(value) > 120:
        raise bad("near: at most 120 characters")
    try:
        return names.parse_near(value)
    except names.NearError as exc:
        raise bad(f"near: {exc}; got {value[:40]!r}") from None


def event_filters(
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3 code of the event's place, e.g. MAR")] = None,
    type: Annotated[str | None, Query(description="PLOVER type, e.g. COERCE")] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode, e.g. arrest")] = None,
    since: Annotated[str | None, Query(description="event date on or after, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="event date on or before, YYYY-MM-DD")] = None,
    actor: Annotated[str | None, Query(description="actor or recipient: a code or an Arabic or English name,"
                                       " e.g. ISIL, «داعش» or «المغرب» (a state brings its agencies)")] = None,
    near: Annotated[str | None, Query(description="events within KM of a point or a place: LAT,LON,KM,"
                                      " LAT,LON:KMkm or PLACE:KMkm (e.g. Casablanca:50km)")] = None,
    text: Annotated[str | None, Query(description="words in the evidence (Arabic, matched folded)")] = None,
    min_confidence: Annotated[str | None, Query(description="events of this confidence or more, 0 to 1")] = None,
) -> EventFilters:
    """Shared by /api/events, its GeoJSON, the timeline and the dashboard; empty values mean 'any'."""
    kind = type.strip().upper() if type else None
    if kind and kind not in EVENT_TYPES:
        raise bad(f"type: not a PLOVER type: {type[:40]!r}; one of {', '.join(EVENT_TYPES)}")  # type: ignore[index]
    if mode and not re.match(r"^[a-z-]{2,30}$", mode):
        raise bad(f"mode: expected a PLOVER mode such as arrest or seize, got {mode[:40]!r}")
    start, end = parse_date(since, "since"), parse_date(until, "until")
    if start and end and start > end:
        raise bad(f"since ({start}) is after until ({end})")
    if text is not None and len(text) > 200:
        raise bad("text: at most 200 characters")
    if actor is not None and len(actor) > 100:
        raise bad("actor: at most 100 characters")
    return EventFilters(country=parse_iso3(country), type=kind, mode=mode or None, since=start, until=end,
                        actor=(actor.strip() or None) if actor else None, near=parse_near(near),
                        text=(text.strip() or None) if text else None,
                        min_confidence=parse_confidence(min_confidence))  # fmt: skip


def parse_confidence(value: str | None) -> float | None:
    if value is None or value == "":
        return None
    try:
        floor = float(value)
    except ValueError:
        raise bad(f"min_confidence: a number from 0 to 1, got {value[:40]!r}") from None
    if not 0 <= floor <= 1:
        raise bad(f"min_confidence: a number from 0 to 1, got {value[:40]!r}")
    return floor


def event_sort(sort: Annotated[str | None, Query(description="date, published, confidence, killed, injured, people,"
                                                 " reports, mentions, country or type; '-' first for descending"
                                                 " (default -date, newest first)")] = None) -> str | None:  # fmt: skip
    """The event list's order, checked (a 400 names the keys)."""
    if not sort:
        return None
    try:
        order_by(sort)
    except ValueError as exc:
        raise bad(str(exc)) from None
    return sort


# The dependencies as routes declare them (one wrapper each: FastAPI caches a dependency per request by its callable).
READ = Depends(on_loop(require_read))
WRITE = Depends(on_loop(require_write))
FiltersDep = Annotated[EventFilters, Depends(on_loop(event_filters))]
PagingDep = Annotated[PageParams, Depends(on_loop(page_params))]
SortDep = Annotated[str | None, Depends(on_loop(event_sort))]
