"""Word scanning on the source text for the quote rules: runs of letters, digits and marks."""

from __future__ import annotations

import re

from marsad.text.fold import HARAKAT, TATWEEL

__all__ = ["next_word", "word_end"]

#: a run of letters, digits and marks: characters that are ``isalnum()`` (\w without «_») or diacritics
_WORD_RUN = re.compile("(?:[^\\W_]|[" + re.escape("".join(sorted(HARAKAT)) + TATWEEL) + "])*")


def word_end(text: str, i: int) -> int:
    """The end of the run of letters, digits and marks starting at ``i``."""
    if i >= len(text):
        return i
    m = _WORD_RUN.match(text, i)
    return m.end() if m else i


def next_word(text: str, i: int) -> tuple[int, int] | None:
    """The span of the word after the spaces at ``i`` (None when something else comes first)."""
    j = i
    while j < len(text) and text[j] == " ":
        j += 1
    k = word_end(text, j)
    return (j, k) if k > j else None
