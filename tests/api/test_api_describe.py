"""Each event's one-line description (marsad.describe) in the list, the detail and the GeoJSON."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_event_list_and_detail_carry_both_descriptions(client: TestClient) -> None:
    mopti = client.get("/api/events?country=MLI").json()["items"][0]
    assert mopti["description_ar"] == (
        "فجرت جماعة نصرة الإسلام والمسلمين عبوة ناسفة استهدفت مالي في موبتي (مالي) يوم 2025-03-13، وقُتل 12 شخصا.")
    assert mopti["description_en"].endswith("against Mali in Mopti (Mali) on 2025-03-13; 12 killed.")
    detail = client.get(f"/api/events/{mopti['id']}").json()
    assert detail["event"]["description_ar"] == mopti["description_ar"]


def test_geojson_properties_carry_both_descriptions(client: TestClient) -> None:
    fc = client.get("/api/events.geojson?country=MRT").json()
    props = fc["features"][0]["properties"]
    assert props["description_ar"] == "تشاور المغرب مع موريتانيا في نواكشوط (موريتانيا) يوم 2025-04-09."
    assert props["description_en"] == "Morocco held talks with Mauritania in Nouakchott (Mauritania) on 2025-04-09."


def test_a_role_party_is_named_in_arabic(client: TestClient) -> None:
    xss = client.get("/api/events?type=PROTEST").json()["items"][0]
    assert xss["description_ar"] == "تظاهر المدنيون في الرباط (المغرب) يوم 2025-04-02."
