"""Actor codes from linked entities, shared by events and relations.

Decisions (documented for analysts):
- a state entity codes as its ISO alpha-3 (``Canonical.country``, else its id);
- an agency (police, army, ministry, court, intelligence) acts for its state: its ``country``;
- an armed or political group codes as its marsad id (``ISIL``, ``AQIM``); a cell "of" a group
  is coded as the group by the event rules (the nearest group mention);
- a grouping of states (``members``) is not an actor; it expands to its members in relations;
- where no state is named near an event, the article's *main country* (the state most often
  mentioned, directly or through agencies and places) stands in for the acting state of
  COERCE/SANCTION events (security organs of the country the article is about).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from marsad.records import ActorRef, Entity, Place

if TYPE_CHECKING:
    from marsad.knowledge import Knowledge

__all__ = ["actor_ref", "is_group", "main_country", "state_code"]

_STATE_KINDS = frozenset({"state", "agency"})


def state_code(entity: Entity) -> str | None:
    """The ISO alpha-3 a state, a state organ or a state official stands for, else None (a person the
    KB knows has a country only when they act for a state: a head of state, a minister, a general)."""
    c = entity.canonical
    if c is None or c.members:
        return None
    if c.kind == "state":
        return c.country or (c.id if len(c.id) == 3 and c.id.isupper() else None)
    if c.kind in ("agency", "person"):
        return c.country
    return None


def is_group(entity: Entity) -> bool:
    c = entity.canonical
    return c is not None and c.kind == "group" and not c.members


def actor_ref(entity: Entity, knowledge: Knowledge) -> ActorRef | None:
    """The event participant an entity stands for (state organs → their state, named by ``knowledge``'s KB)."""
    c = entity.canonical
    if c is None:
        return None
    code = state_code(entity)
    if code:
        return ActorRef(code, c.name_en if c.kind == "state" and c.name_en else knowledge.state_name(code), entity.id)
    if is_group(entity):
        return ActorRef(c.id, c.name_en or c.name_ar, entity.id)
    return None


def main_country(entities: list[Entity], places: list[Place]) -> str | None:
    """The state the article is mostly about: most frequent state code over entities and places."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for e in entities:
        code = state_code(e)
        if code:
            counts[code] += 1
            first.setdefault(code, e.start)
    for p in places:
        if p.country:
            counts[p.country] += 1
            first.setdefault(p.country, p.start or 0)
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -first[k]))
