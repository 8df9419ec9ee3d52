"""Pydantic response and request models of the REST API (they document the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Actor", "AnalyzeRequest", "ApiErrorBody", "ArticleSummary", "Correction", "CorrectionRequest", "Dyad", "Entity",
    "Event", "EventDetail", "Figures",
    "GeoFeatureCollection", "IndexPoint", "IngestItem", "IngestRequest", "IngestResponse", "Mention", "Page",
    "Profile", "Quote", "Relation", "Source", "TimelinePoint",
]  # fmt: skip

T = TypeVar("T")


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ApiErrorBody(BaseModel):
    """Every 4xx/5xx answer: a stable error word and a sentence saying what to change."""

    error: str = Field(description="stable error word: bad_parameter, not_found, unauthorized, forbidden, …")
    message: str = Field(description="what was wrong, in one sentence")
    detail: list[dict[str, Any]] | None = None


class Page(BaseModel, Generic[T]):
    total: int = Field(description="rows matching the filters, all pages together")
    limit: int
    offset: int
    items: list[T]


class Event(_Out):
    """A merged event: one happening, however many articles report it."""

    id: str
    type: str = Field(description="PLOVER 2.0 type")
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
    country: str | None = Field(description="ISO 3166 alpha-3")
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
    description_ar: str = Field("", description="one line: who did what to whom, where, when, how many (Arabic)")
    description_en: str = Field("", description="the same line in English (ACLED's notes)")
    flag: str | None = Field(None, description="an analyst's flag: what looks wrong")
    corrected: list[str] = Field(default_factory=list, description="the fields an analyst corrected")


class Mention(_Out):
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
    url: str | None = Field(None, description="the article's link, to open the original")
    title: str | None = None


class EventDetail(_Out):
    event: Event
    mentions: list[Mention]
    merge: dict[str, Any] | None = None


class Quote(_Out):
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


class Relation(_Out):
    article_id: str
    local_id: str
    a: str
    b: str
    type: str
    polarity: int = Field(description="+1 cooperative, -1 weak, refused or hostile")
    domain: str | None
    attributed_to: str | None
    evidence_text: str
    evidence_start: int
    evidence_end: int
    confidence: float
    published: dt.date | None


class IndexPoint(_Out):
    """One month of a dyad's cooperation index: Σ polarity·confidence / Σ confidence."""

    month: str = Field(description="YYYY-MM")
    index: float = Field(ge=-1, le=1)
    n: int
    weight: float


class Dyad(BaseModel):
    """Every statement about one unordered pair of states, summarised."""

    a: str
    b: str
    n: int
    n_positive: int
    n_negative: int
    index: float = Field(description="mean polarity weighted by confidence, in [-1, 1]")
    last: dt.date | None


class Actor(_Out):
    code: str
    name: str | None
    n_events: int
    n_as_actor: int
    n_as_recipient: int


class Entity(BaseModel):
    """A canonical entity (state, agency, group, person …) and how often articles name it."""

    canonical_id: str
    name_ar: str | None
    name_en: str | None
    kind: str | None
    country: str | None
    n_mentions: int
    n_articles: int


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: dt.date | None
    cluster_id: str | None
    duplicate_of: str | None
    n_events: int


class TimelinePoint(_Out):
    """Events of one type in one day, week (from Monday) or month of their date, with their fatalities."""

    period: str = Field(description="YYYY-MM-DD: the first day of the period")
    month: str = Field(description="YYYY-MM of the period's first day")
    type: str
    n: int
    killed: int = Field(description="fatalities reported by these events")


class Figures(_Out):
    """The header figures of the filtered events."""

    events: int
    killed: int
    injured: int
    reports: int = Field(description="articles reporting them (a report of several events counts for each)")
    located: int = Field(description="events with coordinates (on the map)")
    unlocated: int = Field(description="events without coordinates (in the list only)")
    first_date: dt.date | None
    last_date: dt.date | None


class Source(_Out):
    """An outlet whose articles report the filtered events."""

    source: str
    n_articles: int
    n_events: int
    first_published: dt.date | None
    last_published: dt.date | None
    example_url: str | None = Field(description="one of its articles, to open")


class Profile(BaseModel):
    """An actor's or a country's page: who, its figures, latest events and statements, its partners (each
    with the pair's cooperation index) and its monthly cooperation index with all of them."""

    code: str
    name_ar: str | None
    name_en: str | None
    kind: str | None = Field(description="state, agency, group, person … (None: not in the actor KB)")
    country: str | None
    figures: Figures
    events: list[Event]
    quotes: list[Quote]
    partners: list[Dyad]
    index: list[IndexPoint]


class Correction(_Out):
    """One line of an event's audit trail: a field corrected, or the flag set or cleared."""

    id: str
    event_id: str = Field(description="the event's id when it was corrected")
    kind: str = Field(description="correct or flag")
    field: str | None
    old_value: Any
    new_value: Any
    note: str | None
    author: str
    created_at: dt.datetime
    anchor_article: str | None = None
    anchor_local: str | None = None


class CorrectionRequest(BaseModel):
    """Fields to correct (name → new value; null clears it), and/or a flag to set or clear, with who and why."""

    model_config = ConfigDict(extra="forbid")

    author: str = Field(min_length=1, max_length=100, description="who corrects")
    note: str | None = Field(None, max_length=300, description="why")
    values: dict[str, Any] = Field(default_factory=dict, description="e.g. {\"killed\": 3, \"country\": \"MAR\"}")
    flag: str | None = Field(None, max_length=300, description="what looks wrong")
    unflag: bool = Field(False, description="clear the flag")


class GeoFeatureCollection(BaseModel):
    """GeoJSON (RFC 7946) of the located events; ``total`` counts matches, ``truncated`` if not all are sent."""

    type: str = "FeatureCollection"
    features: list[dict[str, Any]]
    total: int
    truncated: bool


class AnalyzeRequest(BaseModel):
    """One article to analyse (the same fields as a JSONL input line)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text (Arabic)")
    id: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="ISO date or an Arabic date string")
    url: str | None = None
    source: str | None = None
    author: str | None = None


class IngestRequest(BaseModel):
    """Records in the output contract to store, and/or raw articles to analyse then store."""

    model_config = ConfigDict(extra="forbid")

    records: list[dict[str, Any]] = Field(default_factory=list, description="output-contract records")
    articles: list[AnalyzeRequest] = Field(default_factory=list, description="analysed with the server's pipeline")


class IngestItem(BaseModel):
    index: int
    article_id: str | None
    status: str = Field(description="new, duplicate, near_duplicate or quarantined")
    duplicate_of: str | None = None
    created: list[str] = Field(default_factory=list)
    merged: list[str] = Field(default_factory=list)
    quarantine_id: str | None = None
    message: str | None = None


class IngestResponse(BaseModel):
    items: list[IngestItem]
    counts: dict[str, int]
