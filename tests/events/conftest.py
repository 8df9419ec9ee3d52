"""Helpers for the rule-stage golden tests: run the pipeline on sentences we wrote.

These golden tests document the trigger lexicon and the rules around it (modes from the object,
context filters, merging, places, statuses), so ``analyse`` runs the pipeline with the lexicon as
its only event detector (``[events] detector = "rules"``). The learned model that decides with it by
default is tested in ``test_learned.py`` and measured on held-out gold by the evaluation gates.
"""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def rules_pipeline():  # type: ignore[no-untyped-def]
    from marsad.config import load_settings
    from marsad.pipeline import Pipeline

    return Pipeline.build(load_settings(overrides={"pipeline": {"on_error": "raise"}, "events": {"detector": "rules"}}))


@pytest.fixture(scope="session")
def analyse(rules_pipeline):  # type: ignore[no-untyped-def]
    from marsad.analyze import analyze_text

    def run(text: str, published: str = "2025-03-12") -> dict[str, Any]:
        return analyze_text(text, rules_pipeline, published=published)

    return run


@pytest.fixture(scope="session")
def analyse_both():  # type: ignore[no-untyped-def]
    """The shipped detectors (lexicon and learned model), for tests of what is computed after
    detection (counts, dates) on sentences only the model finds events in."""
    from marsad.analyze import analyze_text
    from marsad.config import load_settings
    from marsad.pipeline import Pipeline

    pipe = Pipeline.build(load_settings(overrides={"pipeline": {"on_error": "raise"}}))

    def run(text: str, published: str = "2025-03-12") -> dict[str, Any]:
        return analyze_text(text, pipe, published=published)

    return run
