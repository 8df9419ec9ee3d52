"""The place test set (benchmarks/places/place_testset.tsv): well formed and large enough."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

TESTSET = Path(__file__).resolve().parents[1] / "benchmarks" / "places" / "place_testset.tsv"
REGION = {"MAR", "ESH", "DZA", "TUN", "LBY", "MRT", "MLI", "NER", "BFA", "TCD"}


def test_place_testset_covers_the_families_and_the_region() -> None:
    lines = [ln for ln in TESTSET.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    assert len(rows) >= 300
    assert len({r["sentence"] for r in rows}) == len(rows)
    families = Counter(r["family"] for r in rows)
    assert set(families) == {"clitic", "time_word", "district", "chain", "division", "list"}
    assert {r["country"] for r in rows} >= REGION
    assert all(r["place"] and r["sentence"].strip() for r in rows)
