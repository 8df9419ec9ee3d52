"""`marsad eval`: load gold, obtain predictions (given, or by analysing the gold texts), score."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.analyze import analyze
from marsad.evaluate.agreement import gold_as_record, is_gold_line
from marsad.evaluate.gold import EvalReport, score_documents
from marsad.inputs import ArticleInput, InputFailure, read_path
from marsad.pipeline import Pipeline

__all__ = ["evaluate_gold", "gold_inputs", "load_jsonl"]


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every JSON object of a JSONL file (blank lines skipped)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _doc_text(doc: dict[str, Any], corpus_dir: Path | None) -> str | None:
    if doc.get("text"):
        return str(doc["text"])
    if corpus_dir is None:
        return None
    for suffix in (".txt", ".json"):
        candidate = corpus_dir / f"{doc['id']}{suffix}"
        if candidate.exists():
            raw = candidate.read_text("utf-8")
            return str(json.loads(raw).get("text")) if suffix == ".json" else raw
    return None


def gold_inputs(golds: list[dict[str, Any]], corpus_dir: Path | None = None) -> Iterator[ArticleInput | InputFailure]:
    """The gold documents as analysis inputs (text from the line, or from ``corpus_dir``)."""
    for gold in golds:
        doc = gold["doc"]
        text = _doc_text(doc, corpus_dir)
        origin = f"gold:{doc.get('id')}"
        if text is None:
            yield InputFailure(origin, "E006", "gold document has no text and none was found in --corpus-dir")
            continue
        yield ArticleInput(text=text, origin=origin, id=str(doc.get("id")), published=doc.get("published"),
                           title=doc.get("title"), url=doc.get("url"))  # fmt: skip


def evaluate_gold(gold_path: Path, pipeline: Pipeline | None = None, pred_path: Path | None = None,
                  corpus_dir: Path | None = None, published: dt.date | None = None,
                  only_predicted: bool = False) -> EvalReport:  # fmt: skip
    """Score ``pred_path`` (records) or a fresh analysis of the gold texts against the gold."""
    golds = load_jsonl(gold_path)
    if pred_path is not None:
        preds = [r for p in _pred_files(pred_path) for r in _records_of(p, pipeline, published)]
    else:
        preds = list(analyze(gold_inputs(golds, corpus_dir), pipeline or Pipeline.build()))
    return score_documents(golds, preds, only_predicted)


def _pred_files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def _records_of(path: Path, pipeline: Pipeline | None, published: dt.date | None) -> list[dict[str, Any]]:
    """Records from a JSONL of analysis records, or analyse a text file on the fly."""
    if path.suffix in (".jsonl", ".json", ".ndjson"):
        rows = load_jsonl(path)
        if rows and is_gold_line(rows[0]):  # a second annotation pass: agreement
            return [gold_as_record(r) for r in rows]
        if rows and "entities" in rows[0]:
            return rows
    return list(analyze(read_path(path), pipeline or Pipeline.build(), published))
