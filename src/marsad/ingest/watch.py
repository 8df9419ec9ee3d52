"""Poll feeds on a schedule and ingest new items only (new by URL, then by content hash).

A link already seen is recorded in the store's checkpoints (``seen:<sha256 of URL>``) so it is
never fetched again; an article whose content is already stored is counted as a duplicate by the
store's idempotent ``add_records``. :func:`watch` returns when ``stop`` is set (the CLI sets it on
SIGINT/SIGTERM) or after ``max_polls`` polls, always between two items, after committing.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad.analyze import analyze
from marsad.ingest.base import SourceOptions
from marsad.ingest.feeds import FeedSource, read_url_list
from marsad.ingest.language import check_language
from marsad.ingest.run import Committer, StoreLike, _Batch
from marsad.ingest_summary import IngestSummary
from marsad.inputs import InputFailure
from marsad.pipeline import Pipeline

__all__ = ["WatchStats", "parse_interval", "poll_once", "seen_key", "watch"]

log = logging.getLogger(__name__)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.IGNORECASE)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """``"15m"`` → 900.0 seconds (units s, m, h, d; bare numbers are seconds)."""
    match = _INTERVAL.match(text)
    if not match:
        raise ValueError(f"bad interval {text!r}: use e.g. 30s, 15m, 1h")
    return float(match.group(1)) * _UNIT[(match.group(2) or "s").lower()]


def seen_key(url: str) -> str:
    return "seen:" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]


@dataclass
class WatchStats:
    polls: int = 0
    skipped_seen: int = 0
    totals: IngestSummary = field(default_factory=IngestSummary)


def poll_once(feeds: Sequence[str], store: StoreLike, pipeline: Pipeline, options: SourceOptions,
              stats: WatchStats, stop: threading.Event | None = None) -> None:  # fmt: skip
    """One pass over every feed: fetch new entries, analyse, store, remember their links."""
    committer = Committer(store, stats.totals, checkpoint_key=None)
    for feed in feeds:
        for entry in FeedSource(feed, options).entries():
            if stop is not None and stop.is_set():
                return
            if entry.key.startswith(("http://", "https://")) and store.get_checkpoint(seen_key(entry.key)):
                stats.skipped_seen += 1
                continue
            stats.totals.seen += 1
            item = check_language(entry.safe_load(), pipeline.settings.input.min_arabic_ratio)
            if isinstance(item, InputFailure):
                committer.commit(_Batch(0, entry.key, [(feed, item)], []))
                if item.code in ("E030", "E031"):  # transient: try this link again next poll
                    continue
            else:
                committer.commit(_Batch(0, entry.key, [], [item], list(analyze([item], pipeline))))
            if entry.key.startswith(("http://", "https://")):
                store.set_checkpoint(seen_key(entry.key), "1")


def watch(feeds_file: Path, store: StoreLike, pipeline: Pipeline, every: float, options: SourceOptions,
          max_polls: int | None = None, stop: threading.Event | None = None,
          on_poll: Callable[[WatchStats], None] | None = None) -> WatchStats:  # fmt: skip
    """Poll the feeds listed in ``feeds_file`` every ``every`` seconds until stopped."""
    stop = stop or threading.Event()
    stats = WatchStats()
    while not stop.is_set():
        feeds = read_url_list(feeds_file)  # re-read so feeds can be added while watching
        poll_once(feeds, store, pipeline, options, stats, stop)
        stats.polls += 1
        if on_poll:
            on_poll(stats)
        if max_polls is not None and stats.polls >= max_polls:
            break
        stop.wait(every)
    return stats
