"""Typed rows the store's queries return; each has ``to_json()`` giving plain JSON-able data."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "ActorRow",
    "AddResult",
    "CorrectionRow",
    "EventDetail",
    "EventRow",
    "Figures",
    "IndexPoint",
    "MentionRow",
    "QuarantineRow",
    "QuoteRow",
    "RelationRow",
    "SourceRow",
    "TimelinePoint",
]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class _Row:
    def to_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True, slots=True)
class AddResult(_Row):
    """What :meth:`Store.add_record` did with one record.

    ``status`` is ``new``, ``duplicate`` (the same content was stored already: nothing changed),
    or ``near_duplicate`` (stored, and linked to ``duplicate_of`` in cluster ``cluster_id``).
    ``merged`` lists the ids of existing events that received a mention from this article,
    ``created`` the ids of events this article created.
    """

    article_id: str
    status: str
    content_hash: str
    cluster_id: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    created: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QuarantineRow(_Row):
    id: str
    source: str
    locator: str
    code: str
    message: str
    raw: bytes
    created_at: dt.datetime
    retried: bool
    raw_size: int | None = None  # bytes of the whole item (``raw`` keeps at most the first 64 KiB)
    raw_sha256: str | None = None  # SHA-256 of the whole item
    kind: str | None = None  # the reader that failed it (``csv``, ``tsv``…), None: known by its locator


@dataclass(frozen=True, slots=True)
class EventRow(_Row):
    """A merged, cross-article event (one happening, however many reports)."""

    id: str
    type: str
    mode: str | None
    status: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actor_code: str | None
    actor_name: str | None
    recipient_code: str | None
    recipient_name: str | None
    place_name: str | None
    place_name_ar: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    place_precision: str | None
    date_value: dt.date | None
    date_end: dt.date | None
    date_precision: str | None
    people: int | None
    killed: int | None
    injured: int | None
    confidence: float
    n_mentions: int
    n_reports: int
    continues: str | None
    first_published: dt.date | None
    description_ar: str = ""  # one line: who did what to whom, where, when, how many (marsad.describe)
    description_en: str = ""
    flag: str | None = None  # an analyst's flag (what looks wrong), marsad.store.corrections
    corrected: tuple[str, ...] = ()  # the fields an analyst corrected


@dataclass(frozen=True, slots=True)
class MentionRow(_Row):
    """One report of an event in one article, with its evidence and its own reading of the fields."""

    event_id: str
    article_id: str
    local_id: str
    type: str
    mode: str | None
    status: str | None
    actor_code: str | None
    recipient_code: str | None
    place_name: str | None
    country: str | None
    place_precision: str | None
    date_value: dt.date | None
    date_precision: str | None
    evidence_text: str
    evidence_start: int
    evidence_end: int
    confidence: float
    from_duplicate: bool
    merge: dict[str, Any] | None
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None  # the article's link, to open the original
    title: str | None = None


@dataclass(frozen=True, slots=True)
class EventDetail(_Row):
    event: EventRow
    mentions: list[MentionRow] = field(default_factory=list)
    merge: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class QuoteRow(_Row):
    article_id: str
    local_id: str
    speaker: str | None
    speaker_entity: str | None
    speaker_code: str | None
    cue: str | None
    kind: str
    evidence_text: str
    evidence_start: int
    evidence_end: int
    confidence: float
    published: dt.date | None
    source: str | None


@dataclass(frozen=True, slots=True)
class RelationRow(_Row):
    article_id: str
    local_id: str
    a: str
    b: str
    type: str
    polarity: int
    domain: str | None
    attributed_to: str | None
    evidence_text: str
    evidence_start: int
    evidence_end: int
    confidence: float
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class IndexPoint(_Row):
    """One month of the cooperation index between two states: mean polarity weighted by confidence."""

    month: str
    index: float
    n: int
    weight: float


@dataclass(frozen=True, slots=True)
class ActorRow(_Row):
    code: str
    name: str | None
    n_events: int
    n_as_actor: int
    n_as_recipient: int


@dataclass(frozen=True, slots=True)
class TimelinePoint(_Row):
    """Events of one type in one day, week (from Monday) or month of their date, with their fatalities."""

    period: str  # YYYY-MM-DD, the first day of the period
    month: str  # YYYY-MM of that day
    type: str
    n: int
    killed: int


@dataclass(frozen=True, slots=True)
class Figures(_Row):
    """The header figures of a filtered view: how many events, how many killed and injured, where and when."""

    events: int
    killed: int
    injured: int
    reports: int
    located: int  # with coordinates: on the map
    unlocated: int  # without: in the list only
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(frozen=True, slots=True)
class SourceRow(_Row):
    """An outlet whose articles report events: how many, when, and one article's link."""

    source: str
    n_articles: int
    n_events: int
    first_published: dt.date | None
    last_published: dt.date | None
    example_url: str | None


@dataclass(frozen=True, slots=True)
class CorrectionRow(_Row):
    """One line of an event's audit trail: a field corrected (``kind`` ``correct``) or the flag set or
    cleared (``flag``), by whom, when, from which value to which, and why."""

    id: str
    event_id: str
    kind: str
    field: str | None
    old_value: Any
    new_value: Any
    note: str | None
    author: str
    created_at: dt.datetime
    anchor_article: str | None = None  # the mention it follows when merges change the event's id
    anchor_local: str | None = None
