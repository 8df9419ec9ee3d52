"""`marsad serve --workers 2` on PostgreSQL: two worker processes answer on one port, and SIGTERM stops them all.

Which worker answered is read from the process tree (each worker holds the connections it accepted), not from
the API: a client has no use for the server's process ids.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import psutil
import pytest
from fixtures import sample_records

from marsad.store import open_store
from pgschema import pg_urls

SRC = Path(__file__).resolve().parents[2] / "src"


def _workers(parent: psutil.Process, n: int, timeout: float = 60) -> list[psutil.Process]:
    """The ``n`` worker processes of uvicorn's supervisor (spawned: multiprocessing's ``spawn_main``; the other
    child is multiprocessing's resource tracker)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [p for p in parent.children() if "spawn_main" in " ".join(p.cmdline())]
        if len(found) == n or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def _accepted(worker: psutil.Process, port: int) -> int:
    return sum(1 for c in worker.net_connections("tcp") if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == port)


def _serve(url: str, *options: str) -> tuple[subprocess.Popen[str], int]:
    """`marsad serve --workers 2` over ``url`` (a free port), and its port once the start-up line is printed."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1"}
    env.pop("MARSAD_API_TOKEN", None)
    cmd = [sys.executable, "-c", "from marsad.cli import main; main()", "serve", "--db", url, "--port", "0",
           "--workers", "2", *options]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/ with 2 worker processes", line)
    if not found:
        proc.kill()
        pytest.fail(line + (proc.stderr.read() if proc.stderr else ""))
    return proc, int(found.group(1))


def _stop(proc: subprocess.Popen[str]) -> None:
    """Nothing of the test left behind: the workers first (once their supervisor is gone they are not our
    descendants any more), then the supervisor."""
    if proc.poll() is None:
        for child in psutil.Process(proc.pid).children(recursive=True):
            child.kill()
        proc.kill()
        proc.wait()


@pytest.mark.postgres
def test_two_workers_answer_on_one_port_and_sigterm_stops_them_all() -> None:
    with pg_urls() as (url,):
        with open_store(url) as store:
            store.add_records(sample_records())
        proc, port = _serve(url, "--no-analyze")
        try:
            workers = _workers(psutil.Process(proc.pid), 2)
            assert len(workers) == 2, workers
            held: list[http.client.HTTPConnection] = []
            deadline = time.monotonic() + 60
            while not all(_accepted(w, port) for w in workers):  # keep-alive connections, until each worker has one
                assert time.monotonic() < deadline, [_accepted(w, port) for w in workers]
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/api/events?limit=2")
                response = conn.getresponse()
                body: dict[str, Any] = json.loads(response.read())
                assert response.status == 200 and body["total"] > 0 and len(body["items"]) == 2, body
                held.append(conn)
            for conn in held:
                conn.close()
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=30) == 0
            gone, alive = psutil.wait_procs(workers, timeout=10)
            assert not alive and len(gone) == 2
            err = proc.stderr.read() if proc.stderr else ""
            assert "Traceback" not in err, err
        finally:
            _stop(proc)


@pytest.mark.postgres
def test_sigterm_during_an_analysis_in_a_worker_answers_503_and_stops_in_seconds() -> None:
    """What `marsad serve` does in one process (test_api_cancel.py), in a worker: the analysis of «قال » × 20,000
    (20–30 s of the quotes stage) is cancelled, its client gets 503 ``stopping``, and every process ends."""
    with pg_urls() as (url,):
        open_store(url).close()
        proc, port = _serve(url)  # each worker loads the pipeline
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=60):
                        break
                except OSError:
                    assert time.monotonic() < deadline and proc.poll() is None, "the workers did not start"
                    time.sleep(0.2)
            answers: list[tuple[int, dict[str, Any]] | Exception] = []
            thread = threading.Thread(target=lambda: answers.append(_analyze(port, "قال " * 20_000)))
            thread.start()
            time.sleep(2)  # well inside the quotes stage
            sent = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=30) == 0
            assert time.monotonic() - sent < 8, "the workers took too long to stop"
            thread.join(10)
            assert answers and isinstance(answers[0], tuple), answers
            assert answers[0][0] == 503 and answers[0][1]["error"] == "stopping", answers
            err = proc.stderr.read() if proc.stderr else ""
            assert "analysis cancelled: the server is stopping" in err and "Traceback" not in err, err
        finally:
            _stop(proc)


def _analyze(port: int, text: str) -> tuple[int, dict[str, Any]] | Exception:
    data = json.dumps({"text": text}, ensure_ascii=False).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/analyze", data, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except Exception as exc:  # a closed connection: the test says so
        return exc


@pytest.mark.postgres
def test_workers_stop_when_their_supervisor_is_killed() -> None:
    """SIGKILL (or the OOM killer) gives the supervisor no chance to stop its workers: they see it gone and stop
    themselves instead of serving on, orphaned, on the port; so does a worker still starting when it went."""
    with pg_urls() as (url,):
        open_store(url).close()
        proc, _ = _serve(url, "--no-analyze")
        workers = _workers(psutil.Process(proc.pid), 2)
        try:
            assert len(workers) == 2, workers
            proc.kill()  # the workers are still importing marsad: they learn it when their app is built
            proc.wait()
            _, alive = psutil.wait_procs(workers, timeout=15)
            assert not alive, [p.pid for p in alive]
        finally:
            for worker in workers:
                if worker.is_running():
                    worker.kill()
            _stop(proc)


def test_a_worker_marks_its_app_stopping_on_sigterm_then_runs_uvicorns_handler() -> None:
    """As one process does (``marsad.api.server.make_server``): a running analysis sees ``stopping`` at once."""
    from types import SimpleNamespace

    from marsad.api.workers import prepare_worker

    app = SimpleNamespace(state=SimpleNamespace(marsad=SimpleNamespace(stopping=threading.Event())))
    seen: list[int] = []
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    switch = sys.getswitchinterval()
    try:
        signal.signal(signal.SIGTERM, lambda sig, frame: seen.append(sig))  # what uvicorn's server installs
        prepare_worker(app)
        signal.raise_signal(signal.SIGTERM)
        assert app.state.marsad.stopping.is_set() and seen == [signal.SIGTERM]
        assert sys.getswitchinterval() == pytest.approx(0.001)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        sys.setswitchinterval(switch)

