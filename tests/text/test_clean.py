from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from marsad.text.clean import BIDI_CONTROLS, ZERO_WIDTH, clean_text


def test_bidi_and_zero_width_controls_are_removed_with_a_diagnostic() -> None:
    raw = "\u202eهجوم\u202c على\u200f مركز\u200b للشرطة"
    cleaned = clean_text(raw)
    assert cleaned.text == "هجوم على مركز للشرطة"
    assert [d.code for d in cleaned.diagnostics] == ["W001"]


def test_whitespace_is_tidied_but_paragraphs_are_kept() -> None:
    cleaned = clean_text("  العنوان \r\n\r\nفقرة\u00a0 أولى  \n\nفقرة ثانية\n\n\n")
    assert cleaned.text == "العنوان\n\nفقرة أولى\n\nفقرة ثانية"


def test_nfc_composes_hamza_sequences() -> None:
    decomposed = "\u0627\u0654"  # alef + combining hamza above
    assert clean_text(f"كلمة {decomposed}").text == "كلمة " + unicodedata.normalize("NFC", decomposed)


@given(st.text())
def test_offset_map_points_at_the_same_characters(raw: str) -> None:
    cleaned = clean_text(raw)
    nfc = unicodedata.normalize("NFC", raw)
    assert len(cleaned.raw_index) == len(cleaned.text)
    for i, ch in enumerate(cleaned.text):
        src = nfc[cleaned.raw_index[i]]
        assert src == ch or (ch == " " and src.isspace()) or (ch == "\n" and src in "\r\n\u2028\u2029\x85\x0b\x0c")
    assert not any(c in BIDI_CONTROLS or c in ZERO_WIDTH for c in cleaned.text)
