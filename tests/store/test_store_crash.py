"""kill -9 in the middle of an ingest, then a rerun: every article exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from marsad.store import open_store

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
N = 120


def test_kill_nine_then_rerun_leaves_every_article_once(store_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(HERE)])}
    cmd = [sys.executable, str(HERE / "store_killer.py"), store_url, str(N)]
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    for _ in range(3):  # let three batches commit, then kill it mid-run
        assert child.stdout.readline().startswith("committed")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    with open_store(store_url) as store:
        partial = store.stats()["tables"]["articles"]
    assert 30 <= partial < N
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    with open_store(store_url) as store:
        total, distinct = store.db.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles")[0]
        mentions = store.db.execute("SELECT COUNT(*) FROM event_mentions")[0][0]
    assert total == distinct == N and mentions == N
