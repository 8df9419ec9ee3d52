"""A role word («المحلل», «الخبير») used later refers back to the named person it introduced."""

from __future__ import annotations

from typing import Any

from marsad.analyze import analyze_text


def test_role_refers_back_to_a_recognised_person(pipeline: Any) -> None:
    text = ("تحدثت الجريدة مع المحلل السياسي عبد الرحيم الشرقاوي، الذي أكد أن الوضع مستقر في المنطقة.\n\n"
            "وأوضح المحلل أن الحكومة مطالبة بإصلاحات عاجلة.")
    rec = analyze_text(text, pipeline)
    speakers = {q["cue"]: q["speaker"] for q in rec["quotes"]}
    assert speakers["أكد"]["text"] == "عبد الرحيم الشرقاوي"
    assert speakers["أوضح"]["entity"] == speakers["أكد"]["entity"] is not None
