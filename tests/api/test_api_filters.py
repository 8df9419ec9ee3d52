"""Filters everywhere (#18): actor by any name, place by name or point, confidence floor, sorting with
pages, and the relations network under every filter; on DuckDB and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from backends import ok

ALL = 9  # events in the sample store plus the two extra articles


@pytest.mark.parametrize(("actor", "n"), [("داعش", 2), ("ISIL", 2), ("isil", 2), ("Islamic State", 2),
                                          ("تنظيم داعش", 2), ("المغرب", 6), ("MAR", 6), ("Morocco", 6),
                                          ("الجزائر", 1), ("smugglers", 1)])  # fmt: skip
def test_the_actor_filter_takes_arabic_english_or_a_code(api: Any, actor: str, n: int) -> None:
    page = ok(api, f"/api/events?actor={actor}")
    assert page["total"] == n == len(page["items"])


def test_a_state_brings_its_agencies(api: Any) -> None:
    codes = {e["actor_code"] for e in ok(api, "/api/events?actor=المغرب&limit=50")["items"]}
    assert "MAR_DGST" in codes and "MAR" in codes


@pytest.mark.parametrize(("near", "n"), [("Agadir:50km", 2), ("أكادير:50km", 2), ("30.4,-9.6:50km", 2),
                                         ("30.4,-9.6,50", 2), ("Casablanca:50km", 0), ("Tangier:20km", 1),
                                         ("Casablanca:1000km", 4)])  # fmt: skip
def test_the_readme_s_place_forms_work(api: Any, near: str, n: int) -> None:
    assert ok(api, f"/api/events?near={near}")["total"] == n


@pytest.mark.parametrize(("near", "word"), [("Atlantis-xyz:50km", "cannot place"), ("31,-8", "LAT,LON,KM"),
                                            ("Casablanca:0km", "km")])  # fmt: skip
def test_a_place_that_cannot_be_found_is_a_clear_400(api: Any, near: str, word: str) -> None:
    r = api.get(f"/api/events?near={near}")
    assert r.status_code == 400 and word in r.json()["message"]


def test_the_confidence_floor(api: Any) -> None:
    items = ok(api, "/api/events?min_confidence=0.88&limit=50")["items"]
    assert len(items) == 4 and min(e["confidence"] for e in items) >= 0.88
    for bad in ("1.5", "-0.1", "high"):
        assert api.get(f"/api/events?min_confidence={bad}").status_code == 400


def test_sorting_with_pages(api: Any) -> None:
    by_conf = [e["confidence"] for e in ok(api, "/api/events?sort=confidence&limit=50")["items"]]
    assert by_conf == sorted(by_conf) and len(by_conf) == ALL
    first = ok(api, "/api/events?sort=-killed&limit=2")
    rest = ok(api, "/api/events?sort=-killed&limit=50&offset=2")
    assert [e["killed"] for e in first["items"]] == [12, 5] and first["total"] == ALL
    assert {e["id"] for e in first["items"]}.isdisjoint(e["id"] for e in rest["items"])
    dates = [e["date_value"] for e in ok(api, "/api/events?sort=date&limit=50")["items"]]
    assert dates == sorted(dates)
    r = api.get("/api/events?sort=size")
    assert r.status_code == 400 and "confidence" in r.json()["message"]


def test_the_network_follows_every_filter(api: Any) -> None:
    pairs = {(d["a"], d["b"]) for d in ok(api, "/api/dyads")}
    assert pairs == {("DZA", "MAR"), ("FRA", "MAR"), ("MAR", "MRT"), ("ESP", "MAR")}
    assert [(d["a"], d["b"]) for d in ok(api, "/api/dyads?type=REJECT")] == [("DZA", "MAR")]
    assert [(d["a"], d["b"]) for d in ok(api, "/api/dyads?actor=الجزائر")] == [("DZA", "MAR")]
    assert {(d["a"], d["b"]) for d in ok(api, "/api/dyads?country=MRT")} == {("MAR", "MRT")}
    assert {(d["a"], d["b"]) for d in ok(api, "/api/dyads?since=2025-02-01")} == {("ESP", "MAR"), ("MAR", "MRT")}
    assert ok(api, "/api/dyads?min_confidence=0.99") == []
    mrt = next(d for d in ok(api, "/api/dyads?country=MAR") if d["b"] == "MRT")
    assert mrt["n"] == 2 and mrt["n_positive"] == 2  # all the country's partners, however small
