"""The development gold through the whole pipeline: per-layer F1 floors and event calibration.

Two files, two roles:

- ``../shared/gold/dev.jsonl`` (27 articles) is what the rules were tuned on and, since the learned
  event model, part of its training data: its floors guard against regressions only;
- ``../shared/gold/dev2.jsonl`` (24 articles annotated without looking at marsad's output) is
  held out from the event model's training: its floors sit just under what ``marsad eval`` measured
  when they were set, and the event confidence is checked on it.

Floors only rise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold"
FLOORS = {
    "dev.jsonl": {"entity": 0.83, "event_type": 0.88, "event_full": 0.69, "quote": 0.95, "relation": 0.95},
    "dev2.jsonl": {"entity": 0.78, "event_type": 0.46, "event_full": 0.28, "quote": 0.89, "relation": 0.70},
}


def _score(pipeline: Any, name: str) -> tuple[Any, list[dict[str, Any]], list[dict[str, Any]]]:
    path = GOLD / name
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is not next to the repository)")
    from marsad.analyze import analyze
    from marsad.evaluate.gold import score_documents
    from marsad.evaluate.run import gold_inputs, load_jsonl

    golds = load_jsonl(path)
    preds = list(analyze(gold_inputs(golds, None), pipeline))
    return score_documents(golds, preds), golds, preds


@pytest.fixture(scope="module")
def scored(pipeline: Any) -> dict[str, tuple[Any, list[dict[str, Any]], list[dict[str, Any]]]]:
    return {name: _score(pipeline, name) for name in FLOORS}


@pytest.mark.parametrize(("name", "layer"), [(n, la) for n, floors in FLOORS.items() for la in floors])
def test_layer_f1_floor(scored: Any, name: str, layer: str) -> None:
    report = scored[name][0]
    floor = FLOORS[name][layer]
    assert report.layers[layer].f1 >= floor, f"{name} {layer} F1 {report.layers[layer].f1:.3f} < {floor}"


def test_event_confidence_on_held_out_news(scored: Any) -> None:
    """On dev2 (never trained on): the confident half of the events is more often right, the mean
    confidence is within 0.25 of the precision, and the Brier score stays under 0.26. The calibration
    is fitted on the corpus's dev split, whose events are harder (precision 0.45) than dev2's (0.63):
    on dev2 the confidence is conservative."""
    from marsad.evaluate import gold as G

    _, golds, preds = scored["dev2.jsonl"]
    rows: list[tuple[float, bool]] = []
    for g, p in zip(golds, preds, strict=True):
        hit = {id(b) for _, b in G._match(g["events"], p["events"], G._event_ok(p["text"]))}
        rows += [(float(e["confidence"]), id(e) in hit) for e in p["events"]]
    precision = sum(ok for _, ok in rows) / len(rows)
    mean_conf = sum(c for c, _ in rows) / len(rows)
    brier = sum((c - ok) ** 2 for c, ok in rows) / len(rows)
    assert abs(mean_conf - precision) <= 0.25
    assert brier <= 0.26
    ranked = sorted(rows)
    low, high = ranked[: len(ranked) // 2], ranked[len(ranked) // 2 :]
    assert sum(ok for _, ok in high) / len(high) > sum(ok for _, ok in low) / len(low)


#: Accuracy of the attributes of matched events on dev.jsonl and dev2.jsonl together (124 events;
#: issue 16 asks place 0.75, date 0.85, count 0.80). Floors only rise.
ATTRIBUTE_FLOORS = {"place": 0.75, "date": 0.87, "count": 0.88, "country": 0.79}


@pytest.mark.parametrize("attr", list(ATTRIBUTE_FLOORS))
def test_event_attribute_floor(scored: Any, attr: str) -> None:
    from marsad.evaluate.gold import score_documents

    golds = [g for name in FLOORS for g in scored[name][1]]
    preds = [p for name in FLOORS for p in scored[name][2]]
    accuracy = score_documents(golds, preds).attrs[attr]
    assert accuracy.total >= 120 and accuracy.value >= ATTRIBUTE_FLOORS[attr], f"{attr} {accuracy.value:.3f}"
