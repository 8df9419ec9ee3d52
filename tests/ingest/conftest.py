from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_fakestore import FakeStore
from ingest_site import NewsSite

from marsad.config import load_settings
from marsad.ingest import Fetcher, FetchSettings, SourceOptions
from marsad.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[2]
#: Ingest tests check reading, accounting and storage, not analysis: the two text stages suffice.
LIGHT = {"pipeline": {"stages": ["text.tokens.v1", "text.sentences.v1"]}}


def shared_dir() -> Path:
    """``<repo>/../shared`` (or $MARSAD_SHARED)."""
    return Path(os.environ.get("MARSAD_SHARED", REPO / ".." / "shared")).resolve()


@pytest.fixture
def saudinewsnet() -> Path:
    folder = shared_dir() / "data" / "saudinewsnet"
    if not folder.is_dir():
        pytest.skip(f"SaudiNewsNet not found at {folder} (set MARSAD_SHARED)")
    return folder


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with NewsSite() as s:
        yield s


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    settings = FetchSettings(timeout=0.5, retries=1, backoff=0.01, per_host_interval=0.0, max_bytes=1_000_000)
    with Fetcher(settings) as f:
        yield f


@pytest.fixture
def web_options(fetcher: Fetcher) -> SourceOptions:
    return SourceOptions(fetcher=fetcher)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture(scope="session")
def light_pipeline() -> Pipeline:
    return Pipeline.build(load_settings(overrides=LIGHT))
