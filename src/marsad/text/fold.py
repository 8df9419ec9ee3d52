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
from typing import Any

import numpy as np

from marsad.datafiles import read_tsv

__all__ = [
    "FOLD_TABLE", "HARAKAT", "TATWEEL", "fold", "fold_char", "fold_table", "fold_with_map", "is_diacritic",
    "source_span",
]  # fmt: skip

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

#: letter variants → the letter they fold to (alef, ya, ha, kaf): ``data/fold_letters.tsv``
_LETTERS = {r["char"]: r["norm"] for r in read_tsv("marsad.text", "data/fold_letters.tsv")}
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


def fold_table(text: str) -> dict[int, str]:
    """A ``str.translate`` table that folds every distinct character of ``text``."""
    return {ord(c): fold_char(c) for c in set(text)}


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table filled on first sight of each character (like ``fold_char``'s cache).

    It stops growing at ``_FOLD_TABLE_MAX`` characters; later ones are folded each time they come.
    """

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        if len(self) < _FOLD_TABLE_MAX:
            self[code] = folded
        return folded


_FOLD_TABLE_MAX = 1 << 16
#: The table :func:`fold` translates with: ``s.translate(FOLD_TABLE) == fold(s)``. Read-only for callers.
FOLD_TABLE: dict[int, str] = _FoldTable()


def fold(text: str) -> str:
    """Return the folded (``norm``) form of ``text``. Idempotent: ``fold(fold(s)) == fold(s)``.

    One ``str.translate`` (C speed) over a table shared by every call, so that folding a short
    word does not first build a table of its characters.
    """
    if text.isascii():
        return text
    return text.translate(FOLD_TABLE)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return ``(norm, index)`` with ``index[i]`` the source offset of ``norm[i]``.

    ``index`` has one extra final entry equal to ``len(text)`` so that a half-open folded span
    ``[i, j)`` maps to the source span ``[index[i], index[j - 1] + 1)``; use :func:`source_span`.
    Characters fold to zero or one character in all but rare cases (ligatures), so the folded text
    is one ``str.translate`` and the index lists the kept positions; ligatures take the slow path.
    Several stages fold the same article text, so the result is memoised for the last few texts
    (each call gets its own copy of ``index``); short strings (mention surfaces, looked up by the
    hundred) are not, so that they do not push the article text out.
    """
    if len(text) < _MEMO_MIN_CHARS:
        return _fold_map_short(text)
    norm, index = _fold_with_map(text)
    return norm, list(index)


_MEMO_MIN_CHARS = 256


def _fold_map_short(text: str) -> tuple[str, list[int]]:
    """:func:`fold_with_map` character by character (faster than the bulk path on a few words)."""
    pieces = [FOLD_TABLE[ord(c)] for c in text]
    index = [i for i, f in enumerate(pieces) for _ in f]
    index.append(len(text))
    return "".join(pieces), index


def _fold_map(text: str) -> tuple[str, tuple[int, ...]]:
    bulk = _fold_map_bmp(text)
    if bulk is not None:
        return bulk
    table = fold_table(text)
    lengths = {len(v) for v in table.values()}
    if lengths <= {1}:
        return text.translate(table), (*range(len(text)), len(text))
    if lengths <= {0, 1}:
        return text.translate(table), (*_kept(text, table), len(text))
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        f = fold_char(c)
        for piece in f:
            chars.append(piece)
            index.append(i)
    index.append(len(text))
    return "".join(chars), tuple(index)


_fold_with_map = lru_cache(maxsize=8)(_fold_map)


@lru_cache(maxsize=1)
def _bmp_tables() -> tuple[np.ndarray[Any, np.dtype[np.uint32]], np.ndarray[Any, np.dtype[np.int8]]]:
    """For every BMP code point: the code its fold is (when one character) and the fold's length."""
    codes = np.arange(0x10000, dtype=np.uint32)
    lengths = np.ones(0x10000, dtype=np.int8)
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:  # surrogates never reach the tables (utf-32 cannot encode them)
            continue
        folded = fold_char.__wrapped__(chr(cp))  # not through its cache: 65,536 characters
        if len(folded) != 1:
            lengths[cp] = min(len(folded), 2)
        elif ord(folded) != cp:
            codes[cp] = ord(folded)
    return codes, lengths


def _fold_map_bmp(text: str) -> tuple[str, tuple[int, ...]] | None:
    """:func:`_fold_map` by table lookups on the code points (None: a ligature, astral or surrogate)."""
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:
        return None
    if codes.size == 0 or codes.max() >= 0x10000:
        return None
    folded_codes, lengths = _bmp_tables()
    n = lengths[codes]
    if n.max() > 1:
        return None
    keep = n == 1
    norm = folded_codes[codes][keep].tobytes().decode("utf-32-le")
    if len(norm) == len(text):
        return norm, (*range(len(text)), len(text))
    return norm, (*np.flatnonzero(keep).tolist(), len(text))


def _kept(text: str, table: dict[int, str]) -> list[int]:
    """Positions of the characters that fold to something (one vectorised pass; lone surrogates: a loop)."""
    dropped = np.fromiter((cp for cp, v in table.items() if not v), dtype=np.uint32)
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:
        return [i for i, c in enumerate(text) if table[ord(c)]]
    kept: list[int] = np.flatnonzero(~np.isin(codes, dropped)).tolist()
    return kept


def source_span(index: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a half-open span of the folded string back to the source text."""
    if end <= start:
        s = index[start]
        return s, s
    return index[start], index[end - 1] + 1
