"""The ``events.rules.v1`` stage."""

from __future__ import annotations

from marsad import layers
from marsad.article import Article
from marsad.article_index import INDEX_LAYERS, ArticleIndex
from marsad.config import Settings
from marsad.events.extract import extract_events
from marsad.events.learned import load_event_model
from marsad.knowledge import Knowledge
from marsad.stages import StageFn, StageSpec

__all__ = ["EVENTS"]


def _events(settings: Settings, knowledge: Knowledge) -> StageFn:
    floor = settings.events.min_confidence
    detector = settings.events.detector
    model = None if detector == "rules" else load_event_model(settings.events.model_path)

    def run(article: Article) -> Article:
        events = extract_events(article, ArticleIndex.of(article, knowledge), model=model, detector=detector)
        return article.with_layer(layers.EVENTS, [e for e in events if e.confidence >= floor])

    return run


#: reads the article index (:data:`INDEX_LAYERS`) and the quotes (the time of a statement is the
#: day its quote was uttered; a quote's speaker is the actor of what it states)
EVENTS = StageSpec("events.rules.v1", requires=(*INDEX_LAYERS, "quotes"), assigns=("events",), factory=_events)
