"""The quote lexicons: stored folded, without duplicates; the mined cues add to the hand lexicon."""

from __future__ import annotations

import pytest

from marsad.datafiles import read_tsv
from marsad.quotes.cues import cue_matcher, is_speaker_head, speaker_heads
from marsad.text.fold import fold
from marsad.text.match import FoldedText

FILES = [("data/cues.tsv", "cue"), ("data/cues_mined.tsv", "cue"), ("data/extenders.tsv", "word"),
         ("data/speaker_heads.tsv", "word"), ("data/statement_nouns.tsv", "word")]  # fmt: skip


@pytest.mark.parametrize(("name", "column"), FILES)
def test_lexicons_are_folded_without_duplicates(name: str, column: str) -> None:
    entries = [row[column] for row in read_tsv("marsad.quotes", name)]
    assert entries, name
    assert all(fold(e) == e for e in entries), [e for e in entries if fold(e) != e]
    assert len(set(entries)) == len(entries), name


def test_mined_cues_are_new_and_measured() -> None:
    hand = {row["cue"] for row in read_tsv("marsad.quotes", "data/cues.tsv")}
    mined = list(read_tsv("marsad.quotes", "data/cues_mined.tsv"))
    assert not hand & {row["cue"] for row in mined}
    for row in mined:
        assert int(row["gold"]) >= 2 and float(row["precision"]) >= 0.6, row
        assert row["flags"] in ("", "strict") and set(row["next"].split("|")) <= {"", "عن", "من", "علي", "الي"}


def test_mined_darija_and_statement_cues_are_matched() -> None:
    text = "وأكدات الوزارة أن الحالة مستقرة، وكيقول المصدر أن الأمور عادية، وأدانت النقابة الهجوم."
    found = {h.phrase for h in cue_matcher().find(FoldedText.of(text))}
    assert {"اكدات", "كيقول", "ادانت"} <= found
    assert cue_matcher() is cue_matcher()


@pytest.mark.parametrize("word", ["مصدر", "المصادر", "للمديرية", "وبلاغ", "النقابة"])
def test_role_and_institution_nouns_are_speaker_heads(word: str) -> None:
    assert is_speaker_head(fold(word))


@pytest.mark.parametrize("word", ["القانون", "الحاجة", "محمد", "مراكش"])
def test_other_words_are_no_speaker_heads(word: str) -> None:
    assert not is_speaker_head(fold(word))
    assert len(speaker_heads()) > 50


def test_function_word_sets_are_folded_without_duplicates() -> None:
    from marsad.quotes.cues import function_words

    rows = [(r["word"], r["set"]) for r in read_tsv("marsad.quotes", "data/function_words.tsv")]
    assert all(fold(w) == w for w, _ in rows) and len(set(rows)) == len(rows)
    assert {"ان", "بللي"} <= function_words("complementizer") and "علي" in function_words("not_speaker")
