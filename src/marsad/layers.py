"""The layers of the built-in stages, each a typed :class:`marsad.article.Layer` name.

``article.layer(ENTITIES)`` is a ``tuple[Entity, ...]`` to the type checker and
``article.with_layer(PLACES, items)`` checks its items; the names are the ones the stage contracts
(:mod:`marsad.stages`) and the output contract use. Which stage assigns which layer:
``docs/architecture.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from marsad.article import Layer, Span

if TYPE_CHECKING:
    from marsad.kb.actor_rows import ActorMention
    from marsad.pipeline import Provenance
    from marsad.records import Entity, Event, Place, Quote, Relation, TimeRef
    from marsad.text.match import FoldedText
    from marsad.text.tokens import Token

__all__ = [
    "ACTOR_MENTIONS", "ENTITIES", "EVENTS", "FOLDED", "KB_MENTIONS", "PLACES", "PROVENANCE", "QUOTES", "RELATIONS",
    "SENTENCES", "TIMEXES", "TOKENS",
]  # fmt: skip

TOKENS: Layer[Token] = Layer("tokens")
SENTENCES: Layer[Span] = Layer("sentences")
#: named entities, ids E1… (``ner.kb.v1``, rewritten by ``ner.model.v1`` and ``geo.places.v1``)
ENTITIES: Layer[Entity] = Layer("entities")
#: demonym adjectives («المغربي»), ids D1…: actors, not named mentions
ACTOR_MENTIONS: Layer[Entity] = Layer("actor_mentions")
#: every mention the actor KB found, demonyms included (the places stage reads them)
KB_MENTIONS: Layer[ActorMention] = Layer("kb_mentions")
#: the folded text with its offset map, computed once (one item)
FOLDED: Layer[FoldedText] = Layer("folded")
PLACES: Layer[Place] = Layer("places")
TIMEXES: Layer[TimeRef] = Layer("timexes")
QUOTES: Layer[Quote] = Layer("quotes")
EVENTS: Layer[Event] = Layer("events")
RELATIONS: Layer[Relation] = Layer("relations")
#: who made the analysis (one item)
PROVENANCE: Layer[Provenance] = Layer("provenance")
