"""Definite descriptions that name a place again: «بالمنطقة الأمنية المعنية», «في المدينة نفسها».

Moroccan police news tells the operation's district once («قادت مصالح الشرطة القضائية بمنطقة أمن
سيدي البرنوصي … أبحاثا») and then refers back to it («مكنت مصالح الشرطة القضائية بالمنطقة الأمنية
المعنية … من توقيف شخصين»); Tunisian news writes «في نفس المنطقة» and «بالجهة ذاتها». Such a
description becomes a place mention of the place it refers to, at its own offsets, so that the event
of its sentence is placed there rather than at a town named in the sentences before.

The place referred to: the last one before the description named right after one of the row's
place nouns (``antecedents`` of ``data/place_anaphora.tsv``), else the last place of one of its
precisions; none further back than :data:`_REACH` characters.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from marsad.datafiles import read_tsv
from marsad.records import Place
from marsad.text.fold import fold
from marsad.text.match import FoldedText

__all__ = ["with_anaphora"]

#: How far back (characters) the place referred to may be named.
_REACH = 2000
#: Characters before a place where its place noun is looked for («بمنطقة أمن »).
_NOUN_WINDOW = 24


@dataclass(frozen=True, slots=True)
class _Row:
    markers: frozenset[str]
    antecedents: tuple[str, ...]
    precisions: frozenset[str]


@cache
def _table() -> tuple[re.Pattern[str], dict[str, _Row]]:
    """One pattern for every row (one pass over the text) and the rows by their noun."""
    rows = {" ".join(r["anaphor"].split()): _Row(frozenset(r["markers"].split("|")), tuple(r["antecedents"].split("|")),
                                                 frozenset(r["precisions"].split("|")))
            for r in read_tsv("marsad.kb", "data/place_anaphora.tsv")}  # fmt: skip
    nouns = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(rows, key=len, reverse=True))
    after = "|".join(re.escape(m) for m in sorted({m for r in rows.values() for m in r.markers} - {"نفس"}))
    # the proclitics stay out of the mention: «بالمنطقة الأمنية المعنية» is «المنطقة الأمنية المعنية»
    pattern = re.compile(rf"(?<!\w)[وف]?ب?(?P<d>(?P<n>{nouns})\s+(?P<m>{after})|نفس\s+(?P<n2>{nouns}))(?!\w)")
    return pattern, rows


def with_anaphora(ft: FoldedText, places: list[Place]) -> list[Place]:
    """``places`` plus a mention, at its offsets, of the place each reference back names (module doc),
    sorted by offsets."""
    known = sorted((p for p in places if p.start is not None and p.end is not None and p.country),
                   key=lambda p: p.start or 0)  # fmt: skip
    if not known:
        return sorted(places, key=lambda p: (p.start or 0, p.end or 0))
    pattern, rows = _table()
    taken = [(p.start or 0, p.end or 0) for p in places]
    out = list(places)
    for m in pattern.finditer(ft.norm):
        noun = " ".join((m.group("n") or m.group("n2")).split())
        row = rows[noun]
        if (m.group("m") or "نفس") not in row.markers:
            continue
        start, end = ft.source(m.start("d"), m.end("d"))
        if any(a < end and start < b for a, b in taken):
            continue
        before = [p for p in known if start - _REACH <= (p.start or 0) and (p.end or 0) <= start]
        found = _referred(ft.text, row, before)
        if found is not None:
            out.append(dataclasses.replace(found, start=start, end=end))
            taken.append((start, end))
    return sorted(out, key=lambda p: (p.start or 0, p.end or 0))


def _referred(text: str, row: _Row, before: list[Place]) -> Place | None:
    """The place ``row``'s description refers to, among the places ``before`` it (in text order)."""
    for p in reversed(before):
        window = fold(text[max(0, (p.start or 0) - _NOUN_WINDOW) : p.start or 0]).rstrip()
        if any(re.search(rf"(?:^|\s)[وفبل]{{0,2}}{re.escape(n)}$", window) for n in row.antecedents):
            return p
    for p in reversed(before):
        if p.precision in row.precisions:
            return p
    return None
