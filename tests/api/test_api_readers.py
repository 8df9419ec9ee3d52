"""Reads take a connection of their own: they wait neither for one another nor for a write in progress."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from marsad.api.core import ApiState
from marsad.config import ServeSettings
from marsad.store import open_store


@pytest.fixture
def state(store_url: str) -> Iterator[ApiState]:
    """The API's state over the sample store (``backends.store_url``: DuckDB and PostgreSQL)."""
    store = open_store(store_url)
    st = ApiState(settings=ServeSettings(), store=store)
    try:
        yield st
    finally:
        st.close()
        store.close()


def test_a_read_does_not_wait_for_a_write_in_progress(state: ApiState) -> None:
    with state.use() as reader:  # the pool's first connection (made once, under the writers' lock)
        before = reader.stats()["tables"]["articles"]
    writing, release = threading.Event(), threading.Event()

    def writer() -> None:
        with state.writing() as store:
            store.db.begin()
            store.db.execute("DELETE FROM articles WHERE id = ?", ("no such article",))
            writing.set()
            release.wait(10)  # a long ingest batch, uncommitted
            store.db.commit()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert writing.wait(10)
        started = time.monotonic()
        with state.use() as reader:
            assert reader.stats()["tables"]["articles"] == before
            events = reader.events(limit=5)
        assert time.monotonic() - started < 2 and events
        assert reader is not state.store  # a connection of its own
    finally:
        release.set()
        thread.join()


def test_a_first_read_on_postgresql_does_not_wait_for_a_write_in_progress(state: ApiState) -> None:
    """The pool's first PostgreSQL connection is made without the writers' lock (DuckDB's cursors are made
    under it): with ``serve --workers N`` each worker opens its readers while ingest batches run."""
    writing, release = threading.Event(), threading.Event()

    def writer() -> None:
        with state.writing():
            writing.set()
            release.wait(10)  # an ingest batch loading the writer's view of the store

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert writing.wait(10)
        started = time.monotonic()
        done = threading.Event()

        def read() -> None:
            with state.use() as reader:
                reader.stats()
                done.set()

        reading = threading.Thread(target=read)
        reading.start()
        postgres = state.store.db.dialect == "postgres"  # type: ignore[union-attr]
        assert done.wait(3) is postgres, "PostgreSQL: no wait; DuckDB: the cursor waits for the write"
        assert not postgres or time.monotonic() - started < 3
    finally:
        release.set()
        thread.join()
    reading.join(10)
    assert done.is_set()


def test_readers_are_pooled_and_bounded(state: ApiState) -> None:
    state.max_readers = 3
    held: list[object] = []
    inside = threading.Barrier(4, timeout=10)
    places: list[set[str | None]] = []

    def read() -> None:
        with state.use() as reader:
            held.append(reader)
            places.append({e.place_name_ar for e in reader.events(limit=50)})
            inside.wait()  # three readers at once, each on its own connection

    threads = [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    inside.wait()
    for t in threads:
        t.join()
    assert len({id(r) for r in held}) == 3
    assert all("أكادير" in p for p in places)
    with state.use() as again:  # the pool gives back one of the three, it opens no fourth
        assert any(again is r for r in held)


def test_a_read_takes_one_trip_to_the_thread_pool(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """FastAPI runs a plain ``def`` dependency in its thread pool, and validates a plain ``def`` endpoint's answer
    in a second trip: a hop to a worker thread and back for each (seven on /api/events before), where the work is
    parsing a few parameters. The dependencies run on the event loop, the answer is validated in the endpoint's
    thread (marsad.api.answer)."""
    import anyio.to_thread

    threaded: list[str] = []
    run_sync = anyio.to_thread.run_sync

    async def counting(func: Any, *args: Any, **kwargs: Any) -> Any:
        threaded.append(getattr(getattr(func, "func", func), "__name__", "?"))
        return await run_sync(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    assert client.get("/api/events?limit=1&sort=-date&country=MAR").json()["limit"] == 1  # still parsed and checked
    assert len(threaded) == 1, threaded  # the endpoint itself reads the store in a worker thread
    assert not {"state_of", "require_read", "event_filters", "page_params", "event_sort"} & set(threaded), threaded
    for path in ("/api/events/nope", "/api/stats", "/api/quotes?limit=2", "/api/timeline?country=MAR"):
        threaded.clear()
        assert client.get(path).status_code in (200, 404) and len(threaded) == 1, (path, threaded)
    assert client.get("/api/events?limit=0").json()["error"] == "bad_parameter"


def test_an_answer_is_the_bytes_fastapi_writes(sample_store: Any) -> None:
    """The same content through FastAPI's own validation and through :class:`marsad.api.answer.Answer`."""
    from fastapi import APIRouter, FastAPI
    from fastapi.testclient import TestClient

    from marsad.api.answer import reader
    from marsad.api.models import Event, EventDetail, Page

    rows = sample_store.events(limit=50)
    detail = sample_store.event(rows[0].id)
    odd = {"x": float("nan"), "y": [1.5, "«عربي»\u202e", None], "z": {"inf": float("inf")}}
    cases = [(Page[Event], {"total": 9, "limit": 50, "offset": 0, "items": rows}), (EventDetail, detail),
             (dict[str, Any], odd)]  # fmt: skip
    router = APIRouter()
    read = reader(router)
    for k, (model, content) in enumerate(cases):
        router.get(f"/fastapi/{k}", response_model=model)(lambda content=content: content)
        read(f"/answer/{k}", model)(lambda content=content: content)
    app = FastAPI()
    app.include_router(router)
    bodies = []
    with TestClient(app) as client:
        for k in range(len(cases)):
            theirs, ours = client.get(f"/fastapi/{k}"), client.get(f"/answer/{k}")
            assert ours.status_code == theirs.status_code == 200
            assert ours.content == theirs.content and ours.headers["content-type"] == theirs.headers["content-type"]
            bodies.append(ours.json())
    assert len(bodies[0]["items"]) == len(rows) > 1 and bodies[0]["items"][0]["description_ar"]
    assert bodies[1]["mentions"] and bodies[2] == {"x": None, "y": [1.5, "«عربي»\u202e", None], "z": {"inf": None}}
