"""What `marsad ingest`, `marsad store load` and `marsad quarantine list` print, pinned by snapshots.

One small folder (two readable sources, an empty file, a French text, a malformed JSON line) is
ingested twice (the second run finds every article stored), analysed and loaded twice with
`marsad store load`; the tables must stay exactly as committed under ``snapshots/`` (the timing rows
of `marsad ingest` are masked). The commands run from a temporary folder with relative paths, so
locators and the ingest's quarantine ids do not depend on where the test runs (`store load` keeps
its file's absolute path in the source, so its ids are masked). After an intended change to an
output, rerun with ``MARSAD_UPDATE_SNAPSHOTS=1`` and review the diff in the commit.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import _register_all, app

_register_all()
ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).parent / "snapshots"
_TIMING = re.compile(r"^│ (seconds|items/second) .*$", re.MULTILINE)
_ID = re.compile(r"^│ [0-9a-f]{16} │", re.MULTILINE)


def _folder(tmp: Path) -> None:
    src = tmp / "in"
    src.mkdir()
    for seed in sorted((ROOT / "examples" / "seed").glob("*.txt")):
        shutil.copy(seed, src / seed.name)
    demo = (ROOT / "examples" / "demo" / "corpus.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (src / "demo.jsonl").write_text("".join(demo[:3]) + '{"id": "broken", "text": \n', encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "fr.txt").write_text("Le ministre de l'intérieur a annoncé hier l'arrestation de trois suspects à "
                                "Casablanca.\n", encoding="utf-8")  # fmt: skip


def _run(*args: str, code: int = 0, mask_ids: bool = False) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    out = _TIMING.sub(r"│ \1 <masked>", result.stdout)
    return _ID.sub("│ <id>             │", out) if mask_ids else out


def _check(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("MARSAD_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"`{name}` output changed (snapshot {path.name})"


def test_ingest_store_load_and_quarantine_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "120")
    _folder(tmp_path)
    # 1: the run finished, three inputs (empty, French, malformed JSON) could not be read
    _check("ingest_first", _run("ingest", "in", "--db", "x.duckdb", "--workers", "1", code=1))
    _check("ingest_again", _run("ingest", "in", "--db", "x.duckdb", "--workers", "1", code=1))
    _check("quarantine_list_ingest", _run("quarantine", "list", "--db", "x.duckdb"))
    _run("analyze", "in", "--out", "recs.jsonl", code=1)  # 1: two inputs could not be read
    with Path("recs.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("not json\n")
    _check("store_load_first", _run("store", "load", "recs.jsonl", "--db", "y.duckdb"))
    _check("store_load_again", _run("store", "load", "recs.jsonl", "--db", "y.duckdb"))
    _check("quarantine_list_load", _run("quarantine", "list", "--db", "y.duckdb", mask_ids=True))
