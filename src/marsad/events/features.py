"""Features of sentences and tokens for marsad's learned event model (:mod:`marsad.events.learned`).

The same functions serve training (``training/events/train.py``) and analysis, so a model sees at
run time exactly the features it was trained on. Everything is read off the folded text
(:func:`marsad.text.fold`) of one sentence and the layers the rule stages already built:

- per token: the folded word (``w:``), its clitic-stripped stem (``s:``), the stem's first three
  and four letters (``p3:``, ``p4:``, a crude root that joins «اعتقل»، «اعتقال»، «معتقلين»), and the
  word-vector clusters of the word (``c:`` at 256 and 1,024 clusters, k-means over word2vec
  trained on SaudiNewsNet: what lets «طيحات» share weight with «اعتقلت» without a lexicon entry);
- per sentence: the bag of those, stem bigrams (``b:``), the trigger lexicon's hits (``L:TYPE``,
  ``LM:TYPE/mode``, weak ones ``LW:TYPE``), context-cue families (``Q:planned``, ``Q:negation``,
  ``Q:sport`` …), the kinds of entity present (``E:state``, ``E:group``, ``E:PER`` …), and whether it
  is a headline or a quotation;
- per token, for finding the trigger: its own features, the lexicon type it is part of, and its
  neighbours' stems.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from marsad.events.lexicon import trigger_matcher
from marsad.rules.actors import is_group, state_code
from marsad.rules.context import ArticleIndex

__all__ = ["SentenceView", "Tok", "sentence_views", "stem", "token_features"]

_WORD = re.compile(r"[^\W_]+")
#: Proclitic clusters, longest first (conjunction + preposition + article; the future «س» is left:
#: it tells a plan).
_PROCLITICS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
               "ال", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")  # fmt: skip
_BY_FIRST = {c: tuple(p for p in _PROCLITICS if p[0] == c) for c in {p[0] for p in _PROCLITICS}}
#: Clusters: folded word → (id among 256, id among 1,024).
Clusters = Mapping[str, tuple[int, int]]


def stem(w: str) -> str:
    """The folded word without one proclitic cluster, when at least three letters stay."""
    if len(w) < 4:
        return w
    for p in _BY_FIRST.get(w[0], ()):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p) :]
    return w


@dataclass(frozen=True, slots=True)
class Tok:
    """A word of a sentence: folded span, folded form and stem."""

    start: int  # folded offsets (FoldedText.norm)
    end: int
    w: str
    s: str


@dataclass(frozen=True, slots=True)
class SentenceView:
    """One sentence ready for the model: its words, its bag of features, and per-word lexicon types."""

    sent: int
    tokens: tuple[Tok, ...]
    feats: tuple[str, ...]
    lex: tuple[str | None, ...]  # the trigger-lexicon type a word is part of, else None


def _word_feats(t: Tok, clusters: Clusters) -> list[str]:
    out = [f"w:{t.w}", f"s:{t.s}"]
    if len(t.s) >= 4:
        out.append(f"p4:{t.s[:4]}")
    if len(t.s) >= 3:
        out.append(f"p3:{t.s[:3]}")
    c = clusters.get(t.w) or clusters.get(t.s)
    if c is not None:
        out += [f"c256:{c[0]}", f"c1k:{c[1]}"]
    return out


def token_features(view: SentenceView, i: int, clusters: Clusters) -> list[str]:
    """Features of word ``i`` of a sentence, to tell which word names an event."""
    t = view.tokens[i]
    out = _word_feats(t, clusters)
    if view.lex[i]:
        out.append(f"L:{view.lex[i]}")
    out.append(f"ps:{view.tokens[i - 1].s}" if i > 0 else "ps:<s>")
    out.append(f"ns:{view.tokens[i + 1].s}" if i + 1 < len(view.tokens) else "ns:</s>")
    out.append(f"al:{t.w.startswith('ال') or t.w.startswith('وال')}")
    return out


def sentence_views(idx: ArticleIndex, clusters: Clusters) -> list[SentenceView]:
    """A :class:`SentenceView` for every sentence of the indexed article."""
    ft = idx.ft
    norm = ft.norm
    lex_hits = trigger_matcher().find(ft)
    ent_kinds = _entity_kinds(idx)
    views = []
    for i, s in enumerate(idx.sentences):
        lo, hi = ft.folded_offset(s.start), ft.folded_offset(s.end)
        toks = tuple(Tok(m.start() + lo, m.end() + lo, m.group(), stem(m.group())) for m in _WORD.finditer(norm[lo:hi]))
        lex: list[str | None] = [None] * len(toks)
        feats: set[str] = set()
        for h in lex_hits:
            if s.start <= h.start < s.end and "skip" not in h.entry.flags:
                typ = h.entry.type
                feats.add(f"LW:{typ}" if "weak" in h.entry.flags else f"L:{typ}")
                if h.entry.mode:
                    feats.add(f"LM:{typ}/{h.entry.mode}")
                fs = ft.folded_offset(h.start)
                for k, t in enumerate(toks):
                    if t.start <= fs < t.end:
                        lex[k] = typ
        for k, t in enumerate(toks):
            feats.update(_word_feats(t, clusters))
            if k:
                feats.add(f"b:{toks[k - 1].s}_{t.s}")
        feats.update(f"Q:{c.family}" for c in idx.cues.get(i, ()))
        feats.update(ent_kinds.get(i, ()))
        text = idx.article.text[s.start : s.end]
        if i == 0 and len(toks) <= 14 and text[-1:] not in ".!؟?»":
            feats.add("H")
        if text.lstrip()[:1] in "«\"“":
            feats.add("QT")
        views.append(SentenceView(i, toks, tuple(sorted(feats)), tuple(lex)))
    return views


def _entity_kinds(idx: ArticleIndex) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for e in idx.entities:
        kind = "state" if state_code(e) else "group" if is_group(e) else e.label
        out.setdefault(idx.sentence_of(e.start), set()).add(f"E:{kind}")
    return out
