"""The world's administrative divisions by their Latin names: «محافظة أبين» is Abyan, «منطقة عسير» 'Asīr.

Data: ``data/divisions.tsv.gz`` (ISO 3166-2 via pycountry, built by ``training/build_divisions.py``;
Morocco, Western Sahara and Algeria are in the gazetteer with their Arabic names instead). The
divisions have no Arabic names, so they are found by the consonant skeleton an Arabic name shares
with its Latin spelling (:func:`marsad.kb.translit.arabic_skeleton`: «أبين» → «bn», «Abyan» → «bn»),
only inside the countries a caller names, and only where the match is unique there: a skeleton of
two consonants names a division only when no other division of that country has it, and the
«h» sounds must agree: «سناح» (Sanah) is not «صنعاء» (Şanʻā’), though both skeletons are «sn».
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from marsad.kb.translit import arabic_skeleton
from marsad.records import Place

__all__ = ["DIVISIONS_FILE", "Divisions"]

DIVISIONS_FILE = Path(__file__).resolve().parent / "data" / "divisions.tsv.gz"
_MIN_SKELETON = 2
#: Latin «h» that is no «ح»/«ه» of the Arabic: a digraph's, or a final «ah» («Şāʻdah» for «صعدة»)
_LATIN_NOT_H = re.compile(r"[sktgdcz]h|(?<=[ae])h\b")


class Divisions:
    """Divisions by (country, skeleton); construct with :meth:`load`."""

    def __init__(self, places: Iterable[tuple[str, Place]]) -> None:
        self._index: dict[tuple[str, str], list[Place]] = {}
        for skeleton, place in places:
            bucket = self._index.setdefault((place.country or "", skeleton), [])
            if place not in bucket:
                bucket.append(place)

    @classmethod
    def load(cls) -> Divisions:
        """The packaged divisions (cached)."""
        return _load()

    def find(self, folded: str, countries: Iterable[str]) -> Place | None:
        """The division of the first of ``countries`` whose Latin name has the skeleton of the folded
        Arabic name; None when no country has exactly one (a first-level division is preferred
        over second-level ones with the same skeleton)."""
        skeleton = arabic_skeleton(folded)
        if len(skeleton) < _MIN_SKELETON:
            return None
        for country in countries:
            cands = self._index.get((country, skeleton), [])
            cands = [p for p in cands if _h_count(p.name or "") == _arabic_h(folded)]
            top = [p for p in cands if p.precision == "admin1"] or cands
            if len(top) == 1:
                return top[0]
        return None


@lru_cache(maxsize=1)
def _load() -> Divisions:
    rows: list[tuple[str, Place]] = []
    with gzip.open(DIVISIONS_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            _code, name, country, precision, parent, lat, lon, skeletons = line.rstrip("\n").split("\t")
            admin1 = parent or name
            place = Place(name, None, None, float(lat), float(lon), country, admin1, precision)
            rows.extend((s, place) for s in skeletons.split("|") if s)
    return Divisions(rows)


def _arabic_h(folded: str) -> int:
    """How many «ح» and «ه» a folded Arabic name has, less a word-final «ه» (a folded «ة»)."""
    return sum(1 for w in folded.split() for i, c in enumerate(w) if c == "ح" or (c == "ه" and i < len(w) - 1))


def _h_count(name: str) -> int:
    """How many «h» of a Latin name stand for an Arabic «ح» or «ه» (see ``_LATIN_NOT_H``)."""
    s = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    return _LATIN_NOT_H.sub("", s).count("h")
