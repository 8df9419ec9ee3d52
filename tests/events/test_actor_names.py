"""A state organ acts for its state: the actor carries the state's code and its English name."""

from __future__ import annotations

from typing import Any

from marsad.analyze import analyze_text


def test_an_agency_acts_for_its_state_by_name(pipeline: Any) -> None:
    rec = analyze_text("أوقفت المديرية العامة للأمن الوطني، أمس، ثلاثة أشخاص بمدينة طنجة.", pipeline,
                       published="2025-03-05")  # fmt: skip
    (event,) = [e for e in rec["events"] if e["mode"] == "arrest"]
    assert event["actor"]["code"] == "MAR" and event["actor"]["name"] == "Morocco"
    assert event["place"]["name"] == "Tangier" and event["date"]["value"] == "2025-03-04"
    assert event["counts"]["people"] == 3
