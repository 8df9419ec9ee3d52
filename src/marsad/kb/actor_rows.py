"""The actor knowledge base's rows: the :class:`Actor` and :class:`ActorMention` records, reading
``actors.jsonl``-style files, and the word tests the KB and the gazetteer share."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.text.fold import fold
from marsad.text.words import word_after

__all__ = ["TANWEEN", "Actor", "ActorMention", "actor_from", "outlet_titles", "read_rows", "word_false_friend"]

#: names that are an idiom's first word before a given next word: «مسقط رأسه» (his birthplace) is
#: no Muscat
_IDIOM_NEXT = {"مسقط": frozenset(fold(w) for w in ("رأس", "رأسه", "رأسها", "رأسهم", "رؤوس"))}
#: nouns that introduce an outlet's title in its KB names («صحيفة الشرق الأوسط»)
_OUTLET_NOUNS = frozenset(["صحيفه", "جريده", "قناه", "موقع", "مجله"])
#: tanween (ً ٌ ٍ): a proper name never carries it, an adjective or common noun does
#: («مواطنًا أوكرانيًا», a Ukrainian citizen)
TANWEEN = frozenset("\u064b\u064c\u064d")

@dataclass(frozen=True)
class Actor:
    """One actor. ``names`` are folded aliases (Arabic, lower-case French/English, acronyms)."""

    id: str
    kind: str  # state|agency|group|media|region|org|person
    name_en: str
    name_ar: str
    country: str | None
    sector: str | None
    wikidata: str | None
    members: tuple[str, ...]
    names: tuple[str, ...]
    label: str  # GPE for states/capitals, ORG for agencies/groups/media/orgs, LOC for regions
    metonyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorMention:
    """An actor found in text; ``[start, end)`` are offsets into the raw text."""

    start: int
    end: int
    actor: Actor
    score: float
    metonym: bool
    via: str = field(default="name")  # name|acronym|metonym|demonym|fuzzy


def word_false_friend(surface: str, key: str = "", folded: str = "", folded_end: int = 0) -> bool:
    """Whether the name ``key``, written ``surface`` in the text and ending at ``folded_end`` of the
    folded text, is an ordinary word: it carries tanween (an adjective or common noun, «أوكرانيًا»),
    or it opens an idiom («مسقط رأسه»). The gazetteer uses it too."""
    return not TANWEEN.isdisjoint(surface) or (
        key in _IDIOM_NEXT and word_after(folded, folded_end) in _IDIOM_NEXT[key]
    )


def outlet_titles(actors: Iterable[Actor]) -> dict[str, str]:
    """An outlet's bare title («الشرق الأوسط» of «صحيفة الشرق الأوسط») → its id, for titles in «»."""
    titles: dict[str, str] = {}
    for a in actors:
        if a.kind == "media":
            for n in a.names:
                head, _, title = n.partition(" ")
                if head in _OUTLET_NOUNS and title:
                    titles.setdefault(title, a.id)
    return titles


def actor_from(row: dict[str, Any]) -> tuple[Actor, list[str], list[str]]:
    names = [fold(n) for n in row.get("names", [])]
    acronyms = list(row.get("acronyms", []))
    actor = Actor(
        id=row["id"], kind=row["kind"], name_en=row.get("name_en", row["id"]),
        name_ar=row.get("name_ar", ""), country=row.get("country"), sector=row.get("sector"),
        wikidata=row.get("wikidata"), members=tuple(row.get("members", [])),
        names=tuple(names + acronyms), label=row.get("label") or _default_label(row["kind"]),
        metonyms=tuple(fold(n) for n in row.get("metonyms", [])),
        demonyms=tuple(fold(n) for n in row.get("demonyms", [])),
    )  # fmt: skip
    return actor, acronyms, [fold(n) for n in row.get("context", [])]


def _default_label(kind: str) -> str:
    return {"state": "GPE", "region": "LOC", "person": "PER"}.get(kind, "ORG")


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of one actors JSON-lines file (blank lines and ``#`` comments skipped)."""
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if line and not line.startswith("#"):
                rows.append(json.loads(line))
    return rows
