"""The API's own SQL (totals, GeoJSON, timeline, dyads, entities, articles) on PostgreSQL as well as DuckDB."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fixtures import sample_records

from marsad.api import create_app
from pgschema import pg_urls

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_client() -> Iterator[TestClient]:
    from marsad.store import open_store

    with pg_urls(1, "marsad_api") as (url,):
        store = open_store(url)
        try:
            store.add_records(sample_records())
            with TestClient(create_app(store, token="pg")) as client:
                yield client
        finally:
            store.close()


def _get(client: TestClient, url: str) -> Any:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r.json()


def test_the_same_answers_on_postgres(pg_client: TestClient) -> None:
    assert _get(pg_client, "/api/events?country=MAR&limit=2")["total"] == 4
    assert _get(pg_client, "/api/events?text=أوقفت ثلاثة")["total"] == 1
    assert _get(pg_client, "/api/events?near=30.4,-9.6,50")["total"] == 2
    assert _get(pg_client, "/api/events?actor=morocco")["total"] == 5  # the name finds the code MAR
    assert _get(pg_client, "/api/events.geojson")["total"] == 6
    assert sum(p["n"] for p in _get(pg_client, "/api/timeline")) == 7
    dyads = {(d["a"], d["b"]): d["index"] for d in _get(pg_client, "/api/dyads")}
    assert dyads[("DZA", "MAR")] == -1.0 and dyads[("MAR", "MRT")] == 1.0
    assert _get(pg_client, "/api/entities?q=agadir")["total"] == 1
    assert _get(pg_client, "/api/articles?source=hespress")["total"] == 2
    assert _get(pg_client, "/api/quotes?speaker=المتحدث")["total"] == 1
    assert _get(pg_client, "/api/relations?a=MAR&b=DZA")["total"] == 1
    assert _get(pg_client, "/api/actors")["items"][0]["code"] == "MAR"
    page = pg_client.get("/?type=COERCE")
    assert page.status_code == 200 and page.text.count('class="event-row"') == 2
