"""Script and language check before analysis: Arabic-script text goes on, the rest is set aside.

French is common in Maghreb feeds; it is recognised by a simple heuristic (mostly Latin letters and
a high share of French function words) and quarantined with E035, which says French articles are
kept for a later French analysis. Anything else without enough Arabic script is E008.
"""

from __future__ import annotations

import re
import unicodedata

from marsad.ingest.base import Item, failure
from marsad.inputs import ArticleInput

__all__ = ["check_language", "looks_french", "script_shares"]

_FRENCH_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "un",
        "une",
        "et",
        "est",
        "sont",
        "été",
        "au",
        "aux",
        "dans",
        "pour",
        "par",
        "sur",
        "avec",
        "qui",
        "que",
        "ne",
        "pas",
        "plus",
        "ce",
        "cette",
        "ces",
        "il",
        "elle",
        "ils",
        "elles",
        "nous",
        "vous",
        "leur",
        "selon",
        "été",
        "a",
        "ont",
        "où",
        "mais",
        "ou",
        "donc",
        "lors",
        "depuis",
        "entre",
    ]
)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "was",
        "for",
        "on",
        "that",
        "with",
        "by",
        "from",
        "at",
        "as",
        "are",
        "has",
        "have",
    ]
)
_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ]+(?:'[a-zàâäçéèêëîïôöùûüÿœæ]+)?", re.IGNORECASE)


def script_shares(text: str) -> tuple[float, float]:
    """(Arabic share, Latin share) of the letters in ``text``."""
    arabic = latin = letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc":
            arabic += 1
        elif ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
            latin += 1
    if not letters:
        return 0.0, 0.0
    return arabic / letters, latin / letters


def looks_french(text: str) -> bool:
    """Latin script plus French function words (l', d', le, les, des, est…) beating English ones."""
    _, latin = script_shares(text)
    if latin < 0.6:
        return False
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < 5:
        return False
    french = 0
    for w in words:
        head, apostrophe, _ = w.partition("'")
        if w in _FRENCH_WORDS or (apostrophe and head in {"l", "d", "qu", "n", "s", "j", "c"}):
            french += 1
    english = sum(1 for w in words if w in _ENGLISH_WORDS)
    return french / len(words) >= 0.12 and french > 2 * english


def check_language(item: Item, min_arabic_ratio: float = 0.3) -> Item:
    """The item itself if it is Arabic-script text, else a coded failure (E035 French, E008 other)."""
    if not isinstance(item, ArticleInput):
        return item
    arabic, latin = script_shares(item.text)
    if arabic >= min_arabic_ratio:
        return item
    raw = item.text.encode("utf-8")
    if looks_french(item.text):
        return failure(item.origin, "E035", raw)
    if latin > 0.5:
        detail = f"Latin script, {arabic:.0%} Arabic letters"
    else:
        detail = f"{arabic:.0%} Arabic letters"
    return failure(item.origin, "E008", raw, detail)
