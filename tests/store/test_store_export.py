"""Exports round-trip: written files read back with DuckDB / pyarrow give the same rows."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from store_helpers import AGADIR, event, record

from marsad.export import ACLED_COLUMNS, MARSAD_COLUMNS, export_acled, export_plover, export_table
from marsad.export.tables import with_descriptions
from marsad.store import SqlStore
from marsad.store.schema import TABLES


@pytest.fixture
def filled(store: SqlStore) -> SqlStore:
    store.add_records([
        record("a1", events=[event(acled=("Strategic developments", "Arrests"))]),
        record("d1", "أوقفت عناصر الأمن بأكادير شخصين يشتبه في صلتهما بتنظيم داعش في عملية جديدة.",
               events=[event(text="=HYPERLINK(\"x\") أوقفت عناصر الأمن بأكادير شخصين.", place=AGADIR,
                             date="2025-01-10", acled=("Strategic developments", "Arrests"))]),
    ])  # fmt: skip
    store.quarantine("files", "bad.bin", "E002", "binary", b"\x00\x01")
    store.set_checkpoint("k", "v")
    return store


def _plain(v: Any) -> Any:
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    if isinstance(v, bytes | memoryview):
        return base64.b64encode(bytes(v)).decode()
    return v


def _expected(store: SqlStore, table: str) -> list[dict[str, Any]]:
    names, rows = store.table_rows(table)
    if table == "events":
        names, rows = with_descriptions(names, rows)
    return [dict(zip(names, r, strict=True)) for r in rows]


@pytest.mark.parametrize("table", TABLES)
def test_jsonl_round_trip(filled: SqlStore, table: str, tmp_path: Path) -> None:
    out = tmp_path / f"{table}.jsonl"
    n = export_table(filled, table, "jsonl", out)
    back = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert n == len(back) and back == [{k: _plain(v) for k, v in r.items()} for r in _expected(filled, table)]


@pytest.mark.parametrize("table", ["events", "event_mentions", "articles", "quarantine"])
def test_parquet_round_trip(filled: SqlStore, table: str, tmp_path: Path) -> None:
    out = tmp_path / f"{table}.parquet"
    export_table(filled, table, "parquet", out)
    back = pq.read_table(out).to_pylist()
    expected = _expected(filled, table)
    assert len(back) == len(expected) > 0
    for got, want in zip(back, expected, strict=True):
        assert {k: _plain(v) for k, v in got.items()} == {k: _plain(v) for k, v in want.items()}


@pytest.mark.parametrize("table", ["events", "event_mentions", "checkpoints"])
def test_csv_round_trip_with_duckdb(filled: SqlStore, table: str, tmp_path: Path) -> None:
    out = tmp_path / f"{table}.csv"
    export_table(filled, table, "csv", out)
    con = duckdb.connect()
    rel = con.execute("SELECT * FROM read_csv(?, header = true, all_varchar = true)", [str(out)])
    names = [d[0] for d in rel.description or ()]
    back = [dict(zip(names, r, strict=True)) for r in rel.fetchall()]
    want = [{k: None if v is None else str(_plain(v)) for k, v in r.items()} for r in _expected(filled, table)]
    norm = [{k: None if v in (None, "") else v for k, v in r.items()} for r in back]
    assert norm == [{k: None if v in (None, "") else v for k, v in r.items()} for r in want]


def test_acled_csv(filled: SqlStore, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    assert export_acled(filled, out) == 2
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == (*ACLED_COLUMNS, *MARSAD_COLUMNS)
    agadir, rabat = rows
    assert agadir["event_date"] == "2025-01-10" and agadir["year"] == "2025" and agadir["time_precision"] == "1"
    assert rabat["event_id_cnty"] == "MAR2" and rabat["country"] == "Morocco" and rabat["iso"] == "504"
    assert rabat["inter1"] == "1" and rabat["inter2"] == "2" and rabat["interaction"] == "12"
    assert rabat["geo_precision"] == "1" and rabat["fatalities"] == "0" and rabat["plover_mode"] == "arrest"
    assert rabat["disorder_type"] == "Strategic developments" and rabat["sub_event_type"] == "Arrests"
    assert agadir["evidence"].startswith("'=")  # a formula in web text is neutralised for spreadsheets
    assert rabat["notes"] == "Morocco made arrests among Islamic State in Rabat (Morocco) on 2025-02-26; 4 arrested."
    assert rabat["notes_ar"] == "اعتقل المغرب مشتبها بهم من داعش في الرباط (المغرب) يوم 2025-02-26، واعتُقل 4 أشخاص."


def test_events_csv_carries_the_descriptions(filled: SqlStore, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    export_table(filled, "events", "csv", out)
    with out.open(encoding="utf-8") as fh:
        rows = {r["place_name"]: r for r in csv.DictReader(fh)}
    assert rows["Agadir"]["description_ar"] == (
        "اعتقل المغرب مشتبها بهم من داعش في أكادير (المغرب) يوم 2025-01-10، واعتُقل 4 أشخاص.")
    assert rows["Agadir"]["description_en"].startswith("Morocco made arrests among Islamic State in Agadir")


def test_plover_json(filled: SqlStore, tmp_path: Path) -> None:
    out = tmp_path / "plover.json"
    assert export_plover(filled, out) == 2
    recs = json.loads(out.read_text("utf-8"))
    assert {r["event_type"] for r in recs} == {"COERCE"} and recs[1]["mode"] == "arrest"
    assert recs[1]["actor"]["code"] == "MAR" and recs[1]["location"]["name"] == "Rabat"
    assert recs[1]["mentions"][0]["article_id"] == "a1" and recs[1]["mentions"][0]["text"]
