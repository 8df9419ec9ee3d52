"""Benchmarks of the parallel paths: N pool workers and a Dask cluster, on the same texts.

Figures follow :class:`marsad.bench.BenchResult`: articles/s and tokens/s (marsad's tokens),
plus the peak RSS of every worker process (``VmHWM``, else ``ru_maxrss``, read inside the worker) and the start-up
time kept apart from the steady-state run.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from marsad.config import Settings
from marsad.inputs import ArticleInput
from marsad.pipeline import Pipeline
from marsad.scale.pool import Item, _analyze_chunk_rss, pool_map
from marsad.text.tokens import tokenize

__all__ = ["ParallelResult", "bench_dask", "bench_items", "bench_workers", "cost_by_length"]


@dataclass
class ParallelResult:
    """One parallel run over the same texts as the single-process benchmark."""

    mode: str
    workers: int
    articles: int
    tokens: int
    seconds: float
    startup_seconds: float
    articles_per_s: float
    tokens_per_s: float
    worker_peak_rss_mib: dict[str, float] = field(default_factory=dict)
    worker_cpu_seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def bench_items(texts: list[str]) -> list[Item]:
    return [ArticleInput(text=t, origin=f"bench:{i}") for i, t in enumerate(texts)]


def _result(mode: str, workers: int, texts: list[str], seconds: float, startup: float,
            rss: dict[str, float], cpu: float) -> ParallelResult:  # fmt: skip
    n_tokens = sum(len(tokenize(t)) for t in texts)
    return ParallelResult(mode, workers, len(texts), n_tokens, seconds, startup, len(texts) / seconds,
                          n_tokens / seconds, rss, cpu)  # fmt: skip


def bench_workers(texts: list[str], settings: Settings, workers: int, chunk: int = 64) -> ParallelResult:
    """``analyze_parallel``'s pool on ``texts``; the wall time includes starting the pool (reported apart)."""
    items = bench_items(texts)
    rss: dict[str, float] = {}
    cpu = 0.0
    began = time.perf_counter()
    first: float | None = None
    for _records, pid, peak, spent in pool_map(_analyze_chunk_rss, items, settings, workers, chunk):
        first = first if first is not None else time.perf_counter() - began
        rss[str(pid)] = max(rss.get(str(pid), 0.0), peak)
        cpu += spent
    seconds = time.perf_counter() - began
    return _result("pool", workers, texts, seconds, first or 0.0, rss, cpu)


def bench_dask(texts: list[str], settings: Settings, cluster: str, partition_size: int = 128) -> ParallelResult:
    """``run_on_dask`` on ``texts`` into a temporary Parquet folder; cluster start-up is timed apart."""
    # optional dependency: dask
    from marsad.scale.dask_run import connect, run_on_dask

    began = time.perf_counter()
    with connect(cluster) as client, tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        client.wait_for_workers(1)
        startup = time.perf_counter() - began
        workers = len(client.scheduler_info().get("workers", {}))
        run = run_on_dask(bench_items(texts), client, Path(tmp), settings, partition_size=partition_size)
    rss = {str(pid): mib for pid, mib in run.peak_rss_mib.items()}
    return _result(f"dask {cluster}", workers, texts, run.seconds, startup, rss, run.cpu_seconds)


_BUCKETS = (1_000, 2_000, 4_000, 8_000, 16_000)


def cost_by_length(texts: list[str], pipeline: Pipeline) -> list[dict[str, float]]:
    """CPU milliseconds per article and microseconds per character, by article length (one process).

    CPU time (``time.process_time``), not wall time, so other load on a shared machine does not count.
    """
    # start-up time: the analysis modules, for this benchmark only
    from marsad.analyze import make_article

    buckets: dict[int, list[float]] = {}
    sizes: dict[int, list[int]] = {}
    for i, text in enumerate(texts):
        began = time.process_time()
        pipeline(make_article(ArticleInput(text=text, origin=f"len:{i}"), pipeline.settings))
        spent = time.process_time() - began
        upper = next((b for b in _BUCKETS if len(text) < b), 0)
        buckets.setdefault(upper, []).append(spent)
        sizes.setdefault(upper, []).append(len(text))
    rows = []
    for upper in sorted(buckets, key=lambda b: b or 10**9):
        secs, chars = buckets[upper], sizes[upper]
        rows.append({"below_chars": float(upper) if upper else float("inf"), "articles": float(len(secs)),
                     "mean_chars": sum(chars) / len(chars), "ms_per_article": 1000 * sum(secs) / len(secs),
                     "us_per_char": 1e6 * sum(secs) / sum(chars)})  # fmt: skip
    return rows
