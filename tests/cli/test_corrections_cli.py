"""An analyst's correction survives `marsad ingest` of the same articles and shows in `marsad events` and
`marsad export` (#18): the seed article through the real commands."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import _register_all, app
from marsad.store import open_store

_register_all()
SEED = Path(__file__).resolve().parents[2] / "examples" / "seed"


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_correction_survives_ingest_and_shows_in_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "x.duckdb")
    _run("ingest", str(SEED), "--db", db, "--workers", "1")
    with open_store(db) as store:
        event = store.events(limit=1)[0]
        store.correct(event.id, author="محلل", note="حسب البلاغ الرسمي", values={"killed": 7}, flag="راجع المكان")
    _run("ingest", str(SEED), "--db", db, "--workers", "1")  # the same article again
    shown = {e["id"]: e for e in json.loads(_run("events", "--db", db, "--json"))}
    assert (shown[event.id]["killed"], shown[event.id]["flag"], shown[event.id]["corrected"]) == (7, "راجع المكان",
                                                                                                ["killed"])  # fmt: skip
    _run("export", "events", "--db", db, "--out", "events.csv")
    with Path("events.csv").open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["id"] == event.id)
    assert (row["killed"], row["flag"]) == ("7", "راجع المكان") and "7 أشخاص" in row["description_ar"]
    _run("export", "corrections", "--db", db, "--out", "corrections.csv")
    trail = Path("corrections.csv").read_text(encoding="utf-8")
    assert "محلل" in trail and "حسب البلاغ الرسمي" in trail
