"""Export of the current filter from the API (#18): CSV, GeoJSON and ACLED CSV under the list's filters."""

from __future__ import annotations

import csv
import io
from typing import Any

from marsad.export import ACLED_COLUMNS, MARSAD_COLUMNS


def _get(api: Any, url: str) -> Any:
    r = api.get(url)
    assert r.status_code == 200, r.text
    return r


def test_csv_of_the_filtered_list_with_descriptions(api: Any) -> None:
    r = _get(api, "/api/export?format=csv&country=MAR&sort=-confidence")
    assert r.headers["content-type"].startswith("text/csv") and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == int(r.headers["x-marsad-total"]) == ok_total(api, "/api/events?country=MAR") == 5
    assert [float(x["confidence"]) for x in rows] == sorted((float(x["confidence"]) for x in rows), reverse=True)
    tangier = next(x for x in rows if x["place_name"] == "Tangier")
    assert tangier["description_ar"] == ("اعتقلت المديرية العامة لمراقبة التراب الوطني مشتبها بهم من داعش في طنجة"
                                         " (المغرب) يوم 2025-02-26، واعتُقل 12 شخصا.")
    assert tangier["first_published"] == "2025-02-27"


def test_geojson_of_the_filtered_located_events(api: Any) -> None:
    fc = _get(api, "/api/export?format=geojson&actor=داعش").json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    niger = next(f for f in fc["features"] if f["properties"]["country"] == "NER")
    assert niger["geometry"]["coordinates"] == [1.45, 14.21] and niger["properties"]["killed"] == 5


def test_acled_csv_of_the_filter(api: Any) -> None:
    r = _get(api, "/api/export?format=acled&since=2025-03-01")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert tuple(rows[0]) == (*ACLED_COLUMNS, *MARSAD_COLUMNS) and len(rows) == 1  # the ACLED-coded events only
    assert (rows[0]["event_date"], rows[0]["fatalities"], rows[0]["event_type"]) == ("2025-05-02", "5", "Battles")
    assert rows[0]["notes"] == "Islamic State attacked Niger in Tillaberi (Niger) on 2025-05-02; 5 killed."
    assert rows[0]["notes_ar"] == "هاجم داعش النيجر في تيلابيري (النيجر) يوم 2025-05-02، وقُتل 5 أشخاص."
    assert _get(api, "/api/export?format=acled&country=TUN").text.startswith("event_id_cnty,")


def test_export_refuses_what_the_list_refuses(api: Any) -> None:
    assert api.get("/api/export?format=xls").status_code == 422
    assert api.get("/api/export?near=Atlantis-xyz:5km").status_code == 400
    assert api.get("/api/export?sort=size").status_code == 400


def ok_total(api: Any, url: str) -> int:
    return int(_get(api, url).json()["total"])
