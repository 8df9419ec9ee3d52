"""Fixtures of the knowledge-base tests."""

from __future__ import annotations

import pytest

from marsad.article import Article
from marsad.records import Place


@pytest.fixture(scope="module")
def places_of(pipeline):  # type: ignore[no-untyped-def]
    """The places layer the pipeline (up to geo.places.v1, the NER model included) gives a text, by surface."""
    upto = pipeline.upto("geo.places.v1")

    def run(text: str) -> dict[str, Place]:
        out = upto(Article.create(text, id="t"))
        return {text[p.start : p.end]: p for p in out.layer("places") if p.start is not None and p.end is not None}

    return run
