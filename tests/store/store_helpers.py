"""Hand-built analysis records for the store tests (Arabic sentences written for these tests)."""

from __future__ import annotations

from typing import Any

RABAT = {"name": "Rabat", "name_ar": "الرباط", "lat": 34.0209, "lon": -6.8416, "country": "MAR",
         "admin1": "Rabat-Salé-Kénitra", "precision": "town"}  # fmt: skip
SALE = {"name": "Salé", "name_ar": "سلا", "lat": 34.0531, "lon": -6.7985, "country": "MAR",
        "admin1": "Rabat-Salé-Kénitra", "precision": "town"}  # fmt: skip
AGADIR = {"name": "Agadir", "name_ar": "أكادير", "lat": 30.4202, "lon": -9.5982, "country": "MAR",
          "admin1": "Souss-Massa", "precision": "town"}  # fmt: skip
MOROCCO = {"name": "Morocco", "name_ar": "المغرب", "country": "MAR", "precision": "country"}

ARREST_TEXT = ("أعلن المكتب المركزي للأبحاث القضائية اليوم تفكيك خلية إرهابية موالية لتنظيم داعش "
               "في الرباط وتوقيف أربعة من عناصرها. "
               "وأوضح بلاغ للمكتب أن الموقوفين كانوا يخططون لتنفيذ عمليات تخريبية.")  # fmt: skip


def event(eid: str = "V1", *, type: str = "COERCE", mode: str | None = "arrest", actor: str | None = "MAR",
          recipient: str | None = "ISIL", place: dict[str, Any] | None = None, date: str | None = "2025-02-26",
          precision: str = "day", text: str = ARREST_TEXT, ev: tuple[int, int] | None = None,
          confidence: float = 0.8, people: int | None = 4,
          acled: tuple[str, str] | None = None) -> dict[str, Any]:  # fmt: skip
    start, end = ev if ev else (0, text.index(".") if "." in text else len(text))
    names = {"MAR": "Morocco", "ISIL": "Islamic State", "DZA": "Algeria"}
    return {
        "id": eid, "type": type, "mode": mode, "status": "occurred",
        "acled": {"event_type": acled[0], "sub_event_type": acled[1]} if acled else None,
        "actor": {"code": actor, "name": names.get(actor or ""), "entity": None} if actor else None,
        "recipient": {"code": recipient, "name": names.get(recipient or ""), "entity": None} if recipient else None,
        "place": RABAT if place is None else place,
        "date": {"value": date, "end": None, "precision": precision, "text": None} if date else None,
        "counts": {"people": people, "killed": None, "injured": None},
        "evidence": {"text": text[start:end], "start": start, "end": end}, "confidence": confidence,
    }  # fmt: skip


def record(rid: str, text: str = ARREST_TEXT, *, events: list[dict[str, Any]] | None = None, source: str = "hespress",
           published: str = "2025-02-26", url: str | None = None, quotes: list[dict[str, Any]] | None = None,
           relations: list[dict[str, Any]] | None = None, entities: list[dict[str, Any]] | None = None,
           title: str | None = "تفكيك خلية") -> dict[str, Any]:  # fmt: skip
    return {
        "id": rid, "title": title, "url": url or f"https://example.org/{rid}", "source": source, "author": None,
        "published": published, "text": text, "entities": entities or [],
        "events": [event(text=text)] if events is None else events,
        "quotes": quotes or [], "relations": relations or [],
        "provenance": {"marsad": "0.1.0", "stages": ["text.tokens.v1"], "config_sha256": "x"}, "diagnostics": [],
    }  # fmt: skip


def relation(rid: str, a: str, b: str, *, polarity: int, confidence: float, text: str) -> dict[str, Any]:
    return {"id": rid, "a": a, "b": b, "type": "COOPERATE" if polarity > 0 else "ACCUSE", "polarity": polarity,
            "domain": "security", "attributed_to": None, "evidence": {"text": text[:10], "start": 0, "end": 10},
            "confidence": confidence}  # fmt: skip
