"""``geo.places.v1``: place mentions → the "places" layer.

The context countries are the states the entities name (so «الرباط» resolves in Morocco). A town or
division it finds that no entity covers becomes a GPE entity too (source ``gazetteer``): the
gazetteer knows places the NER model misses.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from marsad.article import Article
from marsad.config import Settings
from marsad.errors import Diagnostic
from marsad.kb.place_anaphora import with_anaphora
from marsad.knowledge import Knowledge
from marsad.layers import ACTOR_MENTIONS, ENTITIES, FOLDED, KB_MENTIONS, PLACES, SENTENCES
from marsad.records import Canonical, Entity, Place
from marsad.stages import StageFn, StageSpec
from marsad.text.fold import fold
from marsad.text.match import FoldedText

if TYPE_CHECKING:
    from marsad.kb.places import Geocoder

__all__ = ["GEO_PLACES"]


def _places(_settings: Settings, knowledge: Knowledge) -> StageFn:
    geo = knowledge.geo

    def run(article: Article) -> Article:
        ctx = sorted({e.canonical.country for e in article.layer(ENTITIES)
                      if e.canonical is not None and e.canonical.kind == "state" and e.canonical.country})  # fmt: skip
        known = article.layer(KB_MENTIONS) if article.has_layer(KB_MENTIONS) else None  # found by ner.kb
        places = _with_localities(article, [p.place for p in geo.find(article.text, ctx, known)], knowledge)
        extra, diags = _entity_places(article, places, geo)
        shared = article.layer(FOLDED)
        ft = shared[0] if shared else FoldedText.of(article.text)
        out = article.with_layer(PLACES, with_anaphora(ft, places + extra))
        out = out.with_layer(ENTITIES, _with_gazetteer_names(article.layer(ENTITIES), places))
        return out.with_diagnostics(*diags)

    return run


def _with_localities(article: Article, places: list[Place], knowledge: Knowledge) -> list[Place]:
    """The gazetteer's places plus the places below it named after a place noun (:mod:`marsad.kb.localities`)."""
    # start-up time: the localities' word lists, when the places stage runs
    from marsad.kb.localities import find_localities
    from marsad.kb.refs import main_country

    shared = article.layer(FOLDED)
    ft = shared[0] if shared else FoldedText.of(article.text)
    entities = [*article.layer(ENTITIES), *article.layer(ACTOR_MENTIONS)]
    main = main_country(list(article.layer(ENTITIES)), places)
    sentences = [s.start for s in article.layer(SENTENCES)] or [0]
    main_place = knowledge.country_place(main) if main else None
    geo = knowledge.geo
    return find_localities(ft, places, entities, sentences, main_place, geo.capitals(), _town_lookup(geo),
                           knowledge.divisions.find)


def _town_lookup(geo: Geocoder) -> Callable[[str, str], Place | None]:
    """A town of ``country`` named after «مدينة», «بلدة» … that the gazetteer's finder missed: one it has
    only in Latin letters (:meth:`Geocoder.by_skeleton`: «سيفاري»), else one it writes another way
    («كويتا» for «كويته», Quetta: :meth:`Geocoder.resolve`'s spelling variants)."""

    def lookup(folded: str, country: str) -> Place | None:
        found = geo.by_skeleton(folded, country)
        if found is None:
            place = geo.resolve(folded, (country,))
            found = place if place.country == country and place.precision == "town" else None
        return found

    return lookup


#: gazetteer precisions that name a place with a government (annotation guide: GPE)
_GPE_PRECISIONS = frozenset({"town", "admin1", "admin2"})


def _with_gazetteer_names(entities: Sequence[Entity], places: Sequence[Place]) -> list[Entity]:
    """The entities plus each town or division the gazetteer found that no entity covers («تعز»,
    «حد السوالم»: names the NER model missed), as GPE linked to its GeoNames place; ids E1… again
    in text order (nothing refers to them yet: the event, quote and relation stages come later).

    A model's place span lying inside a longer gazetteer name gives way to it («مكة» of «مكة
    المكرمة», «المنورة» of «المدينة المنورة»); knowledge-base entities always stay."""
    added: list[Entity] = []
    dropped: set[int] = set()
    for p in places:
        if p.precision not in _GPE_PRECISIONS or p.start is None or p.end is None or p.geonames_id is None:
            continue
        hit = [i for i, e in enumerate(entities) if e.start < p.end and p.start < e.end]
        if any(not _partial_place(entities[i], p.start, p.end) for i in hit):
            continue
        dropped.update(hit)
        link = Canonical(f"geonames:{p.geonames_id}", p.name_ar, p.name, "place", p.country)
        added.append(Entity("", p.start, p.end, "GPE", link, "gazetteer", 0.6))
    if not added:
        return list(entities)
    kept = [e for i, e in enumerate(entities) if i not in dropped]
    merged = sorted([*kept, *added], key=lambda e: (e.start, -e.end))
    return [Entity(f"E{i}", e.start, e.end, e.label, e.canonical, e.source, e.score) for i, e in enumerate(merged, 1)]


def _partial_place(e: Entity, start: int, end: int) -> bool:
    """A model GPE/LOC span strictly inside ``[start, end)``."""
    return (e.source == "ner.model" and e.label in ("GPE", "LOC") and start <= e.start and e.end <= end
            and e.end - e.start < end - start)


def _entity_places(article: Article, places: Sequence[Place], geo: Geocoder | None = None,
                   ) -> tuple[list[Place], list[Diagnostic]]:  # fmt: skip
    """Unresolved places for the NER model's place names that the gazetteer could not resolve.

    ``ner.model.v1`` already asked the gazetteer about each of its GPE/LOC/FAC names and linked the
    ones it knows (canonical kind ``place``); a name left without a link, and covered by no gazetteer
    mention, is kept as an ``unresolved`` place with a W010 diagnostic, never dropped. Resolved names
    stay the gazetteer's call: its own mention finder, with its false-friend rules, has decided about
    them (measured: adding them moved event country accuracy on dev from 0.78 to 0.70) — except a name
    the gazetteer knows under another spelling only («زيوريخ» for «زوريخ», which its finder looks up
    letter for letter) right after «في» or a «ب» proclitic: «اجتماع … اليوم في زيوريخ» is in Zürich.
    """
    covered = [(p.start, p.end) for p in places if p.start is not None and p.end is not None]
    extra: list[Place] = []
    diags: list[Diagnostic] = []
    for e in article.layer(ENTITIES):
        if e.source != "ner.model" or e.label not in ("GPE", "LOC", "FAC"):
            continue
        if any(s < e.end and e.start < t for s, t in covered):
            continue
        surface = article.text[e.start : e.end]
        if e.canonical is not None:
            if geo is not None and (variant := _spelling_variant(article.text, e, geo)) is not None:
                extra.append(variant)
            continue
        extra.append(Place(surface, surface, precision="unresolved", start=e.start, end=e.end))
        diags.append(Diagnostic("W010", f"place {surface!r} could not be resolved", "info", "geo.places.v1",
                                e.start, e.end))  # fmt: skip
    return extra, diags


#: «في» or a «ب» proclitic right before a place name: where something is.
_LOCATIVE_BEFORE = re.compile(r"(?:(?:^|\s)(?:و|ف)?في\s+|(?:^|\s)(?:و|ف)?ب)$")


def _spelling_variant(text: str, e: Entity, geo: Geocoder) -> Place | None:
    """The gazetteer place a model place name linked to a GeoNames place under another spelling names,
    when the name follows «في» or «ب» (see :func:`_entity_places`); else None."""
    link = e.canonical
    if link is None or link.kind != "place" or not link.id.startswith("geonames:"):
        return None
    if fold(text[e.start : e.end]) == fold(link.name_ar or "") or not _LOCATIVE_BEFORE.search(
        fold(text[max(0, e.start - 12) : e.start])
    ):
        return None
    place = geo.resolve(text[e.start : e.end], [link.country] if link.country else [])
    if f"geonames:{place.geonames_id}" != link.id:
        return None
    return dataclasses.replace(place, name_ar=text[e.start : e.end], start=e.start, end=e.end)


#: reads the KB's mentions, entities and demonyms, the folded text and the sentences (localities);
#: rewrites the entities (adds the gazetteer's towns, renumbers the ids E1…)
GEO_PLACES = StageSpec("geo.places.v1", requires=("sentences", "folded", "entities", "actor_mentions", "kb_mentions"),
                       assigns=("places", "entities"), factory=_places, modifies=("entities",))  # fmt: skip
