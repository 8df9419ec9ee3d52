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
from typing import TypeVar

from starlette.requests import Request

from marsad.api.core import ApiError, ApiState
from marsad.pipeline import Cancelled, cancellable

__all__ = ["GRACE_SECONDS", "POLL_SECONDS", "interrupt", "run_cancellable", "stopping_error"]

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


def _settle(future: asyncio.Future[T], value: T | None, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)  # type: ignore[arg-type]


async def run_cancellable(request: Request, state: ApiState, work: Callable[[], T], what: str = "analysis") -> T:
    """``work()`` in a daemon thread, cancelled (between pipeline stages) when the client disconnects or the
    server stops; answers 503 ``stopping`` in the second case (the first has nobody left to answer)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    cancel = threading.Event()

    finished = threading.Event()

    def target() -> None:
        value: T | None = None
        error: BaseException | None = None
        try:
            try:
                with cancellable(lambda: cancel.is_set() or state.stopping.is_set()):
                    value = work()
            except BaseException as exc:  # handed to the waiting request, which answers for it
                error = exc
            finally:
                finished.set()
            with contextlib.suppress(RuntimeError):  # a closed event loop: the server has stopped, nobody waits
                loop.call_soon_threadsafe(_settle, future, value, error)
        except Cancelled:  # an interruption that came as the work ended: nothing left to stop
            pass

    def stop(thread: threading.Thread) -> None:
        if not finished.is_set():
            interrupt(thread)

    thread = threading.Thread(target=target, name=f"marsad-{what}", daemon=True)
    thread.start()
    try:
        while True:
            done, _ = await asyncio.wait({future}, timeout=POLL_SECONDS)
            if done:
                try:
                    return future.result()
                except Cancelled:
                    raise stopping_error() from None
            if state.stopping.is_set():
                log.warning("%s cancelled: the server is stopping", what)
                raise stopping_error()
            if await request.is_disconnected():
                log.warning("%s cancelled: the client went away (%s)", what, request.url.path)
                raise ApiError(499, "client_closed", "the client closed the connection")
    finally:
        if not future.done():  # refused, or the task itself cancelled (a forced shutdown): stop the thread
            cancel.set()
            loop.call_later(GRACE_SECONDS, stop, thread)
