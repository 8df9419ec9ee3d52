"""A one-line description of a merged event, in Arabic and in English, built from its fields.

Like ACLED's ``notes``: who did what to whom, where, when, how many, and the status when the event
did not simply occur, e.g. «اعتقلت المديرية العامة لمراقبة التراب الوطني مشتبها
بهم في طنجة (المغرب) يوم 2025-02-26، واعتُقل 12 شخصا.». The sentence patterns, per PLOVER type and
mode, live in ``events/data/descriptions.tsv``; names come from the actor KB (a state's or agency's
Arabic and English name) and from the event's place fields. Nothing is taken from article text but
the stored names, and the result is plain text: whoever shows it escapes it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal

from marsad.datafiles import read_tsv
from marsad.names import actor_names

if TYPE_CHECKING:  # the store's queries call describe_fields: no import of the store at run time
    from marsad.store.rows import EventRow

__all__ = ["DESCRIBED_FIELDS", "Lang", "describe", "describe_fields"]

Lang = Literal["ar", "en"]
#: the event fields a description reads (a query selecting fewer columns gets a poorer sentence)
DESCRIBED_FIELDS = (
    "type", "mode", "status", "actor_code", "actor_name", "recipient_code", "recipient_name", "place_name",
    "place_name_ar", "country", "place_precision", "date_value", "date_precision", "people", "killed", "injured",
)  # fmt: skip
#: states whose Arabic name takes a masculine verb («أعلن المغرب»); the others take a feminine one
_MASCULINE_STATES = frozenset({
    "MAR", "IRQ", "JOR", "SDN", "SSD", "YEM", "LBN", "SOM", "BHR", "SEN", "NER", "CMR", "GAB", "COG", "COD", "MEX",
    "PRT", "BRA", "ECU", "URY", "PRY", "PER", "VAT", "LUX", "KWT",
})  # fmt: skip
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")
_COARSE_PLACES = frozenset({"country", "region", "unresolved"})


@dataclass(frozen=True, slots=True)
class _Pattern:
    ar_m: str
    ar_f: str
    ar_none: str
    en: str
    en_none: str


@cache
def _patterns() -> dict[str, _Pattern]:
    out = {}
    for r in read_tsv("marsad.events", "data/descriptions.tsv"):
        out[r["key"]] = _Pattern(r["ar_m"], r.get("ar_f", ""), r.get("ar_none", ""), r["en"], r.get("en_none", ""))
    return out


def _fill(pattern: str, values: Mapping[str, str | None]) -> str:
    """``pattern`` with its ``{slots}`` filled; a ``[part]`` whose slots are not all known is left out."""

    def optional(m: re.Match[str]) -> str:
        return m.group(1) if all(values.get(s) for s in _SLOT.findall(m.group(1))) else ""

    text = _OPTIONAL.sub(optional, pattern)
    return _SLOT.sub(lambda m: values.get(m.group(1)) or "", text)


def _phrase(key: str, lang: Lang, **values: str | None) -> str:
    p = _patterns().get(key)
    if p is None:
        return ""
    return _fill(p.ar_m if lang == "ar" else p.en, values)


def _actor_name(code: Any, name: Any, lang: Lang, subject: bool = False) -> tuple[str | None, bool]:
    """The party's name in ``lang`` (its subject form with ``subject``) and whether an Arabic verb agrees
    with it in the feminine; ``None`` when unknown or left out (a role row without names)."""
    known = actor_names().get(str(code)) if code else None
    if known is None:
        return _role_name(code, name, lang, subject)
    if lang == "en":
        owner = actor_names().get(known.country or "") if known.kind == "agency" else None
        if owner is not None and owner.kind == "state":
            return _phrase("possessive", "en", actor=known.en, country=owner.en), False
        return known.en, False
    if known.kind == "state":
        return known.ar, str(code) not in _MASCULINE_STATES
    return known.ar, known.kind != "person" and _feminine_word(known.ar)


def _role_name(code: Any, name: Any, lang: Lang, subject: bool) -> tuple[str | None, bool]:
    """A non-state party (``civilians``, ``smugglers``…) by its role row, else its stored name as it is."""
    label = str(code or name or "")
    if not label:
        return None, False
    role = _patterns().get(f"role:{label}")
    if role is None:
        return str(name or code), False
    if lang == "en":
        return role.en or None, False
    text = (role.ar_f or role.ar_m) if subject else role.ar_m
    return text or None, _feminine_word(text)


def _feminine_word(name: str) -> bool:
    """An Arabic name whose head noun is feminine or a plural of things («المديرية…», «قوات…»)."""
    words = name.split(maxsplit=1)
    return bool(words) and words[0].endswith(("ة", "ات"))


def _country_name(code: Any, lang: Lang) -> str | None:
    if not code:
        return None
    known = actor_names().get(str(code))
    return (known.ar if lang == "ar" else known.en) if known else str(code)


def _state_of(code: Any) -> str | None:
    """The state an actor acts for: its own code, or an agency's country («MAR_DGST» → «MAR»)."""
    known = actor_names().get(str(code)) if code else None
    return known.country if known is not None and known.kind == "agency" else (str(code) if code else None)


def _place(e: Mapping[str, Any], lang: Lang) -> str:
    country = _country_name(e.get("country"), lang)
    name = e.get("place_name_ar") if lang == "ar" else None
    name = name or e.get("place_name")
    if not name or e.get("place_precision") in _COARSE_PLACES or name == country:
        if e.get("country") and e.get("country") == _state_of(e.get("actor_code")):
            return ""  # «اعتقل المغرب مشتبها بهم»: not «… في المغرب», the actor's own country said twice
        return _phrase("place", lang, place=country) if country else ""
    if country:
        return _phrase("place:country", lang, place=str(name), country=country)
    return _phrase("place", lang, place=str(name))


def _date(e: Mapping[str, Any], lang: Lang) -> str:
    value = e.get("date_value")
    if value is None:
        return ""
    iso = value.isoformat() if hasattr(value, "isoformat") else str(value)
    precision = e.get("date_precision") or "day"
    shown = {"month": iso[:7], "year": iso[:4]}.get(precision, iso[:10])
    return _phrase(f"date:{precision}", lang, date=shown) or _phrase("date:day", lang, date=shown)


def _people(n: int, lang: Lang) -> str:
    """«شخص واحد», «شخصان», «5 أشخاص», «12 شخصا», «200 شخص» (the counted noun agrees with the number)."""
    if n in {1, 2}:
        return _phrase(f"person:{n}", lang)
    rest = n % 100
    form = "few" if 3 <= rest <= 10 else "many" if rest >= 11 else "hundreds"
    return _phrase(f"person:{form}", lang, n=str(n))


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value > 0 else 0


def _counts(e: Mapping[str, Any], lang: Lang) -> list[str]:
    """Killed, injured, and the people involved (arrested, for an arrest) when that is a third figure."""
    killed, injured, people = (_count(e.get(k)) for k in ("killed", "injured", "people"))
    if people in (killed, injured, killed + injured):
        people = 0  # the same people counted again
    people_key = "count:arrest" if e.get("mode") == "arrest" else "count:people"
    out = []
    for key, value in (("count:killed", killed), ("count:injured", injured), (people_key, people)):
        if value:
            out.append(_phrase(key, lang, n=_people(value, lang) if lang == "ar" else str(value)))
    return out


def _clause(e: Mapping[str, Any], lang: Lang) -> str:
    table = _patterns()
    mode, kind = e.get("mode"), str(e.get("type") or "")
    pattern = table.get(f"{kind}:{mode}") or table.get(kind)
    actor, feminine = _actor_name(e.get("actor_code"), e.get("actor_name"), lang, subject=True)
    recipient, _ = _actor_name(e.get("recipient_code"), e.get("recipient_name"), lang)
    if pattern is None:
        return " ".join(x for x in (actor, kind.lower() or None, recipient) if x)
    if lang == "ar":
        text = (pattern.ar_f if feminine else pattern.ar_m) if actor else pattern.ar_none
    else:
        text = pattern.en if actor else pattern.en_none
    return _fill(text, {"actor": actor, "recipient": recipient})


def describe_fields(e: Mapping[str, Any], lang: Lang) -> str:
    """The description of an event given as a mapping of its fields (see :data:`DESCRIBED_FIELDS`)."""
    return _described(tuple(e.get(f) for f in DESCRIBED_FIELDS), lang)


@lru_cache(maxsize=32_768)
def _described(values: tuple[Any, ...], lang: Lang) -> str:
    """Cached by the described fields' values: a map of 2,000 markers is described again at every request."""
    e = dict(zip(DESCRIBED_FIELDS, values, strict=True))
    status = e.get("status")
    parts = [_clause(e, lang), _place(e, lang), _date(e, lang),
             _phrase(f"status:{status}", lang) if status and status != "occurred" else ""]  # fmt: skip
    head = " ".join(p for p in parts if p).strip()
    counts = _counts(e, lang)
    if lang == "ar":
        return head + "".join("، " + c for c in counts) + "."
    head = head[:1].upper() + head[1:]
    return head + ("; " + ", ".join(counts) if counts else "") + "."


def describe(event: EventRow, lang: Lang) -> str:
    """The one-line description of ``event`` in ``lang`` (``ar`` or ``en``)."""
    return describe_fields({f: getattr(event, f) for f in DESCRIBED_FIELDS}, lang)
