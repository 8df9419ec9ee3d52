"""Pairwise cluster precision and recall of event coreference against expected clusters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations

__all__ = ["pairs", "pairwise_prf"]

Item = tuple[str, str]


def pairs(clusters: Iterable[Iterable[Item]]) -> set[frozenset[Item]]:
    """Every unordered pair of items that share a cluster."""
    return {frozenset(p) for c in clusters for p in combinations(sorted(set(c)), 2)}


def pairwise_prf(predicted: Mapping[str, Iterable[Item]], gold: Mapping[str, Iterable[Item]]) -> dict[str, float]:
    """Pairwise precision, recall and F1 (1.0 where there is nothing to find or nothing found)."""
    pred, true = pairs(predicted.values()), pairs(gold.values())
    hit = len(pred & true)
    p = hit / len(pred) if pred else 1.0
    r = hit / len(true) if true else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "predicted_pairs": len(pred), "gold_pairs": len(true)}  # fmt: skip
