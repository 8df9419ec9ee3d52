"""An event told of a list of towns happened in their country: «وقفات احتجاجية بمجموعة من المدن، بحال
وجدة وتطوان وفاس» is placed in Morocco, not in Oujda (:func:`marsad.events.where.nearest_place`)."""

from __future__ import annotations

from marsad.article_index import ArticleIndex
from marsad.records import Place

__all__ = ["COARSE", "unlisted"]

#: Precisions coarser than any town: an event placed there has no place of its own yet.
COARSE = frozenset({"country", "region"})


def unlisted(idx: ArticleIndex, place: Place, places: list[Place]) -> Place:
    """``place``, or its country when it is one of a list of towns (:func:`_listed`): «وقفات احتجاجية
    بمجموعة من المدن، بحال وجدة وتطوان وفاس» happened in Morocco."""
    if place.precision not in COARSE and place.country and _listed(idx.article.text, place, places):
        return idx.knowledge.country_place(place.country)
    return place


#: How many towns of one country a list must name for an event told of all of them to be the country's.
_LIST_TOWNS = 3


def _listed(text: str, place: Place, places: list[Place]) -> bool:
    """True when ``place`` is one of a list of at least three towns of its country («وجدة وتطوان وفاس»,
    «الرباط، سلا، تمارة»): an event told of all of them happened in the country, not in one of them."""
    ordered = sorted((p for p in places if p.start is not None and p.end is not None), key=lambda p: p.start or 0)
    i = ordered.index(place) if place in ordered else -1
    if i < 0 or place.country is None:
        return False
    lo = hi = i
    while lo > 0 and _joined(text, ordered[lo - 1], ordered[lo]):
        lo -= 1
    while hi + 1 < len(ordered) and _joined(text, ordered[hi], ordered[hi + 1]):
        hi += 1
    run = ordered[lo : hi + 1]
    towns = {p.name for p in run if p.country == place.country and p.precision not in COARSE}
    return len(towns) >= _LIST_TOWNS


def _joined(text: str, a: Place, b: Place) -> bool:
    """True when only a comma or «و» stands between two places («وجدة وتطوان», «الرباط، سلا»), or one
    more member of the list the gazetteer does not know («وتطوان وكازا وفاس»)."""
    words = text[a.end or 0 : b.start or 0].replace("،", " ").replace(",", " ").split()
    if words and words[-1] == "و":
        words.pop()
    return not words or (len(words) == 1 and words[0].startswith("و") and len(words[0]) > 2)
