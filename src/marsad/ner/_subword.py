"""fastText-style vectors for words outside the embedding vocabulary, from hashed char n-grams.

A word's vector is the mean of the vectors of its character n-grams (``minn``…``maxn``
characters of ``<word>``), each n-gram's row being its FNV-1a hash modulo the table size — the
scheme of Facebook's fastText (``Dictionary::computeSubwords``) as gensim implements it
(``compute_ngrams_bytes`` and ``ft_hash_bytes``: the n-grams are cut on character boundaries of
the UTF-8 bytes, and each byte enters the hash as a *signed* char). The table is stored int8 with
one scale per row; only numpy is needed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["SubwordVectors", "ngram_hashes"]

F32 = npt.NDArray[np.float32]
_FNV_OFFSET = 2166136261
_FNV_PRIME = 16777619
_MASK = 0xFFFFFFFF


def ngram_hashes(word: str, minn: int, maxn: int, bucket: int) -> list[int]:
    """Rows of the n-grams of ``<word>`` (gensim's ``ft_ngram_hashes``), in gensim's order.

    The hash of every n-gram starting at a character is extended byte by byte (FNV-1a is
    incremental), so each start position is hashed once up to ``maxn`` characters.
    """
    data = f"<{word}>".encode()
    starts = [i for i, b in enumerate(data) if b & 0xC0 != 0x80]  # character boundaries
    ends = [*starts[1:], len(data)]
    out: list[int] = []
    for k, i in enumerate(starts):
        h = _FNV_OFFSET
        for n in range(1, maxn + 1):
            if k + n > len(starts):
                break
            for b in data[(starts[k + n - 1]) : ends[k + n - 1]]:
                h = ((h ^ (b | 0xFFFFFF00 if b & 0x80 else b)) * _FNV_PRIME) & _MASK  # signed char
            if n >= minn and not (n == 1 and (i == 0 or ends[k + n - 1] == len(data))):
                out.append(h % bucket)
    return out


class SubwordVectors:
    """The n-gram table (``(bucket, dim)`` int8 rows times per-row scales) and its n-gram sizes."""

    def __init__(self, q: npt.NDArray[np.int8], scale: F32, minn: int, maxn: int) -> None:
        self.q = q
        self.scale = scale.reshape(-1).astype(np.float32)
        self.minn, self.maxn = int(minn), int(maxn)

    @classmethod
    def quantise(cls, table: F32, minn: int, maxn: int) -> SubwordVectors:
        """Int8 rows with one scale per row (the scheme of the word table)."""
        scale = (np.abs(table).max(axis=1) / 127 + 1e-12).astype(np.float32)
        q = np.round(table / scale[:, None]).astype(np.int8)
        return cls(q, scale, minn, maxn)

    def arrays(self) -> dict[str, npt.NDArray[np.generic]]:
        """What :meth:`from_arrays` reads back (stored in the tagger's ``.npz``)."""
        return {"ngram_q": self.q, "ngram_scale": self.scale, "ngram_n": np.array([self.minn, self.maxn])}

    @classmethod
    def from_arrays(cls, a: dict[str, npt.NDArray[np.generic]]) -> SubwordVectors | None:
        if "ngram_q" not in a:
            return None
        n = a["ngram_n"]
        return cls(a["ngram_q"].astype(np.int8), a["ngram_scale"].astype(np.float32), int(n[0]), int(n[1]))

    def vector(self, word: str) -> F32:
        """Mean of the word's n-gram rows (fastText's vector of an unknown word; zero without n-grams)."""
        out: F32 = self.vectors([word])[0]
        return out

    def vectors(self, words: Sequence[str]) -> F32:
        """``(len(words), dim)``: :meth:`vector` of each word, one gather for all of them."""
        bucket = self.q.shape[0]
        rows = [ngram_hashes(w, self.minn, self.maxn, bucket) for w in words]
        counts = np.array([len(r) for r in rows], np.int64)
        flat = np.array([h for r in rows for h in r], np.int64)
        vals = self.q[flat].astype(np.float32) * self.scale[flat, None]
        owner = np.repeat(np.arange(len(words)), counts)
        out = np.zeros((len(words), self.q.shape[1]), np.float32)
        np.add.at(out, owner, vals)
        out /= np.maximum(counts, 1)[:, None]
        return out
