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


def test_analyze_folder_reads_every_kind_or_reports_it(tmp_path: Path) -> None:
    import json

    config = tmp_path / "light.toml"
    config.write_text(LIGHT, "utf-8")
    src = tmp_path / "in"
    src.mkdir()
    other = "قالت وزارة الدفاع الجزائرية إن وحدات الجيش دمرت مخبأ للأسلحة قرب الحدود مع مالي."
    (src / "a.txt").write_text(f"توقيف في فاس\n{AR}\n", "utf-8")
    paragraphs = "".join(f"<p>{AR} {other}</p>" for _ in range(4))
    (src / "b.html").write_text(f'<html lang="ar"><head><title>توقيف في فاس</title></head><body><article>'
                                f"<h1>توقيف في فاس</h1>{paragraphs}</article></body></html>", "utf-8")  # fmt: skip
    (src / "c.json").write_text(json.dumps([{"text": AR}, {"text": other}], ensure_ascii=False), "utf-8")
    (src / "d.csv").write_text(f'text,published\n"{other}",2025-02-26\n', "utf-8")
    (src / "e.rss").write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار</title>'
                               f"<item><title>توقيف</title><link>https://example.org/1</link>"
                               f"<description>{AR}</description></item></channel></rss>", "utf-8")  # fmt: skip
    (src / "f.pdf").write_bytes(b"%PDF-1.4 not an article")
    (src / ".hidden.txt").write_text(AR, "utf-8")
    out = tmp_path / "recs.jsonl"
    result = CliRunner().invoke(app, ["analyze", str(src), "--out", str(out), "--config", str(config), "-w", "1"])
    assert result.exit_code == 1, result.output  # 1: one file (the PDF) could not be read
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    by_file = [(Path(r["origin"]).name.split(":")[0].split("#")[0], [d["code"] for d in r["diagnostics"]
                                                                     if d["severity"] == "error"]) for r in records]
    assert by_file == [("a.txt", []), ("b.html", []), ("c.json", []), ("c.json", []), ("d.csv", []), ("e.rss", []),
                       ("f.pdf", ["E038"])]  # fmt: skip
    assert [r["text"] for r in records[2:5]] == [AR, other, other]
    assert AR in records[1]["text"] and AR in records[5]["text"]
