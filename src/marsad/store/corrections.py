"""Analyst corrections: flag an event or correct its fields, with an audit trail, never lost on re-ingest.

Each correction is a row of ``corrections`` (append-only: who, when, the field, its old and new value,
a note), anchored on the event's first mention (article id, local id): a merge may give the event
another id, its mentions stay. The events table carries the effect — the latest value of each
corrected field, the latest ``flag``, and ``corrected`` (the JSON list of corrected fields) — and
:func:`apply_all` writes it again after every batch the writer stores, since the writer rebuilds an
event's row from its mentions. Exports and the API read the events table, so both show corrections.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from marsad.records import DATE_PRECISIONS, EVENT_TYPES, PLACE_PRECISIONS, STATUSES
from marsad.store.db import Db
from marsad.store.rows import CorrectionRow

__all__ = ["CORRECTABLE", "CorrectionError", "apply_all", "correct", "history"]

_ISO3 = re.compile(r"^[A-Z]{3}$")
_MAX_TEXT = 300


class CorrectionError(ValueError):
    """A correction that cannot be stored: an unknown field, a value of the wrong kind, no such event."""


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > _MAX_TEXT:
        raise CorrectionError(f"expected text of at most {_MAX_TEXT} characters")
    return value.strip() or None


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    def parse(value: Any) -> str | None:
        if value is None or value == "":
            return None
        if value not in choices:
            raise CorrectionError(f"one of {', '.join(choices)}")
        return str(value)

    return parse


def _iso3(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _ISO3.match(value.strip().upper()):
        raise CorrectionError("an ISO 3166 alpha-3 code such as MAR")
    return value.strip().upper()


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CorrectionError("a date YYYY-MM-DD") from None


def _count(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
        raise CorrectionError("a whole number from 0")
    return value


def _coordinate(limit: float) -> Callable[[Any], float | None]:
    def parse(value: Any) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not -limit <= value <= limit:
            raise CorrectionError(f"a number from -{limit:g} to {limit:g}")
        return float(value)

    return parse


#: the fields an analyst may correct, each with the parser of its value (``None`` clears the field)
CORRECTABLE: dict[str, Callable[[Any], Any]] = {
    "type": _one_of(EVENT_TYPES), "mode": _text, "status": _one_of(STATUSES),
    "acled_event_type": _text, "acled_sub_event_type": _text,
    "actor_code": _text, "actor_name": _text, "recipient_code": _text, "recipient_name": _text,
    "place_name": _text, "place_name_ar": _text, "lat": _coordinate(90), "lon": _coordinate(180),
    "country": _iso3, "admin1": _text, "place_precision": _one_of(PLACE_PRECISIONS),
    "date_value": _date, "date_end": _date, "date_precision": _one_of(DATE_PRECISIONS),
    "people": _count, "killed": _count, "injured": _count,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Change:
    kind: str  # correct, flag
    field: str | None
    old: Any
    new: Any


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _json(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def _changes(event: dict[str, Any], values: Mapping[str, Any], flag: str | None, unflag: bool) -> list[_Change]:
    out = []
    for name, raw in values.items():
        parse = CORRECTABLE.get(name)
        if parse is None:
            raise CorrectionError(f"{name[:40]!r} cannot be corrected; one of {', '.join(CORRECTABLE)}")
        try:
            out.append(_Change("correct", name, event[name], parse(raw)))
        except CorrectionError as exc:
            raise CorrectionError(f"{name}: {exc}") from None
    if flag is not None or unflag:
        out.append(_Change("flag", None, event.get("flag"), None if unflag else _text(flag)))
    if not out:
        raise CorrectionError("nothing to change: give fields to correct, a flag, or unflag")
    return out


def correct(db: Db, event_id: str, *, author: str, note: str | None = None, values: Mapping[str, Any] | None = None,
            flag: str | None = None, unflag: bool = False, now: dt.datetime) -> list[CorrectionRow]:  # fmt: skip
    """Record corrections of ``values`` (field → new value) and/or a flag (``unflag`` clears it) on one
    event, then apply them; the new audit rows. Call inside a transaction."""
    rows = db.query("SELECT * FROM events WHERE id = ?", (event_id,))
    if not rows:
        raise CorrectionError(f"no event with id {event_id[:80]!r}")
    if not author.strip() or len(author) > 100:
        raise CorrectionError("author: who corrects, 1 to 100 characters")
    changes = _changes(rows[0], values or {}, flag, unflag)
    anchor = db.execute("SELECT article_id, local_id FROM event_mentions WHERE event_id = ?"
                        " ORDER BY article_id, local_id LIMIT 1", (event_id,))  # fmt: skip
    art, local = anchor[0] if anchor else (None, None)
    out = []
    for n, ch in enumerate(changes):
        key = json.dumps([event_id, ch.kind, ch.field, _json(ch.new), author, now.isoformat(), n])
        cid = hashlib.sha256(key.encode()).hexdigest()[:16]
        row = CorrectionRow(cid, event_id, ch.kind, ch.field, _plain(ch.old), _plain(ch.new), _text(note),
                            author.strip(), now, art, local)  # fmt: skip
        db.execute("INSERT INTO corrections (id, event_id, anchor_article, anchor_local, kind, field, old_value,"
                   " new_value, note, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (row.id, event_id, art, local, row.kind, row.field, _json(ch.old), _json(ch.new), row.note,
                    row.author, now))  # fmt: skip
        out.append(row)
    apply_all(db)
    return out


def _current_event(db: Db, row: dict[str, Any], live: set[str]) -> str | None:
    if row["event_id"] in live:
        return str(row["event_id"])
    if row["anchor_article"] is None:
        return None
    found = db.execute("SELECT event_id FROM event_mentions WHERE article_id = ? AND local_id = ?",
                       (row["anchor_article"], row["anchor_local"]))  # fmt: skip
    return str(found[0][0]) if found else None


def apply_all(db: Db) -> int:
    """Write every event's latest corrections and flag into the events table; the events touched."""
    rows = db.query("SELECT * FROM corrections ORDER BY created_at, id")
    if not rows:
        return 0
    ids = sorted({str(r["event_id"]) for r in rows})
    live = {str(r[0]) for r in db.execute(f"SELECT id FROM events WHERE id IN ({', '.join('?' * len(ids))})", ids)}
    effect: dict[str, dict[str, Any]] = {}
    for r in rows:
        event = _current_event(db, r, live)
        if event is None:
            continue  # its article is gone from the store: the trail stays, there is nothing to correct
        if r["kind"] != "flag" and r["field"] not in CORRECTABLE:
            continue  # written by no version of this module
        fields = effect.setdefault(event, {})
        fields["flag" if r["kind"] == "flag" else str(r["field"])] = _decode(r["new_value"])
    for event, fields in sorted(effect.items()):
        corrected = sorted(f for f in fields if f != "flag")
        sets = {f: CORRECTABLE[f](v) for f, v in fields.items() if f != "flag"}
        sets["flag"] = fields.get("flag")
        sets["corrected"] = json.dumps(corrected) if corrected else None
        db.execute(f"UPDATE events SET {', '.join(f'{f} = ?' for f in sets)} WHERE id = ?", [*sets.values(), event])
    return len(effect)


def history(db: Db, event_id: str) -> list[CorrectionRow]:
    """The audit trail of one event, oldest first: its own corrections and those of the events merged into it."""
    rows = db.query(
        "SELECT * FROM corrections WHERE event_id = ? OR (anchor_article, anchor_local) IN"
        " (SELECT article_id, local_id FROM event_mentions WHERE event_id = ?) ORDER BY created_at, id",
        (event_id, event_id))  # fmt: skip
    return [CorrectionRow(r["id"], r["event_id"], r["kind"], r["field"], _decode(r["old_value"]),
                          _decode(r["new_value"]), r["note"], r["author"], r["created_at"], r["anchor_article"],
                          r["anchor_local"]) for r in rows]  # fmt: skip


def _decode(text: str | None) -> Any:
    return json.loads(text) if text is not None else None
