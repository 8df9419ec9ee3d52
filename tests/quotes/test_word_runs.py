"""The quote rules' word scanner equals its per-character definition (letters, digits, marks)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.fold import is_diacritic
from marsad.text.words import next_word, word_end


def _reference_end(text: str, i: int) -> int:
    while i < len(text) and (text[i].isalnum() or is_diacritic(text[i])):
        i += 1
    return i


def test_word_end_keeps_marks_and_stops_at_punctuation() -> None:
    text = "وقالَ المتحدّثُ ـ إنّ ١٢ شخصًا_قتلوا، «اليوم»"
    assert word_end(text, 0) == 5  # «وقالَ» with its fatha
    assert text[6 : word_end(text, 6)] == "المتحدّثُ"
    assert text[word_end(text, 16) - 1] == "ـ"  # a lone tatweel is a mark
    assert text[25 : word_end(text, 25)] == "شخصًا"  # «_» is not a letter here
    assert word_end(text, len(text)) == len(text) and word_end(text, len(text) + 3) == len(text) + 3
    assert next_word(text, 5) == (6, 15)


@settings(max_examples=300)
@given(st.text(alphabet="قال ،_٣3ـَّ\u0670«»é²", max_size=30), st.integers(0, 32))
def test_word_end_equals_the_character_loop(text: str, i: int) -> None:
    assert word_end(text, i) == _reference_end(text, i)
