"""The event trigger lexicon (``data/triggers.tsv``): folded phrase → PLOVER type/mode, ACLED, flags."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.datafiles import read_tsv
from marsad.records import EVENT_TYPES, Acled
from marsad.text.match import PhraseMatcher

__all__ = ["ACLED", "FLAGS", "MODES", "Trigger", "trigger_matcher", "triggers"]

#: Short ACLED codes used in the data file → (event type, sub-event type).
ACLED: dict[str, Acled] = {
    "ARR": Acled("Strategic developments", "Arrests"),
    "DWU": Acled("Strategic developments", "Disrupted weapons use"),
    "LOO": Acled("Strategic developments", "Looting/property destruction"),
    "AGR": Acled("Strategic developments", "Agreement"),
    "AIR": Acled("Explosions/Remote violence", "Air/drone strike"),
    "SHL": Acled("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "IED": Acled("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "SUI": Acled("Explosions/Remote violence", "Suicide bomb"),
    "CLA": Acled("Battles", "Armed clash"),
    "GOV": Acled("Battles", "Government regains territory"),
    "NSA": Acled("Battles", "Non-state actor overtakes territory"),
    "VAT": Acled("Violence against civilians", "Attack"),
    "ABD": Acled("Violence against civilians", "Abduction/forced disappearance"),
    "SXV": Acled("Violence against civilians", "Sexual violence"),
    "RIO": Acled("Riots", "Violent demonstration"),
    "PPR": Acled("Protests", "Peaceful protest"),
}
FLAGS = frozenset({"weak", "kill", "sport", "abstract", "objmode", "court", "territory", "protest", "skip", "with",
                   "suspend", "goods", "bi"})
#: PLOVER 2.0 modes marsad codes, by type (annotation guide; others map to null).
MODES: dict[str, frozenset[str]] = {
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
                         "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                          "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                          "unconventional"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "CONSULT": frozenset({"phone", "visit", "host", "meet", "mediate", "third-party"}),
    "ACCUSE": frozenset({"disapprove", "allege", "investigate"}),
    "RETREAT": frozenset({"withdraw", "release", "ceasefire", "disarm", "return"}),
    "MOBILIZE": frozenset({"troops", "police", "militia", "weapons"}),
    "THREATEN": frozenset({"violence", "sanction", "ultimatum"}),
    "REQUEST": frozenset({"yield", "change", "assist", "rights"}),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: what a trigger phrase codes."""

    phrase: str
    type: str
    mode: str | None
    acled: Acled | None
    flags: frozenset[str]


@lru_cache(maxsize=1)
def triggers() -> tuple[tuple[str, str, Trigger], ...]:
    """(phrase, suffix class, Trigger) rows; duplicate phrases merge their suffix classes."""
    rows: dict[str, tuple[str, Trigger]] = {}
    for r in read_tsv("marsad.events", "data/triggers.tsv"):
        typ = r["type"]
        if typ not in EVENT_TYPES:
            raise ValueError(f"unknown PLOVER type {typ!r} for trigger {r['trigger']!r}")
        mode: str | None = None
        acled: Acled | None = None
        flags: set[str] = set()
        for token in (r.get("mode", ""), r.get("acled", ""), r.get("flags", "")):
            for piece in filter(None, (t.strip() for t in token.split(","))):
                if piece in FLAGS:
                    flags.add(piece)
                elif piece in ACLED:
                    acled = ACLED[piece]
                elif piece in MODES.get(typ, ()):
                    mode = piece
                else:
                    raise ValueError(f"bad field {piece!r} for trigger {r['trigger']!r}")
        phrase, cls = r["trigger"], r["cls"]
        if phrase in rows:
            old_cls, trig = rows[phrase]
            rows[phrase] = ("".join(sorted(set(old_cls + cls))), trig)
        else:
            rows[phrase] = (cls, Trigger(phrase, typ, mode, acled, frozenset(flags)))
    return tuple((p, c, t) for p, (c, t) in rows.items())


@lru_cache(maxsize=1)
def trigger_matcher() -> PhraseMatcher[Trigger]:
    return PhraseMatcher(list(triggers()))
