"""marsad (مرصد): Arabic news to structured, evidence-linked security event data, offline."""

from __future__ import annotations

__version__ = "0.1.0"

from marsad.article import Article, Metadata, Span
from marsad.records import (
    Canonical,
    Entity,
    Event,
    Place,
    Quote,
    Relation,
    TimeRef,
)

__all__ = [
    "Article",
    "Canonical",
    "Entity",
    "Event",
    "Metadata",
    "Place",
    "Quote",
    "Relation",
    "Span",
    "TimeRef",
    "__version__",
]
