"""`marsad bench`: articles/s, tokens/s, peak RSS and time per stage, beside spaCy's tokenizer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli.common import build_pipeline, fail

__all__ = ["register"]

DEFAULT_CORPUS = Path("../shared/data/saudinewsnet")


def register(app: typer.Typer) -> None:
    @app.command("bench")
    def bench_cmd(
        corpus: Annotated[Path, typer.Option(help="SaudiNewsNet zips dir, a zip, or a JSONL file")] = DEFAULT_CORPUS,
        n: Annotated[int, typer.Option("-n", help="number of articles")] = 500,
        config: Annotated[Path | None, typer.Option(help="a TOML file overriding the defaults")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    ) -> None:
        """Benchmark the whole pipeline on N real articles (one process)."""
        from marsad.bench import load_texts, run_bench

        if not corpus.exists():
            raise fail(f"no corpus at {corpus} (pass --corpus)")
        texts = load_texts(corpus, n)
        if not texts:
            raise fail(f"no article texts found in {corpus}")
        result = run_bench(texts, build_pipeline(config))
        console = Console()
        if as_json:
            console.print_json(json.dumps(result.to_dict()))
            return
        t = Table("measure", "marsad (whole pipeline)", "spaCy blank('ar') tokenizer", "ratio", title="marsad bench")
        ref = result.reference or {}
        t.add_row("articles", str(result.articles), str(result.articles), "")
        for key, label in (("articles_per_s", "articles/s"), ("tokens_per_s", "tokens/s")):
            mine, theirs = getattr(result, key), ref.get(key)
            ratio = f"{mine / theirs:.3f}" if theirs else "-"
            t.add_row(label, f"{mine:,.1f}", f"{theirs:,.1f}" if theirs else "n/a", ratio)
        t.add_row("peak RSS (MiB)", f"{result.peak_rss_mib:.0f}", "(same process)", "")
        console.print(t)
        s = Table("stage", "seconds", "share", title="time per stage")
        total = sum(result.stage_seconds.values()) or 1.0
        for name, secs in result.stage_seconds.items():
            s.add_row(name, f"{secs:.3f}", f"{secs / total:.0%}")
        console.print(s)
