"""Alert test fixtures: a store built from the seed article with `marsad analyze` + `marsad store load`, and a
local HTTP sink on 127.0.0.1 (an ephemeral port) that records every POST and can answer 503 or hang."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
#: the seed article's cell dismantling (an arrest in Morocco) and the negative Morocco–Algeria statement
WATCHES = """
watches:
  - name: morocco-arrests
    place: {country: MAR}
    types: [COERCE]
    modes: [arrest]
    min_confidence: 0.5
  - name: mar-dza-negative
    relation: {pair: MAR-DZA, polarity: negative}
"""


def marsad(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from marsad.cli import main; main()", *args]
    full = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=full, cwd=REPO, timeout=600, check=False)


@pytest.fixture(scope="session")
def seed_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = tmp_path_factory.mktemp("alerts-records") / "records.jsonl"
    done = marsad("analyze", "examples/seed", "--published", "2025-02-26", "--out", str(records))
    assert done.returncode == 0, done.stderr
    return records


@pytest.fixture(scope="session")
def seed_db_master(seed_records: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("alerts-store") / "seed.duckdb"
    done = marsad("store", "load", str(seed_records), "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def seed_db(seed_db_master: Path, tmp_path: Path) -> Path:
    """A fresh copy of the seed store for each test (alerts write their delivery state into it)."""
    return Path(shutil.copy(seed_db_master, tmp_path / "seed.duckdb"))


@dataclass
class Sink:
    """What the sink received: (alert id, headers, body, the status it answered); ``fail_first`` requests get 503,
    ``fail_after`` (a count) makes every later request get 503, and request number ``hang_nth`` (from 1) gets no
    answer until ``release`` is set."""

    received: list[tuple[str, dict[str, str], bytes, int]] = field(default_factory=list)
    fail_first: int = 0
    fail_always: bool = False
    fail_after: int | None = None
    hang_nth: int | None = None
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def ok_ids(self) -> list[str]:
        return [i for i, _, _, status in self.received if status == 200]

    def wait_for(self, count: int, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < end:
            time.sleep(0.05)
        assert len(self.received) >= count, f"sink received {len(self.received)} of {count}"


@pytest.fixture
def sink() -> Iterator[Sink]:
    state = Sink()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            alert_id = str(json.loads(data)["id"])
            if state.hang_nth == len(state.received) + 1 and not state.release.is_set():
                state.received.append((alert_id, dict(self.headers), data, 0))
                state.release.wait(60)
                return  # the client was killed meanwhile: no answer
            n = len(state.received)
            down = state.fail_after is not None and n >= state.fail_after
            failing = state.fail_always or n < state.fail_first or down
            status = 503 if failing else 200
            state.received.append((alert_id, dict(self.headers), data, status))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()
