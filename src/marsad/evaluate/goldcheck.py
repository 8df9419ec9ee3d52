"""Checks on a gold (annotation) line, the ones ``annotation-workflow.md`` asks of every line.

A line must parse and hold ``doc``, ``entities``, ``events``, ``quotes`` and ``relations``; its
``doc`` must be the very document it was given; every quoted string must occur verbatim in
``doc.text``; types, modes, statuses, labels, ACLED codes and date precisions must be those of the
annotation guide; relations are one per unordered pair and sign of polarity; dates are ISO, and
none is resolved from a relative expression when the article has no publication date.

:func:`check_line` returns the problems of one line (empty when it passes); nothing is repaired.
The corpus's own extra field ``trigger`` (the event's word or words, inside its evidence) is
checked when present, and required with ``require_trigger``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from marsad.events.lexicon import MODES
from marsad.records import EVENT_TYPES, STATUSES

__all__ = ["ACLED_TYPES", "ANNOTATION_MODES", "ENTITY_LABELS", "check_line"]

ENTITY_LABELS = frozenset({"PER", "ORG", "GPE", "LOC", "FAC"})
_REQUEST_MODES = frozenset({"yield", "change", "assist", "rights"})
#: The modes an annotator may give, by type (marsad's PLOVER table, and the demand modes for the
#: types that answer a demand).
ANNOTATION_MODES: Mapping[str, frozenset[str]] = {
    **MODES,
    "AGREE": _REQUEST_MODES,
    "REJECT": _REQUEST_MODES,
    "AID": frozenset({"economic", "military", "humanitarian"}),
}
#: ACLED event types and their sub-event types (ACLED codebook, 2023).
ACLED_TYPES: Mapping[str, frozenset[str]] = {
    "Battles": frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    "Explosions/Remote violence": frozenset({"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                             "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                             "Grenade"}),
    "Violence against civilians": frozenset({"Sexual violence", "Attack", "Abduction/forced disappearance"}),
    "Protests": frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Strategic developments": frozenset({"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                                         "Headquarters or base established", "Looting/property destruction",
                                         "Non-violent transfer of territory", "Other"}),
}  # fmt: skip
_KEYS = ("doc", "entities", "events", "quotes", "relations")
_DATE_PRECISIONS = frozenset({"day", "week", "month", "year"})
_DOMAINS = frozenset({"security", "economy", "diplomacy", "politics", "humanitarian", "energy", "culture"})
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"(?:19|20)\d\d|[١۱][٩۹][٠-٩۰-۹]{2}|[٢۲][٠۰][٠-٩۰-۹]{2}")


def check_line(line: str, given: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
               require_trigger: bool = False) -> list[str]:  # fmt: skip
    """Every problem of one JSONL line. ``given`` maps ``(corpus, id)`` to the documents handed out."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return [f"not JSON: {exc}"]
    if not isinstance(row, dict):
        return ["not a JSON object"]
    problems = [f"missing or non-list key {k!r}" for k in _KEYS[1:] if not isinstance(row.get(k), list)]
    doc = row.get("doc")
    if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
        return [*problems, "doc is missing or has no text"]
    if given is not None:
        key = (str(doc.get("corpus")), str(doc.get("id")))
        if key not in given:
            problems.append(f"doc {key} was not handed out")
        elif dict(given[key]) != doc:
            problems.append(f"doc {key} differs from the document handed out")
    if problems:
        return problems
    text: str = doc["text"]
    published = doc.get("published")
    problems += _entities(row["entities"], text)
    problems += _events(row["events"], text, published, require_trigger)
    problems += _quotes(row["quotes"], text)
    problems += _relations(row["relations"], text)
    return problems


def _verbatim(text: str, value: object, where: str) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return [f"{where}: empty or not a string"]
    return [] if value in text else [f"{where}: {value!r} is not in the text"]


def _entities(items: list[Any], text: str) -> list[str]:
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    for i, e in enumerate(items):
        where = f"entities[{i}]"
        if not isinstance(e, dict):
            out.append(f"{where}: not an object")
            continue
        out += _verbatim(text, e.get("text"), where)
        if e.get("label") not in ENTITY_LABELS:
            out.append(f"{where}: label {e.get('label')!r} is not one of {sorted(ENTITY_LABELS)}")
        key = (str(e.get("text")), str(e.get("label")))
        if key in seen:
            out.append(f"{where}: {key} listed twice")
        seen.add(key)
    return out


def _events(items: list[Any], text: str, published: object, require_trigger: bool) -> list[str]:
    out: list[str] = []
    for i, e in enumerate(items):
        where = f"events[{i}]"
        if not isinstance(e, dict):
            out.append(f"{where}: not an object")
            continue
        typ, mode = e.get("type"), e.get("mode")
        if typ not in EVENT_TYPES:
            out.append(f"{where}: type {typ!r} is not a PLOVER type")
        elif mode is not None and mode not in ANNOTATION_MODES.get(typ, ()):
            allowed = sorted(ANNOTATION_MODES.get(typ, ()))
            out.append(f"{where}: mode {mode!r} is not a mode of {typ} ({allowed or 'none: use null'})")
        if e.get("status") not in STATUSES:
            out.append(f"{where}: status {e.get('status')!r} is not one of {list(STATUSES)}")
        out += _verbatim(text, e.get("evidence"), f"{where}.evidence")
        out += _trigger(e, text, where, require_trigger)
        out += _acled(e.get("acled"), where)
        for key in ("actor", "recipient", "place"):
            value = e.get(key)
            if value is not None and (not isinstance(value, str) or _ARABIC.search(value)):
                out.append(f"{where}.{key}: {value!r} must be null or an English name / ISO code")
        country = e.get("country")
        if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{3}", country)):
            out.append(f"{where}.country: {country!r} is not an ISO 3166 alpha-3 code")
        out += _date(e, text, published, where)
        count = e.get("count_people")
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
            out.append(f"{where}.count_people: {count!r} is not a non-negative integer")
    return out


def _trigger(e: Mapping[str, Any], text: str, where: str, required: bool) -> list[str]:
    trig = e.get("trigger")
    if trig is None:
        return [f"{where}.trigger: missing"] if required else []
    problems = _verbatim(text, trig, f"{where}.trigger")
    evidence = e.get("evidence")
    if not problems and isinstance(evidence, str) and trig not in evidence:
        problems.append(f"{where}.trigger: {trig!r} is not inside the evidence")
    return problems


def _acled(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        for event_type, subs in ACLED_TYPES.items():
            if value.startswith(event_type + "/") and value[len(event_type) + 1 :] in subs:
                return []
    return [f"{where}.acled: {value!r} is not 'ACLED event type/sub-event type' (or null)"]


def _date(e: Mapping[str, Any], text: str, published: object, where: str) -> list[str]:
    date, precision = e.get("date"), e.get("date_precision")
    if date is None:
        return [] if precision is None else [f"{where}: date_precision {precision!r} without a date"]
    if not isinstance(date, str) or not _ISO_DATE.fullmatch(date):
        return [f"{where}.date: {date!r} is not an ISO date (YYYY-MM-DD)"]
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return [f"{where}.date: {date!r} is no calendar date"]
    if precision not in _DATE_PRECISIONS:
        return [f"{where}.date_precision: {precision!r} is not one of {sorted(_DATE_PRECISIONS)}"]
    if published is None and not _YEAR.search(text):
        return [f"{where}.date: the article has no publication date and names no year: leave the date null"]
    return []


def _quotes(items: list[Any], text: str) -> list[str]:
    out: list[str] = []
    for i, q in enumerate(items):
        where = f"quotes[{i}]"
        if not isinstance(q, dict):
            out.append(f"{where}: not an object")
            continue
        for key in ("speaker", "cue", "evidence"):
            out += _verbatim(text, q.get(key), f"{where}.{key}")
    return out


def _relations(items: list[Any], text: str) -> list[str]:
    out: list[str] = []
    seen: set[tuple[frozenset[str], bool]] = set()
    for i, r in enumerate(items):
        where = f"relations[{i}]"
        if not isinstance(r, dict):
            out.append(f"{where}: not an object")
            continue
        a, b, pol = r.get("a"), r.get("b"), r.get("polarity")
        if not all(isinstance(x, str) and x and not _ARABIC.search(x) for x in (a, b)) or a == b:
            out.append(f"{where}: a and b must be two different ISO codes or English group names")
            continue
        if r.get("type") not in EVENT_TYPES:
            out.append(f"{where}: type {r.get('type')!r} is not a PLOVER type")
        if pol not in (1, -1):
            out.append(f"{where}: polarity {pol!r} is not 1 or -1")
        if r.get("domain") not in _DOMAINS:
            out.append(f"{where}: domain {r.get('domain')!r} is not one of {sorted(_DOMAINS)}")
        out += _verbatim(text, r.get("evidence"), f"{where}.evidence")
        key = (frozenset({str(a), str(b)}), pol == 1)
        if key in seen:
            out.append(f"{where}: a second relation for {sorted(key[0])} with the same polarity sign")
        seen.add(key)
    return out
