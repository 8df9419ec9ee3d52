"""The ``relations.rules.v1`` stage (after quotes, to attribute each relation to its quote, and after events:
an event between two states states their relation too)."""

from __future__ import annotations

from marsad.article import Article
from marsad.config import Settings
from marsad.pipeline import StageFn, StageSpec
from marsad.relations.extract import extract_relations

__all__ = ["RELATIONS"]


def _relations(settings: Settings) -> StageFn:
    # the lexicon's actors take a topic country for a party («المباحثات تناولت الأزمة الليبية»): only the
    # learned roles are trusted to say that an event is between two states
    from_events = settings.events.detector != "rules"

    def run(article: Article) -> Article:
        return article.with_layer("relations", extract_relations(article, from_events=from_events))

    return run


RELATIONS = StageSpec("relations.rules.v1", requires=("sentences", "entities", "quotes", "events"),
                      assigns=("relations",),
                      factory=_relations)  # fmt: skip
