"""Sentence splitting for Arabic news.

Sentences end at «.» «!» «?» «؟» (and runs of them, with closing quotes or brackets that follow)
and at line breaks. «،» and «؛» never end a sentence (pyarabic's ``sentence_tokenize`` splits at «،»,
which is useless here). A full stop between digits (3.5) or after a single Latin capital (U.N.)
does not end a sentence. Quotation marks «» are kept with the sentence they close.
"""

from __future__ import annotations

import re

from marsad.article import Span

__all__ = ["split_sentences"]

_END = re.compile(r"[.!?؟…]+[»\"'”’)\]]*|\n+")
_CLOSERS = "»\"'”’)]"


def split_sentences(text: str) -> list[Span]:
    """Half-open sentence spans covering the non-blank parts of ``text``."""
    spans: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        if m.group()[0] == "." and _is_inner_dot(text, m.start()):
            continue
        end = m.start() if m.group()[0] == "\n" else m.end()
        _add(spans, text, start, end)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _is_inner_dot(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return True
    prev2 = text[i - 2] if i > 1 else " "
    return before.isascii() and before.isupper() and not prev2.isalpha()


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, "sentence", "text.sentences"))
