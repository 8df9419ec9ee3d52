"""Attribution words («حسب», «بحسب», «وفق», «وفقا لـ», «جاء في») are quotes (annotation guide): the
word is the cue, who follows it the speaker, the reported clause before or after it the content."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.text.fold import fold


def _only(rec: dict[str, Any]) -> dict[str, Any]:
    assert len(rec["quotes"]) == 1, [q["cue"] for q in rec["quotes"]]
    q: dict[str, Any] = rec["quotes"][0]
    return q


def test_attribution_opening_the_sentence_reports_what_follows(analyse) -> None:  # type: ignore[no-untyped-def]
    q = _only(analyse("وحسب مصادر محلية، فإن المهاجمين فروا نحو الجبال بعد الهجوم."))
    assert fold(q["cue"]) == "حسب"
    assert q["speaker"]["text"] == "مصادر محلية"
    assert q["evidence"]["text"].startswith("المهاجمين فروا")


def test_attribution_closing_the_sentence_reports_what_precedes(analyse) -> None:  # type: ignore[no-untyped-def]
    q = _only(analyse("ونظر المجلس الوزاري في جملة من الإجراءات لمواجهة الأزمة، بحسب بيان أصدرته رئاسة الحكومة."))
    assert fold(q["cue"]) == "بحسب"
    assert q["speaker"]["text"].startswith("بيان")
    assert "نظر المجلس الوزاري" in q["evidence"]["text"]
    assert "بحسب" not in q["evidence"]["text"]


def test_wifqan_li_with_an_institution(analyse) -> None:  # type: ignore[no-untyped-def]
    q = _only(analyse("ويتوقع أن يرتفع عدد المهاجرين هذا العام، وفقاً لوزارة الداخلية."))
    assert fold(q["cue"]) == "وفقا"
    assert "وزارة الداخلية" in q["speaker"]["text"]


def test_ja_a_fi_a_statement(analyse) -> None:  # type: ignore[no-untyped-def]
    q = _only(analyse("وجاء في بيان للوزارة أن الحدود ستبقى مغلقة حتى إشعار آخر."))
    assert fold(q["cue"]) == "جاء في"
    assert q["speaker"]["text"].startswith("بيان")
    assert q["evidence"]["text"].startswith("الحدود ستبقى")


def test_darija_attribution_with_an_outlet(analyse) -> None:  # type: ignore[no-untyped-def]
    q = _only(analyse("العقار، حسب مصدر مهني لـ”كود”، “خصو ثروة حقيقية باش القطاع يكون منظم”."))
    assert fold(q["cue"]) == "حسب"
    assert "كود" not in (q["speaker"]["text"] or "")
    assert q["evidence"]["text"].startswith("خصو ثروة")


def test_the_verb_after_hasab_ma_is_the_cue(analyse) -> None:  # type: ignore[no-untyped-def]
    q = _only(analyse("قتل ثلاثة مدنيين في قصف على البلدة، بحسب ما أفاد المرصد السوري لحقوق الإنسان."))
    assert fold(q["cue"]) == "افاد"


@pytest.mark.parametrize(
    "text",
    ["وتختلف الأسعار حسب المنطقة والموسم.", "وتم ذلك وفق القانون المعمول به.", "وجاء في المرتبة الثانية فريق الرجاء."],
)
def test_no_speaker_no_attribution(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    assert analyse(text)["quotes"] == []


def test_attribution_through_a_statement_noun(analyse) -> None:  # type: ignore[no-untyped-def]
    q = _only(analyse("وبحسب تصريح لمصدر أمني، فإن الخلية كانت تخطط لهجمات في العاصمة."))
    assert fold(q["cue"]) == "بحسب"
    assert "مصدر أمني" in q["speaker"]["text"]
    assert q["evidence"]["text"].startswith("الخلية كانت")
