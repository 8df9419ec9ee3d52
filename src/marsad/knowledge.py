"""The knowledge the stages share, handed to every stage factory: the actor KB and the gazetteer
(its places, and the world's administrative divisions known by their Latin names).

:meth:`marsad.pipeline.Pipeline.build` makes one :class:`Knowledge` (or takes the caller's) and gives
it to each factory, so a stage receives the KB and the geocoder instead of reaching for a module
singleton in the middle of a rule (the quote, event and relation rules find it on their
:class:`marsad.article_index.ArticleIndex`), and a caller can analyse with its own actors::

    Pipeline.build(knowledge=Knowledge(kb=ActorKB.load(extra=[Path("my_actors.jsonl")])))

Each is loaded on first use (a pipeline of the text stages alone never reads them); the default
ones are the packaged, cached :meth:`ActorKB.load`, :meth:`Geocoder.load` and :meth:`Divisions.load`.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.records import Place

if TYPE_CHECKING:
    from marsad.kb.actors import ActorKB
    from marsad.kb.divisions import Divisions
    from marsad.kb.places import Geocoder

__all__ = ["Knowledge"]


class Knowledge:
    """The actor KB, the geocoder and the divisions of one pipeline (given, or the packaged ones when
    first used)."""

    def __init__(self, kb: ActorKB | None = None, geo: Geocoder | None = None,
                 divisions: Divisions | None = None) -> None:  # fmt: skip
        self._kb = kb
        self._geo = geo
        self._divisions = divisions
        self._state_names: dict[str, str] = {}
        self._country_places: dict[str, Place] = {}

    @staticmethod
    def packaged() -> Knowledge:
        """The packaged actor KB and gazetteer, one shared instance (each loaded on first use)."""
        return _packaged()

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

    @property
    def divisions(self) -> Divisions:
        if self._divisions is None:
            # start-up time: the divisions are read when a stage first needs them
            from marsad.kb.divisions import Divisions

            self._divisions = Divisions.load()
        return self._divisions

    def state_name(self, code: str) -> str:
        """A state's English name from the KB («MAR» → «Morocco»), else the code itself."""
        name = self._state_names.get(code)
        if name is None:
            state = self.kb.state(code)
            name = self._state_names[code] = state.name_en if state is not None and state.name_en else code
        return name

    def country_place(self, code: str) -> Place:
        """A state's code as a geocoded country place (the KB's name, the gazetteer's coordinates)."""
        place = self._country_places.get(code)
        if place is None:
            place = self._country_places[code] = self._country_place(code)
        return place

    def _country_place(self, code: str) -> Place:
        state = self.kb.state(code)
        if state is None:
            return Place(code, None, None, None, None, code, None, "country")
        place = self.geo.resolve(state.name_ar, (code,))
        if place.country == code and place.precision == "country":
            return dataclasses.replace(place, start=None, end=None)
        return Place(state.name_en, state.name_ar, None, None, None, code, None, "country")


@lru_cache(maxsize=1)
def _packaged() -> Knowledge:
    return Knowledge()
