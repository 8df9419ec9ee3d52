"""Event status and background detection from the cues around a trigger in its sentence.

- ``denied``: a denial verb («نفى»، «نفت»، «نافيا») before the trigger in the sentence, or a negation
  particle («لم»، «لن»، «عدم») right before it («لم يتم اعتقال»);
- ``attempted``: «محاولة»، «حاول»، «إحباط» before the trigger, or «فاشلة» right after it (the foiled
  act; the foiling itself is a COERCE event that occurred);
- ``planned``: «على وشك»، «يخطط»، «تعتزم»، «من المقرر»، «استعدادا لـ»، «تمهيدا لـ» before it, or
  «المقبل/القادم» after it;
- ``threatened``: «هدد»، «توعد»، «تعهد» before it, and every THREATEN event;
- otherwise ``occurred``.

Background: a happening the article recalls rather than reports — a background phrase («في السنوات
الماضية»، «مع مرور») or a time expression / written year more than ~18 months before publication in
the sentence — is not coded as an event.
"""

from __future__ import annotations

import datetime as dt
import re

from marsad.rules.context import ArticleIndex

__all__ = ["is_background", "status_of"]

_WINDOW = 90
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_OLD_DAYS = 540
_BG_WINDOW = 70


def status_of(idx: ArticleIndex, sent: int, start: int, end: int, typ: str, is_foiling: bool) -> str:
    """The status of the mention ``[start, end)`` in sentence ``sent`` (rules in the module doc)."""
    s = idx.sentence(sent)
    lo = max(s.start, start - _WINDOW)
    denied = idx.has(sent, "denied", lo=lo, hi=start) or idx.has(
        sent, "negation", lo=max(s.start, start - 12), hi=start
    )
    tried = idx.has(sent, "attempted", lo=lo, hi=start) or idx.has(sent, "attempted", lo=end, hi=end + 12)
    checks = (
        ("threatened", typ == "THREATEN"),
        ("denied", denied),
        ("attempted", not is_foiling and tried),
        ("planned", idx.has(sent, "planned", lo=lo, hi=start) or idx.has(sent, "planned", lo=end, hi=end + 40)),
        ("threatened", idx.has(sent, "threatened", lo=lo, hi=start)),
    )  # fmt: skip
    return next((status for status, hit in checks if hit), "occurred")


def is_background(idx: ArticleIndex, sent: int, start: int, end: int, published: dt.date | None) -> bool:
    """True when the trigger's clause recalls an old happening rather than reporting a new one."""
    s = idx.sentence(sent)
    lo, hi = max(s.start, start - _BG_WINDOW), min(s.end, end + _BG_WINDOW)
    if idx.has(sent, "background", lo=lo, hi=hi):
        return True
    if published is None:
        return False
    for t in idx.timexes_in(lo, hi):
        if t.value is not None and (published - t.value).days > _OLD_DAYS:
            return True
    text = idx.article.text[lo:hi]
    return any(int(m.group(1)) <= published.year - 2 for m in _YEAR.finditer(text))
