"""The per-article index the rule stages share."""

from __future__ import annotations

from marsad.article import Article
from marsad.article_index import ArticleIndex
from marsad.kb.refs import state_code


def test_named_states_are_the_state_codes_of_the_entities(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "أعلنت وزارة الداخلية المغربية أن الجيش الجزائري وقوات الاتحاد الأفريقي انتشرت قرب الحدود مع مالي."
    article = pipeline(Article.create(text))
    idx = ArticleIndex.build(article)
    expected = {c for c in (state_code(e) for e in idx.entities) if c}
    assert idx.named_states() == expected
    assert expected == {"MAR", "DZA", "MLI"}  # two state organs and a state; the African Union is no state
    assert idx.named_states() is idx.named_states()  # computed once
