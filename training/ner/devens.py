"""Dev scores of product-of-experts ensembles: a train-only CRF plus one or several BiLSTM-CRF
exports (their emissions and transitions averaged, then added to the CRF's with ``crf_weight``).

    PYTHONPATH=src python training/ner/devens.py CRF_DIR A.npz [B.npz ...] [--weights 0.3,0.5]
    PYTHONPATH=src python training/ner/devens.py CRF_DIR A.npz --each   # every npz alone + CRF

``--test`` scores the ANERcorp test file instead of dev (finalists only, never for selection);
``--conll FILE`` another CoNLL file (e.g. AQMAR dev: out of domain, mostly unseen names), with the
micro F1 over PER/LOC/ORG beside the four-label one.
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
from loglinear import CrfScores  # noqa: E402

from marsad.evaluate.conll import score_spans  # noqa: E402
from marsad.ner._bilstm import BiLstmTagger  # noqa: E402
from marsad.ner.model import _read_resources  # noqa: E402


def lstm_scores(npz: Path, chunks: list[list[list[str]]]) -> tuple[list[np.ndarray], np.ndarray, ...]:  # type: ignore[misc]
    tg = BiLstmTagger.load(npz, data.gazetteer(nerar=True))
    ems = [tg.emissions(c)[0] for c in chunks]
    return ems, tg.trans, tg.start, tg.end  # type: ignore[return-value]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("crf", type=Path)
    ap.add_argument("npz", type=Path, nargs="+")
    ap.add_argument("--weights", default="0.5")
    ap.add_argument("--each", action="store_true", help="score each npz alone (with the CRF)")
    ap.add_argument("--test", action="store_true")
    ap.add_argument("--conll", type=Path, default=None, help="score this CoNLL file instead of dev")
    ap.add_argument("--o-bias", default="0", help="comma list: amounts subtracted from the O score")
    args = ap.parse_args()
    sents = (data.load(data.ANER_TEST) if args.test else data.load(args.conll) if args.conll
             else data.anercorp_split()[1])
    items = sorted(((list(x), list(g)) for x, g in sents if x), key=lambda p: len(p[0]))
    gold = [g for _, g in items]
    chunks = [[x for x, _ in items[i : i + 128]] for i in range(0, len(items), 128)]
    ref = BiLstmTagger.load(args.npz[0], data.gazetteer(nerar=True))
    crf = CrfScores(args.crf / "ner.crfsuite", _read_resources(args.crf / "resources.json.gz"), ref.tags)
    cem = [crf.emissions(c) for c in chunks]
    lengths = [np.array([len(s) for s in c]) for c in chunks]
    runs = {p: lstm_scores(p, chunks) for p in args.npz}
    groups = [[p] for p in args.npz] if args.each else [list(args.npz)]
    for grp in groups:
        k = len(grp)
        em = [sum(runs[p][0][i] for p in grp) / k for i in range(len(chunks))]
        trans, start, end = (sum(runs[p][j] for p in grp) / k for j in (1, 2, 3))
        for a, ob in [(float(w), float(o)) for w in args.weights.split(",") for o in args.o_bias.split(",")]:
            b = 1.0 - a
            shift = np.zeros(len(ref.tags), np.float32)
            shift[ref.tags.index("O")] = -ob
            pred: list[list[str]] = []
            for e, c, n in zip(em, cem, lengths, strict=True):
                paths = BiLstmTagger.viterbi(b * e + a * c + shift, n, b * trans + a * crf.trans, b * start, b * end)
                pred += [[ref.tags[j] for j in paths[r, : n[r]]] for r in range(len(n))]
            rep = score_spans(gold, pred)
            per = " ".join(f"{lab} {v.f1:.3f}" for lab, v in rep.per_label.items())
            name = "+".join(p.parent.name + "/" + p.stem for p in grp)
            plo = score_spans(*([[t if not t.endswith("MISC") else "O" for t in s] for s in x]
                                for x in (gold, pred))).micro.f1
            where = "test" if args.test else args.conll.name if args.conll else "dev"
            print(f"{where} {name} crf_weight {a} o_bias {ob} F1 {rep.micro.f1:.4f} (PLO {plo:.4f}) "
                  f"P {rep.micro.precision:.3f} R {rep.micro.recall:.3f} {per}", flush=True)


if __name__ == "__main__":
    main()
