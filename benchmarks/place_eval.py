"""Print marsad's event-place accuracy on the place test set (``benchmarks/places/place_testset.tsv``).

Usage: PYTHONPATH=src python benchmarks/place_eval.py [-v]

Each sentence (written for the test set: cities bound to a proclitic, time words next to a place,
districts, communes, douars, border posts, mountains and camps, parent chains, every country of the
Maghreb and the Sahel) tells one event. The sentence is analysed (publication date 2025-03-12) and
its first event's place is compared with the expected one as ``marsad eval`` compares places
(:func:`marsad.evaluate.gold.place_equal`), and its country with the expected ISO code. A sentence
without an event counts as wrong on both. ``-v`` prints the misses.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from marsad.analyze import analyze
from marsad.evaluate.gold import place_equal
from marsad.inputs import ArticleInput
from marsad.pipeline import Pipeline

TESTSET = Path(__file__).resolve().parent / "places" / "place_testset.tsv"


def load(path: Path = TESTSET) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def main(argv: list[str]) -> None:
    rows = load()
    inputs = [ArticleInput(text=r["sentence"], origin=f"place:{i}", id=f"p{i}", published="2025-03-12")
              for i, r in enumerate(rows)]  # fmt: skip
    records = list(analyze(inputs, Pipeline.build()))
    score: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row, rec in zip(rows, records, strict=True):
        events = sorted(rec["events"], key=lambda e: e["evidence"]["start"])
        place = (events[0]["place"] or {}) if events else {}
        ok_place = bool(events) and place_equal(row["place"], place.get("name"))
        ok_country = bool(events) and place.get("country") == row["country"]
        for key in (row["family"], "all"):
            score[key][0] += 1
            score[key][1] += ok_place
            score[key][2] += ok_country
        if "-v" in argv and not (ok_place and ok_country):
            print(f"MISS [{row['family']}] {row['sentence']} | want {row['place']} {row['country']} | got "
                  f"{place.get('name')} {place.get('country')} {place.get('precision')}")  # fmt: skip
    for key in sorted(score, key=lambda k: (k == "all", k)):
        n, p, c = score[key]
        print(f"{key:10s} n={n:4d} place={p / n:.3f} country={c / n:.3f}")


if __name__ == "__main__":
    main(sys.argv)
