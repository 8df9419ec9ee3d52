"""Headless Debian chromium driven by Selenium (never a downloaded browser), and a live server in a thread."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REPO = Path(__file__).resolve().parents[2]
#: where the screenshots go: $MARSAD_SCREENSHOTS, else the pytest run's tmp dir (``screenshots/``, set by conftest;
#: test-artifacts/ when this module is used outside pytest)
ARTIFACTS = Path(os.environ.get("MARSAD_SCREENSHOTS") or REPO / "test-artifacts")
PHONE = (390, 844)
DESKTOP = (1440, 900)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1440,1000", "--lang=ar")  # fmt: skip


def missing_reason() -> str | None:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        return "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "needs selenium (pip install selenium)"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="marsad-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver: Any) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def screenshot(driver: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = driver.get_window_size()
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(size["width"], min(max(height, size["height"]), 4000))  # the whole page
    driver.save_screenshot(str(path))
    driver.set_window_size(size["width"], size["height"])
    return path


def wait(driver: Any, condition: Any, timeout: float = 30) -> Any:
    """Wait for ``condition``; an element replaced while the page redraws is looked up again."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def markers(driver: Any) -> list[Any]:
    """The events drawn as points: single markers, and each cluster once per event it holds."""
    single = list(driver.find_elements("css selector", ".leaflet-events-pane .event-marker"))
    for cluster in driver.find_elements("css selector", ".event-cluster"):
        single += [cluster] * int(cluster.get_attribute("textContent"))
    return single


def load_dashboard(driver: Any, url: str) -> None:
    driver.get(url)
    wait(driver, lambda d: d.find_element("id", "map").get_attribute("data-markers") is not None)
    wait(driver, lambda d: d.find_elements("css selector", "#timeline svg rect.bar, #timeline .empty"))
    wait(driver, lambda d: d.find_elements("css selector", "#network svg line.edge, #network .empty"))


def viewport(driver: Any, size: tuple[int, int]) -> None:
    """Emulate a screen of exactly ``size`` CSS pixels (a phone: mobile, so the viewport meta applies)."""
    width, height = size
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def horizontal_overflow(driver: Any) -> int:
    """How many CSS pixels the page is wider than the screen (0: no horizontal scroll)."""
    return int(driver.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"))  # fmt: skip
