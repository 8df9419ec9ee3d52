"""Typed records the stages produce, and their JSON form (the output contract).

Every record points to its evidence by offsets into ``Article.text``; the evidence *text* is
derived when serialising, so ``evidence.text == text[start:end]`` holds by construction.
See ``../shared/docs/output-contract.md`` for the field names, which are kept verbatim.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "DATE_PRECISIONS",
    "EVENT_TYPES",
    "PLACE_PRECISIONS",
    "STATUSES",
    "Acled",
    "ActorRef",
    "Canonical",
    "Counts",
    "Entity",
    "Event",
    "Evidence",
    "Place",
    "Quote",
    "Relation",
    "Speaker",
    "TimeRef",
]

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
STATUSES = ("occurred", "planned", "attempted", "threatened", "denied")
#: From the most precise: a district or neighbourhood of a town, a village, douar, commune, camp, border
#: post or mountain (a place the gazetteer may not know: it then has its parent's coordinates), a town.
PLACE_PRECISIONS = ("neighbourhood", "locality", "town", "admin2", "admin1", "country", "region", "unresolved")
DATE_PRECISIONS = ("day", "week", "month", "year")

EntityLabel = Literal["PER", "ORG", "GPE", "LOC", "FAC", "MISC"]
CanonicalKind = Literal["person", "state", "agency", "group", "media", "place", "org"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A half-open span of the article text that justifies a record."""

    start: int
    end: int

    def to_json(self, text: str) -> dict[str, Any]:
        return {"text": text[self.start : self.end], "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        return cls(int(data["start"]), int(data["end"]))


@dataclass(frozen=True, slots=True)
class Canonical:
    """The knowledge-base entry an entity mention links to."""

    id: str
    name_ar: str | None = None
    name_en: str | None = None
    kind: str = "org"
    country: str | None = None
    wikidata: str | None = None
    #: For a grouping of states (دول الساحل, الدول المغاربية): the member state codes.
    members: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "name_ar": self.name_ar, "name_en": self.name_en,
            "kind": self.kind, "country": self.country, "wikidata": self.wikidata,
        }  # fmt: skip
        if self.members:
            out["members"] = list(self.members)
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Canonical:
        return cls(d["id"], d.get("name_ar"), d.get("name_en"), d.get("kind", "org"),
                   d.get("country"), d.get("wikidata"), tuple(d.get("members", ())))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Entity:
    """A named mention ``text[start:end]`` with its label and, when linked, its canonical actor."""

    id: str
    start: int
    end: int
    label: str
    canonical: Canonical | None = None
    source: str = ""
    score: float = 1.0

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "id": self.id, "text": text[self.start : self.end], "start": self.start,
            "end": self.end, "label": self.label,
            "canonical": self.canonical.to_json() if self.canonical else None,
            "source": self.source, "score": round(self.score, 4),
        }  # fmt: skip

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Entity:
        can = d.get("canonical")
        return cls(d["id"], int(d["start"]), int(d["end"]), d["label"],
                   Canonical.from_json(can) if can else None,
                   d.get("source", ""), float(d.get("score", 1.0)))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place with a precision (``unresolved`` keeps the name, never drops it)."""

    name: str | None
    name_ar: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    precision: str = "unresolved"
    start: int | None = None
    end: int | None = None
    #: the name of the place it lies in, for a place below the gazetteer («Sidi Moumen» → «Casablanca»)
    parent: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {
            "name": self.name, "name_ar": self.name_ar, "geonames_id": self.geonames_id,
            "lat": self.lat, "lon": self.lon, "country": self.country, "admin1": self.admin1,
            "precision": self.precision,
        }  # fmt: skip
        if self.parent is not None:
            out["parent"] = self.parent
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Place:
        return cls(d.get("name"), d.get("name_ar"), d.get("geonames_id"), d.get("lat"),
                   d.get("lon"), d.get("country"), d.get("admin1"),
                   d.get("precision", "unresolved"), d.get("start"), d.get("end"), d.get("parent"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression resolved against the publication date.

    ``value`` is the first day the expression denotes, ``end`` the last day of a span (or None),
    ``precision`` one of day, week, month, year, or None where nothing could be resolved.
    """

    value: dt.date | None
    end_value: dt.date | None = None
    precision: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value.isoformat() if self.value else None,
            "end": self.end_value.isoformat() if self.end_value else None,
            "precision": self.precision, "text": self.text,
        }  # fmt: skip
        if self.start is not None:
            out["start"], out["stop"] = self.start, self.end
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TimeRef:
        def _d(v: Any) -> dt.date | None:
            return dt.date.fromisoformat(v) if v else None

        return cls(_d(d.get("value")), _d(d.get("end")), d.get("precision"), d.get("text"),
                   d.get("start"), d.get("stop"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An event participant: a code (ISO alpha-3 or marsad actor id), a name, its entity id."""

    code: str | None
    name: str | None = None
    entity: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "entity": self.entity}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> ActorRef | None:
        return cls(d.get("code"), d.get("name"), d.get("entity")) if d else None


@dataclass(frozen=True, slots=True)
class Acled:
    event_type: str
    sub_event_type: str

    def to_json(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "sub_event_type": self.sub_event_type}


@dataclass(frozen=True, slots=True)
class Counts:
    people: int | None = None
    killed: int | None = None
    injured: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"people": self.people, "killed": self.killed, "injured": self.injured}


@dataclass(frozen=True, slots=True)
class Event:
    """One happening of one PLOVER (type, mode) in an article, with its arguments and evidence."""

    id: str
    type: str
    mode: str | None
    evidence: Evidence
    status: str = "occurred"
    acled: Acled | None = None
    actor: ActorRef | None = None
    recipient: ActorRef | None = None
    place: Place | None = None
    date: TimeRef | None = None
    counts: Counts = field(default_factory=Counts)
    confidence: float = 0.5
    trigger: Evidence | None = None

    def to_json(self, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "type": self.type, "mode": self.mode,
            "acled": self.acled.to_json() if self.acled else None, "status": self.status,
            "actor": self.actor.to_json() if self.actor else None,
            "recipient": self.recipient.to_json() if self.recipient else None,
            "place": self.place.to_json() if self.place else None,
            "date": self.date.to_json() if self.date else None,
            "counts": self.counts.to_json(), "evidence": self.evidence.to_json(text),
            "confidence": round(self.confidence, 4),
        }  # fmt: skip
        if self.trigger is not None:
            out["trigger"] = self.trigger.to_json(text)
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Event:
        ac, pl, da, co, tr = d.get("acled"), d.get("place"), d.get("date"), d.get("counts"), d.get("trigger")
        return cls(
            id=d["id"], type=d["type"], mode=d.get("mode"),
            evidence=Evidence.from_json(d["evidence"]), status=d.get("status", "occurred"),
            acled=Acled(ac["event_type"], ac["sub_event_type"]) if ac else None,
            actor=ActorRef.from_json(d.get("actor")),
            recipient=ActorRef.from_json(d.get("recipient")),
            place=Place.from_json(pl) if pl else None,
            date=TimeRef.from_json(da) if da else None,
            counts=Counts(co.get("people"), co.get("killed"), co.get("injured")) if co else Counts(),
            confidence=float(d.get("confidence", 0.5)),
            trigger=Evidence.from_json(tr) if tr else None,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: the words that name them, and the entity when linked."""

    start: int | None
    end: int | None
    entity: str | None = None
    text_override: str | None = None

    def to_json(self, text: str) -> dict[str, Any]:
        if self.text_override is not None:
            t: str | None = self.text_override
        elif self.start is not None and self.end is not None:
            t = text[self.start : self.end]
        else:
            t = None
        out: dict[str, Any] = {"text": t, "entity": self.entity}
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Speaker:
        start, end = d.get("start"), d.get("end")
        override = None if start is not None else d.get("text")
        return cls(start, end, d.get("entity"), override)


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement attributed to a speaker: the cue (verb) span and the quoted content span."""

    id: str
    speaker: Speaker
    cue: Evidence
    kind: str
    evidence: Evidence
    confidence: float = 0.5

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "id": self.id, "speaker": self.speaker.to_json(text),
            "cue": text[self.cue.start : self.cue.end],
            "cue_span": {"start": self.cue.start, "end": self.cue.end},
            "kind": self.kind, "evidence": self.evidence.to_json(text),
            "confidence": round(self.confidence, 4),
        }  # fmt: skip

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Quote:
        cs = d["cue_span"]
        return cls(d["id"], Speaker.from_json(d["speaker"]), Evidence(cs["start"], cs["end"]),
                   d.get("kind", "indirect"), Evidence.from_json(d["evidence"]),
                   float(d.get("confidence", 0.5)))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Relation:
    """A statement about relations between two states (or a state and a group member)."""

    id: str
    a: str
    b: str
    type: str
    polarity: int
    domain: str
    evidence: Evidence
    attributed_to: str | None = None
    confidence: float = 0.5

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "id": self.id, "a": self.a, "b": self.b, "type": self.type,
            "polarity": self.polarity, "domain": self.domain,
            "attributed_to": self.attributed_to, "evidence": self.evidence.to_json(text),
            "confidence": round(self.confidence, 4),
        }  # fmt: skip

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Relation:
        return cls(d["id"], d["a"], d["b"], d["type"], int(d["polarity"]), d.get("domain", ""),
                   Evidence.from_json(d["evidence"]), d.get("attributed_to"),
                   float(d.get("confidence", 0.5)))  # fmt: skip
