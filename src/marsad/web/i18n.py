"""The dashboard's strings in Arabic and English, and the names shown for event types, states, actors, modes
and precisions. States, groups, institutions and regions come from the actor KB (``kb/data/actors.jsonl``);
``data/countries.tsv`` overrides a state's KB name where the dashboard needs another form."""

from __future__ import annotations

from typing import Literal

from marsad.datafiles import read_tsv
from marsad.kb.actor_rows import read_rows
from marsad.kb.actors import DATA_DIR

__all__ = [
    "ACTORS", "COUNTRIES", "LANGS", "MODES", "PRECISIONS", "STRINGS", "TYPES", "Lang", "actor_name", "country_name",
    "mode_name", "precision_name", "type_name",
]  # fmt: skip

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, ...] = ("ar", "en")

#: the dashboard's strings by language (``data/strings.tsv``; an empty English cell: Arabic only)
STRINGS: dict[str, dict[str, str]] = {
    lang: {r["key"]: r[lang] for r in read_tsv("marsad.web", "data/strings.tsv") if r[lang]} for lang in LANGS
}


def _pairs(name: str) -> dict[str, tuple[str, str]]:
    return {r["code"]: (r["ar"], r["en"]) for r in read_tsv("marsad.web", f"data/{name}.tsv")}


#: event type → (Arabic, English) name (``data/types.tsv``)
TYPES: dict[str, tuple[str, str]] = _pairs("types")
#: PLOVER mode → (Arabic, English) name (``data/modes.tsv``)
MODES: dict[str, tuple[str, str]] = _pairs("modes")
#: place or date precision → (Arabic, English) name (``data/precisions.tsv``)
PRECISIONS: dict[str, tuple[str, str]] = _pairs("precisions")
_KB = list(read_rows(DATA_DIR / "actors.jsonl"))
#: every KB actor (states, institutions, groups, regions, media, people) → (Arabic, English) name
ACTORS: dict[str, tuple[str, str]] = {
    str(r["id"]): (str(r.get("name_ar") or r.get("name_en") or r["id"]), str(r.get("name_en") or r["id"])) for r in _KB
}
#: state code → (Arabic, English) name: the KB's states, then ``data/countries.tsv``
COUNTRIES: dict[str, tuple[str, str]] = {
    **{str(r["id"]): ACTORS[str(r["id"])] for r in _KB if r.get("kind") == "state"},
    **_pairs("countries"),
}
ACTORS.update(COUNTRIES)


def _pick(names: dict[str, tuple[str, str]], code: str | None, lang: Lang) -> str:
    if not code:
        return STRINGS[lang]["none"]
    pair = names.get(code)
    return pair[0 if lang == "ar" else 1] if pair else code


def type_name(code: str | None, lang: Lang) -> str:
    return _pick(TYPES, code, lang)


def country_name(code: str | None, lang: Lang) -> str:
    return _pick(COUNTRIES, code, lang)


def mode_name(code: str | None, lang: Lang) -> str:
    return _pick(MODES, code, lang)


def precision_name(code: str | None, lang: Lang) -> str:
    return _pick(PRECISIONS, code, lang)


def actor_name(code: str | None, name: str | None, lang: Lang) -> str:
    """A KB actor's name in ``lang``; an actor outside the KB as the record names it."""
    if code and code in ACTORS:
        return _pick(ACTORS, code, lang)
    return name or code or STRINGS[lang]["none"]
