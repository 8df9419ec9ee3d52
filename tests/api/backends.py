"""An API client on the sample store plus two more articles (an Islamic State attack in Niger, a DGST
arrest in Tangier), on DuckDB and on PostgreSQL alike, for the dashboard's filters and views."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures import _place, entity, event, quote, record, relation, sample_records

PG_BASE = os.environ.get("MARSAD_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
TOKEN = "s3cret"

T7 = ("قتل خمسة جنود وأصيب ثلاثة آخرون في هجوم شنه تنظيم داعش على موقع للجيش النيجري قرب تيلابيري غرب النيجر، "
      "بحسب ما أعلنته وزارة الدفاع النيجرية.")
T8 = ("فككت المديرية العامة لمراقبة التراب الوطني خلية إرهابية في طنجة موالية لتنظيم داعش، واعتقلت 12 شخصا "
      "يشتبه في تورطهم في التخطيط لعمليات إرهابية، وأكد المغرب تعاونه الأمني مع إسبانيا.\n"
      "وقالت المديرية في بلاغ إن الموقوفين كانوا يعدون لتنفيذ مخططات تخريبية.")


def extra_records() -> list[dict[str, Any]]:
    r7 = record("art-niger", "هجوم لداعش قرب تيلابيري", "aawsat", "2025-05-03", T7,
                events=[event(T7, "V1", "ASSAULT", "هجوم شنه تنظيم داعش على موقع للجيش النيجري", actor="ISIL",
                              actor_name="Islamic State", recipient="NER",
                              place=_place("Tillaberi", "تيلابيري", 14.21, 1.45, "NER"), date="2025-05-02",
                              killed=5, confidence=0.93)])  # fmt: skip
    r8 = record("art-tangier", "تفكيك خلية إرهابية في طنجة", "hespress", "2025-02-27", T8,
                events=[event(T8, "V1", "COERCE", "فككت المديرية العامة لمراقبة التراب الوطني خلية إرهابية",
                              mode="arrest", actor="MAR_DGST", actor_name="DGST", recipient="ISIL",
                              place=_place("Tangier", "طنجة", 35.77, -5.80, "MAR"), date="2025-02-26", people=12,
                              confidence=0.95)],
                relations=[relation(T8, "R1", "MAR", "ESP", "COOPERATE", 1, "وأكد المغرب تعاونه الأمني مع إسبانيا")],
                quotes=[quote(T8, "Q1", "المديرية", "قالت", "إن الموقوفين كانوا يعدون لتنفيذ مخططات تخريبية")],
                entities=[entity(T8, "E1", "المديرية العامة لمراقبة التراب الوطني", "ORG", "MAR_DGST",
                                 "General Directorate for Territorial Surveillance", "agency", "MAR")])
    r8["quotes"][0]["speaker"]["entity"] = "E1"
    r7["events"][0]["acled"] = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    return [r7, r8]  # fmt: skip


def _pg_url() -> str:
    try:
        import psycopg

        with psycopg.connect(PG_BASE, connect_timeout=3) as con:
            con.execute("SELECT 1")
    except Exception as exc:
        pytest.skip(f"PostgreSQL at {PG_BASE} does not answer: {exc.__class__.__name__}")
    return f"{PG_BASE}{'&' if '?' in PG_BASE else '?'}schema=marsad_api_{uuid.uuid4().hex[:12]}"


def _drop(url: str) -> None:
    import psycopg
    from psycopg import sql

    schema = url.rsplit("schema=", 1)[1]
    with psycopg.connect(PG_BASE, autocommit=True) as con:
        con.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of the sample store plus :func:`extra_records`, on each backend."""
    from marsad.store import open_store

    url = str(tmp_path / "api.duckdb") if request.param == "duckdb" else _pg_url()
    store = open_store(url)
    try:
        store.add_records([*sample_records(), *extra_records()])
    finally:
        store.close()
    try:
        yield url
    finally:
        if request.param == "postgres":
            _drop(url)


@pytest.fixture
def api(store_url: str) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from marsad.api import create_app
    from marsad.store import open_store

    store = open_store(store_url)
    try:
        with TestClient(create_app(store, token=TOKEN)) as c:
            yield c
    finally:
        store.close()


def ok(client: Any, url: str) -> Any:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r.json()
