"""Folded word lists for Arabic time expressions.

Every entry is stored in the folded (``norm``) form of :func:`marsad.text.fold.fold`, so the
grammar matches the folded article text directly; ``tests/time/test_lexicon.py`` asserts that
``fold(entry) == entry`` for all of them.

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
]

#: folded Gregorian month name → month number (1–12), all four families.
GREGORIAN_MONTHS: Mapping[str, int] = MappingProxyType({
    # Syriac names (Levant, Iraq)
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6,
    "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    # Egyptian / Gulf (English-derived) with spelling variants
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12,
    # Moroccan (French-derived, Moroccan spelling)
    "ماي": 5, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
    # Algerian / Tunisian (French)
    "جانفي": 1, "فيفري": 2, "افريل": 4, "جوان": 6, "جويليه": 7, "اوت": 8,
})  # fmt: skip

#: folded Hijri month name → month number (1–12), with the genitive and variant spellings.
HIJRI_MONTHS: Mapping[str, int] = MappingProxyType({
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4,
    "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخره": 6, "جمادي الاخر": 6,
    "جمادي الثانيه": 6, "جمادي الثاني": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
})  # fmt: skip

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
TIMES_OF_DAY: tuple[str, ...] = (
    "صباح", "مساء", "فجر", "ظهر", "عصر", "ليل", "ليله", "منتصف ليل", "منتصف ليله", "ظهيره",
    "صبيحه", "عشيه", "غداه", "يوم", "نهار",
)  # fmt: skip


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
CARDINALS: Mapping[str, int] = MappingProxyType({
    "واحد": 1, "واحده": 1, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5,
    "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمان": 8, "ثمانيه": 8,
    "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
})  # fmt: skip

#: modifiers after a period, weekday or month name, by direction.
PAST_MODIFIERS: tuple[str, ...] = (
    "الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق", "السابقه",
)  # fmt: skip
FUTURE_MODIFIERS: tuple[str, ...] = ("المقبل", "المقبله", "القادم", "القادمه")
PRESENT_MODIFIERS: tuple[str, ...] = ("الجاري", "الجاريه", "الحالي", "الحاليه")

#: words before a period that keep its precision («مطلع الشهر الجاري», «نهاية الأسبوع»).
PERIOD_QUALIFIERS: tuple[str, ...] = (
    "مطلع", "بدايه", "اوائل", "اول", "منتصف", "اواسط", "وسط", "اواخر", "نهايه", "اخر",
    "خلال", "طيله", "طوال",
)  # fmt: skip

#: words that let an unambiguous month name stand alone («في مارس», «منذ أكتوبر»).
MONTH_PREPOSITIONS: tuple[str, ...] = (
    "في", "خلال", "منذ", "حتي", "مطلع", "بدايه", "اوائل", "منتصف", "اواسط", "اواخر", "نهايه",
)  # fmt: skip


def all_entries() -> list[str]:
    """Every folded entry of every list above (for the ``fold(x) == x`` test)."""
    words: list[str] = []
    for table in (GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS, ORDINAL_DAYS, CARDINALS):
        words.extend(table)
    for seq in (AMBIGUOUS_MONTHS, TIMES_OF_DAY, PAST_MODIFIERS, FUTURE_MODIFIERS,
                PRESENT_MODIFIERS, PERIOD_QUALIFIERS, MONTH_PREPOSITIONS):  # fmt: skip
        words.extend(seq)
    return words
