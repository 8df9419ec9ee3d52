"""Event status and background detection from the cues around a trigger in its sentence.

- ``denied``: a denial verb («نفى»، «نفت»، «نافيا») before the trigger in the sentence, or a negation
  particle («لم»، «لن»، «عدم») right before it («لم يتم اعتقال»);
- ``attempted``: «محاولة»، «حاول»، «إحباط» before the trigger, or «فاشلة» right after it (the foiled
  act; the foiling itself is a COERCE event that occurred); a verb right after it is the act's
  predicate, not its attempt («منفذ الهجوم حاول دخول الحي»);
- ``planned``: «على وشك»، «يخطط»، «تعتزم»، «من المقرر»، «استعدادا لـ»، «تمهيدا لـ» before it, or
  «المقبل/القادم» after it;
- ``threatened``: «هدد»، «توعد»، «تعهد» before it, and every THREATEN event;
- otherwise ``occurred``.

Background: a happening the article recalls rather than reports is not coded as an event —
- a background phrase near the trigger («في السنوات الماضية»، «مع مرور»، «على غرار»), or a habit
  («من حين لآخر»، «بين الحين والآخر»);
- a time expression or written year more than ~18 months before publication near the trigger;
- a sentence told in the pluperfect («وكان مسلحون قد سيطروا على المدينة … في 2012») that names such a
  year anywhere (not after «منذ», which dates a comparison) and no recent time;
- a habit in the past: «كان» and an imperfect verb right before the trigger («حيث كان المتمردون
  يستغلونه في قصف المدينة»);
- a tally over months or years right after the trigger, whose clause names no day: «قتل خمسة
  آلاف مدني في أول ستة شهور من العام»، «اعتقل المئات خلال الأشهر الماضية»; a day named before the
  trigger is the day of the statement («قالت الأمم المتحدة يوم الأربعاء إن …»).
"""

from __future__ import annotations

import datetime as dt
import re

from marsad.article_index import ArticleIndex
from marsad.records import TimeRef
from marsad.text.fold import fold

__all__ = ["is_background", "status_of"]

_WINDOW = 90
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_OLD_DAYS = 540
_BG_WINDOW = 70
#: «كان المتمردون يستغلونه في » right before a trigger (folded): a habit in the past.
_PAST_HABIT = re.compile(r"(?:^|\s)و?كان(?:ت|وا)?\s+(?:\S+\s+){0,2}?[يت]\S{2,}\s+(?:\S+\s+){0,2}$")
#: A span of months or years the counted deeds fall in: «في اول سته شهور»، «خلال الاشهر» (folded).
_PERIOD = re.compile(
    r"(?:^|\s)(?:في|خلال|طيله|طوال)\s+(?:(?:ال)?(?:اول|اخر|الاولي|الاخيره|النصف\s+\S+)\s+)?(?:\S+\s+)?"
    r"(?:اشهر|شهور|الاشهر|الشهور|اعوام|الاعوام|سنوات)(?!\w)"
)
_PERIOD_WORDS = ("اشهر", "شهور", "اعوام", "سنوات")
_PLUPERFECT = ("كان", "وكان", "كانت", "وكانت", "كانوا", "وكانوا")


def status_of(idx: ArticleIndex, sent: int, start: int, end: int, typ: str, is_foiling: bool) -> str:
    """The status of the mention ``[start, end)`` in sentence ``sent`` (rules in the module doc)."""
    s = idx.sentence(sent)
    lo = max(s.start, start - _WINDOW)
    denied = idx.has(sent, "denied", lo=lo, hi=start) or idx.has(
        sent, "negation", lo=max(s.start, start - 12), hi=start
    )
    # after the trigger only «فاشلة» qualifies it; a verb there has the act as its subject («منفذ الهجوم حاول …»)
    tried = idx.has(sent, "attempted", lo=lo, hi=start) or any(
        fold(idx.article.text[c.start : c.end]).startswith("فاشل")
        for c in idx.cues_in(sent, "attempted", lo=end, hi=end + 12)
    )
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
    times = [t for t in idx.timexes_in(s.start, s.end) if t.value is not None]
    if _habit_or_tally(idx, s.start, start, end, times):
        return True
    if published is None:
        return False
    if any(t.value is not None and (published - t.value).days > _OLD_DAYS for t in times if lo <= (t.start or 0) < hi):
        return True
    text = idx.article.text
    if any(int(m.group(1)) <= published.year - 2 for m in _YEAR.finditer(text, lo, hi)):
        return True
    return _old_pluperfect(text, s.start, s.end, published) and not any(
        t.value is not None and (published - t.value).days <= _OLD_DAYS for t in times
    )


def _habit_or_tally(idx: ArticleIndex, sent_start: int, start: int, end: int, times: list[TimeRef]) -> bool:
    """«كان … يستغلونه في» right before the trigger; a span of months right after it, its clause naming no day."""
    ft = idx.ft
    f_start, f_end = ft.folded_offset(start), ft.folded_offset(end)
    # «كانت الخلية تخطط لتنفيذ هجوم» is a plan, «كانوا يحاولون اقتحام» an attempt: their status says so
    before = ft.norm[max(ft.folded_offset(sent_start), f_start - 45) : f_start]
    if "كان" in before and _PAST_HABIT.search(before):
        sent = idx.sentence_of(start)
        if not any(idx.has(sent, f, lo=sent_start, hi=start) for f in ("planned", "attempted")):
            return True
    after = ft.norm[f_start : min(f_end, f_start + 20) + 40]
    return (
        any(w in after for w in _PERIOD_WORDS)
        and _PERIOD.search(after) is not None
        and not any(t.precision in ("day", "week") and (t.start or 0) >= start - 15 for t in times)
    )


def _old_pluperfect(text: str, a: int, b: int, published: dt.date) -> bool:
    """A sentence opened by «وكان» that names a year two or more before publication, not after «منذ»."""
    words = text[a : min(b, a + 12)].split()
    if not words or words[0] not in _PLUPERFECT:
        return False
    return any(
        int(m.group(1)) <= published.year - 2 and "منذ" not in text[max(a, m.start() - 30) : m.start()]
        for m in _YEAR.finditer(text, a, b)
    )
