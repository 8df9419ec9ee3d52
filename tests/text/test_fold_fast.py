"""The bulk fold (numpy / translate) and the bulk clean-up equal the per-character definitions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.clean import _classify, clean_text
from marsad.text.fold import fold, fold_char, fold_with_map
from marsad.text.tokens import _TOKEN_RE, Token, tokenize

# Arabic letters, harakat, tatweel, ligatures, presentation forms, digits, spaces and controls, astral.
_ALPHABET = st.sampled_from([*list("أإآٱىةكی٣۴ ـًٌٍَُِّْٰﻻﷲﷺ\u200f\u200b\x00\n\r\t\xa0"), "𝐀", "ab", "  ", "\ud800"])
_TEXT = st.lists(_ALPHABET, max_size=120).map("".join)


def _reference_map(text: str) -> tuple[str, list[int]]:
    chars, index = [], []
    for i, c in enumerate(text):
        for piece in fold_char(c):
            chars.append(piece)
            index.append(i)
    return "".join(chars), [*index, len(text)]


@settings(max_examples=300)
@given(_TEXT)
def test_fold_with_map_equals_the_per_character_fold(text: str) -> None:
    assert fold_with_map(text) == _reference_map(text)
    assert fold_with_map(text * 3) == _reference_map(text * 3)  # long enough for the array path
    assert fold(text) == "".join(fold_char(c) for c in text)


@settings(max_examples=300)
@given(_TEXT)
def test_tokens_take_their_norm_from_the_shared_fold(text: str) -> None:
    expected = [Token(m.start(), m.end(), fold(m.group())) for m in _TOKEN_RE.finditer(text * 3)]
    assert tokenize(text * 3) == expected


def test_fold_with_map_returns_a_fresh_index_each_time() -> None:
    text = "وَقَالَ المُتَحَدِّثُ الرَّسْمِيُّ إنَّ الشُّرْطَةَ اعْتَقَلَتْ خَمْسَةَ أَشْخَاصٍ فِي جِدَّةَ أَمْسِ"
    norm, index = fold_with_map(text)
    index.clear()
    assert fold_with_map(text) == _reference_map(text)
    assert norm == "وقال المتحدث الرسمي ان الشرطه اعتقلت خمسه اشخاص في جده امس"


def _reference_clean(raw: str) -> tuple[str, list[int]]:
    import unicodedata

    nfc = unicodedata.normalize("NFC", raw)
    out: list[str] = []
    index: list[int] = []
    prev_cr = False
    for i, ch in enumerate(nfc):
        kind = _classify(ch)
        if kind == "cr" or (kind == "newline" and not (ch == "\n" and prev_cr)):
            while out and out[-1] == " ":
                out.pop()
                index.pop()
            out.append("\n")
            index.append(i)
        elif kind == "space":
            if out and out[-1] not in (" ", "\n"):
                out.append(" ")
                index.append(i)
        elif kind == "keep":
            out.append(ch)
            index.append(i)
        prev_cr = kind == "cr"
    while out and out[-1] in ("\n", " "):
        out.pop()
        index.pop()
    lead = 0
    while lead < len(out) and out[lead] in ("\n", " "):
        lead += 1
    return "".join(out[lead:]), index[lead:]


@settings(max_examples=300)
@given(_TEXT)
def test_bulk_clean_equals_the_per_character_clean(text: str) -> None:
    got = clean_text(text)
    assert (got.text, got.raw_index) == _reference_clean(text)


def test_lone_surrogates_never_crash_the_bulk_paths() -> None:
    from marsad.inputs import _arabic_ratio

    text = "خبر عاجل من الرياض \ud800 " * 30
    assert fold_with_map(text) == _reference_map(text)
    assert "\ud800" not in clean_text(text).text
    assert 0.9 < _arabic_ratio(text) <= 1.0


def test_the_shared_fold_table_is_bounded_and_still_folds(monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.text import fold as fold_module

    monkeypatch.setattr(fold_module, "_FOLD_TABLE_MAX", 2)
    table = fold_module._FoldTable()
    text = "أَعلنَت الشرطةُ ٣ إصاباتٍ"
    assert text.translate(table) == "اعلنت الشرطه 3 اصابات"
    assert len(table) == 2
    assert text.translate(table) == "".join(fold_char(c) for c in text)


def test_short_and_long_texts_fold_alike_and_the_memo_keeps_the_article() -> None:
    from marsad.text import fold as fold_module

    word = "وَقَالَ ﻻ ﷲ المُتَحَدِّثُ"
    article = (word + " ") * 20
    assert len(word) < fold_module._MEMO_MIN_CHARS <= len(article)
    assert fold_with_map(word) == _reference_map(word)
    assert fold_with_map(article) == _reference_map(article)
    fold_module._fold_with_map.cache_clear()
    fold_with_map(article)
    for n in range(20):
        fold_with_map(f"{word} {n}")  # surfaces looked up between two stages
    assert fold_module._fold_with_map.cache_info().hits == 0
    fold_with_map(article)
    assert fold_module._fold_with_map.cache_info().hits == 1


@settings(max_examples=200)
@given(st.lists(st.sampled_from([*"أإآٱىةكی٣۴ ـًٌٍَُِّْٰab", "\u200f", "\xa0", "\n"]), min_size=1, max_size=80).map("".join))
def test_the_table_path_folds_like_the_per_character_fold(text: str) -> None:
    from marsad.text import fold as fold_module

    long_text = text * (300 // len(text) + 1)
    assert fold_module._fold_map_bmp(long_text) is not None  # no ligature, astral or surrogate here
    assert fold_with_map(long_text) == _reference_map(long_text)
