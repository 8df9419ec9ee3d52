"""Arabic folding: the ``norm`` form used for every lexicon, gazetteer and scorer match.

Folding never touches ``Article.text``. It produces a parallel string in which harakat and
tatweel are removed, alef/hamza-on-alef variants become bare alef, alef maqsura becomes ya,
ta marbuta becomes ha, presentation forms are decomposed (NFKC) and Eastern Arabic / Persian
digits become ASCII digits. :func:`fold_with_map` also returns, for every character of the
folded string, the index of the source character it came from, so a match found in the folded
string maps back to a half-open span of the original text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

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


def fold(text: str) -> str:
    """Return the folded (``norm``) form of ``text``. Idempotent: ``fold(fold(s)) == fold(s)``."""
    return "".join([fold_char(c) for c in text])


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return ``(norm, index)`` with ``index[i]`` the source offset of ``norm[i]``.

    ``index`` has one extra final entry equal to ``len(text)`` so that a half-open folded span
    ``[i, j)`` maps to the source span ``[index[i], index[j - 1] + 1)``; use :func:`source_span`.
    """
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        f = fold_char(c)
        for piece in f:
            chars.append(piece)
            index.append(i)
    index.append(len(text))
    return "".join(chars), index


def source_span(index: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a half-open span of the folded string back to the source text."""
    if end <= start:
        s = index[start]
        return s, s
    return index[start], index[end - 1] + 1
