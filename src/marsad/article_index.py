"""Per-article indexes shared by the rule stages: folded text, sentences, context cues, layers.

Built once per article (:meth:`ArticleIndex.of`; the quote, event and relation stages share it):
the folded text, the sentence spans with a bisect index, and every context-cue hit (families from
``data/context.tsv``: sport, disaster, denied, planned, attempted, threatened, negation,
background, weapon and target words …) bucketed per sentence, so the rules ask "is there a
*planned* cue in this sentence before offset x?" without rescanning text.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.article import Article, Span
from marsad.datafiles import read_tsv
from marsad.kb.refs import state_code
from marsad.knowledge import Knowledge
from marsad.layers import ACTOR_MENTIONS, ENTITIES, FOLDED, PLACES, SENTENCES, TIMEXES
from marsad.records import Entity, Place, TimeRef
from marsad.text.match import FoldedText, PhraseHit, PhraseMatcher
from marsad.text.sentences import split_sentences

__all__ = ["INDEX_LAYERS", "ArticleIndex", "CueHit", "context_matcher"]

#: The layers :meth:`ArticleIndex.build` reads: a stage that uses the index requires them.
INDEX_LAYERS: tuple[str, ...] = ("sentences", "folded", "entities", "actor_mentions", "places", "timexes")
_MEMO_KEY = "article_index.ArticleIndex"


@dataclass(frozen=True, slots=True)
class CueHit:
    start: int
    end: int
    family: str


@lru_cache(maxsize=1)
def context_matcher() -> PhraseMatcher[str]:
    """The automaton of all context-cue families (package data, loaded once)."""
    rows = [(r["phrase"], r["cls"], r["family"]) for r in read_tsv("marsad", "data/context.tsv")]
    return PhraseMatcher(rows)


@dataclass
class ArticleIndex:
    """Sentences, cue hits per sentence, and the entity/place/time layers in offset order."""

    article: Article
    ft: FoldedText
    sentences: list[Span]
    starts: list[int]
    cues: dict[int, list[CueHit]] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    timexes: list[TimeRef] = field(default_factory=list)
    family_counts: dict[str, int] = field(default_factory=dict)
    _states: frozenset[str] | None = field(default=None, repr=False)
    #: the pipeline's actor KB and gazetteer, for the rules that name a state or place a country
    knowledge: Knowledge = field(default_factory=Knowledge.packaged, repr=False)

    @classmethod
    def of(cls, article: Article, knowledge: Knowledge | None = None) -> ArticleIndex:
        """The index of ``article``, built once: kept in the article's memo (shared with the articles
        :meth:`Article.with_layer` makes from it) and reused while the text and every layer of
        :data:`INDEX_LAYERS` are the very same objects (a stage that sets one of them again gets a new
        index). The index handed out refers to ``article`` itself (``idx.article.layer(QUOTES)``);
        ``knowledge``: the pipeline's (default: the packaged KB and gazetteer)."""
        knowledge = knowledge or Knowledge.packaged()
        inputs = (article.text, *(article.layers.get(name) for name in INDEX_LAYERS))
        memo = article.memo()
        kept = memo.get(_MEMO_KEY)
        if (kept is not None and kept[1].knowledge is knowledge
                and all(a is b for a, b in zip(kept[0], inputs, strict=True))):  # fmt: skip
            idx: ArticleIndex = kept[1]
            return idx if idx.article is article else dataclasses.replace(idx, article=article)
        idx = cls.build(article, knowledge=knowledge)
        memo[_MEMO_KEY] = (inputs, idx)
        return idx

    @classmethod
    def build(cls, article: Article, ft: FoldedText | None = None, knowledge: Knowledge | None = None) -> ArticleIndex:
        shared = article.layer(FOLDED)
        ft = ft or (shared[0] if shared else FoldedText.of(article.text))
        sentences = list(article.layer(SENTENCES)) or split_sentences(article.text)
        idx = cls(article, ft, sentences, [s.start for s in sentences], knowledge=knowledge or Knowledge.packaged())
        buckets: dict[int, list[CueHit]] = defaultdict(list)
        counts: dict[str, int] = defaultdict(int)
        for hit in context_matcher().find(ft, longest=False):
            buckets[idx.sentence_of(hit.start)].append(CueHit(hit.start, hit.end, hit.entry))
            counts[hit.entry] += 1
        idx.cues = dict(buckets)
        idx.family_counts = dict(counts)
        idx.entities = sorted([*article.layer(ENTITIES), *article.layer(ACTOR_MENTIONS)], key=lambda e: e.start)
        idx.places = sorted((p for p in article.layer(PLACES) if p.start is not None and p.precision != "unresolved"),
                            key=lambda p: p.start or 0)  # an unresolved place cannot place an event
        idx.timexes = sorted((t for t in article.layer(TIMEXES) if t.start is not None), key=lambda t: t.start or 0)
        return idx

    def named_states(self) -> frozenset[str]:
        """The ISO codes the entities stand for as states or state organs (:func:`state_code`), once."""
        if self._states is None:
            self._states = frozenset(c for c in map(state_code, self.entities) if c)
        return self._states

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (the previous one when between sentences)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def sentence(self, i: int) -> Span:
        if not self.sentences:
            return Span(0, len(self.article.text))
        return self.sentences[i]

    def cues_in(self, sent: int, family: str, lo: int | None = None, hi: int | None = None) -> list[CueHit]:
        """Cue hits of ``family`` in sentence ``sent``, optionally within ``[lo, hi)``."""
        out = []
        for c in self.cues.get(sent, ()):
            if c.family != family:
                continue
            if lo is not None and c.start < lo:
                continue
            if hi is not None and c.end > hi:
                continue
            out.append(c)
        return out

    def has(self, sent: int, family: str, lo: int | None = None, hi: int | None = None) -> bool:
        return bool(self.cues_in(sent, family, lo, hi))

    def entities_in(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if e.start >= start and e.end <= end]

    def places_in(self, start: int, end: int) -> list[Place]:
        return [p for p in self.places if (p.start or 0) >= start and (p.end or 0) <= end]

    def timexes_in(self, start: int, end: int) -> list[TimeRef]:
        return [t for t in self.timexes if (t.start or 0) >= start and (t.end or 0) <= end]


def hits_by_sentence(idx: ArticleIndex, hits: list[PhraseHit[object]]) -> dict[int, list[PhraseHit[object]]]:
    out: dict[int, list[PhraseHit[object]]] = defaultdict(list)
    for h in hits:
        out[idx.sentence_of(h.start)].append(h)
    return dict(out)
