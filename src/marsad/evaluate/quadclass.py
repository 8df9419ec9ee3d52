"""``marsad eval quadclass``: the event model's PLOVER QuadClass head on labelled sentences.

The file is ``plover_quadclass_ar``'s (``ar_quad.tsv``: a quoted sentence and its label, 0 none,
1 material conflict, 2 material cooperation, 3 verbal conflict, 4 verbal cooperation), with its fixed
split (``split.tsv``: row, part). Each sentence is analysed up to the events stage, as at training,
and the head's most probable class is compared with the label: five-class macro F1, and relevance
F1 (any event, 1–4, against none).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.analyze import make_article
from marsad.article_index import ArticleIndex
from marsad.events.features import text_features
from marsad.events.learned import EventModel
from marsad.inputs import ArticleInput
from marsad.pipeline import Pipeline

__all__ = ["QuadReport", "evaluate_quadclass", "f1_scores"]

LABELS = ("0", "1", "2", "3", "4")


@dataclass(frozen=True)
class QuadReport:
    n: int
    macro_f1: float
    relevance_f1: float
    per_class: dict[str, float]

    def to_dict(self) -> dict[str, object]:
        return {"sentences": self.n, "macro_f1": round(self.macro_f1, 4), "relevance_f1": round(self.relevance_f1, 4),
                "per_class_f1": {k: round(v, 4) for k, v in self.per_class.items()}}  # fmt: skip


def _f1(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    n_pred, n_gold = sum(pred), sum(gold)
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def f1_scores(gold: Sequence[str], pred: Sequence[str]) -> QuadReport:
    """Per-class F1, their macro average, and relevance F1 (0 against the rest)."""
    per = {c: _f1([g == c for g in gold], [p == c for p in pred]) for c in LABELS}
    rel = _f1([g != "0" for g in gold], [p != "0" for p in pred])
    return QuadReport(len(gold), sum(per.values()) / len(per), rel, per)


def read_quad(tsv: Path, split: Path | None, part: str) -> list[tuple[str, str]]:
    """(sentence, label) rows of ``part`` (every row when there is no split file)."""
    with tsv.open(encoding="utf-8", newline="") as fh:
        rows = [(r[0], r[1]) for r in list(csv.reader(fh, delimiter="\t"))[1:] if len(r) >= 2]
    if split is None:
        return rows
    with split.open(encoding="utf-8", newline="") as fh:
        parts = {int(r[0]): r[1] for r in list(csv.reader(fh, delimiter="\t"))[1:] if len(r) >= 2}
    return [row for i, row in enumerate(rows) if parts.get(i) == part]


def evaluate_quadclass(pipeline: Pipeline, model: EventModel, rows: Sequence[tuple[str, str]]) -> QuadReport:
    upto = pipeline.upto("quotes.rules.v1")
    items = (make_article(ArticleInput(text=t, origin=f"quad:{i}"), pipeline.settings) for i, (t, _) in enumerate(rows))
    pred = []
    for article in upto.pipe(items):
        probs = model.quad(text_features(ArticleIndex.build(article), model.featurizer))
        pred.append(model.heads["quad"].labels[int(probs.argmax())])
    return f1_scores([label for _, label in rows], pred)
