"""Speaker resolution on Arabic sentences written for these tests: the grammatical subject of the
cue, before or after it, a role or institution when no person is named, never an outlet or a
place that merely precedes the cue."""

from __future__ import annotations

from typing import Any

from marsad.text.fold import fold


def _speaker_of(rec: dict[str, Any], cue: str) -> str:
    q = next(q for q in rec["quotes"] if fold(q["cue"]) == cue)
    return str(q["speaker"]["text"] or "")


def test_the_outlet_of_a_statement_is_no_speaker(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وقال المسؤول الأمني في تصريح لـ«الشرق الأوسط» إن الوضع تحت السيطرة.")
    assert _speaker_of(rec, "قال") == "المسؤول الأمني"
    rec = analyse("وأكد المصدر نفسه لـ”كود” أن التحقيقات متواصلة.")
    assert "كود" not in _speaker_of(rec, "اكد")


def test_a_participle_keeps_the_sentence_speaker_not_a_country_before_it(analyse) -> None:  # type: ignore[no-untyped-def]
    text = ("وقال وزير الداخلية إن الحدود آمنة. وأضاف أن القوات منتشرة على الحدود مع تركيا، "
            "مشيرا إلى أن الوضع مستقر.")  # fmt: skip
    rec = analyse(text)
    assert _speaker_of(rec, "مشيرا") == _speaker_of(rec, "قال")
    assert "تركيا" not in _speaker_of(rec, "مشيرا")


def test_a_place_ending_the_previous_sentence_is_no_speaker(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وصل الوفد الحكومي مساء أمس إلى تونس. وأضاف أن المحادثات ستستمر أسبوعا.")
    assert _speaker_of(rec, "اضاف") != "تونس"


def test_speaker_after_the_cue_when_the_content_precedes(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل جنديان في كمين قرب الحدود، على ما أعلن مصدر عسكري.")
    q = rec["quotes"][0]
    assert fold(q["cue"]) == "اعلن" and q["speaker"]["text"] == "مصدر عسكري"
    assert q["evidence"]["text"].startswith("قتل جنديان")
    rec = analyse("وسقط ثلاثة قتلى في القصف، حسبما أفاد المرصد.")
    assert _speaker_of(rec, "افاد") == "المرصد"


def test_institution_named_by_its_role_noun(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أعلنت المديرية الجهوية للصحة اليوم الاثنين تسجيل إصابات جديدة.")
    assert _speaker_of(rec, "اعلنت").startswith("المديرية الجهوية للصحة")
    assert "اليوم" not in _speaker_of(rec, "اعلنت")


def test_role_subject_before_the_cue(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("لكن المصادر رجحت أن يكون ذلك في نهاية الشهر الحالي.")
    assert _speaker_of(rec, "رجحت") == "المصادر"
    rec = analyse("وكانت النقابة قد أعلنت أنها ستخوض إضرابا عن العمل.")
    assert _speaker_of(rec, "اعلنت") == "النقابة"


def test_a_preposition_before_the_complementizer_is_no_part_of_the_speaker(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وشدد وزير الخارجية السعودي على أن الأزمة لا تحل إلا بالحوار.")
    assert _speaker_of(rec, "شدد") == "وزير الخارجية السعودي"
    rec = analyse("وشدد على أن الحل سياسي.")
    assert _speaker_of(rec, "شدد") != "على"


def test_an_honorific_is_the_person_it_honours(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وقال الشيخ عبدالعزيز آل الشيخ إن الفتنة أشد من القتل. وأكد سماحته أن الأمن نعمة.")
    assert _speaker_of(rec, "اكد") == _speaker_of(rec, "قال") != "سماحته"
