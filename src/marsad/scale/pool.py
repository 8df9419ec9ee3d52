"""All cores of one machine: a process pool over :func:`marsad.analyze.analyze`, order kept.

Each worker process builds the pipeline once (the pool's initializer warms a per-process cache
keyed by the settings), inputs travel in chunks, and results come back in submission order, so
the records are identical, item for item, to a single worker's. At most ``2 × workers`` chunks are
in flight: the input iterable is consumed lazily and memory stays bounded on any corpus size.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from itertools import chain, islice
from typing import Any, TypeVar

from marsad.analyze import analyze
from marsad.config import Settings, config_sha256
from marsad.errors import PipelineError
from marsad.inputs import ArticleInput, InputFailure
from marsad.pipeline import Pipeline, check_chain
from marsad.registrations import builtin_stages

__all__ = ["Item", "analyze_parallel", "auto_parallel", "cached_pipeline", "pool_map", "resolve_workers", "validate"]

log = logging.getLogger(__name__)

Item = ArticleInput | InputFailure
T = TypeVar("T")


def resolve_workers(workers: int | None) -> int:
    """``None`` or ``0`` → every core (``os.cpu_count()``); otherwise ``workers`` (at least 1)."""
    if not workers:
        return max(1, os.cpu_count() or 1)
    if workers < 0:
        raise ValueError(f"workers must be >= 0, got {workers}")
    return workers


@lru_cache(maxsize=4)
def _pipeline_for(sha: str, settings_json: str) -> Pipeline:
    log.debug("building pipeline %s in process %d", sha[:12], os.getpid())
    return Pipeline.build(Settings.model_validate_json(settings_json))


def cached_pipeline(settings_json: str) -> Pipeline:
    """The pipeline for these settings, built once per process (cached by config hash)."""
    settings = Settings.model_validate_json(settings_json)
    return _pipeline_for(config_sha256(settings), settings_json)


def exit_with_parent(pid: int, every: float = 1.0) -> None:
    """End this pool worker when process ``pid`` (the one that started the pool) is gone.

    A parent killed with ``kill -9`` cannot shut its pool down: the idle workers would stay, each
    holding a loaded pipeline (~500 MiB), until the machine restarts. A daemon thread checks
    every ``every`` seconds that the parent still exists and exits the worker when it does not.
    """
    # only the watchdog thread of a worker needs these
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(every)
            try:
                os.kill(pid, 0)  # signal 0: only asks whether the process exists
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # exists, under another user: keep going
                pass

    threading.Thread(target=watch, name="marsad-parent-watch", daemon=True).start()


def _init_worker(settings_json: str, parent: int) -> None:
    exit_with_parent(parent)
    cached_pipeline(settings_json)


def _analyze_chunk(settings_json: str, items: list[Item]) -> list[dict[str, Any]]:
    return list(analyze(items, cached_pipeline(settings_json)))


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB, its own and not its parent's.

    ``ru_maxrss`` survives ``fork`` and ``exec``: a worker started by a large process (a test
    session, a notebook) reports its parent's peak. Linux's ``VmHWM`` belongs to the process's own
    address space, so it is read first; ``ru_maxrss`` is the fallback elsewhere.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    # only a worker process needs these (resource: POSIX only)
    import resource
    import sys

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _analyze_chunk_rss(settings_json: str, items: list[Item]) -> tuple[list[dict[str, Any]], int, float, float]:
    """Like :func:`_analyze_chunk`, plus this worker's pid, peak RSS in MiB and CPU seconds on the chunk."""
    import time  # only a worker process needs it

    began = time.process_time()
    records = _analyze_chunk(settings_json, items)
    cpu = time.process_time() - began
    return records, os.getpid(), peak_rss_mib(), cpu


def _context() -> mp.context.BaseContext:
    """forkserver where the platform has it (no inherited threads or locks), else spawn."""
    return mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def analyze_parallel(items: Iterable[Item], settings: Settings, workers: int | None = None,
                     chunk: int = 64) -> Iterator[dict[str, Any]]:  # fmt: skip
    """Analyse ``items`` on ``workers`` processes; yields records in input order, as one worker would.

    ``workers=1`` runs in this process (no pool). Stopping the iteration early cancels what is queued.
    """
    if chunk < 1:
        raise ValueError(f"chunk must be >= 1, got {chunk}")
    n = resolve_workers(workers)
    if n == 1:
        yield from analyze(items, Pipeline.build(settings))
        return
    for records in pool_map(_analyze_chunk, items, settings, n, chunk):
        yield from records


def auto_parallel(items: Iterable[Item], settings: Settings, workers: int | None = None, chunk: int = 64,
                  pipeline: Pipeline | None = None) -> Iterator[dict[str, Any]]:  # fmt: skip
    """``analyze_parallel`` with the CLI's default: ``workers=None`` → all cores when the input has
    more than ``chunk`` items, else this process (a pool's start-up would cost more than it saves)."""
    if workers is None:
        it = iter(items)
        head = list(islice(it, chunk + 1))
        workers = 0 if len(head) > chunk else 1
        items = chain(head, it)
    if resolve_workers(workers) == 1:
        yield from analyze(items, pipeline or Pipeline.build(settings))
        return
    validate(settings)
    yield from analyze_parallel(items, settings, workers, chunk)


def validate(settings: Settings) -> None:
    """Raise what ``Pipeline.build`` would for a bad stage list, without building any stage."""
    registry = builtin_stages()
    unknown = [n for n in settings.pipeline.stages if n not in registry]
    if unknown:
        raise PipelineError(f"unknown stage {unknown[0]!r}; known stages: {', '.join(sorted(registry))}", code="E021")
    check_chain(registry[n] for n in settings.pipeline.stages)


def pool_map(fn: Callable[[str, list[Item]], T], items: Iterable[Item], settings: Settings, workers: int,
             chunk: int) -> Iterator[T]:  # fmt: skip
    """``fn(settings_json, chunk)`` for each chunk of ``items`` on a pool of ``workers``, results in order."""
    settings_json = settings.model_dump_json()
    pending: deque[Future[T]] = deque()
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker,
                             initargs=(settings_json, os.getpid())) as pool:  # fmt: skip
        try:
            for batch in _chunks(items, chunk):
                pending.append(pool.submit(fn, settings_json, batch))
                while len(pending) > 2 * workers or (pending and pending[0].done()):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
