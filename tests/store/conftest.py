"""Store fixtures: the same tests run against DuckDB (a temporary file) and PostgreSQL.

PostgreSQL tests use a fresh schema per test on 127.0.0.1:5432 (database ``test``), dropped
afterwards, and are skipped with a reason when the server does not answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.store import SqlStore, open_store
from pgschema import pg_skip_reason, pg_urls


@pytest.fixture(scope="session", name="pg_skip_reason")
def _pg_skip_reason() -> str | None:
    return pg_skip_reason()


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty store of each backend."""
    if request.param == "duckdb":
        yield str(tmp_path / "test.duckdb")
        return
    with pg_urls() as (url,):
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    with open_store(store_url) as s:
        yield s
