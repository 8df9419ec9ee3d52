"""Column mapping for JSON, JSONL and CSV records: ``--map text=story,published=date``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.errors import ConfigError
from marsad.inputs import ArticleInput, InputFailure, input_from_mapping

__all__ = ["FIELDS", "ColumnMapping"]

#: The article fields a column can be mapped to.
FIELDS = ("text", "id", "title", "url", "source", "author", "published")


@dataclass(frozen=True)
class ColumnMapping:
    """Which input column fills which article field; unmapped fields use their own name."""

    pairs: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, spec: str | None) -> ColumnMapping:
        """Parse ``field=column,field=column``; raises :class:`ConfigError` (E020) on a bad spec."""
        if not spec or not spec.strip():
            return cls()
        pairs: dict[str, str] = {}
        for part in spec.split(","):
            target, sep, column = part.partition("=")
            target, column = target.strip(), column.strip()
            if not sep or not column:
                raise ConfigError(f"bad --map entry {part!r}: expected field=column")
            if target not in FIELDS:
                raise ConfigError(f"bad --map field {target!r}: choose from {', '.join(FIELDS)}")
            pairs[target] = column
        return cls(tuple(sorted(pairs.items())))

    def column(self, target: str) -> str:
        return dict(self.pairs).get(target, target)

    def apply(self, obj: dict[str, Any]) -> dict[str, Any]:
        """The record with article field names (``doc`` wrappers unwrapped)."""
        if isinstance(obj.get("doc"), dict) and "text" not in dict(self.pairs):
            obj = obj["doc"]
        return {target: obj.get(self.column(target)) for target in FIELDS}

    def to_input(self, obj: dict[str, Any], origin: str, raw: bytes = b"") -> ArticleInput | InputFailure:
        """The article input for one record (its raw bytes kept in ``extra["raw"]``); no text is E006."""
        item = input_from_mapping(self.apply(obj), origin, raw)
        if isinstance(item, ArticleInput) and raw:
            item.extra["raw"] = raw
        return item

    def __str__(self) -> str:
        return ",".join(f"{t}={c}" for t, c in self.pairs)
