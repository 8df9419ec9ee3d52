"""The dashboard on a Maghreb corpus analysed and stored by the CLI (``marsad analyze`` + ``marsad store load``
over ``examples/demo``): the first view is the Maghreb, not the world, at 1440×900 and 390×844; screenshots
``maghreb-desktop.png`` and ``maghreb-phone.png`` show it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from browser import (
    DESKTOP,
    PHONE,
    REPO,
    console_errors,
    horizontal_overflow,
    load_dashboard,
    missing_reason,
    screenshot,
    viewport,
    wait,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(missing_reason() is not None, reason=str(missing_reason()))]  # fmt: skip

MAGHREB = {"MAR", "DZA", "TUN", "LBY", "MRT", "ESH"}
CORPUS = REPO / "examples" / "demo" / "corpus.jsonl"


def _marsad(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-c", "from marsad.cli import main; main()", *args]  # the installed `marsad` script
    subprocess.run(command, check=True, env=env, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def maghreb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The demo articles whose events are mostly in the Maghreb, and two far-away ones (outliers the view must
    ignore)."""
    from marsad.api import create_app
    from marsad.api.server import start_in_thread
    from marsad.store import open_store

    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is not in this checkout")
    folder = tmp_path_factory.mktemp("maghreb")
    analysed = folder / "records.jsonl"
    _marsad("analyze", str(CORPUS), "-o", str(analysed), "-w", "1")
    kept, outliers = [], []
    for line in analysed.read_text("utf-8").splitlines():
        record = json.loads(line)
        located = [(e.get("place") or {}).get("country") for e in record.get("events") or []]
        located = [c for c in located if c]
        if located and 2 * sum(c in MAGHREB for c in located) >= len(located):  # mostly Maghreb
            kept.append(line)
        elif set(located) & {"USA", "TUR", "IRQ"} and len(outliers) < 2:
            outliers.append(line)
    assert len(kept) >= 5, "the demo corpus has Maghreb articles"
    corpus = folder / "maghreb.jsonl"
    corpus.write_text("\n".join(kept + outliers) + "\n", "utf-8")
    _marsad("store", "load", str(corpus), "--db", str(folder / "maghreb.duckdb"))
    store = open_store(folder / "maghreb.duckdb")
    running = start_in_thread(create_app(store))
    yield running
    running.stop()
    store.close()


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_maghreb_fills_the_map(driver: Any, maghreb: Any, size: tuple[int, int]) -> None:
    viewport(driver, size)
    try:
        driver.get_log("browser")
        load_dashboard(driver, maghreb.url + "/?lang=ar")
        wait(driver, lambda d: d.find_element("id", "map").get_attribute("data-view"))
        south, west, north, east = map(float, driver.find_element("id", "map").get_attribute("data-view").split(","))
        # the view is the Maghreb (Tunis, Tripoli, Algiers inside), not the world the outliers would span
        assert south < 32.9 and north > 36.8 and west < 3.0 and east > 13.2, (south, west, north, east)
        assert west > -40 and east < 50 and north < 50 and south > 0, (south, west, north, east)
        driver.execute_script("document.getElementById('map').scrollIntoView()")
        screenshot(driver, f"maghreb-{'phone' if size == PHONE else 'desktop'}")
        assert horizontal_overflow(driver) == 0
        assert console_errors(driver) == []
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
