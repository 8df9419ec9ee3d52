"""Running the app with uvicorn: in the foreground (``marsad serve``) or in a thread (``--check``, tests).

A clean stop: on SIGTERM or Ctrl-C the server stops accepting, tells the app (``ApiState.stopping``) so
that running analyses stop before their next stage and answer 503, waits at most
:data:`GRACEFUL_SECONDS` for the requests in flight, then closes the store and exits.
"""

from __future__ import annotations

import json
import logging
import socket
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from types import FrameType
from typing import Any

__all__ = ["GRACEFUL_SECONDS", "RunningServer", "free_port", "make_server", "self_check", "serve",
           "start_in_thread"]  # fmt: skip

log = logging.getLogger(__name__)
#: The longest a stopping server waits for the requests in flight before it closes their connections.
GRACEFUL_SECONDS = 5


def _mark_stopping(app: Any) -> None:
    state = getattr(getattr(app, "state", None), "marsad", None)
    if state is not None:
        state.stopping.set()


def make_server(app: Any, host: str, port: int, **options: Any) -> Any:
    """A ``uvicorn.Server`` for ``app`` that tells it when a signal asks it to stop."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            _mark_stopping(app)
            super().handle_exit(sig, frame)

    options = {"log_level": "warning", "timeout_graceful_shutdown": GRACEFUL_SECONDS, **options}
    return Server(uvicorn.Config(app, host=host, port=port, **options))


#: The interpreter's thread switch interval while serving (Python's default: 5 ms). A request thread that
#: waits on its database gives up the GIL and must win it back each time; against a thread busy in Python
#: (an ingest's coreference, an analysis) each return waited up to 5 ms, and a page makes dozens.
SWITCH_SECONDS = 0.001


def serve(app: Any, host: str, port: int) -> None:
    """Serve ``app`` in the foreground until SIGTERM or Ctrl-C (a clean stop, see the module's text)."""
    sys.setswitchinterval(SWITCH_SECONDS)
    make_server(app, host, port).run()


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
        _mark_stopping(self.server.config.app)
        self.server.should_exit = True
        self.thread.join(timeout)


def start_in_thread(app: Any, host: str = "127.0.0.1", port: int = 0, timeout: float = 20.0) -> RunningServer:
    """Serve ``app`` from a daemon thread and wait until it accepts connections."""
    port = port or free_port(host)
    server = make_server(app, host, port, access_log=False, lifespan="on")
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
