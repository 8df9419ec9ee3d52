"""Names to codes and places, for the event filters of the API and the CLI and for the descriptions.

An actor filter is a code (``ISIL``), an English name ("Islamic State", "isil") or an Arabic one
(«داعش», «المغرب», with or without hamza and ta marbuta: names are matched folded), looked up in the
packaged actor KB: a state's filter also finds the events of its agencies (the DGST's arrests are
Morocco's). A place filter (``near``) is ``LAT,LON,KM``, ``LAT,LON:KMkm`` or ``PLACE:KMkm``
(«Casablanca:50km», «الدار البيضاء:50km»), the place resolved by the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad.kb.actor_rows import read_rows
from marsad.kb.actors import DATA_DIR as KB_DATA_DIR
from marsad.text.fold import fold

__all__ = ["ActorName", "NearError", "actor_codes", "actor_names", "parse_near"]

_NEAR_KM = re.compile(r"^\s*(?P<where>.+?)\s*[:,]\s*(?P<km>\d+(?:\.\d+)?)\s*(?:km)?\s*$", re.IGNORECASE)
_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")
_MAX_KM = 20_000.0


@dataclass(frozen=True, slots=True)
class ActorName:
    id: str
    ar: str
    en: str
    kind: str
    country: str | None


@cache
def actor_names() -> dict[str, ActorName]:
    """Actor id → its Arabic and English names (the packaged actor KB, read once)."""
    out = {}
    for r in read_rows(KB_DATA_DIR / "actors.jsonl"):
        rid = str(r["id"])
        out[rid] = ActorName(rid, str(r.get("name_ar") or r.get("name_en") or rid), str(r.get("name_en") or rid),
                             str(r.get("kind") or ""), r.get("country"))  # fmt: skip
    return out


@cache
def _name_index() -> dict[str, frozenset[str]]:
    """Folded name, acronym, English name or id (lower case) → the ids of the actors it names."""
    keys: dict[str, set[str]] = {}
    for r in read_rows(KB_DATA_DIR / "actors.jsonl"):
        rid = str(r["id"])
        for name in (rid, r.get("name_ar"), r.get("name_en"), *r.get("names", ()), *r.get("acronyms", ())):
            if name:
                keys.setdefault(fold(str(name)).lower(), set()).add(rid)
    return {k: frozenset(v) for k, v in keys.items()}


@cache
def _agencies() -> dict[str, tuple[str, ...]]:
    by_state: dict[str, list[str]] = {}
    for a in actor_names().values():
        if a.kind == "agency" and a.country:
            by_state.setdefault(a.country, []).append(a.id)
    return {k: tuple(sorted(v)) for k, v in by_state.items()}


def actor_codes(query: str) -> tuple[str, ...]:
    """The actor codes a filter names, the query itself first (a code the KB does not know, as
    ``smugglers``, still matches events coded so); a state brings its agencies."""
    q = " ".join(query.split())
    if not q:
        return ()
    ids = set(_name_index().get(fold(q).lower(), ()))
    ids.update(i for i in (q.upper(), "_".join(q.upper().replace("-", " ").split())) if i in actor_names())
    for state in [i for i in ids if actor_names()[i].kind == "state"]:
        ids.update(_agencies().get(state, ()))
    return (q, *sorted(ids - {q}))


class NearError(ValueError):
    """A ``near`` filter that is not one of the accepted forms, or a place the gazetteer cannot find."""


def parse_near(value: str, geocoder: Any | None = None) -> tuple[float, float, float]:
    """``"LAT,LON,KM"``, ``"LAT,LON:KMkm"`` or ``"PLACE:KMkm"`` → (lat, lon, km); ``geocoder`` (a
    :class:`marsad.kb.places.Geocoder`, loaded when needed) places a name."""
    m = _NEAR_KM.match(value)
    if not m:
        raise NearError("expected LAT,LON,KM, LAT,LON:KMkm or PLACE:KMkm, e.g. 33.57,-7.59,50 or Casablanca:50km")
    where, km = m["where"], float(m["km"])
    ll = _LATLON.match(where)
    if ll:
        lat, lon = float(ll[1]), float(ll[2])
    else:
        lat, lon = _place(where, geocoder)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= _MAX_KM):
        raise NearError(f"latitude in [-90, 90], longitude in [-180, 180] and 0 < km ≤ {_MAX_KM:.0f}")
    return lat, lon, km


def _place(name: str, geocoder: Any | None) -> tuple[float, float]:
    if re.fullmatch(r"[-\d.,\s]+", name):
        raise NearError(f"expected LAT,LON before the radius, got {name[:40]!r}")
    if geocoder is None:
        # start-up time: the gazetteer is read only when a filter names a place
        from marsad.kb.places import Geocoder

        geocoder = Geocoder.load()
    place = geocoder.resolve(name)
    if place.lat is None or place.lon is None:
        raise NearError(f"cannot place {name[:60]!r}; give coordinates as LAT,LON:KMkm")
    return float(place.lat), float(place.lon)
