"""Typed rows the store's queries return; each has ``to_json()`` giving plain JSON-able data.

These dataclasses are the one definition of each stored record shape: the REST API's response
models are generated from them (:mod:`marsad.api.models`), with the schema documentation a field
carries (``Annotated[type, Doc(…)]``: a description, bounds).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Annotated, Any

__all__ = [
    "ActorRow",
    "AddResult",
    "CorrectionRow",
    "Doc",
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


@dataclass(frozen=True, slots=True)
class Doc:
    """Schema documentation of a row field, for the API (``Annotated[int, Doc("…", ge=0)]``)."""

    description: str | None = None
    ge: float | None = None
    le: float | None = None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, _Row):
        return value.to_json()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class _Row:
    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        # field by field, not dataclasses.asdict (a deep copy): an export serialises thousands of rows
        return {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


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
    """A merged event: one happening, however many articles report it."""

    id: str
    type: Annotated[str, Doc("PLOVER 2.0 type")]
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
    country: Annotated[str | None, Doc("ISO 3166 alpha-3")]
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
    #: one line, generated from the fields (marsad.describe)
    description_ar: Annotated[str, Doc("one line: who did what to whom, where, when, how many (Arabic)")] = ""
    description_en: Annotated[str, Doc("the same line in English (ACLED's notes)")] = ""
    #: an analyst's flag and the fields an analyst corrected (marsad.store.corrections)
    flag: Annotated[str | None, Doc("an analyst's flag: what looks wrong")] = None
    corrected: Annotated[tuple[str, ...], Doc("the fields an analyst corrected")] = ()


@dataclass(frozen=True, slots=True)
class MentionRow(_Row):
    """One report of the event in one article, with its verbatim evidence (offsets into the article text)."""

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
    url: Annotated[str | None, Doc("the article's link, to open the original")] = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class EventDetail(_Row):
    event: EventRow
    mentions: list[MentionRow]
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
    polarity: Annotated[int, Doc("+1 cooperative, -1 weak, refused or hostile")]
    domain: str | None
    attributed_to: str | None
    evidence_text: str
    evidence_start: int
    evidence_end: int
    confidence: float
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class IndexPoint(_Row):
    """One month of a dyad's cooperation index: Σ polarity·confidence / Σ confidence."""

    month: Annotated[str, Doc("YYYY-MM")]
    index: Annotated[float, Doc(ge=-1, le=1)]
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

    period: Annotated[str, Doc("YYYY-MM-DD: the first day of the period")]
    month: Annotated[str, Doc("YYYY-MM of the period's first day")]
    type: str
    n: int
    killed: Annotated[int, Doc("fatalities reported by these events")]


@dataclass(frozen=True, slots=True)
class Figures(_Row):
    """The header figures of the filtered events."""

    events: int
    killed: int
    injured: int
    reports: Annotated[int, Doc("articles reporting them (a report of several events counts for each)")]
    located: Annotated[int, Doc("events with coordinates (on the map)")]
    unlocated: Annotated[int, Doc("events without coordinates (in the list only)")]
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(frozen=True, slots=True)
class SourceRow(_Row):
    """An outlet whose articles report the filtered events."""

    source: str
    n_articles: int
    n_events: int
    first_published: dt.date | None
    last_published: dt.date | None
    example_url: Annotated[str | None, Doc("one of its articles, to open")]


@dataclass(frozen=True, slots=True)
class CorrectionRow(_Row):
    """One line of an event's audit trail: a field corrected, or the flag set or cleared."""

    id: str
    event_id: Annotated[str, Doc("the event's id when it was corrected")]
    kind: Annotated[str, Doc("correct or flag")]
    field: str | None
    old_value: Any
    new_value: Any
    note: str | None
    author: str
    created_at: dt.datetime
    #: the mention it follows when merges change the event's id
    anchor_article: str | None = None
    anchor_local: str | None = None
