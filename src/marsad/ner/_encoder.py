"""The BiLSTM-CRF tagger's input encoding: surface tokens → word, stripped-word and char ids and
flag arrays (:class:`Encoder`), shared by the run-time tagger (:mod:`marsad.ner._bilstm`) and the
training scripts (``training/ner/``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from marsad.ner._features import Feats, Resources, _cached_word_feats

__all__ = ["GAZ", "MAX_CHARS", "SHAPES", "Encoder"]

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
MAX_CHARS = 20
SHAPES = ("d", "p", "L", "x", "ad", "a")
GAZ = ("PER", "LOC", "ORG")


class Encoder:
    """Turns surface tokens into the integer and flag arrays the network reads."""

    def __init__(self, vocab: Sequence[str], chars: Sequence[str],
                 gazetteer: dict[str, frozenset[str]], known: int | None = None,
                 gaz_keys: Sequence[str] = GAZ) -> None:
        self.vocab = list(vocab)
        #: the gazetteer lists whose membership flags the network reads, in its input order (a model
        #: exported with more than ANERGazet's three names them in its ``gaz_keys`` array)
        self.gaz_keys = tuple(gaz_keys)
        #: rows below ``known`` hold pretrained word vectors, the rest n-gram vectors (a model with a
        #: subword table): two more flags then say whether the word and its stripped form have a
        #: pretrained vector, the cue a zero vector gave before
        self.known = known
        self.chars = list(chars)
        self._wid = {w: i for i, w in enumerate(self.vocab)}
        self._cid = {c: i for i, c in enumerate(self.chars)}
        res, memo = Resources(gazetteer=gazetteer), dict[str, Feats]()
        #: a token's folded form, stripped form, shape and gazetteer flags (the CRF's per-token
        #: features; an ensemble shares the CRF's memo so each token is analysed once)
        self.features: Callable[[str], Feats] = lambda tok: _cached_word_feats(tok, res, memo)
        self.n_feats = len(self.gaz_keys) + len(SHAPES) + 2 + (2 if known is not None else 0)
        self._gaz_keys = tuple(f"g{k}" for k in self.gaz_keys)
        # code point → char id (1: unknown; code point 0 is the padding of a fixed-width array)
        self._char_table = np.ones(0x110000, np.int64 if len(self.chars) > 32_767 else np.int16)
        self._char_table[0] = 0
        for c, i in self._cid.items():
            if len(c) == 1 and c != "\x00":
                self._char_table[ord(c)] = i

    def encode_tokens(self, toks: Sequence[str]) -> tuple[I64, I64, I64, F32]:
        """Word ids, stripped-word ids, char ids ``(n, MAX_CHARS)`` and flags ``(n, n_feats)`` of
        surface tokens (a word without a vector falls back to its stripped form's, then to 1).

        Not memoised here: the tagger keeps each token's input pre-activations instead, and the
        features they derive from are memoised (as dicts of strings and floats, which the garbage
        collector does not track: lists kept per token made every full collection walk them).
        """
        feats = [self.features(t) for t in toks]
        words = [str(f["w"]) for f in feats]
        stems = [str(f["s"]) for f in feats]
        get = self._wid.get
        s_ids = np.array([get(s, 1) for s in stems], np.int64)
        own = np.array([get(w, -1) for w in words], np.int64)
        w_ids = np.where(own < 0, s_ids, own)
        flags = np.zeros((len(toks), self.n_feats), np.float32)
        for k, key in enumerate(self._gaz_keys):
            flags[:, k] = [key in f for f in feats]
        shapes = np.array([f["shape"] for f in feats])
        for k, sh in enumerate(SHAPES, start=len(self.gaz_keys)):
            flags[:, k] = shapes == sh
        base = len(self.gaz_keys) + len(SHAPES)
        flags[:, base] = [f["al"] == "True" for f in feats]
        flags[:, base + 1] = [s != w for s, w in zip(stems, words, strict=True)]
        if self.known is not None:  # no pretrained vector for the word itself / for its stripped form
            flags[:, base + 2] = ~((own > 1) & (own < self.known))
            flags[:, base + 3] = ~((s_ids > 1) & (s_ids < self.known))
        return w_ids, s_ids, self.char_ids(words), flags

    def char_ids(self, words: Sequence[str]) -> I64:
        """``(n, MAX_CHARS)`` char ids of the first ``MAX_CHARS`` characters of each word (0: padding, 1: unknown)."""
        if not words:
            return np.zeros((0, MAX_CHARS), np.int64)
        if any("\x00" in w for w in words):  # NUL would read as padding in the array below
            return np.array([[self._cid.get(c, 1) for c in w[:MAX_CHARS]] + [0] * (MAX_CHARS - len(w[:MAX_CHARS]))
                             for w in words], np.int64)  # fmt: skip
        codes = np.array(words, dtype=f"<U{MAX_CHARS}").view(np.uint32).reshape(len(words), MAX_CHARS)
        out: I64 = self._char_table[codes].astype(np.int64)
        return out

    def encode(self, sents: Sequence[Sequence[str]]
               ) -> tuple[I64, I64, I64, F32, I64]:
        """Padded ``(b, t)`` arrays of :meth:`encode_tokens` for sentences, and their lengths."""
        b, t = len(sents), max((len(s) for s in sents), default=0) or 1
        w_ids = np.zeros((b, t), np.int64)
        s_ids = np.zeros((b, t), np.int64)
        c_ids = np.zeros((b, t, MAX_CHARS), np.int64)
        feats = np.zeros((b, t, self.n_feats), np.float32)
        lengths = np.array([len(s) for s in sents], np.int64)
        rows = np.repeat(np.arange(b), lengths)
        cols = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        w, s, c, f = self.encode_tokens([tok for sent in sents for tok in sent])
        w_ids[rows, cols], s_ids[rows, cols], c_ids[rows, cols], feats[rows, cols] = w, s, c, f
        return w_ids, s_ids, c_ids, feats, lengths
