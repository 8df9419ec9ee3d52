"""The ingest run: sources → language check → analysis in batches → store, with checkpoints.

Items flow in a fixed order (sources in the order given, each source's entries in its stable
order). Readable Arabic items are analysed and written with ``add_records`` (idempotent by content
hash); every other item goes to the quarantine with its raw bytes and a code. After each batch the
checkpoint ``ingest:<run key>`` records how many items are committed and the key of the last one,
so ``resume=True`` skips them without loading them again. With ``workers > 1`` batches are analysed
in a process pool (one pipeline per worker) and committed in submission order, so the output order
is the same as with one worker. :func:`ingest_inputs` analyses and stores inputs already read (no
sources, no checkpoint). Every path counts into one :class:`~marsad.ingest_summary.IngestSummary`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from marsad.analyze import analyze, parse_date
from marsad.config import Settings, load_settings
from marsad.ingest.base import Entry, Item, SourceOptions, failure, open_source
from marsad.ingest.language import check_language
from marsad.ingest.mapping import ColumnMapping
from marsad.ingest_summary import IngestSummary
from marsad.inputs import ArticleInput, InputFailure
from marsad.pipeline import Pipeline
from marsad.scale.pool import exit_with_parent

if TYPE_CHECKING:
    from marsad.store.sqlstore import SqlStore

__all__ = ["IngestOptions", "IngestSummary", "StoreLike", "count_entries", "ingest", "ingest_inputs", "quarantine",
           "run_key", "write_records"]  # fmt: skip

log = logging.getLogger(__name__)


class StoreLike(Protocol):
    """The part of :mod:`marsad.store`'s interface ingestion uses."""

    def add_records(self, records: Iterable[dict[str, Any]]) -> list[Any]: ...
    def has_article(self, article_id: str) -> bool: ...
    def quarantine(self, source: str, locator: str, code: str, message: str, raw: bytes) -> str: ...
    def get_checkpoint(self, key: str) -> str | None: ...
    def set_checkpoint(self, key: str, value: str) -> None: ...


@dataclass(frozen=True)
class IngestOptions:
    """What shapes a run (all of it but ``workers``/``resume``/``batch_size`` goes into the run key)."""

    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    since: dt.date | None = None
    workers: int = 1
    resume: bool = False
    batch_size: int = 50
    max_bytes: int = 20_000_000


def run_key(locations: Sequence[str], options: IngestOptions) -> str:
    """A stable key for a run: the sources (absolute paths for files) and the options that change output."""
    resolved = [str(Path(loc).resolve()) if Path(loc).exists() else loc for loc in locations]
    blob = json.dumps([resolved, str(options.mapping), options.since.isoformat() if options.since else None,
                       options.max_bytes], ensure_ascii=False)  # fmt: skip
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _entries(locations: Sequence[str], options: SourceOptions) -> Iterator[tuple[str, Entry]]:
    for location in locations:
        try:
            source = open_source(location, options)
        except KeyError:
            yield location, Entry.ready(failure(location, "E041", b"", "no such file, folder or URL"))
            continue
        entries = source.entries()
        while True:
            try:
                entry = next(entries)
            except StopIteration:
                break
            except Exception as exc:  # a reader that breaks mid-source (a plugin's bug): keep going with the next
                log.exception("reading %s failed", location)
                yield location, Entry.ready(failure(location, "E042", b"", f"{type(exc).__name__}: {exc}"[:300]))
                break
            yield location, entry


def count_entries(locations: Sequence[str], options: IngestOptions) -> int:
    """How many items a run will see (reads local files once; call it only for local sources)."""
    source_options = SourceOptions(options.mapping, options.max_bytes)
    return sum(1 for _ in _entries(locations, source_options))


def quarantine(store: Any, source: str, item: InputFailure) -> str:
    """Keep ``item`` aside with its raw bytes, and the kind of reader that must re-read it when it has one."""
    if item.kind:
        qid: str = store.quarantine(source, item.origin, item.code, item.message, item.raw, kind=item.kind)
    else:
        qid = store.quarantine(source, item.origin, item.code, item.message, item.raw)
    return qid


def _status(result: Any) -> str:
    """One ``AddResult``'s status: ``new``, ``near_duplicate`` or ``duplicate`` (or from its ``inserted`` flag)."""
    status = getattr(result, "status", None)
    if isinstance(status, str):
        return status if status in ("near_duplicate", "duplicate") else "new"
    return "new" if getattr(result, "inserted", True) else "duplicate"


def write_records(store: StoreLike, records: list[dict[str, Any]], source: str = "ingest") -> IngestSummary:
    """Write analysed records (via the store's ``ingest_records`` when there is one) and count them."""
    try:
        module: Any = importlib.import_module("marsad.store")
    except ImportError:
        module = None
    store_class = getattr(module, "SqlStore", None)
    if store_class is not None and isinstance(store, store_class):
        written: IngestSummary = module.ingest_records(store, records, source=source)
        return written
    summary = IngestSummary()
    for result in store.add_records(records):
        status = _status(result)
        setattr(summary, status, getattr(summary, status) + 1)
    return summary


def _analysed(items: Iterable[ArticleInput | InputFailure], pipeline: Pipeline, store: SqlStore, source: str,
              summary: IngestSummary) -> Iterator[dict[str, Any]]:  # fmt: skip
    for item in items:
        if isinstance(item, InputFailure):
            summary.quarantine_ids.append(quarantine(store, source, item))
            summary.quarantined += 1
            continue
        try:
            yield next(analyze([item], pipeline))
        except Exception as exc:  # a crash on one article must not stop the ingest: keep it aside
            log.exception("analysis failed for %s", item.origin)
            raw = item.text.encode("utf-8")
            summary.quarantine_ids.append(store.quarantine(source, item.origin, "E010", str(exc), raw))
            summary.quarantined += 1


def ingest_inputs(store: SqlStore, items: Iterable[ArticleInput | InputFailure], pipeline: Pipeline, *,
                  source: str = "files", batch_size: int | None = None) -> IngestSummary:  # fmt: skip
    """Analyse readable inputs and write their records with the store's ``ingest_records``; unreadable
    inputs (with their raw bytes) and those whose analysis fails (E010) go to the quarantine."""
    from marsad.store import ingest_records

    summary = IngestSummary()
    written = ingest_records(store, _analysed(items, pipeline, store, source, summary), source=source,
                             batch_size=batch_size)  # fmt: skip
    summary.add_writes(written)
    summary.quarantined += written.quarantined
    summary.quarantine_ids += written.quarantine_ids
    return summary


@lru_cache(maxsize=1)
def _worker_pipeline(settings_json: str) -> Pipeline:
    """One pipeline per worker process, built on first use."""
    return Pipeline.build(Settings.model_validate_json(settings_json))


def _analyze_batch(settings_json: str, items: list[ArticleInput]) -> list[dict[str, Any]]:
    return list(analyze(items, _worker_pipeline(settings_json)))


@dataclass
class _Batch:
    position: int
    last_key: str
    failures: list[tuple[str, InputFailure]]
    articles: list[ArticleInput]
    records: Future[list[dict[str, Any]]] | list[dict[str, Any]] | None = None


class Committer:
    """Writes batches to the store (quarantine first, then records, then the checkpoint)."""

    def __init__(self, store: StoreLike, stats: IngestSummary, checkpoint_key: str | None) -> None:
        self.store = store
        self.stats = stats
        self.checkpoint_key = checkpoint_key

    def quarantine(self, location: str, item: InputFailure) -> None:
        quarantine(self.store, location, item)
        self.stats.quarantined += 1
        self.stats.by_code[item.code] += 1

    def commit(self, batch: _Batch) -> None:
        for location, item in batch.failures:
            self.quarantine(location, item)
        records = batch.records.result() if isinstance(batch.records, Future) else batch.records or []
        if records:  # a record the store sets aside (E060) is quarantined and counted too: nothing uncounted
            written = write_records(self.store, records)
            self.stats.add_writes(written)
            self.stats.quarantined += written.quarantined
            self.stats.by_code.update(written.by_code)
        if self.checkpoint_key:
            value = json.dumps({"done": batch.position, "last": batch.last_key}, ensure_ascii=False)
            self.store.set_checkpoint(self.checkpoint_key, value)


class _Run:
    """One run's moving parts: the batch being filled, the batches in flight, and where to commit."""

    def __init__(self, committer: Committer, options: IngestOptions, settings: Settings,
                 pipeline: Pipeline | None, on_progress: Callable[[IngestSummary], None] | None) -> None:  # fmt: skip
        self.committer = committer
        self.stats = committer.stats
        self.options = options
        self.settings = settings
        self.settings_json = settings.model_dump_json()
        self.executor = (ProcessPoolExecutor(options.workers, initializer=exit_with_parent, initargs=(os.getpid(),))
                         if options.workers > 1 else None)  # fmt: skip
        self.pipeline = pipeline if pipeline is not None or self.executor else Pipeline.build(settings)
        self.on_progress = on_progress
        self.in_flight: deque[_Batch] = deque()
        self.batch = _Batch(0, "", [], [])
        self.dirty = False  # the current batch holds items not yet committed

    def add(self, location: str, entry: Entry, position: int) -> None:
        """Load, check and place one item in the current batch; submit the batch when full."""
        self.stats.seen += 1
        item = check_language(entry.safe_load(), self.settings.input.min_arabic_ratio)
        batch = self.batch
        since = self.options.since
        if isinstance(item, InputFailure):
            batch.failures.append((location, item))
        elif since and (pub := parse_date(item.published)) is not None and pub < since:
            self.stats.skipped_old += 1
        else:
            batch.articles.append(item)
        batch.position, batch.last_key = position, entry.key
        self.dirty = True
        if len(batch.articles) + len(batch.failures) >= self.options.batch_size:
            self.submit()
        elif self.on_progress and self.stats.seen % 10 == 0:
            self.on_progress(self.stats)

    def submit(self) -> None:
        batch, self.batch = self.batch, _Batch(self.batch.position, self.batch.last_key, [], [])
        self.dirty = False
        if self.executor is not None:
            future = self.executor.submit(_analyze_batch, self.settings_json, batch.articles)
            batch.records = future if batch.articles else []
            self.in_flight.append(batch)
            while len(self.in_flight) > 2 * self.options.workers or (self.in_flight and _done(self.in_flight[0])):
                self.committer.commit(self.in_flight.popleft())
        else:
            assert self.pipeline is not None
            batch.records = list(analyze(batch.articles, self.pipeline)) if batch.articles else []
            self.committer.commit(batch)
        if self.on_progress:
            self.on_progress(self.stats)

    def finish(self) -> None:
        if self.dirty:
            self.submit()
        while self.in_flight:
            self.committer.commit(self.in_flight.popleft())

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)


def ingest(locations: Sequence[str], store: StoreLike, options: IngestOptions | None = None, *,
           settings: Settings | None = None, pipeline: Pipeline | None = None,
           source_options: SourceOptions | None = None,
           on_progress: Callable[[IngestSummary], None] | None = None,
           stop: threading.Event | None = None, stats: IngestSummary | None = None) -> IngestSummary:  # fmt: skip
    """Ingest every item of ``locations`` into ``store``; returns the run's counts.

    ``stop`` (set by a signal handler) ends the run cleanly: the current batch is committed and
    ``stats.interrupted`` is set, so ``resume=True`` continues from there.
    """
    options = options or IngestOptions()
    settings = settings or (pipeline.settings if pipeline else load_settings())
    stats = stats or IngestSummary()
    key = "ingest:" + run_key(locations, options)
    skip, last = _resume_point(store, key) if options.resume else (0, None)
    source_options = source_options or SourceOptions(options.mapping, options.max_bytes)
    run = _Run(Committer(store, stats, key), options, settings, pipeline, on_progress)
    try:
        position = 0
        for location, entry in _entries(locations, source_options):
            if stop is not None and stop.is_set():
                stats.interrupted = True
                break
            position += 1
            if position <= skip:
                stats.resumed += 1
                if position == skip and last is not None and entry.key != last:
                    log.warning("resume: item %d is %r, checkpoint said %r", position, entry.key, last)
                continue
            run.add(location, entry, position)
        run.finish()
    finally:
        run.close()
    if on_progress:
        on_progress(stats)
    return stats


def _done(batch: _Batch) -> bool:
    return not isinstance(batch.records, Future) or batch.records.done()


def _resume_point(store: StoreLike, key: str) -> tuple[int, str | None]:
    value = store.get_checkpoint(key)
    if not value:
        return 0, None
    try:
        data = json.loads(value)
        return int(data["done"]), str(data["last"])
    except (ValueError, KeyError, TypeError):
        log.warning("checkpoint %s is unreadable (%r); starting from the beginning", key, value[:80])
        return 0, None


def load_items(entries: Iterable[Entry]) -> Iterator[Item]:
    """Load each entry (a convenience for tests and notebooks)."""
    for entry in entries:
        yield entry.safe_load()
