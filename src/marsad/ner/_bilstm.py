"""Numpy inference for the BiLSTM-CRF tagger trained by ``training/ner/bilstm.py``.

The network: frozen word2vec vectors (int8-quantised) for the folded word and for its
clitic-stripped form (a form without a vector gets one from a hashed char n-gram table, when the
model has one: :mod:`marsad.ner._subword`), a char-CNN over the folded word (fixed width, so no padding effects),
gazetteer/shape flags, one bidirectional LSTM layer, a linear layer and a CRF decoded with
Viterbi. A model may also carry two word-level language models pre-trained on unlabeled news
(``training/ner/lm.py``, one per direction, over the same word rows): their hidden states are
contextual features, read by the BiLSTM beside each token's own (``lm_at`` "input") or by the
output layer beside the BiLSTM's states ("output"). Only numpy is needed at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from marsad.ner._encoder import GAZ, MAX_CHARS, Encoder
from marsad.ner._lstm import _input_columns, _input_projection, _Lstm, _recurrent, _reverse_index, _run_both
from marsad.ner._subword import SubwordVectors

__all__ = ["BiLstmTagger", "Encoder"]

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
#: sentences run through the network together (length-sorted)
CHUNK = 128
#: distinct tokens whose input pre-activations are kept (2 × 4 × hidden floats each: ~100 MB at
#: hidden 96); when a batch would overflow it, only the tokens of that batch are kept
MEMO_TOKENS = 32_768


@dataclass(frozen=True)
class _Inputs:
    """Sentences as rows of the token memo, and each row's input pre-activations."""

    ids: list[list[int]]
    fwd: F32
    bwd: F32


class BiLstmTagger:
    """The exported network; ``tag_batch`` returns the tags of the training label set."""

    def __init__(self, arrays: dict[str, npt.NDArray[Any]],
                 gazetteer: dict[str, frozenset[str]]) -> None:
        a = arrays
        self.tags = [str(x) for x in a["tags"]]
        self.subword = SubwordVectors.from_arrays(a)
        self.enc = self._encoder(a, gazetteer)
        self.emb = (a["emb_q"].astype(np.float32) * a["emb_scale"]).astype(np.float32)
        self.cemb = a["cemb__weight"].astype(np.float32)
        w = a["conv__weight"].astype(np.float32)  # (filters, char_dim, 3)
        self.conv_w = np.concatenate([w[:, :, k].T for k in range(3)], axis=0)
        self.conv_b = a["conv__bias"].astype(np.float32)
        self.fwd = self._lstm(a, "")
        self.bwd = self._lstm(a, "_reverse")
        self._rec = (_recurrent(self.fwd), _recurrent(self.bwd))
        self.out_w = a["out__weight"].astype(np.float32).T
        #: pre-trained language models (training/ner/lm.py), one per direction, whose states are
        #: contextual features: at the tagger's ``input`` (after the token's own features) or at its
        #: ``output`` layer (beside the BiLSTM states)
        self.lm_at = str(a["lm_at"]) if "lm_at" in a else ""
        self.lm_dim = 0
        self._lm_ctx: tuple[F32, F32] | None = None
        if self.lm_at:
            lmf, lmb = self._lstm(a, "", "lmf"), self._lstm(a, "", "lmb")
            self._lm_rec = (_recurrent(lmf), _recurrent(lmb))
            self.lm_dim = lmf.w_hh.shape[1] + lmb.w_hh.shape[1]
            d_lm_in = lmf.w_ih.shape[1]  # the LM reads the word and stripped-word rows: the first columns
            if self.lm_at == "input":  # the tagger's input matrix: token part (memoised), LM part (per position)
                d_tok = self.fwd.w_ih.shape[1] - self.lm_dim
                hid = self.fwd.w_hh.shape[1]
                self._lm_ctx = (_input_columns(self.fwd.w_ih[:, d_tok:], hid),
                                _input_columns(self.bwd.w_ih[:, d_tok:], hid))
                self.fwd = _Lstm(self.fwd.w_ih[:, :d_tok], self.fwd.w_hh, self.fwd.bias)
                self.bwd = _Lstm(self.bwd.w_ih[:, :d_tok], self.bwd.w_hh, self.bwd.bias)
        self._proj = (_input_projection(self.fwd), _input_projection(self.bwd))
        if self.lm_at:  # one memo row holds the tagger's and the LM's pre-activations, side by side
            d_tok = self.fwd.w_ih.shape[1]
            joined = []
            for (w_tag, b_tag), lm in zip(self._proj, (lmf, lmb), strict=True):
                w_lm, b_lm = _input_projection(lm)
                w_pad = np.zeros((d_tok, w_lm.shape[1]), np.float32)
                w_pad[:d_lm_in] = w_lm
                joined.append((np.concatenate([w_tag, w_pad], axis=1), np.concatenate([b_tag, b_lm])))
            self._proj = (joined[0], joined[1])
        self.out_b = a["out__bias"].astype(np.float32)
        self.trans = a["crf__trans"].astype(np.float32)
        self.start = a["crf__start"].astype(np.float32)
        self.end = a["crf__end"].astype(np.float32)
        # input pre-activations per distinct token (row 0: padding, always zero); ``row_tokens``
        # and ``generation`` (bumped when the memo is emptied) let a companion scorer (the
        # ensemble's CRF) keep a per-token table on the same rows
        self._memo: dict[str, int] = {}
        self.row_tokens: list[str] = [""]
        self.generation = 0
        self.kept_rows = np.zeros(0, np.int64)
        self._rows = 1
        width = self._proj[0][0].shape[1]
        self._pre_f = np.zeros((1024, width), np.float32)
        self._pre_b = np.zeros((1024, width), np.float32)
        self._hits = np.zeros(1024, np.int64)  # per row: in how many batches its token appeared

    @staticmethod
    def _encoder(a: dict[str, npt.NDArray[Any]], gazetteer: dict[str, frozenset[str]]) -> Encoder:
        known = int(a["n_known"]) if "n_known" in a else None
        keys = tuple(str(x) for x in a["gaz_keys"]) if "gaz_keys" in a else GAZ  # a list not given flags nothing
        return Encoder([str(x) for x in a["vocab"]], [str(x) for x in a["chars"]], gazetteer, known, keys)

    @staticmethod
    def _lstm(a: dict[str, npt.NDArray[Any]], sfx: str, name: str = "lstm") -> _Lstm:
        bias = a[f"{name}__bias_ih_l0{sfx}"] + a[f"{name}__bias_hh_l0{sfx}"]
        return _Lstm(a[f"{name}__weight_ih_l0{sfx}"].astype(np.float32),
                     a[f"{name}__weight_hh_l0{sfx}"].astype(np.float32), bias.astype(np.float32))

    @classmethod
    def load(cls, path: Path, gazetteer: dict[str, frozenset[str]]) -> BiLstmTagger:
        with np.load(path) as npz:
            return cls({k: npz[k] for k in npz.files}, gazetteer)

    def _conv(self, c_ids: I64) -> F32:
        """Char-CNN (width 3, ReLU, max over the fixed-width positions) of ``(n, MAX_CHARS)`` char ids.

        The padding character's embedding is zero, so a position whose window holds only padding
        scores exactly the bias: words are grouped by length and only their real positions (plus
        that constant) are computed.
        """
        n, d = c_ids.shape[0], self.cemb.shape[1]
        lengths = (c_ids != 0).sum(axis=1)
        h = np.empty((n, self.conv_w.shape[1]), np.float32)
        for length in np.unique(lengths):
            rows = np.flatnonzero(lengths == length)
            pos = min(int(length) + 1, MAX_CHARS)  # positions that see at least one real character
            xp = np.zeros((len(rows), pos + 2, d), np.float32)
            width = min(pos + 1, MAX_CHARS)
            xp[:, 1 : 1 + width] = self.cemb[c_ids[rows, :width]]
            cols = np.concatenate([xp[:, k : k + pos] for k in range(3)], axis=2).reshape(len(rows) * pos, 3 * d)
            best = (cols @ self.conv_w).reshape(len(rows), pos, -1).max(axis=1)
            h[rows] = np.maximum(best, 0.0) if pos < MAX_CHARS else best  # padding-only positions score 0
        out: F32 = np.maximum(h + self.conv_b, 0.0)
        return out

    def prepare(self, sents: Sequence[Sequence[str]]) -> _Inputs:
        """Both directions' input pre-activations of every token of ``sents``.

        They depend on the token alone, so they are kept per distinct token (a bounded memo,
        compacted when full, see :meth:`_compact`): only tokens not in it are encoded, convolved and
        projected.
        """
        memo = self._memo
        batch = {tok for sent in sents for tok in sent}
        fresh = {tok for tok in batch if tok not in memo}
        if len(memo) + len(fresh) > MEMO_TOKENS:
            self._compact(batch - fresh, MEMO_TOKENS - len(fresh))
        toks = sorted(fresh)
        if toks:
            w_ids, s_ids, c_ids, flags = self.enc.encode_tokens(toks)
            x = np.concatenate([self._embed(toks, w_ids, "w"), self._embed(toks, s_ids, "s"), self._conv(c_ids), flags],
                               axis=1)  # fmt: skip
            lo, hi = self._rows, self._rows + len(toks)
            if hi > self._pre_f.shape[0]:  # grow by doubling: amortised O(1) per token
                size = max(hi, 2 * self._pre_f.shape[0])
                self._pre_f = np.concatenate([self._pre_f, np.zeros((size - self._pre_f.shape[0], self._pre_f.shape[1]),
                                                                    np.float32)])  # fmt: skip
                self._pre_b = np.concatenate([self._pre_b, np.zeros_like(self._pre_f[self._pre_b.shape[0] :])])
                self._hits = np.concatenate([self._hits, np.zeros(size - len(self._hits), np.int64)])
            (wf, bf), (wb, bb) = self._proj
            self._pre_f[lo:hi] = x @ wf + bf
            self._pre_b[lo:hi] = x @ wb + bb
            memo.update(zip(toks, range(lo, hi), strict=True))
            self.row_tokens += toks
            self._rows = hi
        self._hits[[memo[tok] for tok in batch]] += 1
        return _Inputs([[memo[tok] for tok in sent] for sent in sents], self._pre_f, self._pre_b)

    def _embed(self, toks: Sequence[str], rows: I64, form: str) -> F32:
        """Vectors of the tokens' folded (``form`` "w") or stripped ("s") forms, given their ids
        (:meth:`Encoder.encode_tokens`: a word without a vector has its stripped form's, if that has
        one). With a subword table, id 1 (neither has a vector) gets the form's n-gram vector,
        normalised like the vocabulary's rows; computed once per distinct token (the caller memoises)."""
        out: F32 = self.emb[rows]
        if self.subword is not None:
            unk = np.flatnonzero(rows == 1)
            if len(unk):
                vec = self.subword.vectors([str(self.enc.features(toks[k])[form]) for k in unk.tolist()])
                out[unk] = vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
        return out

    def _compact(self, keep: set[str], room: int) -> None:
        """Empty the memo but for ``keep`` (the tokens the current batch needs) and, up to half the
        memo (and never more than ``room`` rows in all), the tokens seen in the most batches, moved
        to rows 1…. Frequent words return in every batch: keeping them saves ~12 % of the
        encodings over 500 news articles against keeping the batch's tokens alone.

        ``kept_rows`` (their previous rows, in order) lets a companion table follow
        (:meth:`marsad.ner._ensemble.CrfScorer.sync`); ``generation`` counts the compactions.
        """
        kept = {self._memo[t] for t in keep}
        extra = min(MEMO_TOKENS // 2, room) - len(kept)
        if extra > 0:
            others = np.array(sorted(set(range(1, self._rows)) - kept), np.int64)
            if len(others) > extra:
                others = others[np.argsort(-self._hits[others], kind="stable")[:extra]]
            kept.update(others.tolist())
        old = sorted(kept)
        rows = np.array(old, np.int64)
        n = len(old)
        self._pre_f[1 : 1 + n] = self._pre_f[rows]  # the gather copies first: overlapping rows are safe
        self._pre_b[1 : 1 + n] = self._pre_b[rows]
        tokens = [self.row_tokens[r] for r in old]
        self._hits[1 : 1 + n] = self._hits[rows]
        self._hits[1 + n :] = 0
        self._memo.clear()
        self._memo.update(zip(tokens, range(1, 1 + n), strict=True))
        self.row_tokens[1:] = tokens
        self.kept_rows = rows
        self.generation += 1
        self._rows = 1 + n

    @staticmethod
    def chunk_ids(inputs: _Inputs, idx: Sequence[int]) -> tuple[I64, I64]:
        """The memo rows ``(len(idx), t)`` of the prepared sentences ``idx`` (0 past the end), and their lengths."""
        seqs = [inputs.ids[j] for j in idx]
        lengths = np.array([len(s) for s in seqs], np.int64)
        ids = np.zeros((len(seqs), int(lengths.max(initial=0)) or 1), np.int64)
        for i, seq in enumerate(seqs):
            ids[i, : len(seq)] = seq
        return ids, lengths

    def chunk_emissions(self, inputs: _Inputs, idx: Sequence[int]) -> tuple[F32, I64]:
        """Emission scores ``(len(idx), t, n_tags)`` of the prepared sentences ``idx``, and their lengths."""
        ids, lengths = self.chunk_ids(inputs, idx)
        return self.emissions_of(inputs, ids, lengths), lengths

    def emissions_of(self, inputs: _Inputs, ids: I64, lengths: I64) -> F32:
        """Emission scores of sentences given as memo rows ``ids`` (see :meth:`chunk_ids`)."""
        if len(lengths) > 1 and bool((lengths[1:] > lengths[:-1]).any()):  # the runner wants longest first
            order = np.argsort(-lengths, kind="stable")
            em_sorted = self.emissions_of(inputs, ids[order], lengths[order])
            em_back: F32 = np.empty_like(em_sorted)
            em_back[order] = em_sorted
            return em_back
        rev = _reverse_index(lengths, ids.shape[1])
        rows = np.arange(ids.shape[0])[:, None]
        hid = self.fwd.w_hh.shape[1]
        pre_f, pre_b = inputs.fwd[ids], inputs.bwd[ids[rows, rev]]
        ctx = None
        if self.lm_at:  # the language models first: their states are in text order in ``ctx``
            g = 4 * hid
            lm = _run_both(*self._lm_rec, pre_f[:, :, g:], pre_b[:, :, g:], lengths)
            h_lm = self._lm_rec[0].shape[0]
            ctx = np.concatenate([lm[:, :, :h_lm], lm[:, :, h_lm:][rows, rev]], axis=2)
            pre_f, pre_b = pre_f[:, :, :g], pre_b[:, :, :g]
            if self._lm_ctx is not None:
                pre_f = np.add(pre_f, ctx @ self._lm_ctx[0], dtype=np.float32)
                pre_b = np.add(pre_b, (ctx @ self._lm_ctx[1])[rows, rev], dtype=np.float32)
        out = _run_both(*self._rec, pre_f, pre_b, lengths)
        backward = (out[:, :, hid:] @ self.out_w[hid : 2 * hid])[rows, rev]  # back into text order
        em: F32 = out[:, :, :hid] @ self.out_w[:hid] + backward + self.out_b
        if ctx is not None and self._lm_ctx is None:
            em += ctx @ self.out_w[2 * hid :]
        return em

    def emissions(self, sents: Sequence[Sequence[str]]) -> tuple[F32, I64]:
        """Emission scores ``(len(sents), t, n_tags)`` and the sentence lengths."""
        return self.chunk_emissions(self.prepare(sents), range(len(sents)))

    def _viterbi(self, em: F32, lengths: I64) -> I64:
        return self.viterbi(em, lengths, self.trans, self.start, self.end)

    @staticmethod
    def viterbi(em: F32, lengths: I64, trans: F32, start: F32, end: F32) -> I64:
        """Best tag paths for a padded batch; past a sentence's end its last tag repeats.

        Rows sorted longest first (as :meth:`tag_batch` sends them) let step ``k`` work on the
        leading rows still inside their sentence only; other orders are sorted here.
        """
        b, t, n = em.shape
        if b > 1 and bool((lengths[1:] > lengths[:-1]).any()):
            order = np.argsort(-lengths, kind="stable")
            sorted_paths = BiLstmTagger.viterbi(em[order], lengths[order], trans, start, end)
            paths: I64 = np.empty_like(sorted_paths)
            paths[order] = sorted_paths
            return paths
        alive = np.searchsorted(-lengths, -np.arange(t), side="left").tolist()
        score = start + em[:, 0]
        back = np.zeros((b, t, n), np.int64)
        back[:] = np.arange(n)  # past a sentence's end the path stays where it is
        for k in range(1, t):
            m = alive[k]
            cand = score[:m, :, None] + trans
            best = cand.argmax(axis=1)
            back[:m, k] = best
            score[:m] = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0] + em[:m, k]
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
        inputs = self.prepare(sents)
        order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
        out: list[list[str]] = [[] for _ in sents]
        for i in range(0, len(order), CHUNK):
            idx = order[i : i + CHUNK][::-1]  # longest first (see _run_both)
            em, lengths = self.chunk_emissions(inputs, idx)
            paths = self._viterbi(em, lengths)
            for row, j in enumerate(idx):
                out[j] = [self.tags[k] for k in paths[row, : lengths[row]]]
        return out
