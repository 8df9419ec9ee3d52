"""The QuadClass scores and the split reader of `marsad eval quadclass`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from marsad.evaluate.quadclass import evaluate_quadclass, f1_scores, read_quad


def test_f1_scores() -> None:
    report = f1_scores(["0", "1", "1", "3"], ["0", "1", "0", "3"])
    assert report.per_class["1"] == pytest.approx(2 / 3)
    assert report.per_class["2"] == 0.0  # never gold, never predicted
    assert report.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 0 + 1 + 0) / 5)
    assert report.relevance_f1 == pytest.approx(0.8)


def test_read_quad_keeps_the_part_asked(tmp_path: Path) -> None:
    tsv, split = tmp_path / "q.tsv", tmp_path / "s.tsv"
    tsv.write_text('"ar"\t"QuadClass"\n"جملة أولى"\t0\n"جملة ثانية"\t1\n"جملة ثالثة"\t4\n', encoding="utf-8")
    split.write_text("row\tsplit\n0\ttrain\n1\ttest\n2\ttest\n", encoding="utf-8")
    assert read_quad(tsv, split, "test") == [("جملة ثانية", "1"), ("جملة ثالثة", "4")]
    assert len(read_quad(tsv, None, "test")) == 3


def test_the_head_is_scored_through_the_pipeline(tmp_path: Path) -> None:
    from tests.events._tiny_model import tiny_model

    from marsad.config import load_settings
    from marsad.pipeline import Pipeline

    model = tiny_model(tmp_path)  # its QuadClass head: material conflict where the lexicon finds an arrest
    pipe: Any = Pipeline.build(load_settings(overrides={"events": {"detector": "rules"}}))
    rows = [("أوقفت الشرطة ثلاثة مهربين.", "1"), ("انعقد مؤتمر حول الزراعة.", "0")]
    report = evaluate_quadclass(pipe, model, rows)
    assert report.n == 2 and report.macro_f1 == pytest.approx(2 / 5)
