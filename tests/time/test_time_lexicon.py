"""The lexicons are stored folded, and the anchored search finds what a full scan finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.fold import fold
from marsad.time import lexicon as lx
from marsad.time.find import _candidates, full_scan_candidates
from marsad.time.grammar import UNITS, rules


@pytest.mark.parametrize("entry", lx.all_entries() + list(UNITS))
def test_entries_are_folded(entry: str) -> None:
    assert fold(entry) == entry


def test_month_families_are_complete() -> None:
    by_month: dict[int, set[str]] = {}
    for name, month in lx.GREGORIAN_MONTHS.items():
        by_month.setdefault(month, set()).add(name)
    assert sorted(by_month) == list(range(1, 13))
    assert all(len(names) >= 2 for names in by_month.values())  # Syriac and at least one other
    assert len(lx.GREGORIAN_MONTHS) >= 38
    assert sorted(set(lx.HIJRI_MONTHS.values())) == list(range(1, 13))
    assert lx.ORDINAL_DAYS["الحادي والثلاثين"] == 31 and lx.ORDINAL_DAYS["الثاني عشر"] == 12


def test_every_rule_compiles() -> None:
    kinds = [r.kind for r in rules()]
    assert len(kinds) == len(set(kinds)) >= 10


SENTENCES = [
    "وفي يوم الاثنين الماضي، وبالأمس، ومساء أول من أمس، وفجر الجمعة، والخميس المقبل",
    "منذ 2019 ومطلع 2020 وعامي 2019 و2021 و2020م وفي 2013، وعام 1446 هـ",
    "في 12 من الشهر الجاري والثالث من الشهر الماضي والثاني عشر من مارس و15 رمضان 1446 هـ",
    "قبل يومين وقبل ثلاثة أيام وبعد أسبوعين وخلال السنوات القليلة الماضية وهذا العام",
    "نهاية الأسبوع ومطلع الشهر الجاري و12/03/2025 و2025-03-12 وشهر غشت وأكتوبر (تشرين الأول)",
    "الجمعة 02 أكتوبر 2020 - 19:37 ويوم 7 ماي 2024 و٥ جويلية ١٩٦٢ وفي شهر رمضان الماضي",
]
WORDS = st.sampled_from([*" ".join(SENTENCES).split(), "،", ".", "و", "في", "12", "2020"])


def _same(text: str) -> None:
    norm = fold(text)
    full = {(s, e, k) for s, e, k, _ in full_scan_candidates(norm)}
    anchored = {(s, e, k) for s, e, k, _ in _candidates(norm)}
    assert full <= anchored, sorted(full - anchored)


@pytest.mark.parametrize("text", SENTENCES)
def test_anchored_search_finds_what_a_full_scan_finds(text: str) -> None:
    _same(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=25).map(" ".join))
def test_anchored_search_on_shuffled_time_words(text: str) -> None:
    _same(text)


@pytest.mark.parametrize(
    ("text", "news_day"),
    [("اليوم الأربعاء", True), ("مساء أول من أمس", True), ("صباح الخميس", True), ("أمس", True),
     ("في 26 يونيو (حزيران) الماضي", False), ("12 فبراير 2018", False), ("الأول من أغسطس", False)],
)
def test_a_deictic_time_names_its_day_from_the_news_day(text: str, news_day: bool) -> None:
    assert lx.deictic(fold(text)) is news_day
