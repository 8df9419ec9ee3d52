"""The delivery state on both backends (DuckDB and PostgreSQL, schema migration 3): the seed article's alerts are
recorded and delivered once, and a second check finds them delivered."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.alerts import check, fired, parse_rules
from marsad.store import open_store
from marsad.store.schema import SCHEMA_VERSION

PG_BASE = os.environ.get("MARSAD_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
RULES = """
deliver: {jsonl: alerts.jsonl}
watches:
  - name: morocco-arrests
    place: {country: MAR}
    types: [COERCE]
    modes: [arrest]
    min_confidence: 0.5
  - name: mar-dza-negative
    relation: {pair: MAR-DZA, polarity: negative}
"""


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "duckdb":
        yield str(tmp_path / "s.duckdb")
        return
    try:
        import psycopg

        with psycopg.connect(PG_BASE, connect_timeout=3) as con:
            con.execute("SELECT 1")
    except Exception as exc:
        pytest.skip(f"PostgreSQL at {PG_BASE} does not answer: {exc.__class__.__name__}")
    schema = f"marsad_test_{uuid.uuid4().hex[:12]}"
    try:
        yield f"{PG_BASE}{'&' if '?' in PG_BASE else '?'}schema={schema}"
    finally:
        from psycopg import sql

        with psycopg.connect(PG_BASE, autocommit=True) as con:
            con.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def test_alert_state_on_each_backend(url: str, seed_records: Path, tmp_path: Path) -> None:
    records = [json.loads(line) for line in seed_records.read_text("utf-8").splitlines()]
    rules = parse_rules(RULES, "rules.yaml", tmp_path)
    with open_store(url) as store:
        assert store.schema_version() == SCHEMA_VERSION == 4  # 3: alert deliveries; 4: corrections
        store.add_records(records)
        first = check(store, rules)
        second = check(store, rules)
        listed = fired(store)
    assert first.new == first.delivered == 3 and (second.new, second.delivered) == (0, 0)
    assert len(listed) == 3 and len({a["id"] for a in listed}) == 3
    assert len((tmp_path / "alerts.jsonl").read_text("utf-8").splitlines()) == 3
