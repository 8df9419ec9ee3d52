"""Self-training experiment: tag SaudiNewsNet sentences with a CRF trained on ANERcorp train,
keep confident ones that contain entities, retrain on train + those, score dev.

    PYTHONPATH=src python training/ner/selftrain.py --base /tmp/nerexp/crfA --out /tmp/x
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import data  # noqa: E402
import train as tr  # noqa: E402

from marsad.ner._features import sentence_features  # noqa: E402
from marsad.ner.model import _read_resources  # noqa: E402

LOG = logging.getLogger("selftrain")


def pseudo_label(base: Path, corpus: Path, *, n_sample: int, min_prob: float, cap: int,
                 seed: int = 13) -> list[data.Sent]:
    import pycrfsuite

    res = _read_resources(base / "resources.json.gz")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(base / "ner.crfsuite"))
    lines = corpus.read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    cands = [s.split() for s in rng.sample(lines, min(n_sample * 3, len(lines)))]
    cands = [t for t in cands if 8 <= len(t) <= 40][:n_sample]
    out: list[data.Sent] = []
    cache: dict[str, dict[str, str | float]] = {}
    for toks in cands:
        tags = tagger.tag(sentence_features(toks, res, cache))
        if any(t != "O" for t in tags) and tagger.probability(tags) >= min_prob:
            out.append((toks, list(tags)))
    LOG.info("kept %d of %d sentences", len(out), len(cands))
    return out[:cap]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--sample", type=int, default=30000)
    ap.add_argument("--min-prob", type=float, default=0.9)
    ap.add_argument("--cap", type=int, default=4000)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    extra = pseudo_label(args.base, HERE / "cache/snn_folded.txt", n_sample=args.sample,
                         min_prob=args.min_prob, cap=args.cap)
    res = _read_resources(args.base / "resources.json.gz")
    train, dev = data.anercorp_split()
    model = args.out / "ner.crfsuite"
    tr.train_crf(train + extra, res, model, c1=0.1, c2=0.1, iters=200)
    rep = {"dev": tr.evaluate(model, res, dev),
           "test": tr.evaluate(model, res, data.load(data.ANER_TEST)), "n_pseudo": len(extra)}
    LOG.info("dev %s", tr.summary(rep["dev"]))
    LOG.info("test %s", tr.summary(rep["test"]))
    (args.out / "report.json").write_text(json.dumps(rep, indent=1))


if __name__ == "__main__":
    main()
