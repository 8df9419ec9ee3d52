"""The checks every annotation line must pass (``annotation-workflow.md``), on a line written here."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from marsad.evaluate.goldcheck import check_line

TEXT = ("أوقفت عناصر الشرطة القضائية بمدينة طنجة، أمس الثلاثاء، ثلاثة أشخاص يشتبه في تورطهم في تهريب "
        "المخدرات، وحجزت طنا من مخدر الشيرا. وقال مصدر أمني إن البحث جار لتوقيف باقي المتورطين. "
        "وأكد الوزير أن التعاون الأمني بين المغرب وإسبانيا قوي.")  # fmt: skip
DOC = {"corpus": "test", "id": "t1", "published": "2025-03-12", "text": TEXT}


def _line(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc": dict(DOC),
        "entities": [{"text": "طنجة", "label": "GPE"}],
        "events": [{"type": "COERCE", "mode": "arrest", "acled": None, "actor": "MAR", "recipient": "drug traffickers",
                    "place": "Tangier", "country": "MAR", "date": "2025-03-11", "date_precision": "day",
                    "count_people": 3, "status": "occurred", "trigger": "أوقفت",
                    "evidence": "أوقفت عناصر الشرطة القضائية بمدينة طنجة"}],
        "quotes": [{"speaker": "مصدر أمني", "cue": "قال", "evidence": "البحث جار لتوقيف باقي المتورطين"}],
        "relations": [{"a": "MAR", "b": "ESP", "type": "COOPERATE", "polarity": 1, "domain": "security",
                       "evidence": "التعاون الأمني بين المغرب وإسبانيا قوي"}],
    }  # fmt: skip
    for path, value in changes.items():
        layer, _, key = path.partition("__")
        if key:
            row[layer][0][key] = value
        else:
            row[layer] = value
    return row


def _problems(row: dict[str, Any], **kw: Any) -> list[str]:
    return check_line(json.dumps(row, ensure_ascii=False), **kw)


def test_a_good_line_passes() -> None:
    assert _problems(_line(), given={("test", "t1"): DOC}, require_trigger=True) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"events__evidence": "اعتقلت الشرطة ثلاثة أشخاص"}, "is not in the text"),
        ({"events__trigger": "حجزت"}, "not inside the evidence"),
        ({"events__type": "ARREST"}, "not a PLOVER type"),
        ({"events__mode": "seize-all"}, "is not a mode of COERCE"),
        ({"events__status": "happened"}, "status"),
        ({"events__acled": "Strategic developments/Raids"}, "acled"),
        ({"events__actor": "الشرطة"}, "English name"),
        ({"events__country": "Morocco"}, "alpha-3"),
        ({"events__date": "11/03/2025"}, "ISO date"),
        ({"events__date_precision": "hour"}, "date_precision"),
        ({"events__count_people": -1}, "non-negative"),
        ({"entities__label": "CITY"}, "label"),
        ({"entities__text": "الدار البيضاء"}, "is not in the text"),
        ({"quotes__cue": "صرح"}, "is not in the text"),
        ({"relations__polarity": 0}, "polarity"),
        ({"relations__domain": "sports"}, "domain"),
        ({"relations__b": "MAR"}, "two different"),
    ],
)
def test_each_rule_rejects(change: dict[str, Any], expected: str) -> None:
    problems = _problems(_line(**change))
    assert any(expected in p for p in problems), problems


def test_a_relation_pair_and_sign_is_given_once() -> None:
    row = _line()
    row["relations"].append(dict(row["relations"][0], a="ESP", b="MAR", type="AGREE"))
    assert any("same polarity sign" in p for p in _problems(row))
    row["relations"][1]["polarity"] = -1
    assert _problems(row) == []


def test_the_doc_must_be_the_one_handed_out() -> None:
    changed = copy.deepcopy(_line())
    changed["doc"]["text"] = TEXT + " "
    assert any("differs" in p for p in _problems(changed, given={("test", "t1"): DOC}))
    assert any("not handed out" in p for p in _problems(_line(), given={}))


def test_trigger_required_only_when_asked() -> None:
    row = _line()
    del row["events"][0]["trigger"]
    assert _problems(row) == []
    assert any("trigger: missing" in p for p in _problems(row, require_trigger=True))


def test_no_relative_date_without_a_publication_date() -> None:
    row = _line()
    row["doc"]["published"] = None
    assert any("no publication date" in p for p in _problems(row))
    row["doc"]["text"] = TEXT + " وذلك في سنة 2024."
    row["doc"] = {**row["doc"]}
    assert _problems(row) == []


@pytest.mark.parametrize("line", ["", "{", "[1, 2]", '{"doc": {"text": 1}}'])
def test_broken_lines_are_reported_not_raised(line: str) -> None:
    assert check_line(line)


def test_the_dev_gold_passes() -> None:
    from pathlib import Path

    gold = Path(__file__).resolve().parents[2].parent / "shared" / "gold"
    if not gold.exists():
        pytest.skip("../shared/gold is not available")
    for path in sorted(gold.glob("*.jsonl")):
        for n, line in enumerate(path.read_text("utf-8").splitlines()):
            if line.strip():
                assert check_line(line) == [], f"{path.name}:{n + 1}"
