"""`marsad ingest`, `marsad watch` and `marsad quarantine`: thin commands over :mod:`marsad.ingest`."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from marsad.cli.common import open_store_or_exit
from marsad.config import Settings, load_settings
from marsad.errors import MarsadError

if TYPE_CHECKING:
    from marsad.ingest import IngestOptions
    from marsad.ingest.quarantine import RetryResult
    from marsad.ingest.watch import WatchStats
    from marsad.ingest_summary import IngestSummary

__all__ = ["register"]

DEFAULT_DB = "marsad.duckdb"


def _open_store(db: str) -> Any:
    # marsad.store is an optional part: check that it is installed before opening the store
    import importlib

    try:
        importlib.import_module("marsad.store")
    except ImportError as exc:
        Console(stderr=True).print("[red]marsad.store is not available in this installation[/red]")
        raise typer.Exit(2) from exc

    return open_store_or_exit(db)


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGINT/SIGTERM, so long runs stop cleanly after committing what they have."""
    stop = threading.Event()

    def handler(signum: int, frame: object) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _summary(stats: IngestSummary, title: str) -> Table:
    table = Table(title=title)
    table.add_column("count", justify="left")
    table.add_column("value", justify="right")
    rows = [("items read", stats.seen), ("stored (new)", stats.stored), ("already stored", stats.duplicate),
            ("quarantined", stats.quarantined), ("before --since", stats.skipped_old),
            ("skipped (resumed)", stats.resumed)]  # fmt: skip
    for name, value in rows:
        table.add_row(name, str(value))
    for code, n in sorted(stats.by_code.items()):
        table.add_row(f"  quarantined {code}", str(n))
    table.add_row("seconds", f"{stats.elapsed:.1f}")
    table.add_row("items/second", f"{stats.rate:.1f}")
    return table


def _is_local(location: str) -> bool:
    return Path(location.partition(":")[2] if location.startswith(("file:", "dir:")) else location).exists()


_MAP_HELP = "Column mapping, e.g. text=story,published=date"


def _ingest_on_cluster(sources: list[str], cluster: str, out: Path | None, settings: Any, options: Any,
                       db: str) -> None:  # fmt: skip
    """``--cluster``: analyse on Dask into Parquet (the store is loaded afterwards with ``marsad store load``)."""
    from marsad.scale.sources import ingest_on_cluster

    if out is None:
        Console(stderr=True).print("[red]--cluster needs --out DIR (a folder every worker can write)[/red]")
        raise typer.Exit(2)
    result = ingest_on_cluster(sources, cluster, out, settings, options.mapping, options.since)
    Console().print(f"{result.rows} records in {result.partitions} partitions → {escape(str(out))} "
                    f"({result.articles_per_s:.1f}/s); next: marsad store load {escape(str(out))} --db {escape(db)}")


def ingest_options(settings: Settings, map_: str | None, since: str | None, workers: int, resume: bool,
                   batch_size: int | None) -> IngestOptions:  # fmt: skip
    """The options of one ingest run; ``MarsadError`` or ``ValueError`` for a bad --map or --since."""
    # start-up time: each command imports what it runs
    from marsad.ingest import ColumnMapping, IngestOptions
    from marsad.scale import resolve_workers

    return IngestOptions(
        ColumnMapping.parse(map_), dt.date.fromisoformat(since) if since else None,
        resolve_workers(workers), resume,
        batch_size or settings.ingest.batch_size, settings.input.max_bytes,
    )  # fmt: skip


def ingest_sources(sources: list[str], store: Any, options: IngestOptions, settings: Settings,
                   console: Console) -> IngestSummary:  # fmt: skip
    """Read, analyse and store every item of ``sources``, with a progress bar on ``console``; SIGINT or
    SIGTERM stops the run after committing what it has (the summary says it was interrupted)."""
    # start-up time: each command imports what it runs
    from marsad.ingest import Fetcher, FetchSettings, IngestSummary, SourceOptions, count_entries
    from marsad.ingest import ingest as run_ingest

    total = count_entries(sources, options) if all(_is_local(s) for s in sources) else None
    stats = IngestSummary(total=total)
    columns = [TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f}/s"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn(), TextColumn("[yellow]{task.fields[failed]} quarantined")]  # fmt: skip
    with (
        Fetcher(FetchSettings.from_settings(settings.ingest)) as fetcher,
        _stop_on_signals() as stop,
        Progress(*columns, console=console) as bar,
    ):
        task = bar.add_task("ingest", total=total, rate=0.0, failed=0)

        def progress(s: IngestSummary) -> None:
            bar.update(task, completed=s.seen + s.resumed, rate=s.rate, failed=s.quarantined)

        run_ingest(sources, store, options, settings=settings, on_progress=progress, stop=stop, stats=stats,
                   source_options=SourceOptions(options.mapping, options.max_bytes, fetcher))  # fmt: skip
    return stats


def ingest_cmd(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, archives, URLs, feeds, `.urls` lists")],
    db: Annotated[str, typer.Option(help="DuckDB file or postgresql:// URL")] = DEFAULT_DB,
    map_: Annotated[
        str | None, typer.Option("--map", help="Column mapping, e.g. text=story,published=date")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Skip articles published before this ISO date")] = None,
    workers: Annotated[int, typer.Option(min=0, help="Analysis processes, 0: all cores (same output)")] = 0,
    resume: Annotated[bool, typer.Option(help="Continue an interrupted run of the same sources")] = False,
    batch_size: Annotated[int | None, typer.Option(min=1, help="Items per checkpoint [config: 50]")] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML file overriding the defaults")] = None,
    cluster: Annotated[str | None, typer.Option(help="Run on Dask: local:N or tcp://…:8786 (needs --out)")] = None,
    out: Annotated[Path | None, typer.Option(help="Parquet folder for --cluster; then `marsad store load`")] = None,
) -> None:
    """Read, analyse and store articles; unreadable items go to the quarantine."""
    console = Console(stderr=True)
    settings = _settings(console, config)
    try:
        options = ingest_options(settings, map_, since, workers, resume, batch_size)
    except (MarsadError, ValueError) as exc:
        raise _exit(console, exc, 2) from exc
    if cluster:
        _ingest_on_cluster(sources, cluster, out, settings, options, db)
        return
    store = _open_store(db)
    stats = ingest_sources(sources, store, options, settings, console)
    title = "ingest interrupted (rerun with --resume)" if stats.interrupted else "ingest finished"
    Console().print(_summary(stats, title))
    _close(store)
    if stats.interrupted:
        raise typer.Exit(130)
    if stats.quarantined:  # README: 1, the run finished but some inputs could not be read
        raise typer.Exit(1)


def _exit(console: Console, exc: Exception, code: int) -> typer.Exit:
    """Print ``exc`` as one red line (escaped: it may quote the input) and return the exit to raise."""
    console.print(f"[red]{escape(str(exc))}[/red]")
    return typer.Exit(code)


def watch_feeds(feeds: Path, store: Any, settings: Settings, interval: float, max_polls: int | None,
                on_poll: Callable[[WatchStats], None]) -> WatchStats:  # fmt: skip
    """Poll the feeds listed in ``feeds`` and store new items, until ``max_polls``, SIGINT or SIGTERM."""
    # start-up time: each command imports what it runs
    from marsad.ingest import Fetcher, FetchSettings, SourceOptions
    from marsad.ingest.watch import watch as run_watch
    from marsad.pipeline import Pipeline

    pipeline = Pipeline.build(settings)
    with Fetcher(FetchSettings.from_settings(settings.ingest)) as fetcher, _stop_on_signals() as stop:
        options = SourceOptions(max_bytes=settings.input.max_bytes, fetcher=fetcher)
        return run_watch(feeds, store, pipeline, interval, options, max_polls, stop, on_poll)


def watch_cmd(
    feeds: Annotated[Path, typer.Argument(help="A text file of feed URLs, one a line")],
    every: Annotated[str, typer.Option(help="Poll interval: 30s, 15m, 1h")] = "15m",
    db: Annotated[str, typer.Option(help="DuckDB file or postgresql:// URL")] = DEFAULT_DB,
    max_polls: Annotated[int | None, typer.Option(min=1, help="Stop after this many polls")] = None,
    config: Annotated[Path | None, typer.Option()] = None,
    alerts: Annotated[Path | None, typer.Option("--alerts", help="Alert rules (YAML): checked after each poll")] = None,
) -> None:
    """Poll feeds and ingest new items only, until Ctrl-C."""
    # start-up time: each command imports what it runs
    from marsad.ingest.watch import parse_interval

    console = Console(stderr=True)
    try:
        interval = parse_interval(every)
    except ValueError as exc:
        raise _exit(console, exc, 2) from exc
    settings = _settings(console, config)
    # start-up time: each command imports what it runs
    from marsad.cli.alerts import alerts_after_poll, load_cli_rules

    rules = load_cli_rules(alerts) if alerts else None
    store = _open_store(db)

    def on_poll(s: WatchStats) -> None:
        t = s.totals
        console.print(f"poll {s.polls}: {t.stored} new, {t.duplicate} already stored, "
                      f"{s.skipped_seen} links seen before, {t.quarantined} quarantined")  # fmt: skip
        if rules is not None:
            alerts_after_poll(store, rules, console)

    stats = watch_feeds(feeds, store, settings, interval, max_polls, on_poll)
    Console().print(_summary(stats.totals, f"watch stopped after {stats.polls} polls"))
    _close(store)


def _settings(console: Console, config: Path | None) -> Settings:
    """The settings, or exit 3 with the configuration error on one line (ingest and watch alike)."""
    try:
        return load_settings(config)
    except MarsadError as exc:
        raise _exit(console, exc, 3) from exc


def _quarantine_table(rows: Iterable[Any]) -> Table:
    table = Table(title="quarantine")
    for col in ("id", "code", "message", "locator"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(escape(str(row.id)), escape(str(row.code)), escape(str(row.message)),
                      escape(str(row.locator)))  # fmt: skip
    return table


def quarantine_list_cmd(
    db: Annotated[str, typer.Option()] = DEFAULT_DB,
    code: Annotated[str | None, typer.Option(help="Only this code, e.g. E035")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 100,
) -> None:
    """The quarantined items: id, code, reason, source and locator."""
    store = _open_store(db)
    Console().print(_quarantine_table(store.list_quarantine(code=code, limit=limit)))
    _close(store)


def _print_quarantined(row: Any, raw_bytes: int, console: Console) -> None:
    for name in ("id", "code", "message", "source", "locator"):
        console.print(f"[bold]{name}[/bold]: {escape(str(getattr(row, name, '')))}")
    raw = bytes(row.raw or b"")
    size, sha = getattr(row, "raw_size", None), getattr(row, "raw_sha256", None)
    kept = f"first {len(raw)} of {size} bytes" if size is not None and size > len(raw) else f"{len(raw)} bytes"
    console.print(f"[bold]raw[/bold] ({kept}{f', sha256 {sha}' if sha else ''}):")
    console.print(escape(raw[:raw_bytes].decode("utf-8", errors="backslashreplace")), markup=False)


def quarantine_show_cmd(qid: str, db: Annotated[str, typer.Option()] = DEFAULT_DB,
                        raw_bytes: Annotated[int, typer.Option("--bytes", help="How many raw bytes to show")] = 2000
                        ) -> None:  # fmt: skip
    """One quarantined item with the start of its raw bytes (escaped)."""
    store = _open_store(db)
    row = store.get_quarantine(qid)
    if row is None:
        Console(stderr=True).print(f"[red]no quarantined item {escape(qid)}[/red]")
        raise typer.Exit(1)
    _print_quarantined(row, raw_bytes, Console())
    _close(store)


def pending_quarantine_ids(store: Any) -> list[str]:
    """The ids of every quarantined item not yet retried."""
    return [str(r.id) for r in store.list_quarantine(limit=1_000_000) if not getattr(r, "retried", False)]


def retry_quarantined(store: Any, ids: list[str], settings: Settings, map_: str | None,
                      on_result: Callable[[str, RetryResult], None]) -> int:  # fmt: skip
    """Read the quarantined items ``ids`` again, storing those that now read; how many were stored."""
    # start-up time: each command imports what it runs
    from marsad.ingest import ColumnMapping, Fetcher, FetchSettings, SourceOptions
    from marsad.ingest.quarantine import retry
    from marsad.pipeline import Pipeline

    pipeline = Pipeline.build(settings)
    ok = 0
    with Fetcher(FetchSettings.from_settings(settings.ingest)) as fetcher:
        options = SourceOptions(ColumnMapping.parse(map_), settings.input.max_bytes, fetcher)
        for one in ids:
            result = retry(store, one, pipeline, options)
            ok += result.ok
            on_result(one, result)
    return ok


def quarantine_retry_cmd(
    qid: Annotated[str | None, typer.Argument()] = None,
    all_: Annotated[bool, typer.Option("--all", help="Retry every item not yet retried")] = False,
    db: Annotated[str, typer.Option()] = DEFAULT_DB,
    map_: Annotated[str | None, typer.Option("--map")] = None,
    config: Annotated[Path | None, typer.Option()] = None,
) -> None:
    """Read quarantined items again; those that now read are analysed and stored."""
    if not qid and not all_:
        Console(stderr=True).print("[red]give a quarantine ID or --all[/red]")
        raise typer.Exit(2)
    settings = load_settings(config)
    store = _open_store(db)
    ids = [qid] if qid else pending_quarantine_ids(store)

    def on_result(one: str, result: RetryResult) -> None:
        Console().print(f"{escape(one)}: {'stored' if result.ok else escape(str(result.code))}")

    ok = retry_quarantined(store, ids, settings, map_, on_result)
    Console().print(f"{ok} of {len(ids)} retried items now stored")
    _close(store)


def register(app: typer.Typer) -> None:
    """Add `ingest`, `watch` and the `quarantine` group to ``app``."""
    app.command("ingest")(ingest_cmd)
    app.command("watch")(watch_cmd)
    quarantine_app = typer.Typer(help="List, show and retry items set aside as unreadable.", no_args_is_help=True)
    app.add_typer(quarantine_app, name="quarantine")
    quarantine_app.command("list")(quarantine_list_cmd)
    quarantine_app.command("show")(quarantine_show_cmd)
    quarantine_app.command("retry")(quarantine_retry_cmd)


def _close(store: Any) -> None:
    close = getattr(store, "close", None)
    if callable(close):
        close()
