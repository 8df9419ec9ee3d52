"""Running the app with uvicorn: in the foreground (``marsad serve``) or in a thread (``--check``, tests)."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass
from typing import Any

__all__ = ["RunningServer", "free_port", "self_check", "start_in_thread"]

log = logging.getLogger(__name__)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@dataclass
class RunningServer:
    server: Any  # uvicorn.Server
    thread: threading.Thread
    url: str

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def start_in_thread(app: Any, host: str = "127.0.0.1", port: int = 0, timeout: float = 20.0) -> RunningServer:
    """Serve ``app`` from a daemon thread and wait until it accepts connections."""
    import uvicorn

    port = port or free_port(host)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="marsad-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the server did not start on {host}:{port}")
        time.sleep(0.05)
    return RunningServer(server, thread, f"http://{host}:{port}")


def self_check(url: str, headers: dict[str, str] | None = None, timeout: float = 10.0) -> dict[str, Any]:
    """GET ``/api/stats`` and ``/`` from a running server; raises if either does not answer 200."""
    out: dict[str, Any] = {}
    for path in ("/api/stats", "/"):
        request = urllib.request.Request(url + path, headers=headers or {})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
        out[path] = {"ms": round((time.perf_counter() - started) * 1000, 1), "bytes": len(body)}
        if path == "/api/stats":
            out["stats"] = json.loads(body)
    return out
