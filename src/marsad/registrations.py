"""The one explicit list of built-in stages, by versioned name."""

from __future__ import annotations

from marsad.stages import StageSpec

__all__ = ["builtin_stages"]


def builtin_stages() -> dict[str, StageSpec]:
    """A fresh name → spec mapping of every stage marsad ships."""
    # start-up time: the stage modules bring the KB, gazetteer, model and rule code; a command that
    # only reads records (and imports marsad.pipeline for Provenance) should not load them
    from marsad.events.stage import EVENTS
    from marsad.kb.place_stage import GEO_PLACES
    from marsad.kb.stage import NER_KB
    from marsad.ner.fuse import NER_MODEL
    from marsad.quotes.stage import QUOTES
    from marsad.relations.stage import RELATIONS
    from marsad.text import stages as text_stages
    from marsad.time.stage import TIME_EXPRESSIONS

    specs = [
        text_stages.TOKENS,
        text_stages.SENTENCES,
        NER_KB,
        NER_MODEL,
        GEO_PLACES,
        TIME_EXPRESSIONS,
        EVENTS,
        QUOTES,
        RELATIONS,
    ]
    return {spec.name: spec for spec in specs}
