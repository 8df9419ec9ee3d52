"""Lexicon data files are stored folded; the one-pass matcher respects clitics and boundaries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.datafiles import read_tsv
from marsad.events.lexicon import triggers
from marsad.text.fold import fold
from marsad.text.match import FoldedText, PhraseMatcher


def test_data_files_are_folded() -> None:
    files = [("marsad.events", "data/triggers.tsv", "trigger"), ("marsad", "data/context.tsv", "phrase"),
             ("marsad.quotes", "data/cues.tsv", "cue"), ("marsad.relations", "data/cues.tsv", "phrase")]  # fmt: skip
    for package, name, column in files:
        for row in read_tsv(package, name):
            assert fold(row[column]) == row[column], (name, row[column])
    assert len(triggers()) > 200


def _find(phrases: list[tuple[str, str]], text: str) -> list[str]:
    m = PhraseMatcher([(p, c, p) for p, c in phrases])
    return [text[h.start : h.end] for h in m.find(FoldedText.of(text))]


def test_clitics_and_suffixes() -> None:
    assert _find([("اعتقل", "v")], "واعتقلت الشرطة") == ["اعتقلت"]
    assert _find([("هجوم", "n")], "بالهجوم وهجوما") == ["هجوم", "هجوما"]
    assert _find([("زياره", "n")], "خلال زيارته") == ["زيارته"]
    assert _find([("اعتقل", "v")], "المعتقل") == []  # no article on a verb, no foreign prefix
    assert _find([("قتل", "v")], "قتلى") == []  # «قتلى» is a noun the verb entry does not cover


def test_diacritics_are_kept_with_their_letter() -> None:
    assert _find([("شدد", "v")], "وشددّ الوزير") == ["شددّ"]


def test_longest_phrase_wins() -> None:
    assert _find([("طالب", "v"), ("طالبان", "x")], "حركة طالبان") == ["طالبان"]


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ،.", max_size=60))
def test_hits_lie_inside_the_text(text: str) -> None:
    m = PhraseMatcher([("قتل", "v", 1), ("هجوم", "n", 2), ("بين", "x", 3)])
    for h in m.find(FoldedText.of(text)):
        assert 0 <= h.token_start <= h.start < h.end <= len(text)


@given(st.text(alphabet="ابتةىأإآًٌٍَُِّْـ٠١٢ ﻻ،x", max_size=40))
def test_fast_fold_equals_fold_with_map(text: str) -> None:
    from marsad.text.fold import fold_with_map

    ft = FoldedText.of(text)
    assert (ft.norm, ft.index) == fold_with_map(text)


def test_the_same_folded_text_asked_again_gets_the_same_fresh_answer() -> None:
    m = PhraseMatcher([("قتل", "v", 1), ("هجوم", "n", 2), ("هجوم مسلح", "x", 3)])
    ft = FoldedText.of("وقتلوا ثلاثة في هجوم مسلح، والهجومان")
    first = m.find(ft)
    assert [(h.phrase, h.entry) for h in first] == [("قتل", 1), ("هجوم مسلح", 3), ("هجوم", 2)]
    first.clear()
    assert [h.phrase for h in m.find(ft)] == ["قتل", "هجوم مسلح", "هجوم"]
    assert [h.phrase for h in m.find(ft, longest=False)] == ["قتل", "هجوم مسلح", "هجوم", "هجوم"]
    other = FoldedText.of("هجوم")
    assert [h.phrase for h in m.find(other)] == ["هجوم"]
