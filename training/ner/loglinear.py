"""Product-of-experts ensemble: the feature CRF's state and transition weights (read out of
the crfsuite model) added to the BiLSTM-CRF's emissions and transitions, one Viterbi.

Experiment helper (dev weights): ``PYTHONPATH=src python training/ner/loglinear.py CRF_DIR NPZ``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import data  # noqa: E402

from marsad.evaluate.conll import score_spans  # noqa: E402
from marsad.ner._bilstm import BiLstmTagger  # noqa: E402
from marsad.ner._features import sentence_features  # noqa: E402
from marsad.ner.model import _read_resources  # noqa: E402


class CrfScores:
    def __init__(self, model: Path, res, tags: list[str]) -> None:  # type: ignore[no-untyped-def]
        import pycrfsuite

        tg = pycrfsuite.Tagger()
        tg.open(str(model))
        info = tg.info()
        lab = {t: i for i, t in enumerate(tags)}
        attrs = sorted({a for a, _ in info.state_features})
        self.row = {a: i + 1 for i, a in enumerate(attrs)}  # row 0: unknown attribute
        self.w = np.zeros((len(attrs) + 1, len(tags)), np.float32)
        for (a, y), v in info.state_features.items():
            self.w[self.row[a], lab[y]] = v
        self.trans = np.zeros((len(tags), len(tags)), np.float32)
        for (y1, y2), v in info.transitions.items():
            self.trans[lab[y1], lab[y2]] = v
        self.res = res
        self.cache: dict = {}

    def emissions(self, sents: list[list[str]]) -> np.ndarray:
        t = max(map(len, sents))
        rows: list[int] = []
        vals: list[float] = []
        starts: list[int] = []
        slots: list[int] = []
        row = self.row
        for i, s in enumerate(sents):
            for k, f in enumerate(sentence_features(s, self.res, self.cache)):
                starts.append(len(rows))
                slots.append(i * t + k)
                for a, v in f.items():
                    if isinstance(v, str):
                        rows.append(row.get(f"{a}:{v}", 0))
                        vals.append(1.0)
                    else:
                        rows.append(row.get(a, 0))
                        vals.append(v)
        m = self.w[np.array(rows)] * np.array(vals, np.float32)[:, None]
        em = np.zeros((len(sents) * t, self.w.shape[1]), np.float32)
        em[np.array(slots)] = np.add.reduceat(m, np.array(starts), axis=0)
        return em.reshape(len(sents), t, -1)


def main() -> None:
    crf_dir, npz = Path(sys.argv[1]), Path(sys.argv[2])
    test = "--test" in sys.argv
    tg = BiLstmTagger.load(npz, data.gazetteer(nerar=True))
    crf = CrfScores(crf_dir / "ner.crfsuite", _read_resources(crf_dir / "resources.json.gz"), tg.tags)
    sets = {"dev": data.anercorp_split()[1]}
    if test:
        sets["test"] = data.load(data.ANER_TEST)
    lstm = (tg.trans.copy(), tg.start.copy(), tg.end.copy())
    for name, sents in sets.items():
        items = [(list(x), list(g)) for x, g in sents if x]
        items.sort(key=lambda p: len(p[0]))
        gold = [g for _, g in items]
        chunks = [[x for x, _ in items[i : i + 128]] for i in range(0, len(items), 128)]
        c0 = time.process_time()
        ems = [(tg.emissions(c), crf.emissions(c)) for c in chunks]
        secs = time.process_time() - c0
        ntok = sum(len(x) for x, _ in items)
        print(f"{name}: emissions of both at {ntok / secs:.0f} tok/cpu-s", flush=True)
        for a in ([1.0, 0.0, 0.3, 0.5, 0.7, 1.0] if not test else [float(x) for x in sys.argv[3:4]] or [0.5]):
            b = 1.0 - a if a <= 1.0 else 1.0
            tg.trans, tg.start, tg.end = b * lstm[0] + a * crf.trans, b * lstm[1], b * lstm[2]
            pred: list[list[str]] = []
            for (el, lengths), ec in ems:
                paths = tg._viterbi(b * el + a * ec, lengths)
                pred += [[tg.tags[j] for j in paths[r, : lengths[r]]] for r in range(len(lengths))]
            rep = score_spans(gold, pred)
            per = " ".join(f"{k} {v.f1:.3f}" for k, v in rep.per_label.items())
            print(f"{name} crf_weight {a} F1 {rep.micro.f1:.4f} P {rep.micro.precision:.3f} "
                  f"R {rep.micro.recall:.3f} {per}", flush=True)
        tg.trans, tg.start, tg.end = lstm


if __name__ == "__main__":
    main()
