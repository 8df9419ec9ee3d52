"""Arabic folding: the ``norm`` form used for every lexicon, gazetteer and scorer match.

Folding never touches ``Article.text``. It produces a parallel string in which harakat and
tatweel are removed, alef/hamza-on-alef variants become bare alef, alef maqsura becomes ya,
ta marbuta becomes ha, presentation forms are decomposed (NFKC) and Eastern Arabic / Persian
digits become ASCII digits. :func:`fold_with_map` also returns, for every character of the
folded string, the index of the source character it came from, so a match found in the folded
string maps back to a half-open span of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = ["HARAKAT", "TATWEEL", "fold", "fold_char", "fold_with_map", "is_diacritic", "source_span"]

TATWEEL = "\u0640"
#: Arabic combining marks: fathatan … sukun, the extended marks, superscript alef, Quranic marks.
HARAKAT = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)

_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
    "\u06c1": "ه",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_MAP = _LETTERS | _DIGITS


def is_diacritic(ch: str) -> bool:
    """True for a harakat mark or tatweel (characters folding removes)."""
    return ch in HARAKAT or ch == TATWEEL


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Fold one character; the result may be empty (a mark) or longer than one (a ligature)."""
    return _fold_char(ch)


def _fold_char(ch: str) -> str:
    if is_diacritic(ch):
        return ""
    if ch in _MAP:
        return _MAP[ch]
    if ch.isascii():
        return ch
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if is_diacritic(c):
            continue
        out.append(_MAP.get(c, c))
    return "".join(out)


def _char_class(code_points: list[int]) -> str:
    """A regex character class body for sorted ``code_points`` (as ranges)."""
    parts: list[str] = []
    i = 0
    while i < len(code_points):
        j = i
        while j + 1 < len(code_points) and code_points[j + 1] == code_points[j] + 1:
            j += 1
        lo, hi = code_points[i], code_points[j]
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        i = j + 1
    return "".join(parts)


class _Tables(NamedTuple):
    translate: dict[int, str]  # BMP characters folding changes → their folded form
    uneven: re.Pattern[str]  # characters not folding to exactly one character, and astral ones
    lut: npt.NDArray[np.uint32]  # code point → folded code point (one-to-one characters)
    drop: npt.NDArray[np.bool_]  # code point folds to nothing (a mark)
    expand: npt.NDArray[np.bool_]  # code point folds to two or more characters


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Once per process (~0.1 s): every BMP character's folded form, as a table and as arrays."""
    table: dict[int, str] = {}
    uneven: list[int] = []
    lut = np.arange(0x10000, dtype=np.uint32)
    drop = np.zeros(0x10000, dtype=np.bool_)
    expand = np.zeros(0x10000, dtype=np.bool_)
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        folded = _fold_char(ch)
        if folded != ch:
            table[cp] = folded
        if len(folded) == 1:
            lut[cp] = ord(folded)
        else:
            uneven.append(cp)
            drop[cp], expand[cp] = not folded, len(folded) > 1
    pattern = re.compile(f"[{_char_class(uneven)}\\ud800-\\udfff\\U00010000-\\U0010FFFF]")
    return _Tables(table, pattern, lut, drop, expand)


_ASTRAL = re.compile("[\\ud800-\\udfff\\U00010000-\\U0010FFFF]")  # astral and lone surrogates: one by one


def fold(text: str) -> str:
    """Return the folded (``norm``) form of ``text``. Idempotent: ``fold(fold(s)) == fold(s)``."""
    if text.isascii():
        return text
    if _ASTRAL.search(text):
        return "".join([fold_char(c) for c in text])
    return text.translate(_tables().translate)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return ``(norm, index)`` with ``index[i]`` the source offset of ``norm[i]``.

    ``index`` has one extra final entry equal to ``len(text)`` so that a half-open folded span
    ``[i, j)`` maps to the source span ``[index[i], index[j - 1] + 1)``; use :func:`source_span`.
    Several stages fold the same article text: the result is memoised for the last few texts (a
    fresh copy of ``index`` is returned each time, so callers may keep or change it).
    """
    norm, index = _fold_with_map_memo(text)
    return norm, list(index)


@lru_cache(maxsize=8)
def _fold_with_map_memo(text: str) -> tuple[str, tuple[int, ...]]:
    if len(text) >= 64 and not _ASTRAL.search(text):
        tables = _tables()
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        if not tables.expand[codes].any():
            keep = ~tables.drop[codes]
            norm = tables.lut[codes[keep]].tobytes().decode("utf-32-le")
            return norm, (*np.flatnonzero(keep).tolist(), len(text))
    norm, index = _fold_with_map_scan(text)
    return norm, tuple(index)


def _fold_with_map_scan(text: str) -> tuple[str, list[int]]:
    """The general path: one-to-one runs translated in bulk, marks, ligatures and astral characters one by one."""
    tables = _tables()
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    for m in tables.uneven.finditer(text):
        i = m.start()
        if i > pos:
            pieces.append(text[pos:i].translate(tables.translate))
            index.extend(range(pos, i))
        folded = fold_char(text[i])
        if folded:
            pieces.append(folded)
            index.extend([i] * len(folded))
        pos = i + 1
    if pos < len(text):
        pieces.append(text[pos:].translate(tables.translate))
        index.extend(range(pos, len(text)))
    index.append(len(text))
    return "".join(pieces), index


def source_span(index: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a half-open span of the folded string back to the source text."""
    if end <= start:
        s = index[start]
        return s, s
    return index[start], index[end - 1] + 1
