"""A small store built the way a user builds one: `marsad analyze` on the bundled examples, then `marsad store
load` (the seed article, published 2025-02-26, and the demo corpus)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def marsad(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-c", "from marsad.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd or REPO, timeout=600, check=False)


def build_store(out: Path, *inputs: str) -> Path:
    records, db = out / "records.jsonl", out / "store.duckdb"
    done = marsad("analyze", *inputs, "--published", "2025-02-26", "--out", str(records))
    assert done.returncode in (0, 1) and records.stat().st_size > 0, done.stderr  # 1: some inputs unreadable
    done = marsad("store", "load", str(records), "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("report-store"), "examples/seed", "examples/demo/corpus.jsonl")
