"""`marsad ingest/events/event/quotes/relations/actors/stats/export` through typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from store_helpers import event, record, relation
from typer.testing import CliRunner

from marsad.cli import store as store_cli
from marsad.store import ingest_records, open_store

RUNNER = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    store_cli.register(app)
    return app


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = str(tmp_path / "cli.duckdb")
    with open_store(url) as store:
        bad = {"id": "x", "text": "", "origin": "in/bad.jsonl:3", "diagnostics": [
            {"code": "E005", "severity": "error", "message": "malformed JSON line"}]}  # fmt: skip
        text = "صرح مسؤول مغربي بأن التعاون الأمني مع الجزائر متوقف."
        summary = ingest_records(store, [
            record("a1", events=[event(acled=("Strategic developments", "Arrests"))]), bad,
            record("r1", text, events=[],
                   relations=[relation("R1", "MAR", "DZA", polarity=-1, confidence=0.8, text=text)]),
        ])  # fmt: skip
        assert (summary.new, summary.quarantined) == (2, 1)
        assert store.list_quarantine(code="E005")[0].locator == "in/bad.jsonl:3"
    return url


def _json(app: typer.Typer, *args: str) -> object:
    res = RUNNER.invoke(app, [*args, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_events_and_event(app: typer.Typer, db: str) -> None:
    rows = _json(app, "events", "--db", db, "--country", "MAR", "--type", "COERCE", "--mode", "arrest",
                 "--since", "2025-01-01", "--actor", "ISIL", "--near", "33.57,-7.59:100km")  # fmt: skip
    assert isinstance(rows, list) and [r["place_name"] for r in rows] == ["Rabat"]
    detail = _json(app, "event", rows[0]["id"], "--db", db)
    assert isinstance(detail, dict) and detail["mentions"][0]["article_id"] == "a1"
    table = RUNNER.invoke(app, ["events", "--db", db])
    assert table.exit_code == 0 and "Rabat" in table.output


def test_events_take_the_api_s_filter_forms(app: typer.Typer, db: str) -> None:
    for args in (["--actor", "داعش"], ["--actor", "المغرب"], ["--near", "Rabat:20km"], ["--near", "34.02,-6.84,20"],
                 ["--min-confidence", "0.8", "--sort", "-confidence"]):  # fmt: skip
        rows = _json(app, "events", "--db", db, *args)
        assert isinstance(rows, list) and [r["place_name"] for r in rows] == ["Rabat"], args
    assert _json(app, "events", "--db", db, "--min-confidence", "0.9") == []
    bad = RUNNER.invoke(app, ["events", "--db", db, "--sort", "size"])
    assert bad.exit_code != 0 and "confidence" in bad.output


def test_near_parsing() -> None:
    assert store_cli.parse_near("33.57,-7.59:50km") == (33.57, -7.59, 50.0)
    with pytest.raises(typer.BadParameter):
        store_cli.parse_near("nowhere")


def test_relations_actors_stats_quotes(app: typer.Typer, db: str) -> None:
    rel = _json(app, "relations", "--db", db, "--pair", "MAR:DZA")
    assert isinstance(rel, dict) and rel["index"][0]["index"] == -1.0 and len(rel["relations"]) == 1
    actors = _json(app, "actors", "--db", db)
    assert isinstance(actors, list) and {a["code"] for a in actors} == {"MAR", "ISIL"}
    stats = _json(app, "stats", "--db", db)
    assert isinstance(stats, dict) and stats["tables"]["quarantine"] == 1
    assert _json(app, "quotes", "--db", db) == []


def test_export_commands(app: typer.Typer, db: str, tmp_path: Path) -> None:
    for args in (["events", "--format", "parquet"], ["acled"], ["plover"], ["articles", "--format", "jsonl"]):
        out = tmp_path / f"out-{args[0]}"
        res = RUNNER.invoke(app, ["export", *args, "--out", str(out), "--db", db])
        assert res.exit_code == 0, res.output
        assert out.stat().st_size > 0
    bad = RUNNER.invoke(app, ["export", "passwords", "--out", str(tmp_path / "x"), "--db", db])
    assert bad.exit_code != 0


def test_missing_store_is_a_clear_error(app: typer.Typer, tmp_path: Path) -> None:
    res = RUNNER.invoke(app, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code != 0 and "no store" in res.output


def test_near_resolves_a_place_name_with_the_gazetteer() -> None:
    pytest.importorskip("marsad.kb.places", reason="the gazetteer (issue 4) is not in this build")
    lat, lon, km = store_cli.parse_near("الدار البيضاء:50km")
    assert abs(lat - 33.59) < 0.2 and abs(lon + 7.6) < 0.2 and km == 50.0
