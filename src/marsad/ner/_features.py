"""Token features for the Arabic NER CRF: folded forms, clitic-stripped stems, affixes, shapes,
word-cluster ids (k-means over word2vec trained on unlabeled news) and gazetteer membership.

Everything works on the folded (``norm``) form of a surface token, so harakat, tatweel, hamza
variants and Eastern digits do not split the feature space.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from marsad.text.fold import fold
from marsad.text.tokens import strip_proclitics as strip_clitics

__all__ = ["Resources", "sentence_features", "shape", "strip_clitics"]

_PUNCT = frozenset("()[]{}«»\"'“”‘’،؛؟?!.,:;-–—/\\…*")
Feats = dict[str, str | float]


@dataclass(frozen=True)
class Resources:
    """Lookup tables the features need: cluster ids per folded word, gazetteer word sets."""

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gazetteer: dict[str, frozenset[str]] = field(default_factory=dict)
    #: a few PCA dimensions of each word's vector, as real-valued features
    vectors: dict[str, tuple[float, ...]] = field(default_factory=dict)


def shape(tok: str) -> str:
    """A coarse word shape: digits, Latin, Arabic, punctuation or mixed."""
    if tok.isdigit():
        return "d"
    if all(c in _PUNCT for c in tok):
        return "p"
    if tok.isascii():
        return "L" if any(c.isalpha() for c in tok) else "x"
    if any(c.isdigit() for c in tok):
        return "ad"
    return "a"


def _word_feats(tok: str, res: Resources) -> Feats:
    w = fold(tok)
    s = strip_clitics(w)
    f: Feats = {"w": w, "s": s, "shape": shape(w), "p2": w[:2], "p3": w[:3],
                "x2": w[-2:], "x3": w[-3:], "sx2": s[-2:], "sp2": s[:2],
                "len": str(min(len(w), 8)), "al": str(w.startswith("ال"))}
    for i, c in enumerate(res.clusters.get(w) or res.clusters.get(s) or ()):
        f[f"c{i}"] = c
    for i, c in enumerate(res.clusters.get(s, ())):
        f[f"sc{i}"] = c
    for i, v in enumerate(res.vectors.get(w) or res.vectors.get(s) or ()):
        f[f"v{i}"] = v
    for lab, words in res.gazetteer.items():
        if w in words or s in words:
            f[f"g{lab}"] = 1.0
    return f


_WINDOW_KEYS = ("w", "s", "c0", "c1", "c2", "shape")
#: tokens whose features are kept (a dict of ~1.4 KB each, ~90 MB when full); the first ones seen
#: stay, which in news are the frequent ones. Twice the tagger's token memo: a token re-encoded after
#: the memo was compacted usually still finds its features here
FEATURE_CACHE = 65_536


def _cached_word_feats(tok: str, res: Resources, cache: dict[str, Feats] | None) -> Feats:
    if cache is None:
        return _word_feats(tok, res)
    f = cache.get(tok)
    if f is None:
        f = _word_feats(tok, res)
        if len(cache) < FEATURE_CACHE:
            cache[tok] = f
    return f


def _window_parts(f: Feats) -> tuple[tuple[tuple[str, str | float], ...], tuple[tuple[str, str | float], ...]]:
    """The features a token lends its neighbours: the window keys, and its gazetteer flags (±1 only)."""
    return (tuple((k, f[k]) for k in _WINDOW_KEYS if k in f), tuple((k, v) for k, v in f.items() if k[0] == "g"))


def sentence_features(tokens: Sequence[str], res: Resources,
                      cache: dict[str, Feats] | None = None) -> list[Feats]:
    """CRF feature dicts for every token, with a ±2 window of selected neighbour features.

    ``cache`` memoises the per-token part (never mutated afterwards) across calls.
    """
    base = [_cached_word_feats(t, res, cache) for t in tokens]
    parts = [_window_parts(f) for f in base]
    out: list[Feats] = []
    n = len(base)
    for i, f in enumerate(base):
        g: Feats = {"bias": 1.0, **f}
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                window, gaz = parts[j]
                for k, v in window:
                    g[f"{d}{k}"] = v
                if abs(d) == 1:
                    for k, v in gaz:
                        g[f"{d}{k}"] = v
            else:
                g[f"{d}pad"] = 1.0
        if i > 0:
            g["-1w|w"] = f"{base[i - 1]['s']}|{f['s']}"
        if i + 1 < n:
            g["w|+1w"] = f"{f['s']}|{base[i + 1]['s']}"
        out.append(g)
    return out
