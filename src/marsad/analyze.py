"""Plain functions behind `marsad analyze`, the API and ingest: inputs → analysed articles → records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from marsad.article import Article, Metadata, article_id
from marsad.config import Settings
from marsad.errors import CODES, Diagnostic
from marsad.inputs import ArticleInput, InputFailure, _arabic_ratio
from marsad.pipeline import Pipeline
from marsad.serialize import to_record

__all__ = ["analyze", "analyze_text", "failure_record", "make_article", "parse_date"]


def parse_date(value: str | None) -> dt.date | None:
    """ISO date/datetime, else an Arabic news date string (via :mod:`marsad.time` when present)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    try:
        # start-up time: the time grammar, only for a date that is not ISO
        from marsad.time import parse_published
    except ImportError:
        return None
    parsed: dt.date | None = parse_published(value)
    return parsed


def make_article(item: ArticleInput, settings: Settings, published: dt.date | None = None) -> Article:
    """Clean the text once and attach metadata and input diagnostics."""
    text = item.text
    diags = [Diagnostic(code, CODES[code], "info", "input") for code in item.warnings]
    if len(text) > settings.input.max_chars:
        text = text[: settings.input.max_chars]
        diags.append(Diagnostic("W003", f"text truncated to {settings.input.max_chars} characters",
                                "warning", "input"))  # fmt: skip
    pub = parse_date(item.published) or published
    if item.published and pub is None:
        diags.append(Diagnostic("W012", f"unparsed publication date {item.published!r}", "warning", "input"))
    meta = Metadata(title=item.title, url=item.url, source=item.source, author=item.author, published=pub)
    article = Article.create(text, meta, id=item.id)
    if _arabic_ratio(article.text) < settings.input.min_arabic_ratio:
        diags.append(Diagnostic("W020", "text is mostly non-Arabic; results will be poor", "warning", "input"))
    return article.with_diagnostics(*diags)


def failure_record(failure: InputFailure) -> dict[str, Any]:
    """The record of an unreadable item: empty layers and one error diagnostic."""
    diag = Diagnostic(failure.code, failure.message, "error", "input")
    empty = Article(id=article_id(failure.origin), text="", meta=Metadata(source=failure.origin))
    record = to_record(empty.with_diagnostics(diag))
    record["origin"] = failure.origin
    return record


def analyze(items: Iterable[ArticleInput | InputFailure], pipeline: Pipeline,
            published: dt.date | None = None) -> Iterator[dict[str, Any]]:  # fmt: skip
    """Analyse each readable item and yield its record, in input order; failures yield a diagnostic
    record. Items are analysed in batches of ``pipeline.batch_size`` (see :meth:`Pipeline.pipe`)."""
    size = pipeline.settings.pipeline.batch_size
    it = iter(items)
    while chunk := list(islice(it, size)):
        readable = [item for item in chunk if not isinstance(item, InputFailure)]
        done = iter(pipeline.pipe((make_article(item, pipeline.settings, published) for item in readable), size))
        for item in chunk:
            if isinstance(item, InputFailure):
                yield failure_record(item)
                continue
            record = to_record(next(done))
            record["origin"] = item.origin
            yield record


def analyze_text(text: str, pipeline: Pipeline, **meta: Any) -> dict[str, Any]:
    """Analyse one text (for the API and notebooks)."""
    published = meta.pop("published", None)
    if isinstance(published, dt.date):
        published = published.isoformat()
    item = ArticleInput(text=text, origin=meta.pop("origin", "<text>"), published=published, **meta)
    return next(analyze([item], pipeline))
