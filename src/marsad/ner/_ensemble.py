"""Product-of-experts tagger: the feature CRF (python-crfsuite model, :mod:`marsad.ner._features`)
and the BiLSTM-CRF (:mod:`marsad.ner._bilstm`) add their per-token label scores and their
transition scores with fixed weights, and one Viterbi decodes the sum.

The CRF's scores are computed here with numpy from the weights read out of the crfsuite
model (``Tagger.info()``), the same sums crfsuite computes, so both networks share one batched
decode. Per-token attribute rows are memoised like the features themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from marsad.ner._bilstm import CHUNK, BiLstmTagger
from marsad.ner._features import _WINDOW_KEYS, Feats, Resources, _cached_word_feats

__all__ = ["CrfScorer", "EnsembleTagger"]

F32 = npt.NDArray[np.float32]
_OFFSETS = (-2, -1, 1, 2)
# (own rows, own values, {offset: (rows, values)}) of one surface token
_TokRows = tuple[list[int], list[float], dict[int, tuple[list[int], list[float]]]]


class CrfScorer:
    """State and transition scores of a crfsuite model over the features of ``_features``."""

    def __init__(self, model_file: Path, res: Resources, tags: Sequence[str]) -> None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_file))
        info = tagger.info()
        lab = {t: i for i, t in enumerate(tags)}
        attrs = sorted({a for a, _ in info.state_features})
        self._row = {a: i + 1 for i, a in enumerate(attrs)}  # row 0: attribute without weights
        self.weights = np.zeros((len(attrs) + 1, len(tags)), np.float32)
        for (a, y), v in info.state_features.items():
            self.weights[self._row[a], lab[y]] = v
        self.trans = np.zeros((len(tags), len(tags)), np.float32)
        for (y1, y2), v in info.transitions.items():
            self.trans[lab[y1], lab[y2]] = v
        self._res = res
        self._feats: dict[str, Feats] = {}
        self._rows: dict[str, _TokRows] = {}
        self._pad = {d: self._row.get(f"{d}pad", 0) for d in _OFFSETS}
        self._bias = self._row.get("bias", 0)

    def _pairs(self, items: list[tuple[str, str | float]]) -> tuple[list[int], list[float]]:
        get = self._row.get
        rows = [get(f"{k}:{v}", 0) if isinstance(v, str) else get(k, 0) for k, v in items]
        vals = [1.0 if isinstance(v, str) else float(v) for _, v in items]
        return rows, vals

    def _token_rows(self, tok: str) -> _TokRows:
        hit = self._rows.get(tok)
        if hit is not None:
            return hit
        f = _cached_word_feats(tok, self._res, self._feats)
        own = self._pairs(list(f.items()))
        win = [(k, f[k]) for k in _WINDOW_KEYS if k in f]
        gaz = [(k, v) for k, v in f.items() if k[0] == "g"]
        nb = {d: self._pairs([(f"{d}{k}", v) for k, v in (win + gaz if abs(d) == 1 else win)])
              for d in _OFFSETS}
        hit = (own[0], own[1], nb)
        if len(self._rows) < 200_000:
            self._rows[tok] = hit
        return hit

    def _stem(self, tok: str) -> str | float:
        return _cached_word_feats(tok, self._res, self._feats)["s"]

    def emissions(self, sents: Sequence[Sequence[str]], width: int) -> F32:
        """``(len(sents), width, n_tags)`` state scores; positions past a sentence's end are 0."""
        rows: list[int] = []
        vals: list[float] = []
        starts: list[int] = []
        slots: list[int] = []
        for i, sent in enumerate(sents):
            toks = [self._token_rows(t) for t in sent]
            stems = [self._feats[t]["s"] if t in self._feats else self._stem(t) for t in sent]
            n = len(sent)
            for k, (orows, ovals, _) in enumerate(toks):
                starts.append(len(rows))
                slots.append(i * width + k)
                rows.append(self._bias)
                vals.append(1.0)
                rows += orows
                vals += ovals
                for d in _OFFSETS:
                    j = k + d
                    if 0 <= j < n:
                        r, v = toks[j][2][d]
                        rows += r
                        vals += v
                    else:
                        rows.append(self._pad[d])
                        vals.append(1.0)
                if k > 0:
                    rows.append(self._row.get(f"-1w|w:{stems[k - 1]}|{stems[k]}", 0))
                    vals.append(1.0)
                if k + 1 < n:
                    rows.append(self._row.get(f"w|+1w:{stems[k]}|{stems[k + 1]}", 0))
                    vals.append(1.0)
        em = np.zeros((len(sents) * width, self.weights.shape[1]), np.float32)
        if starts:
            m = self.weights[np.array(rows)] * np.array(vals, np.float32)[:, None]
            em[np.array(slots)] = np.add.reduceat(m, np.array(starts), axis=0)
        return em.reshape(len(sents), width, -1)


class EnsembleTagger:
    """``crf_weight`` × CRF scores + (1 − ``crf_weight``) × BiLSTM-CRF scores, Viterbi-decoded."""

    def __init__(self, bilstm: BiLstmTagger, crf: CrfScorer, crf_weight: float) -> None:
        self._net = bilstm
        self._crf = crf
        a, b = crf_weight, 1.0 - crf_weight
        self._trans = (b * bilstm.trans + a * crf.trans).astype(np.float32)
        self._start = (b * bilstm.start).astype(np.float32)
        self._end = (b * bilstm.end).astype(np.float32)
        self._a, self._b = np.float32(a), np.float32(b)

    def tag_batch(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in sents]
        order = [i for i in sorted(range(len(sents)), key=lambda i: len(sents[i])) if sents[i]]
        net = self._net
        for i in range(0, len(order), CHUNK):
            idx = order[i : i + CHUNK]
            chunk = [sents[j] for j in idx]
            em, lengths = net.emissions(chunk)
            em = self._b * em + self._a * self._crf.emissions(chunk, em.shape[1])
            paths = net.viterbi(em, lengths, self._trans, self._start, self._end)
            for row, j in enumerate(idx):
                out[j] = [net.tags[k] for k in paths[row, : lengths[row]]]
        return out
