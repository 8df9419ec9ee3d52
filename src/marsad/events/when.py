"""When an event happened: the time expression that governs the event's own clause.

Rules, in order:

* A resolved time expression inside the event's clause (:func:`marsad.events.arguments.clause_of`),
  the one nearest the trigger («قتل أربعة أشخاص أمس الجمعة في هجوم»).
* Else one of the sentence nearest the trigger, except one whose clause is an attribution or a
  report of the news («، حسبما ذكرت السلطات أمس»، «، بحسب ما ذكر الأهالي أمس السبت»، «أعلنت …
  أمس، أنها رفعت دعوى»: the day of the report, not of the deed), one of a relative clause that
  tells another deed («التفجير الذي استهدف، أمس، مسجدا» is not the day of the condemnation), and
  one in a clause that begins with another verb of time («المستمر منذ سقوط … في 2001»).
"""

from __future__ import annotations

import re

from marsad.events.detect import Mention, trigger_distance
from marsad.records import TimeRef
from marsad.rules.context import ArticleIndex
from marsad.text.fold import fold

__all__ = ["governing_time"]

#: Words that open a clause reporting the news, attributing it, or telling another deed, folded.
_OTHER_CLAUSE = re.compile(
    r"(?:^|[\s،,؛:(«])(?:و|ف)?(?:حسبما|حسب|بحسب|وفق|وفقا|طبقا|نقلا|ذكر|ذكرت|قال|قالت|افاد|افادت|اعلن|اعلنت|اكد|اكدت|"
    r"اوضح|اوضحت|صرح|صرحت|اشار|اشارت|الذي|التي|الذين|منذ|المستمر|المستمره)(?:\s|$)"
)


def governing_time(idx: ArticleIndex, m: Mention, clause: tuple[int, int]) -> TimeRef | None:
    """The resolved time expression that dates the event of mention ``m`` (see the module rules)."""
    s = idx.sentence(m.sent)
    times = [t for t in idx.timexes_in(s.start, s.end) if t.value is not None]
    if not times:
        return None
    a, b = clause
    own = [t for t in times if a <= (t.start or 0) and (t.end or 0) <= b]
    if own:
        return _nearest(own, m)
    text = idx.article.text
    kept = [t for t in times if not _other_clause(text, m, t)]
    return _nearest(kept, m) if kept else None


def _nearest(times: list[TimeRef], m: Mention) -> TimeRef:
    return min(times, key=lambda t: trigger_distance(t.start or 0, t.end or 0, m.start, m.end))


def _other_clause(text: str, m: Mention, t: TimeRef) -> bool:
    """True when an attribution, a report, a relative clause or a «منذ» stands between the trigger
    and the time expression ``t`` (or, for a time before the trigger, between the two)."""
    lo, hi = (m.end, t.start or 0) if (t.start or 0) >= m.end else ((t.end or 0), m.start)
    return _OTHER_CLAUSE.search(fold(text[lo:hi])) is not None
