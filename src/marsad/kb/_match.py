"""Fuzzy name lookup for the actor and place matchers; the exact matcher lives in :mod:`marsad.text.match`.

:class:`NameMatcher`, :class:`WholeWords`, the name :data:`CLITICS` and the clitic helpers are
re-exported from there (their old home), ``Hit`` being :class:`marsad.text.match.NameHit`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from marsad.text.match import CLITICS, NameMatcher, WholeWords, norm_token, strip_clitics, tokens
from marsad.text.match import NameHit as Hit

__all__ = ["CLITICS", "FuzzyNames", "Hit", "NameMatcher", "WholeWords", "clitic_len", "fuzzy_norm", "norm_token",
           "strip_clitics", "tok_eq", "tokens"]


class FuzzyNames:
    """``process.extractOne(query, names, scorer=fuzz.ratio, score_cutoff=cutoff)``, scoring fewer names.

    ``fuzz.ratio`` is ``100 * (1 - d / (len(a) + len(b)))`` with ``d`` the indel distance, which is
    at least the length difference and has its parity; two different strings of the same length
    are therefore at least 2 apart. Names are kept in buckets by length (in their original order);
    a bucket that cannot reach the cutoff is skipped, or, when only an identical name could, looked
    up in a dict. Among the bucket winners the best score wins, ties going to the name listed
    first, exactly as ``extractOne`` over the whole list decides. Answers are memoised (bounded):
    the same unknown names come back article after article.
    """

    def __init__(self, names: Iterable[str]) -> None:
        buckets: dict[int, tuple[list[str], list[int], dict[str, int]]] = {}
        for i, name in enumerate(names):
            bucket = buckets.setdefault(len(name), ([], [], {}))
            bucket[0].append(name)
            bucket[1].append(i)
            bucket[2].setdefault(name, i)
        self._buckets = sorted(buckets.items())
        self._masks = {length: np.array([_char_mask(n) for n in b[0]], np.uint64) for length, b in self._buckets}
        self._memo = lru_cache(maxsize=4096)(self._best)

    def best(self, query: str, cutoff: float) -> tuple[str, float] | None:
        """The best-scoring name and its score, or None when none reaches ``cutoff``."""
        return self._memo(query, cutoff)

    def _best(self, query: str, cutoff: float) -> tuple[str, float] | None:
        n = len(query)
        qmask = np.uint64(_char_mask(query))
        best: tuple[float, int, str] | None = None
        for length, (names, order, first) in self._buckets:
            if _best_unequal(n, length) >= cutoff - 1e-6:
                # a character in one string and not the other costs at least one indel: names with
                # more such characters than the cutoff allows cannot reach it (bits may be shared by
                # several characters, which only lowers the count: the test stays necessary)
                allowed = int((1 - cutoff / 100) * (n + length) + 1e-6)
                keep = np.flatnonzero(np.bitwise_count(self._masks[length] ^ qmask) <= allowed)
                if not len(keep):
                    continue
                res = process.extractOne(query, [names[k] for k in keep], scorer=fuzz.ratio, score_cutoff=cutoff)
                if res is None:
                    continue
                name, score, i = res[0], res[1], order[int(keep[res[2]])]
            elif length == n and query in first and cutoff <= 100:
                name, score, i = query, 100.0, first[query]
            elif length > n:
                break  # longer names only score lower
            else:
                continue
            if best is None or score > best[0] or (score == best[0] and i < best[1]):
                best = (score, i, name)
        return None if best is None else (best[2], best[0])


def _char_mask(text: str) -> int:
    """The characters of ``text`` as bits of a 64-bit mask (code point mod 64)."""
    mask = 0
    for ch in text:
        mask |= 1 << (ord(ch) & 63)
    return mask


def _best_unequal(a: int, b: int) -> float:
    """The highest ``fuzz.ratio`` two different strings of lengths ``a`` and ``b`` can have."""
    total = a + b
    if total == 0:
        return 100.0
    return 100.0 * (total - (abs(a - b) or 2)) / total


def tok_eq(a: str, b: str) -> bool:
    """Two name tokens are the same: equal, or both of 5+ letters and 85 % alike."""
    return a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 85)


def fuzzy_norm(tok: str) -> str:
    """A token for fuzzy name matching: clitics off, and a glued «ل»/«ب» off a long bare word."""
    t = norm_token(tok)
    if t == tok and len(t) >= 5 and t[0] in "لب":
        t = t[1:]
    return t


def clitic_len(tok: str) -> int:
    """Length of a leading proclitic on the first word of a fuzzy match («وللمديرية» → 2)."""
    for c in ("ول", "فل", "وب", "فب", "و", "ف", "ب", "ل", "ك"):
        rest = tok[len(c) :]
        if tok.startswith(c) and (rest.startswith("ال") or (c.endswith("ل") and rest.startswith("ل"))):
            return len(c)
    return 0
