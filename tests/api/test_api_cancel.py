"""A real `marsad serve` in a subprocess (127.0.0.1, a free port): an analysis whose client goes away is
cancelled, and SIGTERM during an analysis stops the server within a few seconds.

The pathological text is the issue's «قال » × 20,000 (80,000 characters): the quotes stage alone takes
20–30 s on it, so the slot it holds, and the process, are only free soon if the work really stops.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.store import open_store

SRC = Path(__file__).resolve().parents[2] / "src"
PATHOLOGICAL = "قال " * 20_000
TOKEN = "cancel-test-token"
SHORT = "قال المتحدث باسم وزارة الداخلية إن قوات الأمن اعتقلت عشرة أشخاص في الرباط يوم الأحد."


class Server:
    def __init__(self, proc: subprocess.Popen[str], url: str) -> None:
        self.proc, self.url = proc, url
        self.host, self.port = url.removeprefix("http://").split(":")

    def post(self, text: str, timeout: float = 60, ingest: bool = False) -> tuple[int, dict[str, object]]:
        """POST ``text`` to /api/analyze, or as an article to /api/ingest (with the token)."""
        payload = {"articles": [{"text": text}]} if ingest else {"text": text}
        data = json.dumps(payload, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
        request = urllib.request.Request(self.url + ("/api/ingest" if ingest else "/api/analyze"), data, headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")

    def send_and_leave(self, text: str, after: float) -> None:
        """POST ``text``, then close the connection ``after`` seconds later without reading the answer."""
        data = json.dumps({"text": text}, ensure_ascii=False).encode()
        head = (f"POST /api/analyze HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(data)}\r\n\r\n").encode()  # fmt: skip
        with socket.create_connection((self.host, int(self.port)), timeout=10) as sock:
            sock.sendall(head + data)
            time.sleep(after)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`marsad serve` with the full pipeline and one analysis slot, over an empty store."""
    db = tmp_path / "s.duckdb"
    open_store(db).close()
    config = tmp_path / "marsad.toml"
    config.write_text("[serve]\nmax_concurrent_analyses = 1\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1"}
    env["MARSAD_API_TOKEN"] = TOKEN  # ingest on (its articles are analysed too); reads stay open
    cli = "from marsad.cli import main; main()"
    cmd = [sys.executable, "-c", cli, "serve", "--db", str(db), "--port", "0", "--config", str(config)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+", line)
    assert found, line + (proc.stderr.read() if proc.stderr else "")
    srv = Server(proc, found.group(0))
    deadline = time.monotonic() + 60
    while True:  # the URL is printed before uvicorn listens
        try:
            with urllib.request.urlopen(srv.url + "/api/stats", timeout=2):
                break
        except OSError:
            assert time.monotonic() < deadline and proc.poll() is None, "the server did not start"
            time.sleep(0.2)
    try:
        yield srv
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _stderr(proc: subprocess.Popen[str]) -> str:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    return err


def test_an_analysis_is_cancelled_when_its_client_goes_away(server: Server) -> None:
    status, record = server.post(SHORT)
    assert status == 200 and record["text"] == SHORT
    server.send_and_leave(PATHOLOGICAL, after=1.5)  # the analysis holds the only slot, then its client leaves
    left = time.monotonic()
    while True:  # the slot frees within a few seconds, not when the 20–30 s quotes stage would have ended
        status, record = server.post(SHORT)
        if status == 200:
            break
        assert status == 503 and record["error"] == "busy", record
        assert time.monotonic() - left < 8, "the abandoned analysis still holds the slot"
        time.sleep(0.2)
    assert isinstance(record["quotes"], list) and any(q["cue"] == "قال" for q in record["quotes"])
    err = _stderr(server.proc)
    assert "analysis cancelled: the client went away" in err
    assert "Traceback" not in err, err


@pytest.mark.parametrize("ingest", [False, True], ids=["analyze", "ingest"])
def test_sigterm_during_an_analysis_stops_the_server_in_seconds(server: Server, ingest: bool) -> None:
    answers: list[tuple[int, dict[str, object]] | Exception] = []

    def client() -> None:
        try:
            answers.append(server.post(PATHOLOGICAL, ingest=ingest))
        except Exception as exc:  # a closed connection is an acceptable end too
            answers.append(exc)

    thread = threading.Thread(target=client)
    thread.start()
    time.sleep(1.5)  # well inside the quotes stage
    sent = time.monotonic()
    server.proc.send_signal(signal.SIGTERM)
    server.proc.wait(timeout=15)
    assert time.monotonic() - sent < 8, "the server took too long to stop"
    thread.join(10)
    answer = answers[0] if answers else None
    assert isinstance(answer, tuple) and answer[0] == 503 and answer[1]["error"] == "stopping", answer
    _, err = server.proc.communicate(timeout=10)
    assert "Traceback" not in err, err


def test_a_running_stage_is_interrupted_in_its_thread() -> None:
    """What frees the slot above: a stage busy in Python code gets Cancelled raised in its thread."""
    from marsad.api.cancel import interrupt
    from marsad.pipeline import Cancelled

    outcome: list[str] = []

    def busy() -> None:
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:  # a long stage, e.g. the quotes stage on «قال » × 20,000
                sum(range(1000))
            outcome.append("ran to the end")
        except Cancelled:
            outcome.append("cancelled")

    thread = threading.Thread(target=busy, daemon=True)
    thread.start()
    time.sleep(0.2)
    began = time.monotonic()
    assert interrupt(thread)
    thread.join(5)
    assert outcome == ["cancelled"] and time.monotonic() - began < 1
    assert not interrupt(thread)  # a finished thread: nothing to send
