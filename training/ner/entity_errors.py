"""The pipeline's entity errors on a gold JSONL, by label and by source (``ner.kb`` / ``ner.model``).

    PYTHONPATH=src python training/ner/entity_errors.py ../shared/gold/dev2.jsonl [--list] [--model DIR]

Scores as ``marsad eval`` does (distinct predicted surface forms, overlap of half the longer span,
labels equal, greedy in gold order), then prints P/R/F1 per gold/predicted label, the false
positives per source, and with ``--list`` every miss and false positive. ``--model`` runs the
pipeline with another NER model folder (a candidate) instead of the packaged one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from marsad.analyze import analyze  # noqa: E402
from marsad.evaluate.gold import _distinct_entities, _entity_ok, _match, doc_key  # noqa: E402
from marsad.evaluate.run import gold_inputs, load_jsonl  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402


def use_model(model_dir: Path) -> None:
    """Make the pipeline's NER stage load ``model_dir`` instead of the packaged model."""
    import marsad.ner.model as m

    m._default_model.cache_clear()
    m.DATA_DIR = model_dir


def errors(golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, Any]:
    by_key = {doc_key(p.get("text", "")): p for p in preds}
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    fp_src: Counter[str] = Counter()
    misses, false = [], []
    for g in golds:
        p = by_key[doc_key(g["doc"]["text"])]
        ents = _distinct_entities(p["entities"])
        pairs = _match(g["entities"], ents, _entity_ok(p["text"]))
        hit_g = {id(a) for a, _ in pairs}
        hit_p = {id(b) for _, b in pairs}
        for e in g["entities"]:
            n_gold[e["label"]] += 1
            if id(e) in hit_g:
                tp[e["label"]] += 1
            else:
                misses.append((g["doc"]["id"], e["label"], e["text"]))
        for e in ents:
            n_pred[e["label"]] += 1
            if id(e) not in hit_p:
                fp_src[f"{e['source']} {e['label']}"] += 1
                false.append((g["doc"]["id"], e["label"], e["text"], e["source"]))
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "fp_by_source": fp_src, "misses": misses, "false": false}


def f1(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--model", type=Path)
    ap.add_argument("--json", type=Path, help="write the errors here")
    args = ap.parse_args()
    if args.model:
        use_model(args.model)
    golds = load_jsonl(args.gold)
    preds = list(analyze(gold_inputs(golds), Pipeline.build()))
    rep = errors(golds, preds)
    t = sum(rep["tp"].values())
    p, r, f = f1(t, sum(rep["pred"].values()), sum(rep["gold"].values()))
    print(f"micro P/R/F1 {p:.3f} {r:.3f} {f:.3f}")
    for lab in sorted(rep["gold"] | rep["pred"]):
        p, r, f = f1(rep["tp"][lab], rep["pred"][lab], rep["gold"][lab])
        print(f"  {lab:<4} P/R/F1 {p:.3f} {r:.3f} {f:.3f}  (gold {rep['gold'][lab]}, pred {rep['pred'][lab]})")
    print("false positives by source:", dict(rep["fp_by_source"].most_common()))
    if args.list:
        for row in rep["misses"]:
            print("MISS", *row)
        for row in rep["false"]:
            print("FP  ", *row)
    if args.json:
        args.json.write_text(json.dumps({k: rep[k] for k in ("misses", "false")}, ensure_ascii=False, indent=0))


if __name__ == "__main__":
    main()
