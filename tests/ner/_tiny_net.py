"""Tiny random BiLSTM-CRF exports for the runner's tests (the arrays ``training/ner/bilstm.py`` writes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Arrays = dict[str, npt.NDArray[Any]]
CHARS = ["<pad>", "<unk>", *"ابتديرضقلنوي"]


def lstm_arrays(rng: np.random.Generator, name: str, sfx: str, hid: int, d_in: int) -> Arrays:
    """One direction of a torch ``nn.LSTM`` as exported (``{name}__weight_ih_l0{sfx}`` …)."""
    return {
        f"{name}__weight_ih_l0{sfx}": rng.normal(size=(4 * hid, d_in)).astype(np.float32),
        f"{name}__weight_hh_l0{sfx}": rng.normal(size=(4 * hid, hid)).astype(np.float32),
        f"{name}__bias_ih_l0{sfx}": rng.normal(size=4 * hid).astype(np.float32),
        f"{name}__bias_hh_l0{sfx}": rng.normal(size=4 * hid).astype(np.float32),
    }


def tagger_arrays(rng: np.random.Generator, vocab: Sequence[str], tags: Sequence[str], *, dim: int, hid: int,
                  filters: int, char_dim: int, d_in: int, d_out: int, unit_rows: bool = False) -> Arrays:
    """Word table (int8), char-CNN, the BiLSTM (input width ``d_in``), output layer (width
    ``d_out``) and CRF; ``unit_rows`` normalises the word vectors as the training script does."""
    emb = rng.normal(size=(len(vocab), dim)).astype(np.float32)
    emb[:2] = 0
    if unit_rows:
        emb[2:] /= np.linalg.norm(emb[2:], axis=1, keepdims=True)
    scale = np.abs(emb).max(axis=1, keepdims=True) / 127 + 1e-12
    a: Arrays = {
        "tags": np.array(tags), "vocab": np.array(vocab), "chars": np.array(CHARS),
        "emb_q": np.round(emb / scale).astype(np.int8), "emb_scale": scale.astype(np.float32),
        "cemb__weight": rng.normal(size=(len(CHARS), char_dim)).astype(np.float32),
        "conv__weight": rng.normal(size=(filters, char_dim, 3)).astype(np.float32),
        "conv__bias": rng.normal(size=filters).astype(np.float32),
        "out__weight": rng.normal(size=(len(tags), d_out)).astype(np.float32),
        "out__bias": rng.normal(size=len(tags)).astype(np.float32),
        "crf__trans": rng.normal(size=(len(tags), len(tags))).astype(np.float32),
        "crf__start": np.zeros(len(tags), np.float32), "crf__end": np.zeros(len(tags), np.float32),
    }  # fmt: skip
    a["cemb__weight"][0] = 0
    for sfx in ("", "_reverse"):
        a.update(lstm_arrays(rng, "lstm", sfx, hid, d_in))
    return a
