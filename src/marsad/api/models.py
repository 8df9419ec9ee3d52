"""Pydantic response and request models of the REST API (they document the OpenAPI schema).

The models of stored records (events, mentions, quotes, relations, the cooperation index, actors, timeline
points, figures, sources, corrections) are generated from the store's rows (:mod:`marsad.store.rows`), the
one definition of each shape; the rest (requests, pages, summaries the API computes itself) are declared
here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from marsad.store import rows

__all__ = [
    "Actor", "AnalyzeRequest", "ApiErrorBody", "ArticleSummary", "Correction", "CorrectionRequest", "Dyad", "Entity",
    "Event", "EventDetail", "Figures", "GeoFeatureCollection", "IndexPoint", "IngestItem", "IngestRequest",
    "IngestResponse", "Mention", "Page", "Profile", "Quote", "Relation", "Source", "TimelinePoint",
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


def _field_type(hint: Any, models: dict[type, type[BaseModel]]) -> Any:
    """``hint`` with every store row replaced by its API model (``list[MentionRow]`` → ``list[Mention]``)."""
    if hint in models:
        return models[hint]
    args = typing.get_args(hint)
    if typing.get_origin(hint) is list and args and args[0] in models:
        return list.__class_getitem__(models[args[0]])
    return hint


def model_of(row: type, name: str, models: dict[type, type[BaseModel]] | None = None) -> type[BaseModel]:
    """The API response model of a store row (:mod:`marsad.store.rows`): the same fields, types, defaults
    and order, the row's docstring, and the schema documentation its fields carry (``Annotated[…, rows.Doc(…)]``)."""
    models = models or {}
    hints = typing.get_type_hints(row, include_extras=True)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(row):
        hint, docs = hints[f.name], {}
        if typing.get_origin(hint) is typing.Annotated:
            hint, *extras = typing.get_args(hint)
            docs = {
                k: v
                for d in extras
                if isinstance(d, rows.Doc)
                for k, v in dataclasses.asdict(d).items()
                if v is not None
            }
        default = f.default if f.default is not dataclasses.MISSING else ...
        fields[f.name] = (_field_type(hint, models), Field(default, **docs))
    own_doc = row.__doc__ if row.__doc__ and not row.__doc__.startswith(f"{row.__name__}(") else None
    model: type[BaseModel] = create_model(name, __base__=_Out, __doc__=own_doc, __module__=__name__, **fields)
    return model


if TYPE_CHECKING:  # the type checker sees models; their fields are the rows' (generated below at run time)

    class Event(_Out): ...

    class Mention(_Out): ...

    class EventDetail(_Out): ...

    class Quote(_Out): ...

    class Relation(_Out): ...

    class IndexPoint(_Out): ...

    class Actor(_Out): ...

    class TimelinePoint(_Out): ...

    class Figures(_Out): ...

    class Source(_Out): ...

    class Correction(_Out): ...

else:
    Event = model_of(rows.EventRow, "Event")
    Mention = model_of(rows.MentionRow, "Mention")
    EventDetail = model_of(rows.EventDetail, "EventDetail", {rows.EventRow: Event, rows.MentionRow: Mention})
    Quote = model_of(rows.QuoteRow, "Quote")
    Relation = model_of(rows.RelationRow, "Relation")
    IndexPoint = model_of(rows.IndexPoint, "IndexPoint")
    Actor = model_of(rows.ActorRow, "Actor")
    TimelinePoint = model_of(rows.TimelinePoint, "TimelinePoint")
    Figures = model_of(rows.Figures, "Figures")
    Source = model_of(rows.SourceRow, "Source")
    Correction = model_of(rows.CorrectionRow, "Correction")


class Dyad(BaseModel):
    """Every statement about one unordered pair of states, summarised."""

    a: str
    b: str
    n: int
    n_positive: int
    n_negative: int
    index: float = Field(description="mean polarity weighted by confidence, in [-1, 1]")
    last: dt.date | None


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


class CorrectionRequest(BaseModel):
    """Fields to correct (name → new value; null clears it), and/or a flag to set or clear, with who and why."""

    model_config = ConfigDict(extra="forbid")

    author: str = Field(min_length=1, max_length=100, description="who corrects")
    note: str | None = Field(None, max_length=300, description="why")
    values: dict[str, Any] = Field(default_factory=dict, description='e.g. {"killed": 3, "country": "MAR"}')
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
