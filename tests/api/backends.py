"""An API client on the sample store plus two more articles (an Islamic State attack in Niger, a DGST
arrest in Tangier), on DuckDB and on PostgreSQL alike, for the dashboard's filters and views."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fixtures import _place, entity, event, quote, record, relation, sample_records

from pgschema import pg_urls

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


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of the sample store plus :func:`extra_records`, on each backend."""
    from marsad.store import open_store

    with ExitStack() as stack:
        if request.param == "duckdb":
            url = str(tmp_path / "api.duckdb")
        else:
            (url,) = stack.enter_context(pg_urls(1, "marsad_api"))
        store = open_store(url)
        try:
            store.add_records([*sample_records(), *extra_records()])
        finally:
            store.close()
        yield url


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
