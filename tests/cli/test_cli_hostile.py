"""CLI contracts under hostile conditions: exit codes as documented, a locked store is one clear line."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import _register_all, app

_register_all()
AR = "أعلنت المديرية العامة للأمن الوطني توقيف شخصين في مدينة فاس للاشتباه في صلتهما بتنظيم إرهابي."
LIGHT = '[pipeline]\nstages = ["text.tokens.v1", "text.sentences.v1"]\n'


def test_ingest_exit_code_is_1_when_inputs_are_quarantined(tmp_path: Path) -> None:
    config = tmp_path / "light.toml"
    config.write_text(LIGHT, "utf-8")
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    (good / "a.txt").write_text(f"توقيف في فاس\n{AR}\n", "utf-8")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "broken.jsonl").write_text('{"text": \n', "utf-8")
    db = str(tmp_path / "x.duckdb")
    ok = CliRunner().invoke(app, ["ingest", str(good), "--db", db, "--workers", "1", "--config", str(config)])
    assert ok.exit_code == 0, ok.output
    all_bad = CliRunner().invoke(app, ["ingest", str(bad), "--db", db, "--workers", "1", "--config", str(config)])
    assert all_bad.exit_code == 1, all_bad.output
    assert "quarantined E001" in all_bad.output and "quarantined E005" in all_bad.output


@pytest.fixture
def locked_db(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    db = tmp_path / "held.duckdb"
    code = f"import duckdb, sys, time; c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield db, holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_a_locked_duckdb_file_is_one_line_and_exit_2(locked_db: tuple[Path, int], tmp_path: Path) -> None:
    db, pid = locked_db
    (tmp_path / "a.txt").write_text(AR, "utf-8")
    for args in (["ingest", str(tmp_path / "a.txt"), "--db", str(db)], ["quarantine", "list", "--db", str(db)]):
        started = time.monotonic()
        result = CliRunner().invoke(app, args, env={"COLUMNS": "400"})
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1, result.output
        assert str(db) in lines[0] and f"PID {pid}" in lines[0] and "another process" in lines[0]
        assert time.monotonic() - started < 30
