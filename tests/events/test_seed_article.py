"""The seed article through the whole pipeline: every gold event, quote and relation is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "examples" / "000_d6cd407ba9de5a66.txt"
GOLD = SHARED / "gold" / "dev.jsonl"


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is not next to the repository)")
    return path


def test_seed_gold_is_found(pipeline) -> None:  # type: ignore[no-untyped-def]
    from marsad.analyze import analyze_text
    from marsad.evaluate.gold import score_documents

    text = require_shared(SEED).read_text("utf-8")
    gold = json.loads(require_shared(GOLD).read_text("utf-8").splitlines()[0])
    rec = analyze_text(text, pipeline, published="2025-02-26", id=gold["doc"]["id"])
    report = score_documents([gold], [rec])
    layers = {name: score for name, score in report.layers.items()}
    assert layers["event_type"].tp == len(gold["events"])
    assert layers["relation"].tp == len(gold["relations"]) == len(rec["relations"])
    assert layers["quote"].tp == len(gold["quotes"])
    planned = [e for e in rec["events"] if e["type"] == "ASSAULT"]
    assert planned and planned[0]["status"] == "planned"
    assert all(r["attributed_to"] for r in rec["relations"])
