"""Numpy inference for the BiLSTM-CRF tagger trained by ``training/ner/bilstm.py``.

The network: frozen word2vec vectors (int8-quantised) for the folded word and for its
clitic-stripped form, a char-CNN over the folded word (fixed width, so no padding effects),
gazetteer/shape flags, one bidirectional LSTM layer, a linear layer and a CRF decoded with
Viterbi. Only numpy is needed at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from marsad.ner._features import shape, strip_clitics
from marsad.text.fold import fold

__all__ = ["BiLstmTagger", "Encoder"]

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
MAX_CHARS = 20
#: sentences run through the network together (length-sorted)
CHUNK = 64
_SHAPES = ("d", "p", "L", "x", "ad", "a")
_GAZ = ("PER", "LOC", "ORG")


class Encoder:
    """Turns surface tokens into the integer and flag arrays the network reads."""

    def __init__(self, vocab: Sequence[str], chars: Sequence[str],
                 gazetteer: dict[str, frozenset[str]]) -> None:
        self.vocab = list(vocab)
        self.chars = list(chars)
        self._wid = {w: i for i, w in enumerate(self.vocab)}
        self._cid = {c: i for i, c in enumerate(self.chars)}
        self._gaz = gazetteer
        self.n_feats = len(_GAZ) + len(_SHAPES) + 2
        self._cache: dict[str, tuple[int, int, list[int], list[float]]] = {}

    def token(self, tok: str) -> tuple[int, int, list[int], list[float]]:
        """Word id, stripped-word id, char ids and flags of one surface token (memoised)."""
        hit = self._cache.get(tok)
        if hit is None:
            w = fold(tok)
            s = strip_clitics(w)
            hit = (self._wid.get(w, self._wid.get(s, 1)), self._wid.get(s, 1), self._chars(w),
                   self._feats(w, s))
            if len(self._cache) < 200_000:
                self._cache[tok] = hit
        return hit

    def _feats(self, w: str, s: str) -> list[float]:
        g = [float(w in self._gaz.get(k, ()) or s in self._gaz.get(k, ())) for k in _GAZ]
        sh = shape(w)
        return g + [float(sh == x) for x in _SHAPES] + [float(w.startswith("ال")), float(s != w)]

    def _chars(self, w: str) -> list[int]:
        ids = [self._cid.get(c, 1) for c in w[:MAX_CHARS]]
        return ids + [0] * (MAX_CHARS - len(ids))

    def encode(self, sents: Sequence[Sequence[str]]
               ) -> tuple[I64, I64, I64, F32, I64]:
        b, t = len(sents), max((len(s) for s in sents), default=0) or 1
        w_ids = np.zeros((b, t), np.int64)
        s_ids = np.zeros((b, t), np.int64)
        c_ids = np.zeros((b, t, MAX_CHARS), np.int64)
        feats = np.zeros((b, t, self.n_feats), np.float32)
        for i, sent in enumerate(sents):
            if not sent:
                continue
            enc = [self.token(tok) for tok in sent]
            n = len(enc)
            w_ids[i, :n] = [e[0] for e in enc]
            s_ids[i, :n] = [e[1] for e in enc]
            c_ids[i, :n] = [e[2] for e in enc]
            feats[i, :n] = [e[3] for e in enc]
        lengths = np.array([len(s) for s in sents], np.int64)
        return w_ids, s_ids, c_ids, feats, lengths


def _sigmoid(x: F32) -> F32:
    out: F32 = 0.5 * (np.tanh(0.5 * x) + 1.0)
    return out


@dataclass(frozen=True)
class _Lstm:
    w_ih: F32
    w_hh: F32
    bias: F32

    def run(self, x: F32) -> F32:
        b, t, _ = x.shape
        hid = self.w_hh.shape[1]
        pre = x @ self.w_ih.T + self.bias
        h = np.zeros((b, hid), np.float32)
        c = np.zeros((b, hid), np.float32)
        out = np.zeros((b, t, hid), np.float32)
        for k in range(t):
            g = pre[:, k] + h @ self.w_hh.T
            i, f = _sigmoid(g[:, :hid]), _sigmoid(g[:, hid : 2 * hid])
            c = f * c + i * np.tanh(g[:, 2 * hid : 3 * hid])
            h = _sigmoid(g[:, 3 * hid :]) * np.tanh(c)
            out[:, k] = h
        return out


def _block_recurrent(fwd: _Lstm, bwd: _Lstm) -> F32:
    """Both directions' recurrent weights as one ``(2h, 8h)`` matrix, gate-major then direction,
    so that one matmul per step advances the forward and the backward LSTM together."""
    hid = fwd.w_hh.shape[1]
    w = np.zeros((2 * hid, 4, 2, hid), np.float32)
    w[:hid, :, 0] = fwd.w_hh.T.reshape(hid, 4, hid)
    w[hid:, :, 1] = bwd.w_hh.T.reshape(hid, 4, hid)
    out: F32 = w.reshape(2 * hid, 8 * hid)
    return out


def _run_both(fwd: _Lstm, bwd: _Lstm, w_block: F32, xf: F32, xb: F32) -> tuple[F32, F32]:
    """Forward LSTM over ``xf`` and backward LSTM over ``xb`` (already reversed), in lockstep."""
    b, t, _ = xf.shape
    hid = fwd.w_hh.shape[1]
    pf = (xf @ fwd.w_ih.T + fwd.bias).reshape(b, t, 4, 1, hid)
    pb = (xb @ bwd.w_ih.T + bwd.bias).reshape(b, t, 4, 1, hid)
    pre = np.concatenate([pf, pb], axis=3).reshape(b, t, 8 * hid)
    h2 = 2 * hid
    h = np.zeros((b, h2), np.float32)
    c = np.zeros((b, h2), np.float32)
    out = np.zeros((b, t, h2), np.float32)
    for k in range(t):
        g = pre[:, k] + h @ w_block
        i, f = _sigmoid(g[:, :h2]), _sigmoid(g[:, h2 : 2 * h2])
        c = f * c + i * np.tanh(g[:, 2 * h2 : 3 * h2])
        h = _sigmoid(g[:, 3 * h2 :]) * np.tanh(c)
        out[:, k] = h
    return out[:, :, :hid], out[:, :, hid:]


def _reverse_index(lengths: I64, t: int) -> I64:
    pos = np.arange(t)[None, :]
    rev: I64 = np.where(pos < lengths[:, None], lengths[:, None] - 1 - pos, pos)
    return rev


class BiLstmTagger:
    """The exported network; ``tag_batch`` returns the tags of the training label set."""

    def __init__(self, arrays: dict[str, npt.NDArray[Any]],
                 gazetteer: dict[str, frozenset[str]]) -> None:
        a = arrays
        self.tags = [str(x) for x in a["tags"]]
        self.enc = Encoder([str(x) for x in a["vocab"]], [str(x) for x in a["chars"]], gazetteer)
        self.emb = (a["emb_q"].astype(np.float32) * a["emb_scale"]).astype(np.float32)
        self.cemb = a["cemb__weight"].astype(np.float32)
        w = a["conv__weight"].astype(np.float32)  # (filters, char_dim, 3)
        self.conv_w = np.concatenate([w[:, :, k].T for k in range(3)], axis=0)
        self.conv_b = a["conv__bias"].astype(np.float32)
        self.fwd = self._lstm(a, "")
        self.bwd = self._lstm(a, "_reverse")
        self.w_block = _block_recurrent(self.fwd, self.bwd)
        self.out_w = a["out__weight"].astype(np.float32).T
        self.out_b = a["out__bias"].astype(np.float32)
        self.trans = a["crf__trans"].astype(np.float32)
        self.start = a["crf__start"].astype(np.float32)
        self.end = a["crf__end"].astype(np.float32)
        # char-CNN output per distinct surface token, computed once (bounded like Encoder's memo)
        self._char_row: dict[str, int] = {}
        self._char_table = np.zeros((0, self.conv_b.shape[0]), np.float32)

    @staticmethod
    def _lstm(a: dict[str, npt.NDArray[Any]], sfx: str) -> _Lstm:
        bias = a[f"lstm__bias_ih_l0{sfx}"] + a[f"lstm__bias_hh_l0{sfx}"]
        return _Lstm(a[f"lstm__weight_ih_l0{sfx}"].astype(np.float32),
                     a[f"lstm__weight_hh_l0{sfx}"].astype(np.float32), bias.astype(np.float32))

    @classmethod
    def load(cls, path: Path, gazetteer: dict[str, frozenset[str]]) -> BiLstmTagger:
        with np.load(path) as npz:
            return cls({k: npz[k] for k in npz.files}, gazetteer)

    def _char_feats(self, c_ids: I64) -> F32:
        flat = c_ids.reshape(-1, MAX_CHARS)
        uniq, inv = np.unique(flat, axis=0, return_inverse=True)
        x = self.cemb[uniq]  # (u, L, d)
        xp = np.pad(x, ((0, 0), (1, 1), (0, 0)))
        cols = np.concatenate([xp[:, k : k + MAX_CHARS] for k in range(3)], axis=2)
        h = np.maximum(cols @ self.conv_w + self.conv_b, 0.0).max(axis=1)
        out: F32 = h[inv.reshape(-1)].reshape(*c_ids.shape[:2], -1)
        return out

    def _char_feats_memo(self, sents: Sequence[Sequence[str]], c_ids: I64) -> F32:
        """``_char_feats`` through a per-token memo: each distinct token is convolved once."""
        if len(self._char_row) > 200_000:
            self._char_row, self._char_table = {}, self._char_table[:0]
        rows = np.zeros(c_ids.shape[:2], np.int64)
        new: dict[str, tuple[int, int]] = {}
        for i, sent in enumerate(sents):
            for k, tok in enumerate(sent):
                r = self._char_row.get(tok)
                if r is None:
                    new.setdefault(tok, (i, k))
                else:
                    rows[i, k] = r
        if new:
            pos = np.array(list(new.values()), np.int64).reshape(-1, 2)
            h = self._char_feats(c_ids[pos[:, 0], pos[:, 1]][None])[0]
            base = self._char_table.shape[0]
            self._char_table = np.concatenate([self._char_table, h])
            for j, tok in enumerate(new):
                self._char_row[tok] = base + j
            for i, sent in enumerate(sents):
                for k, tok in enumerate(sent):
                    if tok in new:
                        rows[i, k] = self._char_row[tok]
        out: F32 = self._char_table[rows]
        return out

    def emissions(self, sents: Sequence[Sequence[str]]) -> tuple[F32, I64]:
        w, s, c, f, lengths = self.enc.encode(sents)
        x = np.concatenate([self.emb[w], self.emb[s], self._char_feats_memo(sents, c), f], axis=2)
        rev = _reverse_index(lengths, x.shape[1])
        rows = np.arange(x.shape[0])[:, None]
        hf, hb_rev = _run_both(self.fwd, self.bwd, self.w_block, x, x[rows, rev])
        hb = hb_rev[rows, rev]
        em: F32 = np.concatenate([hf, hb], axis=2) @ self.out_w + self.out_b
        return em, lengths

    def _viterbi(self, em: F32, lengths: I64) -> I64:
        return self.viterbi(em, lengths, self.trans, self.start, self.end)

    @staticmethod
    def viterbi(em: F32, lengths: I64, trans: F32, start: F32, end: F32) -> I64:
        """Best tag paths for a padded batch; positions past a sentence's end are left 0."""
        b, t, n = em.shape
        score = start + em[:, 0]
        back = np.zeros((b, t, n), np.int64)
        ident = np.broadcast_to(np.arange(n), (b, n))
        for k in range(1, t):
            cand = score[:, :, None] + trans
            live = (k < lengths)[:, None]
            back[:, k] = np.where(live, cand.argmax(axis=1), ident)
            score = np.where(live, cand.max(axis=1) + em[:, k], score)
        path = np.zeros((b, t), np.int64)
        cur = (score + end).argmax(axis=1)
        rows = np.arange(b)
        for k in range(t - 1, -1, -1):
            path[:, k] = cur
            cur = back[rows, k, cur]
        return path

    def tag_batch(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        if not sents:
            return []
        order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
        out: list[list[str]] = [[] for _ in sents]
        for i in range(0, len(order), CHUNK):
            idx = order[i : i + CHUNK]
            em, lengths = self.emissions([sents[j] for j in idx])
            paths = self._viterbi(em, lengths)
            for row, j in enumerate(idx):
                out[j] = [self.tags[k] for k in paths[row, : lengths[row]]]
        return out
