"""What a pipeline stage is: :class:`StageSpec`, :data:`StageFn` and :class:`BatchStage`.

A leaf module (it imports nothing of marsad but the article and settings types), so the stage
modules can declare their specs without importing :mod:`marsad.pipeline`, which looks the stages
up in :mod:`marsad.registrations`. :mod:`marsad.pipeline` re-exports these names.

A :class:`StageSpec` is the stage's contract, checked by :func:`marsad.pipeline.check_chain`
before a run:

- ``requires``: every layer the stage reads (through :class:`marsad.article_index.ArticleIndex`
  too); the chain is refused (E021) when an earlier stage does not assign each of them;
- ``assigns``: the layers it sets;
- ``modifies``: the layers of ``assigns`` that an earlier stage assigned and this one rewrites in
  place (a new tuple of items, ids renumbered): a stage that read the layer before it saw another
  version, so whatever refers to its ids must come after. Each is also in ``requires``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from marsad.article import Article
from marsad.config import Settings

if TYPE_CHECKING:
    from marsad.knowledge import Knowledge

__all__ = ["BASE_LAYERS", "BatchStage", "StageFn", "StageSpec"]

StageFn = Callable[[Article], Article]

#: Always present: the text and the metadata.
BASE_LAYERS = frozenset({"text", "meta"})


@runtime_checkable
class BatchStage(Protocol):
    """A stage function that can also process a batch of articles in one call."""

    def __call__(self, article: Article) -> Article: ...

    def pipe(self, articles: Sequence[Article]) -> list[Article]: ...


@dataclass(frozen=True, slots=True)
class StageSpec:
    """A registered stage: versioned name, declared layers, and a factory.

    The factory builds the stage function once, from the settings and the pipeline's shared
    :class:`marsad.knowledge.Knowledge` (the actor KB and the geocoder)."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: Callable[[Settings, Knowledge], StageFn]
    modifies: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        odd = [layer for layer in self.modifies if layer not in self.requires or layer not in self.assigns]
        if odd:
            raise ValueError(f"stage {self.name!r} modifies {', '.join(odd)}, which it must require and assign")
