"""The server cannot be starved: body limits before parsing and authentication, bounded parameters,
security headers on every answer, ids with «/» reachable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi.testclient import TestClient
from fixtures import record

from marsad.api import create_app
from marsad.config import ServeSettings


def _small(store: Any, **kw: Any) -> TestClient:
    return TestClient(create_app(store, token="s3cret", settings=ServeSettings(**kw)))


def test_a_body_over_the_limit_is_refused_before_authentication(sample_store: Any) -> None:
    with _small(sample_store, max_body_bytes=1000) as c:
        r = c.post("/api/ingest", content=b"{" + b" " * 5000 + b"}", headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["error"] == "too_large"  # not 401: the token was never looked at
        r = c.post("/api/analyze", json={"text": "نص " * 1000})
        assert r.status_code == 413
        assert c.post("/api/ingest", json={"records": []}).status_code == 401  # small bodies reach the auth


def test_a_streamed_body_is_counted_as_it_arrives(sample_store: Any) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(50):
            yield "نص ".encode() * 20
        yield b'"}'

    with _small(sample_store, max_body_bytes=1000) as c:
        r = c.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["error"] == "too_large"
        assert c.get("/api/stats").status_code == 200  # the server goes on


def test_analysis_refuses_a_text_longer_than_the_cap(sample_store: Any) -> None:
    with _small(sample_store, max_analyze_chars=100) as c:
        r = c.post("/api/analyze", json={"text": "قال " * 100})
        assert r.status_code in (413, 503)  # 503 only when no pipeline is loaded: the cap is checked after
    from marsad.pipeline import Pipeline

    app = create_app(sample_store, settings=ServeSettings(max_analyze_chars=100), pipeline=Pipeline.build())
    with TestClient(app) as c:
        r = c.post("/api/analyze", json={"text": "قال " * 100})
        assert r.status_code == 413 and "max_analyze_chars" in r.json()["message"]
        assert c.post("/api/analyze", json={"text": "قال الوزير إن الوضع مستقر."}).status_code == 200


def test_a_huge_offset_is_a_bad_parameter_and_the_next_request_works(client: TestClient) -> None:
    for path in ("/api/events", "/api/articles", "/api/quotes", "/api/relations", "/api/actors", "/api/entities"):
        r = client.get(path, params={"offset": "99999999999999999999"})
        assert r.status_code in (400, 422) and r.json()["error"] == "bad_parameter", path
    assert client.get("/api/events", params={"offset": 1_000_000_001}).status_code == 400
    assert client.get("/api/events").status_code == 200


def test_security_headers_on_every_answer(client: TestClient) -> None:
    for path in ("/api/stats", "/", "/docs", "/openapi.json", "/api/nowhere"):
        r = client.get(path)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
    assert client.get("/api/stats").headers["content-security-policy"].startswith("default-src 'none'")
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]  # the dashboard's own, kept
    assert "default-src" not in client.get("/docs").headers["content-security-policy"]  # Swagger's inline start-up


def test_an_article_id_with_a_slash_is_reachable(sample_store: Any) -> None:
    sample_store.add_records([record("2015/08/الخبر-1", "عنوان", "hespress", "2015-08-01", "نص الخبر الكامل.")])
    with TestClient(create_app(sample_store)) as c:
        r = c.get("/api/articles/2015/08/الخبر-1")
        assert r.status_code == 200 and r.json()["id"] == "2015/08/الخبر-1"
        assert c.get("/api/articles/2015/08/none").status_code == 404


def test_analyses_beyond_the_slots_are_refused_at_once_with_retry_after(sample_store: Any) -> None:
    from marsad.pipeline import Pipeline

    app = create_app(sample_store, settings=ServeSettings(max_concurrent_analyses=1), pipeline=Pipeline.build())
    state = app.state.marsad
    with TestClient(app) as c:
        assert state.analyses.acquire(blocking=False)  # a long analysis holds the only slot
        try:
            r = c.post("/api/analyze", json={"text": "قال الوزير إن الوضع مستقر."})
            assert r.status_code == 503 and r.json()["error"] == "busy" and r.headers["retry-after"] == "1"
            assert c.get("/api/stats").status_code == 200  # reading is not held up
        finally:
            state.analyses.release()
        assert c.post("/api/analyze", json={"text": "قال الوزير إن الوضع مستقر."}).status_code == 200
