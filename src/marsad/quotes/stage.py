"""The ``quotes.rules.v1`` stage."""

from __future__ import annotations

from marsad import layers
from marsad.article import Article
from marsad.article_index import INDEX_LAYERS, ArticleIndex
from marsad.config import Settings
from marsad.knowledge import Knowledge
from marsad.quotes.extract import extract_quotes
from marsad.stages import StageFn, StageSpec

__all__ = ["QUOTES"]


def _quotes(_settings: Settings, knowledge: Knowledge) -> StageFn:
    def run(article: Article) -> Article:
        return article.with_layer(layers.QUOTES, extract_quotes(article, ArticleIndex.of(article, knowledge)))

    return run


#: reads the article index (:data:`INDEX_LAYERS`): speakers are entities, utterance times timexes
QUOTES = StageSpec("quotes.rules.v1", requires=INDEX_LAYERS, assigns=("quotes",), factory=_quotes)
