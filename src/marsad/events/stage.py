"""The ``events.rules.v1`` stage."""

from __future__ import annotations

from marsad.article import Article
from marsad.config import Settings
from marsad.events.extract import extract_events
from marsad.pipeline import StageFn, StageSpec

__all__ = ["EVENTS"]


def _events(settings: Settings) -> StageFn:
    floor = settings.events.min_confidence

    def run(article: Article) -> Article:
        return article.with_layer("events", [e for e in extract_events(article) if e.confidence >= floor])

    return run


EVENTS = StageSpec("events.rules.v1", requires=("sentences",), assigns=("events",), factory=_events)
