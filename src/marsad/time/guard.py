"""An event's date against its article's publication date.

News reports what has happened: a date after the article that reports the event is a misreading (a
year in a plan's name, a weekday resolved forward, a deadline «بحلول عام 2050»), unless the event
itself is planned or threatened («ستعقد القمة الأسبوع المقبل»، «هدد بقصف المدينة غدا»). A period
that begins before or on the publication day («هذا العام»، «الشهر الجاري») is no later date.

An event the status cues left ``occurred`` whose own time points forward in words («غدا»، «بعد أسبوع»،
«الاثنين المقبل»، «خلال الأيام القادمة») has not happened yet: it is planned, and keeps its date.
"""

from __future__ import annotations

import datetime as dt

from marsad.records import TimeRef
from marsad.text.fold import fold
from marsad.time import lexicon as lx

__all__ = ["FUTURE_STATUSES", "after_publication", "dated_event", "points_forward"]

#: Statuses of events that may lie after the article's publication.
FUTURE_STATUSES = frozenset({"planned", "threatened"})
#: Words of a time expression that point after the publication day, folded.
_FORWARD = frozenset({*lx.FUTURE_MODIFIERS, "المقبلين", "القادمين", "غدا", "الغد", "غد", "بعد"})


def after_publication(ref: TimeRef, published: dt.date | None) -> bool:
    """True when ``ref`` begins after the publication day (never without a publication date)."""
    if published is None or ref.value is None:
        return False
    day = published.date() if isinstance(published, dt.datetime) else published
    return ref.value > day


def points_forward(ref: TimeRef) -> bool:
    """True when the expression's own words point after its reference day («غدا»، «الأسبوع المقبل»،
    «بعد يومين»), as opposed to a date that only resolved forward («2030م»، «الجمعة»)."""
    return bool(ref.text) and not _FORWARD.isdisjoint(fold(ref.text or "").split())


def dated_event(ref: TimeRef | None, published: dt.date | None, status: str) -> tuple[TimeRef | None, str]:
    """The date and status of an event of ``status`` whose time expression is ``ref``.

    A date after the publication day stays only on a planned or threatened event; an ``occurred``
    event whose time points forward in words becomes planned; any other later date is dropped."""
    if ref is None or status in FUTURE_STATUSES or not after_publication(ref, published):
        return ref, status
    if status == "occurred" and points_forward(ref):
        return ref, "planned"
    return None, status
