"""Out onto a Dask cluster: partitions of inputs → analysis on workers → partitioned Parquet.

The client reads the inputs (so workers need no access to the sources) and cuts them into
partitions of ``partition_size`` items, each with a stable id (SHA-256 over its index and its
items' keys). Each partition is one Dask task: the worker analyses it with a pipeline built once
per worker process (:func:`marsad.scale.pool.cached_pipeline`) and writes its rows with
:func:`marsad.scale.parquet.write_partition` (temp file + rename), then a small manifest
``_manifests/part-<id>.json`` last. A task whose worker dies is re-run by the scheduler on another
worker and rewrites the same files, so nothing is half-written or written twice. The output
directory must be reachable by every worker (a local path for ``local:N``, a shared file system
on a real cluster).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from marsad.analyze import analyze
from marsad.config import Settings
from marsad.inputs import ArticleInput, InputFailure
from marsad.scale.parquet import write_partition
from marsad.scale.pool import Item, cached_pipeline, peak_rss_mib

__all__ = ["DaskRunResult", "Partition", "PartitionResult", "analyze_partition", "connect", "item_key",
           "partitions", "run_on_dask"]  # fmt: skip

log = logging.getLogger(__name__)

MANIFESTS = "_manifests"


@dataclass(frozen=True)
class Partition:
    """A slice of the input: its stable id, the position of its first item, and the items."""

    id: str
    start: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class PartitionResult:
    """What a worker wrote for one partition."""

    id: str
    start: int
    rows: int
    files: tuple[str, ...]
    worker_pid: int
    seconds: float
    peak_rss_mib: float
    cpu_seconds: float = 0.0


@dataclass
class DaskRunResult:
    """A whole run: partitions and rows written, wall time, per-worker peak memory."""

    partitions: int = 0
    rows: int = 0
    seconds: float = 0.0
    files: list[str] = field(default_factory=list)
    peak_rss_mib: dict[int, float] = field(default_factory=dict)
    cpu_seconds: float = 0.0  # the workers' CPU time on the partitions (analysis and writing)

    @property
    def articles_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def item_key(item: Item) -> str:
    """A stable key of one input: its origin and id, else a hash of its content."""
    if isinstance(item, InputFailure):
        return f"fail:{item.origin}:{hashlib.sha256(item.raw).hexdigest()[:16]}"
    ident = item.id or hashlib.sha256(item.text.encode("utf-8")).hexdigest()[:16]
    return f"{item.origin}:{ident}"


def partitions(items: Iterable[Item], size: int) -> Iterator[Partition]:
    """Cut ``items`` into partitions of ``size`` with ids stable for the same inputs in the same order."""
    if size < 1:
        raise ValueError(f"partition size must be >= 1, got {size}")
    it = iter(items)
    start = index = 0
    while batch := tuple(islice(it, size)):
        blob = json.dumps([index, start, [item_key(i) for i in batch]], ensure_ascii=False)
        yield Partition(hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20], start, batch)
        start += len(batch)
        index += 1


def _write_manifest(out_dir: Path, result: PartitionResult) -> None:
    folder = out_dir / MANIFESTS
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"part-{result.id}.json"
    tmp = folder / f".{final.name}.{uuid.uuid4().hex}.tmp"
    tmp.write_text(json.dumps({"id": result.id, "start": result.start, "rows": result.rows,
                               "files": list(result.files)}), encoding="utf-8")  # fmt: skip
    os.replace(tmp, final)


def analyze_partition(partition: Partition, settings_json: str, out_dir: str) -> PartitionResult:
    """The Dask task: analyse one partition and write its Parquet files and manifest (idempotent)."""
    began, cpu = time.perf_counter(), time.process_time()
    pipeline = cached_pipeline(settings_json)
    records = analyze(partition.items, pipeline)
    positions = range(partition.start, partition.start + len(partition.items))
    raws = (item.raw if isinstance(item, InputFailure) else None for item in partition.items)
    files = write_partition(Path(out_dir), partition.id, zip(records, positions, raws, strict=True))
    result = PartitionResult(partition.id, partition.start, len(partition.items), tuple(files), os.getpid(),
                             time.perf_counter() - began, peak_rss_mib(), time.process_time() - cpu)  # fmt: skip
    _write_manifest(Path(out_dir), result)
    return result


Task = Callable[[Partition, str, str], PartitionResult]


@contextmanager
def connect(cluster: str) -> Iterator[Any]:
    """A ``distributed.Client`` for ``tcp://host:port`` (an existing scheduler) or ``local:N``.

    ``local:N`` starts a ``LocalCluster`` of N worker processes with one thread each (N defaults to
    the number of cores); it is closed with the client when the block ends.
    """
    # optional dependency: dask.distributed
    import distributed

    dist: Any = distributed
    if cluster.startswith("local"):
        _, _, count = cluster.partition(":")
        n = int(count) if count else max(1, os.cpu_count() or 1)
        with dist.LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               memory_limit=0) as local, dist.Client(local) as client:  # fmt: skip
            yield client
        return
    if "://" not in cluster:
        raise ValueError(f"cluster must be tcp://host:port or local:N, got {cluster!r}")
    with dist.Client(cluster) as client:
        yield client


def _clean_temps(out_dir: Path) -> None:
    for tmp in out_dir.rglob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def run_on_dask(items: Iterable[ArticleInput | InputFailure], cluster: str | Any, out_dir: Path | str,
                settings: Settings, partition_size: int = 256, task: Task = analyze_partition,
                on_partition: Callable[[PartitionResult], None] | None = None) -> DaskRunResult:  # fmt: skip
    """Analyse ``items`` on a Dask cluster and write partitioned Parquet under ``out_dir``.

    ``cluster`` is an address (``tcp://…``, ``local:N``) or a ``distributed.Client`` the caller owns.
    At most four partitions per worker are in flight, so the inputs are read lazily.
    """
    if isinstance(cluster, str):
        with connect(cluster) as client:
            return run_on_dask(items, client, out_dir, settings, partition_size, task, on_partition)
    # optional dependency: dask.distributed
    import distributed

    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    settings_json = settings.model_dump_json()
    result = DaskRunResult()
    began = time.perf_counter()
    limit = 4 * max(1, len(cluster.scheduler_info().get("workers", {})))
    queue: Any = distributed.as_completed()  # type: ignore[no-untyped-call]
    in_flight = 0

    def take(done: Any) -> None:
        res: PartitionResult = done.result()
        result.partitions += 1
        result.rows += res.rows
        result.cpu_seconds += res.cpu_seconds
        result.files.extend(res.files)
        result.peak_rss_mib[res.worker_pid] = max(result.peak_rss_mib.get(res.worker_pid, 0.0), res.peak_rss_mib)
        if on_partition:
            on_partition(res)

    for part in partitions(items, partition_size):
        queue.add(cluster.submit(task, part, settings_json, str(out), key=f"marsad-partition-{part.id}",
                                 pure=False, retries=2))  # fmt: skip
        in_flight += 1
        while in_flight >= limit:
            take(next(queue))
            in_flight -= 1
    for done in queue:
        take(done)
    result.seconds = time.perf_counter() - began
    _clean_temps(out)
    return result
