"""The dashboard's strings in Arabic and English, and the names shown for event types and states."""

from __future__ import annotations

from typing import Literal

from marsad.datafiles import read_tsv

__all__ = ["COUNTRIES", "LANGS", "STRINGS", "TYPES", "Lang", "country_name", "type_name"]

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, ...] = ("ar", "en")

#: the dashboard's strings by language (``data/strings.tsv``; an empty English cell: Arabic only)
STRINGS: dict[str, dict[str, str]] = {
    lang: {r["key"]: r[lang] for r in read_tsv("marsad.web", "data/strings.tsv") if r[lang]} for lang in LANGS
}
#: event type → (Arabic, English) name (``data/types.tsv``)
TYPES: dict[str, tuple[str, str]] = {r["code"]: (r["ar"], r["en"]) for r in read_tsv("marsad.web", "data/types.tsv")}
#: state code → (Arabic, English) name (``data/countries.tsv``)
COUNTRIES: dict[str, tuple[str, str]] = {
    r["code"]: (r["ar"], r["en"]) for r in read_tsv("marsad.web", "data/countries.tsv")
}


def type_name(code: str | None, lang: Lang) -> str:
    if not code:
        return STRINGS[lang]["none"]
    names = TYPES.get(code)
    return names[0 if lang == "ar" else 1] if names else code


def country_name(code: str | None, lang: Lang) -> str:
    if not code:
        return STRINGS[lang]["none"]
    names = COUNTRIES.get(code)
    return names[0 if lang == "ar" else 1] if names else code
