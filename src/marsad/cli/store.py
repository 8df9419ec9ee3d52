"""`marsad events | event | quotes | relations | actors | stats | export`: the store from the shell.

Thin over :mod:`marsad.store` and :mod:`marsad.export`; every command takes ``--db URL`` (default
``$MARSAD_DB`` or ``marsad.duckdb``) and, where it lists rows, ``--json``. Web text is shown
through ``rich.text.Text`` so markup in an article is never interpreted.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["parse_near", "register"]

DbOpt = Annotated[str | None, typer.Option("--db", help="Store URL: a path, duckdb:///path or postgresql://… "
                                                        "(default $MARSAD_DB or marsad.duckdb)")]  # fmt: skip
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, max=100_000)]
_NEAR = re.compile(r"^\s*(?P<where>.+?)\s*:\s*(?P<km>\d+(?:\.\d+)?)\s*(?:km)?\s*$", re.IGNORECASE)
_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def _db(db: str | None) -> str:
    # start-up time: each command imports what it runs
    from marsad.config import load_settings

    return db or os.environ.get("MARSAD_DB") or load_settings().store.url


def parse_near(value: str) -> tuple[float, float, float]:
    """``"lat,lon:50km"`` or ``"Casablanca:50km"`` (via the gazetteer when present) → (lat, lon, km)."""
    m = _NEAR.match(value)
    if not m:
        raise typer.BadParameter("expected PLACE:KM or LAT,LON:KM, e.g. 'Casablanca:50km' or '33.57,-7.59:50km'")
    where, km = m["where"], float(m["km"])
    ll = _LATLON.match(where)
    if ll:
        return float(ll[1]), float(ll[2]), km
    try:
        from marsad.kb.places import Geocoder  # type: ignore[import-not-found, unused-ignore]

        place = Geocoder.load().resolve(where)
    except Exception:  # no gazetteer in this build, or it failed: fall through to the error below
        place = None
    lat, lon = getattr(place, "lat", None), getattr(place, "lon", None)
    if lat is None or lon is None:
        raise typer.BadParameter(f"cannot place {where!r}; give coordinates as LAT,LON:KM")
    return float(lat), float(lon), km


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
    Console().print(table)


def _open(db: str | None, read_only: bool = True) -> Any:
    # start-up time: each command imports what it runs
    from marsad.config import load_settings
    from marsad.store import open_store, store_options

    url = _db(db)
    if read_only and not url.startswith(("postgres", "duckdb://")) and not Path(url).exists():
        raise typer.BadParameter(f"no store at {url}; run `marsad ingest FILES --db {url}` first")
    try:
        return open_store(url, read_only=read_only, **store_options(load_settings().store))
    except Exception as exc:  # a locked DuckDB file, an unreachable server: say so, no traceback
        if exc.__class__.__module__.split(".")[0] not in {"duckdb", "_duckdb", "psycopg"}:
            raise
        raise typer.BadParameter(f"cannot open the store at {url}: {exc}") from exc


def register(app: typer.Typer) -> None:  # noqa: PLR0915 - one closure per command keeps the CLI in one place
    @app.command()
    def events(*, db: DbOpt = None, country: str | None = None, type: str | None = None, mode: str | None = None,
               since: str | None = None, until: str | None = None, actor: str | None = None,
               near: Annotated[str | None, typer.Option(help="PLACE:KM or LAT,LON:KM")] = None,
               text: Annotated[str | None, typer.Option(help="words in the evidence")] = None,
               limit: LimitOpt = 50, offset: int = 0, as_json: JsonOpt = False) -> None:  # fmt: skip
        """Merged events (one row per happening, however many reports)."""
        where = parse_near(near) if near else None
        with _open(db) as store:
            rows = store.events(country=country, type=type, mode=mode, since=since, until=until, actor=actor,
                                near=where, text=text, limit=limit, offset=offset)  # fmt: skip
        if as_json:
            _print_json([r.to_json() for r in rows])
            return
        _table("events", ["id", "date", "type", "mode", "actor", "recipient", "place", "country", "reports", "conf"],
               [[r.id, r.date_value, r.type, r.mode, r.actor_code, r.recipient_code, r.place_name or r.place_name_ar,
                 r.country, r.n_reports, r.confidence] for r in rows])  # fmt: skip

    @app.command()
    def event(event_id: str, db: DbOpt = None, as_json: JsonOpt = False) -> None:
        """One event with every mention and its evidence."""
        with _open(db) as store:
            detail = store.event(event_id)
        if detail is None:
            raise typer.BadParameter(f"no event {event_id!r}")
        if as_json:
            _print_json(detail.to_json())
            return
        _table(f"event {event_id}", ["article", "event", "published", "source", "evidence", "how"],
               [[m.article_id, m.local_id, m.published, m.source, m.evidence_text, (m.merge or {}).get("decision")]
                for m in detail.mentions])  # fmt: skip

    @app.command()
    def quotes(db: DbOpt = None, speaker: str | None = None, limit: LimitOpt = 50, as_json: JsonOpt = False) -> None:
        """Attributed statements, optionally by speaker (name words or actor code)."""
        with _open(db) as store:
            rows = store.quotes(speaker=speaker, limit=limit)
        if as_json:
            _print_json([r.to_json() for r in rows])
            return
        _table("quotes", ["published", "speaker", "cue", "kind", "quote"],
               [[r.published, r.speaker, r.cue, r.kind, r.evidence_text] for r in rows])  # fmt: skip

    @app.command()
    def relations(db: DbOpt = None, pair: Annotated[str | None, typer.Option(help="A:B, e.g. MAR:DZA")] = None,
                  limit: LimitOpt = 50, as_json: JsonOpt = False) -> None:  # fmt: skip
        """Statements on state-to-state relations; with --pair, the monthly cooperation index too."""
        parts = pair.upper().split(":", 1) if pair else []
        if pair and len(parts) != 2:
            raise typer.BadParameter("expected --pair A:B")
        ab = (parts[0], parts[1]) if pair else None
        with _open(db) as store:
            rows = store.relations(pair=ab, limit=limit)
            index = store.cooperation_index(ab[0], ab[1]) if ab else []
        if as_json:
            _print_json({"relations": [r.to_json() for r in rows], "index": [p.to_json() for p in index]})
            return
        _table("relations", ["published", "a", "b", "type", "polarity", "evidence"],
               [[r.published, r.a, r.b, r.type, r.polarity, r.evidence_text] for r in rows])  # fmt: skip
        if ab:
            _table(f"cooperation index {ab[0]}–{ab[1]}", ["month", "index", "n", "weight"],
                   [[p.month, p.index, p.n, p.weight] for p in index])  # fmt: skip

    @app.command()
    def actors(db: DbOpt = None, limit: LimitOpt = 50, as_json: JsonOpt = False) -> None:
        """Actors by number of events."""
        with _open(db) as store:
            rows = store.actors(limit=limit)
        if as_json:
            _print_json([r.to_json() for r in rows])
            return
        _table("actors", ["code", "name", "events", "as actor", "as recipient"],
               [[r.code, r.name, r.n_events, r.n_as_actor, r.n_as_recipient] for r in rows])  # fmt: skip

    @app.command()
    def stats(db: DbOpt = None, as_json: JsonOpt = False) -> None:
        """What the store holds."""
        with _open(db) as store:
            data = store.stats()
        if as_json:
            _print_json(data)
            return
        _table("store", ["what", "value"], [[k, json.dumps(v, ensure_ascii=False)] for k, v in data.items()])

    @app.command()
    def export(target: Annotated[str, typer.Argument(help="a table name, 'acled' or 'plover'")],
               out: Annotated[Path, typer.Option("--out", help="file to write")],
               fmt: Annotated[str, typer.Option("--format", help="csv, jsonl or parquet (tables)")] = "csv",
               db: DbOpt = None) -> None:  # fmt: skip
        """Export a table (csv/jsonl/parquet), ACLED-shaped CSV (`acled`) or PLOVER JSON (`plover`)."""
        # start-up time: each command imports what it runs
        from marsad.export import FORMATS, export_acled, export_plover, export_table
        from marsad.store.schema import TABLES

        if target not in (*TABLES, "acled", "plover"):
            raise typer.BadParameter(f"unknown export {target!r}; one of {', '.join((*TABLES, 'acled', 'plover'))}")
        if fmt not in FORMATS:
            raise typer.BadParameter(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        with _open(db) as store:
            if target == "acled":
                n = export_acled(store, out)
            elif target == "plover":
                n = export_plover(store, out)
            else:
                n = export_table(store, target, fmt, out)
        typer.echo(f"{n} rows → {out}")

