"""`marsad eval`: score against gold (the annotation guide's rules), or `marsad eval ner --conll FILE`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli.common import build_pipeline, fail, parse_cli_date
from marsad.evaluate.gold import EvalReport

if TYPE_CHECKING:
    from marsad.evaluate.conll import NerReport
    from marsad.evaluate.quadclass import QuadReport
    from marsad.pipeline import Pipeline

__all__ = ["eval_gold", "eval_ner", "eval_quadclass", "register"]


def _print_report(report: EvalReport, console: Console) -> None:
    t = Table("layer", "P", "R", "F1", "tp", "pred", "gold", title="marsad eval: micro-averaged")
    for name, sc in report.layers.items():
        t.add_row(name, f"{sc.precision:.3f}", f"{sc.recall:.3f}", f"{sc.f1:.3f}", str(sc.tp),
                  str(sc.n_pred), str(sc.n_gold))  # fmt: skip
    console.print(t)
    a = Table("attribute (matched events)", "accuracy", "n")
    for name, acc in report.attrs.items():
        a.add_row(name, f"{acc.value:.3f}", str(acc.total))
    a.add_row("entity linking coverage", f"{report.linked.value:.3f}", str(report.linked.total))
    console.print(a)
    if report.missing:
        console.print(f"[yellow]no prediction for {len(report.missing)} gold document(s)"
                      " (scored as empty unless --only-predicted)[/]")  # fmt: skip


def eval_gold(gold: str, pred: Path | None = None, corpus_dir: Path | None = None, published: str | None = None,
              config: Path | None = None, only_predicted: bool = False) -> EvalReport:  # fmt: skip
    """Score ``pred`` (records or text files), or a fresh analysis of the gold texts, against the gold JSONL."""
    gold_path = Path(gold)
    if not gold_path.is_file():
        raise fail(f"no such gold file: {gold}")
    # start-up time: each command imports what it runs
    from marsad.evaluate.run import evaluate_gold

    pipeline = build_pipeline(config)
    return evaluate_gold(gold_path, pipeline, pred, corpus_dir, parse_cli_date(published), only_predicted)


def eval_quadclass(tsv: Path | None, split: Path | None, part: str, config: Path | None) -> QuadReport:
    """Score the event model's QuadClass head on the labelled sentences of ``part``."""
    if tsv is None or not tsv.is_file():
        raise fail("marsad eval quadclass needs --tsv FILE (plover_quadclass_ar's ar_quad.tsv)")
    # start-up time: each command imports what it runs
    from marsad.evaluate.quadclass import evaluate_quadclass, read_quad
    from marsad.events.learned import load_event_model

    pipeline = build_pipeline(config)
    rows = read_quad(tsv, split, part)
    if not rows:
        raise fail(f"no sentence in part {part!r} of {tsv}")
    model = load_event_model(pipeline.settings.events.model_path)
    if "quad" not in model.heads:
        raise fail("this event model has no QuadClass head (trained with --no-quad)")
    return evaluate_quadclass(pipeline, model, rows)


def _print_quad(report: QuadReport, part: str, console: Console) -> None:
    t = Table("class", "F1", title=f"QuadClass head, {report.n} sentences ({part})")
    names = ("none", "material conflict", "material cooperation", "verbal conflict", "verbal cooperation")
    for (label, f1), name in zip(report.per_class.items(), names, strict=True):
        t.add_row(f"{label} {name}", f"{f1:.3f}")
    t.add_row("macro", f"{report.macro_f1:.3f}")
    t.add_row("relevance (1–4 vs 0)", f"{report.relevance_f1:.3f}")
    console.print(t)


def eval_ner(conll: Path | None, pipeline: Pipeline | None = None) -> NerReport:
    """Entity-level scores of the NER model, or of the pipeline's entities, on a CoNLL file."""
    if conll is None or not conll.is_file():
        raise fail("marsad eval ner needs --conll FILE (an existing CoNLL/IOB file)")
    try:
        # start-up time: each command imports what it runs
        from marsad.evaluate.conll import Tagger, evaluate_ner
        from marsad.ner.model import load_model
    except ImportError as exc:
        raise fail(f"the NER model is not available: {exc}") from None
    tagger: Tagger
    if pipeline is None:
        tagger = load_model()
    else:
        # start-up time: each command imports what it runs
        from marsad.evaluate.pipeline_ner import PipelineTagger

        tagger = PipelineTagger(pipeline)
    return evaluate_ner(tagger, conll)


def _print_ner(report: NerReport, conll: Path, of_pipeline: bool, console: Console) -> None:
    what = "pipeline entities" if of_pipeline else "NER model"
    t = Table("label", "P", "R", "F1", "support", title=f"{what}, entity-level exact match: {conll.name}")
    for label, row in sorted(report.per_label.items()):
        t.add_row(label, f"{row.precision:.3f}", f"{row.recall:.3f}", f"{row.f1:.3f}", str(row.support))
    m = report.micro
    t.add_row("micro", f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}", str(m.support))
    console.print(t)
    console.print(f"{report.n_tokens:,} tokens, {report.tokens_per_s:,.0f} tokens/s")


def eval_cmd(
    gold: Annotated[str, typer.Argument(help="gold JSONL, 'ner' with --conll, or 'quadclass' with --tsv")],
    pred: Annotated[Path | None, typer.Option(help="records (JSONL) or text files to score instead of "
                                                      "analysing the gold texts")] = None,
    corpus_dir: Annotated[Path | None, typer.Option(help="where gold documents without text are")] = None,
    conll: Annotated[Path | None, typer.Option(help="CoNLL/IOB file for 'marsad eval ner'")] = None,
    tsv: Annotated[Path | None, typer.Option(help="'marsad eval quadclass': labelled sentences")] = None,
    split: Annotated[Path | None, typer.Option(help="'marsad eval quadclass': the split file (split.tsv)")] = None,
    part: Annotated[str, typer.Option(help="'marsad eval quadclass': the part of the split to score")] = "test",
    pipeline_ner: Annotated[bool, typer.Option("--pipeline", help="'marsad eval ner': score the pipeline's "
                                               "entities (knowledge base + model), not the model alone")] = False,
    published: Annotated[str | None, typer.Option(help="publication date for plain --pred files")] = None,
    config: Annotated[Path | None, typer.Option(help="a TOML file overriding the defaults")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of tables")] = False,
    only_predicted: Annotated[bool, typer.Option(help="score only the gold documents --pred covers")] = False,
) -> None:
    """Score marsad against gold: per-layer P/R/F1 and event attribute accuracy."""
    console = Console()
    if gold == "ner":
        pipeline = build_pipeline(config) if pipeline_ner else None
        ner = eval_ner(conll, pipeline)
        if as_json:
            console.print_json(json.dumps(ner.to_dict(), ensure_ascii=False))
        else:
            _print_ner(ner, cast(Path, conll), pipeline is not None, console)  # eval_ner exits without --conll
        return
    if gold == "quadclass":
        quad = eval_quadclass(tsv, split, part, config)
        if as_json:
            console.print_json(json.dumps(quad.to_dict()))
        else:
            _print_quad(quad, part, console)
        return
    report = eval_gold(gold, pred, corpus_dir, published, config, only_predicted)
    if as_json:
        console.print_json(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        _print_report(report, console)


def register(app: typer.Typer) -> None:
    """Add `eval` to ``app``."""
    app.command("eval")(eval_cmd)
