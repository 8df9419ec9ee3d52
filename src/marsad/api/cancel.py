"""Analyses the server can stop: when the client goes away, and when the server itself is stopping.

The analysis runs in a daemon thread of its own, inside :func:`marsad.pipeline.cancellable`; the request's
task waits for it, asking every :data:`POLL_SECONDS` whether the client has disconnected or the server is
stopping (SIGTERM, Ctrl-C). Either way the pipeline stops before its next stage; a stage still running
:data:`GRACE_SECONDS` later (one stage can take many seconds on a pathological text) is interrupted by
raising :class:`~marsad.pipeline.Cancelled` in its thread (``PyThreadState_SetAsyncExc``, delivered at
the thread's next Python instruction). The analysis slot is released as the thread unwinds; being a
daemon thread, it never keeps a stopping process alive.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.requests import Request

from marsad.api.core import ApiError, ApiState
from marsad.pipeline import Cancelled, cancellable

__all__ = ["GRACE_SECONDS", "POLL_SECONDS", "interrupt", "run_cancellable", "run_stoppable", "stopping_error"]

log = logging.getLogger(__name__)
T = TypeVar("T")
#: How often a waiting request looks for a disconnected client or a stopping server.
POLL_SECONDS = 0.1
#: How long a cancelled analysis may take to reach its next stage before its thread is interrupted.
GRACE_SECONDS = 0.5


def interrupt(thread: threading.Thread) -> bool:
    """Raise :class:`~marsad.pipeline.Cancelled` in ``thread`` (if it still runs); True if it was sent."""
    if thread.ident is None or not thread.is_alive():
        return False
    sent = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(Cancelled))
    return bool(sent == 1)


def stopping_error() -> ApiError:
    return ApiError(503, "stopping", "the server is stopping; the analysis was cancelled", {"Retry-After": "5"})


class _Worker:
    """``work()`` in a daemon thread, inside :func:`~marsad.pipeline.cancellable` (a cancel flag or the
    server's ``stopping``); ``on_done`` runs in that thread when the work has ended."""

    def __init__(self, state: ApiState, work: Callable[[], T], what: str, on_done: Callable[[], None]) -> None:
        self.cancel, self.finished = threading.Event(), threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None
        self._state, self._work, self._on_done = state, work, on_done
        self.thread = threading.Thread(target=self._run, name=f"marsad-{what}", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            try:
                with cancellable(lambda: self.cancel.is_set() or self._state.stopping.is_set()):
                    self.value = self._work()
            except BaseException as exc:  # handed to the waiting request, which answers for it
                self.error = exc
            finally:
                self.finished.set()
            self._on_done()
        except Cancelled:  # an interruption that came as the work ended: nothing left to stop
            pass

    def result(self) -> Any:
        if isinstance(self.error, Cancelled):
            raise stopping_error()
        if self.error is not None:
            raise self.error
        return self.value

    def stop(self) -> None:
        """Cancel before the next stage, and interrupt the stage if it still runs :data:`GRACE_SECONDS` on."""
        self.cancel.set()
        if not self.finished.wait(GRACE_SECONDS):
            interrupt(self.thread)

    def stop_soon(self, loop: asyncio.AbstractEventLoop) -> None:
        """:meth:`stop` without blocking the event loop."""
        self.cancel.set()
        loop.call_later(GRACE_SECONDS, lambda: None if self.finished.is_set() else interrupt(self.thread))


async def run_cancellable(request: Request, state: ApiState, work: Callable[[], T], what: str = "analysis") -> T:
    """``work()`` in a daemon thread, cancelled (between pipeline stages, then interrupted) when the client
    disconnects or the server stops; answers 503 ``stopping`` in the second case (the first has nobody left
    to answer)."""
    loop = asyncio.get_running_loop()
    woken = asyncio.Event()

    def wake() -> None:
        with contextlib.suppress(RuntimeError):  # a closed event loop: the server has stopped, nobody waits
            loop.call_soon_threadsafe(woken.set)

    worker = _Worker(state, work, what, wake)
    try:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(woken.wait(), POLL_SECONDS)
            if worker.finished.is_set():
                value: T = worker.result()
                return value
            if state.stopping.is_set():
                log.warning("%s cancelled: the server is stopping", what)
                raise stopping_error()
            if await request.is_disconnected():
                log.warning("%s cancelled: the client went away (%s)", what, request.url.path)
                raise ApiError(499, "client_closed", "the client closed the connection")
    finally:
        if not worker.finished.is_set():  # refused, or the task itself cancelled (a forced shutdown)
            worker.stop_soon(loop)


def run_stoppable(state: ApiState, work: Callable[[], T], what: str = "analysis") -> T:
    """:func:`run_cancellable` for a synchronous route (in a worker thread of the server): ``work()`` in a
    daemon thread, stopped when the server stops (503 ``stopping``) so that it never holds up the exit."""
    worker = _Worker(state, work, what, lambda: None)
    while not worker.finished.wait(POLL_SECONDS):
        if state.stopping.is_set():
            log.warning("%s cancelled: the server is stopping", what)
            worker.stop()
            raise stopping_error()
    value: T = worker.result()
    return value
