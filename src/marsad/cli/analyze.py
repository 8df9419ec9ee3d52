"""`marsad analyze` and `marsad eval`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli.common import (
    EXIT_CONFIG,
    EXIT_SOME_FAILED,
    build_pipeline,
    err,
    fail,
    iter_paths,
    load_cli_settings,
    parse_cli_date,
)
from marsad.config import Settings
from marsad.errors import MarsadError
from marsad.inputs import ArticleInput, InputFailure, read_jsonl_bytes, read_path, read_text_bytes

if TYPE_CHECKING:
    from marsad.summary import Summary

__all__ = ["Format", "register", "summarize_file", "write_analysis"]


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _read_stdin() -> Iterator[ArticleInput | InputFailure]:
    data = sys.stdin.buffer.read()
    if data.lstrip().startswith(b"{"):
        yield from read_jsonl_bytes(data, "<stdin>")
    else:
        yield read_text_bytes(data, "<stdin>")


_OWN_READER = {".txt", ".text", ".md", "", ".jsonl", ".ndjson"}


def _files(paths: list[Path]) -> Iterator[tuple[Path, bool]]:
    """Each path to read, and whether it was found in a folder. Folders are walked in sorted order, every
    file but hidden ones (as ``marsad ingest`` reads them): none is skipped without a record."""
    for path in paths:
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in found.relative_to(path).parts):
                    yield found, True
        else:
            yield from ((one, False) for one in iter_paths([path]))


def _read_file(path: Path, in_folder: bool, max_bytes: int) -> Iterator[ArticleInput | InputFailure]:
    """Text and JSONL as always; HTML, JSON, CSV/TSV, RSS/Atom and archives by the readers `marsad ingest`
    uses; a file of another type found in a folder is one E038 record (a file named on the command line is
    read as text, as before)."""
    # start-up time: each command imports what it runs
    from marsad.ingest.base import SourceOptions
    from marsad.ingest.files import FileSource, file_kind

    if path.suffix.lower() in _OWN_READER or (not in_folder and file_kind(path.name) is None):
        yield from read_path(path, max_bytes)
        return
    for entry in FileSource(str(path), SourceOptions(max_bytes=max_bytes)).entries():
        yield entry.safe_load()


def _inputs(paths: list[Path], max_bytes: int, published: dt.date | None) -> Iterator[ArticleInput | InputFailure]:
    """Read every path; ``published`` dates plain-text items only (JSONL items carry their own)."""
    for path, in_folder in _files(paths):
        items = _read_stdin() if str(path) == "-" else _read_file(path, in_folder, max_bytes)
        for item in items:
            plain = isinstance(item, ArticleInput) and ":" not in item.origin.removeprefix(str(path))
            if plain and published and isinstance(item, ArticleInput) and not item.published:
                yield dataclasses.replace(item, published=published.isoformat())
            else:
                yield item


def _table(records: list[dict[str, Any]], console: Console) -> None:
    for rec in records:
        console.rule(f"{rec.get('title') or rec['id']}")
        t = Table("layer", "what", "evidence", show_lines=False, expand=True)
        for e in rec["events"]:
            actor, recipient = (e["actor"] or {}).get("code"), (e["recipient"] or {}).get("code")
            what = f"{e['type']}/{e['mode'] or '-'} {e['status']} {actor}→{recipient}"
            t.add_row("event", what, e["evidence"]["text"])
        for q in rec["quotes"]:
            t.add_row("quote", f"{q['speaker']['text']} · {q['cue']}", q["evidence"]["text"])
        for r in rec["relations"]:
            t.add_row("relation", f"{r['a']}–{r['b']} {r['type']} {r['polarity']:+d}", r["evidence"]["text"])
        for d in rec["diagnostics"]:
            t.add_row("diagnostic", d["code"], d["message"])
        console.print(t)


def write_analysis(paths: list[Path], fmt: Format, published: dt.date | None, settings: Settings,
                   config: Path | None = None, out: Path | None = None, workers: int | None = None) -> int:  # fmt: skip
    """Analyse every input of ``paths`` and write one record per article in ``fmt`` to ``out`` (or stdout);
    how many inputs could not be read. One process when ``workers`` resolves to 1, else a pool for large runs."""
    inputs = _inputs(paths, settings.input.max_bytes, published)
    # start-up time: each command imports what it runs
    from marsad.scale.pool import auto_parallel, resolve_workers

    single = workers is not None and resolve_workers(workers) == 1
    pipeline = build_pipeline(config) if single else None
    try:
        records = auto_parallel(inputs, settings, workers, pipeline=pipeline)
        return _emit(records, fmt, out)
    except MarsadError as exc:
        raise fail(str(exc), EXIT_CONFIG) from None


def analyze_cmd(
    paths: Annotated[list[Path], typer.Argument(help="text or JSONL files, directories, or - for stdin")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.jsonl,
    published: Annotated[str | None, typer.Option(help="publication date YYYY-MM-DD for plain files")] = None,
    config: Annotated[Path | None, typer.Option(help="a TOML file overriding the defaults")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write here instead of stdout")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=0, help="analysis processes; 0: all "
                                                "cores (default: all cores for 64+ items, else 1)")] = None,
    cluster: Annotated[str | None, typer.Option(help="analyse on Dask (local:N or tcp://host:8786); "
                                                "writes partitioned Parquet to --out DIR")] = None,
) -> None:
    """Analyse articles and write one record per article (the output contract); same records on any --workers."""
    pub = parse_cli_date(published)
    settings = load_cli_settings(config)
    if cluster:
        _run_cluster(_inputs(paths, settings.input.max_bytes, pub), cluster, out, settings)
        return
    failed = write_analysis(paths, fmt, pub, settings, config, out, workers)
    if failed:
        raise fail(f"{failed} input(s) could not be read (see their diagnostics)", EXIT_SOME_FAILED)


def summarize_file(records: Path) -> Summary:
    """The summary of a JSONL file of analysis records."""
    # start-up time: each command imports what it runs
    from marsad.evaluate.run import load_jsonl
    from marsad.summary import summarize

    if not records.is_file():
        raise fail(f"no such file: {records}")
    return summarize(load_jsonl(records))


def summary_cmd(
    records: Annotated[Path, typer.Argument(help="a JSONL file of analysis records")],
) -> None:
    """Summarise analysis records: articles, entities, events by type, quotes, relations."""
    _print_summary(summarize_file(records), records, Console())


def version_cmd() -> None:
    """Print marsad's version."""
    # start-up time: each command imports what it runs
    from marsad import __version__

    typer.echo(__version__)


def register(app: typer.Typer) -> None:
    """Add `analyze`, `summary` and `version` to ``app``."""
    app.command("analyze")(analyze_cmd)
    app.command("summary")(summary_cmd)
    app.command("version")(version_cmd)


def _run_cluster(inputs: Iterator[ArticleInput | InputFailure], cluster: str, out: Path | None,
                 settings: Settings) -> None:  # fmt: skip
    # optional dependency (dask) and start-up time: each command imports what it runs
    from marsad.scale.dask_run import run_on_dask

    if out is None:
        raise fail("--cluster needs --out DIR (the Parquet folder, shared with the workers)")
    try:
        result = run_on_dask(inputs, cluster, out, settings)
    except (OSError, ValueError) as exc:
        raise fail(f"cannot run on {cluster}: {exc}") from None
    err.print(f"{result.rows} records in {result.partitions} partitions → {out} "
              f"({result.seconds:.1f} s, {result.articles_per_s:.1f} articles/s); "
              f"load them with: marsad store load {out} --db …")  # fmt: skip


def _emit(records: Iterator[dict[str, Any]], fmt: Format, out: Path | None) -> int:
    """Write records in ``fmt``; return how many were input failures."""
    failed = 0
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    collected: list[dict[str, Any]] = []
    try:
        for rec in records:
            failed += any(d["severity"] == "error" and d.get("stage") == "input" for d in rec["diagnostics"])
            if fmt is Format.jsonl:
                sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
                sink.flush()
            else:
                collected.append(rec)
        if fmt is Format.json:
            json.dump(collected, sink, ensure_ascii=False, indent=2)
            sink.write("\n")
        elif fmt is Format.table:
            _table(collected, Console(file=sink))
    finally:
        if out:
            sink.close()
    return failed


def _print_summary(s: Summary, path: Path, console: Console) -> None:
    t = Table("", "count", title="marsad: analysis summary", show_header=False)
    t.add_row("articles", str(s.articles))
    t.add_row("  unreadable (kept with a diagnostic)", str(s.unreadable))
    t.add_row("entities (linked to an actor)", f"{s.entities} ({s.linked_entities})")
    t.add_row("events", str(sum(s.events.values())))
    for key, n in s.events.most_common(12):
        t.add_row(f"  {key}", str(n))
    t.add_row("quotes", str(s.quotes))
    t.add_row("state-to-state relations", str(sum(s.relations.values())))
    for key, n in s.relations.most_common(8):
        t.add_row(f"  {key}", str(n))
    console.print(t)
    console.print(f"records: [bold]{path}[/] — one JSON object per article (see docs in README)")
    console.print("next: [bold]marsad analyze FILE --format table[/] to read one article's analysis, "
                  "[bold]marsad eval GOLD.jsonl[/] to score against gold")
