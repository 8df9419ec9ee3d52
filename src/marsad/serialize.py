"""The analysis record: an analysed :class:`Article` ⇄ the JSON of the output contract."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.article import Article, Metadata
from marsad.errors import Diagnostic
from marsad.layers import PROVENANCE
from marsad.pipeline import Provenance
from marsad.records import Entity, Event, Quote, Relation

__all__ = ["from_record", "to_record"]

_LAYERS: dict[str, Any] = {"entities": Entity, "events": Event, "quotes": Quote, "relations": Relation}


def to_record(article: Article) -> dict[str, Any]:
    """The output-contract record of ``article`` (evidence texts derived from offsets)."""
    prov = article.layer(PROVENANCE)
    meta = article.meta
    record: dict[str, Any] = {
        "id": article.id,
        "title": meta.title,
        "url": meta.url,
        "source": meta.source,
        "author": meta.author,
        "published": meta.published.isoformat() if meta.published else None,
        "text": article.text,
    }
    for name in _LAYERS:
        record[name] = [item.to_json(article.text) for item in article.layer(name)]
    record["provenance"] = prov[0].to_json() if prov else None
    record["diagnostics"] = [d.to_dict() for d in article.diagnostics]
    return record


def from_record(record: dict[str, Any]) -> Article:
    """Rebuild the article and its record layers from a record (the inverse of :func:`to_record`)."""
    pub = record.get("published")
    meta = Metadata(
        title=record.get("title"), url=record.get("url"), source=record.get("source"),
        author=record.get("author"), published=dt.date.fromisoformat(pub[:10]) if pub else None,
    )  # fmt: skip
    article = Article(id=record["id"], text=record["text"], meta=meta,
                      diagnostics=tuple(Diagnostic.from_dict(d) for d in record.get("diagnostics", [])))  # fmt: skip
    for name, cls in _LAYERS.items():
        article = article.with_layer(name, [cls.from_json(d) for d in record.get(name, [])])
    prov = record.get("provenance")
    if prov:
        article = article.with_layer(
            "provenance", [Provenance(prov["marsad"], tuple(prov["stages"]), prov["config_sha256"])]
        )
    return article
