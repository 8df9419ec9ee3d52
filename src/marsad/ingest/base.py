"""The one interface every source implements, and the registry that finds them (plugins included).

A source turns a location (a path, a URL, ``kind:location``) into :class:`Entry` objects: a stable
per-item ``key`` (used for checkpoints and quarantine) and a ``load`` callable that produces the
:class:`~marsad.inputs.ArticleInput` or :class:`~marsad.inputs.InputFailure`. Keys come first so a
resumed run can skip items without fetching or parsing them again.

Third-party sources register under the entry-point group ``marsad.sources``::

    [project.entry-points."marsad.sources"]
    mysource = "mypkg.sources:MySource"
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, ClassVar

from marsad.errors import CODES
from marsad.inputs import ArticleInput, InputFailure

if TYPE_CHECKING:
    from marsad.ingest.fetch import Fetcher
    from marsad.ingest.mapping import ColumnMapping

__all__ = ["ENTRY_POINT_GROUP", "Entry", "Item", "Source", "SourceOptions", "failure", "open_source",
           "source_registry"]  # fmt: skip

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "marsad.sources"

Item = ArticleInput | InputFailure


def failure(origin: str, code: str, raw: bytes = b"", detail: str = "") -> InputFailure:
    """An :class:`InputFailure` whose message is the code's text plus ``detail``."""
    return InputFailure(origin, code, CODES[code] + (f" ({detail})" if detail else ""), raw)


@dataclass(frozen=True)
class Entry:
    """One item of a source: its stable key, and how to load it."""

    key: str
    load: Callable[[], Item]

    def safe_load(self) -> Item:
        """``load()``, with any exception (a plugin's bug, a parser crash) turned into an E042 failure."""
        try:
            return self.load()
        except Exception as exc:  # one broken item must never stop a run
            log.exception("loading %s failed", self.key)
            return failure(self.key, "E042", b"", f"{type(exc).__name__}: {exc}"[:300])

    @classmethod
    def ready(cls, item: Item) -> Entry:
        """An entry for an item that is already loaded (its ``origin`` is the key)."""
        return cls(item.origin, lambda: item)


@dataclass(frozen=True)
class SourceOptions:
    """What every source may need: a column mapping, a size cap, and a fetcher for the web."""

    mapping: ColumnMapping | None = None
    max_bytes: int = 20_000_000
    fetcher: Fetcher | None = field(default=None, compare=False)


class Source(ABC):
    """A place articles come from. Subclasses set ``kind`` and implement ``accepts`` and ``entries``."""

    kind: ClassVar[str] = ""

    def __init__(self, location: str, options: SourceOptions | None = None) -> None:
        self.location = location
        self.options = options or SourceOptions()

    @classmethod
    @abstractmethod
    def accepts(cls, location: str) -> bool:
        """True if this source can read ``location`` (without the ``kind:`` prefix)."""

    @abstractmethod
    def entries(self) -> Iterator[Entry]:
        """The items in a stable order; each key is unique within the source."""

    def __iter__(self) -> Iterator[Item]:
        for entry in self.entries():
            yield entry.safe_load()


def source_registry() -> dict[str, type[Source]]:
    """Plugins from the ``marsad.sources`` entry points, then the built-ins (built-ins win on a clash)."""
    from marsad.ingest.builtins import builtin_sources

    registry: dict[str, type[Source]] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            cls = ep.load()
        except Exception as exc:  # a broken plugin must not stop ingestion from the others
            log.warning("source plugin %s failed to load: %s", ep.name, exc)
            continue
        if isinstance(cls, type) and issubclass(cls, Source):
            registry[ep.name] = cls
        else:
            log.warning("source plugin %s is not a marsad.ingest.Source subclass", ep.name)
    registry.update(builtin_sources())
    return registry


def open_source(location: str, options: SourceOptions | None = None,
                registry: dict[str, type[Source]] | None = None) -> Source:  # fmt: skip
    """The source for ``location``: ``kind:rest`` picks a kind; otherwise the first that accepts it.

    Raises :class:`KeyError` when no source accepts the location.
    """
    registry = registry if registry is not None else source_registry()
    kind, sep, rest = location.partition(":")
    if sep and kind in registry and not rest.startswith("//"):
        return registry[kind](rest, options)
    ordered = sorted(registry.values(), key=_is_builtin)  # plugins first, then built-ins in order
    for cls in ordered:
        if cls.accepts(location):
            return cls(location, options)
    raise KeyError(f"no source accepts {location!r}")


def _is_builtin(cls: type[Source]) -> bool:
    return cls.__module__.startswith("marsad.ingest.")
