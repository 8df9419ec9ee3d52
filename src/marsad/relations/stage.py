"""The ``relations.rules.v1`` stage (after quotes, to attribute each relation to its quote)."""

from __future__ import annotations

from marsad.article import Article
from marsad.config import Settings
from marsad.pipeline import StageFn, StageSpec
from marsad.relations.extract import extract_relations

__all__ = ["RELATIONS"]


def _relations(_settings: Settings) -> StageFn:
    def run(article: Article) -> Article:
        return article.with_layer("relations", extract_relations(article))

    return run


RELATIONS = StageSpec("relations.rules.v1", requires=("sentences", "entities", "quotes"), assigns=("relations",),
                      factory=_relations)  # fmt: skip
