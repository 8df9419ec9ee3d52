"""Training examples for the event model, read off annotated articles analysed by marsad's own stages.

Each gold line is analysed by the pipeline up to the stage before events (tokens, sentences,
entities, places, times), so the features (:mod:`marsad.events.features`) are those the model will
see at run time. Each gold event is placed by its ``trigger`` (or, in gold without one, the first
word of its evidence) in a sentence and a word.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.analyze import make_article
from marsad.article_index import ArticleIndex
from marsad.config import load_settings
from marsad.evaluate.gold import locate
from marsad.evaluate.run import gold_inputs
from marsad.events.features import Featurizer, SentenceView, sentence_views
from marsad.inputs import ArticleInput
from marsad.pipeline import Pipeline

STAGE_BEFORE_EVENTS = "quotes.rules.v1"


@dataclass
class GoldEvent:
    type: str
    mode: str | None
    acled: str | None
    status: str
    word: int  # index of the trigger word in its sentence
    start: int = 0  # source span of the trigger word
    end: int = 0
    actor: str | None = None
    recipient: str | None = None


@dataclass
class Doc:
    """One analysed article: its sentence views, and the gold events of each sentence."""

    id: str
    corpus: str
    views: list[SentenceView]
    events: dict[int, list[GoldEvent]] = field(default_factory=dict)
    idx: ArticleIndex | None = None
    lost: int = 0  # gold events whose evidence could not be found in the cleaned text


def _place(idx: ArticleIndex, views: Sequence[SentenceView], ev: dict[str, Any]) -> tuple[int, int] | None:
    """(sentence, word) of a gold event: its trigger inside its evidence, else the evidence's start."""
    text = idx.article.text
    spans = locate(text, ev.get("evidence") or "")
    if not spans:
        return None
    start, end = spans[0]
    trig = ev.get("trigger")
    pos = start
    if trig:
        inside = [s for s, e in locate(text, trig) if start <= s < end] or [s for s, _ in locate(text, trig)]
        if inside:
            pos = min(inside, key=lambda s: abs(s - start))
    sent = idx.sentence_of(pos)
    folded = idx.ft.folded_offset(pos)
    toks = views[sent].tokens
    if not toks:
        return None
    word = next((k for k, t in enumerate(toks) if t.end > folded), len(toks) - 1)
    return sent, word


def rules_pipeline() -> Pipeline:
    """The pipeline with the lexicon as its event detector (training needs no trained model)."""
    settings = load_settings()
    events = settings.events.model_copy(update={"detector": "rules"})
    return Pipeline.build(settings.model_copy(update={"events": events}))


def build_docs(golds: Sequence[dict[str, Any]], fz: Featurizer, pipeline: Pipeline | None = None) -> Iterator[Doc]:
    """Analyse each gold article up to the events stage and attach its gold events to sentences."""
    pipe = (pipeline or rules_pipeline()).upto(STAGE_BEFORE_EVENTS)
    settings = pipe.settings
    for gold, item in zip(golds, gold_inputs(list(golds)), strict=True):
        if not isinstance(item, ArticleInput):
            print(f"skipped {gold['doc'].get('id')}: no text", file=sys.stderr)
            continue
        article = pipe(make_article(item, settings))
        idx = ArticleIndex.build(article)
        views = sentence_views(idx, fz)
        doc = Doc(str(gold["doc"]["id"]), str(gold["doc"].get("corpus")), views, idx=idx)
        for ev in gold.get("events", []):
            where = _place(idx, views, ev)
            if where is None:
                doc.lost += 1
                continue
            sent, word = where
            tok = views[sent].tokens[word]
            start, end = idx.ft.source(tok.start, tok.end)
            doc.events.setdefault(sent, []).append(
                GoldEvent(ev["type"], ev.get("mode"), ev.get("acled"), ev.get("status", "occurred"), word,
                          start, end, ev.get("actor"), ev.get("recipient")))
        yield doc


def read_gold(paths: Sequence[Path]) -> list[dict[str, Any]]:
    import json

    return [json.loads(line) for p in paths for line in p.read_text("utf-8").splitlines() if line.strip()]
