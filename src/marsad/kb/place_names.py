"""Names and files of the gazetteer: Latin lookup keys, quoted titles, the false-friend lists, spelling
variants and the mention record (helpers of :mod:`marsad.kb.places`, kept apart so that the geocoder
stays one readable module)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from marsad.records import Place

__all__ = ["FALSE_FRIENDS_FILE", "PlaceMention"]

FALSE_FRIENDS_FILE = Path(__file__).resolve().parent / "data" / "place_false_friends.tsv"


_OPEN_QUOTES = "«\"“"
_CLOSE_QUOTES = "»\"”"


def _quoted_title(text: str, start: int, end: int) -> bool:
    """True for a name that fills a whole quotation («الشرق الأوسط»): a newspaper or a title."""
    return start > 0 and end < len(text) and text[start - 1] in _OPEN_QUOTES and text[end] in _CLOSE_QUOTES


def _at(place: Place, start: int, end: int) -> Place:
    return Place(place.name, place.name_ar, place.geonames_id, place.lat, place.lon,
                 place.country, place.admin1, place.precision, start, end)  # fmt: skip


_ARTICLE = re.compile(r"^(?:al|el|ad|ed|ash|esh|as|es|an|en|ar|er|at|et|az|ez|adh|ath)[ -]")


def _latin_key(s: str) -> str:
    """Lower case, accents removed, punctuation as spaces («Sévaré» → «sevare»)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def _latin_keys(s: str) -> list[str]:
    """Lookup keys for a Latin name: as is, and without an Arabic article («Al Fallujah»)."""
    k = _latin_key(s)
    bare = _ARTICLE.sub("", k)
    return [k, bare] if bare != k else [k]


def _float(s: str) -> float | None:
    return float(s) if s else None


def _false_friends() -> tuple[frozenset[str], frozenset[str]]:
    """(proclitic, frequent) name sets of ``FALSE_FRIENDS_FILE``; empty when it is absent."""
    sets: dict[str, set[str]] = {"proclitic": set(), "frequent": set()}
    if FALSE_FRIENDS_FILE.exists():
        for line in FALSE_FRIENDS_FILE.read_text(encoding="utf-8").splitlines():
            kind, _, name = line.partition("\t")
            if kind in sets and name:
                sets[kind].add(name)
    return frozenset(sets["proclitic"]), frozenset(sets["frequent"])


def _final_vowel_variant(folded: str) -> str:
    """«كويتا» ↔ «كويته»: a foreign name's final «ا» written «ه» (folded «ة») or the reverse; '' if short."""
    if len(folded) < 4 or folded[-2] == " " or folded[-1] not in "اه":
        return ""
    return folded[:-1] + ("ه" if folded[-1] == "ا" else "ا")


@dataclass(frozen=True)
class PlaceMention:
    """A place found in text; ``[start, end)`` are offsets into the raw text."""

    start: int
    end: int
    place: Place
    candidates: int


@dataclass(frozen=True, slots=True)
class _Entry:
    place: Place
    population: int
