"""The words around a position: the one previous/next-word toolkit of the stages.

* :func:`word_before` and :func:`word_after` (the actor and place matchers, :mod:`marsad.kb`): the
  run of ``isalnum()`` characters before / after a position of a folded text, across spaces only.
* :func:`word_end` and :func:`next_word` (the quote rules, :mod:`marsad.quotes`): runs of letters,
  digits *and marks* on the source text, after plain spaces.

The two families differ on purpose (folded text has no marks; the quote rules read the source) and
stay apart. :mod:`marsad.time.find` keeps its own, which also drops a leading «و»/«ف» and looks back
at most 40 characters across any non-word characters.
"""

from __future__ import annotations

import re

from marsad.text.fold import HARAKAT, TATWEEL

__all__ = ["next_word", "word_after", "word_before", "word_end"]

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


def word_before(folded: str, start: int) -> str:
    """The ``isalnum()`` run ending at ``start``, spaces before ``start`` skipped ('' when none)."""
    j = start
    while j > 0 and folded[j - 1].isspace():
        j -= 1
    k = j
    while k > 0 and folded[k - 1].isalnum():
        k -= 1
    return folded[k:j]


def word_after(folded: str, end: int) -> str:
    """The ``isalnum()`` run starting at ``end``, spaces after ``end`` skipped ('' when none)."""
    j = end
    while j < len(folded) and folded[j].isspace():
        j += 1
    k = j
    while k < len(folded) and folded[k].isalnum():
        k += 1
    return folded[j:k]
