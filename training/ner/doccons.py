"""Document-level consistency (:func:`marsad.ner.consistency.propagate`) on ANERcorp.

ANERcorp has no article boundaries, so "documents" here are fixed windows of consecutive
sentences (20 by default: the dev split is made of 20-sentence blocks, so dev windows never
straddle two blocks). Report these numbers apart from the plain sentence-level ones (the
published ANERcorp convention).

    PYTHONPATH=src python training/ner/doccons.py MODEL_DIR_OR_NPZ [--test] [--window 20]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import data  # noqa: E402

from marsad.evaluate.conll import score_spans  # noqa: E402
from marsad.ner.consistency import propagate  # noqa: E402


def tagger(path: Path):  # type: ignore[no-untyped-def]
    if path.suffix == ".npz":
        from marsad.ner._bilstm import BiLstmTagger

        return BiLstmTagger.load(path, data.gazetteer(nerar=True))
    from marsad.ner.model import load_model

    return load_model(path)


def line(name: str, gold: list[list[str]], pred: list[list[str]]) -> str:
    rep = score_spans(gold, pred)
    per = " ".join(f"{k} {v.f1:.3f}" for k, v in rep.per_label.items())
    m = rep.micro
    return f"{name:28s} F1 {m.f1:.4f} P {m.precision:.3f} R {m.recall:.3f} {per}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", type=Path)
    ap.add_argument("--test", action="store_true")
    ap.add_argument("--window", type=int, default=20)
    args = ap.parse_args()
    sents = data.load(data.ANER_TEST) if args.test else data.anercorp_split()[1]
    toks = [x for x, _ in sents]
    gold = [g for _, g in sents]
    pred = tagger(args.model).tag_batch(toks)
    pred = [[t.replace("PERS", "PER") for t in p] for p in pred]
    print(line("sentence-level", gold, pred))
    w = args.window
    for ratio in (0.0, 0.5, 1.0, 2.0):
        for last in (False, True):
            out: list[list[str]] = []
            for i in range(0, len(toks), w):
                out += propagate(toks[i : i + w], pred[i : i + w], min_ratio=ratio, last_names=last)
            print(line(f"window {w} ratio {ratio} last {int(last)}", gold, out))


if __name__ == "__main__":
    main()
