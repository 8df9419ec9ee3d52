"""Reliability of the rule confidences on a gold file: bins of confidence vs observed precision.

Usage: PYTHONPATH=src python benchmarks/calibration.py [GOLD.jsonl] [--bins 5]

For events, quotes and relations, each prediction is matched one-to-one to the gold with the
scorer's own rules (:mod:`marsad.evaluate.gold`); a prediction is "correct" when it matched. The
table shows, per confidence bin, how many predictions fell in it, their mean confidence and the
share that was correct, plus the Brier score and a Platt fit (a, b) of correct ~ sigmoid(a·conf + b)
that the hand-set priors can be moved towards.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from marsad.analyze import analyze
from marsad.evaluate import gold as G
from marsad.evaluate.run import gold_inputs, load_jsonl
from marsad.pipeline import Pipeline

DEFAULT_GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "gold" / "dev.jsonl"


def _outcomes(golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, list[tuple[float, bool]]]:
    out: dict[str, list[tuple[float, bool]]] = {"events": [], "quotes": [], "relations": []}
    for g, p in zip(golds, preds, strict=True):
        text = p["text"]
        oks = {"events": G._event_ok(text), "quotes": G._quote_ok(text), "relations": G._relation_ok}
        for layer, ok in oks.items():
            pairs = G._match(g.get(layer, []), p.get(layer, []), ok)
            hit = {id(b) for _, b in pairs}
            out[layer] += [(float(x.get("confidence", 0.5)), id(x) in hit) for x in p.get(layer, [])]
    return out


def _platt(rows: list[tuple[float, bool]], steps: int = 2000, lr: float = 0.5) -> tuple[float, float]:
    a, b = 1.0, 0.0
    for _ in range(steps):
        ga = gb = 0.0
        for c, y in rows:
            q = 1 / (1 + math.exp(-(a * c + b)))
            ga += (q - y) * c
            gb += q - y
        a -= lr * ga / len(rows)
        b -= lr * gb / len(rows)
    return a, b


def report(rows: list[tuple[float, bool]], bins: int) -> str:
    lines = [f"{'bin':>11} {'n':>5} {'mean conf':>10} {'precision':>10}"]
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        sel = [(c, y) for c, y in rows if lo <= c < hi or (k == bins - 1 and c == 1.0)]
        if sel:
            mc = sum(c for c, _ in sel) / len(sel)
            pr = sum(y for _, y in sel) / len(sel)
            lines.append(f"{lo:4.2f}–{hi:4.2f} {len(sel):5d} {mc:10.3f} {pr:10.3f}")
    if rows:
        brier = sum((c - y) ** 2 for c, y in rows) / len(rows)
        a, b = _platt(rows)
        lines.append(f"n={len(rows)} precision={sum(y for _, y in rows) / len(rows):.3f} brier={brier:.3f} "
                     f"platt a={a:.2f} b={b:.2f}")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--bins", type=int, default=5)
    args = ap.parse_args()
    golds = load_jsonl(args.gold)
    preds = list(analyze(gold_inputs(golds), Pipeline.build()))
    for layer, rows in _outcomes(golds, preds).items():
        print(f"\n== {layer}")
        print(report(rows, args.bins))


if __name__ == "__main__":
    main()
