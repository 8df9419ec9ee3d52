from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.sentences import MAX_WORDS, split_sentences
from marsad.text.tokens import _TOKEN_RE, _WORD_CHARS, split_clitics, tokenize, words_of


def _surface(text: str) -> list[str]:
    return [text[t.start : t.end] for t in tokenize(text)]


def test_arabic_punctuation_and_guillemets_are_separate_tokens() -> None:
    text = "وقال: «إنّ الأمنَ مستتب»، ثم غادر؟"
    assert _surface(text) == ["وقال", ":", "«", "إنّ", "الأمنَ", "مستتب", "»", "،", "ثم", "غادر", "؟"]


def test_numbers_with_separators_stay_whole() -> None:
    assert _surface("حجز 1,250 كلغ و٣٫٥ طن") == ["حجز", "1,250", "كلغ", "و٣٫٥", "طن"]


def test_clitic_split_words_align_with_the_text() -> None:
    text = "وبالقنيطرة"
    (token,) = tokenize(text)
    words = words_of(text, token)
    assert [(text[w.start : w.end], w.role) for w in words] == [("و", "proclitic"), ("ب", "proclitic"),
                                                                ("القنيطرة", "stem")]  # fmt: skip


def test_lil_keeps_the_article_letter_on_the_stem() -> None:
    assert split_clitics("للمديريه") == ("ل", "لمديريه", "")


def test_short_words_are_not_split() -> None:
    assert split_clitics("وزير") == ("", "وزير", "")
    assert split_clitics("بلد") == ("", "بلد", "")


def test_pronoun_suffix_split() -> None:
    assert split_clitics("مصادرها") == ("", "مصادر", "ها")


@given(st.text(alphabet=st.sampled_from("وبالمغربفيكه ،.؟«»\n٣2َُ")))
def test_tokens_and_words_lie_inside_the_text(text: str) -> None:
    for tok in tokenize(text):
        assert 0 <= tok.start < tok.end <= len(text)
        for w in words_of(text, tok):
            assert tok.start <= w.start < w.end <= tok.end


def test_sentences_split_on_arabic_question_mark_and_lines_not_on_comma() -> None:
    text = "هل انتهى التحقيق؟ قال المصدر، إن العمل مستمر.\nسطر جديد 3.5 بالمئة"
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == ["هل انتهى التحقيق؟", "قال المصدر، إن العمل مستمر.", "سطر جديد 3.5 بالمئة"]


@pytest.mark.parametrize("initials", ["ع.م", "إ.غ", "م. ب", "إم.إس.سي.آي", "حمزة. ش"])
def test_arabic_initials_do_not_end_a_sentence(initials: str) -> None:
    text = f"أوقفت الشرطة المشتبه فيه ({initials}) بفاس. وقال المصدر إن البحث جار."
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == [f"أوقفت الشرطة المشتبه فيه ({initials}) بفاس.", "وقال المصدر إن البحث جار."]


def test_a_dot_after_a_word_still_ends_a_sentence() -> None:
    text = "وصل الوفد إلى الرباط.وقال المصدر إن مع. غادر. و قال إنه عاد."
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == ["وصل الوفد إلى الرباط.", "وقال المصدر إن مع.", "غادر.", "و قال إنه عاد."]


def test_closing_guillemet_stays_with_its_sentence() -> None:
    text = "قال: «انتهى الأمر.» ثم غادر."
    assert [text[s.start : s.end] for s in split_sentences(text)] == ["قال: «انتهى الأمر.»", "ثم غادر."]


def test_a_text_without_punctuation_is_cut_into_bounded_sentences_at_its_commas() -> None:
    clause = "قال المتحدث إن قوات الأمن اعتقلت عشرة أشخاص في الرباط بعد هجوم على مركز الشرطة"  # 15 words
    text = "، ".join([clause] * 40)  # 600 words, no full stop
    spans = split_sentences(text)
    parts = [text[s.start : s.end] for s in spans]
    assert all(len(p.split()) <= MAX_WORDS for p in parts)
    assert len(parts) == 4 and all(p.endswith("،") for p in parts[:-1])  # cut after a comma
    assert " ".join(parts).split() == text.split()  # nothing lost, nothing repeated


def test_a_run_of_words_without_any_comma_is_cut_after_max_words() -> None:
    text = " ".join(["كلمة"] * (2 * MAX_WORDS + 5))
    assert [len(text[s.start : s.end].split()) for s in split_sentences(text)] == [MAX_WORDS, MAX_WORDS, 5]


def test_a_long_unpunctuated_article_is_analysed(pipeline: object) -> None:
    from marsad.analyze import analyze_text

    clause = "وأعلنت وزارة الداخلية اعتقال عشرة أشخاص في الرباط بعد هجوم على مركز الشرطة"
    rec = analyze_text(" ".join([clause] * 300), pipeline)  # 3,900 words in one «sentence»
    assert not rec["diagnostics"] and rec["events"]


# The token pattern before it was rewritten for speed (a word run is scanned once, not twice).
_REFERENCE_TOKEN_RE = re.compile(
    rf"[{_WORD_CHARS}]*\d(?:[.,\u066B\u066C]\d+)+"
    rf"|[{_WORD_CHARS}]+"
    r"|\S"
)
_NUMBERY = st.lists(st.sampled_from([*"و٣۴17²_ab ل", "\u064e", "\u0640", ".", ",", "\u066b", "\u066c", "،", "\u0301"]),
                    max_size=40).map("".join)  # fmt: skip


@settings(max_examples=500)
@given(_NUMBERY)
def test_token_pattern_cuts_like_the_reference_pattern(text: str) -> None:
    assert [m.span() for m in _TOKEN_RE.finditer(text)] == [m.span() for m in _REFERENCE_TOKEN_RE.finditer(text)]


def test_numbers_glued_to_words_keep_their_separators() -> None:
    assert _surface("بلغت 3.5٪ و١٢٬٥٠٠ دولار،وقتل12,000.5شخص a1.b") == [
        "بلغت", "3.5", "٪", "و١٢٬٥٠٠", "دولار", "،", "وقتل12,000.5", "شخص", "a1", ".", "b",
    ]  # fmt: skip
