"""A short summary of analysis records: what the demo and `marsad summary` print."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Summary", "summarize"]


@dataclass
class Summary:
    articles: int = 0
    unreadable: int = 0
    entities: int = 0
    linked_entities: int = 0
    events: Counter[str] = field(default_factory=Counter)
    quotes: int = 0
    relations: Counter[str] = field(default_factory=Counter)
    diagnostics: Counter[str] = field(default_factory=Counter)


def summarize(records: Iterable[dict[str, Any]]) -> Summary:
    """Count articles, entities, events by type/mode, quotes, relations and diagnostic codes."""
    s = Summary()
    for rec in records:
        s.articles += 1
        s.unreadable += not rec.get("text")
        s.entities += len(rec.get("entities", []))
        s.linked_entities += sum(1 for e in rec.get("entities", []) if e.get("canonical"))
        s.events.update(f"{e['type']}/{e.get('mode') or '-'}" for e in rec.get("events", []))
        s.quotes += len(rec.get("quotes", []))
        s.relations.update(f"{r['a']}–{r['b']} {'+' if r['polarity'] > 0 else '−'}" for r in rec.get("relations", []))
        s.diagnostics.update(d["code"] for d in rec.get("diagnostics", []))
    return s
