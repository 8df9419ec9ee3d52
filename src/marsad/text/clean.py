"""Text clean-up that keeps offsets valid.

:func:`clean_text` produces the one ``Article.text``: NFC, zero-width and bidi control characters
removed, other control characters dropped, line ends unified, runs of spaces collapsed, and
spaces at line ends trimmed. It returns an offset map from the cleaned text back to the raw input,
so spans found in the cleaned text can be traced to the bytes a user supplied.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.errors import Diagnostic

__all__ = ["BIDI_CONTROLS", "ZERO_WIDTH", "CleanText", "clean_text"]

#: Explicit directional formatting characters (embeddings, overrides, isolates, marks).
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACES = frozenset("\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")
_LINE_BREAKS = frozenset("\u2028\u2029\u0085\x0b\x0c")


@dataclass(frozen=True)
class CleanText:
    """The cleaned text, ``raw_index[i]`` = offset in the raw input of ``text[i]``."""

    text: str
    raw_index: list[int] = field(repr=False)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _classify(ch: str) -> str:
    """'drop', 'space', 'newline' or 'keep' for one NFC character."""
    if ch in BIDI_CONTROLS or ch in ZERO_WIDTH:
        return "drop"
    if ch in _SPACES or ch == " ":
        return "space"
    if ch == "\n" or ch in _LINE_BREAKS:
        return "newline"
    if ch == "\r":
        return "cr"
    if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
        return "drop"
    return "keep"


@lru_cache(maxsize=1)
def _special() -> re.Pattern[str]:
    """The characters :func:`clean_text` must look at one by one (computed once per process).

    Every character :func:`_classify` does not simply keep (and every astral one), except a single
    space between two kept characters: that one is copied with its run, as the per-character rules
    would copy it.
    """
    cps = [cp for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF and _classify(chr(cp)) != "keep"]
    parts, i = [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(re.escape(chr(cps[i])) + (f"-{re.escape(chr(cps[j]))}" if j > i else ""))
        i = j + 1
    cls = f"[{''.join(parts)}\\ud800-\\udfff\\U00010000-\\U0010FFFF]"  # includes " "
    return re.compile(f"(?:(?<={cls})|^) | (?={cls}|$)|(?! ){cls}")


def clean_text(raw: str) -> CleanText:
    """Clean ``raw`` into the article text; never raises on any ``str``.

    Runs of ordinary characters are copied in bulk; only spaces, line breaks and control
    characters (and astral characters, classified one by one) are looked at individually.
    """
    nfc = unicodedata.normalize("NFC", raw)
    out: list[str] = []  # pieces: a run of kept characters, or a single space / newline / astral char
    index: list[int] = []
    removed_controls = 0
    prev_cr = False
    pos = 0
    for m in _special().finditer(nfc):
        i = m.start()
        if i > pos:
            out.append(nfc[pos:i])
            index.extend(range(pos, i))
            prev_cr = False
        ch = nfc[i]
        kind = _classify(ch)
        if kind == "cr" or (kind == "newline" and not (ch == "\n" and prev_cr)):
            _end_line(out, index)
            out.append("\n")
            index.append(i)
        elif kind == "space":
            if out and out[-1][-1] not in (" ", "\n"):
                out.append(" ")
                index.append(i)
        elif kind == "drop":
            removed_controls += ch in BIDI_CONTROLS or ch in ZERO_WIDTH
        elif kind == "keep":
            out.append(ch)
            index.append(i)
        prev_cr = kind == "cr"
        pos = i + 1
    if pos < len(nfc):
        out.append(nfc[pos:])
        index.extend(range(pos, len(nfc)))
    _end_line(out, index)
    _strip_blank_edges(out, index)
    diags = []
    if removed_controls:
        diags.append(Diagnostic("W001", f"removed {removed_controls} bidi/zero-width control characters",
                                "info", "text.clean"))  # fmt: skip
    return CleanText("".join(out), index, diags)


def _end_line(out: list[str], index: list[int]) -> None:
    while out and out[-1] == " ":
        out.pop()
        index.pop()


def _strip_blank_edges(out: list[str], index: list[int]) -> None:
    while out and out[-1] in ("\n", " "):
        out.pop()
        index.pop()
    lead = 0
    while lead < len(out) and out[lead] in ("\n", " "):
        lead += 1
    del out[:lead]
    del index[:lead]
