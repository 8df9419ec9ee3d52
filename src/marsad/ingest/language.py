"""Script and language check before analysis: Arabic-script text goes on, the rest is set aside.

French is common in Maghreb feeds; it is recognised by a simple heuristic (mostly Latin letters and
a high share of French function words) and quarantined with E035, which says French articles are
kept for a later French analysis. Anything else without enough Arabic script is E008.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from marsad.ingest.base import Item, failure
from marsad.inputs import ArticleInput, is_blank, without_nul

__all__ = ["check_language", "looks_french", "script_shares"]


def _words(*lines: str) -> frozenset[str]:
    return frozenset(word for line in lines for word in line.split())


#: Function words that are French and not (also) Spanish, Italian or English.
_FRENCH_WORDS = _words(
    "le les des du est une et été dans pour sur avec qui ont sont au aux cette ces selon pas ne il elle ils",
    "elles nous vous leur lors depuis mais où donc être après",
)
#: Competing languages' function words: Latin-script text that is not French shows these.
_OTHER_WORDS = _words(
    "the and of to in is was for on that with by from at as are has have",  # English
    "el los las del y por según una con para es fue se lo al como más pero",  # Spanish
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
    hits = [w for w in words if w in _FRENCH_WORDS or (w.partition("'")[0] in {"l", "d", "qu", "n", "s", "j", "c"}
            and "'" in w)]  # fmt: skip
    other = sum(1 for w in words if w in _OTHER_WORDS)
    return len(hits) / len(words) >= 0.08 and len(set(hits)) >= 2 and len(hits) > 2 * other


def check_language(item: Item, min_arabic_ratio: float = 0.3) -> Item:
    """The item itself if it is Arabic-script text, else a coded failure (E001 nothing left once NUL is gone,
    E035 French, E008 other)."""
    if not isinstance(item, ArticleInput):
        return item
    item = without_nul(item)  # every reader's items (HTML, feeds, text too): one behaviour on every backend
    arabic, latin = script_shares(item.text)
    if arabic >= min_arabic_ratio:
        return item
    kept, kind = item.extra.get("raw"), item.extra.get("kind")
    raw = kept if isinstance(kept, bytes) else item.text.encode("utf-8")
    if is_blank(item.text):  # empty, not «not Arabic»: the readers' own checks see this first
        out = failure(item.origin, "E001", raw)
    elif looks_french(item.text):
        out = failure(item.origin, "E035", raw)
    else:
        detail = f"{arabic:.0%} of letters are Arabic script, below {min_arabic_ratio:.0%}"
        if latin > 0.5:
            detail += f"; {latin:.0%} Latin script"
        out = failure(item.origin, "E008", raw, detail)
    return dataclasses.replace(out, kind=kind) if isinstance(kind, str) else out
