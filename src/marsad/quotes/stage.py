"""The ``quotes.rules.v1`` stage."""

from __future__ import annotations

from marsad.article import Article
from marsad.config import Settings
from marsad.pipeline import StageFn, StageSpec
from marsad.quotes.extract import extract_quotes

__all__ = ["QUOTES"]


def _quotes(_settings: Settings) -> StageFn:
    def run(article: Article) -> Article:
        return article.with_layer("quotes", extract_quotes(article))

    return run


QUOTES = StageSpec("quotes.rules.v1", requires=("sentences",), assigns=("quotes",), factory=_quotes)
