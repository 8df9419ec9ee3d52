"""Helpers for the rule-stage golden tests: run the full pipeline on sentences we wrote."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def analyse(pipeline):  # type: ignore[no-untyped-def]
    from marsad.analyze import analyze_text

    def run(text: str, published: str = "2025-03-12") -> dict[str, Any]:
        return analyze_text(text, pipeline, published=published)

    return run
