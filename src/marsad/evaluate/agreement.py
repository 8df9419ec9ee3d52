"""A gold line read as if marsad had produced it, so one annotation pass can be scored against another.

``annotation-workflow.md`` measures agreement by scoring pass B as predictions against pass A with the
project's own evaluation. :func:`gold_as_record` turns a gold line into the record shape the scorer
reads (``marsad analyze``'s output contract): each quoted string becomes a span at its first
occurrence in the text, an event's place and date become the contract's objects. ``marsad eval
A.jsonl --pred B.jsonl`` does this by itself when B holds gold lines.
"""

from __future__ import annotations

from typing import Any

from marsad.evaluate.gold import locate

__all__ = ["gold_as_record", "is_gold_line"]


def is_gold_line(row: dict[str, Any]) -> bool:
    """True for an annotation line (``doc`` and the four layers), false for a marsad record."""
    return isinstance(row.get("doc"), dict) and "events" in row


def _span(text: str, s: str | None) -> dict[str, Any]:
    hits = locate(text, s or "")
    start, end = hits[0] if hits else (0, 0)
    return {"text": text[start:end], "start": start, "end": end}


def _party(value: str | None) -> dict[str, Any] | None:
    return {"code": value, "name": value, "entity": None} if value else None


def _event(text: str, e: dict[str, Any]) -> dict[str, Any]:
    count = e.get("count_people")
    return {
        "type": e.get("type"), "mode": e.get("mode"), "status": e.get("status"),
        "acled": e.get("acled"), "actor": _party(e.get("actor")), "recipient": _party(e.get("recipient")),
        "place": {"name": e.get("place"), "country": e.get("country")} if e.get("place") or e.get("country") else None,
        "date": {"value": e.get("date"), "precision": e.get("date_precision")} if e.get("date") else None,
        "counts": {"people": count, "killed": None, "injured": None},
        "evidence": _span(text, e.get("evidence")), "confidence": 1.0,
    }  # fmt: skip


def gold_as_record(row: dict[str, Any]) -> dict[str, Any]:
    """The record a perfect system would write for this gold line (spans at first occurrences)."""
    doc = row["doc"]
    text = str(doc.get("text") or "")
    entities = [{**_span(text, e["text"]), "text": e["text"], "label": e["label"]} for e in row.get("entities", [])]
    quotes = [{"speaker": {"text": q.get("speaker")}, "cue": q.get("cue"), "evidence": _span(text, q.get("evidence"))}
              for q in row.get("quotes", [])]  # fmt: skip
    relations = [{**r, "evidence": _span(text, r.get("evidence"))} for r in row.get("relations", [])]
    events = [_event(text, e) for e in row.get("events", [])]
    return {"id": doc.get("id"), "text": text, "published": doc.get("published"), "entities": entities,
            "events": events, "quotes": quotes, "relations": relations}  # fmt: skip
