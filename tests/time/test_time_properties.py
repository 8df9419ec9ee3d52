"""Invariants: the finder never raises, spans lie in the text and equal ``ref.text``, no overlap."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.time import find_time_expressions, parse_published, resolve_expression

PIECES = st.sampled_from(
    ["اليوم", "الأربعاء", "أمس", "أَمْسِ", "غداً", "قبل", "يومين", "أيام", "منذ", "الماضي",
     "المقبل", "12", "١٢", "مارس", "آب", "ماي", "تشرين", "الأول", "رمضان", "1446", "هـ", "2025",
     "عام", "عامي", "و2021", "/", "-", "03", "الشهر", "الجاري", "الأسبوع", "خلال", "السنوات",
     "القليلة", "ﻻ", "ـ", "،", "(", ")", "\n", "  ", "وبالأمس", "الثاني", "عشر", "من", "31",
     "فبراير", "30", "ذي", "الحجة", "1200"]
)  # fmt: skip
ARABICISH = st.lists(PIECES, max_size=30).map(" ".join) | st.text(
    alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
    | st.sampled_from(" 0123456789/-")
)
DATES = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@settings(max_examples=300, deadline=None)
@given(ARABICISH | st.text(), DATES)
def test_spans_are_exact_sorted_and_disjoint(text: str, published: dt.date | None) -> None:
    refs = find_time_expressions(text, published)
    last_end = 0
    for ref in refs:
        assert ref.start is not None and ref.end is not None
        assert 0 <= ref.start < ref.end <= len(text)
        assert text[ref.start : ref.end] == ref.text
        assert ref.start >= last_end
        last_end = ref.end
        assert (ref.value is None) == (ref.precision is None)
        assert ref.precision in (None, "day", "week", "month", "year")
        if ref.end_value is not None and ref.value is not None:
            assert ref.end_value >= ref.value


@settings(max_examples=150, deadline=None)
@given(ARABICISH, DATES)
def test_resolve_expression_never_raises(text: str, published: dt.date | None) -> None:
    ref = resolve_expression(text[:60], published)
    assert ref is None or isinstance(ref.text, str)


@settings(max_examples=100, deadline=None)
@given(ARABICISH | st.text(max_size=40))
def test_parse_published_never_raises(text: str) -> None:
    value = parse_published(text)
    assert value is None or isinstance(value, dt.date)
