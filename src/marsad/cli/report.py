"""`marsad report`: a situation report of a country, a region group or the store, as HTML, PDF or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.common import EXIT_INPUT, err, fail, open_store_or_exit
from marsad.errors import MarsadError

__all__ = ["register", "report_cmd"]


def report_cmd(
    out: Annotated[Path, typer.Option("--out", help="The file to write (Markdown: its figures go beside it).")],
    country: Annotated[str, typer.Option("--country", help="A country code (MAR), a region group (Maghreb, Sahel) "
                                                           "or all (the whole store).")] = "all",
    week: Annotated[str | None, typer.Option("--week", help="An ISO week, e.g. 2025-W09.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day (YYYY-MM-DD).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="ar (right to left) or en.")] = "ar",
    fmt: Annotated[str, typer.Option("--format", help="html, pdf or md.")] = "html",
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0,
                                                  help="Events below this confidence are left out.")] = 0.3,
    db: Annotated[str | None, typer.Option("--db", help="Store URL (default $MARSAD_DB or marsad.duckdb).")] = None,
) -> None:
    """Write a situation report: headline figures against the previous period, a map, a timeline, the most
    significant events with their evidence, quotes, relations and a methods note. No period: last week."""
    # start-up time: each command imports what it runs
    from marsad.cli.store import _db
    from marsad.report import make_report, parse_period, parse_scope

    url = _db(db)
    if not url.startswith(("postgres", "duckdb://")) and not Path(url).exists():
        raise fail(f"no store at {url}; run `marsad store load RECORDS --db {url}` first")
    try:
        scope, period = parse_scope(country), parse_period(week, since, until)
        if lang not in ("ar", "en") or fmt not in ("html", "pdf", "md"):
            raise fail(f"--lang is ar or en and --format html, pdf or md (got {lang!r}, {fmt!r})", EXIT_INPUT)
        with open_store_or_exit(url, read_only=True) as store:
            rendered = make_report(store, scope, period, lang=lang, fmt=fmt, min_confidence=min_confidence,
                                   stem=out.stem)  # fmt: skip
    except MarsadError as exc:
        raise fail(str(exc)) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(rendered.content)
    for name, content in sorted(rendered.attachments.items()):
        (out.parent / name).write_bytes(content)
    err.print(f"report {scope.key} {period.label()} ({lang}, {fmt}): {out}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report_cmd)
