"""Publication-date strings, and where dateparser is right or wrong on Arabic expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.time import find_time_expressions, parse_published
from marsad.time.published import dateparser_parse

D = dt.date
WED = D(2025, 2, 26)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("الجمعة 02 أكتوبر 2020 - 19:37", D(2020, 10, 2)),
        ("02/10/2020", D(2020, 10, 2)),
        ("٠٢/١٠/٢٠٢٠", D(2020, 10, 2)),
        ("2 أكتوبر 2020", D(2020, 10, 2)),
        ("2 أكتوبر، 2020 - 11:00 ص", D(2020, 10, 2)),
        ("نشر في: الأحد 7 يوليوز 2024 | 10:15", D(2024, 7, 7)),
        ("السبت، 12 آذار/مارس 2022", D(2022, 3, 12)),
        ("الثلاثاء 14 جانفي 2025", D(2025, 1, 14)),
        ("15 رمضان 1446 هـ", D(2025, 3, 15)),
        ("2020-10-02", D(2020, 10, 2)),
        ("2020-10-02T19:37:00+01:00", D(2020, 10, 2)),
        ("2020-10-02 19:37", D(2020, 10, 2)),
        ("Fri, 02 Oct 2020 19:37:00 GMT", D(2020, 10, 2)),  # RSS
        ("2 octobre 2020", D(2020, 10, 2)),  # French, through dateparser
        ("October 2, 2020", D(2020, 10, 2)),  # English, through dateparser
        ("  ", None),
        ("غير معروف", None),
        ("2020", None),  # a year is not a publication date
        ("2020-13-45", None),
    ],
)
def test_parse_published(value: str, expected: D | None) -> None:
    assert parse_published(value) == expected


def test_dates_pass_through() -> None:
    assert parse_published(dt.datetime(2025, 2, 26, 9, 0)) == WED  # type: ignore[arg-type]
    assert parse_published(WED) == WED  # type: ignore[arg-type]
    assert parse_published(None) is None  # type: ignore[arg-type]


# dateparser (languages ar, RELATIVE_BASE = publication) is right on these, and so are we
@pytest.mark.parametrize(
    ("expr", "expected"),
    [("أمس", D(2025, 2, 25)), ("قبل يومين", D(2025, 2, 24)),
     ("الأربعاء 12 مارس 2025", D(2025, 3, 12))],
)  # fmt: skip
def test_where_dateparser_is_right_we_agree(expr: str, expected: D) -> None:
    parsed = dateparser_parse(expr, WED)
    assert parsed is not None and parsed[0] == expected
    assert [r.value for r in find_time_expressions(expr, WED)] == [expected]


# ... and wrong (nothing) on these, which the grammar resolves. If dateparser learns one of
# them, this test fails: then it may be worth using there.
@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("قبل أيام", D(2025, 2, 17)),
        ("اليوم الأربعاء", WED),
        ("منذ ثلاثة أيام", D(2025, 2, 23)),
        ("الاثنين الماضي", D(2025, 2, 24)),
        ("15 يوليوز 2023", D(2023, 7, 15)),
        ("20 غشت 2022", D(2022, 8, 20)),
        ("3 شتنبر 2021", D(2021, 9, 3)),
        ("12 آذار 2024", D(2024, 3, 12)),
        ("5 جويلية 1962", D(1962, 7, 5)),
        ("14 فيفري 2023", D(2023, 2, 14)),
        ("15 رمضان 1446 هـ", D(2025, 3, 15)),
    ],
)
def test_where_dateparser_fails_the_grammar_resolves(expr: str, expected: D) -> None:
    assert dateparser_parse(expr, WED) is None
    assert [r.value for r in find_time_expressions(expr, WED)] == [expected]
