"""Quantities in folded Arabic text: digits, number words, approximations, ranges and vague amounts.

A folded sentence is cut into tokens (:func:`tokens`): runs of ASCII digits (Eastern digits are folded
already), runs of letters, and punctuation marks, so «4مهربين» is «4» and «مهربين», «ب3» is «ب» and
«3», and no phrase reads across a comma or a bracket. A quantity
(:func:`quantity_at`) is

* digits («12», «1,233»), or a digit run with a multiplier («3 آلاف»);
* number words from ``data/number_words.tsv`` joined by «و» («خمسة وعشرين», «ثلاثة آلاف», «احد عشر»),
  with one proclitic «و»، «ب»، «ل»، «ف» on the first («بثلاثة»), and a postposed definite form
  («عناصرها الثلاثة»);
* after an approximation («حوالي 30», «قرابة ثلاثة آلاف», «أكثر من 20», «ما لا يقل عن»): the number;
* a range («ما بين 10 و15», «من 10 إلى 15», «10 أو 15»): its lower bound, as ACLED codes a range;
* a vague amount («العشرات», «مئات», «آلاف» without a number, «عدد من»): no value, yet a quantity, so
  that it claims its noun and no other number is taken for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.datafiles import read_tsv, word_sets

__all__ = ["Quantity", "Token", "number_words", "parse_number", "quantity_at", "tokens"]

_TOKEN = re.compile(r"\d+(?:[.,]\d{3})*|[^\W\d_]+|[.,،؛;:()«»\"!?؟]")
_PROCLITICS = ("و", "ب", "ل", "ف")
#: approximations before a number, as token tuples (folded)
_APPROX = tuple(tuple(p.split()) for p in word_sets("marsad.events", "data/words.tsv")["approx"])
#: vague amounts («عدد من», «عشرات»), as token tuples (folded)
_VAGUE_PHRASES = tuple(tuple(p.split()) for p in word_sets("marsad.events", "data/words.tsv")["vague"])
_AFTER = (("علي", "الاقل"), ("تقريبا",))
_RANGE_TO = frozenset({"الي", "او", "و"})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # offsets in the folded string the tokens were cut from
    end: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """Tokens ``[first, last)`` state a number (approximation and range included); ``value`` is None
    for a vague amount; ``number`` is the index of the token where the number itself begins."""

    first: int
    last: int
    value: int | None
    number: int


def tokens(norm: str) -> list[Token]:
    """The digit runs and letter runs of a folded string, with their offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm)]


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[int, str]]:
    """Folded number word → (value, kind): unit, ten, hundred, thousand, vague (``data/number_words.tsv``)."""
    return {r["word"]: (int(r["value"]), r["kind"]) for r in read_tsv("marsad.events", "data/number_words.tsv")}


def _word(tok: str, first: bool) -> str | None:
    """The number word a token is, with a proclitic on the first word of a number or «و» on a later one."""
    words = number_words()
    if tok in words and words[tok][1] != "vague":
        return tok
    if len(tok) > 2 and tok[0] in (_PROCLITICS if first else ("و",)) and tok[1:] in words:
        return tok[1:] if words[tok[1:]][1] != "vague" else None
    return None


def parse_number(s: str) -> int | None:
    """An ASCII-digit or Arabic-word number (folded), else None. «خمسه وعشرين» → 25, «ثلاثه الاف» → 3000."""
    toks = [t.text for t in tokens(s)]
    q = _number(toks, 0) if toks else None
    return q[1] if q is not None and q[0] == len(toks) else None


def _number(toks: list[str], i: int) -> tuple[int, int] | None:
    """(end, value) of the number that begins at token ``i``, else None."""
    total, current, j = 0, 0, i
    digits = toks[i].replace(",", "").replace(".", "") if i < len(toks) else ""
    if digits.isdigit():
        current, j = int(digits), i + 1
    while j < len(toks):
        w = _word(toks[j], j == i)
        if w is None or (w in ("احد", "احدي") and toks[j + 1 : j + 2] not in (["عشر"], ["عشره"])):
            break
        value, kind = number_words()[w]
        if digits.isdigit() and kind != "thousand":
            break  # after digits only a multiplier: «3 آلاف»
        if kind == "thousand":
            if w in ("الاف", "ملايين") and not current:
                return None  # «آلاف» without a number: vague
            total, current = total + (current or 1) * value, 0
        elif kind == "hundred" and value == 100 and current:
            current *= 100
        elif w in ("عشر", "عشره") and 0 < current < 10:
            current += 10  # teens: «احد عشر»، «ثلاثه عشر»
        elif (kind == "unit" and current % 10) or (kind == "ten" and current % 100 >= 10):
            break  # «ثلاثه اربعه»: two numbers
        else:
            current += value
        j += 1
    return (j, total + current) if j > i else None


def _match(toks: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The end of the longest phrase of ``phrases`` that starts at token ``i``, else ``i``."""
    best = i
    for p in phrases:
        if tuple(toks[i : i + len(p)]) == p:
            best = max(best, i + len(p))
    return best


def quantity_at(toks: list[str], i: int) -> Quantity | None:
    """The quantity that starts at token ``i`` (see the module rules), else None."""
    j = _match(toks, i, _APPROX)
    ranged = False
    if j == i and toks[i : i + 2] == ["ما", "بين"]:
        j, ranged = i + 2, True
    elif j == i and toks[i] in ("بين", "من"):
        j, ranged = i + 1, True
    num = _number(toks, j)
    if num is None:
        vague = _match(toks, j, _VAGUE_PHRASES)
        return Quantity(i, vague, None, j) if vague > j and not ranged else None
    end, value = num
    joiners = _RANGE_TO if ranged else _RANGE_TO - {"و"}
    second = _number(toks, end + 1) if end < len(toks) and toks[end] in joiners else None
    if second is not None and second[1] > value:  # «بين 10 و15»، «10 الي 15»: the lower bound
        end = second[0]
    elif ranged:
        return None  # «من 3 أشخاص»: a preposition, the number is read at the next token
    return Quantity(i, _match(toks, end, _AFTER), value, j)
