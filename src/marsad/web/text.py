"""Showing untrusted article text: escaped, bidi controls made visible and inert, evidence as ``<mark>``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["BIDI_CONTROLS", "Segment", "inert", "plain", "segments"]

#: Embeddings, overrides and isolates: they reorder the text that follows, so they are shown, not obeyed.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def _visible(match: re.Match[str]) -> str:
    code = f"U+{ord(match.group(0)):04X}"
    return f'<span class="ctl" title="{code}">[{code}]</span>'


def inert(text: object) -> Markup:
    """HTML-escaped text in which bidi control characters appear as ``[U+202E]`` instead of acting."""
    if text is None:
        return Markup("")
    return Markup(_BIDI.sub(_visible, str(escape(str(text)))))


def plain(text: object) -> str:
    """``text`` with bidi controls written out as ``[U+202E]`` (for places that take no markup: titles, attributes)."""
    return "" if text is None else _BIDI.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", str(text))


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: str | None = None  # css class of the <mark>, None for plain text
    ref: str | None = None  # what the mark stands for (an event id, a quote id …)
    anchor: str | None = None  # html id of the mark


def segments(text: str, spans: Sequence[tuple[int, int, str, str | None]]) -> list[Segment]:
    """``text`` cut at the spans ``(start, end, kind, ref)``; a span overlapping an earlier one is clipped,
    spans outside the text are ignored, so the segments always join back to ``text``."""
    out: list[Segment] = []
    pos = 0
    n = 0
    for raw_start, raw_end, kind, ref in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(raw_start, pos), min(raw_end, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        n += 1
        out.append(Segment(text[start:end], kind, ref, f"m{n}"))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out
