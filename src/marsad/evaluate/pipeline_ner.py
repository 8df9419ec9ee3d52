"""The pipeline's named entities (knowledge base, model and their fusion) as a CoNLL tagger.

``marsad eval ner --conll FILE --pipeline`` scores what ``marsad analyze`` outputs as entities, in
the same conlleval convention as the model alone: each sentence of the file is analysed as an
article of its own (sentence level, so the numbers compare with published ones), by the
configured stages up to ``ner.model.v1``. marsad's labels map back to the corpus scheme: PER → PER,
ORG → ORG, GPE/LOC/FAC → LOC (ANERcorp and AQMAR have one place label); MISC is never predicted.
An entity tags every corpus token it overlaps, so a name with a proclitic left out of its span
(«وموريتانيا» → «موريتانيا») tags the whole token, as the corpora do.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.analyze import make_article
from marsad.inputs import ArticleInput
from marsad.layers import ENTITIES
from marsad.pipeline import Pipeline

__all__ = ["TO_CORPUS", "PipelineTagger"]

#: marsad entity label → the CoNLL corpora's label
TO_CORPUS = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_LAST_STAGE = "ner.model.v1"


class PipelineTagger:
    """Tags sentences of surface tokens with the entities the pipeline finds (see the module doc)."""

    def __init__(self, pipeline: Pipeline, last_stage: str = _LAST_STAGE) -> None:
        self._pipeline = pipeline.upto(last_stage)

    def tag_batch(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        settings = self._pipeline.settings
        articles = [make_article(ArticleInput(text=" ".join(toks), origin="conll"), settings) for toks in sents]
        out: list[list[str]] = []
        for toks, article in zip(sents, self._pipeline.pipe(articles), strict=True):
            spans = _token_spans(article.text, toks)
            tags = ["O"] * len(toks)
            for e in sorted(article.layer(ENTITIES), key=lambda e: (e.start, -e.end)):
                label = TO_CORPUS.get(e.label)
                hit = [i for i, sp in enumerate(spans) if sp is not None and sp[0] < e.end and e.start < sp[1]]
                if label is None or not hit or any(tags[i] != "O" for i in hit):
                    continue
                tags[hit[0]] = f"B-{label}"
                for i in hit[1:]:
                    tags[i] = f"I-{label}"
            out.append(tags)
        return out


def _token_spans(text: str, toks: Sequence[str]) -> list[tuple[int, int] | None]:
    """Each token's (start, end) in ``text``, found left to right; None for a token the article's
    clean-up changed (it then takes no tag)."""
    spans: list[tuple[int, int] | None] = []
    pos, lost = 0, False
    for tok in toks:
        at = text.find(tok, pos)
        if at == -1 or (text[pos:at].strip() and not lost):  # after a lost token the gap holds its remains
            spans.append(None)
            lost = True
            continue
        spans.append((at, at + len(tok)))
        pos, lost = at + len(tok), False
    return spans
