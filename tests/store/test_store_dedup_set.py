"""The cross-outlet dedup set: pairwise cluster precision and recall ≥ 0.9, whatever the order."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from marsad.store import SqlStore, open_store
from marsad.store.evaluate import pairwise_prf

DATA = Path(__file__).resolve().parent / "data" / "dedup"


def _load() -> tuple[list[dict[str, Any]], dict[str, list[tuple[str, str]]]]:
    records = [json.loads(line) for line in (DATA / "records.jsonl").read_text("utf-8").splitlines() if line]
    gold = {k: [(a, b) for a, b in v] for k, v in json.loads((DATA / "clusters.json").read_text("utf-8")).items()}
    return records, gold


def _predicted(store: SqlStore) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for event_id, article_id, local_id in store.db.execute("SELECT event_id, article_id, local_id FROM event_mentions"):
        out.setdefault(str(event_id), []).append((str(article_id), str(local_id)))
    return out


def test_set_shape() -> None:
    records, gold = _load()
    assert len(records) >= 40
    assert len({r["source"] for r in records}) >= 8  # several outlets
    assert len({r["published"] for r in records}) >= 5  # several days
    ids = [a for members in gold.values() for a, _ in members]
    assert sorted(ids) == sorted(r["id"] for r in records)
    for r in records:
        ev = r["events"][0]["evidence"]
        assert r["text"][ev["start"] : ev["end"]] == ev["text"]


def test_pairwise_precision_recall(store: SqlStore) -> None:
    records, gold = _load()
    store.add_records(records)
    scores = pairwise_prf(_predicted(store), gold)
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.9, scores
    assert store.stats()["near_duplicate_articles"] >= 5


@pytest.mark.parametrize("seed", range(4))
def test_order_does_not_matter(seed: int, tmp_path: Path) -> None:
    records, gold = _load()
    random.Random(seed).shuffle(records)
    with open_store(tmp_path / "d.duckdb") as store:
        store.add_records(records)
        scores = pairwise_prf(_predicted(store), gold)
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.9, scores


def test_follow_up_continues_the_case(store: SqlStore) -> None:
    records, _ = _load()
    store.add_records(records)
    art = store.article("w-batha-followup")
    assert art is not None
    follow = store.event(art["store"]["events"]["V1"])
    assert follow is not None and follow.event.continues is not None
    case = store.event(follow.event.continues)
    assert case is not None and {m.article_id for m in case.mentions} >= {"snn-2015-08-03-894", "snn-2015-08-03-1291"}


def test_pairwise_prf_counts() -> None:
    gold = {"x": [("a", "1"), ("b", "1"), ("c", "1")]}
    pred = {"e1": [("a", "1"), ("b", "1")], "e2": [("c", "1")]}
    assert pairwise_prf(pred, gold) == {"precision": 1.0, "recall": 0.3333, "f1": 0.5, "predicted_pairs": 1,
                                        "gold_pairs": 3}  # fmt: skip
