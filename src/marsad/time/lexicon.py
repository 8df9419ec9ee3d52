"""Folded word lists for Arabic time expressions.

Every entry is stored in the folded (``norm``) form of :func:`marsad.text.fold.fold`, so the
grammar matches the folded article text directly; ``tests/time/test_lexicon.py`` asserts that
``fold(entry) == entry`` for all of them. The longer lists live in ``data/``: ``months.tsv``,
``cardinals.tsv`` and ``words.tsv`` (times of day, period qualifiers, month prepositions).

Month names come in four Gregorian families (Syriac names of the Levant and Iraq, Moroccan
French-derived names, Algerian/Tunisian French names, Egyptian/Gulf English-derived names with
their spelling variants) and the twelve Hijri months. Names that are also ordinary words
(«اب» father once folded, «ماي» a surname, «مارس» a verb, Hijri months that are first names)
are listed in :data:`AMBIGUOUS_MONTHS`: the grammar accepts them only next to a day, a year,
«شهر» or a relative modifier («الماضي»).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from marsad.datafiles import read_tsv, word_sets

__all__ = [
    "AMBIGUOUS_MONTHS",
    "CARDINALS",
    "FUTURE_MODIFIERS",
    "GREGORIAN_MONTHS",
    "HIJRI_MONTHS",
    "MONTH_PREPOSITIONS",
    "ORDINAL_DAYS",
    "PAST_MODIFIERS",
    "PERIOD_QUALIFIERS",
    "PRESENT_MODIFIERS",
    "TIMES_OF_DAY",
    "WEEKDAYS",
    "all_entries",
    "deictic",
]


def _months(calendar: str) -> Mapping[str, int]:
    rows = read_tsv("marsad.time", "data/months.tsv")
    return MappingProxyType({r["word"]: int(r["month"]) for r in rows if r["calendar"] == calendar})


#: folded Gregorian month name → month number (1–12), all four families.
GREGORIAN_MONTHS: Mapping[str, int] = _months("gregorian")

#: folded Hijri month name → month number (1–12), with the genitive and variant spellings.
HIJRI_MONTHS: Mapping[str, int] = _months("hijri")

#: month names that are also common words or first names; never accepted alone.
AMBIGUOUS_MONTHS: frozenset[str] = frozenset(
    {"اب", "ماي", "مارس", "جوان", "صفر", "رجب", "شعبان", "رمضان", "محرم", "شوال"}
)

#: folded weekday (with the article) → Python weekday number (Monday = 0).
WEEKDAYS: Mapping[str, int] = MappingProxyType({
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5,
    "الاحد": 6,
})  # fmt: skip

#: parts of the day that may precede a day word («مساء الثلاثاء», «فجر أمس»).
TIMES_OF_DAY: tuple[str, ...] = word_sets("marsad.time", "data/words.tsv")["time_of_day"]


def _ordinal_days() -> dict[str, int]:
    units = ("الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
             "التاسع")  # fmt: skip
    table = {w: i for i, w in enumerate(units, start=1)}
    table |= {"العاشر": 10, "العشرين": 20, "الثلاثين": 30, "الحادي والثلاثين": 31}
    for i, w in enumerate(("الحادي", *units[1:]), start=1):
        table[f"{w} عشر"] = 10 + i
        table[f"{w} والعشرين"] = 20 + i
    return table


#: ordinal day words (masculine, as in «الثاني عشر من مارس») → day of month.
ORDINAL_DAYS: Mapping[str, int] = MappingProxyType(_ordinal_days())

#: cardinal number words used with units («ثلاثة أيام», «ثلاث سنوات») → value.
CARDINALS: Mapping[str, int] = MappingProxyType(
    {r["word"]: int(r["value"]) for r in read_tsv("marsad.time", "data/cardinals.tsv")}
)

#: modifiers after a period, weekday or month name, by direction.
PAST_MODIFIERS: tuple[str, ...] = (
    "الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق", "السابقه",
)  # fmt: skip
FUTURE_MODIFIERS: tuple[str, ...] = ("المقبل", "المقبله", "القادم", "القادمه")
PRESENT_MODIFIERS: tuple[str, ...] = ("الجاري", "الجاريه", "الحالي", "الحاليه")

#: words before a period that keep its precision («مطلع الشهر الجاري», «نهاية الأسبوع»).
PERIOD_QUALIFIERS: tuple[str, ...] = word_sets("marsad.time", "data/words.tsv")["period_qualifier"]

#: words that let an unambiguous month name stand alone («في مارس», «منذ أكتوبر»).
MONTH_PREPOSITIONS: tuple[str, ...] = word_sets("marsad.time", "data/words.tsv")["month_preposition"]


def all_entries() -> list[str]:
    """Every folded entry of every list above (for the ``fold(x) == x`` test)."""
    words: list[str] = []
    for table in (GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS, ORDINAL_DAYS, CARDINALS):
        words.extend(table)
    for seq in (AMBIGUOUS_MONTHS, TIMES_OF_DAY, PAST_MODIFIERS, FUTURE_MODIFIERS,
                PRESENT_MODIFIERS, PERIOD_QUALIFIERS, MONTH_PREPOSITIONS):  # fmt: skip
        words.extend(seq)
    return words


#: the one-word relative days («أمس»، «اليوم»، «غدا»); every longer one holds one of them («أول من أمس»)
_RELATIVE_DAY_WORDS = frozenset(
    r["word"] for r in read_tsv("marsad.time", "data/relative_days.tsv") if " " not in r["word"]
)


def deictic(folded: str) -> bool:
    """True when a folded time expression names its day from the news day («أمس»، «اليوم
    الأربعاء»، «صباح الخميس»), not by its date («في 26 يونيو الماضي»)."""
    return not any(c.isdigit() for c in folded) and any(
        w in WEEKDAYS or w in _RELATIVE_DAY_WORDS for w in folded.split())
