"""Knowledge base: actors (states, institutions, armed groups, groupings, media) and places.

* :class:`marsad.kb.actors.ActorKB` — ``load()``, ``get``, ``state``, ``find``, ``link``;
* :class:`marsad.kb.places.Geocoder` — ``load()``, ``find``, ``resolve``.

Both match folded text in one Aho-Corasick pass with proclitic handling (spans exclude the
clitic; for «لل…» the span starts at the second «ل»). Data and its format: ``kb/data/README.md``.
"""

from marsad.kb.actors import Actor, ActorKB, ActorMention
from marsad.kb.places import Geocoder, PlaceMention

__all__ = ["Actor", "ActorKB", "ActorMention", "Geocoder", "PlaceMention"]
