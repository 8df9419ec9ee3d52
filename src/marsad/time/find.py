"""Find and resolve every time expression in an article.

The folded text (:func:`marsad.text.fold.fold_with_map`) is scanned by the compiled grammar
(:mod:`marsad.time.grammar`); each match passes a context filter that keeps false friends out,
overlaps are settled longest-first, and each survivor is resolved against the publication date
and mapped back to offsets of the original text.

Known risk, accepted: «اليوم» as a bare word is read as the publication day even where it is part
of a name the filter does not know (a newspaper other than «صحيفة اليوم»/«اليوم السابع»).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence

from marsad.datafiles import word_sets
from marsad.records import TimeRef
from marsad.text.fold import fold_with_map, is_diacritic, source_span
from marsad.time import lexicon as lx
from marsad.time.dateparse import dateparser_parse
from marsad.time.grammar import grammar, rules
from marsad.time.resolve import resolve

__all__ = ["find_time_expressions", "resolve_expression"]

logger = logging.getLogger(__name__)

_PREV_WORD = re.compile(r"(\w+)\W*$")
_NEXT_WORD = re.compile(r"\W*(\w+)")
#: words before «اليوم»/«الغد»/«الليلة» that make them a name or another day.
_NOT_TODAY_BEFORE = frozenset(word_sets("marsad.time", "data/words.tsv")["not_today_before"])
#: nouns that «العام» ("general", "public") qualifies: «الأمين العام السابق» is no year.
_GENERAL_NOUNS = frozenset(word_sets("marsad.time", "data/words.tsv")["general_noun"])
#: nouns before a year that make it part of a name or a plan: «رؤية 2030م»، «كأس العالم 2030».
_YEAR_NAMES = frozenset(word_sets("marsad.time", "data/words.tsv")["year_name"])
_LAST_WORDS = re.compile(r"(\w+)\s+(\w+)\s*$|(\w+)\s*$")

_IDIOM_BEFORE = frozenset({"يوما", "يوم", "عاما", "عام", "سنه", "شهرا", "اسبوعا", "ساعه"})
_SHORT_WORDS = frozenset({"في", "منذ", "ذلك", "تلك"})

Candidate = tuple[int, int, str, re.Match[str]]


def _prev_word(norm: str, i: int) -> str:
    m = _PREV_WORD.search(norm, max(0, i - 40), i)
    word = m.group(1) if m else ""
    if len(word) > 2 and word[0] in "وف" and (len(word) > 3 or word[1:] in _SHORT_WORDS):
        return word[1:]
    return word


def _next_word(norm: str, j: int) -> str:
    m = _NEXT_WORD.match(norm, j, j + 40)
    return m.group(1) if m else ""


def _accept_month(norm: str, m: re.Match[str]) -> bool:
    if m.group("mod") or m.group("shahr") or m.group("alt"):
        return True
    name = " ".join((m.group("mon") or "").split())
    if name in lx.AMBIGUOUS_MONTHS or name in lx.HIJRI_MONTHS:
        return False
    return _prev_word(norm, m.start("x")) in lx.MONTH_PREPOSITIONS


def _accept_relday(norm: str, m: re.Match[str]) -> bool:
    rel = m.group("rel")
    if rel not in ("اليوم", "الغد", "الليله") or m.group("wd") or m.group("tod"):
        return True
    if _prev_word(norm, m.start("x")) in _NOT_TODAY_BEFORE:
        return False
    # «اليوم العالمي»، «اليوم التالي»، «اليوم السابع»: another day, or a name
    following = _next_word(norm, m.end("x"))
    return not (rel == "اليوم" and following.startswith("ال") and following not in lx.WEEKDAYS)


def _accept_weekday(norm: str, m: re.Match[str]) -> bool:
    if m.group("wd") != "الاثنين" or m.group("tod") or m.group("mod"):
        return True
    prev = _prev_word(norm, m.start("x"))  # «البلدين الاثنين»: "both", not Monday
    return not (prev.startswith("ال") and prev.endswith(("ين", "ان")))


def _accept_period(norm: str, m: re.Match[str]) -> bool:
    if not (m.group("mod") or m.group("this") or m.group("q")):
        return False
    if m.group("per") != "العام" or m.group("this") or m.group("q"):
        return True
    return _prev_word(norm, m.start("x")) not in _GENERAL_NOUNS


def _accept_relspan(norm: str, m: re.Match[str]) -> bool:
    # «قبل ساعات من الغارة»، «قبل يومين من الانتخابات»: relative to another event; «منذ ساعات
    # الصباح»: the hours of the morning, not hours ago
    if _next_word(norm, m.end("x")) in ("من", "الصباح", "الفجر", "الليل", "المساء", "الظهر"):
        return False
    # «يوما بعد يوم»، «عاما بعد عام»: an idiom, not a date
    return _prev_word(norm, m.start("x")) not in _IDIOM_BEFORE


def _accept_year(norm: str, m: re.Match[str]) -> bool:
    """False for a year that names a plan, a vision, a tournament or a budget: «رؤية 2030م»، «رؤية
    المملكة عام 2030»، «مونديال 2030م»، «قانون المالية لسنة 2026» (the noun is one of the two words
    before the year or its «عام»/«سنة»)."""
    w = _LAST_WORDS.search(norm, max(0, m.start() - 40), m.start())
    if w is None:
        return True
    return not ({w.group(1), w.group(2), w.group(3)} & _YEAR_NAMES)


def _accept_day_of_period(norm: str, m: re.Match[str]) -> bool:
    return bool(m.group("mod") or m.group("this"))


_FILTERS = {
    "month_rel": _accept_month, "relday": _accept_relday, "weekday": _accept_weekday,
    "period": _accept_period, "day_of_period": _accept_day_of_period, "relspan": _accept_relspan,
    "year": _accept_year,
}  # fmt: skip


def _candidates(norm: str) -> list[Candidate]:
    """Matches of every rule that can start at an anchor word (or digit), filtered."""
    gram = grammar()
    out: list[Candidate] = []
    seen: set[tuple[int, str]] = set()
    for a in gram.anchor.finditer(norm):
        word = a.group("w")
        for rule in gram.by_word.get(word, ()) if word else gram.by_digit:
            m = rule.pattern.match(norm, a.start())
            if m is None or (m.start(), rule.kind) in seen:
                continue
            seen.add((m.start(), rule.kind))
            s, e = m.span("x")
            keep = _FILTERS.get(rule.kind)
            if e > s and (keep is None or keep(norm, m)):
                out.append((s, e, rule.kind, m))
                if rule.kind == "relday" and m.group("wd"):
                    # «أمس الأحد 12 مارس»: if the date takes the weekday, «أمس» stays
                    out.append((s, m.end("rel"), rule.kind, m))
    return out


def full_scan_candidates(norm: str) -> list[Candidate]:
    """Every rule run over the whole text (slower; the reference the anchored search is tested
    against)."""
    out: list[Candidate] = []
    for rule in rules():
        keep = _FILTERS.get(rule.kind)
        for m in rule.pattern.finditer(norm):
            s, e = m.span("x")
            if e > s and (keep is None or keep(norm, m)):
                out.append((s, e, rule.kind, m))
    return out


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (ties: leftmost), returned in text order."""
    chosen: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c[0])


def _as_date(published: dt.date | None) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    return published if isinstance(published, dt.date) else None


def _find(text: str, published: dt.date | None) -> list[TimeRef]:
    norm, index = fold_with_map(text)
    refs = []
    for s, e, kind, m in _select(_candidates(norm)):
        value, end_value, precision = resolve(kind, m.groupdict(), published)
        a, b = source_span(index, s, e)
        while b < len(text) and is_diacritic(text[b]):  # «غداً»: keep the tanween
            b += 1
        refs.append(TimeRef(value, end_value, precision if value else None, text[a:b], a, b))
    return refs


def find_time_expressions(text: str, published: dt.date | None) -> list[TimeRef]:
    """Every time expression in ``text``, resolved against ``published``, sorted by start.

    Spans do not overlap (the longest match wins); ``ref.text == text[ref.start:ref.end]``.
    An expression that cannot be resolved (relative, and no publication date; out of the
    calendar's range) comes back with ``value=None`` and ``precision=None``. Never raises.
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        return _find(text, _as_date(published))
    except Exception:  # a bug here must never cost the article; it is logged
        logger.exception("time expression search failed")
        return []


def _longest(refs: Sequence[TimeRef]) -> TimeRef | None:
    if not refs:
        return None
    return max(refs, key=lambda r: ((r.end or 0) - (r.start or 0), -(r.start or 0)))


def resolve_expression(expr: str, published: dt.date | None) -> TimeRef | None:
    """Resolve one expression: the longest expression the grammar finds in ``expr``, else what
    :mod:`dateparser` makes of the whole string (offsets then span ``expr``), else None."""
    ref = _longest(find_time_expressions(expr, published))
    if ref is not None:
        return ref
    parsed = dateparser_parse(expr, _as_date(published))
    if parsed is None:
        return None
    value, precision = parsed
    return TimeRef(value, None, precision, expr, 0, len(expr))
