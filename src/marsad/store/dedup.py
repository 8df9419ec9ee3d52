"""Near-duplicate articles: MinHash signatures over folded word shingles, LSH for candidates.

Syndicated copies and light updates of one dispatch share most word 3-grams once folded
(harakat, hamza forms, ى/ي, ة/ه and digits no longer differ). Signatures are stored with each
article (``articles.minhash``) and the in-memory LSH index is rebuilt from them on first use,
so the index survives process restarts without a second source of truth.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from marsad.text.fold import fold

__all__ = ["NearDupIndex", "shingles", "signature", "signature_bytes", "signature_from_bytes"]

_WORD = re.compile(r"[\w\u0600-\u06FF]+")
NUM_PERM = 64
_SEED = 1
_SCHEME = "affine32"  # pinned so stored signatures stay comparable across datasketch versions


def shingles(text: str, k: int = 3) -> set[str]:
    """Word ``k``-grams of the folded text (the words themselves when the text is shorter)."""
    words = _WORD.findall(fold(text))
    if len(words) < k:
        return set(words)
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> MinHash | None:
    """The MinHash of ``text``'s shingles, or None for a text too short to compare."""
    grams = shingles(text)
    if len(grams) < 3:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def signature_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64).copy()
    return MinHash(num_perm=len(values), seed=_SEED, hashvalues=values, scheme=_SCHEME)


@dataclass(frozen=True, slots=True)
class NearDup:
    article_id: str
    similarity: float


class NearDupIndex:
    """LSH over the stored signatures; ``threshold`` is the estimated Jaccard that counts as a copy."""

    def __init__(self, threshold: float = 0.6) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=max(0.3, threshold - 0.15), num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, bytes]], threshold: float = 0.6) -> NearDupIndex:
        index = cls(threshold)
        for article_id, blob in rows:
            index.add(article_id, signature_from_bytes(bytes(blob)))
        return index

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, article_id: str, mh: MinHash) -> None:
        if article_id not in self._sigs:
            self._lsh.insert(article_id, mh)
            self._sigs[article_id] = mh

    def best(self, mh: MinHash) -> NearDup | None:
        """The most similar stored article at or above the threshold, if any (ties: smallest id)."""
        found: list[NearDup] = []
        for key in self._lsh.query(mh):
            sim = float(mh.jaccard(self._sigs[key]))
            if sim >= self.threshold:
                found.append(NearDup(str(key), sim))
        return min(found, key=lambda d: (-d.similarity, d.article_id)) if found else None
