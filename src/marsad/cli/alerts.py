"""`marsad alerts check | list`: evaluate a rules file on the store and deliver; list the fired alerts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from marsad.cli.common import EXIT_SOME_FAILED, err, fail, open_store_or_exit, parse_cli_date

__all__ = ["alerts_after_poll", "check_cmd", "list_cmd", "load_cli_rules", "register"]

alerts_app = typer.Typer(help="Watches over the store: check a rules file and deliver its alerts; list them.",
                         no_args_is_help=True)  # fmt: skip
RulesOpt = Annotated[Path, typer.Option("--rules", help="The alert rules file (YAML; see examples/alerts.yaml).")]
DbOpt = Annotated[str | None, typer.Option("--db", help="Store URL (default $MARSAD_DB or marsad.duckdb).")]


def load_cli_rules(path: Path) -> Any:
    """The rules at ``path``, or its one-line error (file and line) and exit 2."""
    # start-up time: each command imports what it runs
    from marsad.alerts import RulesError, load_rules

    try:
        return load_rules(path)
    except RulesError as exc:
        raise fail(escape(str(exc))) from None


def _report(result: Any, console: Console) -> None:
    console.print(f"alerts: {result.matched} matching, {result.new} new, {result.delivered} delivered, "
                  f"{result.pending} left to retry, {result.failed} failed", markup=False)  # fmt: skip
    for line in result.errors[:20]:
        console.print(line, markup=False, soft_wrap=True)


def alerts_after_poll(store: Any, rules: Any, console: Console) -> None:
    """Run the alert check after a `marsad watch` poll (the same store, the same process)."""
    # start-up time: each command imports what it runs
    from marsad.alerts import check

    _report(check(store, rules), console)


def check_cmd(
    rules: RulesOpt,
    since: Annotated[str | None, typer.Option("--since", help="Only events dated (or first reported) on or after this "
                                                              "day (YYYY-MM-DD), statements published since.")] = None,
    db: DbOpt = None,
) -> None:
    """Evaluate the watches on the store's events and statements; notify each new match once (JSONL, webhook,
    e-mail, the dashboard's list). Exit 1 when a delivery is left to retry or failed."""
    # start-up time: each command imports what it runs
    from marsad.alerts import check
    from marsad.cli.store import _db

    parsed = load_cli_rules(rules)
    day = parse_cli_date(since)
    with open_store_or_exit(_db(db)) as store:
        result = check(store, parsed, day)
    _report(result, err)
    if result.pending or result.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def list_cmd(
    db: DbOpt = None,
    watch: Annotated[str | None, typer.Option("--watch", help="Only this watch's alerts.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of lines.")] = False,
) -> None:
    """The fired alerts, newest first, with their delivery status per channel."""
    # start-up time: each command imports what it runs
    from marsad.alerts import fired
    from marsad.cli.store import _open

    with _open(db) as store:
        rows = fired(store, limit=limit, watch=watch)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    out = Console(highlight=False)
    for a in rows:
        status = ", ".join(f"{k} {v['status']}" for k, v in sorted(a["deliveries"].items())) or "dashboard only"
        out.print(f"{a['fired_at'][:19]}  {a['watch']}  {a['description_ar']}", markup=False, soft_wrap=True)
        for ev in a["evidence"][:1]:
            out.print(f"    «{ev['text']}»", markup=False, soft_wrap=True)
        out.print(f"    {a['link']}  [{status}]", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    alerts_app.command("check")(check_cmd)
    alerts_app.command("list")(list_cmd)
    app.add_typer(alerts_app, name="alerts")
