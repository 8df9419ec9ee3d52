"""The analyst's server-rendered views: header figures of the filter, latest events, sorting, the confidence floor,
events off the map, actor and country profiles, names in both languages, the map's offline labels."""

from __future__ import annotations

import itertools
import re
from typing import Any

from fastapi.testclient import TestClient

from marsad.web.geo import arabic_name, labels
from marsad.web.i18n import ACTORS, COUNTRIES, MODES, actor_name, country_name, mode_name


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr class="event-row" data-id="([^"]+)">', html)


def test_header_figures_count_the_filtered_events_and_fatalities(client: TestClient) -> None:
    page = client.get("/?country=MLI").text
    assert '<b id="h-events">1</b>' in page and '<b id="h-killed">12</b>' in page
    page = client.get("/?type=COERCE").text
    assert '<b id="h-events">2</b>' in page and '<b id="h-killed">0</b>' in page


def test_latest_events_carry_description_place_precision_dates_and_source(client: TestClient) -> None:
    page = client.get("/").text
    latest = page[page.index('id="latest"'):page.index("</ol>")]
    first = latest[:latest.index("</li>")]
    # the Morocco–Mauritania meeting in Nouakchott: event 2025-04-09, published 2025-04-10, hespress (linked)
    assert "تشاور المغرب مع موريتانيا في نواكشوط" in first
    assert "2025-04-09" in first and 'class="pub">2025-04-10' in first
    assert 'href="https://example.org/art-nkc"' in first and 'rel="noopener noreferrer"' in first
    assert 'class="prec prec-town">مدينة' in first


def test_table_sorts_by_fatalities_and_floors_confidence(client: TestClient) -> None:
    by_killed = client.get("/?sort=-killed").text
    killed = re.findall(r'<td class="num">(\d+|—)</td>\s*<td class="num">\d+</td>', by_killed)
    assert killed[0] == "12"
    floored = client.get("/?min_confidence=0.8").text
    assert len(_rows(floored)) == 4 and '<b id="h-events">4</b>' in floored
    assert client.get("/?sort=nonsense").status_code == 400
    assert client.get("/?min_confidence=2").status_code == 400


def test_unlocated_events_are_counted_and_listed(client: TestClient) -> None:
    page = client.get("/").text
    assert 'id="unlocated-note">1 ' in page and "unlocated=1" in page
    only = client.get("/?unlocated=1").text
    assert len(_rows(only)) == 1 and "فرنسا" in only


def test_actor_and_country_profiles(client: TestClient) -> None:
    page = client.get("/countries/MAR").text
    assert "<h1>المغرب" in page and "Morocco" in page
    assert 'data-partner="MRT"' in page and 'data-partner="DZA"' in page  # relations partners
    assert re.search(r'data-partner="DZA">.*?class="pol idx neg">-1\.00', page, re.S)  # a refusal: index −1
    actor = client.get("/actors/JNIM").text
    assert "جماعة نصرة الإسلام والمسلمين" in actor and '<b id="p-killed">12</b>' in actor
    assert 'href="/?actor=JNIM"' in actor
    english = client.get("/actors/JNIM?lang=en").text
    assert "JNIM" in english and "<html lang=\"en\"" in english
    assert client.get("/countries/ZZZ").status_code == 404
    hostile = client.get("/actors/%3Cimg%20src=x%20onerror=alert(1)%3E")
    assert hostile.status_code == 404 and "<img src=x" not in hostile.text and "&lt;img src=x" in hostile.text


def test_event_page_names_mode_precision_and_links_the_original(client: TestClient) -> None:
    event_id = client.get("/api/events?type=ASSAULT").json()["items"][0]["id"]
    page = client.get(f"/events/{event_id}").text
    assert "متفجرات" in page and ">explosives<" not in page
    assert 'href="/actors/JNIM"' in page and 'href="/countries/MLI"' in page
    assert 'class="original" href="https://example.org/art-mopti"' in page
    assert 'id="event-published">2025-03-14' in page


def test_every_kb_state_group_and_mode_is_named_in_both_languages() -> None:
    assert len(COUNTRIES) >= 190
    for code, (ar, en) in COUNTRIES.items():
        assert code not in (ar, en) and re.search("[\u0600-ۿ]", ar), code
    assert country_name("ESH", "ar") == "الصحراء الغربية" and country_name("ESH", "en") == "Western Sahara"
    assert actor_name("ISIL", None, "ar") == "داعش" and actor_name("ISIL", None, "en") != "ISIL"
    assert actor_name("POLISARIO", None, "ar") == "البوليساريو"
    assert actor_name("SAHEL", None, "ar") != "SAHEL"  # regions too
    assert all(re.search("[\u0600-\u06ff]", ar) for ar, _ in ACTORS.values() if ar)
    from marsad.events.lexicon import MODES as PLOVER_MODES

    assert set().union(*PLOVER_MODES.values()) <= set(MODES)
    assert mode_name("arrest", "ar") == "اعتقال" and mode_name("aerial", "en") == "air strike"


def test_map_labels_are_capitals_and_large_towns_in_arabic_spelling(client: TestClient) -> None:
    rows = labels()
    by_name = {r["en"]: r for r in rows}
    assert by_name["Rabat"]["capital"] and by_name["Rabat"]["ar"] == "الرباط"
    assert by_name["Algiers"]["ar"] == "الجزائر"  # not the gazetteer's Uyghur «ئالجىر»
    assert by_name["Casablanca"]["ar"] == "الدار البيضاء" and not by_name["Casablanca"]["capital"]
    assert arabic_name("ئالجىر", "ئالجير|الجزائر") == "الجزائر" and arabic_name("وجدة", "") == "وجدة"
    served: list[Any] = client.get("/ui/labels.json?lang=ar").json()
    assert ["الرباط", 34.013, -6.833, 0] in served
    assert "Rabat" in {r[0] for r in client.get("/ui/labels.json?lang=en").json()}
    names = client.get("/ui/names.json?lang=ar").json()
    assert names["JNIM"] == "جماعة نصرة الإسلام والمسلمين" and names["MAR"] == "المغرب"


def test_bundled_outlines_are_tagged_and_antimeridian_safe() -> None:
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "src" / "marsad" / "web" / "static" / "geo" / "countries.geojson"
    features = json.loads(path.read_text("utf-8"))["features"]
    codes = {f["properties"]["iso3"] for f in features}
    assert {"MAR", "DZA", "TUN", "LBY", "MRT", "ESH", "RUS", "FJI"} <= codes
    for f in features:
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                assert all(abs(a[0] - b[0]) <= 180 for a, b in itertools.pairwise(ring)), f["properties"]


def test_place_filter_takes_the_readme_forms(client: TestClient) -> None:
    near_rabat = client.get("/?near=Rabat:50km")
    assert near_rabat.status_code == 200 and len(_rows(near_rabat.text)) == 1  # the demonstration in Rabat
    by_point = client.get("/?near=30.42,-9.6,30")  # Agadir
    assert by_point.status_code == 200 and len(_rows(by_point.text)) == 2
    assert client.get("/?near=nowhere-at-all:50km").status_code == 400


def test_sources_of_the_filtered_events_link_their_articles(client: TestClient) -> None:
    page = client.get("/?country=MAR").text
    outlets = page[page.index('id="outlets"'):]
    assert "hespress" in outlets and "alyaoum24" in outlets and "alakhbar" not in outlets  # Mopti is in Mali
    assert 'href="https://example.org/art-' in outlets and 'rel="noopener noreferrer"' in outlets


def test_flags_and_corrections_show_in_the_list_and_on_the_event(client: TestClient) -> None:
    event_id = client.get("/api/events?type=ASSAULT").json()["items"][0]["id"]
    body = {"author": "analyst-1", "note": "بيان الجيش", "flag": "<b>مكان</b> خاطئ", "values": {"killed": 13}}
    r = client.post(f"/api/events/{event_id}/corrections", json=body, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200, r.text
    page = client.get("/").text
    assert 'class="flag-mark" title="مُبلّغ عنه: &lt;b&gt;مكان&lt;/b&gt; خاطئ"' in page  # escaped, never HTML
    assert '<b id="h-killed">13</b>' in page and 'class="corrected-mark"' in page
    event = client.get(f"/events/{event_id}").text
    assert 'id="event-flag"' in event and "&lt;b&gt;مكان&lt;/b&gt;" in event and 'id="event-corrected"' in event
    assert 'id="correct-form"' in event
