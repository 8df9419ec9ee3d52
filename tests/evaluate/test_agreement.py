"""A gold line read as a record: a pass scored against itself agrees fully, and a changed pass does not."""

from __future__ import annotations

import copy

from marsad.evaluate.agreement import gold_as_record, is_gold_line
from marsad.evaluate.gold import score_documents

from .test_goldcheck import _line


def test_a_pass_agrees_with_itself() -> None:
    gold = _line()
    record = gold_as_record(gold)
    assert is_gold_line(gold) and not is_gold_line(record)
    report = score_documents([gold], [record])
    assert all(score.f1 == 1.0 for score in report.layers.values())
    assert all(acc.value == 1.0 for acc in report.attrs.values())


def test_differences_between_passes_are_counted() -> None:
    gold = _line()
    other = copy.deepcopy(gold)
    other["events"][0]["type"] = "ASSAULT"
    other["quotes"] = []
    other["relations"][0]["polarity"] = -1
    report = score_documents([gold], [gold_as_record(other)])
    assert report.layers["event_type"].f1 == 0.0
    assert (report.layers["quote"].recall, report.layers["relation"].precision) == (0.0, 0.0)
    assert report.layers["entity"].f1 == 1.0
