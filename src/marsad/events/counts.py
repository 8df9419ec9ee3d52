"""People counts bound to an event: «12 شخصا»، «ثلاثة أشخاص»، «لقي 5 جنود مصرعهم»، «مقتل 21»، «إصابة 12».

Works on the folded text of a short window around the trigger (inside its sentence). A number is
ASCII digits (Eastern digits are folded already) or an Arabic number word (units, teens, tens,
hundreds, thousands; «و» joins «خمسة وعشرين»); a dual noun («شخصين»، «جنديين») is 2. A number counts
people when a person noun follows it (optionally after «من» and one word: «سبعة من قادة»), or when it
follows a killing/injury word directly («مقتل 9»). Injury words make it ``injured``; a killing
trigger makes it ``killed``; otherwise ``people`` (arrested, abducted, protesters …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CountHit", "find_counts", "parse_number"]

_UNITS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "اثنتان": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7,
    "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}  # fmt: skip
_TENS = {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
         "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
         "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90}  # fmt: skip
_BIG = {"مئه": 100, "مائه": 100, "مئتين": 200, "مائتين": 200, "مئات": 100, "الف": 1000, "الاف": 1000,
        "الفا": 1000, "مليون": 1_000_000}  # fmt: skip
# hundreds written as one word: «ثلاثمائة»، «خمسمئة» (folded)
_HUNDREDS = {f"{unit}{h}": n * 100 for unit, n in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                                                    ("ثمان", 8), ("تسع", 9)) for h in ("مائه", "مئه")}  # fmt: skip
_WORDS = {**_UNITS, **_TENS, **_BIG, **_HUNDREDS, "احد": 1, "اثنا": 2, "اثني": 2}
_WORD_ALT = "|".join(sorted(_WORDS, key=len, reverse=True))
_NUM = rf"(?:\d[\d,]*|(?:(?:{_WORD_ALT})(?:\s+و?(?:{_WORD_ALT}))*))"
_PERSON = (r"(?:اشخاص|شخصا|شخص|افراد|فردا|مدنيا|مدنيين|مواطنا|مواطنين|جنود|جنديا|جندي|عسكريين|عسكريا|"
           r"عناصر|عنصرا|متهما|متهمين|مشتبها|ارهابيا|ارهابيين|متمردا|متمردين|مسلحا|مسلحين|مقاتلا|مقاتل|"
           r"مقاتلين|قتيلا|قتلي|جريحا|جرحي|مصابا|مصابين|رهينه|رهائن|طفلا|اطفال|امراه|نساء|شرطيا|شرطيين|"
           r"قاده|قياديا|مهاجرا|مهاجرين|مهربا|مهربين|ارهابيين|قاصرين|طالبا|اجانب|متظاهرا|متظاهرين|"
           r"موقوفا|موقوفين|ضحيه|ضحايا|جثه|جثث)")  # fmt: skip
_DUAL = re.compile(r"\b(?:شخصين|جنديين|قتيلين|مدنيين اثنين|عسكريين اثنين|طفلين|امراتين|رجلين|شرطيين|مسلحين اثنين)\b")
_INJURY = re.compile(r"(?:اصابه|اصيب|اصيبوا|جرح|اصابات)\s*$")
_INJURY_AFTER = re.compile(r"^\s*(?:جريحا|جرحي|مصابا|مصابين|اخرين بجروح|بجروح)")
_KILL_BEFORE = re.compile(rf"(?:مقتل|قتل|مصرع|استشهاد|اعدام)\s+(?:ما لا يقل عن\s+|اكثر من\s+|نحو\s+)?({_NUM})(?!\d)")
_NUM_PERSON = re.compile(rf"(?<![\w])({_NUM})\s+(?:(?:من\s+)?(?:\w+\s+){{0,2}}?)??{_PERSON}(?!\w)")


@dataclass(frozen=True, slots=True)
class CountHit:
    start: int  # offsets within the window
    end: int
    value: int
    kind: str  # people | killed | injured


def parse_number(s: str) -> int | None:
    """An ASCII-digit or Arabic-word number (folded), else None. «خمسه وعشرين» → 25, «ثلاثه الاف» → 3000."""
    s = s.strip().replace(",", "")
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for raw in re.split(r"\s+", s):
        w = raw[1:] if raw.startswith("و") and raw[1:] in _WORDS else raw
        if w not in _WORDS:
            return None
        v = _WORDS[w]
        if v >= 1000:
            total += (current or 1) * v
            current = 0
        elif v == 100:
            current = (current or 1) * 100
        elif w == "عشر" and current:
            current += 10  # teens: «احد عشر»، «اثنا عشر»
        else:
            current += v
    return total + current or None


def find_counts(window: str, kill: bool) -> list[CountHit]:
    """Counts in a folded ``window``; ``kill``: the event is a killing (bare numbers are killed)."""
    out: list[CountHit] = []
    taken: list[tuple[int, int]] = []
    for m in _KILL_BEFORE.finditer(window):
        v = parse_number(m.group(1))
        if v is not None:
            out.append(CountHit(m.start(1), m.end(1), v, "killed"))
            taken.append((m.start(1), m.end(1)))
    for m in _NUM_PERSON.finditer(window):
        if any(a <= m.start(1) < b for a, b in taken):
            continue
        v = parse_number(m.group(1))
        if v is None:
            continue
        kind = "people"
        if _INJURY.search(window[max(0, m.start(1) - 12) : m.start(1)]) or re.search(r"(?:جريح|جرحي|مصاب)", m.group(0)):
            kind = "injured"
        elif kill or re.search(r"(?:قتيلا|قتلي)", m.group(0)):
            kind = "killed"
        out.append(CountHit(m.start(1), m.end(1), v, kind))
    for m in _DUAL.finditer(window):
        out.append(CountHit(m.start(), m.end(), 2, "killed" if kill else "people"))
    for m in re.finditer(rf"(?:اصابه|اصيب|جرح)\s+({_NUM})(?!\d)", window):
        v = parse_number(m.group(1))
        if v is not None and not any(h.start == m.start(1) for h in out):
            out.append(CountHit(m.start(1), m.end(1), v, "injured"))
    return [h for h in out if not _INJURY_AFTER.match(window[h.end :]) or h.kind == "injured"] + [
        CountHit(h.start, h.end, h.value, "injured")
        for h in out
        if _INJURY_AFTER.match(window[h.end :]) and h.kind != "injured"
    ]
