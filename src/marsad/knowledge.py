"""The knowledge the stages share, handed to every stage factory: the actor KB and the gazetteer.

:meth:`marsad.pipeline.Pipeline.build` makes one :class:`Knowledge` (or takes the caller's) and gives
it to each factory, so a stage receives the KB and the geocoder instead of reaching for a module
singleton in the middle of a rule, and a caller can analyse with its own actors::

    Pipeline.build(knowledge=Knowledge(kb=ActorKB.load(extra=[Path("my_actors.jsonl")])))

Each is loaded on first use (a pipeline of the text stages alone never reads them); the default
ones are the packaged, cached :meth:`ActorKB.load` and :meth:`Geocoder.load`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.kb.actors import ActorKB
    from marsad.kb.places import Geocoder

__all__ = ["Knowledge"]


class Knowledge:
    """The actor KB and the geocoder of one pipeline (given, or the packaged ones when first used)."""

    def __init__(self, kb: ActorKB | None = None, geo: Geocoder | None = None) -> None:
        self._kb = kb
        self._geo = geo

    @property
    def kb(self) -> ActorKB:
        if self._kb is None:
            # start-up time: the KB (about a second) is read when a stage first needs it
            from marsad.kb.actors import ActorKB

            self._kb = ActorKB.load()
        return self._kb

    @property
    def geo(self) -> Geocoder:
        if self._geo is None:
            # start-up time: the gazetteer is read when a stage first needs it
            from marsad.kb.places import Geocoder

            self._geo = Geocoder.load()
        return self._geo
