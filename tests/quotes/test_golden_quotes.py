"""Golden quote tests on Arabic sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.text.fold import fold


def _cues(rec: dict[str, Any]) -> list[str]:
    return [fold(q["cue"]) for q in rec["quotes"]]


def test_reported_speech_with_role_speaker(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وقال الناطق الرسمي باسم الحكومة إن الوضع الأمني تحت السيطرة التامة.")
    q = rec["quotes"][0]
    assert fold(q["cue"]) == "قال"
    assert q["speaker"]["text"].startswith("الناطق الرسمي")
    assert q["evidence"]["text"].startswith("الوضع الأمني")
    assert q["kind"] == "indirect"


def test_later_bare_verb_takes_the_named_speaker(analyse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "صرح الباحث في الشؤون الأمنية كريم بنعلي بأن التهديدات ما زالت قائمة. "
        "وأضاف أن التنسيق بين الأجهزة ضروري. وتابع موضحا أن اليقظة مطلوبة."
    )
    rec = analyse(text)
    assert _cues(rec) == ["صرح", "اضاف", "تابع موضحا"]
    speakers = {q["speaker"]["text"] for q in rec["quotes"]}
    assert len(speakers) == 1


def test_cue_with_following_participle_is_one_cue(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("واستطرد قائلًا إن الحكومة ماضية في الإصلاحات. واختتم حديثه قائلا إن المستقبل واعد.")
    assert _cues(rec) == ["استطرد قائلا", "اختتم حديثه قائلا"]


def test_also_is_no_part_of_the_cue(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وأكد أيضًا أن الميزانية سترتفع خلال العام المقبل.")
    assert _cues(rec) == ["اكد"]  # the corpus codes «وقال أيضا» with the cue «قال»


def test_institution_speaker(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وأفاد بلاغ لوزارة الداخلية أن المصالح المختصة فتحت تحقيقا في الحادث.")
    q = rec["quotes"][0]
    assert fold(q["cue"]) == "افاد"
    assert "بلاغ" in q["speaker"]["text"]
    assert q["evidence"]["text"].startswith("المصالح المختصة")


def test_direct_speech_after_colon(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وقال المتحدث باسم الجيش: «لن نسمح بأي تهديد لحدودنا».")
    q = rec["quotes"][0]
    assert q["kind"] == "direct"
    assert q["evidence"]["text"].startswith("لن نسمح")


def test_participle_continues_the_speaker(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أعلنت وزارة الصحة تسجيل إصابات جديدة، مشيرة إلى أن الوضع مستقر.")
    assert _cues(rec) == ["اعلنت", "مشيره"]
    assert rec["quotes"][1]["evidence"]["text"].startswith("الوضع مستقر")


def test_content_before_the_cue_after_hasbama(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل جنديان في كمين قرب الحدود، حسبما ذكرت مصادر محلية.")
    q = rec["quotes"][0]
    assert fold(q["cue"]) == "ذكرت"
    assert q["evidence"]["text"].startswith("قتل جنديان")


def test_media_name_in_guillemets_is_not_the_quote(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وقال المسؤول لـ«الصباح» إن المفاوضات ستستأنف الأسبوع المقبل.")
    assert rec["quotes"][0]["evidence"]["text"].startswith("المفاوضات")


@pytest.mark.parametrize(
    "text",
    [
        "لم يؤكد المسؤول صحة هذه الأخبار.",
        "وبالإضافة إلى ذلك، تشمل الإشارة الجديدة كل الطرق.",
        "يقع المبنى بين المسجد والمدرسة.",
    ],
)
def test_not_quotes(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    assert analyse(text)["quotes"] == []


def test_a_town_after_the_cue_is_where_not_who_but_a_state_speaks(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قال في الخالدية مسؤول محلي إن القوات تتقدم نحو المدينة.")
    assert [q["speaker"].get("text") for q in rec["quotes"]] != ["الخالدية"]
    assert rec["quotes"], "the quote itself is still found"
    rec = analyse("وقالت مصر إنها ترفض أي تدخل أجنبي.")
    assert [q["speaker"].get("text") for q in rec["quotes"]] == ["مصر"]


def test_a_time_phrase_after_the_cue_is_no_speaker(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وكانت الحركة قد أعلنت منتصف أغسطس الماضي أنها ستنسحب من المفاوضات.")
    assert rec["quotes"], "the reported speech is still found"
    assert all("أغسطس" not in (q["speaker"].get("text") or "") for q in rec["quotes"])
