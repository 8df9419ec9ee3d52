"""The article index is built once per article and shared by the quote, event and relation stages."""

from __future__ import annotations

from marsad.article import Article, Span
from marsad.article_index import ArticleIndex

TEXT = "قال وزير الداخلية إن الشرطة اعتقلت ثلاثة أشخاص في الرباط. وأضاف أن التحقيق مستمر."


def _article() -> Article:
    return Article.create(TEXT, id="a").with_layer("sentences", [Span(0, 56), Span(57, len(TEXT))])


def test_the_index_is_reused_while_its_layers_stay_the_same() -> None:
    a = _article()
    idx = ArticleIndex.of(a)
    assert ArticleIndex.of(a) is idx
    b = a.with_layer("quotes", [])  # a layer the index does not read
    shared = ArticleIndex.of(b)
    assert shared.article is b  # the index reads the article it is asked for (its quotes)
    assert shared.cues is idx.cues and shared.sentences is idx.sentences


def test_the_index_is_rebuilt_when_a_layer_it_reads_changes() -> None:
    a = _article()
    idx = ArticleIndex.of(a)
    b = a.with_layer("sentences", [Span(0, len(TEXT))])
    assert ArticleIndex.of(b) is not idx
    assert ArticleIndex.of(b).sentences == [Span(0, len(TEXT))]
    assert ArticleIndex.of(a).sentences == list(a.layer("sentences"))  # the old article's index again


def test_the_memo_is_neither_compared_nor_shown() -> None:
    a = _article()
    ArticleIndex.of(a)
    assert a == _article() and a.memo() and not _article().memo()
    assert "memo" not in repr(a)
