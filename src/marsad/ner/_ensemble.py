"""Product-of-experts tagger: the feature CRF (python-crfsuite model, :mod:`marsad.ner._features`)
and the BiLSTM-CRF (:mod:`marsad.ner._bilstm`) add their per-token label scores and their
transition scores with fixed weights, and one Viterbi decodes the sum.

The CRF's scores are computed here with numpy from the weights read out of the crfsuite
model (``Tagger.info()``), the same sums crfsuite computes, so both networks share one batched
decode. Each distinct token's weight sums (as the current word, and as the neighbour at each
window offset) are computed once and kept in a table, so a sentence's scores are a few
gathers plus one lookup per word bigram.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from marsad.ner._bilstm import CHUNK, BiLstmTagger
from marsad.ner._features import _WINDOW_KEYS, Feats, Resources, _cached_word_feats

__all__ = ["CrfScorer", "EnsembleTagger"]

F32 = npt.NDArray[np.float32]
_OFFSETS = (-2, -1, 1, 2)


class CrfScorer:
    """State and transition scores of a crfsuite model over the features of ``_features``."""

    def __init__(self, model_file: Path, res: Resources, tags: Sequence[str]) -> None:
        # optional dependency: python-crfsuite, for the CRF backend only
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
        # per token of the BiLSTM's memo (same rows): its summed weights as the current token and as
        # the neighbour at each offset. Row 0 stands for the positions outside a sentence: nothing
        # as the current token, the «pad» attributes as a neighbour
        self._table = np.zeros((1024, 1 + len(_OFFSETS), len(tags)), np.float32)
        self._generation = 0
        self._bigrams = _Bigrams(self._row)
        # per row: the bigram id of the token's stripped form (-1: in no weighted bigram); the
        # number of rows filled so far
        self._sid = np.full(1024, -1, np.int64)
        self._filled = 1
        for slot, d in enumerate(_OFFSETS, start=1):
            self._table[0, slot] = self._vec([(f"{d}pad", 1.0)])
        self._by_feature, self._slot_weights = self._feature_table()
        self._bias = self._vec([("bias", 1.0)])

    def _vec(self, items: list[tuple[str, str | float]]) -> F32:
        """Summed weight rows of attributes given as (name, value) pairs, crfsuite-style."""
        get = self._row.get
        rows = [get(f"{k}:{v}", 0) if isinstance(v, str) else get(k, 0) for k, v in items]
        vals = np.array([1.0 if isinstance(v, str) else float(v) for _, v in items], np.float32)
        out: F32 = vals @ self.weights[rows] if rows else np.zeros(self.weights.shape[1], np.float32)
        return out

    def _feature_table(self) -> tuple[dict[str, dict[str | None, int]], F32]:
        """Every weighted token feature (name, string value or None for a real-valued one) → a row
        of ``(5, n_tags)`` weights: the feature's weights as the current token's attribute, then
        as the neighbour's at each offset (``w:X``, ``-2w:X``, ``-1w:X``, ``1w:X``, ``2w:X``)."""
        prefix = {str(d): slot for slot, d in enumerate(_OFFSETS, start=1)}
        neighbour = re.compile(r"(-?[12])(.+)")
        index: dict[str, dict[str | None, int]] = {}
        rows: list[tuple[int, int, int]] = []  # (table row, slot, weight row)
        n_rows = 0
        for attr, r in self._row.items():
            name, sep, value = attr.partition(":")
            slot = 0
            m = neighbour.fullmatch(name)
            if m is not None:
                if m.group(2) not in _WINDOW_KEYS and m.group(2)[0] != "g":
                    continue  # a pad marker: not a token feature
                slot, name = prefix[m.group(1)], m.group(2)
            elif "|" in name or name == "bias":
                continue  # word bigrams and the bias are added per position, not per token
            by_value = index.setdefault(name, {})
            row = by_value.setdefault(value if sep else None, n_rows)
            n_rows = max(n_rows, row + 1)
            rows.append((row, slot, r))
        table = np.zeros((n_rows + 1, 1 + len(_OFFSETS), self.weights.shape[1]), np.float32)  # + «absent»
        for row, slot, r in rows:
            table[row, slot] += self.weights[r]
        return index, table

    def _new_vecs(self, toks: list[str]) -> F32:
        """``(len(toks), 5, n_tags)`` weight sums: each token as the current word, then as the
        neighbour at each offset in ``_OFFSETS``; one table row per weighted feature, gathered
        feature by feature over all the tokens (the last table row is zero: feature absent)."""
        feats = [_cached_word_feats(t, self._res, self._feats) for t in toks]
        table = self._slot_weights
        absent = table.shape[0] - 1
        out = np.zeros((len(toks), *table.shape[1:]), np.float32)
        for name, by_value in self._by_feature.items():
            if None in by_value:  # a real-valued feature (gazetteer flag, vector dimension)
                values = [f.get(name) for f in feats]
                scale = np.array([v if isinstance(v, float) else 0.0 for v in values], np.float32)
                if scale.any():
                    out += table[by_value[None]] * scale[:, None, None]
                continue
            # string-valued: an absent feature (None) or a value without weights is the zero row
            get = by_value.get
            out += table[np.array([get(f.get(name), absent) for f in feats], np.int64)]  # type: ignore[arg-type]
        return out

    def sync(self, net: BiLstmTagger) -> None:
        """Bring the table up to the rows of the BiLSTM's token memo. After one compaction of the
        memo the rows it kept are moved like the memo's; otherwise the table is rebuilt."""
        if net.generation != self._generation:
            rows = net.kept_rows
            if net.generation == self._generation + 1 and (not len(rows) or int(rows[-1]) < self._filled):
                self._table[1 : 1 + len(rows)] = self._table[rows]
                self._sid[1 : 1 + len(rows)] = self._sid[rows]
                self._filled = 1 + len(rows)
            else:
                self._filled = 1
            self._generation = net.generation
        lo, hi = self._filled, len(net.row_tokens)
        if hi <= lo:
            return
        fresh = net.row_tokens[lo:hi]
        if hi > self._table.shape[0]:
            size = max(hi, 2 * self._table.shape[0])
            grown = np.zeros((size, *self._table.shape[1:]), np.float32)
            grown[: self._table.shape[0]] = self._table
            self._table = grown
            self._sid = np.concatenate([self._sid, np.full(size - len(self._sid), -1, np.int64)])
        self._table[lo:hi] = self._new_vecs(fresh)
        sid = self._bigrams.ids.get
        self._sid[lo:hi] = [sid(str(self.features(t)["s"]), -1) for t in fresh]
        self._filled = hi

    def features(self, tok: str) -> Feats:
        """The per-token features of one surface token (memoised)."""
        return _cached_word_feats(tok, self._res, self._feats)

    def emissions(self, ids: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]) -> F32:
        """``(b, width, n_tags)`` state scores of sentences given as memo rows (0 past the end,
        see :meth:`sync`); positions past a sentence's end score 0."""
        width = ids.shape[1]
        live = np.arange(width)[None, :] < lengths[:, None]
        reach = max(abs(d) for d in _OFFSETS)
        ext = np.zeros((ids.shape[0], width + 2 * reach), np.int64)  # row 0 (outside) on both sides
        ext[:, reach : reach + width] = ids
        em = self._table[ids, 0] + self._bias
        for slot, d in enumerate(_OFFSETS, start=1):
            em += self._table[ext[:, reach + d : reach + d + width], slot]
        # word bigrams of the stripped forms: pairs of neighbouring rows whose forms both occur in
        # a weighted bigram, looked up as integer keys (positions past the end are row 0: id -1)
        sid = self._sid[ids]
        first, second = sid[:, :-1], sid[:, 1:]
        rows_at, cols_at = np.nonzero((first >= 0) & (second >= 0))
        if len(rows_at):
            keys = first[rows_at, cols_at] * self._bigrams.n_ids + second[rows_at, cols_at]
            flat = em.reshape(ids.shape[0] * width, -1)
            at = rows_at * width + cols_at  # the first word's position
            for known, weight_rows, shift in ((self._bigrams.prev_keys, self._bigrams.prev_rows, 1),
                                              (self._bigrams.next_keys, self._bigrams.next_rows, 0)):
                if not len(known):
                    continue
                pos = np.minimum(np.searchsorted(known, keys), len(known) - 1)
                hit = known[pos] == keys
                flat[at[hit] + shift] += self.weights[weight_rows[pos[hit]]]
        out: F32 = np.where(live[:, :, None], em, 0.0).astype(np.float32)
        return out


class _Bigrams:
    """The CRF's word-bigram attributes (``-1w|w:A|B`` for the current word B after A, ``w|+1w:A|B``
    for the current word A before B) as sorted integer keys ``id(A) · n_ids + id(B)``.

    A value ``A|B`` is split at every «|» (a stripped form may hold one), so every pair whose
    joined form is the attribute's value finds it, as a string lookup of ``f"{a}|{b}"`` would.
    """

    def __init__(self, attr_rows: dict[str, int]) -> None:
        self.ids: dict[str, int] = {}
        pairs: dict[str, list[tuple[str, str, int]]] = {"-1w|w": [], "w|+1w": []}
        for attr, row in attr_rows.items():
            name, _, value = attr.partition(":")
            if name not in pairs:
                continue
            parts = value.split("|")
            for k in range(1, len(parts)):
                a, b = "|".join(parts[:k]), "|".join(parts[k:])
                pairs[name].append((a, b, row))
                self.ids.setdefault(a, len(self.ids))
                self.ids.setdefault(b, len(self.ids))
        self.n_ids = max(len(self.ids), 1)
        self.prev_keys, self.prev_rows = self._sorted(pairs["-1w|w"])
        self.next_keys, self.next_rows = self._sorted(pairs["w|+1w"])

    def _sorted(self, pairs: list[tuple[str, str, int]]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        keys = np.array([self.ids[a] * self.n_ids + self.ids[b] for a, b, _ in pairs], np.int64)
        rows = np.array([r for _, _, r in pairs], np.int64)
        order = np.argsort(keys, kind="stable")
        return keys[order], rows[order]


class EnsembleTagger:
    """``crf_weight`` × CRF scores + (1 − ``crf_weight``) × BiLSTM-CRF scores, less ``o_bias`` on the
    O tag, Viterbi-decoded."""

    def __init__(self, bilstm: BiLstmTagger, crf: CrfScorer, crf_weight: float, o_bias: float = 0.0) -> None:
        self._net = bilstm
        self._crf = crf
        # subtracted from every token's O score: the models, trained on names they then saw again in
        # their dev split, are timid with names never seen (chosen on out-of-training dev sets)
        self._o_bias = np.float32(o_bias)
        self._o = bilstm.tags.index("O") if "O" in bilstm.tags else -1
        bilstm.enc.features = crf.features  # both read the same per-token analysis, computed once
        a, b = crf_weight, 1.0 - crf_weight
        self._trans = (b * bilstm.trans + a * crf.trans).astype(np.float32)
        self._start = (b * bilstm.start).astype(np.float32)
        self._end = (b * bilstm.end).astype(np.float32)
        self._a, self._b = np.float32(a), np.float32(b)

    def tag_batch(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in sents]
        order = [i for i in sorted(range(len(sents)), key=lambda i: len(sents[i])) if sents[i]]
        net = self._net
        inputs = net.prepare(sents)
        self._crf.sync(net)
        for i in range(0, len(order), CHUNK):
            idx = order[i : i + CHUNK][::-1]  # longest first (see marsad.ner._lstm._run_both)
            ids, lengths = net.chunk_ids(inputs, idx)
            em = self._b * net.emissions_of(inputs, ids, lengths) + self._a * self._crf.emissions(ids, lengths)
            if self._o_bias and self._o >= 0:
                em[:, :, self._o] -= self._o_bias
            paths = net.viterbi(em, lengths, self._trans, self._start, self._end)
            for row, j in enumerate(idx):
                out[j] = [net.tags[k] for k in paths[row, : lengths[row]]]
        return out
