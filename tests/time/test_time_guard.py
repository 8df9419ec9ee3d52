"""Years inside names and plans are no dates; an event's date is never after its article's publication
unless the event is planned or threatened (golden Arabic sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.records import TimeRef
from marsad.time import find_time_expressions
from marsad.time.guard import after_publication, dated_event, points_forward

PUB = dt.date(2025, 3, 12)


@pytest.mark.parametrize(
    "text",
    [
        "أكد الوزير أن المشروع يندرج ضمن رؤية 2030م لتنويع الاقتصاد.",
        "وتندرج الخطة في إطار رؤية المملكة عام 2030.",
        "تستعد المدن المغربية لاحتضان مونديال 2030م.",
        "صادق البرلمان على مشروع قانون المالية لسنة 2026.",
        "أطلقت الحكومة الاستراتيجية الوطنية 2035م للطاقة.",
        "تأهل المنتخب إلى نهائيات كأس العالم 2026م.",
    ],
)
def test_a_year_that_names_a_plan_or_a_tournament_is_no_date(text: str) -> None:
    assert [r.text for r in find_time_expressions(text, PUB)] == []


@pytest.mark.parametrize(
    ("text", "surface", "year"),
    [
        ("وقعت الهجمات في عام 2019 بالعاصمة.", "عام 2019", 2019),
        ("تسعى الحكومة إلى خفض الانبعاثات بحلول عام 2050.", "عام 2050", 2050),
        ("ستستضيف المملكة كأس العالم في 2034.", "2034", 2034),
    ],
)
def test_a_year_of_its_own_is_still_a_date(text: str, surface: str, year: int) -> None:
    refs = find_time_expressions(text, PUB)
    assert [(r.text, r.value) for r in refs] == [(surface, dt.date(year, 1, 1))]


def _ref(text: str) -> TimeRef:
    refs = find_time_expressions(text, PUB)
    assert len(refs) == 1, refs
    return refs[0]


def test_a_later_date_of_an_event_that_happened_is_dropped() -> None:
    deadline = _ref("بحلول عام 2050")
    assert after_publication(deadline, PUB)
    assert dated_event(deadline, PUB, "occurred") == (None, "occurred")
    assert dated_event(deadline, PUB, "planned") == (deadline, "planned")
    assert dated_event(deadline, PUB, "threatened") == (deadline, "threatened")


def test_a_time_that_points_forward_makes_the_event_planned() -> None:
    for text in ("غدا الخميس", "بعد أسبوع", "الاثنين المقبل", "الشهر المقبل"):
        ref = _ref(text)
        assert points_forward(ref), text
        assert dated_event(ref, PUB, "occurred") == (ref, "planned"), text
    assert dated_event(_ref("بعد أسبوع"), PUB, "denied") == (None, "denied")


def test_a_past_or_current_period_is_kept_as_it_is() -> None:
    for text in ("أمس الثلاثاء", "هذا العام", "الشهر الجاري", "الأسبوع الماضي"):
        ref = _ref(text)
        assert not after_publication(ref, PUB), text
        assert dated_event(ref, PUB, "occurred") == (ref, "occurred"), text
    assert not points_forward(_ref("الجمعة"))
    soon = _ref("خلال الأيام القادمة")  # a span that begins on the publication day
    assert points_forward(soon) and dated_event(soon, PUB, "occurred") == (soon, "occurred")
    assert dated_event(None, PUB, "occurred") == (None, "occurred")


def test_without_a_publication_date_nothing_is_after_it() -> None:
    ref = _ref("عام 2050")
    assert not after_publication(ref, None)
    assert dated_event(ref, None, "occurred") == (ref, "occurred")
