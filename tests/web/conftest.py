import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))  # the hand-written records of tests/api

from fixtures import client, sample_store  # noqa: F401 - fixtures for this folder


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The hand-written sample store served in a thread (token ``t``)."""
    from fixtures import open_sample_store

    from marsad.api import create_app
    from marsad.api.server import start_in_thread

    store = open_sample_store(tmp_path_factory.mktemp("browser"))
    running = start_in_thread(create_app(store, token="t"))
    yield running
    running.stop()
    store.close()


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    from browser import chromium

    with chromium() as d:
        yield d


@pytest.fixture(scope="session", autouse=True)
def _screenshots(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Screenshots go to $MARSAD_SCREENSHOTS, else to this run's pytest tmp dir."""
    import os

    import browser

    if not os.environ.get("MARSAD_SCREENSHOTS"):
        browser.ARTIFACTS = tmp_path_factory.getbasetemp() / "screenshots"
