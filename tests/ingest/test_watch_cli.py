"""`marsad watch` (new items only, clean stop), the CLI commands, and SaudiNewsNet zips with a mapping."""

from __future__ import annotations

import json
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from ingest_fakestore import FakeStore
from ingest_site import NewsSite
from typer.testing import CliRunner

from marsad.ingest import ColumnMapping, IngestOptions, SourceOptions, ingest
from marsad.ingest.watch import WatchStats, parse_interval, watch
from marsad.pipeline import Pipeline


def test_parse_interval() -> None:
    assert parse_interval("15m") == 900 and parse_interval("30s") == 30 and parse_interval("2h") == 7200
    with pytest.raises(ValueError):
        parse_interval("soon")


def test_watch_ingests_new_items_only_and_stops_cleanly(
    site: NewsSite, web_options: SourceOptions, tmp_path: Path, store: FakeStore
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.base}/feed.rss\n{site.base}/feed.atom\n", "utf-8")
    stats = watch(feeds, store, Pipeline.build(), every=0.01, options=web_options, max_polls=3)
    assert stats.polls == 3
    assert len(store.articles) == 3  # the two feeds link the same three pages
    assert stats.totals.stored == 3 and stats.skipped_seen == 2 * 6 + 3  # polls 2-3 fetch nothing new
    assert site.hits["/pages/article1.html"] == 1
    stop = threading.Event()
    polls: list[int] = []

    def on_poll(s: WatchStats) -> None:
        polls.append(s.polls)
        stop.set()  # what SIGINT does in the CLI

    timer_stats = watch(feeds, store, Pipeline.build(), every=3600, options=web_options, stop=stop, on_poll=on_poll)
    assert timer_stats.polls == 1 and polls == [1]


def test_saudinewsnet_zip_ingests_with_a_mapping(
    saudinewsnet: Path, store: FakeStore, light_pipeline: Pipeline
) -> None:
    day = saudinewsnet / "2015-07-23.zip"
    with zipfile.ZipFile(day) as zf:
        n_in = len(json.loads(zf.read(zf.namelist()[0])))
    opts = IngestOptions(mapping=ColumnMapping.parse("text=content,published=date_extracted"), batch_size=200)
    stats = ingest([str(day)], store, opts, pipeline=light_pipeline)
    assert stats.seen == n_in == 1318
    assert n_in == len(store.articles) + len(store.quarantined) + stats.duplicate
    assert stats.quarantined == len(store.quarantined) and set(stats.by_code) <= {"E006", "E008", "E035"}
    record = next(iter(store.articles.values()))
    assert record["published"] == "2015-07-23" and record["source"]


def _cli(monkeypatch: pytest.MonkeyPatch, store: Any, args: list[str]) -> Any:
    import typer

    from marsad.cli import ingest as cli_ingest

    monkeypatch.setattr(cli_ingest, "_open_store", lambda db: store)
    app = typer.Typer()
    cli_ingest.register(app)
    return CliRunner().invoke(app, args, env={"COLUMNS": "250"})


def test_cli_ingest_summary_and_quarantine_commands(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store: FakeStore
) -> None:
    src = tmp_path / "news.jsonl"
    src.write_text(
        '{"story": "أعلنت الشرطة في مدينة سوسة توقيف ثلاثة أشخاص مشتبه بهم في قضية تهريب."}\n'
        '{"story": "Les autorités ont annoncé l\'arrestation de trois suspects dans la ville de Sousse et '
        'une enquête est en cours."}\n{"story": 1\n',
        "utf-8",
    )
    result = _cli(monkeypatch, store, ["ingest", str(src), "--map", "text=story", "--db", "x.duckdb"])
    assert result.exit_code == 1, result.output  # 1: the run finished, two inputs could not be read
    assert "ingest finished" in result.output and "quarantined E035" in result.output
    assert len(store.articles) == 1 and {r.code for r in store.quarantined.values()} == {"E035", "E005"}
    listed = _cli(monkeypatch, store, ["quarantine", "list", "--code", "E035"])
    assert listed.exit_code == 0 and "E035" in listed.output and "E005" not in listed.output
    qid = next(r.id for r in store.quarantined.values() if r.code == "E035")
    shown = _cli(monkeypatch, store, ["quarantine", "show", qid])
    assert shown.exit_code == 0 and "later French analysis" in shown.output and "Sousse" in shown.output
    retried = _cli(monkeypatch, store, ["quarantine", "retry", "--all"])
    assert retried.exit_code == 0 and "0 of 2 retried items now stored" in retried.output
    bad = _cli(monkeypatch, store, ["ingest", str(src), "--map", "body=story"])
    assert bad.exit_code == 2 and "bad --map field" in bad.output


def test_signals_set_the_stop_event_and_handlers_are_restored() -> None:
    import os
    import signal

    from marsad.cli.ingest import _stop_on_signals

    before = signal.getsignal(signal.SIGTERM)
    with _stop_on_signals() as stop:
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.wait(5)
    assert signal.getsignal(signal.SIGTERM) is before


def test_fetch_settings_come_from_the_ingest_config_section() -> None:
    from marsad.config import load_settings
    from marsad.ingest import FetchSettings

    settings = load_settings(overrides={"ingest": {"fetch_timeout": 3.5, "per_host_interval": 0, "max_redirects": 2}})
    fetch = FetchSettings.from_settings(settings.ingest)
    assert (fetch.timeout, fetch.per_host_interval, fetch.max_redirects, fetch.respect_robots) == (3.5, 0, 2, True)
    assert fetch.user_agent.startswith("marsad/")
