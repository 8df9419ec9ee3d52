"""Exactly once across `kill -9`: `marsad alerts check` runs as a subprocess and is killed with SIGKILL while it
retries a webhook that is down, or while a POST is in flight; a second run delivers what is left. Every alert
reaches the webhook with a 200 exactly once and is written to the JSONL file exactly once; the one that was in
flight is sent again with the same Idempotency-Key (the receiver's key to drop the copy)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from marsad.alerts import fired
from marsad.store import open_store

from .conftest import REPO, WATCHES, Sink


def _start(rules: Path, db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-c", "from marsad.cli import main; main()", "alerts", "check", "--rules", str(rules),
               "--db", str(db)]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=rules.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip


def _kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _finish(rules: Path, db: Path) -> str:
    proc = _start(rules, db)
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return err


def _check_once(sink: Sink, db: Path, jsonl: Path) -> list[str]:
    with open_store(db, read_only=True) as store:
        listed = fired(store, limit=1000)
    ids = sorted(a["id"] for a in listed)
    assert len(ids) >= 2
    assert sorted(sink.ok_ids()) == ids  # each alert answered 200 exactly once
    lines = [json.loads(line)["id"] for line in jsonl.read_text("utf-8").splitlines()]
    assert sorted(lines) == ids  # each alert written once
    assert all(a["deliveries"]["webhook"]["status"] == "delivered" for a in listed)
    return ids


@pytest.mark.slow
def test_kill_9_while_retrying_a_down_webhook(seed_db: Path, tmp_path: Path, sink: Sink) -> None:
    sink.fail_after = 1  # the first alert gets through, then the sink is down
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"deliver:\n  jsonl: alerts.jsonl\n  webhook: {{url: '{sink.url}', retries: 20, backoff: 0.2}}\n"
                     f"{WATCHES}", "utf-8")  # fmt: skip
    proc = _start(rules, seed_db)
    sink.wait_for(3)  # delivered one, and is now retrying the next
    _kill(proc)
    assert sink.ok_ids() and len(sink.ok_ids()) == 1
    sink.fail_after = None
    _finish(rules, seed_db)
    _check_once(sink, seed_db, tmp_path / "alerts.jsonl")


@pytest.mark.slow
def test_kill_9_while_a_post_is_in_flight(seed_db: Path, tmp_path: Path, sink: Sink) -> None:
    sink.hang_nth = 2  # the second POST gets no answer until released
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"deliver:\n  jsonl: alerts.jsonl\n  webhook: {{url: '{sink.url}', timeout: 60}}\n{WATCHES}",
                     "utf-8")  # fmt: skip
    proc = _start(rules, seed_db)
    sink.wait_for(2)
    _kill(proc)
    sink.release.set()
    _finish(rules, seed_db)
    ids = _check_once(sink, seed_db, tmp_path / "alerts.jsonl")
    in_flight = sink.received[1][0]
    sent = Counter(i for i, *_ in sink.received)
    assert sent[in_flight] == 2 and all(sent[i] == 1 for i in ids if i != in_flight)
    keys = [h["Idempotency-Key"] for i, h, _, _ in sink.received if i == in_flight]
    assert keys == [in_flight, in_flight]
