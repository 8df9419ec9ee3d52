"""`marsad bench`: articles/s, tokens/s, peak RSS and time per stage, beside spaCy's tokenizer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli.common import build_pipeline, fail

if TYPE_CHECKING:
    from marsad.bench import BenchResult
    from marsad.config import Settings
    from marsad.scale.bench import ParallelResult

__all__ = ["bench", "register"]

DEFAULT_CORPUS = Path("../shared/data/saudinewsnet")


def bench(corpus: Path, n: int = 500, config: Path | None = None, workers: int = 1, dask: str | None = None,
          by_length: bool = False) -> tuple[BenchResult, list[ParallelResult], list[dict[str, float]]]:  # fmt: skip
    """Time the whole pipeline on ``n`` articles of ``corpus`` in one process; then with ``workers`` pool
    workers and on Dask when asked, and CPU cost by article length with ``by_length``."""
    # start-up time: each command imports what it runs
    from marsad.bench import load_texts, run_bench

    if not corpus.exists():
        raise fail(f"no corpus at {corpus} (pass --corpus)")
    texts = load_texts(corpus, n)
    if not texts:
        raise fail(f"no article texts found in {corpus}")
    pipeline = build_pipeline(config)
    result = run_bench(texts, pipeline)
    parallel = _parallel(texts, pipeline.settings, workers, dask)
    # start-up time: each command imports what it runs
    from marsad.scale.bench import cost_by_length

    lengths = cost_by_length(texts, pipeline) if by_length else []
    return result, parallel, lengths


def _print_bench(console: Console, result: BenchResult, parallel: list[ParallelResult],
                 lengths: list[dict[str, float]]) -> None:  # fmt: skip
    t = Table("measure", "marsad (whole pipeline)", "spaCy blank('ar') tokenizer", "ratio", title="marsad bench")
    ref = result.reference or {}
    t.add_row("articles", str(result.articles), str(result.articles), "")
    for key, label in (("articles_per_s", "articles/s"), ("tokens_per_s", "tokens/s")):
        mine, theirs = getattr(result, key), ref.get(key)
        ratio = f"{mine / theirs:.3f}" if theirs else "-"
        t.add_row(label, f"{mine:,.1f}", f"{theirs:,.1f}" if theirs else "n/a", ratio)
    t.add_row("peak RSS (MiB)", f"{result.peak_rss_mib:.0f}", "(same process)", "")
    console.print(t)
    s = Table("stage", "seconds", "share", "tokens/s", title="time per stage (tokens/s: of that stage alone)")
    total = sum(result.stage_seconds.values()) or 1.0
    for name, secs in result.stage_seconds.items():
        s.add_row(name, f"{secs:.3f}", f"{secs / total:.0%}", f"{result.tokens / secs:,.0f}" if secs else "-")
    console.print(s)
    if parallel:
        _print_parallel(console, result, parallel)
    if lengths:
        t = Table("length (chars)", "articles", "mean chars", "CPU ms/article", "CPU µs/char",
                  title="cost by length")  # fmt: skip
        for row in lengths:
            t.add_row(f"< {row['below_chars']:,.0f}", f"{row['articles']:.0f}", f"{row['mean_chars']:,.0f}",
                      f"{row['ms_per_article']:.2f}", f"{row['us_per_char']:.2f}")  # fmt: skip
        console.print(t)


def bench_cmd(
    corpus: Annotated[Path, typer.Option(help="SaudiNewsNet zips dir, a zip, or a JSONL file")] = DEFAULT_CORPUS,
    n: Annotated[int, typer.Option("-n", help="number of articles")] = 500,
    config: Annotated[Path | None, typer.Option(help="a TOML file overriding the defaults")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=0,
                                         help="also run N pool workers (0: all cores)")] = 1,
    dask: Annotated[str | None, typer.Option("--dask", help="also run on Dask: local:N or tcp://host:8786")] = None,
    by_length: Annotated[bool, typer.Option("--by-length", help="also CPU cost by article length")] = False,
) -> None:
    """Benchmark the whole pipeline on N real articles (one process, then N workers and Dask)."""
    result, parallel, lengths = bench(corpus, n, config, workers, dask, by_length)
    console = Console()
    if as_json:
        extra = {"parallel": [p.to_dict() for p in parallel], "by_length": lengths}
        console.print_json(json.dumps(result.to_dict() | extra))
        return
    _print_bench(console, result, parallel, lengths)


def register(app: typer.Typer) -> None:
    """Add `bench` to ``app``."""
    app.command("bench")(bench_cmd)


def _parallel(texts: list[str], settings: Settings, workers: int, dask: str | None) -> list[ParallelResult]:
    # start-up time: each command imports what it runs
    from marsad.scale.bench import bench_dask, bench_workers
    from marsad.scale.pool import resolve_workers

    out = []
    n = resolve_workers(workers)
    if n > 1:
        out.append(bench_workers(texts, settings, n))
    if dask:
        out.append(bench_dask(texts, settings, dask))
    return out


def _print_parallel(console: Console, single: BenchResult, parallel: list[ParallelResult]) -> None:
    t = Table("run", "workers", "articles/s", "tokens/s", "speed-up", "start-up s", "articles per worker CPU-s",
              "peak RSS per worker (MiB)", title="parallel runs (same texts; wall time includes start-up)")  # fmt: skip
    t.add_row("1 process", "1", f"{single.articles_per_s:,.1f}", f"{single.tokens_per_s:,.0f}", "1.00", "-", "-",
              f"{single.peak_rss_mib:.0f}")  # fmt: skip
    for p in parallel:
        rss = ", ".join(f"{v:.0f}" for v in p.worker_peak_rss_mib.values())
        t.add_row(p.mode, str(p.workers), f"{p.articles_per_s:,.1f}", f"{p.tokens_per_s:,.0f}",
                  f"{p.articles_per_s / single.articles_per_s:.2f}", f"{p.startup_seconds:.1f}",
                  f"{p.articles / p.worker_cpu_seconds:.1f}" if p.worker_cpu_seconds else "-", rss)  # fmt: skip
    console.print(t)
