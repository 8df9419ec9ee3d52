"""Features of sentences and tokens for marsad's learned event model (:mod:`marsad.events.learned`).

The same functions serve training (``training/events/train.py``) and analysis, so a model sees at
run time exactly the features it was trained on. Everything is read off the folded text
(:func:`marsad.text.fold`) of one sentence and the layers the rule stages already built:

- per token: the folded word (``w:``), its clitic-stripped stem (``s:``), the stem's first three
  and four letters (``p3:``, ``p4:``, a crude root that joins «اعتقل»، «اعتقال»، «معتقلين»), and the
  word-vector clusters of the word (``c:`` at 256 and 1,024 clusters, k-means over word2vec
  trained on SaudiNewsNet: what lets «طيحات» share weight with «اعتقلت» without a lexicon entry);
- per sentence: the bag of those (stem bigrams were tried: no gain), the trigger lexicon's hits (``L:TYPE``,
  ``LM:TYPE/mode``, weak ones ``LW:TYPE``), context-cue families (``Q:planned``, ``Q:negation``,
  ``Q:sport`` …), the kinds of entity present (``E:state``, ``E:group``, ``E:PER`` …), and whether it
  is a headline or a quotation;
- per token, for finding the trigger: its own features, the lexicon type it is part of, and its
  neighbours' stems.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from marsad.article_index import ArticleIndex
from marsad.events.lexicon import Trigger, trigger_matcher
from marsad.kb.refs import is_group, state_code
from marsad.text.match import PhraseHit
from marsad.text.tokens import strip_proclitics as stem

__all__ = ["Featurizer", "SentenceView", "Tok", "sentence_views", "stem", "text_features", "token_features"]

_WORD = re.compile(r"[^\W_]+")
#: Clusters: folded word → (id among 256, id among 1,024).
Clusters = Mapping[str, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Tok:
    """A word of a sentence: folded span, folded form and stem."""

    start: int  # folded offsets (FoldedText.norm)
    end: int
    w: str
    s: str


@dataclass(frozen=True)
class SentenceView:
    """One sentence ready for the model: its folded words (with their folded spans), the features that
    are not one word's own (lexicon, cues, entities, headline, quotation), and the lexicon's hits.
    :attr:`tokens`, :attr:`lex` and :attr:`feats` (the whole bag) are built when a head asks: most
    sentences only need their words scored."""

    sent: int
    words: tuple[str, ...]
    extra: tuple[str, ...]
    hits: tuple[tuple[int, str], ...]  # (folded start, type) of each lexicon hit in the sentence
    fz: Featurizer = field(repr=False, compare=False)
    span: tuple[int, int] = (0, 0)  # the sentence's folded span
    norm: str = field(default="", repr=False, compare=False)  # the article's folded text

    @cached_property
    def tokens(self) -> tuple[Tok, ...]:
        lo, hi = self.span
        return tuple(Tok(m.start(), m.end(), m.group(), self.fz.word(m.group())[0])
                     for m in _WORD.finditer(self.norm, lo, hi))  # fmt: skip

    @cached_property
    def lex(self) -> tuple[str | None, ...]:
        """The trigger-lexicon type each word is part of, else None."""
        out: list[str | None] = [None] * len(self.tokens)
        for fs, typ in self.hits:
            for k, t in enumerate(self.tokens):
                if t.start <= fs < t.end:
                    out[k] = typ
        return tuple(out)

    @cached_property
    def feats(self) -> tuple[str, ...]:
        """Every feature of the sentence: its words' own and the others."""
        out = set(self.extra)
        for w in self.words:
            out.update(self.fz.word(w)[1])
        return tuple(out)


class Featurizer:
    """The cluster table, and a cache of each folded word's stem and features (news repeats its words:
    the cache saves most of the string work)."""

    MAX_WORDS = 200_000  # cached words at most (a long-running server does not grow without bound)

    def __init__(self, clusters: Clusters):
        self.clusters = clusters
        self._cache: dict[str, tuple[str, tuple[str, ...]]] = {}

    def word(self, w: str) -> tuple[str, tuple[str, ...]]:
        """(stem, features) of a folded word."""
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        s = stem(w)
        out = [f"w:{w}", f"s:{s}"]
        if len(s) >= 4:
            out.append(f"p4:{s[:4]}")
        if len(s) >= 3:
            out.append(f"p3:{s[:3]}")
        c = self.clusters.get(w) or self.clusters.get(s)
        if c is not None:
            out += [f"c256:{c[0]}", f"c1k:{c[1]}"]
        if len(self._cache) >= self.MAX_WORDS:
            self._cache.clear()
        self._cache[w] = hit = (s, tuple(out))
        return hit


def token_features(view: SentenceView, i: int, fz: Featurizer) -> list[str]:
    """Features of word ``i`` of a sentence, to tell which word names an event."""
    t = view.tokens[i]
    out = list(fz.word(t.w)[1])
    if view.lex[i]:
        out.append(f"L:{view.lex[i]}")
    out.append(f"ps:{view.tokens[i - 1].s}" if i > 0 else "ps:<s>")
    out.append(f"ns:{view.tokens[i + 1].s}" if i + 1 < len(view.tokens) else "ns:</s>")
    out.append(f"al:{t.w.startswith('ال') or t.w.startswith('وال')}")
    return out


def sentence_views(idx: ArticleIndex, fz: Featurizer) -> list[SentenceView]:
    """A :class:`SentenceView` for every sentence of the indexed article."""
    ft = idx.ft
    norm = ft.norm
    hits_by_sent: dict[int, list[PhraseHit[Trigger]]] = {}
    for h in trigger_matcher().find(ft):
        if "skip" not in h.entry.flags:
            hits_by_sent.setdefault(idx.sentence_of(h.start), []).append(h)
    ent_kinds = _entity_kinds(idx)
    views = []
    for i, s in enumerate(idx.sentences):
        lo, hi = ft.folded_offset(s.start), ft.folded_offset(s.end)
        words = tuple(_WORD.findall(norm, lo, hi))
        extra: set[str] = set()
        hits = []
        for h in hits_by_sent.get(i, ()):
            typ = h.entry.type
            extra.add(f"LW:{typ}" if "weak" in h.entry.flags else f"L:{typ}")
            if h.entry.mode:
                extra.add(f"LM:{typ}/{h.entry.mode}")
            hits.append((ft.folded_offset(h.start), typ))
        extra.update(f"Q:{c.family}" for c in idx.cues.get(i, ()))
        extra.update(ent_kinds.get(i, ()))
        text = idx.article.text[s.start : s.end]
        if i == 0 and len(words) <= 14 and text[-1:] not in ".!؟?»":
            extra.add("H")
        if text.lstrip()[:1] in "«\"“":
            extra.add("QT")
        views.append(SentenceView(i, words, tuple(extra), tuple(hits), fz, (lo, hi), norm))
    return views


def text_features(idx: ArticleIndex, fz: Featurizer) -> list[str]:
    """The features of a whole short text (all its sentences together): what the QuadClass head reads."""
    return sorted({f for v in sentence_views(idx, fz) for f in v.feats})


def _entity_kinds(idx: ArticleIndex) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for e in idx.entities:
        kind = "state" if state_code(e) else "group" if is_group(e) else e.label
        out.setdefault(idx.sentence_of(e.start), set()).add(f"E:{kind}")
    return out
