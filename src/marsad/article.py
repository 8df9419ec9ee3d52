"""The one article type: immutable text plus layers of half-open character spans.

``Article.text`` is set once by :func:`marsad.text.clean.clean_text` and never rewritten. Stages
return a new article with one more layer (:meth:`Article.with_layer`); a span's text is always
``article.text[start:end]``, so evidence is never stored twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Generic, TypeVar, overload

from marsad.errors import Diagnostic
from marsad.text.clean import clean_text

__all__ = ["Article", "Layer", "Metadata", "Span", "article_id"]

T = TypeVar("T")


class Layer(str, Generic[T]):
    """A layer's name that carries the type of its items: ``article.layer(ENTITIES)`` is a
    ``tuple[Entity, ...]`` to the type checker. It is the name itself (a ``str``), so a stage
    contract lists it and ``article.layer(ENTITIES)`` still works. The layers of the built-in
    stages are declared in :mod:`marsad.layers`."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character span ``[start, end)`` of ``Article.text`` with a label."""

    start: int
    end: int
    label: str = ""
    source: str = ""
    score: float = 1.0

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def text(self, text: str) -> str:
        """The slice of ``text`` this span covers."""
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about an article besides its text."""

    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: dt.date | None = None


def article_id(text: str, meta: Metadata | None = None) -> str:
    """A stable id: SHA-256 over the text and the URL (never Python's ``hash``)."""
    h = hashlib.sha256()
    h.update(text.encode("utf-8"))
    h.update(b"\x00")
    h.update(((meta.url if meta else None) or "").encode("utf-8"))
    return h.hexdigest()[:16]


def _frozen(layers: Mapping[str, tuple[Any, ...]]) -> Mapping[str, tuple[Any, ...]]:
    return MappingProxyType(dict(layers))


@dataclass(frozen=True, slots=True)
class Article:
    """An article and every layer the pipeline has added to it."""

    id: str
    text: str
    meta: Metadata = field(default_factory=Metadata)
    layers: Mapping[str, tuple[Any, ...]] = field(default_factory=lambda: _frozen({}))
    diagnostics: tuple[Diagnostic, ...] = ()
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # see memo()

    @classmethod
    def create(cls, text: str, meta: Metadata | None = None, id: str | None = None) -> Article:
        """Build an article from raw text: the text is cleaned once, here."""
        cleaned = clean_text(text)
        meta = meta or Metadata()
        return cls(
            id=id or article_id(cleaned.text, meta),
            text=cleaned.text,
            meta=meta,
            layers=_frozen({}),
            diagnostics=tuple(cleaned.diagnostics),
        )

    @overload
    def layer(self, name: Layer[T]) -> tuple[T, ...]: ...
    @overload
    def layer(self, name: str) -> tuple[Any, ...]: ...
    def layer(self, name: str) -> tuple[Any, ...]:
        """The items of layer ``name`` (empty when the layer was never assigned); typed for a :class:`Layer`."""
        return self.layers.get(name, ())

    def has_layer(self, name: str) -> bool:
        return name in self.layers

    @overload
    def with_layer(self, name: Layer[T], items: Iterable[T]) -> Article: ...
    @overload
    def with_layer(self, name: str, items: Iterable[Any]) -> Article: ...
    def with_layer(self, name: str, items: Iterable[Any]) -> Article:
        """A new article with layer ``name`` set to ``items``."""
        layers = dict(self.layers)
        layers[name] = tuple(items)
        return dataclasses.replace(self, layers=_frozen(layers))

    def with_diagnostics(self, *diags: Diagnostic) -> Article:
        return dataclasses.replace(self, diagnostics=self.diagnostics + tuple(diags))

    def memo(self) -> dict[str, Any]:
        """A cache for objects derived from the layers (:meth:`marsad.article_index.ArticleIndex.of`),
        shared with every article :meth:`with_layer` and :meth:`with_diagnostics` make from this one,
        so that stages can reuse what an earlier stage derived. Left out of equality and ``repr``. An
        entry must check that the layers it was derived from are still the same before it is used."""
        return self._memo

