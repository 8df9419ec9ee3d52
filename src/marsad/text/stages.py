"""Pipeline stages of the text layer: surface tokens and sentences."""

from __future__ import annotations

from marsad import layers
from marsad.article import Article
from marsad.config import Settings
from marsad.knowledge import Knowledge
from marsad.stages import StageFn, StageSpec
from marsad.text.sentences import split_sentences
from marsad.text.tokens import tokenize

__all__ = ["SENTENCES", "TOKENS"]


def _tokens(_settings: Settings, _knowledge: Knowledge) -> StageFn:
    def run(article: Article) -> Article:
        return article.with_layer(layers.TOKENS, tokenize(article.text))

    return run


def _sentences(_settings: Settings, _knowledge: Knowledge) -> StageFn:
    def run(article: Article) -> Article:
        return article.with_layer(layers.SENTENCES, split_sentences(article.text))

    return run


TOKENS = StageSpec("text.tokens.v1", requires=(), assigns=("tokens",), factory=_tokens)
SENTENCES = StageSpec("text.sentences.v1", requires=(), assigns=("sentences",), factory=_sentences)
