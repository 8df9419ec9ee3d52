"""Store fixtures: the same tests run against DuckDB (a temporary file) and PostgreSQL.

PostgreSQL tests use a fresh schema per test on 127.0.0.1:5432 (database ``test``), dropped
afterwards, and are skipped with a reason when the server does not answer.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.store import SqlStore, open_store

PG_BASE = os.environ.get("MARSAD_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_BASE, connect_timeout=3) as con:
            con.execute("SELECT 1")
    except Exception as exc:
        return f"PostgreSQL at {PG_BASE} does not answer: {exc.__class__.__name__}"
    return None


@pytest.fixture(scope="session")
def pg_skip_reason() -> str | None:
    return _pg_available()


def _drop_schema(schema: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_BASE, autocommit=True) as con:
        con.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path, pg_skip_reason: str | None) -> Iterator[str]:
    """A URL of an empty store of each backend."""
    if request.param == "duckdb":
        yield str(tmp_path / "test.duckdb")
        return
    if pg_skip_reason:
        pytest.skip(pg_skip_reason)
    schema = f"marsad_test_{uuid.uuid4().hex[:12]}"
    sep = "&" if "?" in PG_BASE else "?"
    try:
        yield f"{PG_BASE}{sep}schema={schema}"
    finally:
        _drop_schema(schema)


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    with open_store(store_url) as s:
        yield s
