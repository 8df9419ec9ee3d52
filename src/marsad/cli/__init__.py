"""marsad's command line: a thin typer layer over plain functions.

Each area registers its commands from its own module (``register(app)``), so the CLI stays thin
and every command calls the same functions the API and tests call.
"""

from __future__ import annotations

import typer

__all__ = ["app", "main"]

app = typer.Typer(
    name="marsad",
    help="marsad (مرصد): Arabic news → evidence-linked security event data, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register_all() -> None:
    # start-up time: the command modules (and what they import) load when the CLI runs, not on import
    from marsad.cli import alerts, analyze, bench, evaluate, ingest, report, scale, serve, store

    analyze.register(app)
    evaluate.register(app)
    bench.register(app)
    ingest.register(app)
    store.register(app)
    serve.register(app)
    scale.register(app)
    report.register(app)
    alerts.register(app)


def main() -> None:
    """Entry point of the ``marsad`` console script."""
    _register_all()
    app()
