"""The ``relations.rules.v1`` stage (after quotes, to attribute each relation to its quote)."""

from __future__ import annotations

from marsad import layers
from marsad.article import Article
from marsad.article_index import INDEX_LAYERS, ArticleIndex
from marsad.config import Settings
from marsad.knowledge import Knowledge
from marsad.relations.extract import extract_relations
from marsad.stages import StageFn, StageSpec

__all__ = ["RELATIONS"]


def _relations(_settings: Settings, knowledge: Knowledge) -> StageFn:
    def run(article: Article) -> Article:
        return article.with_layer(layers.RELATIONS, extract_relations(article, idx=ArticleIndex.of(article, knowledge)))

    return run


#: reads the article index (:data:`INDEX_LAYERS`) and the quotes
RELATIONS = StageSpec("relations.rules.v1", requires=(*INDEX_LAYERS, "quotes"), assigns=("relations",),
                      factory=_relations)  # fmt: skip
