"""The analyst's first screen, the phone layout, the map and the analyst's tools, in headless Debian chromium at
1440×900 and 390×844: no horizontal scroll on the phone, no console error, a screenshot of each view."""

from __future__ import annotations

from typing import Any

import pytest
from browser import (
    DESKTOP,
    PHONE,
    console_errors,
    horizontal_overflow,
    load_dashboard,
    markers,
    missing_reason,
    screenshot,
    viewport,
    wait,
)

from marsad.api.server import RunningServer

pytestmark = [pytest.mark.browser, pytest.mark.skipif(missing_reason() is not None, reason=str(missing_reason()))]
SIZES = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])


@pytest.fixture(autouse=True)
def _reset_viewport(driver: Any) -> Any:
    yield
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def rect(driver: Any, css: str) -> dict[str, float]:
    box: dict[str, float] = driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right};", css)  # fmt: skip
    return box


@SIZES
def test_first_screen_shows_the_latest_events(driver: Any, server: RunningServer, size: tuple[int, int]) -> None:
    viewport(driver, size)
    driver.get_log("browser")
    load_dashboard(driver, server.url + "/?lang=ar")
    name = f"first-screen-{'phone' if size == PHONE else 'desktop'}"
    screenshot(driver, name)
    assert horizontal_overflow(driver) == 0
    latest = rect(driver, "#latest .latest-item")
    assert 0 <= latest["top"] < size[1] * 0.8, latest  # above the fold
    assert latest["left"] >= 0 and latest["right"] <= size[0] + 0.5  # the RTL page shows its content, not its margin
    first = driver.find_element("css selector", "#latest .latest-item")
    text = first.get_attribute("textContent")
    # the newest event: Morocco–Mauritania meeting in Nouakchott (2025-04-09), published 2025-04-10, by hespress
    assert "نواكشوط" in text and "2025-04-09" in text and "2025-04-10" in text and "hespress" in text
    assert "تشاور" in first.find_element("css selector", ".desc").text and "موريتانيا" in text
    assert "مدينة" in first.find_element("css selector", ".prec").text  # the place's precision
    assert driver.find_element("id", "h-events").text == "7"
    assert driver.find_element("id", "h-killed").text == "12"
    assert console_errors(driver) == []


def test_header_figures_follow_the_filter(driver: Any, server: RunningServer) -> None:
    load_dashboard(driver, server.url + "/?lang=ar&country=MLI")
    assert driver.find_element("id", "h-events").text == "1"
    assert driver.find_element("id", "h-killed").text == "12"
    load_dashboard(driver, server.url + "/?lang=ar&country=MAR")
    assert driver.find_element("id", "h-killed").text == "0"
    assert console_errors(driver) == []


@SIZES
def test_event_page_map_leaves_the_title_visible(driver: Any, server: RunningServer, size: tuple[int, int]) -> None:
    viewport(driver, size)
    load_dashboard(driver, server.url + "/?lang=ar&type=ASSAULT")
    driver.get(driver.find_element("css selector", "#latest a.event-link").get_attribute("href"))
    wait(driver, lambda d: d.find_elements("css selector", "#event-map path.event-marker"))
    screenshot(driver, f"event-{'phone' if size == PHONE else 'desktop'}")
    title, mini = rect(driver, ".event-head h1"), rect(driver, "#event-map")
    overlap = not (mini["bottom"] <= title["top"] or title["bottom"] <= mini["top"] or mini["right"] <= title["left"]
                   or title["right"] <= mini["left"])  # fmt: skip
    assert not overlap, (title, mini)
    assert horizontal_overflow(driver) == 0
    assert console_errors(driver) == []


def test_phone_has_more_than_one_breakpoint(driver: Any, server: RunningServer) -> None:
    load_dashboard(driver, server.url + "/?lang=ar")
    queries = driver.execute_script(
        "return [...document.styleSheets].flatMap(s => { try { return [...s.cssRules]; } catch { return []; } })"
        ".filter(r => r.media).map(r => r.media.mediaText)")  # fmt: skip
    assert len({q for q in queries if "max-width" in q}) >= 3, queries
    viewport(driver, (360, 740))
    load_dashboard(driver, server.url + "/?lang=en")
    assert horizontal_overflow(driver) == 0
    screenshot(driver, "first-screen-360-en")


def test_map_popup_is_rtl_with_arabic_actor_names(driver: Any, server: RunningServer) -> None:
    load_dashboard(driver, server.url + "/?lang=ar&type=ASSAULT")
    (marker,) = markers(driver)
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", marker)
    content = wait(driver, lambda d: d.find_element("css selector", ".leaflet-popup-content .popup"))
    assert content.get_attribute("dir") == "rtl"
    assert driver.execute_script("return getComputedStyle(arguments[0]).direction", content) == "rtl"
    text = content.get_attribute("textContent")
    assert "جماعة نصرة الإسلام والمسلمين" in text and "JNIM" not in text  # the KB's Arabic name, not the record's
    assert "مالي" in text and "موبتي" in text and "2025-03-13" in text
    screenshot(driver, "map-popup-ar")
    assert console_errors(driver) == []


def test_map_labels_clusters_and_unlocated_events(driver: Any, server: RunningServer) -> None:
    load_dashboard(driver, server.url + "/?lang=ar")
    script = "return [...document.querySelectorAll('.map-label')].map((e) => e.textContent)"
    names = set(wait(driver, lambda d: d.execute_script(script)))
    assert "الرباط" in names and "الجزائر" in names  # capitals from the gazetteer, offline
    assert driver.find_elements("css selector", ".event-cluster")  # the two Agadir arrests share a cluster
    # the one event without coordinates is counted under the map, with a link that lists it
    note = driver.find_element("id", "unlocated-note")
    assert note.text.startswith("1 ")
    driver.find_element("id", "unlocated-link").click()
    wait(driver, lambda d: "unlocated=1" in d.current_url)
    rows = driver.find_elements("css selector", "tr.event-row")
    assert len(rows) == 1 and "فرنسا" in rows[0].get_attribute("textContent")
    assert console_errors(driver) == []


def test_map_opens_on_the_bulk_of_the_events(driver: Any, server: RunningServer) -> None:
    load_dashboard(driver, server.url + "/?lang=ar")
    wait(driver, lambda d: d.find_element("id", "map").get_attribute("data-view"))
    south, west, north, east = map(float, driver.find_element("id", "map").get_attribute("data-view").split(","))
    # Agadir, Algiers, Rabat, Mopti, Nouakchott: north-west Africa, not the whole world
    assert -45 < west < -16 and 3 < east < 30 and 0 < south < 14.5 and 36.8 < north < 50


def test_english_interface_names_everything(driver: Any, server: RunningServer) -> None:
    load_dashboard(driver, server.url + "/?lang=en")
    body = driver.find_element("tag name", "body").get_attribute("textContent")
    assert "Mauritania" in body and "Morocco" in body and "explosives" not in body.split("Mode")[0]
    options = [o.text for o in driver.find_elements("css selector", "#f-mode option")]
    assert "arrest" in options and "air strike" in options
    load_dashboard(driver, server.url + "/?lang=ar")
    options = [o.text for o in driver.find_elements("css selector", "#f-mode option")]
    assert "اعتقال" in options and "arrest" not in options
    driver.get(server.url + "/?lang=ar")  # leave the cookie as the other tests expect


def test_table_sorts_and_floors_confidence(driver: Any, server: RunningServer) -> None:
    from selenium.webdriver.support.ui import Select

    load_dashboard(driver, server.url + "/?lang=ar")
    driver.find_element("css selector", "th a.sort[href*='sort=-confidence']").click()
    wait(driver, lambda d: "sort=-confidence" in d.current_url)
    rows = driver.find_elements("css selector", "tr.event-row")
    confidences = [r.find_elements("css selector", "td")[-1].text for r in rows]
    values = [int(c.rstrip("%")) for c in confidences]
    assert values == sorted(values, reverse=True) and len(values) == 7
    Select(driver.find_element("id", "f-min-confidence")).select_by_value("0.8")
    driver.find_element("id", "f-apply").click()
    wait(driver, lambda d: "min_confidence=0.8" in d.current_url)
    load_dashboard(driver, driver.current_url)
    assert "sort=-confidence" in driver.current_url  # the filter keeps the order
    assert len(driver.find_elements("css selector", "tr.event-row")) == 4
    assert driver.find_element("id", "h-events").text == "4"
    export = driver.find_element("id", "x-acled").get_attribute("href")
    assert "/api/export?" in export and "format=acled" in export and "min_confidence=0.8" in export
    assert console_errors(driver) == []


def test_exports_carry_the_filter(driver: Any, server: RunningServer) -> None:
    import urllib.request

    load_dashboard(driver, server.url + "/?lang=ar&country=MAR&type=COERCE&sort=-confidence")
    for link in driver.find_elements("css selector", "#exports a"):
        href = link.get_attribute("href")
        assert "country=MAR" in href and "type=COERCE" in href, href
    csv_link = driver.find_element("id", "x-csv").get_attribute("href")
    assert "sort=-confidence" in csv_link and "format=csv" in csv_link
    with urllib.request.urlopen(csv_link) as answer:  # the file holds exactly the two filtered events
        lines = answer.read().decode("utf-8").strip().splitlines()
    assert len(lines) == 3 and all("COERCE" in line for line in lines[1:])


def test_timeline_brush_sets_the_period(driver: Any, server: RunningServer) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    load_dashboard(driver, server.url + "/?lang=ar")
    chart = driver.find_element("css selector", "#timeline svg")
    width = chart.size["width"]
    # from the first month's bar to the second's (January and February 2025)
    actions = ActionChains(driver)
    actions.move_to_element_with_offset(chart, int(-width * 0.35), 0).click_and_hold()
    actions.move_to_element_with_offset(chart, int(-width * 0.1), 0).release().perform()
    wait(driver, lambda d: "since=" in d.current_url and "until=" in d.current_url)
    assert "since=2025-01-01" in driver.current_url and "until=2025-02-28" in driver.current_url
    load_dashboard(driver, driver.current_url)
    assert driver.find_element("id", "h-events").text == "4"  # Jan 20 (2) and Feb 26 (2)
    assert console_errors(driver) == []


def test_timeline_by_day_and_week(driver: Any, server: RunningServer) -> None:
    load_dashboard(driver, server.url + "/?lang=ar")
    months = {t.get_attribute("textContent") for t in driver.find_elements("css selector", "#timeline svg text")}
    assert "2025-02" in months
    for step, label in (("day", "2025-02-26"), ("week", "2025-02-24")):  # the week of the Agadir arrests: Monday
        driver.find_element("css selector", f"#timeline-step button[data-step='{step}']").click()

        def labelled(d: Any, label: str = label) -> bool:
            script = "return [...document.querySelectorAll('#timeline svg text')].map(t => t.textContent)"
            return label in d.execute_script(script)

        wait(driver, labelled)
    screenshot(driver, "timeline-week")
    assert console_errors(driver) == []


@SIZES
def test_country_and_actor_pages(driver: Any, server: RunningServer, size: tuple[int, int]) -> None:
    viewport(driver, size)
    driver.get_log("browser")
    driver.get(server.url + "/countries/MAR?lang=ar")
    wait(driver, lambda d: d.find_elements("css selector", "#profile-index svg circle"))
    assert "المغرب" in driver.find_element("tag name", "h1").text
    assert "موريتانيا" in driver.find_element("css selector", "#profile-index .index-title").text  # busiest partner
    algeria = driver.find_element("css selector", "tr.partner[data-partner='DZA'] td.num")
    driver.execute_script("arguments[0].click()", algeria)
    wait(driver, lambda d: "الجزائر" in d.find_element("css selector", "#profile-index .index-title").text)
    screenshot(driver, f"country-{'phone' if size == PHONE else 'desktop'}")
    assert horizontal_overflow(driver) == 0
    driver.find_element("css selector", "#profile-events a.event-link").click()
    wait(driver, lambda d: "/events/" in d.current_url)
    driver.get(server.url + "/actors/JNIM?lang=ar")
    assert driver.find_element("id", "p-killed").text == "12"
    assert horizontal_overflow(driver) == 0
    assert console_errors(driver) == []


@pytest.fixture
def own_server(tmp_path: Any) -> Any:
    """A sample store of its own (the test writes to it)."""
    from fixtures import open_sample_store

    from marsad.api import create_app
    from marsad.api.server import start_in_thread

    store = open_sample_store(tmp_path)
    running = start_in_thread(create_app(store, token="t"))
    yield running
    running.stop()
    store.close()


def test_flag_or_correct_form(driver: Any, own_server: RunningServer) -> None:
    """Behind the write token: a wrong token is refused; the right one stores the correction (where the API
    has corrections) and the page shows it; a server without them says so."""
    import urllib.request

    server = own_server
    with urllib.request.urlopen(server.url + "/openapi.json") as answer:
        has_corrections = "/api/events/{event_id}/corrections" in answer.read().decode("utf-8")
    load_dashboard(driver, server.url + "/?lang=ar&type=ASSAULT")
    driver.get(driver.find_element("css selector", "#latest a.event-link").get_attribute("href"))
    driver.find_element("css selector", "#correct > summary").click()
    if not has_corrections:
        assert driver.find_element("id", "correct-unavailable").text == "التصحيحات غير متاحة على هذا الخادم."
        assert not driver.find_elements("id", "correct-form")
        return
    form = driver.find_element("id", "correct-form")
    killed = form.find_element("name", "killed")
    assert killed.get_attribute("value") == "12"
    killed.clear()
    killed.send_keys("13")
    form.find_element("name", "author").send_keys("analyst-1")
    form.find_element("name", "note").send_keys("بيان الجيش: 13 قتيلا")
    form.find_element("name", "token").send_keys("wrong")
    driver.find_element("id", "correct-send").click()
    result = wait(driver, lambda d: d.find_element("id", "correct-result").text)
    assert "token" in result or "رمز" in result, result  # 403: the bearer token is not valid
    form.find_element("name", "token").send_keys("\b" * 5 + "t")
    driver.find_element("id", "correct-send").click()
    wait(driver, lambda d: "13 قتلى" in d.find_element("css selector", ".facts").text)
    driver.find_element("css selector", "#correct > summary").click()
    wait(driver, lambda d: "analyst-1" in d.find_element("id", "correct-history").text)
    screenshot(driver, "event-corrected")
    assert [e for e in console_errors(driver) if "/corrections" not in e["message"]] == []  # the 403 was expected


def test_timeline_draws_the_fatalities_trend(driver: Any, server: RunningServer) -> None:
    load_dashboard(driver, server.url + "/?lang=ar")
    dots = wait(driver, lambda d: d.find_elements("css selector", "#timeline circle.killed-dot"))
    assert len(dots) == 1 and "12" in dots[0].get_attribute("textContent")  # March 2025: Mopti, 12 killed
    assert driver.find_elements("css selector", "#timeline polyline.killed-line")


def test_network_follows_the_country_filter(driver: Any, server: RunningServer) -> None:
    load_dashboard(driver, server.url + "/?lang=ar&country=DZA")
    labels = {n.get_attribute("textContent") for n in driver.find_elements("css selector", "#network text.node-label")}
    assert "الجزائر" in labels and "المغرب" in labels and "موريتانيا" not in labels, labels  # Algeria and its partner
    assert console_errors(driver) == []
