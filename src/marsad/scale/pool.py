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
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from itertools import islice
from typing import Any

from marsad.analyze import analyze
from marsad.config import Settings, config_sha256
from marsad.inputs import ArticleInput, InputFailure
from marsad.pipeline import Pipeline

__all__ = ["Item", "analyze_parallel", "cached_pipeline", "resolve_workers"]

log = logging.getLogger(__name__)

Item = ArticleInput | InputFailure


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


def _init_worker(settings_json: str) -> None:
    cached_pipeline(settings_json)


def _analyze_chunk(settings_json: str, items: list[Item]) -> list[dict[str, Any]]:
    return list(analyze(items, cached_pipeline(settings_json)))


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
    settings_json = settings.model_dump_json()
    pending: deque[Future[list[dict[str, Any]]]] = deque()
    with ProcessPoolExecutor(n, mp_context=_context(), initializer=_init_worker, initargs=(settings_json,)) as pool:
        try:
            for batch in _chunks(items, chunk):
                pending.append(pool.submit(_analyze_chunk, settings_json, batch))
                while len(pending) > 2 * n or (pending and pending[0].done()):
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
