"""The delivery state on both backends (DuckDB and PostgreSQL, schema migration 3): the seed article's alerts are
recorded and delivered once, and a second check finds them delivered."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.alerts import check, fired, parse_rules
from marsad.store import open_store
from marsad.store.schema import SCHEMA_VERSION
from pgschema import pg_urls

from .conftest import WATCHES

RULES = "deliver: {jsonl: alerts.jsonl}\n" + WATCHES


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "duckdb":
        yield str(tmp_path / "s.duckdb")
        return
    with pg_urls() as (pg,):
        yield pg


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
