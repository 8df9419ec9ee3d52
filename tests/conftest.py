"""Shared fixtures: where ../shared is, and a pipeline that raises on stage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "examples" / "000_d6cd407ba9de5a66.txt"
GOLD = SHARED / "gold" / "dev.jsonl"


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is not next to the repository)")
    return path


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from marsad.config import load_settings
    from marsad.pipeline import Pipeline

    return Pipeline.build(load_settings(overrides={"pipeline": {"on_error": "raise"}}))
