"""`marsad serve`: the REST API and the dashboard over a store, in one process or, on PostgreSQL, several."""

from __future__ import annotations

import atexit
import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from marsad.cli.common import EXIT_CONFIG, EXIT_SOME_FAILED, err, fail, load_cli_settings
from marsad.config import Settings
from marsad.errors import MarsadError

__all__ = ["check_app", "register", "serve_app", "serve_forever", "worker_app"]

#: the app factory of each worker process (`marsad serve --workers N`), as uvicorn imports it
WORKER_FACTORY = "marsad.cli.serve:worker_app"


def _open_store(url: str, writable: bool) -> Any:
    # start-up time: each command imports what it runs
    from marsad.store import open_store

    local = not url.startswith(("postgres", "duckdb://"))
    if local and not Path(url).exists():
        raise fail(f"no store at {url}; run `marsad ingest FILES --db {url}` first")
    try:
        return open_store(url, read_only=not writable)
    except Exception as exc:  # a lock held by another writer, a server that does not answer …
        raise fail(f"cannot open the store {url}: {exc.__class__.__name__}: {str(exc)[:300]}") from None


def serve_app(url: str, settings: Settings, analyze: bool, token: str | None) -> tuple[Any, Any]:
    """The dashboard and REST API over the store at ``url`` (writable when ingest is enabled by a token), and
    that store, for the caller to close; with ``analyze``, the pipeline is loaded for POST /api/analyze."""
    # start-up time: each command imports what it runs
    from marsad.api import create_app

    pipeline = None
    if analyze:
        # start-up time: the pipeline, only when the server analyses
        from marsad.pipeline import Pipeline

        try:
            pipeline = Pipeline.build(settings)
        except MarsadError as exc:
            raise fail(str(exc)) from None
    store = _open_store(url, writable=token is not None)
    try:
        application = create_app(store, pipeline=pipeline, settings=settings.serve, token=token)
    except MarsadError as exc:
        store.close()
        raise fail(str(exc)) from None
    return application, store


def check_app(application: Any, store: Any, host: str, port: int, token: str | None) -> tuple[str, dict[str, Any]]:
    """Start ``application`` in a thread, fetch /api/stats and /, stop it and close ``store``: the URL it ran at
    and the figures; exit 1 when the check fails."""
    # start-up time: each command imports what it runs
    from marsad.api.server import self_check, start_in_thread

    running = start_in_thread(application, host, port)
    try:
        figures = self_check(running.url, {"Authorization": f"Bearer {token}"} if token else None)
    except Exception as exc:
        raise fail(f"self-check of {running.url} failed: {exc}", EXIT_SOME_FAILED) from None
    finally:
        running.stop()
        store.close()
    return running.url, figures


def serve_forever(application: Any, store: Any, host: str, port: int) -> None:
    """Serve ``application`` on HOST:PORT (0: a free port) until Ctrl-C, then close ``store``."""
    # start-up time: the server, only when serving
    from marsad.api.server import free_port, serve

    port = port or free_port(host)
    _listening(host, port)
    try:
        serve(application, host, port)  # SIGTERM and Ctrl-C stop it cleanly, in-flight analyses included
    finally:
        store.close()


def _listening(host: str, port: int, workers: int = 1) -> None:
    shown = f"[{host}]" if ":" in host else host
    processes = f" with {workers} worker processes" if workers > 1 else ""
    typer.echo(f"marsad: serving the dashboard at http://{shown}:{port}/{processes}  (API docs: "
               f"http://{shown}:{port}/docs; Ctrl-C stops)")  # fmt: skip


def worker_app() -> Any:
    """The app of one worker process of `marsad serve --workers N`, built from the options the command left in
    ``$MARSAD_SERVE_WORKER`` (the token from ``$MARSAD_API_TOKEN``, as in one process). When it cannot be built,
    its one error line is printed and the worker exits with uvicorn's start-up failure code: the supervisor then
    stops every worker and `marsad serve` exits 1."""
    # start-up time: each command imports what it runs
    from uvicorn.config import STARTUP_FAILURE

    from marsad.api import TOKEN_ENV
    from marsad.api.workers import WORKER_ENV, prepare_worker

    options = json.loads(os.environ[WORKER_ENV])
    try:
        settings = load_cli_settings(Path(options["config"]) if options["config"] else None)
        application, store = serve_app(options["db"], settings, options["analyze"], os.environ.get(TOKEN_ENV) or None)
    except typer.Exit:
        raise SystemExit(STARTUP_FAILURE) from None
    atexit.register(store.close)
    prepare_worker(application, parent=options["supervisor"])  # not getppid(): it may have gone already
    return application


def serve_workers(url: str, config: Path | None, analyze: bool, token: str | None, host: str, port: int,
                  workers: int, check: bool) -> None:  # fmt: skip
    """`marsad serve --workers N` (N > 1): PostgreSQL only; the store is opened once here to fail early."""
    # start-up time: the server, only when serving
    from marsad.api.server import self_check
    from marsad.api.workers import WORKER_ENV, Supervisor, start_workers, worker_config

    if not url.startswith("postgres"):
        raise fail(f"E020: --workers {workers} needs a PostgreSQL store (--db postgresql://…): a DuckDB file has one "
                   f"writing process; serve {url} with one worker", EXIT_CONFIG)  # fmt: skip
    _open_store(url, writable=token is not None).close()
    os.environ[WORKER_ENV] = json.dumps({"db": url, "config": str(config.resolve()) if config else None,
                                         "analyze": analyze, "supervisor": os.getpid()})  # fmt: skip
    settings = worker_config(WORKER_FACTORY, host, port, workers)
    headers = {"Authorization": f"Bearer {token}"} if token else None
    if check:
        try:
            running = start_workers(settings, headers)
        except (OSError, RuntimeError) as exc:
            raise fail(f"self-check failed: {exc}", EXIT_SOME_FAILED) from None
        try:
            figures = self_check(running.url, headers)
            pids = running.supervisor.pids()
        except Exception as exc:
            raise fail(f"self-check of {running.url} failed: {exc}", EXIT_SOME_FAILED) from None
        finally:
            running.stop()
        tables = figures["stats"]["tables"]
        typer.echo(f"marsad: dashboard OK at {running.url}/ with {len(pids)} worker processes "
                   f"({tables['articles']} articles, {tables['events']} events; /api/stats "
                   f"{figures['/api/stats']['ms']} ms, / {figures['/']['ms']} ms)")  # fmt: skip
        return
    try:
        supervisor = Supervisor.bind(settings)
    except OSError as exc:
        raise fail(str(exc)) from None
    _listening(host, supervisor.port, workers)
    try:
        supervisor.run()  # SIGTERM and Ctrl-C stop every worker cleanly, in-flight analyses included
    except RuntimeError as exc:
        raise fail(str(exc), EXIT_SOME_FAILED) from None


def serve_cmd(
    db: Annotated[str | None, typer.Option("--db", help="Store: a path, duckdb:///path or postgresql://… "
                                                        "(default $MARSAD_DB or marsad.duckdb)")] = None,
    host: Annotated[str | None, typer.Option(help="address to listen on (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default 8000; 0 picks a free one)")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="marsad TOML settings")] = None,
    analyze: Annotated[bool, typer.Option(help="load the pipeline for POST /api/analyze")] = True,
    check: Annotated[bool, typer.Option("--check", "--no-block",
                                        help="start, check /api/stats and /, print the figures, exit")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1,
                                         help="serving processes (more than 1: PostgreSQL stores only)")] = 1,
) -> None:
    """Serve the dashboard and the REST API (http://HOST:PORT/, API docs at /docs).

    Reads are open; POST /api/ingest needs MARSAD_API_TOKEN (set it in the environment to enable ingest).
    One process serves on one core; on a PostgreSQL store, --workers N serves from N processes sharing the
    port (about one per core; each loads its own pipeline unless --no-analyze).
    """
    # start-up time: each command imports what it runs
    from marsad.api import TOKEN_ENV

    settings = load_cli_settings(config)
    serve_cfg = settings.serve
    host = host or serve_cfg.host
    port = serve_cfg.port if port is None else port
    url = db or os.environ.get("MARSAD_DB") or "marsad.duckdb"
    token = os.environ.get(TOKEN_ENV) or None
    if host not in ("127.0.0.1", "localhost", "::1") and token is None:
        err.print(f"warning: listening on {host} with open reads and ingest disabled ({TOKEN_ENV} not set)")
    if workers > 1:
        serve_workers(url, config, analyze, token, host, port, workers, check)
        return
    application, store = serve_app(url, settings, analyze, token)
    if check:
        base, figures = check_app(application, store, host, port, token)
        tables = figures["stats"]["tables"]
        typer.echo(f"marsad: dashboard OK at {base}/ ({tables['articles']} articles, {tables['events']} "
                   f"events; /api/stats {figures['/api/stats']['ms']} ms, / {figures['/']['ms']} ms)")  # fmt: skip
        return
    serve_forever(application, store, host, port)


def register(app: typer.Typer) -> None:
    """Add `serve` to ``app``."""
    app.command("serve")(serve_cmd)
