from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text.fold import fold, fold_with_map, source_span

ARABIC = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(" ،؛؟«»ﻻﷲ٣"))


@given(ARABIC | st.text())
def test_fold_is_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


@given(ARABIC)
def test_map_points_into_source(s: str) -> None:
    norm, index = fold_with_map(s)
    assert len(index) == len(norm) + 1
    assert all(0 <= i < len(s) for i in index[:-1])
    assert index == sorted(index)


@pytest.mark.parametrize(
    ("variant", "folded"),
    [
        ("المَغْرِب", "المغرب"),  # harakat
        ("المـــغرب", "المغرب"),  # tatweel
        ("أكد", "اكد"), ("إرهاب", "ارهاب"), ("آخر", "اخر"), ("ٱلله", "الله"),  # alef/hamza
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("خلية", "خليه"),  # ta marbuta
        ("٢٠٢٥", "2025"), ("۱۲", "12"),  # Eastern and Persian digits
        ("ﻻ", "لا"),  # presentation-form ligature
        ("شخصًا", "شخصا"),
    ],
)  # fmt: skip
def test_fold_variants(variant: str, folded: str) -> None:
    assert fold(variant) == folded


def test_source_span_maps_a_folded_match_back_with_its_marks() -> None:
    text = "قال إنَّ المَغْرِبَ قوي"
    norm, index = fold_with_map(text)
    i = norm.index("المغرب")
    start, end = source_span(index, i, i + len("المغرب"))
    assert text[start:end] == "المَغْرِب"


@given(ARABIC | st.text())
def test_fast_paths_agree_with_the_character_by_character_fold(s: str) -> None:
    from marsad.text.fold import fold_char

    slow_chars, slow_index = [], []
    for i, c in enumerate(s):
        for piece in fold_char(c):
            slow_chars.append(piece)
            slow_index.append(i)
    norm, index = fold_with_map(s)
    assert norm == "".join(slow_chars) == fold(s)
    assert index == [*slow_index, len(s)]
