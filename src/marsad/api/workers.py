"""Serving in several processes (``marsad serve --workers N``, PostgreSQL stores) under uvicorn's supervisor.

One serving process is bound by one core: a request costs 3–4 ms of Python (HTTP parsing, routing, the
query's rows, JSON), and the GIL runs one thread at a time. uvicorn's own ``Multiprocess`` supervisor binds
the socket once in this process, spawns N worker processes that accept on it (the kernel hands each
connection to one of them), restarts a worker that dies, and on SIGTERM or Ctrl-C sends every worker
SIGTERM and waits for it. A worker builds its app with an import-string factory (spawned processes share
no objects with this one), which reads its settings from the environment (:data:`WORKER_ENV`) and calls
:func:`prepare_worker`. Each worker has its own read connections, pipeline and caches; PostgreSQL
serialises their writes with its advisory lock. A DuckDB file has one writing process: not for it.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

from marsad.api.server import GRACEFUL_SECONDS, SWITCH_SECONDS, _mark_stopping

__all__ = ["PARENT_POLL_SECONDS", "WORKER_ENV", "RunningWorkers", "Supervisor", "prepare_worker", "start_workers",
           "worker_config"]  # fmt: skip

log = logging.getLogger(__name__)
#: How often a worker looks whether its supervisor is still there.
PARENT_POLL_SECONDS = 1.0
#: The environment variable through which ``marsad serve --workers N`` hands its options to its workers (JSON).
WORKER_ENV = "MARSAD_SERVE_WORKER"


def worker_config(factory: str, host: str, port: int, workers: int) -> Any:
    """A ``uvicorn.Config`` for ``workers`` processes, each building its app with ``factory`` ("module:function")."""
    import uvicorn

    return uvicorn.Config(factory, factory=True, host=host, port=port, workers=workers, log_level="warning",
                          timeout_graceful_shutdown=GRACEFUL_SECONDS)  # fmt: skip


def prepare_worker(app: Any, parent: int | None = None) -> None:
    """In a worker, as its factory returns ``app``: the thread switch interval of one serving process
    (:data:`~marsad.api.server.SWITCH_SECONDS`), and SIGTERM or Ctrl-C mark the app as stopping before uvicorn
    handles them, so that running analyses stop as they do in one process (``ApiState.stopping``). uvicorn has
    installed its handlers when it builds the app (the factory runs inside its signal capture): each is chained.
    With ``parent`` (the supervisor's pid), the worker also stops when the supervisor has gone (:func:`_orphaned`)."""
    sys.setswitchinterval(SWITCH_SECONDS)
    if parent is not None:
        threading.Thread(target=_orphaned, args=(parent,), name="marsad-parent-watch", daemon=True).start()
    if threading.current_thread() is not threading.main_thread():  # signals are the main thread's only
        return
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous = signal.getsignal(sig)
        if callable(previous):
            signal.signal(sig, _chained(app, previous))


def _orphaned(parent: int, every: float = PARENT_POLL_SECONDS) -> None:
    """Wait until the supervisor ``parent`` has gone, then stop this worker as SIGTERM does. uvicorn's workers
    outlive a supervisor that was killed (SIGKILL, the OOM killer): they would serve on, orphaned, holding the
    port, and no Ctrl-C would reach them."""
    while os.getppid() == parent:
        time.sleep(every)
    log.warning("worker %d: its supervisor (%d) has gone; stopping", os.getpid(), parent)
    os.kill(os.getpid(), signal.SIGTERM)


def _chained(app: Any, previous: Callable[[int, FrameType | None], Any]) -> Callable[[int, FrameType | None], None]:
    def handler(sig: int, frame: FrameType | None) -> None:
        _mark_stopping(app)
        previous(sig, frame)

    return handler


@dataclass
class Supervisor:
    """uvicorn's ``Multiprocess`` over a bound socket: ``port`` is the one bound (0 asked for a free one)."""

    multiprocess: Any
    socket: Any
    port: int

    @classmethod
    def bind(cls, config: Any) -> Supervisor:
        """Bind ``config``'s socket and listen on it at once: a client that connects before the workers are up
        waits in the backlog instead of being refused. uvicorn's supervisor installs its signal handlers (the
        main thread's). ``OSError`` when the address cannot be bound (uvicorn has logged why)."""
        from uvicorn.supervisors import Multiprocess

        try:
            sock = config.bind_socket()
        except SystemExit:  # uvicorn's way of saying it, after logging the error
            raise OSError(f"cannot listen on {config.host}:{config.port}") from None
        sock.listen(config.backlog)
        return cls(Multiprocess(config, sockets=[sock]), sock, int(sock.getsockname()[1]))

    def run(self) -> None:
        """Start the workers and supervise them until SIGTERM or Ctrl-C (or :meth:`stop`); then stop them.
        A worker that could not start (its factory failed) stops them all: ``RuntimeError`` then."""
        try:
            self.multiprocess.run()
        finally:
            self.socket.close()
        from uvicorn.config import STARTUP_FAILURE

        failed = [p.pid for p in self.multiprocess.processes if p.exitcode == STARTUP_FAILURE]
        if failed:
            raise RuntimeError(f"worker process {failed[0]} could not start (its error is above)")

    def stop(self) -> None:
        self.multiprocess.should_exit.set()

    def pids(self) -> list[int]:
        return [p.pid for p in self.multiprocess.processes if p.pid is not None]


@dataclass
class RunningWorkers:
    supervisor: Supervisor
    thread: threading.Thread
    url: str
    handlers: dict[signal.Signals, Any]

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the workers (SIGTERM each, as Ctrl-C does) and restore this process's signal handlers."""
        self.supervisor.stop()
        self.thread.join(timeout)
        for sig, handler in self.handlers.items():
            signal.signal(sig, handler)


def start_workers(config: Any, headers: dict[str, str] | None = None, timeout: float = 120.0) -> RunningWorkers:
    """Start ``config``'s workers, supervised from a thread of this one (``marsad serve --workers N --check``),
    and wait until they answer ``/api/stats`` (each builds its app, the pipeline too, before it accepts)."""
    from uvicorn.supervisors.multiprocess import SIGNALS  # the signals its supervisor handles

    handlers = {signal.Signals(sig): signal.getsignal(sig) for sig in SIGNALS}
    supervisor = Supervisor.bind(config)
    errors: list[BaseException] = []

    def supervise() -> None:
        try:
            supervisor.run()
        except BaseException as exc:  # handed to the waiting caller
            errors.append(exc)

    thread = threading.Thread(target=supervise, name="marsad-workers", daemon=True)
    thread.start()
    shown = f"[{config.host}]" if ":" in config.host else config.host
    running = RunningWorkers(supervisor, thread, f"http://{shown}:{supervisor.port}", handlers)
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(running.url + "/api/stats", headers=headers or {})
            with urllib.request.urlopen(request, timeout=min(10.0, max(1.0, deadline - time.monotonic()))):
                return running
        except urllib.error.HTTPError:  # an answer, if not a good one: the caller's check says what it is
            return running
        except OSError as exc:  # not listening yet, or a worker restarting
            if errors or not thread.is_alive() or time.monotonic() > deadline:
                running.stop()
                why = errors[0] if errors else exc
                raise RuntimeError(f"the workers did not answer at {running.url}: {why}") from None
            time.sleep(0.2)
