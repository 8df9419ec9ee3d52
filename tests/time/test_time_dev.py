"""Dates of the gold events in ``../shared/gold/dev.jsonl``, measured (not gated high).

For each gold event with a date, the time expressions of its evidence sentence are resolved
against ``doc.published`` and the one nearest the evidence is compared with the gold date by the
annotation guide's rule (day exact; week within six days; month same year and month; year same
year). ``sentence`` counts only expressions in the evidence sentence; ``fallback`` also takes the
nearest expression before the sentence in the same paragraph, then the article's first
day-precision expression. Run ``python tests/time/test_time_dev.py`` for the numbers
(``MARSAD_SHARED`` overrides where ``shared/`` is).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from marsad.records import TimeRef
from marsad.time import find_time_expressions

SHARED = Path(
    os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared")
)
GOLD = SHARED / "gold" / "dev.jsonl"
_SENT_END = re.compile(r"[.!?؟\n]")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENT_END.finditer(text, 0, start)), default=0)
    m = _SENT_END.search(text, end)
    return left, m.start() if m else len(text)


def _paragraph_start(text: str, start: int) -> int:
    return text.rfind("\n", 0, start) + 1


def _nearest(refs: Sequence[TimeRef], start: int, end: int) -> TimeRef | None:
    def gap(r: TimeRef) -> int:
        rs, re_ = r.start or 0, r.end or 0
        return 0 if rs < end and re_ > start else min(abs(rs - end), abs(start - re_))

    return min(refs, key=gap) if refs else None


def _pick(text: str, refs: list[TimeRef], start: int, end: int, fallback: bool) -> TimeRef | None:
    s, e = _sentence(text, start, end)
    resolved = [r for r in refs if r.value is not None]
    inside = [r for r in resolved if s <= (r.start or 0) and (r.end or 0) <= e]
    if inside or not fallback:
        return _nearest(inside, start, end)
    para = _paragraph_start(text, start)
    before = [r for r in resolved if para <= (r.start or 0) and (r.end or 0) <= s]
    if before:
        return before[-1]
    days = [r for r in resolved if r.precision == "day"]
    return days[0] if days else None


def date_matches(pred: dt.date | None, gold: dt.date, precision: str) -> bool:
    """The annotation guide's date comparison, by the gold precision."""
    if pred is None:
        return False
    if precision == "day":
        return pred == gold
    if precision == "week":
        return abs((pred - gold).days) <= 6
    if precision == "month":
        return (pred.year, pred.month) == (gold.year, gold.month)
    return pred.year == gold.year


def evaluate(path: Path = GOLD) -> dict[str, float]:
    """Date accuracy over gold events with a date, and how often an undated event gets one."""
    stats = {"dated": 0, "sentence": 0, "fallback": 0, "undated": 0, "undated_with_time": 0}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text, published = row["doc"].get("text"), row["doc"].get("published")
        if not text or not published:
            continue
        refs = find_time_expressions(text, dt.date.fromisoformat(published))
        for ev in row["events"]:
            start = text.find(ev["evidence"])
            if start < 0:
                continue
            end = start + len(ev["evidence"])
            if not ev.get("date"):
                stats["undated"] += 1
                stats["undated_with_time"] += _pick(text, refs, start, end, False) is not None
                continue
            gold, prec = dt.date.fromisoformat(ev["date"]), ev["date_precision"]
            stats["dated"] += 1
            for key, fb in (("sentence", False), ("fallback", True)):
                ref = _pick(text, refs, start, end, fb)
                stats[key] += date_matches(ref.value if ref else None, gold, prec)
    n = max(stats["dated"], 1)
    return {
        "dated_events": stats["dated"],
        "accuracy_sentence": stats["sentence"] / n,
        "accuracy_fallback": stats["fallback"] / n,
        "undated_events": stats["undated"],
        "undated_given_a_time": stats["undated_with_time"] / max(stats["undated"], 1),
    }


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    if not GOLD.exists():
        pytest.skip(f"{GOLD} is not available (../shared is not next to the repository)")
    return evaluate()


def test_dev_dates_are_measured(scores: dict[str, float]) -> None:
    assert scores["dated_events"] >= 40
    # low floors: dev data is for measuring; the fallback must not be worse than the sentence
    assert scores["accuracy_sentence"] >= 0.4
    assert scores["accuracy_fallback"] >= scores["accuracy_sentence"]


@pytest.mark.parametrize(
    ("pred", "gold", "precision", "ok"),
    [
        (dt.date(2025, 2, 17), dt.date(2025, 2, 17), "day", True),
        (dt.date(2025, 2, 18), dt.date(2025, 2, 17), "day", False),
        (dt.date(2025, 2, 23), dt.date(2025, 2, 17), "week", True),
        (dt.date(2025, 2, 24), dt.date(2025, 2, 17), "week", False),
        (dt.date(2025, 2, 28), dt.date(2025, 2, 1), "month", True),
        (dt.date(2024, 12, 31), dt.date(2024, 1, 1), "year", True),
        (None, dt.date(2024, 1, 1), "year", False),
    ],
)
def test_date_comparison_follows_the_guide(
    pred: dt.date | None, gold: dt.date, precision: str, ok: bool
) -> None:
    assert date_matches(pred, gold, precision) is ok


if __name__ == "__main__":
    for key, value in evaluate().items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
