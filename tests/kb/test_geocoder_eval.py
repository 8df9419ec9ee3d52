"""Geocoder accuracy floors on ≥ 300 Maghreb/Sahel names drawn from the shared gazetteers."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.kb.geo_eval import draw_cases, evaluate

_ROOT = Path(__file__).resolve().parents[2]
# <repo>/../shared (CI layout); worktrees under /work/wt/<name> find /work/shared one level up
SHARED = next(
    (
        p
        for p in (_ROOT / ".." / "shared", _ROOT / ".." / ".." / "shared")
        if (p / "data" / "gazetteers").is_dir()
    ),
    None,
)
pytestmark = pytest.mark.skipif(SHARED is None, reason="../shared/data/gazetteers is absent")


def test_geocoder_accuracy_floors() -> None:
    assert SHARED is not None
    cases = draw_cases(SHARED)
    assert len(cases) >= 300
    assert {c.country for c in cases} >= {"MAR", "DZA", "TUN", "LBY", "MRT", "MLI", "NER"}
    res = evaluate(cases)
    assert res.n_with_id >= 300
    assert res.country_accuracy >= 0.97
    assert res.id_accuracy >= 0.90


def test_clitic_variants_are_in_the_sample() -> None:
    assert SHARED is not None
    sentences = [c.sentence[c.start - 1 : c.start] for c in draw_cases(SHARED)]
    assert {"ب", "و", "ل", " "} <= set(sentences)
