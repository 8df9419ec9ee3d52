"""conlleval-convention scoring on hand-made sequences with known answers."""

from pathlib import Path

import pytest

from marsad.evaluate.conll import extract_spans, map_tags, read_conll, score_spans


def test_extract_spans_iob2() -> None:
    tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]
    assert extract_spans(tags) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "LOC")]


def test_stray_i_starts_a_chunk_like_conlleval() -> None:
    assert extract_spans(["O", "I-ORG", "I-ORG", "O"]) == [(1, 3, "ORG")]
    # an I- of another type ends the chunk and starts a new one
    assert extract_spans(["B-PER", "I-LOC", "O"]) == [(0, 1, "PER"), (1, 2, "LOC")]


def test_entity_at_end_of_sentence() -> None:
    assert extract_spans(["O", "B-MISC", "I-MISC"]) == [(1, 3, "MISC")]


def test_exact_span_scoring_with_boundary_errors() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "I-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "I-ORG", "B-PER"]]
    rep = score_spans(gold, pred)
    # correct: LOC, ORG; PER is truncated (wrong), one spurious PER
    assert rep.micro.correct == 2
    assert rep.micro.predicted == 4
    assert rep.micro.support == 3
    assert rep.micro.precision == pytest.approx(0.5)
    assert rep.micro.recall == pytest.approx(2 / 3)
    assert rep.micro.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert rep.per_label["PER"].f1 == 0.0
    assert rep.per_label["PER"].predicted == 2
    assert rep.per_label["LOC"].f1 == 1.0


def test_b_i_mismatch_counts_as_two_entities() -> None:
    gold = [["B-LOC", "I-LOC"]]
    pred = [["B-LOC", "B-LOC"]]
    rep = score_spans(gold, pred)
    assert rep.micro.correct == 0
    assert rep.micro.predicted == 2
    assert rep.micro.f1 == 0.0


def test_type_mismatch_is_wrong() -> None:
    rep = score_spans([["B-ORG", "I-ORG"]], [["B-LOC", "I-LOC"]])
    assert rep.per_label["ORG"].recall == 0.0
    assert rep.per_label["LOC"].precision == 0.0


def test_map_tags() -> None:
    assert map_tags(["B-PERS", "I-PERS", "B-MIS", "O", "B-OCC"]) == [
        "B-PER", "I-PER", "B-MISC", "O", "O"]


def test_read_conll_blank_lines_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("عمر B-PERS\nفي O\n\nB-LOC طنجة\nنابلس I-OCC B-GPE\n", encoding="utf-8")
    assert read_conll(f) == [[("عمر", "B-PERS"), ("في", "O")],
                             [("طنجة", "B-LOC"), ("نابلس", "I-OCC")]]


def test_read_conll_without_blank_lines_splits_at_periods(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("زار O\nعمر B-PERS\n. O\nثم O\n. O\n", encoding="utf-8")
    assert [len(s) for s in read_conll(f)] == [3, 2]
