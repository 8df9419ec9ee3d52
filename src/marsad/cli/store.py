"""`marsad events | event | quotes | relations | actors | stats | export`: the store from the shell.

Thin over :mod:`marsad.store` and :mod:`marsad.export`; every command takes ``--db URL`` (default
``$MARSAD_DB`` or ``marsad.duckdb``) and, where it lists rows, ``--json``. Web text is shown
through ``rich.text.Text`` so markup in an article is never interpreted.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["event_detail", "export", "find_actors", "find_events", "find_quotes", "find_relations", "parse_near",
           "parse_pair", "register", "store_stats"]  # fmt: skip

DbOpt = Annotated[str | None, typer.Option("--db", help="Store URL: a path, duckdb:///path or postgresql://… "
                                                        "(default $MARSAD_DB or marsad.duckdb)")]  # fmt: skip
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, max=100_000)]


def _db(db: str | None) -> str:
    # start-up time: each command imports what it runs
    from marsad.config import load_settings

    return db or os.environ.get("MARSAD_DB") or load_settings().store.url


def parse_near(value: str) -> tuple[float, float, float]:
    """``"Casablanca:50km"``, ``"lat,lon:50km"`` or ``"lat,lon,50"`` (the API's forms) → (lat, lon, km)."""
    # start-up time: each command imports what it runs
    from marsad.names import NearError
    from marsad.names import parse_near as parse

    try:
        return parse(value)
    except NearError as exc:
        raise typer.BadParameter(str(exc)) from None


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


def find_events(db: str | None, *, country: str | None = None, type: str | None = None, mode: str | None = None,
                since: str | None = None, until: str | None = None, actor: str | None = None,
                near: tuple[float, float, float] | None = None, text: str | None = None, limit: int = 50,
                offset: int = 0, min_confidence: float | None = None,
                sort: str | None = None) -> list[Any]:  # fmt: skip
    """The merged events of the store at ``db`` that pass the filters."""
    with _open(db) as store:
        try:
            rows: list[Any] = store.events(country=country, type=type, mode=mode, since=since, until=until,
                                           actor=actor, near=near, text=text, limit=limit, offset=offset,
                                           min_confidence=min_confidence, sort=sort)  # fmt: skip
        except ValueError as exc:  # an unknown sort key
            raise typer.BadParameter(str(exc)) from None
    return rows


def event_detail(db: str | None, event_id: str) -> Any:
    """One event with its mentions; ``typer.BadParameter`` when there is none."""
    with _open(db) as store:
        detail = store.event(event_id)
    if detail is None:
        raise typer.BadParameter(f"no event {event_id!r}")
    return detail


def find_quotes(db: str | None, speaker: str | None = None, limit: int = 50) -> list[Any]:
    """Attributed statements, optionally by speaker."""
    with _open(db) as store:
        rows: list[Any] = store.quotes(speaker=speaker, limit=limit)
    return rows


def parse_pair(pair: str | None) -> tuple[str, str] | None:
    """``"mar:dza"`` → ``("MAR", "DZA")``; None for no pair."""
    parts = pair.upper().split(":", 1) if pair else []
    if pair and len(parts) != 2:
        raise typer.BadParameter("expected --pair A:B")
    return (parts[0], parts[1]) if pair else None


def find_relations(db: str | None, pair: tuple[str, str] | None = None, limit: int = 50) -> tuple[list[Any], list[Any]]:
    """Statements on state-to-state relations, and the pair's monthly cooperation index (empty without a pair)."""
    with _open(db) as store:
        rows: list[Any] = store.relations(pair=pair, limit=limit)
        index: list[Any] = store.cooperation_index(pair[0], pair[1]) if pair else []
    return rows, index


def find_actors(db: str | None, limit: int = 50) -> list[Any]:
    """Actors by number of events."""
    with _open(db) as store:
        rows: list[Any] = store.actors(limit=limit)
    return rows


def store_stats(db: str | None) -> dict[str, Any]:
    """What the store holds."""
    with _open(db) as store:
        data: dict[str, Any] = store.stats()
    return data


def export(target: str, out: Path, fmt: str = "csv", db: str | None = None) -> int:
    """Write a table, ``acled`` or ``plover`` to ``out``; the number of rows written."""
    # start-up time: each command imports what it runs
    from marsad.export import FORMATS, export_acled, export_plover, export_table
    from marsad.store.schema import TABLES

    if target not in (*TABLES, "acled", "plover"):
        raise typer.BadParameter(f"unknown export {target!r}; one of {', '.join((*TABLES, 'acled', 'plover'))}")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    with _open(db) as store:
        if target == "acled":
            return export_acled(store, out)
        if target == "plover":
            return export_plover(store, out)
        return export_table(store, target, fmt, out)


def _rows_out(rows: Sequence[Any], as_json: bool, title: str, columns: Sequence[str],
              cells: Callable[[Any], Sequence[Any]]) -> None:  # fmt: skip
    """Rows as a JSON list (each row's ``to_json()``) or as a table of ``cells(row)``."""
    if as_json:
        _print_json([r.to_json() for r in rows])
    else:
        _table(title, columns, [cells(r) for r in rows])


def events_cmd(*, db: DbOpt = None, country: str | None = None, type: str | None = None, mode: str | None = None,
               since: str | None = None, until: str | None = None, actor: str | None = None,
               near: Annotated[str | None, typer.Option(help="PLACE:KMkm, LAT,LON:KMkm or LAT,LON,KM")] = None,
               text: Annotated[str | None, typer.Option(help="words in the evidence")] = None,
               min_confidence: Annotated[float | None, typer.Option(min=0, max=1, help="confidence floor")] = None,
               sort: Annotated[str | None, typer.Option(help="date, confidence, killed, reports…; -KEY descending")]
               = None, limit: LimitOpt = 50, offset: int = 0, as_json: JsonOpt = False) -> None:  # fmt: skip
    """Merged events (one row per happening, however many reports)."""
    where = parse_near(near) if near else None
    rows = find_events(db, country=country, type=type, mode=mode, since=since, until=until, actor=actor, near=where,
                       text=text, limit=limit, offset=offset, min_confidence=min_confidence, sort=sort)  # fmt: skip
    _rows_out(rows, as_json, "events",
              ["id", "date", "type", "mode", "actor", "recipient", "place", "country", "reports", "conf"],
              lambda r: [r.id, r.date_value, r.type, r.mode, r.actor_code, r.recipient_code,
                         r.place_name or r.place_name_ar, r.country, r.n_reports, r.confidence])  # fmt: skip


def event_cmd(event_id: str, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """One event with every mention and its evidence."""
    detail = event_detail(db, event_id)
    if as_json:
        _print_json(detail.to_json())
        return
    _table(f"event {event_id}", ["article", "event", "published", "source", "evidence", "how"],
           [[m.article_id, m.local_id, m.published, m.source, m.evidence_text, (m.merge or {}).get("decision")]
            for m in detail.mentions])  # fmt: skip


def quotes_cmd(db: DbOpt = None, speaker: str | None = None, limit: LimitOpt = 50, as_json: JsonOpt = False) -> None:
    """Attributed statements, optionally by speaker (name words or actor code)."""
    _rows_out(find_quotes(db, speaker, limit), as_json, "quotes", ["published", "speaker", "cue", "kind", "quote"],
              lambda r: [r.published, r.speaker, r.cue, r.kind, r.evidence_text])  # fmt: skip


def relations_cmd(db: DbOpt = None, pair: Annotated[str | None, typer.Option(help="A:B, e.g. MAR:DZA")] = None,
                  limit: LimitOpt = 50, as_json: JsonOpt = False) -> None:  # fmt: skip
    """Statements on state-to-state relations; with --pair, the monthly cooperation index too."""
    ab = parse_pair(pair)
    rows, index = find_relations(db, ab, limit)
    if as_json:
        _print_json({"relations": [r.to_json() for r in rows], "index": [p.to_json() for p in index]})
        return
    _table("relations", ["published", "a", "b", "type", "polarity", "evidence"],
           [[r.published, r.a, r.b, r.type, r.polarity, r.evidence_text] for r in rows])  # fmt: skip
    if ab:
        _table(f"cooperation index {ab[0]}–{ab[1]}", ["month", "index", "n", "weight"],
               [[p.month, p.index, p.n, p.weight] for p in index])  # fmt: skip


def actors_cmd(db: DbOpt = None, limit: LimitOpt = 50, as_json: JsonOpt = False) -> None:
    """Actors by number of events."""
    _rows_out(find_actors(db, limit), as_json, "actors", ["code", "name", "events", "as actor", "as recipient"],
              lambda r: [r.code, r.name, r.n_events, r.n_as_actor, r.n_as_recipient])  # fmt: skip


def stats_cmd(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """What the store holds."""
    data = store_stats(db)
    if as_json:
        _print_json(data)
        return
    _table("store", ["what", "value"], [[k, json.dumps(v, ensure_ascii=False)] for k, v in data.items()])


def export_cmd(target: Annotated[str, typer.Argument(help="a table name, 'acled' or 'plover'")],
               out: Annotated[Path, typer.Option("--out", help="file to write")],
               fmt: Annotated[str, typer.Option("--format", help="csv, jsonl or parquet (tables)")] = "csv",
               db: DbOpt = None) -> None:  # fmt: skip
    """Export a table (csv/jsonl/parquet), ACLED-shaped CSV (`acled`) or PLOVER JSON (`plover`)."""
    n = export(target, out, fmt, db)
    typer.echo(f"{n} rows → {out}")


def register(app: typer.Typer) -> None:
    """Add `events`, `event`, `quotes`, `relations`, `actors`, `stats` and `export` to ``app``."""
    app.command("events")(events_cmd)
    app.command("event")(event_cmd)
    app.command("quotes")(quotes_cmd)
    app.command("relations")(relations_cmd)
    app.command("actors")(actors_cmd)
    app.command("stats")(stats_cmd)
    app.command("export")(export_cmd)
