"""Actor and country pages' data and the sources (#18), on DuckDB and PostgreSQL."""

from __future__ import annotations

from typing import Any

from backends import ok


def test_a_country_page(api: Any) -> None:
    mar = ok(api, "/api/countries/MAR")
    assert (mar["name_ar"], mar["name_en"], mar["kind"]) == ("المغرب", "Morocco", "state")
    assert mar["figures"]["events"] == len(mar["events"]) == 5 and {e["country"] for e in mar["events"]} == {"MAR"}
    assert {(d["a"], d["b"]) for d in mar["partners"]} == {("DZA", "MAR"), ("FRA", "MAR"), ("MAR", "MRT"),
                                                          ("ESP", "MAR")}  # fmt: skip
    assert [q["speaker_code"] for q in mar["quotes"]] == ["MAR_DGST"]  # its agencies speak for it
    assert [p["month"] for p in mar["index"]] == ["2025-01", "2025-02", "2025-04"]
    assert ok(api, "/api/countries/mar")["code"] == "MAR"


def test_an_actor_page(api: Any) -> None:
    isil = ok(api, "/api/actors/ISIL")
    assert (isil["name_ar"], isil["kind"]) == ("داعش", "group")
    assert isil["figures"]["events"] == 2 and isil["figures"]["killed"] == 5
    assert isil["partners"] == [] and isil["quotes"] == []
    dgst = ok(api, "/api/actors/MAR_DGST")
    assert dgst["country"] == "MAR" and dgst["events"][0]["description_ar"].startswith("اعتقلت المديرية")
    assert dgst["quotes"][0]["evidence_text"] == "إن الموقوفين كانوا يعدون لتنفيذ مخططات تخريبية"
    smugglers = ok(api, "/api/actors/smugglers")  # not in the KB, but in an event
    assert smugglers["kind"] is None and smugglers["figures"]["events"] == 1


def test_unknown_pages_are_404_and_bad_codes_400(api: Any) -> None:
    assert api.get("/api/actors/NOBODY_XYZ").status_code == 404
    assert api.get("/api/countries/TUN").status_code == 200  # in the KB, with no event yet
    assert api.get("/api/countries/Morocco").status_code == 400
    assert api.get("/api/actors/<b>").status_code == 400


def test_sources_with_links(api: Any) -> None:
    everything = {s["source"]: s for s in ok(api, "/api/sources")}
    assert everything["hespress"]["n_articles"] == 3 and everything["hespress"]["n_events"] == 4
    assert everything["hespress"]["example_url"].startswith("https://example.org/")
    mopti = ok(api, "/api/sources?country=MLI")
    assert [(s["source"], s["n_events"]) for s in mopti] == [("alakhbar", 1)]
    event = ok(api, "/api/events?near=Tangier:10km")["items"][0]
    mention = ok(api, f"/api/events/{event['id']}")["mentions"][0]
    assert (mention["url"], mention["title"]) == ("https://example.org/art-tangier", "تفكيك خلية إرهابية في طنجة")
