"""Every API endpoint through FastAPI's test client, on a store of hand-written Arabic records."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from fixtures import T1, XSS, sample_records

from marsad.api import create_app
from marsad.api.core import EventFilters
from marsad.api.sql import count_events
from marsad.config import ServeSettings
from marsad.errors import ConfigError


def _ok(client: TestClient, url: str) -> Any:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r.json()


def _bad(client: TestClient, url: str, status: int = 400) -> str:
    r = client.get(url)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] and body["message"]
    return str(body["message"])


def test_events_page_with_total(client: TestClient) -> None:
    page = _ok(client, "/api/events?limit=2")
    assert page["total"] == 7 and page["limit"] == 2 and page["offset"] == 0
    assert len(page["items"]) == 2
    rest = _ok(client, "/api/events?limit=50&offset=2")
    ids = [e["id"] for e in page["items"]] + [e["id"] for e in rest["items"]]
    assert len(ids) == len(set(ids)) == 7
    assert page["items"][0]["date_value"] == "2025-04-09"  # newest first


@pytest.mark.parametrize(("query", "n"), [
    ("country=MAR", 4), ("country=mar", 4), ("type=COERCE", 2), ("type=coerce&mode=seize", 1), ("actor=JNIM", 1),
    ("actor=Morocco", 5), ("actor=MAR", 5), ("since=2025-03-01", 3), ("until=2025-01-31", 2),
    ("since=2025-02-01&until=2025-02-28", 2), ("text=أوقفت ثلاثة", 1), ("near=30.4,-9.6,50", 2),
    ("near=30.4,-9.6:50km", 2), ("country=MLI&type=ASSAULT", 1), ("country=TUN", 0),
])  # fmt: skip
def test_event_filters(client: TestClient, query: str, n: int) -> None:
    page = _ok(client, f"/api/events?{query}")
    assert page["total"] == n == len(page["items"])


def test_totals_agree_with_the_store(sample_store: Any) -> None:
    for filters in [EventFilters(), EventFilters(country="MAR"), EventFilters(actor="mor"), EventFilters(text="اتهمت"),
                    EventFilters(near=(34.0, -6.8, 400.0), type="PROTEST")]:  # fmt: skip
        assert count_events(sample_store.db, filters) == len(sample_store.events(**filters.as_kwargs(), limit=1000))


@pytest.mark.parametrize(("query", "word"), [
    ("limit=0", "limit"), ("limit=-5", "limit"), ("limit=100000", "at most 1000"), ("offset=-1", "offset"),
    ("since=2025-13-01", "since"), ("until=yesterday", "until"), ("since=2025-03-01&until=2025-01-01", "after"),
    ("country=Morocco", "ISO 3166"), ("country=M1", "ISO 3166"), ("type=BOMBING", "PLOVER"),
    ("near=31,-8", "LAT,LON,KM"), ("near=91,0,10", "latitude"), ("mode=<b>", "mode"),
])  # fmt: skip
def test_bad_event_parameters_are_clear_400s(client: TestClient, query: str, word: str) -> None:
    assert word in _bad(client, f"/api/events?{query}")


def test_unparsable_number_is_a_422_with_a_message(client: TestClient) -> None:
    assert "limit" in _bad(client, "/api/events?limit=abc", 422)


def test_geojson(client: TestClient) -> None:
    fc = _ok(client, "/api/events.geojson")
    assert fc["type"] == "FeatureCollection"
    assert fc["total"] == 6 and not fc["truncated"]  # the unresolved «المغرب» has no coordinates
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert -20 < lon < 10 and 10 < lat < 40
    assert {f["properties"]["type"] for f in fc["features"]} >= {"COERCE", "ASSAULT", "PROTEST"}
    small = _ok(client, "/api/events.geojson?type=COERCE&limit=1")
    assert small["total"] == 2 and small["truncated"] and len(small["features"]) == 1
    _bad(client, "/api/events.geojson?limit=999999")


def test_timeline_counts_every_dated_event(client: TestClient) -> None:
    points = _ok(client, "/api/timeline")
    assert sum(p["n"] for p in points) == 7
    assert {"period": "2025-02-01", "month": "2025-02", "type": "COERCE", "n": 2, "killed": 0} in points
    assert _ok(client, "/api/timeline?country=MLI") == [
        {"period": "2025-03-01", "month": "2025-03", "type": "ASSAULT", "n": 1, "killed": 12}]


def test_event_detail_has_every_mention_with_its_evidence(client: TestClient) -> None:
    coerce = _ok(client, "/api/events?type=COERCE&mode=arrest")["items"][0]
    detail = _ok(client, f"/api/events/{coerce['id']}")
    assert detail["event"]["n_reports"] == 2
    assert {m["article_id"] for m in detail["mentions"]} == {"art-agadir-1", "art-agadir-2"}
    m = next(m for m in detail["mentions"] if m["article_id"] == "art-agadir-1")
    assert T1[m["evidence_start"]:m["evidence_end"]] == m["evidence_text"] == "أوقفت ثلاثة أشخاص"
    assert client.get("/api/events/nope").json()["error"] == "not_found"
    assert client.get("/api/events/nope").status_code == 404


def test_relations_dyads_and_index(client: TestClient) -> None:
    rel = _ok(client, "/api/relations?a=MAR&b=DZA")
    assert rel["total"] == 1 and rel["items"][0]["polarity"] == -1
    assert _ok(client, "/api/relations?type=consult")["total"] == 2
    dyads = {(d["a"], d["b"]): d for d in _ok(client, "/api/dyads")}
    assert dyads[("DZA", "MAR")]["index"] == -1.0 and dyads[("MAR", "MRT")]["index"] == 1.0
    assert dyads[("MAR", "MRT")]["n"] == 2
    assert [d["b"] for d in _ok(client, "/api/dyads?country=FRA")] == ["MAR"]
    index = _ok(client, "/api/relations/index?a=DZA&b=MAR")
    assert index == [{"month": "2025-01", "index": -1.0, "n": 1, "weight": index[0]["weight"]}]
    assert "both" in _bad(client, "/api/relations?a=MAR")
    assert "different" in _bad(client, "/api/relations/index?a=MAR&b=MAR")
    _bad(client, "/api/relations/index?a=MAR", 422)
    _bad(client, "/api/dyads?since=2025-02-30")


def test_actors_entities_quotes(client: TestClient) -> None:
    actors = _ok(client, "/api/actors")
    assert actors["items"][0]["code"] == "MAR" and actors["total"] == len(actors["items"])
    ents = _ok(client, "/api/entities?q=أكادير")
    assert ents["total"] == 1 and ents["items"][0]["name_en"] == "Agadir"
    assert _ok(client, "/api/entities?kind=agency")["items"][0]["canonical_id"] == "mar-dgsn"
    _bad(client, "/api/entities?kind=a%20b")
    quotes = _ok(client, "/api/quotes")
    assert quotes["total"] == 3
    assert _ok(client, "/api/quotes?speaker=المتحدث")["items"][0]["cue"] == "قال"


def test_articles(client: TestClient) -> None:
    page = _ok(client, "/api/articles?limit=3")
    assert page["total"] == 6 and len(page["items"]) == 3
    by_id = {a["id"]: a for a in _ok(client, "/api/articles")["items"]}
    assert by_id["art-agadir-1"]["n_events"] == 2
    assert _ok(client, "/api/articles?source=hespress")["total"] == 2
    record = _ok(client, "/api/articles/art-xss")
    assert XSS in record["text"] and record["events"][0]["type"] == "PROTEST"  # JSON keeps the text as it is
    assert record["store"]["events"]["V1"]
    assert client.get("/api/articles/missing").status_code == 404


def test_stats_hides_the_file_path(client: TestClient) -> None:
    stats = _ok(client, "/api/stats")
    assert stats["tables"]["articles"] == 6 and stats["events_by_type"]["COERCE"] == 2
    assert "location" not in stats


def test_unknown_path_is_json(client: TestClient) -> None:
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_openapi_documents_tags_and_models(client: TestClient) -> None:
    spec = _ok(client, "/openapi.json")
    assert {"/api/events", "/api/events.geojson", "/api/events/{event_id}", "/api/relations/index", "/api/dyads",
            "/api/actors", "/api/entities", "/api/quotes", "/api/articles", "/api/articles/{article_id}", "/api/stats",
            "/api/analyze", "/api/ingest", "/api/timeline"} <= set(spec["paths"])  # fmt: skip
    assert {t["name"] for t in spec["tags"]} >= {"events", "relations", "ingest"}
    assert "Event" in spec["components"]["schemas"] and "Page_Event_" in spec["components"]["schemas"]
    assert spec["paths"]["/api/events"]["get"]["tags"] == ["events"]
    assert "/" not in spec["paths"]  # pages are not API


# -- analyze -------------------------------------------------------------------------------------------


def test_analyze_without_pipeline_is_503(client: TestClient) -> None:
    r = client.post("/api/analyze", json={"text": "نص"})
    assert r.status_code == 503 and "pipeline" in r.json()["message"]


def test_analyze_returns_the_output_contract(sample_store: Any, pipeline: Any) -> None:
    with TestClient(create_app(sample_store, pipeline=pipeline)) as c:
        r = c.post("/api/analyze", json={"text": "أوقفت الشرطة بالرباط شخصين.\nوقال المصدر إن البحث جار.",
                                         "title": "خبر", "published": "2025-05-01"})  # fmt: skip
        assert r.status_code == 200, r.text
        rec = r.json()
        assert {"id", "text", "entities", "events", "quotes", "relations", "provenance", "diagnostics"} <= set(rec)
        assert rec["published"] == "2025-05-01" and rec["title"] == "خبر"
        assert c.post("/api/analyze", json={"text": ""}).status_code == 422
        assert c.post("/api/analyze", json={"txt": "x"}).json()["error"] == "bad_parameter"


# -- ingest and the token ------------------------------------------------------------------------------

NEW = {**sample_records()[0], "id": "art-new", "text": "نص جديد تماما عن اجتماع في الرباط بين وفدين.", "events": [],
       "quotes": [], "relations": [], "entities": []}  # fmt: skip


def test_ingest_needs_the_token(client: TestClient) -> None:
    r = client.post("/api/ingest", json={"records": [NEW]})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in r.json()["message"]
    r = client.post("/api/ingest", json={"records": [NEW]}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    r = client.post("/api/ingest", json={"records": [NEW]}, headers={"Authorization": "Basic s3cret"})
    assert r.status_code == 401


def test_ingest_with_the_token_is_idempotent(client: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    r = client.post("/api/ingest", json={"records": [NEW, {"id": "broken"}]}, headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["counts"] == {"new": 1, "quarantined": 1}
    assert body["items"][1]["quarantine_id"] and "text" in body["items"][1]["message"]
    again = client.post("/api/ingest", json={"records": [NEW]}, headers=auth).json()
    assert again["counts"] == {"duplicate": 1}
    assert client.get("/api/stats").json()["tables"]["articles"] == 7
    assert client.post("/api/ingest", json={}, headers=auth).status_code == 400
    assert client.post("/api/ingest", json={"articles": [{"text": "نص"}]}, headers=auth).status_code == 503


def test_ingest_limit(sample_store: Any) -> None:
    app = create_app(sample_store, token="t", settings=ServeSettings(max_ingest_records=1))
    with TestClient(app) as c:
        r = c.post("/api/ingest", json={"records": [NEW, NEW]}, headers={"Authorization": "Bearer t"})
        assert r.status_code == 413


def test_ingest_disabled_without_a_token(sample_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MARSAD_API_TOKEN", raising=False)
    with TestClient(create_app(sample_store)) as c:
        r = c.post("/api/ingest", json={"records": [NEW]}, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and "MARSAD_API_TOKEN" in r.json()["message"]


def test_token_from_the_environment(sample_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_API_TOKEN", "from-env")
    with TestClient(create_app(sample_store)) as c:
        r = c.post("/api/ingest", json={"records": [NEW]}, headers={"Authorization": "Bearer from-env"})
        assert r.status_code == 200


def test_reads_can_require_the_token(sample_store: Any) -> None:
    app = create_app(sample_store, token="k", settings=ServeSettings(read_requires_token=True))
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/").status_code == 401
        assert c.get("/api/events", headers={"Authorization": "Bearer k"}).status_code == 200
        r = c.get("/?token=k", follow_redirects=False)  # the dashboard: once in the URL, then a cookie
        assert r.status_code == 303 and "token" not in r.headers["location"]
        assert c.get("/").status_code == 200
        assert c.get("/api/stats").status_code == 200
        assert c.post("/api/ingest", json={"records": [NEW]}).status_code == 401  # never by cookie
    with pytest.raises(ConfigError):
        create_app(sample_store, token=None, settings=ServeSettings(read_requires_token=True))


def test_store_factory_is_opened_lazily_and_closed(tmp_path: Any) -> None:
    from fixtures import open_sample_store

    open_sample_store(tmp_path).close()
    opened: list[Any] = []

    def factory() -> Any:
        from marsad.store import open_store

        opened.append(open_store(tmp_path / "test.duckdb", read_only=True))
        return opened[-1]

    with TestClient(create_app(store_factory=factory)) as c:
        assert not opened
        assert c.get("/api/stats").json()["tables"]["articles"] == 6
    assert len(opened) == 1
    with pytest.raises(ConfigError):
        create_app()


def test_docs_are_served_without_a_cdn(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/redoc").status_code == 404


def test_a_record_the_store_rejects_is_quarantined_not_lost(client: TestClient) -> None:
    bad = {**NEW, "id": "art-bad-event", "text": "نص آخر مختلف تماما عن حدث في مدينة وجدة.",
           "events": [{"id": "V1", "type": "COERCE", "evidence": {"start": "x"}}]}  # fmt: skip
    other = {**NEW, "id": "art-fine", "text": "نص ثالث لا علاقة له بما سبق عن اجتماع في تونس."}
    r = client.post("/api/ingest", json={"records": [bad, other]}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [it["status"] for it in items] == ["quarantined", "new"]
    assert items[0]["quarantine_id"] and "could not be stored" in items[0]["message"]
    assert client.get("/api/stats").json()["tables"]["quarantine"] == 1
