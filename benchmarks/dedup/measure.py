"""Ingest the dedup test set into a fresh store and print pairwise cluster precision/recall.

Usage: ``PYTHONPATH=src python benchmarks/dedup/measure.py [--db URL]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from marsad.store import open_store
from marsad.store.evaluate import pairwise_prf

DATA = Path(__file__).resolve().parents[2] / "tests" / "store" / "data" / "dedup"


def measure(url: str) -> dict[str, Any]:
    records = [json.loads(line) for line in (DATA / "records.jsonl").read_text("utf-8").splitlines() if line]
    gold = {k: [tuple(x) for x in v] for k, v in json.loads((DATA / "clusters.json").read_text("utf-8")).items()}
    with open_store(url) as store:
        results = store.add_records(records)
        rows = store.db.execute("SELECT event_id, article_id, local_id FROM event_mentions")
        stats = store.stats()
        cont = store.db.execute("SELECT id, continues FROM events WHERE continues IS NOT NULL")
    predicted: dict[str, list[tuple[str, str]]] = {}
    for event_id, article_id, local_id in rows:
        predicted.setdefault(str(event_id), []).append((str(article_id), str(local_id)))
    scores = pairwise_prf(predicted, gold)  # type: ignore[arg-type]
    return scores | {
        "records": len(records),
        "near_duplicates": sum(r.status == "near_duplicate" for r in results),
        "events": stats["tables"]["events"],
        "gold_clusters": len(gold),
        "continues_links": len(cont),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(measure(args.db or str(Path(tmp) / "dedup.duckdb")), indent=1))


if __name__ == "__main__":
    main()
