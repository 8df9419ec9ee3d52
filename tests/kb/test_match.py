"""Tests for the shared name-matching helpers of the knowledge bases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from marsad.kb._match import FuzzyNames

_NAMES = ["بوكو حرام", "داعش", "الجزائر", "الدار البيضاء", "مراكش", "مراكس", "جزائر", "حزب الله"]


def _reference(query: str, names: list[str], cutoff: float) -> tuple[str, float] | None:
    res = process.extractOne(query, names, scorer=fuzz.ratio, score_cutoff=cutoff)
    return None if res is None else (res[0], res[1])


def test_fuzzy_names_golden_arabic() -> None:
    fuzzy = FuzzyNames(_NAMES)
    got = fuzzy.best("بوكوحرام", 88)
    assert got is not None and got[0] == "بوكو حرام" and 88 <= got[1] < 100
    assert fuzzy.best("مراكش", 90) == ("مراكش", 100.0)  # same length: only the identical name can reach 90
    assert fuzzy.best("مراكشي", 80) == ("مراكش", _reference("مراكشي", _NAMES, 80)[1])  # type: ignore[index]
    assert fuzzy.best("كلمة لا علاقة لها", 88) is None


def test_fuzzy_names_ties_go_to_the_first_listed_name() -> None:
    # «مراكز» is one substitution from both «مراكش» and «مراكس»: the same score, the first one wins
    assert FuzzyNames(_NAMES).best("مراكز", 50) == _reference("مراكز", _NAMES, 50)
    assert FuzzyNames(list(reversed(_NAMES))).best("مراكز", 50) == _reference("مراكز", list(reversed(_NAMES)), 50)
    assert _reference("مراكز", _NAMES, 50) != _reference("مراكز", list(reversed(_NAMES)), 50)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ابتثجحخ م", max_size=9), max_size=25),
    st.text(alphabet="ابتثجحخ م", max_size=9),
    st.sampled_from([0.0, 40.0, 66.0, 75.0, 88.0, 90.0, 100.0]),
)
def test_fuzzy_names_agrees_with_extract_one(names: list[str], query: str, cutoff: float) -> None:
    assert FuzzyNames(names).best(query, cutoff) == _reference(query, names, cutoff)
