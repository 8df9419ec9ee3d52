"""The compiled regular grammar of Arabic time expressions, over folded text.

Each rule is one regular expression with a ``kind`` (which resolver in :mod:`._resolve` turns
its groups into dates). Every rule has the form ``(?<!\\w)CLITIC(?P<x>CORE)``: the optional
proclitics («وأمس»، «وبالأمس») stay outside the reported span ``x``. The rules are compiled once
(:func:`rules`, cached) and run with ``finditer`` over the folded article; overlapping matches
are settled by :func:`marsad.time.find.find_time_expressions` (longest wins).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from marsad.datafiles import read_tsv
from marsad.time import lexicon as lx

__all__ = ["UNITS", "Grammar", "Rule", "grammar", "rules"]


#: optional proclitics before a time expression: conjunction, then preposition («وبالأمس»).
_CLITIC = "[وف]?[بلك]?"


class Rule(NamedTuple):
    kind: str
    pattern: re.Pattern[str]


#: folded unit word → (unit, count); count 0 means "several, unspecified" («أيام»).
UNITS: dict[str, tuple[str, int]] = {
    r["word"]: (r["unit"], int(r["count"])) for r in read_tsv("marsad.time", "data/units.tsv")
}


Trie = dict[str, "Trie"]


def _emit(node: Trie) -> str:
    branches = []
    for ch, child in sorted(node.items()):
        if ch:
            branches.append((r"\s+" if ch == " " else re.escape(ch)) + _emit(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _alt(words: Iterable[str]) -> str:
    """A non-capturing alternation of ``words`` as a trie (one test per first letter, which
    makes the grammar several times faster than a flat list); the greedy optional tails try
    the longest word first; a space matches any whitespace run."""
    trie: Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _emit(trie) + ")"


def _fragments() -> dict[str, str]:
    month = _alt([*lx.GREGORIAN_MONTHS, *lx.HIJRI_MONTHS])
    era = r"(?:\s*(?P<era>هجريه|هجري|للهجره|ه|ميلاديه|ميلادي|للميلاد|م)(?!\w))?"
    return {
        "WD": _alt(lx.WEEKDAYS),
        "MON": month,
        "ALT": rf"(?:\s*[(/\-–]\s*(?P<alt>{month})(?!\w)\s*\)?)?",
        "ORD": _alt(lx.ORDINAL_DAYS),
        "DAYN": r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?!\d)",
        "YEAR": r"(?<![\d.,/])(?:1[3-9]\d\d|20\d\d)(?![\d/])",
        "ERA": era,
        "MOD": _alt([*lx.PAST_MODIFIERS, *lx.FUTURE_MODIFIERS, *lx.PRESENT_MODIFIERS]),
        "TOD": _alt(lx.TIMES_OF_DAY),
        "CARD": _alt(lx.CARDINALS),
        "UNIT": _alt(UNITS),
        "QUAL": _alt(lx.PERIOD_QUALIFIERS),
    }


_CORES: tuple[tuple[str, str], ...] = (
    # «الجمعة 02 أكتوبر 2020»، «الثاني عشر من مارس»، «15 رمضان 1446 هـ»، «27 سبتمبر (أيلول) المقبل»
    ("date",
     r"(?:(?:يوم\s+)?(?P<wd>{WD})\s*[,،-]?\s*|يوم\s+)?(?:(?P<dn>{DAYN})|(?P<do>{ORD}))\s*"
     r"(?:من\s+)?(?:شهر\s+)?(?P<mon>{MON})(?!\w){ALT}"
     r"(?:\s*[,،]?\s*(?P<y>{YEAR}){ERA}|\s+(?P<mod>{MOD})(?!\w))?"),
    # «مارس 2024»، «شهر رمضان 1446»
    ("month_year", r"(?:شهر\s+)?(?P<mon>{MON})(?!\w){ALT}\s*[,،]?\s*(?P<y>{YEAR}){ERA}"),
    # «مارس الماضي»، «شهر رمضان»، «في أكتوبر» (the filter checks the context)
    ("month_rel", r"(?:(?P<shahr>شهر)\s+)?(?P<mon>{MON})(?!\w){ALT}(?:\s+(?P<mod>{MOD})(?!\w))?"),
    # «12/03/2025»، «2025-03-12»
    ("numeric",
     r"(?<![\d/.\-])(?:(?P<d>\d{{1,2}})(?P<s>[/.\-])(?P<m>\d{{1,2}})(?P=s)(?P<y>\d{{4}})"
     r"|(?P<y2>\d{{4}})(?P<s2>[/.\-])(?P<m2>\d{{1,2}})(?P=s2)(?P<d2>\d{{1,2}}))"
     r"(?![\d/\-])(?!\.\d)"),
    # «عام 2019»، «سنة 2019»، «عامي 2019 و2020»، «مطلع 2019»، «2020م»
    ("year",
     r"(?:(?:عامي|سنتي)\s+(?P<yd>{YEAR})\s*(?:و|الي|حتي|-)\s*(?P<yd2>{YEAR})"
     r"|(?:(?:ال)?(?:عام|سنه)|منذ|مطلع|اوائل|اواسط|منتصف|اواخر|نهايه|بدايه)\s+"
     r"(?P<y>{YEAR}){ERA}(?:\s*(?:الي|حتي|-)\s*(?P<y2>{YEAR}))?"
     r"|(?P<ye>{YEAR})\s*(?P<era2>م|ميلاديه|ميلادي|للميلاد|هجريه|هجري|للهجره|ه)(?!\w)"
     r"|(?<=في )(?P<yf>(?:19|20)\d\d)(?![\d/])(?=\s*(?:[^\w\s]|$)))"),
    # «اليوم الأربعاء»، «أمس»، «أول من أمس»، «مساء أمس»، «غدا»، «الليلة الماضية»
    ("relday",
     r"(?:(?P<tod>{TOD})\s+)?(?P<rel>اول\s+من\s+امس|اول\s+امس|امس\s+الاول|البارحه|الامس|امس"
     r"|بعد\s+غد|يوم\s+غد|الغد|غدا|اليوم|الليله\s+الماضيه|ليله\s+امس|الليله)(?!\w)"
     r"(?:\s*[,،(]?\s*(?P<wd>{WD})(?!\w)\)?)?"),
    # «الخميس»، «يوم الاثنين الماضي»، «الاثنين المقبل»، «مساء الثلاثاء»
    ("weekday", r"(?:(?P<tod>{TOD})\s+)?(?P<wd>{WD})(?!\w)(?:\s+(?P<mod>{MOD})(?!\w))?"),
    # «قبل يومين»، «منذ ثلاثة أيام»، «قبل أيام»، «بعد أسبوعين»، «قبل 15 يوما»
    ("relspan",
     r"(?P<dir>قبل|منذ|بعد)\s+(?:(?P<n>\d{{1,3}}|{CARD})\s+)?(?P<unit>{UNIT})(?!\w)"
     r"(?:\s+(?P<one>واحد|واحده)(?!\w))?(?!\s*\d)"),
    # «خلال السنوات القليلة الماضية»، «في الأيام الأخيرة»
    ("lastspan",
     r"(?:(?:خلال|في|طيله|طوال)\s+)?(?P<unit>الايام|الاسابيع|الاشهر|الشهور|السنوات|الاعوام"
     r"|السنين|اليومين|الاسبوعين|الشهرين|العامين|السنتين)\s+(?:القليله\s+)?"
     r"(?P<mod>الماضيه|الاخيره|المنصرمه|الفائته|المقبله|القادمه|الماضيين|الاخيرين|المقبلين|القادمين)"
     r"(?!\w)"),
    # «الأسبوع الماضي»، «مطلع الشهر الجاري»، «نهاية الأسبوع»، «هذا العام»
    ("period",
     r"(?:(?P<q>{QUAL})\s+)?(?:(?P<this>هذا|هذه)\s+)?(?P<per>الاسبوع|الشهر|العام|السنه)(?!\w)"
     r"(?:\s+(?P<mod>{MOD})(?!\w))?"),
    # «في 12 من الشهر الجاري»
    ("day_of_period",
     r"(?:(?P<dn>{DAYN})|(?P<do>{ORD}))\s+(?:من\s+)?(?:(?P<this>هذا)\s+)?(?P<per>الشهر)(?!\w)"
     r"(?:\s+(?P<mod>{MOD})(?!\w))?"),
)  # fmt: skip


def _first_words(words: Iterable[str]) -> set[str]:
    return {w.split()[0] for w in words}


def _anchors() -> dict[str, tuple[set[str], bool]]:
    """For each rule: the words its matches can begin with, and whether they can begin with a
    digit. ``tests/time/test_grammar.py`` checks that anchored search finds what a full scan does.
    """
    months = _first_words([*lx.GREGORIAN_MONTHS, *lx.HIJRI_MONTHS]) | {"شهر"}
    ords, tods = _first_words(lx.ORDINAL_DAYS), _first_words(lx.TIMES_OF_DAY)
    wds = set(lx.WEEKDAYS)
    rel = {"اول", "امس", "البارحه", "الامس", "بعد", "يوم", "الغد", "غدا", "اليوم", "الليله",
           "ليله"}  # fmt: skip
    years = {"عام", "العام", "سنه", "السنه", "عامي", "سنتي", "منذ", "مطلع", "اوائل", "اواسط",
             "منتصف", "اواخر", "نهايه", "بدايه"}  # fmt: skip
    spans = {"خلال", "في", "طيله", "طوال", "الايام", "الاسابيع", "الاشهر", "الشهور", "السنوات",
             "الاعوام", "السنين", "اليومين", "الاسبوعين", "الشهرين", "العامين", "السنتين"}  # fmt: skip
    periods = _first_words(lx.PERIOD_QUALIFIERS) | {"هذا", "هذه", "الاسبوع", "الشهر", "العام",
                                                    "السنه"}  # fmt: skip
    return {
        "date": (wds | ords | {"يوم"}, True), "month_year": (months, False),
        "month_rel": (months, False), "numeric": (set(), True), "year": (years, True),
        "relday": (tods | rel, False), "weekday": (tods | wds, False),
        "relspan": ({"قبل", "منذ", "بعد"}, False), "lastspan": (spans, False),
        "period": (periods, False), "day_of_period": (ords, True),
    }  # fmt: skip


class Grammar(NamedTuple):
    """The rules, and an index to try only the rules that can start at an anchor word."""

    rules: tuple[Rule, ...]
    anchor: re.Pattern[str]
    by_word: dict[str, tuple[Rule, ...]]
    by_digit: tuple[Rule, ...]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """All rules, compiled once."""
    frags = _fragments()
    out = []
    for kind, core in _CORES:
        body = core.format(**frags)
        out.append(Rule(kind, re.compile(rf"(?<!\w){_CLITIC}(?P<x>{body})")))
    return tuple(out)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The rules with their anchor index, built once."""
    all_rules, anchors = rules(), _anchors()
    by_word: dict[str, list[Rule]] = {}
    for rule in all_rules:
        for word in anchors[rule.kind][0]:
            by_word.setdefault(word, []).append(rule)
    by_digit = tuple(r for r in all_rules if anchors[r.kind][1])
    # a word anchor may have digits glued after it: «الاثنين07 مارس 2016»
    anchor = re.compile(rf"(?<!\w){_CLITIC}(?:(?P<w>{_alt(by_word)})(?![^\W\d_])|(?P<d>\d))")
    return Grammar(all_rules, anchor, {w: tuple(r) for w, r in by_word.items()}, by_digit)
