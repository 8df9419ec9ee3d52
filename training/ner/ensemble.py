"""Experiment: average the per-token tag marginals of the feature CRF (python-crfsuite) and of
the BiLSTM-CRF (forward-backward over its emissions), decode with BIO-valid Viterbi.

    PYTHONPATH=src python training/ner/ensemble.py CRF_DIR BILSTM_NPZ [--test]

CRF_DIR holds a train-only ``ner.crfsuite`` + ``resources.json.gz`` (``train.py --no-final``).
Not shipped: two models halve the throughput (below the issue's 20k tokens/s).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import data  # noqa: E402
from bilstm import TAGS  # noqa: E402

from marsad.evaluate.conll import score_spans  # noqa: E402
from marsad.ner._bilstm import BiLstmTagger  # noqa: E402
from marsad.ner._features import sentence_features  # noqa: E402
from marsad.ner.model import _read_resources  # noqa: E402


def lse(x: np.ndarray, axis: int) -> np.ndarray:
    m = x.max(axis=axis, keepdims=True)
    return np.squeeze(m, axis) + np.log(np.exp(x - m).sum(axis=axis))


def bilstm_marginals(tg: BiLstmTagger, sents: list[list[str]]) -> list[np.ndarray]:
    out = []
    for i in range(0, len(sents), 128):
        chunk = sents[i : i + 128]
        em, lengths = tg.emissions(chunk)
        for k, n in enumerate(lengths):
            e = em[k, :n].astype(np.float64)
            a = np.zeros_like(e)
            b = np.zeros_like(e)
            a[0] = tg.start + e[0]
            for t in range(1, n):
                a[t] = lse(a[t - 1][:, None] + tg.trans, 0) + e[t]
            b[n - 1] = tg.end
            for t in range(n - 2, -1, -1):
                b[t] = lse(tg.trans + (e[t + 1] + b[t + 1])[None, :], 1)
            z = lse(a[n - 1] + tg.end, 0)
            out.append(np.exp(a + b - z))
    return out


def crf_marginals(tagger, res, sents: list[list[str]]) -> list[np.ndarray]:  # type: ignore[no-untyped-def]
    out = []
    for s in sents:
        tagger.set(sentence_features(s, res))
        out.append(np.array([[tagger.marginal(y, t) for y in TAGS] for t in range(len(s))]))
    return out


def allowed() -> np.ndarray:
    ok = np.ones((len(TAGS), len(TAGS)))
    for j, tj in enumerate(TAGS):
        if tj.startswith("I-"):
            for i, ti in enumerate(TAGS):
                ok[i, j] = ti[2:] == tj[2:]
    return np.where(ok > 0, 0.0, -1e9)


def decode(p: np.ndarray, trans: np.ndarray) -> list[str]:
    lp = np.log(p + 1e-9)
    start = np.array([0.0 if not t.startswith("I-") else -1e9 for t in TAGS])
    score = start + lp[0]
    back = []
    for t in range(1, len(lp)):
        cand = score[:, None] + trans
        back.append(cand.argmax(0))
        score = cand.max(0) + lp[t]
    cur = int(score.argmax())
    path = [cur]
    for bk in reversed(back):
        cur = int(bk[cur])
        path.append(cur)
    return [TAGS[k] for k in reversed(path)]


def main() -> None:
    import pycrfsuite

    ap = argparse.ArgumentParser()
    ap.add_argument("crf_dir", type=Path)
    ap.add_argument("npz", type=Path)
    ap.add_argument("--test", action="store_true")
    args = ap.parse_args()
    res = _read_resources(args.crf_dir / "resources.json.gz")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(args.crf_dir / "ner.crfsuite"))
    tg = BiLstmTagger.load(args.npz, data.gazetteer(nerar=True))
    sets = {"dev": data.anercorp_split()[1]}
    if args.test:
        sets["test"] = data.load(data.ANER_TEST)
    trans = allowed()
    for name, sents in sets.items():
        toks = [list(t) for t, _ in sents if t]
        gold = [list(g) for t, g in sents if t]
        pc, pb = crf_marginals(tagger, res, toks), bilstm_marginals(tg, toks)
        for w in (0.0, 0.3, 0.5, 0.7, 1.0):
            pred = [decode(w * c + (1 - w) * b, trans) for c, b in zip(pc, pb, strict=True)]
            rep = score_spans(gold, pred)
            per = " ".join(f"{k} {v.f1:.3f}" for k, v in rep.per_label.items())
            print(f"{name} crf_weight {w} F1 {rep.micro.f1:.4f} {per}", flush=True)


if __name__ == "__main__":
    main()
