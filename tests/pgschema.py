"""A fresh PostgreSQL schema per test, for the store, API and alerts tests alike.

On 127.0.0.1:5432, database ``test`` (``MARSAD_TEST_PG`` overrides the URL); the schema is dropped
afterwards, and a test is skipped with the reason when the server does not answer.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import pytest

PG_BASE = os.environ.get("MARSAD_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@lru_cache(maxsize=1)
def pg_skip_reason() -> str | None:
    """Why PostgreSQL tests cannot run here (None: the server answers)."""
    try:
        import psycopg

        with psycopg.connect(PG_BASE, connect_timeout=3) as con:
            con.execute("SELECT 1")
    except Exception as exc:
        return f"PostgreSQL at {PG_BASE} does not answer: {exc.__class__.__name__}"
    return None


def drop_schemas(*schemas: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_BASE, autocommit=True) as con:
        for schema in schemas:
            con.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@contextmanager
def pg_urls(n: int = 1, prefix: str = "marsad_test") -> Iterator[list[str]]:
    """``n`` store URLs, each on a fresh schema, dropped on exit; skips the test without a server."""
    reason = pg_skip_reason()
    if reason:
        pytest.skip(reason)
    schemas = [f"{prefix}_{uuid.uuid4().hex[:12]}" for _ in range(n)]
    sep = "&" if "?" in PG_BASE else "?"
    try:
        yield [f"{PG_BASE}{sep}schema={schema}" for schema in schemas]
    finally:
        drop_schemas(*schemas)
