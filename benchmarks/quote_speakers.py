"""Speaker accuracy of the quotes marsad matches to a gold file, and the errors behind it.

Usage: PYTHONPATH=src python benchmarks/quote_speakers.py GOLD.jsonl [--errors N]

``marsad eval`` scores a quote by its cue and content; this says, of the matched quotes, how often
the speaker is right: the gold speaker and marsad's, folded, are equal, one contains the other, or
half the gold words are marsad's. The corpus brief codes the speaker as written (the grammatical
subject of the cue: «المصدر», not the fuller naming an earlier sentence gave); ``dev.jsonl`` and
``dev2.jsonl`` sometimes resolve it to that naming, so their figures are lower bounds.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from marsad.analyze import analyze
from marsad.evaluate import gold as G
from marsad.evaluate.run import gold_inputs, load_jsonl
from marsad.pipeline import Pipeline


def same_speaker(gold: str | None, pred: str | None) -> bool:
    g, p = G.fold_for_scoring(gold or ""), G.fold_for_scoring(pred or "")
    if not g or not p:
        return g == p
    if g in p or p in g:
        return True
    gw = set(g.split())
    return len(gw & set(p.split())) / len(gw) >= 0.5


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--errors", type=int, default=0, help="print this many speaker errors")
    args = ap.parse_args(argv)
    golds = load_jsonl(args.gold)
    preds = list(analyze(gold_inputs(golds), Pipeline.build()))
    matched = right = 0
    errors: list[tuple[Any, ...]] = []
    for g, p in zip(golds, preds, strict=True):
        for gq, pq in G._match(g["quotes"], p["quotes"], G._quote_ok(p["text"])):
            matched += 1
            ok = same_speaker(gq.get("speaker"), pq["speaker"]["text"])
            right += ok
            if not ok:
                errors.append((gq["cue"], gq.get("speaker"), pq["speaker"]["text"]))
    print(f"{args.gold}: {matched} matched quotes, speaker right {right} = {right / max(matched, 1):.3f}")
    for cue, gold_sp, pred_sp in errors[: args.errors]:
        print(f"  {cue}\tgold: {gold_sp}\tmarsad: {pred_sp}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
