"""Server-rendered pages: direction and language, escaping of untrusted text, evidence marks, bundled assets."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from fixtures import IMG, XSS
from hypothesis import given
from hypothesis import strategies as st

from marsad.web.text import inert, plain, segments

STATIC = Path(__file__).resolve().parents[2] / "src" / "marsad" / "web" / "static"


def _event_id(client: TestClient, query: str) -> str:
    return str(client.get(f"/api/events?{query}").json()["items"][0]["id"])


def test_dashboard_is_arabic_rtl_by_default(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert '<html lang="ar" dir="rtl">' in r.text
    assert "لوحة المتابعة" in r.text and "خريطة الأحداث" in r.text
    assert r.text.count('class="event-row"') == 7
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "script-src 'self'" in r.headers["content-security-policy"]  # no inline script can run


def test_english_toggle_sets_ltr_and_remembers(client: TestClient) -> None:
    r = client.get("/?lang=en&type=COERCE")
    assert '<html lang="en" dir="ltr">' in r.text and "Map of events" in r.text
    assert r.cookies.get("marsad_lang") == "en"
    assert '<html lang="en"' in client.get("/").text  # the cookie keeps the choice
    toggle = re.search(r'id="lang-toggle" href="([^"]+)"', client.get("/?type=COERCE").text)
    assert toggle and "type=COERCE" in toggle.group(1) and "lang=ar" in toggle.group(1)


def test_filters_stay_in_the_page_and_its_links(client: TestClient) -> None:
    r = client.get("/?country=MAR&type=COERCE")
    assert r.text.count('class="event-row"') == 2
    assert '<option value="COERCE" selected>' in r.text
    assert 'href="/" id="f-reset"' in r.text
    bad = client.get("/?since=not-a-date")
    assert bad.status_code == 400 and 'role="alert"' in bad.text and "since" in bad.text


def test_pagination_links_keep_the_filters(sample_store: Any) -> None:
    from marsad.api import create_app
    from marsad.config import ServeSettings

    with TestClient(create_app(sample_store, settings=ServeSettings(default_limit=2))) as c:
        text = c.get("/?country=MAR").text
        assert text.count('class="event-row"') == 2
        assert 'href="/?country=MAR&amp;offset=2#events-panel" rel="next"' in text


def test_event_page_marks_the_evidence(client: TestClient) -> None:
    eid = _event_id(client, "type=COERCE&mode=arrest")
    text = client.get(f"/events/{eid}").text
    assert re.search(rf'<mark class="evidence" id="m1" data-ref="{eid}">أوقفت ثلاثة أشخاص</mark>', text)
    assert re.search(rf'<mark class="evidence" id="m1" data-ref="{eid}">وأوقفت ثلاثة أشخاص</mark>', text)
    assert text.count('class="panel mention"') == 2  # both reports
    assert "بتنسيق وثيق مع السلطات الموريتانية" in text  # the article's relation and quote
    assert 'id="event-confidence"' in text
    assert client.get("/events/nope").status_code == 404


def test_event_page_gives_whole_texts_to_its_first_reports_only(client: TestClient, monkeypatch: Any) -> None:
    """An event reported many times: its first reports in full, the others by their evidence and a link."""
    from marsad.web import pages

    monkeypatch.setattr(pages, "FULL_TEXT_REPORTS", 1)
    eid = _event_id(client, "type=COERCE&mode=arrest")
    text = client.get(f"/events/{eid}").text
    assert text.count('class="panel mention"') == 2  # both reports, each with its evidence
    assert text.count('<mark class="evidence"') == 1  # one whole text, with its evidence marked
    assert "وأوقفت ثلاثة أشخاص" in text and "المقال كاملاً" in text  # the other: its evidence and a link


def test_untrusted_text_is_inert_and_readable(client: TestClient) -> None:
    eid = _event_id(client, "type=PROTEST")
    for url in ("/articles/art-xss", f"/events/{eid}", "/api/../articles/art-xss"):
        r = client.get(url)
        assert r.status_code == 200
        page = r.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert XSS not in page and IMG not in page and "onerror=alert(1)>" not in page
        assert "\u202e" not in page  # the override is shown, never obeyed
        assert '<span class="ctl" title="U+202E">[U+202E]</span>' in page
        assert "الاتجاه بعد المحرف" in page and "وخرج مئات المتظاهرين" in page  # the Arabic around it is still there
    assert "<script>alert" not in client.get("/").text


def test_client_json_cannot_close_its_script(client: TestClient) -> None:
    page = client.get("/").text
    blob = re.search(r'<script type="application/json" id="marsad-client">(.*?)</script>', page, re.S)
    assert blob and json.loads(blob.group(1))["lang"] == "ar"


def test_inert() -> None:
    assert str(inert("<b>x</b>\u202eab")) == '&lt;b&gt;x&lt;/b&gt;<span class="ctl" title="U+202E">[U+202E]</span>ab'
    assert plain("a\u2067b") == "a[U+2067]b"
    assert str(inert(None)) == ""


@given(st.text(alphabet="اب <>&\u202e\n", max_size=40),
       st.lists(st.tuples(st.integers(-5, 50), st.integers(-5, 50)), max_size=5))  # fmt: skip
def test_segments_always_rebuild_the_text(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [(a, b, "evidence", None) for a, b in raw]
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    marked = [s for s in segs if s.kind]
    assert all(s.text for s in marked)
    assert len({s.anchor for s in marked}) == len(marked)


def test_segments_golden() -> None:
    segs = segments("وأوقفت الشرطة ثلاثة", [(1, 6, "evidence", "E1")])
    assert [(s.text, s.kind) for s in segs] == [("و", None), ("أوقفت", "evidence"), (" الشرطة ثلاثة", None)]


def test_bundled_assets_are_served(client: TestClient) -> None:
    for path in ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/leaflet/images/marker-icon.png",
                 "js/dashboard.js", "css/marsad.css", "geo/countries.geojson",
                 "vendor/fonts/noto-sans-arabic-arabic-400-normal.woff2"):  # fmt: skip
        assert client.get(f"/static/{path}").status_code == 200, path
    for licence in ("vendor/leaflet/LICENSE", "geo/LICENSE-world-atlas", "geo/SOURCE.txt", "vendor/fonts/OFL.txt"):
        assert (STATIC / licence).exists()
    assert "BSD 2-Clause" in (STATIC / "vendor/leaflet/LICENSE").read_text()


def test_basemap_is_small_and_covers_the_region() -> None:
    path = STATIC / "geo" / "countries.geojson"
    assert path.stat().st_size < 1_000_000
    data = json.loads(path.read_text("utf-8"))
    names = {f["properties"]["name"] for f in data["features"]}
    assert {"Morocco", "Algeria", "Mali", "Mauritania", "Spain", "Egypt"} <= names
    assert all(f["geometry"]["type"] == "MultiPolygon" for f in data["features"])


def test_no_innerhtml_in_scripts() -> None:
    for script in (STATIC / "js").glob("*.js"):
        code = script.read_text("utf-8")
        assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "eval(" not in code, script.name


def test_dashboard_figures_follow_an_ingest(client: TestClient) -> None:
    from fixtures import event, record

    text = "أعلنت السلطات التونسية توقيف خمسة أشخاص في صفاقس."
    place = {"name": "Sfax", "name_ar": "صفاقس", "geonames_id": None, "lat": 34.74, "lon": 10.76, "country": "TUN",
             "admin1": None, "precision": "town"}  # fmt: skip
    new = record("art-sfax", "توقيف في صفاقس", "tap", "2025-05-01", text,
                 events=[event(text, "V1", "COERCE", "توقيف خمسة أشخاص", mode="arrest", actor="TUN", place=place,
                               date="2025-05-01")])  # fmt: skip
    assert '<b id="h-events">7</b><span>أحداث</span>' in client.get("/").text
    r = client.post("/api/ingest", json={"records": [new]}, headers={"Authorization": "Bearer s3cret"})
    assert r.json()["counts"] == {"new": 1}
    page = client.get("/").text
    assert '<b id="h-events">8</b><span>أحداث</span>' in page and '<option value="TUN"' in page


def test_both_languages_have_every_string() -> None:
    from marsad.web.i18n import STRINGS

    assert set(STRINGS["ar"]) - {k for k in STRINGS["ar"] if k.startswith("st_")} == set(STRINGS["en"])
    assert all(v.strip() for lang in STRINGS.values() for v in lang.values())
